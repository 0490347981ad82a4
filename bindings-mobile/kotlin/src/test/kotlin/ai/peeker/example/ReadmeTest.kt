package ai.peeker.example

import ai.peeker.core.OrderStatus
import ai.peeker.core.PeekerException
import ai.peeker.core.canonicalize
import ai.peeker.core.parseGetSwapResponse
import ai.peeker.core.signWebhook
import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import com.sun.net.httpserver.HttpsConfigurator
import com.sun.net.httpserver.HttpsServer
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.net.InetSocketAddress
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.security.KeyStore
import java.util.concurrent.TimeUnit
import javax.net.ssl.KeyManagerFactory
import javax.net.ssl.SSLContext
import javax.net.ssl.TrustManagerFactory

/**
 * Runs the Kotlin example of bindings-mobile/README.md (BuyDomains.kt, which
 * must be the README's block verbatim) against a local HTTPS server that answers
 * with recorded Peeker responses, then delivers a signed webhook to its handler.
 */
class ReadmeTest {
    private val readme: Path = Path.of(System.getProperty("peeker.readme") ?: "../README.md")
    private val example: Path = Path.of(System.getProperty("peeker.example") ?: "src/test/kotlin/ai/peeker/example/BuyDomains.kt")
    private val apiKey = "pk_test_README0key"

    @Test
    fun `the README's Kotlin block is BuyDomains_kt`() {
        val text = Files.readString(readme)
        val marker = text.indexOf("<!-- kotlin-example -->")
        assertTrue(marker >= 0, "no <!-- kotlin-example --> marker in $readme")
        val start = text.indexOf("```kotlin\n", marker) + "```kotlin\n".length
        val block = text.substring(start, text.indexOf("```\n", start))
        assertEquals(Files.readString(example), block, "$readme and $example differ: keep them identical")
    }

