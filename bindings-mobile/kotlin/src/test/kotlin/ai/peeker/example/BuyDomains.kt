package ai.peeker.example

import ai.peeker.core.BundleCreate
import ai.peeker.core.Client
import ai.peeker.core.Event
import ai.peeker.core.NewOrder
import ai.peeker.core.Operation
import ai.peeker.core.Order
import ai.peeker.core.OrderDomain
import ai.peeker.core.OrderSequencer
import ai.peeker.core.OrderStatus
import ai.peeker.core.PeekerException
import ai.peeker.core.PersonaInput
import ai.peeker.core.PreparedAvailability
import ai.peeker.core.Sender
import ai.peeker.core.code
import ai.peeker.core.constructEvent
import ai.peeker.core.dedupeKey
import ai.peeker.core.estimateRequiredDomains
import ai.peeker.core.parseCheckAvailabilityResponse
import ai.peeker.core.parseCreateBundleResponse
import ai.peeker.core.parseCreateOrderResponse
import ai.peeker.core.parseGetBundleResponse
import ai.peeker.core.parseGetOrderResponse
import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpHandler
import com.sun.net.httpserver.HttpServer
import java.net.InetSocketAddress
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.TimeUnit

/** Orders the [picked] domains for a new sending plan; returns the order as Peeker placed it. */
fun buyDomains(sender: Sender, client: Client, picked: List<String>): Order {
    // 1. A sending plan (bundle): it says how many domains an order for it needs.
    val created = sender.send(Operation.CREATE_BUNDLE, client.createBundle(BundleCreate(name = "Starter", monthlySendingVolume = 2500)),
        ::parseCreateBundleResponse).data
    val bundle = sender.send(Operation.GET_BUNDLE, client.getBundle(created.id), ::parseGetBundleResponse).data
    val required = bundle.requiredDomains ?: estimateRequiredDomains(bundle.toJson())

    // 2. Are the picked names available, and which can serve Microsoft? (One request per 50 names.)
    val rows = client.checkAvailability(picked).flatMap { sender.send(Operation.CHECK_AVAILABILITY, it, ::parseCheckAvailabilityResponse).data.domains }
    // Prepared once (each row read, its name normalized): a form validating on every keystroke reuses it.
    val availability = PreparedAvailability(rows)
    val plan = availability.planDomains(required, picked)
    check(plan.missing.total == 0L) { "pick ${plan.missing.total} more domain(s); unusable: ${plan.unusable}" }
    println("bundle ${bundle.id} needs ${required.total} domains: Microsoft ${plan.microsoft}, Google ${plan.google}")

    // 3. The order from the form's values, validated as a whole (every violation,
    //    with its path), then sent as its exact bytes.
    val order = NewOrder(
        user = "client@example.com",
        bundleId = bundle.id,
        sequencer = OrderSequencer(loginEmail = "login@example.com", loginPassword = "s3cret-Pa55", clientId = 366903),
        domains = picked.map { OrderDomain(it) },
        personas = listOf(PersonaInput(firstName = "Sam", lastName = "Lee")),
    )
    val report = availability.validateOrder(order.toJson(), bundle)
    report.violations.forEach { println("${it.severity} ${it.code} at '${it.path}': ${it.message}") }
    check(report.valid) { "fix the order first" }
    val request = client.createOrder(order, bundle, rows) // validates again, throws if invalid
    println(request) // never shows the API key or the body (it holds the Smartlead password)
    // Keep the key with the send time: resending the same bytes within 24 h returns this order.
    println("dedupe key ${dedupeKey(request.body!!)}")
    return sender.send(Operation.CREATE_ORDER, request, ::parseCreateOrderResponse).data
}

/** The webhook endpoint (the JDK's com.sun.net.httpserver): verify the RAW body, then act on the event. */
class Webhooks(private val secrets: List<String>) : HttpHandler {
    private val completions = ConcurrentHashMap<String, CompletableFuture<Order>>()

    /** The full order that `order.completed` carries, once it has arrived. */
    fun completed(orderId: String): CompletableFuture<Order> = completions.computeIfAbsent(orderId) { CompletableFuture() }

    override fun handle(exchange: HttpExchange) {
        val raw = exchange.requestBody.readAllBytes() // as received: a re-serialized body no longer verifies
        val headers = exchange.requestHeaders.entries.associate { (name, values) -> name to values.joinToString(", ") }
        val status = try {
            // now = the clock, tolerance 300 s. Deliveries repeat and arrive out of order: dedupe on the id.
            when (val event = constructEvent(raw, headers, secrets)) {
                is Event.OrderCompleted -> {
                    println("webhook: order ${event.data.id} completed, ${event.data.domainCount} domains (event ${event.id})")
                    completed(event.data.id).complete(event.data)
                }
                is Event.OrderFailed -> println("webhook: order ${event.data.id} failed (event ${event.id})")
                is Event.Unknown -> println("webhook: ${event.eventType}, newer than this SDK (event ${event.id})")
                else -> println("webhook: ${event.typeName()} for ${event.dataId()}")
            }
            200
        } catch (e: PeekerException) {
            println("webhook refused: ${e.code}")
            400
        }
        exchange.sendResponseHeaders(status, -1)
        exchange.close()
    }
}

/**
 * The whole flow against the Peeker of `PEEKER_BASE_URL` (the local Peeker: scripts/with-local.sh
 * sets the variables): receive webhooks, buy domains, wait for `order.completed`, read the order.
 */
fun runExample(env: Map<String, String>, picked: List<String>): Order {
    val webhooks = Webhooks(listOf(env.getValue("PEEKER_WEBHOOK_SECRET")))
    val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
    server.createContext("/webhooks/peeker", webhooks)
    server.start()
    try {
        // The local Peeker only: deliver webhooks here (at Peeker, the endpoint is set in the portal).
        val endpoint = """{"url": "http://127.0.0.1:${server.address.port}/webhooks/peeker"}"""
        val register = HttpRequest.newBuilder(URI.create("${env.getValue("PEEKER_LOCAL_URL")}/webhook-endpoints"))
            .POST(HttpRequest.BodyPublishers.ofString(endpoint)).build()
        check(HttpClient.newHttpClient().send(register, HttpResponse.BodyHandlers.discarding()).statusCode() == 201)

        return Client(env.getValue("PEEKER_API_KEY"), env.getValue("PEEKER_BASE_URL")).use { client ->
            val sender = Sender()
            val placed = buyDomains(sender, client, picked)
            println("order ${placed.id} placed: ${placed.costs?.totalCents} cents")
            val delivered = webhooks.completed(placed.id).get(30, TimeUnit.SECONDS)
            val order = sender.send(Operation.GET_ORDER, client.getOrder(placed.id), ::parseGetOrderResponse).data
            check(order.status == OrderStatus.Completed && order == delivered) { "GET /orders/${order.id} differs from order.completed" }
            println("GET /orders/${order.id}: completed, the order the webhook carried")
            order
        }
    } finally {
        server.stop(0)
    }
}

fun main() {
    val tag = System.currentTimeMillis().toString(36) // names a fresh server has not sold yet
    runExample(System.getenv(), listOf("acme-$tag.com", "acme-$tag.io", "acme-mail-$tag.io"))
}
