package ai.peeker.example

import ai.peeker.core.Local
import ai.peeker.core.Order
import ai.peeker.core.OrderStatus
import ai.peeker.core.plainJson
import ai.peeker.core.signWebhook
import com.sun.net.httpserver.HttpServer
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.net.InetSocketAddress
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * Runs the Kotlin example of bindings-mobile/README.md (BuyDomains.kt, which must be the
 * README's block verbatim) against the local Peeker: a real order, its real webhooks.
 */
class ReadmeTest {
    private val readme: Path = Path.of(System.getProperty("peeker.readme") ?: "../README.md")
    private val example: Path = Path.of(System.getProperty("peeker.example") ?: "src/test/kotlin/ai/peeker/example/BuyDomains.kt")

    companion object {
        private val tag = System.nanoTime().toString(36)
        val picked = listOf("readme-$tag.com", "readme-$tag.io", "readme-mail-$tag.io")

        /** The example's run, once for the tests that look at it: the order and what was printed. */
        val run: Pair<Order, String> by lazy { printed { runExample(Local.env, picked) } }

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
    }

    @Test
    fun `the README's Kotlin block is BuyDomains_kt`() {
        val text = Files.readString(readme)
        val marker = text.indexOf("<!-- kotlin-example -->")
        assertTrue(marker >= 0, "no <!-- kotlin-example --> marker in $readme")
        val start = text.indexOf("```kotlin\n", marker) + "```kotlin\n".length
        val block = text.substring(start, text.indexOf("```\n", start))
        assertEquals(Files.readString(example), block, "$readme and $example differ: keep them identical")
    }

    @Test
    fun `the example buys the domains and its webhook endpoint receives order_completed`() {
        val (order, output) = run
        assertEquals(OrderStatus.Completed, order.status)
        assertEquals(3L, order.domainCount)
        assertEquals(picked, plainJson(order.domains!!.registeredJson!!))
        val lines = output.lines()
        assertTrue("bundle ${order.bundleId} needs 3 domains: Microsoft [${picked[0]}], Google [${picked[1]}, ${picked[2]}]" in lines, output)
        assertTrue(lines.any { it.startsWith("webhook: order ${order.id} completed, 3 domains (event evt_") }, output)
        assertTrue("GET /orders/${order.id}: completed, the order the webhook carried" in lines, output)
        for (secret in listOf(Local.apiKey, Local.secret, "s3cret-Pa55")) assertFalse(output.contains(secret), "a secret was printed")
        // The server's side: the event was delivered to the example's endpoint, which answered 200.
        val events = Local.call("GET", "/events?type=order.completed&target=${order.id}").list
        val deliveries = events.single()["deliveries"]!!.list
        assertTrue(deliveries.any { it["status"]!!.string == "delivered" && it["last_status"]!!.int == 200 }, events.toString())
    }

    @Test
    fun `the webhook endpoint refuses a tampered copy of that delivery`() {
        val (order, _) = run
        val eventId = Local.call("GET", "/events?type=order.completed&target=${order.id}").list.single()["id"]!!.string
        val body = Local.call("GET", "/events/$eventId")["event"]!!.raw.toByteArray()
        val webhooks = Webhooks(listOf(Local.secret))
        val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
        server.createContext("/webhooks/peeker", webhooks)
        server.start()
        fun deliver(body: ByteArray, signed: ByteArray): Int {
            val now = System.currentTimeMillis() / 1000
            val request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:${server.address.port}/webhooks/peeker"))
                .header("Peeker-Timestamp", now.toString())
                .header("Peeker-Signature", signWebhook(Local.secret, now, signed))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode()
        }
        try {
            val tampered = String(body).replace(order.id, "ord_someone_else").toByteArray()
            assertEquals(400, deliver(tampered, signed = body))
            assertFalse(webhooks.completed("ord_someone_else").isDone)
            assertEquals(200, deliver(body, signed = body))
            assertEquals(order, webhooks.completed(order.id).get(5, TimeUnit.SECONDS))
        } finally {
            server.stop(0)
        }
    }
}