    /** A TLS context with a fresh self-signed certificate for 127.0.0.1 (keytool, kept under target/). */
    private fun tls(): SSLContext {
        val store = Path.of("target/readme-tls/localhost.p12")
        val password = "changeit".toCharArray()
        if (!Files.exists(store)) {
            Files.createDirectories(store.parent)
            val keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString()
            val process = ProcessBuilder(
                keytool, "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "local", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "3650",
            ).redirectErrorStream(true).start()
            val output = process.inputStream.readAllBytes().toString(Charsets.UTF_8)
            check(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) { "keytool failed: $output" }
        }
        val keys = KeyStore.getInstance("PKCS12").apply { Files.newInputStream(store).use { load(it, password) } }
        val keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm()).apply { init(keys, password) }
        val trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).apply { init(keys) }
        return SSLContext.getInstance("TLS").apply { init(keyManagers.keyManagers, trustManagers.trustManagers, null) }
    }

    private fun recorded(name: String): ByteArray =
        javaClass.getResourceAsStream("/recorded/$name")!!.use { it.readAllBytes() }

    private fun respond(exchange: HttpExchange, status: Int, body: ByteArray) {
        exchange.responseHeaders.add("Content-Type", "application/json")
        exchange.responseHeaders.add("Peeker-Request-Id", "req_readme_${exchange.requestURI.path.hashCode()}")
        exchange.sendResponseHeaders(status, body.size.toLong())
        exchange.responseBody.use { it.write(body) }
    }

    /** Captures what [block] prints, so the test can check that no secret was printed. */
    private fun <T> printed(block: () -> T): Pair<T, String> {
        val out = ByteArrayOutputStream()
        val previous = System.out
        System.setOut(PrintStream(out, true, Charsets.UTF_8))
        try {
            return block() to out.toString(Charsets.UTF_8)
        } finally {
            System.setOut(previous)
            print(out.toString(Charsets.UTF_8))
        }
    }

    @Test
    fun `the buying-domains flow runs against recorded responses`() {
        val ssl = tls()
        val received = mutableListOf<Triple<String, String, ByteArray>>()
        val api = HttpsServer.create(InetSocketAddress("127.0.0.1", 0), 0)
        api.httpsConfigurator = HttpsConfigurator(ssl)
        api.createContext("/partner/v1/") { exchange ->
            val body = exchange.requestBody.readAllBytes()
            received += Triple("${exchange.requestMethod} ${exchange.requestURI.path}", exchange.requestHeaders.getFirst("Authorization"), body)
            when ("${exchange.requestMethod} ${exchange.requestURI.path}") {
                "GET /partner/v1/bundles/bun_123" -> respond(exchange, 200, recorded("get_bundle.json"))
                "POST /partner/v1/domains/availability" -> respond(exchange, 200, recorded("check_availability.json"))
                "POST /partner/v1/orders" -> respond(exchange, 200, recorded("create_order.json"))
                else -> respond(exchange, 404, """{"error":{"code":"not_found","message":"no such route"}}""".toByteArray())
            }
        }
        api.start()
        val http = HttpClient.newBuilder().sslContext(ssl).build()
        try {
            val (receipt, output) = printed { buyDomains(http, apiKey, "https://127.0.0.1:${api.address.port}/partner/v1") }
            assertEquals(200, receipt.status)
            assertEquals("ord_01J2READMEORDER0000000000", receipt.data.id)
            assertEquals(OrderStatus.InProgress, receipt.data.status)
            assertEquals("req_readme_${"/partner/v1/orders".hashCode()}", receipt.requestId)
            assertEquals(listOf("GET /partner/v1/bundles/bun_123", "POST /partner/v1/domains/availability", "POST /partner/v1/orders"),
                received.map { it.first })
            assertTrue(received.all { it.second == "Bearer $apiKey" })
            // What reached the server is exactly the order's canonical bytes.
            val order = received.last().third.toString(Charsets.UTF_8)
            assertTrue(order.startsWith("{\"bundle_id\":\"bun_123\",\"domains\":[\"acme-mail.com\",\"acme-team.com\"]"), order)
            assertEquals(canonicalize(order), order)
            assertTrue(output.contains("Microsoft: [acme-mail.com], Google: [acme-team.com]"), output)
            assertFalse(output.contains(apiKey) || output.contains("s3cret-Pa55"), output)
            // An API error reaches the caller as PeekerException.Api with Peeker's code.
            val missing = assertThrows<PeekerException.Api> {
                ai.peeker.core.Client(apiKey, "https://127.0.0.1:${api.address.port}/partner/v1").use {
                    send(http, it.getSwap("swp_404"), ::parseGetSwapResponse)
                }
            }
            assertEquals("not_found", missing.code)
            assertEquals(404, missing.status)
        } finally {
            api.stop(0)
        }
    }

    @Test
    fun `the webhook handler verifies the raw body`() {
        val secret = "whsec_readme_6a1f"
        val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
        server.createContext("/webhooks/peeker") { handleWebhook(it, listOf(secret)) }
        server.start()
        val http = HttpClient.newHttpClient()
        fun deliver(body: ByteArray, signed: ByteArray = body): Int {
            val now = System.currentTimeMillis() / 1000
            val request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:${server.address.port}/webhooks/peeker"))
                .header("Peeker-Event-Id", "evt_01J2README0000000000000")
                .header("Peeker-Timestamp", now.toString())
                .header("Peeker-Signature", signWebhook(secret, now, signed))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()
        }
        try {
            val event = recorded("order_completed.json")
            val (status, output) = printed { deliver(event) }
            assertEquals(200, status)
            assertTrue(output.contains("order ord_01J2READMEORDER0000000000 completed: 2 domains (event evt_01J2README"), output)
            val tampered = String(event).replace("7400", "1").toByteArray()
            assertEquals(400, deliver(tampered, signed = event))
        } finally {
            server.stop(0)
        }
    }
}
