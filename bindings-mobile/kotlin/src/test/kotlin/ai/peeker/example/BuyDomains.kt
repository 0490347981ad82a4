package ai.peeker.example

import ai.peeker.core.Client
import ai.peeker.core.DomainPick
import ai.peeker.core.NewOrder
import ai.peeker.core.PeekerException
import ai.peeker.core.Persona
import ai.peeker.core.Response
import ai.peeker.core.Sequencer
import ai.peeker.core.checkAvailability
import ai.peeker.core.code
import ai.peeker.core.constructEvent
import ai.peeker.core.dedupeKey
import ai.peeker.core.estimateRequiredDomains
import ai.peeker.core.orderJson
import ai.peeker.core.parseResponse
import ai.peeker.core.planDomains
import ai.peeker.core.requiredDomains
import ai.peeker.core.validateOrder
import com.sun.net.httpserver.HttpExchange
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/** Sends a request the core built (method, URL, headers, body bytes as they are) and parses
 *  the answer: the typed data, or a PeekerException.Api with Peeker's error code. */
fun send(http: HttpClient, operation: String, request: ai.peeker.core.HttpRequest): Response {
    val body = request.body?.let { HttpRequest.BodyPublishers.ofByteArray(it) } ?: HttpRequest.BodyPublishers.noBody()
    val builder = HttpRequest.newBuilder(URI.create(request.url)).method(request.method, body)
    request.headers.forEach { (name, value) -> builder.header(name, value) }
    val response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
    val headers = response.headers().map().mapValues { (_, values) -> values.joinToString(", ") }
    return parseResponse(operation, response.statusCode(), headers, response.body())
}

/** Orders the domains a customer picked for bundle bun_123; returns Peeker's receipt. */
fun buyDomains(http: HttpClient, apiKey: String, baseUrl: String? = null): Response =
    Client(apiKey, baseUrl).use { client ->
        // 1. The bundle says how many domains the order needs.
        val bundle = send(http, "get_bundle", client.getBundle("bun_123")).dataJson
        val required = requiredDomains(bundle) ?: estimateRequiredDomains(bundle)

        // 2. Are the picked names available, and which can serve Microsoft? (One request per 50 names.)
        val picked = listOf("acme-mail.com", "acme-team.com")
        val availability = send(http, "check_availability", client.checkAvailability(picked).single()).dataJson
        val plan = planDomains(required, picked, availability)
        check(plan.missing.total == 0L) { "pick ${plan.missing.total} more domain(s); unusable: ${plan.unusable}" }
        println("Microsoft: ${plan.microsoft}, Google: ${plan.google}")

        // 3. The order from the form's values (orderJson escapes them), validated as a whole
        //    (every violation, with its path), then sent as its exact bytes.
        val order = orderJson(
            NewOrder(
                user = "client@example.com",
                bundleId = "bun_123",
                sequencer = Sequencer(loginEmail = "login@example.com", loginPassword = "s3cret-Pa55", clientId = 366903),
                domains = picked.map { DomainPick(it) },
                personas = listOf(Persona(firstName = "Sam", lastName = "Lee")),
            ),
        )
        val report = validateOrder(order, bundle, availability)
        report.violations.forEach { println("${it.severity} ${it.code} at '${it.path}': ${it.message}") }
        check(report.valid) { "fix the order first" }
        val request = client.createOrder(order, bundle, availability) // validates again, throws if invalid
        println(request) // never shows the API key or the body (it holds the Smartlead password)
        // Keep the key with the send time: resending the same bytes within 24 h returns this order.
        println("dedupe key ${dedupeKey(request.body!!)}")
        send(http, "create_order", request)
    }

/** The webhook route (com.sun.net.httpserver): verify the RAW body, then act on the event. */
fun handleWebhook(exchange: HttpExchange, secrets: List<String>) {
    val raw = exchange.requestBody.readAllBytes() // as received: a re-serialized body no longer verifies
    val headers = exchange.requestHeaders.entries.associate { (name, values) -> name to values.joinToString(", ") }
    val status = try {
        val event = constructEvent(raw, headers, secrets) // now = the clock, tolerance 300 s
        // Deliveries repeat and arrive out of order: dedupe on event.id.
        println("${event.type}: ${event.kind} ${event.dataId} (event ${event.id})")
        200
    } catch (e: PeekerException) {
        println("webhook refused: ${e.code}")
        400
    }
    exchange.sendResponseHeaders(status, -1)
    exchange.close()
}
