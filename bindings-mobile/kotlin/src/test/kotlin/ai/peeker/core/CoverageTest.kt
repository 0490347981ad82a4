package ai.peeker.core

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import java.lang.reflect.Method
import java.nio.file.Files
import java.nio.file.Path

/**
 * The Kotlin API covers tests/vectors/contract.json, checked by reflection on
 * the API itself (not on the generated [Dispatch]): every operation has a
 * typed builder on [Client] and a typed `parse<Operation>Response`, and both
 * a `build_request` and a `parse_response` vector; every validator has its
 * `validate<Name>`; every event type parses into its own [Event] case.
 */
class CoverageTest {
    private val dir: Path = Path.of(System.getProperty("peeker.vectors") ?: "../../tests/vectors")
    private val contract = Json.parse(Files.readString(dir.resolve("contract.json")))
    private val cases = Json.parse(Files.readString(dir.resolve("index.json")))["files"]!!.list
        .flatMap { Json.parse(Files.readString(dir.resolve(it.string))).list }

    /** The top-level functions (UniFFI writes them in peeker_core_ffi.kt). */
    private val functions: Map<String, Method> =
        Class.forName("ai.peeker.core.Peeker_core_ffiKt").methods.filterNot { it.isSynthetic }.associateBy { it.name }

    private fun pascal(name: String) = name.split('_', '.').joinToString("") { it.replaceFirstChar(Char::uppercase) }
    private fun camel(name: String) = pascal(name).replaceFirstChar(Char::lowercase)

    @TestFactory
    fun operations(): List<DynamicTest> = contract["operations"]!!.list.map { op ->
        val name = op["name"]!!.string
        dynamicTest(name) {
            val builder = Client::class.java.methods.singleOrNull { it.name == camel(name) && !it.isSynthetic }
                ?: error("Client has no $name builder")
            // Ids and texts are strings; bodies, queries and orders are records, never JSON text.
            val args = op["args"]!!.list.map { it.string }
            val texts = builder.parameterTypes.count { it == String::class.java }
            assertEquals(args.count { it == "id" || it == "forwarding_url" }, texts, "$name: ${builder.parameterTypes.toList()}")
            val parse = functions["parse${pascal(name)}Response"] ?: error("no parse${pascal(name)}Response")
            val data = parse.returnType.getMethod("getData").returnType
            assertNotEquals(String::class.java, data, "$name: data is JSON text")
            assertEquals(op["batch"]!!.plain == true, List::class.java.isAssignableFrom(builder.returnType), name)
            assertTrue(cases.any { it["op"]?.string == "build_request" && it["call"]?.string == name }, "$name: no build_request vector")
            assertTrue(cases.any { it["op"]?.string == "parse_response" && it["operation"]?.string == name }, "$name: no parse_response vector")
            assertEquals(name, Operation.valueOf(name.uppercase()).name.lowercase())
        }
    }

    @Test
    fun validators() {
        for (validator in contract["validators"]!!.list.map { it.string }) {
            val function = functions["validate${pascal(validator)}"] ?: error("no validate${pascal(validator)}")
            assertEquals(Report::class.java, function.returnType, validator)
        }
    }

    @Test
    fun `every event type has its own case with typed data`() {
        for (type in contract["events"]!!.list.map { it.string }) {
            val event = parseEvent("""{"id": "evt_1", "type": "$type", "data": {"id": "x_1"}}""".toByteArray())
            assertEquals(pascal(type), event.javaClass.simpleName, type)
            assertEquals(type, event.typeName())
            assertEquals("x_1", event.dataId())
            assertNotEquals(String::class.java, event.javaClass.getMethod("getData").returnType, type)
        }
        val unknown = parseEvent("""{"id": "evt_1", "type": "invoice.paid", "data": {"id": "x_1"}}""".toByteArray())
        assertEquals(Event.Unknown("evt_1", "invoice.paid", null, """{"id":"x_1"}""", null), unknown)
    }
}
