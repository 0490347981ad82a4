// The demonstration (scripts/hosts/kotlin-demo.sh runs it): canonicalize
// Peeker's example order, sign a webhook for it, verify the delivery and
// reject a tampered copy.
package ai.peeker.core.demo

import ai.peeker.core.PeekerException
import ai.peeker.core.canonicalize
import ai.peeker.core.code
import ai.peeker.core.signWebhook
import ai.peeker.core.verifyWebhook
import java.io.File

fun main(args: Array<String>) {
    val order = File(args[0]).readText()
    val body = canonicalize(order)
    // The body is what to POST; it holds the Smartlead password, so mask it for display.
    val shown = body.replace(Regex("\"login_password\":\"(?:[^\"\\\\]|\\\\.)*\""), "\"login_password\":\"[redacted]\"")
    println("[kotlin] canonical order (${body.toByteArray().size} bytes, password masked here): $shown")

    val secret = "whsec_demo_secret"
    val now = 1767225600L
    val headers = mapOf("Peeker-Timestamp" to now.toString(), "Peeker-Signature" to signWebhook(secret, now, body.toByteArray()))
    println("[kotlin] signed webhook: ${headers["Peeker-Signature"]}")
    println("[kotlin] verified: ${verifyWebhook(body.toByteArray(), headers, listOf(secret), now + 5)}")
    try {
        verifyWebhook(body.replace("Sam", "Eve").toByteArray(), headers, listOf(secret), now + 5)
        println("[kotlin] tampered body verified (this is a bug)")
    } catch (e: PeekerException) {
        println("[kotlin] tampered body rejected: ${e.code} (${e::class.simpleName})")
    }
}
