package ai.peeker.core

import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.time.Duration

/** The optional Sender against the local Peeker: its fault injection, its pages, its order dedupe. */
class SenderTest {
    private val retries = mutableListOf<RetryAdvice>()
    private val sender = Sender(timeout = Duration.ofMillis(800), onRetry = { retries += it })
    private val client = Local.client()
    private val tag = System.nanoTime().toString(36)

    @AfterEach
    fun clear() {
        Local.call("DELETE", "/faults")
        client.close()
    }

    private fun millisSince(start: Long) = (System.nanoTime() - start) / 1_000_000

    private fun bundle(name: String = "sender-$tag"): Bundle =
        sender.send(Operation.CREATE_BUNDLE, client.createBundle(BundleCreate(name = name, monthlySendingVolume = 2500)),
            ::parseCreateBundleResponse).data

    @Test
    fun `a 429 is sent again after its Retry-After`() {
        Local.fault("get_me", "rate_limit", 1, "\"retry_after_seconds\": 1")
        val start = System.nanoTime()
        val me = sender.send(Operation.GET_ME, client.getMe(), ::parseGetMeResponse)
        assertEquals(200, me.status)
        assertEquals(listOf("rate_limited"), retries.map { it.reason })
        assertTrue(retries.single().delayMs in 1000..2000, retries.toString())
        assertTrue(millisSince(start) >= 1000)
        assertEquals(emptyList<Any>(), Local.faults())
    }

    @Test
    fun `500 and 503 are sent again with backoff`() {
        val id = bundle().id
        Local.fault("get_bundle", "server_error", 1)
        Local.fault("get_bundle", "unavailable", 1)
        val got = sender.send(Operation.GET_BUNDLE, client.getBundle(id), ::parseGetBundleResponse)
        assertEquals(id, got.data.id)
        assertEquals(listOf("server_error", "server_error"), retries.map { it.reason })
        assertEquals(emptyList<Any>(), Local.faults())
    }

    @Test
    fun `a dropped connection and an answer slower than the timeout are network failures, sent again`() {
        // A POST: java.net.http itself sends a GET again once when its connection is dropped.
        Local.fault("check_availability", "drop", 1)
        val rows = sender.send(Operation.CHECK_AVAILABILITY, client.checkAvailability(listOf("drop-$tag.com")).single(),
            ::parseCheckAvailabilityResponse).data.domains
        assertEquals(listOf(true), rows.map { it.available })
        Local.fault("get_me", "slow", 1, "\"delay_ms\": 3000")
        val start = System.nanoTime()
        assertEquals(200, sender.send(Operation.GET_ME, client.getMe(), ::parseGetMeResponse).status)
        assertTrue(millisSince(start) < 3000, "the slow answer was waited for")
        assertEquals(listOf("network_error", "network_error"), retries.map { it.reason })
        assertEquals(emptyList<Any>(), Local.faults())
    }

    @Test
    fun `what may have created something, and a client error, are not sent again`() {
        Local.fault("create_bundle", "server_error", 1)
        val failed = assertThrows<PeekerException.Api> { bundle() }
        assertEquals("server_error" to 500, failed.code to failed.status)
        val missing = assertThrows<PeekerException.Api> { sender.send(Operation.GET_SWAP, client.getSwap("swp_missing"), ::parseGetSwapResponse) }
        assertEquals("not_found" to 404, missing.code to missing.status)
        assertTrue(missing.requestId!!.startsWith("req_"))
        assertEquals(emptyList<RetryAdvice>(), retries)
    }

    /** A bundle of 3 domains (1 Microsoft, 2 Google) and an order of fresh names for it. */
    private fun order(): Triple<Bundle, List<AvailabilityRow>, NewOrder> {
        val bundle = bundle()
        val picked = listOf("retry-$tag.com", "retry-$tag.io", "retry-mail-$tag.io")
        val rows = sender.send(Operation.CHECK_AVAILABILITY, client.checkAvailability(picked).single(), ::parseCheckAvailabilityResponse).data.domains
        val order = NewOrder(user = "retry-$tag@example.com", bundleId = bundle.id, sequencer = OrderSequencer(loginEmail = "login@example.com", loginPassword = "s3cret-Pa55"),
            domains = picked.map { OrderDomain(it) }, personas = listOf(PersonaInput(firstName = "Sam", lastName = "Lee")))
        return Triple(bundle, rows, order)
    }

    @Test
    fun `an order that timed out is sent again, same bytes, and placed once`() {
        val (bundle, rows, order) = order()
        Local.fault("create_order", "slow", 1, "\"delay_ms\": 1500")
        val start = System.nanoTime()
        val placed = sender.send(Operation.CREATE_ORDER, client.createOrder(order, bundle, rows), ::parseCreateOrderResponse).data
        assertEquals(listOf("network_error"), retries.map { it.reason })
        Thread.sleep(maxOf(0, 2000 - millisSince(start))) // the slow first attempt has ended, whatever it did
        val orders = sender.send(Operation.LIST_ORDERS, client.listOrders(ListOrdersQuery(bundleId = bundle.id)), ::parseListOrdersResponse)
        assertEquals(listOf(placed.id), orders.data.data.map { it.id })
    }

    @Test
    fun `an order first sent more than a day ago is not sent again`() {
        val (bundle, rows, order) = order()
        Local.fault("create_order", "unavailable", 1)
        val dayAgo = System.currentTimeMillis() / 1000 - 86_400
        val failed = assertThrows<PeekerException.Api> {
            sender.send(Operation.CREATE_ORDER, client.createOrder(order, bundle, rows), ::parseCreateOrderResponse, firstSentAt = dayAgo)
        }
        assertEquals(503, failed.status)
        assertEquals(emptyList<RetryAdvice>(), retries)
    }

    @Test
    fun `pages follow links next, each fetched when the sequence reaches it`() {
        val created = (1..5).map { bundle("page-$tag-$it").id }
        val first = client.listBundles(ListBundlesQuery(perPage = 2))
        val pages = sender.pages(client, Operation.LIST_BUNDLES, first, ::parseListBundlesResponse) { it.nextLink }
        Local.fault("list_bundles", "server_error", 1) // taken by the first page, which is fetched only now
        val ours = pages.flatMap { it.data.data }.filter { it.name?.startsWith("page-$tag-") == true }.map { it.id }.toList()
        assertEquals(created.reversed(), ours) // newest first
        assertEquals(listOf("server_error"), retries.map { it.reason })
        val all = sender.pages(client, Operation.LIST_BUNDLES, first, ::parseListBundlesResponse) { it.nextLink }.toList()
        assertTrue(all.size >= 3 && all.dropLast(1).all { it.data.data.size == 2 && it.nextLink != null } && all.last().nextLink == null)
    }
}
