package ai.peeker.core

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** What the vectors cannot show: Kotlin types, redaction, the default clock. */
class HostTest {
    private val body = """{"id":"evt_1","type":"order.completed","data":{}}""".toByteArray()
    private fun nowSeconds() = System.currentTimeMillis() / 1000
    private fun headers(timestamp: Long, signature: String) =
        mapOf("Peeker-Timestamp" to timestamp.toString(), "Peeker-Signature" to signature)

    @Test
    fun `errors are subclasses of PeekerException with a code`() {
        val json = assertThrows<PeekerException.Json> { canonicalize("[1,]") }
        assertEquals("invalid_json", json.code)
        assertEquals(1, json.line)
        val config = assertThrows<PeekerException.Config> { signWebhook("", 1, body) }
        assertEquals("invalid_argument", config.code)
        val base: PeekerException = assertThrows<PeekerException.Webhook> {
            verifyWebhook(body, mapOf("Peeker-Signature" to "v1=00"), listOf("whsec_x"), 1)
        }
        assertEquals("missing_header", base.code) // extension property on the base type
        assertFalse(base.detail.isEmpty())
    }

    @Test
    fun `a wrong secret never shows up in the error`() {
        val signature = signWebhook("whsec_the_right_one", 5, body)
        val e = assertThrows<PeekerException> {
            verifyWebhook(body, headers(5, signature), listOf(" whsec_leaky_value "), 5)
        }
        assertEquals("signature_mismatch", e.code)
        for (text in listOf(e.message.orEmpty(), e.toString(), e.detail, e.stackTraceToString())) {
            assertFalse(text.contains("leaky") || text.contains("the_right_one"), text)
        }
    }

    @Test
    fun `now defaults to the device clock`() {
        val now = nowSeconds()
        val verified = verifyWebhook(body, headers(now, signWebhook("whsec_x", now, body)), listOf("whsec_x"), null)
        assertEquals(now, verified.timestamp)
        assertNull(verified.eventId)
        val old = now - 3600
        val e = assertThrows<PeekerException.Webhook> {
            verifyWebhook(body, headers(old, signWebhook("whsec_x", old, body)), listOf("whsec_x"))
        }
        assertEquals("timestamp_too_old", e.code)
    }
}
