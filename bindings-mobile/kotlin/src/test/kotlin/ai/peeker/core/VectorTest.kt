package ai.peeker.core

import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory
import java.nio.file.Files
import java.nio.file.Path

/** Runs every case of tests/vectors/ against the Kotlin API, one test per case (as core/tests/vectors.rs). */
class VectorTest {
    private val dir: Path = Path.of(System.getProperty("peeker.vectors") ?: "../../tests/vectors")

    private fun read(path: Path): String = Files.readString(path, Charsets.UTF_8)

    /** A dynamic test whose failure message starts with its name (Surefire's console shows only "cases()[12]"). */
    private fun named(name: String, body: () -> Unit): DynamicTest = dynamicTest(name) {
        try {
            body()
        } catch (e: AssertionError) {
            throw AssertionError("$name: ${e.message}", e)
        }
    }

    @TestFactory
    fun cases(): List<DynamicTest> = listOf("canonicalize.json", "webhooks.json").flatMap { file ->
        val list = JSONArray(read(dir.resolve(file)))
        check(list.length() > 0) { "no cases in $file" }
        (0 until list.length()).map { i ->
            val case = list.getJSONObject(i)
            named("$file: ${case.optString("name", "?")}") { run(case) }
        }
    }

    /** Compare a result with the case's `expect`: `{error: code}` or a value check. */
    private fun <T> expect(case: JSONObject, call: () -> T, check: (JSONObject, T) -> Boolean) {
        val expected = case.getJSONObject("expect")
        val code: String? = expected.optString("error", null)
        val value = try {
            call()
        } catch (e: PeekerException) {
            assertEquals(code, e.code, "unexpected error $e")
            return
        }
        if (code != null) fail<Unit>("expected error $code, got $value")
        assertTrue(check(expected, value), "got $value")
    }

    private fun run(case: JSONObject) {
        val body by lazy { case.getString("body").toByteArray(Charsets.UTF_8) }
        when (val op = case.getString("op")) {
            "canonicalize" -> expect(case, { canonicalize(case.getString("input")) }) { expected, out ->
                expected.getString("output") == out
            }
            "sign" -> expect(case, { signWebhook(case.getString("secret"), case.getLong("timestamp"), body) }) { expected, sig ->
                expected.getString("signature") == sig
            }
            "verify" -> {
                val headers = case.getJSONArray("headers").map { (it as JSONArray).let { p -> p.getString(0) to p.getString(1) } }.toMap()
                val secrets = case.getJSONArray("secrets").map { it as String }
                val now = case.getLong("now")
                // Without "tolerance" the case relies on the binding's default (300).
                val call = if (case.has("tolerance")) {
                    { verifyWebhook(body, headers, secrets, now, case.getLong("tolerance")) }
                } else {
                    { verifyWebhook(body, headers, secrets, now) }
                }
                expect(case, call) { expected, verified ->
                    val ok = expected.getJSONObject("ok")
                    val eventId = if (ok.isNull("event_id")) null else ok.getString("event_id")
                    ok.getLong("timestamp") == verified.timestamp && eventId == verified.eventId
                }
            }
            else -> fail("unknown op $op")
        }
    }

    /** One RFC 8785 sample: input canonicalizes to output, byte for byte (outhex). */
    @TestFactory
    fun rfc8785(): List<DynamicTest> =
        listOf("arrays", "french", "structures", "unicode", "values", "weird").map { name ->
            named("rfc8785: $name.json") {
                val base = dir.resolve("rfc8785")
                val out = canonicalize(read(base.resolve("input/$name.json")))
                val hex = read(base.resolve("outhex/$name.txt")).filterNot { it.isWhitespace() }
                assertEquals(read(base.resolve("output/$name.json")), out)
                assertEquals(hex, out.toByteArray(Charsets.UTF_8).joinToString("") { "%02x".format(it) })
            }
        }

    /** Every line of es6-numbers.txt: the double with those IEEE bits, written by
     *  Double.toString, canonicalizes to the ECMAScript form. One test for all lines. */
    @TestFactory
    fun es6Numbers(): List<DynamicTest> = listOf(named("rfc8785: es6-numbers.txt") {
        var checked = 0
        for (line in read(dir.resolve("rfc8785/es6-numbers.txt")).lines().filter { it.isNotEmpty() }) {
            val (bits, expected) = line.split(',', limit = 2)
            val value = java.lang.Double.longBitsToDouble(java.lang.Long.parseUnsignedLong(bits, 16))
            val out = canonicalize(value.toString())
            if (out != expected) fail<Unit>("$bits ($value): got $out, expected $expected")
            checked++
        }
        assertTrue(checked >= 20_000, "only $checked lines")
    })
}
