// A tiny app that uses the published artifact ai.peeker:peeker-core.
import ai.peeker.core.PeekerException
import ai.peeker.core.canonicalize
import ai.peeker.core.code
import ai.peeker.core.signWebhook
import ai.peeker.core.verifyWebhook

fun main() {
    val body = canonicalize("""{"type": "order.completed", "id": "evt_1", "data": {"total_cents": 1.0e3}}""")
    check(body == """{"data":{"total_cents":1000},"id":"evt_1","type":"order.completed"}""") { body }

    val secret = "whsec_consumer_1b2c"
    val now = System.currentTimeMillis() / 1000
    val headers = mapOf("Peeker-Timestamp" to now.toString(), "Peeker-Signature" to signWebhook(secret, now, body.toByteArray()))
    val verified = verifyWebhook(body.toByteArray(), headers, listOf(secret))
    check(verified.timestamp == now)
    val refused = try {
        verifyWebhook(body.replace("1000", "1").toByteArray(), headers, listOf(secret))
        "nothing"
    } catch (e: PeekerException) {
        e.code
    }
    check(refused == "signature_mismatch") { refused }
    println("kotlin-consumer: canonicalize and verifyWebhook work from ai.peeker:peeker-core ($body; tampered copy: $refused)")
}
