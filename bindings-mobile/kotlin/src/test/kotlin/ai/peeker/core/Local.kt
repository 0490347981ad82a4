package ai.peeker.core

import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest as JavaRequest
import java.net.http.HttpResponse

/**
 * The local Peeker the tests run against (scripts/with-local.sh exports its PEEKER_*
 * variables), and its `/_local` endpoints: fault injection and the event log.
 */
object Local {
    val env: Map<String, String> = listOf("PEEKER_BASE_URL", "PEEKER_API_KEY", "PEEKER_WEBHOOK_SECRET", "PEEKER_LOCAL_URL")
        .associateWith { System.getenv(it) ?: error("$it is not set: run the tests through scripts/with-local.sh") }
    val baseUrl = env.getValue("PEEKER_BASE_URL")
    val apiKey = env.getValue("PEEKER_API_KEY")
    val secret = env.getValue("PEEKER_WEBHOOK_SECRET")
    private val http = HttpClient.newHttpClient()

    fun client() = Client(apiKey, baseUrl)

    /** A `/_local` call; returns the answer's `data` (its JSON text keeps the server's bytes: `.raw`). */
    fun call(method: String, path: String, body: String? = null): Json {
        val publisher = body?.let { JavaRequest.BodyPublishers.ofString(it) } ?: JavaRequest.BodyPublishers.noBody()
        val request = JavaRequest.newBuilder(URI.create(env.getValue("PEEKER_LOCAL_URL") + path)).method(method, publisher).build()
        val response = http.send(request, HttpResponse.BodyHandlers.ofString())
        check(response.statusCode() in 200..299) { "$method $path: ${response.statusCode()} ${response.body()}" }
        return Json.parse(response.body())["data"]!!
    }

    /** Makes the next [count] calls of [operation] fail with [fault]; [options]: JSON members to add. */
    fun fault(operation: String, fault: String, count: Int, options: String = "") {
        val extra = if (options.isEmpty()) "" else ", $options"
        call("POST", "/faults", """{"operation": "$operation", "fault": "$fault", "count": $count$extra}""")
    }

    /** Faults not yet used up. */
    fun faults(): List<Json> = call("GET", "/faults").list
}
