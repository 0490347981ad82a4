// A tiny app that uses the published artifact ai.peeker:peeker-core.
import ai.peeker.core.Client
import ai.peeker.core.Event
import ai.peeker.core.ListUsersQuery
import ai.peeker.core.PeekerException
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

    val request = Client("pk_test_consumer1").use { it.listUsers(ListUsersQuery(status = "active")) }
    check(request.url.endsWith("/users?status=active")) { request.url }
    val page = parseListUsersResponse(200, emptyMap(), """{"data": [{"id": "usr_1"}], "links": {"next": null}, "meta": {}}""".toByteArray())
    check(page.data.data.single().id == "usr_1" && page.nextLink == null) { page }
    println("kotlin-consumer: typed events, builders and responses work from ai.peeker:peeker-core ($body; tampered copy: $refused)")
}
