package ai.peeker.core

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import java.math.BigDecimal
import java.nio.file.Files
import java.nio.file.Path
import java.util.Base64

/**
 * Runs every case of tests/vectors/ against the typed Kotlin API, one dynamic
 * test per case, with the conventions of index.json: every file of its
 * "files", every RFC 8785 sample, and the numbers file. Builders and parse
 * functions are reached through the generated [Dispatch]; an argument the
 * typed API cannot take is [NotExpressible].
 */
class VectorTest {
    private companion object {
        val SECRET_KEYS = setOf("secret", "secrets", "api_key", "login_password")
        const val MIN_SECRET_LENGTH = 6 // shorter ones ("x") would match ordinary words
        val KEY_PREFIXES = setOf("pk_live_", "pk_test_") // messages name the documented prefixes
    }

    private val dir: Path = Path.of(System.getProperty("peeker.vectors") ?: "../../tests/vectors")
    private val index = Json.parse(read(dir.resolve("index.json")))

    private fun read(path: Path): String = Files.readString(path, Charsets.UTF_8)

    /** A dynamic test whose failure message starts with its name (Surefire's console shows only "cases()[12]"). */
    private fun named(name: String, body: () -> Unit): DynamicTest = dynamicTest(name) {
        try {
            body()
        } catch (e: Throwable) {
            throw AssertionError("$name: ${e.message}", e)
        }
    }

    @TestFactory
    fun cases(): List<DynamicTest> {
        val files = index["files"]!!.list
        return files.map { it.string }.flatMap { file ->
            val list = Json.parse(read(dir.resolve(file))).list
            check(list.isNotEmpty()) { "no cases in $file" }
            list.map { case -> named("$file: ${case["name"]?.string ?: "?"}") { run(case) } }
        }
    }

    /** One RFC 8785 sample: input canonicalizes to output, byte for byte (outhex). */
    @TestFactory
    fun rfc8785(): List<DynamicTest> = index["samples"]!!.list.map { it.string }.map { name ->
        named("rfc8785: $name.json") {
            val base = dir.resolve("rfc8785")
            val out = canonicalize(read(base.resolve("input/$name.json")))
            val hex = read(base.resolve("outhex/$name.txt")).filterNot { it.isWhitespace() }
            assertEquals(read(base.resolve("output/$name.json")), out)
            assertEquals(hex, out.toByteArray(Charsets.UTF_8).joinToString("") { "%02x".format(it) })
        }
    }

    /** Every line of the numbers file: the double with those IEEE bits, written by
     *  Double.toString, canonicalizes to the ECMAScript form. One test for all lines. */
    @TestFactory
    fun es6Numbers(): List<DynamicTest> {
        val file = index["numbers"]!!.string
        return listOf(named(file) {
            var checked = 0
            for (line in read(dir.resolve(file)).lines().filter { it.isNotEmpty() }) {
                val (bits, expected) = line.split(',', limit = 2)
                val value = java.lang.Double.longBitsToDouble(java.lang.Long.parseUnsignedLong(bits, 16))
                val out = canonicalize(value.toString())
                check(out == expected) { "$bits ($value): got $out, expected $expected" }
                checked++
            }
            assertTrue(checked >= 20_000, "only $checked lines")
        })
    }

    // ---- No secret of the corpus in any error it raises ------------------------

    /** Every error the cases raise, as printed, and every violation message, while
     *  [secretsOfTheCorpus] or [markedCorpus] runs. */
    private var thrown: MutableList<String>? = null

    private fun record(e: PeekerException) {
        thrown?.add(
            buildString {
                append(e.toString()).append(' ').append(e.message).append(' ').append(e.stackTraceToString())
                if (e is PeekerException.Validation) append(' ').append(e.report.toString())
            },
        )
    }

