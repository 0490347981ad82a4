// A tiny app that uses the published artifact ai.peeker:peeker-core.
import ai.peeker.core.Client
import ai.peeker.core.Event
import ai.peeker.core.ListUsersQuery
import ai.peeker.core.Operation
import ai.peeker.core.PeekerException
import ai.peeker.core.Sender
import ai.peeker.core.canonicalize
import ai.peeker.core.code
import ai.peeker.core.constructEvent
import ai.peeker.core.parseListUsersResponse
import ai.peeker.core.signWebhook

fun main() {
    val body = canonicalize("""{"type": "order.completed", "id": "evt_1", "data": {"id": "ord_1", "domain_count": 1.0e1}}""")
    check(body == """{"data":{"domain_count":10,"id":"ord_1"},"id":"evt_1","type":"order.completed"}""") { body }

    val secret = "whsec_consumer_1b2c"
    val now = System.currentTimeMillis() / 1000
    val headers = mapOf("Peeker-Timestamp" to now.toString(), "Peeker-Signature" to signWebhook(secret, now, body.toByteArray()))
    val event = constructEvent(body.toByteArray(), headers, listOf(secret))
    check(event is Event.OrderCompleted && event.data.domainCount == 10L) { event }
    val refused = try {
        constructEvent(body.replace("10", "1").toByteArray(), headers, listOf(secret))
        "nothing"
    } catch (e: PeekerException) {
        e.code
    }
    check(refused == "signature_mismatch") { refused }

    // The optional Sender, against the Peeker that scripts/hosts/kotlin.sh runs (scripts/with-local.sh).
    val users = Client(System.getenv("PEEKER_API_KEY"), System.getenv("PEEKER_BASE_URL")).use { client ->
        val first = client.listUsers(ListUsersQuery(status = "active", perPage = 1))
        check(first.url.endsWith("/users?status=active&per_page=1")) { first.url }
        Sender().pages(client, Operation.LIST_USERS, first, ::parseListUsersResponse) { it.nextLink }.sumOf { it.data.data.size }
    }
    println("kotlin-consumer: typed events, builders, responses and the Sender work from ai.peeker:peeker-core " +
        "($body; tampered copy: $refused; $users active users, one page each)")
}
