package ai.peeker.core

import java.io.IOException
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpResponse
import java.time.Duration
import java.util.concurrent.ThreadLocalRandom

/** A parse function of the SDK, such as `::parseGetBundleResponse`. */
typealias Parse<T> = (status: Int, headers: Map<String, String>, body: ByteArray) -> T

/**
 * Optional: sends the requests the core builds with the JDK's `java.net.http` client. Every
 * other part of the SDK works with any HTTP client; this is a convenience on top of it.
 *
 * [send] retries as [retryAdvice] says (429 after `Retry-After`, 5xx and network failures with
 * backoff, never what may have created something twice); [pages] reads a list page by page.
 * [onRetry] sees each advice to retry before the wait (for logs and metrics).
 */
class Sender @JvmOverloads constructor(
    private val http: HttpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
    /** The longest one attempt may take (a timeout counts as a network failure). */
    private val timeout: Duration = Duration.ofSeconds(30),
    private val onRetry: (RetryAdvice) -> Unit = {},
) {
    /**
     * Sends [request], built for [operation], until it succeeds or the advice is not to retry, and
     * returns what [parse] makes of the answer; otherwise throws the last failure (the
     * `PeekerException.Api` of the answer, or the `IOException`). [firstSentAt] (Unix seconds)
     * matters for `CREATE_ORDER` only: when these order bytes were first sent, so that no retry
     * lands outside Peeker's 24-hour dedupe window (pass the time you stored with the order when
     * you send it again later).
     */
    @JvmOverloads
    fun <T> send(operation: Operation, request: HttpRequest, parse: Parse<T>, firstSentAt: Long = nowSeconds()): T {
        var attempt = 1
        while (true) {
            val (failure, error) = try {
                return parse.invokeWith(exchange(request))
            } catch (e: PeekerException.Api) {
                Failure.Status(e.status, e.retryAfterSeconds?.toDouble()) to e
            } catch (e: IOException) {
                Failure.Network to e
            }
            val jitter = ThreadLocalRandom.current().nextDouble()
            val advice = retryAdvice(operation, failure, attempt, jitter, Dedupe(firstSentAt))
            if (!advice.retry) throw error
            onRetry(advice)
            Thread.sleep(advice.delayMs)
            attempt++
        }
    }

    /**
     * The pages of a list, from [first] (`client.listOrders(...)`, ...) through each `links.next`,
     * each fetched with [send] when the sequence reaches it. Items: `.flatMap { it.data.data }`.
     */
    fun <P> pages(client: Client, operation: Operation, first: HttpRequest, parse: Parse<P>, nextLink: (P) -> String?): Sequence<P> =
        generateSequence({ send(operation, first, parse) }) { page ->
            nextLink(page)?.let { send(operation, client.nextPage(it), parse) }
        }

    private fun exchange(request: HttpRequest): HttpResponse<ByteArray> {
        val body = request.body?.let { java.net.http.HttpRequest.BodyPublishers.ofByteArray(it) }
            ?: java.net.http.HttpRequest.BodyPublishers.noBody()
        val builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url)).method(request.method, body).timeout(timeout)
        request.headers.forEach { (name, value) -> builder.header(name, value) }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
    }

    private fun <T> Parse<T>.invokeWith(response: HttpResponse<ByteArray>): T =
        this(response.statusCode(), response.headers().map().mapValues { (_, values) -> values.joinToString(", ") }, response.body())

    private fun nowSeconds() = System.currentTimeMillis() / 1000
}