    /** The strings under keys that hold secrets (API keys, webhook secrets, passwords). */
    private fun secretsIn(value: Json, found: MutableSet<String> = mutableSetOf()): Set<String> {
        when (value) {
            is Json.Arr -> value.items.forEach { secretsIn(it, found) }
            is Json.Obj -> for ((key, member) in value.members) {
                if (key !in SECRET_KEYS) secretsIn(member, found)
                else (if (member is Json.Arr) member.items else listOf(member))
                    .filterIsInstance<Json.Str>().map { it.value }
                    .filter { it.length >= MIN_SECRET_LENGTH && it !in KEY_PREFIXES }
                    .forEach { found += it }
            }
            else -> {}
        }
        return found
    }

    @Test
    fun secretsOfTheCorpus() {
        val cases = index["files"]!!.list.flatMap { Json.parse(read(dir.resolve(it.string))).list }
        val secrets = cases.flatMap { secretsIn(it) }.toSet()
        val errors = mutableListOf<String>()
        thrown = errors
        try {
            cases.forEach { run(it) }
        } finally {
            thrown = null
        }
        assertTrue(secrets.size > 10 && errors.size > 100, "${secrets.size} secrets, ${errors.size} errors")
        for (error in errors) {
            for (secret in secrets) assertFalse(error.contains(secret), "\"$secret\" appears in: ${error.take(300)}")
        }
    }

    /** tests/vectors/marked.json (index.json `marked`): every case with a marker in every
     *  string of its input. Results are not compared; no error raised and no violation
     *  message may show the marker. */
    @Test
    fun markedCorpus() {
        val marker = index["marker"]!!.string
        val errors = mutableListOf<String>()
        val leaks = mutableListOf<String>()
        thrown = errors
        try {
            for (case in Json.parse(read(dir.resolve(index["marked"]!!.string))).list) {
                val before = errors.size
                try {
                    run(case)
                } catch (e: PeekerException) {
                    record(e) // raised where the unmarked case expected a value
                } catch (e: RuntimeException) {
                    // a different result than the unmarked case's, or an input the typed API
                    // cannot take (a marked "network" failure): not what this test checks
                } catch (e: AssertionError) {
                }
                errors.drop(before).filter { marker in it }.forEach { leaks += "${case["name"]!!.string}: ${it.take(300)}" }
            }
        } finally {
            thrown = null
        }
        assertTrue(errors.size > 250, "only ${errors.size} errors recorded: the recording is not called")
        assertTrue(leaks.isEmpty(), leaks.joinToString("\n"))
    }

    // ---- The ops ---------------------------------------------------------------

