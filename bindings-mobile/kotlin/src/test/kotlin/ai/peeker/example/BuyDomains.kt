package ai.peeker.example

import ai.peeker.core.Client
import ai.peeker.core.Event
import ai.peeker.core.NewOrder
import ai.peeker.core.OrderDomain
import ai.peeker.core.OrderResponse
import ai.peeker.core.OrderSequencer
import ai.peeker.core.PeekerException
import ai.peeker.core.PersonaInput
import ai.peeker.core.code
import ai.peeker.core.constructEvent
import ai.peeker.core.dedupeKey
import ai.peeker.core.estimateRequiredDomains
import ai.peeker.core.parseCheckAvailabilityResponse
import ai.peeker.core.parseCreateOrderResponse
import ai.peeker.core.parseGetBundleResponse
import ai.peeker.core.planDomains
import com.sun.net.httpserver.HttpExchange
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/** Sends a request the core built (method, URL, headers, body bytes as they are) and hands the
 *  answer to the operation's parse function: the typed data, or a PeekerException.Api. */
fun <T> send(http: HttpClient, request: ai.peeker.core.HttpRequest, parse: (Int, Map<String, String>, ByteArray) -> T): T {
    val body = request.body?.let { HttpRequest.BodyPublishers.ofByteArray(it) } ?: HttpRequest.BodyPublishers.noBody()
    val builder = HttpRequest.newBuilder(URI.create(request.url)).method(request.method, body)
    request.headers.forEach { (name, value) -> builder.header(name, value) }
    val response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
    val headers = response.headers().map().mapValues { (_, values) -> values.joinToString(", ") }
    return parse(response.statusCode(), headers, response.body())
}

/** Orders the domains a customer picked for bundle bun_123; returns Peeker's receipt. */
fun buyDomains(http: HttpClient, apiKey: String, baseUrl: String? = null): OrderResponse =
    Client(apiKey, baseUrl).use { client ->
        // 1. The bundle says how many domains the order needs.
        val bundle = send(http, client.getBundle("bun_123"), ::parseGetBundleResponse).data
        val required = bundle.requiredDomains ?: estimateRequiredDomains(bundle.toJson())

        // 2. Are the picked names available, and which can serve Microsoft? (One request per 50 names.)
        val picked = listOf("acme-mail.com", "acme-team.com")
        val rows = send(http, client.checkAvailability(picked).single(), ::parseCheckAvailabilityResponse).data.domains
        val plan = planDomains(required, picked, rows)
        check(plan.missing.total == 0L) { "pick ${plan.missing.total} more domain(s); unusable: ${plan.unusable}" }
        println("Microsoft: ${plan.microsoft}, Google: ${plan.google}")

        // 3. The order from the form's values, validated as a whole (every violation,
        //    with its path), then sent as its exact bytes.
        val order = NewOrder(
            user = "client@example.com",
            bundleId = "bun_123",
            sequencer = OrderSequencer(loginEmail = "login@example.com", loginPassword = "s3cret-Pa55", clientId = 366903),
            domains = picked.map { OrderDomain(it) },
            personas = listOf(PersonaInput(firstName = "Sam", lastName = "Lee")),
        )
        val report = order.validateAgainst(bundle, rows)
        report.violations.forEach { println("${it.severity} ${it.code} at '${it.path}': ${it.message}") }
        check(report.valid) { "fix the order first" }
        val request = client.createOrder(order, bundle, rows) // validates again, throws if invalid
        println(request) // never shows the API key or the body (it holds the Smartlead password)
        // Keep the key with the send time: resending the same bytes within 24 h returns this order.
        println("dedupe key ${dedupeKey(request.body!!)}")
        send(http, request, ::parseCreateOrderResponse)
    }

/** The webhook route (com.sun.net.httpserver): verify the RAW body, then act on the event. */
fun handleWebhook(exchange: HttpExchange, secrets: List<String>) {
    val raw = exchange.requestBody.readAllBytes() // as received: a re-serialized body no longer verifies
    val headers = exchange.requestHeaders.entries.associate { (name, values) -> name to values.joinToString(", ") }
    val status = try {
        // now = the clock, tolerance 300 s. Deliveries repeat and arrive out of order: dedupe on the id.
        when (val event = constructEvent(raw, headers, secrets)) {
            is Event.OrderCompleted -> println("order ${event.data.id} completed: ${event.data.domainCount} domains (event ${event.id})")
            is Event.OrderFailed -> println("order ${event.data.id} failed (event ${event.id})")
            is Event.Unknown -> println("${event.eventType}: newer than this SDK (event ${event.id})")
            else -> println("${event.typeName()} for ${event.dataId()} (event ${event.id()})")
        }
        200
    } catch (e: PeekerException) {
        println("webhook refused: ${e.code}")
        400
    }
    exchange.sendResponseHeaders(status, -1)
    exchange.close()
}
