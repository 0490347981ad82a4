package ai.peeker.core

import java.lang.reflect.InvocationTargetException
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.nio.file.Files
import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows

/**
 * Strings are never changed (spec/DECISIONS.md D14): a Kotlin String holding a lone
 * surrogate is `invalid_argument` naming the argument (canonicalize's JSON text:
 * `invalid_string`), never UniFFI's MalformedInputException. A Swift String cannot
 * hold a lone surrogate, so Swift has no such case.
 */
class TextTest {
    // The message must never show the value: a marker before the surrogate.
    private val marker = "hunter2"
    private val lone = "$marker\uD800"
    private val body = "{}".toByteArray()

    private fun refused(expect: String, call: () -> Unit): PeekerException {
        val e = assertThrows<PeekerException> { call() }
        assertEquals("invalid_argument", e.code, e.detail)
        assertTrue(e.detail.contains("`$expect`"), e.detail)
        assertFalse(e.detail.contains(marker), e.detail)
        return e
    }

    /**
     * host-values.json in Kotlin: of its kinds only a String with a lone surrogate can be
     * built here, so its cases calling a function with a String parameter run
     * (sign_webhook_secret, canonicalize); order_body and verify_webhook_body have no
     * Kotlin form taking a String value (typed records or JSON text; bytes).
     */
    @TestFactory
    fun `host-value vectors with a String`(): List<DynamicTest> {
        val dir = Path.of(System.getProperty("peeker.vectors") ?: "../../tests/vectors")
        val cases = Json.parse(Files.readString(dir.resolve("host-values.json"), Charsets.UTF_8))["cases"]!!.list
        val calls: Map<String, (String) -> Any> = mapOf(
            "sign_webhook_secret" to { s -> signWebhook(s, 1, body) },
            "canonicalize" to { s -> canonicalize(s) },
        )
        val run = cases.filter { it["function"]!!.string in calls }
        assertTrue(run.size >= 2, "host-values.json: ${run.size} cases with a String")
        return run.map { case ->
            dynamicTest(case["name"]!!.string) {
                val value = case["value"]!!
                assertEquals("utf16", value["$"]?.string, "a Kotlin String is built from UTF-16 units only")
                val text = value["units"]!!.list.map { it.int.toChar() }.joinToString("")
                val expect = case["expect"]!!
                val call = calls.getValue(case["function"]!!.string)
                if (expect.has("body")) {
                    assertEquals(expect["body"]!!.string, call(text))
                } else {
                    assertEquals(expect["error"]!!.string, assertThrows<PeekerException> { call(text) }.code)
                }
            }
        }
    }

    @Test
    fun `every kind of argument names itself`() {
        refused("secret") { signWebhook(lone, 1, body) }
        refused("apiKey") { Client(lone) }
        refused("userAgent") { Client("pk_test_51abc", userAgent = lone) }
        refused("headers") { verifyWebhook(body, mapOf("Peeker-Signature" to lone), listOf("whsec_x"), 1) }
        refused("headers") { verifyWebhook(body, mapOf(lone to "v1=00"), listOf("whsec_x"), 1) }
        refused("secrets") { constructEvent(body, emptyMap(), listOf("whsec_x", lone), 1) }
        refused("order") { validateOrder("""{"user": "$lone"}""") }
        // A string inside a record, as an argument and as the receiver of a method.
        refused("UserCreate") { UserCreate(email = lone).toJson() }
        Client("pk_test_51abc").use { client ->
            refused("id") { client.getUser(lone) }
            refused("domains") { client.checkAvailability(listOf("example.com", lone)) }
            refused("body") { client.createUser(UserCreate(email = "jane@example.com", extraJson = "{\"a\": \"$lone\"}")) }
        }
        // A surrogate pair is a character, and the check passes it through unchanged.
        assertEquals("\"\uD83D\uDE00\"", canonicalize("\"\uD83D\uDE00\""))
        assertEquals("{\"a\":\"\uD83D\uDE00\"}", UserCreate(email = "\uD83D\uDE00").let { canonicalize("""{"a": "${it.email}"}""") })
    }

    @Test
    fun `canonicalize keeps the core's invalid_string`() {
        val e = assertThrows<PeekerException.Json> { canonicalize("[\"$lone\"]") }
        assertEquals("invalid_string", e.code)
        assertFalse(e.detail.contains(marker), e.detail)
    }

    /**
     * Every public function and Client method taking a String, a list or a map: each such
     * parameter in turn holds a lone surrogate, the others an ordinary value. Methods with a
     * record parameter are covered by the record cases above (the same generated walk).
     */
    @Test
    fun `every String parameter of the API gives the coded error`() {
        val api = Class.forName("ai.peeker.core.Peeker_core_ffiKt")
        Client("pk_test_51abc").use { client ->
            val methods = api.methods.filter { Modifier.isStatic(it.modifiers) }.map { it to null } +
                Client::class.java.declaredMethods.filter { Modifier.isPublic(it.modifiers) }.map { it to client }
            var tried = 0
            for ((method, receiver) in methods.filter { !it.first.isSynthetic && '$' !in it.first.name }) {
                val ordinary = method.parameterTypes.map(::ordinary)
                if (ordinary.any { it == Unfillable }) continue
                method.genericParameterTypes.forEachIndexed { i, type ->
                    val bad = badOf(type.typeName) ?: return@forEachIndexed
                    tried++
                    val args = ordinary.toMutableList().also { it[i] = bad }.toTypedArray()
                    val e = thrownBy(method, receiver, args)
                    val expect = if (method.name == "canonicalize") "invalid_string" else "invalid_argument"
                    assertEquals(expect, e.code, "${method.name} parameter $i: ${e.detail}")
                    assertFalse(e.detail.contains(marker), e.detail)
                }
            }
            // ~60 functions take a String, a list or a map (parse*Response, *FromJson, validate*, the client's builders).
            assertTrue(tried >= 60, "only $tried parameters tried")
        }
    }

    private object Unfillable

    private fun ordinary(type: Class<*>): Any? = when (type) {
        String::class.java -> "x"
        List::class.java -> emptyList<String>()
        Map::class.java -> emptyMap<String, String>()
        ByteArray::class.java -> body
        Int::class.javaPrimitiveType -> 200
        Long::class.javaPrimitiveType -> 1L
        Double::class.javaPrimitiveType -> 0.0
        java.lang.Long::class.java -> null
        else -> Unfillable
    }

    /** A value holding a lone surrogate for a parameter of this (generic) type, if it holds strings. */
    private fun badOf(type: String): Any? = when (type) {
        "java.lang.String" -> lone
        "java.util.List<java.lang.String>" -> listOf(lone)
        "java.util.Map<java.lang.String, java.lang.String>" -> mapOf("a" to lone)
        else -> null
    }

    private fun thrownBy(method: Method, receiver: Any?, args: Array<Any?>): PeekerException {
        try {
            method.invoke(receiver, *args)
        } catch (e: InvocationTargetException) {
            return e.targetException as? PeekerException
                ?: throw AssertionError("${method.name}: ${e.targetException}", e.targetException)
        }
        throw AssertionError("${method.name} accepted a lone surrogate")
    }
}
