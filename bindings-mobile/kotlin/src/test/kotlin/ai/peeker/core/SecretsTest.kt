package ai.peeker.core

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * The API key, webhook secrets and the Smartlead password never show up in a
 * toString, an exception's message or stack trace, or a violation (DESIGN.md
 * principle 5). Each secret below is a marker that must appear nowhere.
 */
class SecretsTest {
    private val key = "pk_test_KEYMARKER7f3a"
    private val password = "PASSWORDMARKER-9b1c"
    private val markers = listOf("KEYMARKER", "PASSWORDMARKER", "SECRETMARKER")

    private fun assertClean(vararg texts: String) {
        for (text in texts) {
            for (marker in markers) assertFalse(text.contains(marker), "a secret leaked: $text")
        }
    }

    private fun assertClean(e: PeekerException) {
        assertClean(e.message.orEmpty(), e.toString(), e.detail, e.stackTraceToString(), e.localizedMessage.orEmpty())
        if (e is PeekerException.Validation) {
            assertClean(e.report.toString(), *e.report.violations.map { it.message }.toTypedArray())
        }
    }

    /** An order whose `login_password` is [passwordJson] (JSON text). */
    private fun order(passwordJson: String, email: String = "login@example.com") = """{
        "user": "client@example.com", "bundle_id": "bun_123",
        "sequencer": {"provider": "smartlead", "client_id": 366903, "login_email": "$email",
                      "login_password": $passwordJson},
        "domains": ["acme-mail.com", "acme-team.com"],
        "personas": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": null}]}"""

    @Test
    fun `the client and its requests never print the key`() {
        Client(key).use { client ->
            assertClean(client.toString())
            assertTrue(client.toString().contains("[redacted]"), client.toString())
            val request = client.getMe()
            assertEquals("Bearer $key", request.headers["Authorization"]) // the header itself must hold it
            assertClean(request.toString())
            assertTrue(request.toString().contains("Authorization=[redacted]"), request.toString())
        }
    }

    @Test
    fun `an order request never prints the password`() {
        Client(key).use { client ->
            val request = client.createOrder(newOrderFromJson(order("\"$password\"")))
            assertTrue(request.body!!.toString(Charsets.UTF_8).contains(password)) // the body must carry it
            assertClean(request.toString(), listOf(request).toString())
            assertTrue(request.toString().contains("body=<"), request.toString())
        }
    }

    @Test
    fun `no error message holds a secret`() {
        val errors = mutableListOf<PeekerException>()
        // Config: a key with a wrong prefix, a bad base URL next to a key.
        errors += assertThrows<PeekerException.Config> { Client("sk_live_KEYMARKER7f3a") }
        errors += assertThrows<PeekerException.Config> { Client("pk_test_KEYMARKER\n") }
        errors += assertThrows<PeekerException.Config> { Client(key, baseUrl = "http://api.peeker.ai") }
        // Validation: an order whose other fields are wrong, a password of the wrong type.
        Client(key).use { client ->
            errors += assertThrows<PeekerException.Validation> { client.createOrder(newOrderFromJson(order("\"$password\"", email = "not-an-email"))) }
            errors += assertThrows<PeekerException.Validation> { newOrderFromJson(order("[\"$password\"]")) }
            errors += assertThrows<PeekerException.Config> { newOrderFromJson("""{"sequencer": {"login_password": "$password"""") }
        }
        // Json: canonicalizing a broken text that holds the password.
        errors += assertThrows<PeekerException.Json> { canonicalize("""{"login_password": "$password", }""") }
        errors += assertThrows<PeekerException.Json> { canonicalize("""{"login_password": "$password", "login_password": 1}""") }
        // Webhook: a wrong secret, a secret with whitespace.
        val body = "{}".toByteArray()
        val signature = signWebhook("whsec_SECRETMARKER_right", 5, body)
        val headers = mapOf("Peeker-Timestamp" to "5", "Peeker-Signature" to signature)
        errors += assertThrows<PeekerException.Webhook> { verifyWebhook(body, headers, listOf(" whsec_SECRETMARKER_wrong "), 5) }
        errors += assertThrows<PeekerException.Webhook> { constructEvent(body, headers, listOf("whsec_SECRETMARKER_wrong"), 5) }
        // Api: an error response to a request that carried the key.
        errors += assertThrows<PeekerException.Api> {
            parseGetMeResponse(401, emptyMap(), """{"error":{"code":"unauthorized","message":"Invalid API key"}}""".toByteArray())
        }
        assertEquals(setOf("Config", "Validation", "Json", "Webhook", "Api"), errors.map { it::class.simpleName }.toSet())
        errors.forEach(::assertClean)
        // Validation reports themselves (no exception) hold no password either.
        val report = validateOrder(order("\"$password\"", email = "nope"))
        assertFalse(report.valid)
        assertClean(report.toString())
    }

    @Test
    fun `a NewOrder and its OrderSequencer never print the password`() {
        val sequencer = OrderSequencer(loginEmail = "login@example.com", loginPassword = password)
        val order = NewOrder("client@example.com", sequencer, listOf(OrderDomain("acme-mail.com")), listOf(PersonaInput("Sam", "Lee")))
        assertClean(order.toString(), sequencer.toString(), listOf(order).toString())
        assertTrue(order.toString().contains("login_password=[redacted]"), order.toString())
        assertTrue(order.toJson().contains(password)) // the body must carry it
        assertTrue(orderBody(order).toString(Charsets.UTF_8).contains(password))
    }
}