    private fun run(case: Json) {
        when (val op = case["op"]!!.string) {
            "canonicalize" -> expect(case, { canonicalize(spec(case["input"]!!)) }) { want, out -> want["output"]?.string == out }
            "sign" -> expect(case, { signWebhook(case["secret"]!!.string, case["timestamp"]!!.long, body(case)) }) { want, sig ->
                want["signature"]?.string == sig
            }
            "verify" -> {
                // Without "tolerance" the case relies on the binding's default (300).
                val tolerance = case["tolerance"]?.long
                val call = {
                    if (tolerance == null) verifyWebhook(body(case), headers(case), secrets(case), case["now"]!!.long)
                    else verifyWebhook(body(case), headers(case), secrets(case), case["now"]!!.long, tolerance)
                }
                // Verified holds the signed timestamp only (D13).
                expect(case, call) { want, verified -> want["ok"]!!["timestamp"]!!.long == verified.timestamp }
            }
            "validate_order" -> {
                val context = Args(case) // its `context`
                val report = validateOrder(case["input"]!!.raw, context.bundle(), context.availability())
                same(reportPairs(report), expectedReport(case["expect"]!!))
                // The same rows prepared once and used twice give the same report (D16).
                context.availability()?.let(::PreparedAvailability)?.use { prepared ->
                    repeat(2) {
                        same(reportPairs(prepared.validateOrder(case["input"]!!.raw, context.bundle())), expectedReport(case["expect"]!!))
                    }
                }
            }
            "validate" -> {
                val validate = Dispatch.VALIDATORS[case["kind"]!!.string] ?: error("no validator ${case["kind"]}")
                same(reportPairs(validate(case["input"]!!.raw)), expectedReport(case["expect"]!!))
            }
            "estimate_required_domains" -> {
                val want = case["expect"]!!
                try {
                    same(plainJson(estimateRequiredDomains(case["input"]!!.raw).toJson()), want.plain)
                } catch (e: PeekerException) {
                    record(e)
                    val violations = (e as? PeekerException.Validation)?.report?.let { reportPairs(it)["violations"] }
                    same(listOf(e.code, violations), listOf(want["error"]?.plain, expectedReport(want)["violations"]))
                }
            }
            "plan_domains" -> {
                val r = case["required"]!!
                val required = RequiredDomains(r["google"]!!.long, r["microsoft"]!!.long, r["total"]!!.long)
                val picked = case["domains"]!!.list.map { it.string }
                val rows = rowsOf(case["availability"]!!)
                val prepared = PreparedAvailability(rows)
                // Plain rows, then the same prepared once and used twice (D16).
                for (plan in listOf(planDomains(required, picked, rows), prepared.planDomains(required, picked), prepared.planDomains(required, picked))) {
                    val got = mapOf(
                        "google" to plan.google,
                        "microsoft" to plan.microsoft,
                        "missing" to plainJson(plan.missing.toJson()),
                        "unusable" to plan.unusable.map { mapOf("domain" to it.domain, "reason" to it.reason) },
                    )
                    same(got, case["expect"]!!.plain)
                }
                prepared.close()
            }
            "order_body" -> expect(case, { orderBody(Args(case).record("input", ::newOrderFromJson)) }) { want, body ->
                want["body"]?.string?.toByteArray(Charsets.UTF_8)?.contentEquals(body) == true &&
                    want["dedupe_key"]?.string == dedupeKey(body)
            }
            "dedupe_window" -> {
                // Without `now` the device clock is used; only the members the case expects are compared.
                val window = dedupeWindow(case["first_sent_at"]!!.long, case["now"]?.long)
                val got = mapOf("inside" to window.inside, "expires_at" to num(window.expiresAt), "remaining_seconds" to num(window.remainingSeconds))
                subset(got, case["expect"]!!.plain)
            }
            "parse_event" -> expect(case, { parseEvent(body(case)) }) { want, event -> same(eventPlain(event, want), want.plain); true }
            "construct_event" -> expect(case, { constructEvent(body(case), headers(case), secrets(case), case["now"]!!.long) }) { want, event ->
                same(eventPlain(event, want), want.plain)
                true
            }
            "client" -> {
                val got = try {
                    client(case).use { mapOf("environment" to it.environment().name.lowercase()) }
                } catch (e: PeekerException) {
                    record(e)
                    errorPlain(e, case["expect"]!!)
                }
                same(got, normalized(case["expect"]!!))
            }
            "build_request" -> {
                val want = case["expect"]!!
                val call = case["call"]!!.string
                val got = try {
                    client(case).use { client ->
                        val requests = if (call == "next_page") listOf(client.nextPage(Args(case["args"]!!).text("links_next")))
                        else Dispatch.OPERATIONS[call]!!.build(client, Args(case["args"]!!))
                        mapOf("requests" to requests.map(::requestPlain))
                    }
                } catch (e: PeekerException) {
                    record(e)
                    errorPlain(e, want)
                } catch (e: NotExpressible) {
                    val refusal = e.cause as? PeekerException
                    refusal?.let(::record)
                    check(want.has("error")) { "the typed API cannot take these arguments (${e.message}), yet the case expects requests" }
                    // The record's own refusal, when it has the expected code, must match the case's violations too.
                    if (refusal == null || refusal.code != want["error"]?.string) return
                    errorPlain(refusal, want)
                }
                same(got, normalized(want))
            }
            "parse_response" -> {
                val want = case["expect"]!!
                val apiError = want["api_error"]
                try {
                    val parsed = parse(case["operation"]!!.string, case["status"]!!.int, headers(case), body(case))
                    check(apiError == null) { "expected an API error, got $parsed" }
                    val data = parsed.dataJson?.let(::plainJson)
                    val got = mapOf("status" to num(parsed.status.toLong()), "request_id" to parsed.requestId, "data" to data, "next_link" to parsed.nextLink)
                    if (case["exact"]?.plain == true) {
                        // Records cannot tell absent from null: nulls are dropped on both sides.
                        same(dropNulls(data), dropNulls(want["data"]!!.plain))
                    }
                    subset(got, want.plain)
                } catch (e: PeekerException.Api) {
                    record(e)
                    check(apiError != null) { "unexpected API error $e" }
                    val got = mapOf(
                        "code" to e.code, "status" to num(e.status.toLong()), "message" to e.detail, "field" to e.field,
                        "details" to e.detailsJson?.let(::plainJson), "request_id" to e.requestId,
                        "retry_after_seconds" to e.retryAfterSeconds?.let(::num),
                    )
                    subset(got, apiError.plain)
                }
            }
            "retry_advice" -> {
                val dedupe = case["dedupe"]?.let { Dedupe(it["first_sent_at"]!!.long, it["now"]?.long) }
                val advice = retryAdvice(
                    Operation.valueOf(case["operation"]!!.string.uppercase()),
                    failure(case),
                    case["attempt"]!!.int,
                    case["jitter"]!!.double,
                    dedupe,
                )
                val got = mapOf("retry" to advice.retry, "delay_ms" to num(advice.delayMs), "reason" to advice.reason)
                same(got, case["expect"]!!.plain)
            }
            else -> error("unknown op $op")
        }
    }

