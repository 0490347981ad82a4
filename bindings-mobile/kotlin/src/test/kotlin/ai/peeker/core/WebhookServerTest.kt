package ai.peeker.core

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import java.net.InetSocketAddress
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest as JavaRequest
import java.net.http.HttpResponse
import java.time.Duration

/**
 * A webhook endpoint in a real JVM HTTP server (com.sun.net.httpserver on
 * 127.0.0.1): the handler hands constructEvent the raw request bytes, answers
 * 200 with the event's data (as JSON), or 400 with the error's code and message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookServerTest {
    private val secret = "whsec_server_test_4c1d"
    private lateinit var server: HttpServer
    private val http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()

    /** Peeker's example full order (the contract's Order, spec/openapi.yaml) in an `order.completed` envelope. */
    private val completed = """{"id": "evt_50", "type": "order.completed", "created_at": "2026-05-08T12:00:00Z",
        "data": {"id": "ord_01HZX0OR1A2B3C4D5E6F7G8H", "user_id": "usr_01HZX0C6Z3K4M5N6P7Q8R9S0",
        "email": "client@example.com", "bundle_id": "bun_123", "status": "completed", "domain_count": 12,
        "costs": {"total_cents": 36800, "currency": "usd",
          "line_items": [{"type": "google_license", "quantity": 20, "amount_cents": 2000},
                         {"type": "microsoft_license", "quantity": 2, "amount_cents": 1800},
                         {"type": "domain_registration", "quantity": 10, "amount_cents": 33000}]},
        "domains": {"registered": ["domain-01.com", "domain-02.com"], "imported": ["team-acme.com"]},
        "users": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": null}],
        "created_at": "2026-05-08T12:00:00Z"}}""".toByteArray()

    private fun handle(exchange: HttpExchange) {
        exchange.let {
            val raw = it.requestBody.readAllBytes() // the raw bytes, never a parsed and re-serialized body
            val headers = it.requestHeaders.entries.associate { (name, values) -> name to values.joinToString(", ") }
            val (status, answer) = try {
                val event = constructEvent(raw, headers, listOf(secret))
                200 to event.dataJson()
            } catch (e: PeekerException) {
                400 to "${e.code}\n${e.detail}"
            }
            val bytes = answer.toByteArray()
            it.sendResponseHeaders(status, bytes.size.toLong())
            it.responseBody.use { out -> out.write(bytes) }
        }
    }

    @BeforeAll
    fun start() {
        server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
        server.createContext("/webhooks/peeker", ::handle)
        server.start()
    }

    @AfterAll
    fun stop() = server.stop(0)

    /** Posts [body] signed (over [signed], by default the body itself) at [timestamp]. */
    private fun post(body: ByteArray, timestamp: Long = System.currentTimeMillis() / 1000, signed: ByteArray = body): HttpResponse<String> {
        val request = JavaRequest.newBuilder(URI.create("http://127.0.0.1:${server.address.port}/webhooks/peeker"))
            .header("Content-Type", "application/json")
            .header("Peeker-Event-Id", "evt_50")
            .header("Peeker-Timestamp", timestamp.toString())
            .header("Peeker-Signature", signWebhook(secret, timestamp, signed))
            .POST(JavaRequest.BodyPublishers.ofByteArray(body))
            .timeout(Duration.ofSeconds(10))
            .build()
        return http.send(request, HttpResponse.BodyHandlers.ofString())
    }

    @Test
    fun `a signed order_completed gives 200 and the full order`() {
        val response = post(completed)
        assertEquals(200, response.statusCode(), response.body())
        val order = plainJson(response.body()) as Map<*, *>
        assertEquals("ord_01HZX0OR1A2B3C4D5E6F7G8H", order["id"])
        assertEquals("completed", order["status"])
        val costs = order["costs"] as Map<*, *>
        assertEquals(3, (costs["line_items"] as List<*>).size)
        assertEquals(listOf("domain-01.com", "domain-02.com"), (order["domains"] as Map<*, *>)["registered"])
    }

    @Test
    fun `a tampered body is refused with 400`() {
        val tampered = String(completed).replace("36800", "100").toByteArray()
        val response = post(tampered, signed = completed)
        assertEquals(400, response.statusCode())
        assertEquals("signature_mismatch", response.body().lines().first())
    }

    @Test
    fun `a stale delivery is refused with 400`() {
        val response = post(completed, timestamp = System.currentTimeMillis() / 1000 - 3600)
        assertEquals(400, response.statusCode())
        assertEquals("timestamp_too_old", response.body().lines().first())
    }

    @Test
    fun `a re-serialized body is refused and the message says to pass the raw body`() {
        // What a framework does when it parses the JSON and writes it again: same content, other bytes.
        val reserialized = canonicalize(String(completed)).toByteArray()
        val response = post(reserialized, signed = completed)
        assertEquals(400, response.statusCode())
        val (code, message) = response.body().split("\n", limit = 2)
        assertEquals("signature_mismatch", code)
        assertTrue(message.contains("raw request body"), message)
    }
}