    // ---- Helpers (as the Rust runner's) -----------------------------------------

    /** A text given as a string or as {"parts": [[text, count], ...]} (index.json). */
    private fun spec(value: Json): String = (value as? Json.Str)?.value
        ?: value["parts"]!!.list.joinToString("") { part -> part.list[0].string.repeat(part.list[1].int) }

    /** The case's body: text (or parts) as UTF-8, or bytes from `body_base64`. */
    private fun body(case: Json): ByteArray = case["body_base64"]?.let { Base64.getDecoder().decode(it.string) }
        ?: spec(case["body"]!!).toByteArray(Charsets.UTF_8)
    private fun secrets(case: Json) = case["secrets"]!!.list.map { it.string }

    /** A Map, as JVM servers hand headers over: a repeated name is joined with ", " (the HTTP way). */
    private fun headers(case: Json): Map<String, String> =
        case["headers"]!!.list.map { pair -> pair.list[0].string to spec(pair.list[1]) }
            .groupBy { it.first.lowercase() }
            .values.associate { same -> same.first().first to same.joinToString(", ") { it.second } }
    private fun num(n: Long) = BigDecimal.valueOf(n)

    private fun parse(operation: String, status: Int, headers: Map<String, String>, body: ByteArray): Parsed =
        Dispatch.OPERATIONS[operation]!!.parse(status, headers, body)

    /** `failure` (`"network"` or `{status, retry_after_seconds?}`), or the ApiError of `failure_response`, as it is. */
    private fun failure(case: Json): Failure {
        case["failure_response"]?.let { response ->
            try {
                parse(response["operation"]!!.string, response["status"]!!.int, headers(response), body(response))
            } catch (e: PeekerException.Api) {
                return Failure.Status(e.status, e.retryAfterSeconds?.toDouble())
            }
            error("failure_response parsed as a success")
        }
        val failure = case["failure"]!!
        return if (failure is Json.Str && failure.value == "network") Failure.Network
        else Failure.Status(failure["status"]!!.int, failure["retry_after_seconds"]?.double)
    }

    private fun same(got: Any?, want: Any?) = check(jsonEquals(got, want)) { "got  $got\nwant $want" }
    private fun subset(got: Any?, want: Any?) = check(jsonContains(got, want)) { "got  $got\nwant $want (subset)" }

    /** Compare a result with the case's `expect`: `{error: code}` or a value check. */
    private fun <T> expect(case: Json, call: () -> T, check: (Json, T) -> Boolean) {
        val want = case["expect"]!!
        val code = want["error"]?.string
        val value = try {
            call()
        } catch (e: PeekerException) {
            record(e)
            check(code == e.code) { "unexpected error $e" }
            return
        } catch (e: NotExpressible) {
            (e.cause as? PeekerException)?.let(::record)
            check(code != null) { "the typed API cannot take the input (${e.message})" }
            return
        }
        check(code == null) { "expected error $code, got $value" }
        check(check(want, value)) { "got $value" }
    }

    private fun pairs(list: List<Pair<String, String>>) =
        list.sortedWith(compareBy({ it.first }, { it.second })).map { mapOf("code" to it.first, "path" to it.second) }

    /** `{valid, violations: [{code, path}]}`, violations sorted so the order of the walk does not matter. */
    private fun reportPairs(report: Report): Map<String, Any> {
        thrown?.add(report.violations.joinToString("\n") { it.message })
        return mapOf("valid" to report.valid, "violations" to pairs(report.violations.map { it.code to it.path }))
    }

    private fun expectedReport(want: Json) = mapOf(
        "valid" to want["valid"]?.plain,
        "violations" to pairs(want["violations"]?.list.orEmpty().map { it["code"]!!.string to it["path"]!!.string }),
    )

    /** `{id, type, unknown_type?, data_id, data?}`: `data` (the data's JSON) when the case gives it. */
    private fun eventPlain(event: Event, want: Json): Map<String, Any?> {
        val got = mutableMapOf<String, Any?>("id" to event.id(), "type" to event.typeName(), "data_id" to event.dataId())
        if (event is Event.Unknown) got["unknown_type"] = event.eventType
        if (want.has("data")) got["data"] = plainJson(event.dataJson())
        return got
    }

    private fun client(case: Json): Client {
        val config = case["client"]!!
        return Client(config["api_key"]?.string ?: "", config["base_url"]?.string, config["user_agent"]?.string)
    }

    /** `{error, violations?}`: the violations only when the case lists them. */
    private fun errorPlain(e: PeekerException, want: Json): Map<String, Any?> {
        val got = mutableMapOf<String, Any?>("error" to e.code)
        if (want.has("violations")) {
            got["violations"] = pairs((e as? PeekerException.Validation)?.report?.violations.orEmpty().map { it.code to it.path })
        }
        return got
    }

    /** The expectation with header names lowercased, `{version}` replaced and violations sorted. */
    @Suppress("UNCHECKED_CAST")
    private fun normalized(want: Json): Any? {
        val plain = (want.plain as Map<String, Any?>).toMutableMap()
        (plain["requests"] as List<Map<String, Any?>>?)?.let { requests ->
            plain["requests"] = requests.map { request ->
                val headers = (request["headers"] as Map<String, Any?>).entries.associate { (name, value) ->
                    name.lowercase() to (value as? String)?.replace("{version}", version())
                }
                request + ("headers" to headers)
            }
        }
        if (want.has("violations")) {
            plain["violations"] = pairs(want["violations"]!!.list.map { it["code"]!!.string to it["path"]!!.string })
        }
        return plain
    }

    /** The host form of a request: header names lowercased, the body as text. */
    private fun requestPlain(request: HttpRequest) = mapOf(
        "method" to request.method,
        "url" to request.url,
        "headers" to request.headers.entries.associate { (name, value) -> name.lowercase() to value },
        "body" to request.body?.toString(Charsets.UTF_8),
    )
}
