package ai.peeker.core

import java.lang.reflect.InvocationTargetException
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** What the vectors cannot show: Kotlin types, defaults, the default clock. */
class HostTest {
    private val body = """{"id":"evt_1","type":"order.completed","data":{"id":"ord_1"}}""".toByteArray()
    private fun nowSeconds() = System.currentTimeMillis() / 1000
    private fun headers(timestamp: Long, signature: String) =
        mapOf("Peeker-Timestamp" to timestamp.toString(), "Peeker-Signature" to signature)
    private fun ok(data: String) = """{"data": $data}""".toByteArray()

    @Test
    fun `errors are subclasses of PeekerException with a code`() {
        val json = assertThrows<PeekerException.Json> { canonicalize("[1,]") }
        assertEquals("invalid_json", json.code)
        assertEquals(1, json.line)
        val config = assertThrows<PeekerException.Config> { signWebhook("", 1, body) }
        assertEquals("invalid_argument", config.code)
        val base: PeekerException = assertThrows<PeekerException.Webhook> {
            verifyWebhook(body, mapOf("Peeker-Signature" to "v1=00"), listOf("whsec_x"), 1)
        }
        assertEquals("missing_header", base.code) // extension property on the base type
        assertFalse(base.detail.isEmpty())
        val validation = assertThrows<PeekerException.Validation> { estimateRequiredDomains("{}") }
        assertEquals("invalid_request", validation.code)
        assertFalse(validation.report.valid)
        assertTrue(validation.report.violations.any { it.code == "required" && it.path == "monthly_sending_volume" })
        val notJson = assertThrows<PeekerException.Config> { validateOrder("{not json") }
        assertEquals("invalid_argument", notJson.code)
        val twice = assertThrows<PeekerException.Config> { newOrderFromJson("""{"user": "a@example.com", "user": "usr_1"}""") }
        assertTrue(twice.detail.contains("duplicate key"), twice.detail)
    }

    @Test
    fun `a wrongly typed argument cannot be written, and what can be is invalid_argument`() {
        // The typed API takes records: a body of the wrong shape does not compile. What still
        // reaches the core with a wrong value is refused with invalid_argument, naming the argument.
        Client("pk_test_51abc").use { client ->
            val notAnObject = UserCreate(email = "jane@example.com", extraJson = "[1]")
            val e = assertThrows<PeekerException.Config> { client.createUser(notAnObject) }
            assertEquals("invalid_argument", e.code)
            assertTrue(e.detail.contains("`body`") && e.detail.contains("extra_json"), e.detail)
            val id = assertThrows<PeekerException.Config> { client.getUser("") }
            assertEquals("invalid_argument", id.code)
        }
        assertEquals("invalid_argument", assertThrows<PeekerException.Config> { parseGetMeResponse(70_000, emptyMap(), ByteArray(0)) }.code)
        val failure = Failure.Status(70_000, null)
        assertEquals("invalid_argument", assertThrows<PeekerException.Config> { retryAdvice(Operation.GET_ME, failure, jitter = 0.0) }.code)
        val attempt = assertThrows<PeekerException.Config> { retryAdvice(Operation.GET_ME, Failure.Network, -1, 0.0) }
        assertTrue(attempt.detail.contains("`attempt`"), attempt.detail)
        // JSON text a record cannot hold: the validator's report, with the path; never the value.
        val wrongType = assertThrows<PeekerException.Validation> { userUpdateFromJson("""{"email": 5}""") }
        assertEquals(listOf("invalid_type" to "email"), wrongType.report.violations.map { it.code to it.path })
        val missing = assertThrows<PeekerException.Validation> { userCreateFromJson("{}") }
        assertEquals(listOf("required" to "email"), missing.report.violations.map { it.code to it.path })
        assertEquals("invalid_argument", assertThrows<PeekerException.Config> { userCreateFromJson("[") }.code)
    }

    @Test
    fun `api errors carry Peeker's code, status and request id`() {
        val response = """{"error":{"code":"domain_count_mismatch","message":"Wrong number of domains","field":"domains",
            "details":{"required_count":12,"submitted_count":10}}}""".toByteArray()
        val e = assertThrows<PeekerException.Api> {
            parseCreateOrderResponse(400, mapOf("peeker-request-id" to "req_42"), response)
        }
        assertEquals("domain_count_mismatch", e.code)
        assertEquals(400, e.status)
        assertEquals("domains", e.field)
        assertEquals("req_42", e.requestId)
        val details = mapOf("required_count" to 12.toBigDecimal(), "submitted_count" to 10.toBigDecimal())
        assertTrue(jsonEquals(details, plainJson(e.detailsJson!!)), e.detailsJson)
        val limited = assertThrows<PeekerException.Api> {
            parseGetMeResponse(429, mapOf("Retry-After" to "9"), """{"error":{"code":"rate_limited","message":"slow"}}""".toByteArray())
        }
        assertEquals(9L, limited.retryAfterSeconds)
        // The ApiError passes as it is; `attempt` defaults to 1.
        val advice = retryAdvice(Operation.GET_ME, Failure.Status(limited.status, limited.retryAfterSeconds?.toDouble()), jitter = 0.0)
        assertEquals(RetryAdvice(true, 9000, "rate_limited", advice.message), advice)
        val html = assertThrows<PeekerException.Api> { parseGetMeResponse(502, emptyMap(), "<html>".toByteArray()) }
        assertEquals("unexpected_response", html.code)
    }

    @Test
    fun `requests are built from records and carry ByteArray bodies`() {
        Client("pk_test_51abc").use { client ->
            assertEquals(Environment.TEST, client.environment())
            assertEquals("https://api.peeker.ai/partner/v1", client.baseUrl())
            assertTrue(client.userAgent().startsWith("peeker-core/" + version()))
            val get = client.getBundle("bun_123")
            assertEquals("GET", get.method)
            assertEquals("https://api.peeker.ai/partner/v1/bundles/bun_123", get.url)
            assertEquals("Bearer pk_test_51abc", get.headers["Authorization"])
            assertNull(get.body)
            val create = client.createBundle(BundleCreate(name = "Starter", monthlySendingVolume = 25000))
            assertEquals("""{"monthly_sending_volume":25000,"name":"Starter"}""", create.body!!.toString(Charsets.UTF_8))
            // A PATCH tells "leave it" (null field) from "reset it" (NullableInt.Null).
            val reset = client.updateBundle("bun_123", BundleUpdate(googlePercent = NullableInt.Null, microsoftPercent = NullableInt.Null))
            assertEquals("""{"google_percent":null,"microsoft_percent":null}""", reset.body!!.toString(Charsets.UTF_8))
            val split = client.updateBundle("bun_123", BundleUpdate(googlePercent = NullableInt.Value(70), microsoftPercent = NullableInt.Value(30)))
            assertEquals("""{"google_percent":70,"microsoft_percent":30}""", split.body!!.toString(Charsets.UTF_8))
            // Batch builders split what the API caps: 120 names -> 50 + 50 + 20.
            assertEquals(3, client.checkAvailability((1..120).map { "domain-$it.com" }).size)
            val one = client.checkAvailability(listOf("Example.COM", " bücher.de ")).single()
            assertEquals("""{"domains":["example.com","xn--bcher-kva.de"]}""", one.body!!.toString(Charsets.UTF_8))
            assertEquals(2, client.updateForwarding((0 until 30).map { "dom_$it" }, "https://acme.com").size)
            assertEquals("https://api.peeker.ai/partner/v1/domains/import?domains=acme.com%2Cteam-acme.com",
                client.findImports(listOf("acme.com", "Team-Acme.com")).url)
            // Default arguments: no query, no cancellation body; query options as a record.
            assertEquals("https://api.peeker.ai/partner/v1/orders", client.listOrders().url)
            assertEquals("https://api.peeker.ai/partner/v1/orders?status=completed&per_page=10",
                client.listOrders(ListOrdersQuery(status = "completed", perPage = 10)).url)
            assertNull(client.cancelOrder("ord_1").body)
            assertEquals("""{"domains":["dom_1"]}""", client.cancelOrder("ord_1", Cancellation(listOf("dom_1"))).body!!.toString(Charsets.UTF_8))
        }
        Client("pk_live_x1", baseUrl = "https://api.peeker.ai/api/partner/v1/", userAgent = "acme/2").use { client ->
            assertEquals(Environment.LIVE, client.environment())
            assertEquals("https://api.peeker.ai/api/partner/v1/me", client.getMe().url)
            assertTrue(client.getMe().headers["User-Agent"]!!.endsWith(" acme/2"))
        }
    }

    @Test
    fun `responses are typed records, absent members null`() {
        val bundle = parseGetBundleResponse(200, mapOf("Peeker-Request-Id" to "req_1"),
            ok("""{"id": "bun_1", "name": "Starter", "required_domains": {"google": 1, "microsoft": 1, "total": 2}, "tier": "gold"}"""))
        assertEquals(200, bundle.status)
        assertEquals("req_1", bundle.requestId)
        assertEquals(RequiredDomains(1, 1, 2), bundle.data.requiredDomains)
        assertNull(bundle.data.monthlySendingVolume) // absent stays null, not 0
        assertEquals("""{"tier":"gold"}""", bundle.data.extraJson)
        assertEquals(RequiredDomains(15, 4, 19), estimateRequiredDomains("""{"monthly_sending_volume": 25000}"""))
        val order = parseGetOrderResponse(200, emptyMap(), ok("""{"id": "ord_2", "status": "paused"}""")).data
        assertEquals(OrderStatus.Other("paused"), order.status) // an open enum keeps values it does not know
        assertNull(order.personas) // not an empty list
        assertEquals("""{"id":"ord_2","status":"paused"}""", order.toJson())
        val page = parseListOrdersResponse(200, emptyMap(),
            """{"data": [{"id": "ord_1", "status": "completed"}], "links": {"next": "https://api.peeker.ai/partner/v1/orders?page_token=t"}, "meta": {"per_page": 1}}""".toByteArray())
        assertEquals(listOf(OrderStatus.Completed), page.data.data.map { it.status })
        assertEquals("https://api.peeker.ai/partner/v1/orders?page_token=t", page.nextLink)
        Client("pk_test_51abc").use { assertEquals("https://api.peeker.ai/partner/v1/orders?page_token=t", it.nextPage(page.nextLink!!).url) }
        assertNull(parseDeleteUserResponse(204, emptyMap(), ByteArray(0)).data)
        val rows = parseCheckAvailabilityResponse(200, emptyMap(), ok("""{"domains": [
            {"domain": "a.com", "available": true, "usable_for": ["google", "microsoft"], "premium": false},
            {"domain": "b.com", "available": false, "usable_for": [], "premium": false, "reason": "taken"}]}""")).data.domains
        assertEquals(listOf(Provider.Google, Provider.Microsoft), rows.first().usableFor)
        val plan = planDomains(RequiredDomains(0, 1, 1), listOf("A.com", "b.com"), rows)
        assertEquals(Plan(emptyList(), listOf("a.com"), RequiredDomains(0, 0, 0), listOf(UnusableDomain("b.com", "taken"))), plan)
        // Prepared once, used from many threads at once: the results of the rows (D16).
        PreparedAvailability(rows).use { prepared ->
            assertEquals(plan, prepared.planDomains(RequiredDomains(0, 1, 1), listOf("A.com", "b.com")))
            val order = """{"user": "a@example.com", "domains": ["a.com", "B.com", "c.com"]}"""
            val want = validateOrder(order, availability = rows)
            assertTrue(want.violations.any { it.code == "domain_unavailable" && it.path == "domains[1]" })
            val reports = (1..8).map { java.util.concurrent.CompletableFuture.supplyAsync { prepared.validateOrder(order) } }.map { it.get() }
            assertTrue(reports.all { it == want })
        }
        val window = dedupeWindow(1000, 1000 + 86_399)
        assertEquals(DedupeWindow(true, 87_400, 1), window)
        assertEquals(Report(true, emptyList()), validateImportJob("""{"domains": ["a.com"]}"""))
        val warning = UserCreate(email = "jane@example.com", extraJson = """{"nickname": "JJ"}""").validate().violations.single()
        assertEquals(Violation("unknown_field", "nickname", warning.message, Severity.WARNING), warning)
    }

    @Test
    fun `events are a sealed class with typed data`() {
        val event = parseEvent(body)
        val orderId = when (event) {
            is Event.OrderCompleted -> event.data.id
            else -> null
        }
        assertEquals("ord_1", orderId)
        assertEquals("evt_1", event.id())
        assertEquals("order.completed", event.typeName())
        val unknown = parseEvent("""{"id":"evt_2","type":"invoice.paid","data":{"id":"inv_1"},"livemode":false}""".toByteArray())
        assertTrue(unknown is Event.Unknown && unknown.eventType == "invoice.paid")
        assertNull(unknown.dataId())
        assertEquals("""{"livemode":false}""", (unknown as Event.Unknown).extraJson)
        val e = assertThrows<PeekerException.Webhook> { parseEvent("[]".toByteArray()) }
        assertEquals("invalid_payload", e.code)
    }

    @Test
    fun `now defaults to the device clock`() {
        val now = nowSeconds()
        val signature = signWebhook("whsec_x", now, body)
        val verified = verifyWebhook(body, headers(now, signature), listOf("whsec_x"), null)
        assertEquals(Verified(now), verified)
        assertNotNull(constructEvent(body, headers(now, signature), listOf("whsec_x")))
        val old = now - 3600
        val e = assertThrows<PeekerException.Webhook> {
            verifyWebhook(body, headers(old, signWebhook("whsec_x", old, body)), listOf("whsec_x"))
        }
        assertEquals("timestamp_too_old", e.code)
        assertTrue(dedupeWindow(now - 60).inside)
        // retry_advice: the first send time alone, `now` from the clock (in the core, as in every host).
        val failure = Failure.Status(503, null)
        assertTrue(retryAdvice(Operation.CREATE_ORDER, failure, jitter = 0.0, dedupe = Dedupe(now - 60)).retry)
        assertEquals("dedupe_window_closed", retryAdvice(Operation.CREATE_ORDER, failure, jitter = 0.0, dedupe = Dedupe(0)).reason)
        assertEquals("dedupe_window_unknown", retryAdvice(Operation.CREATE_ORDER, failure, jitter = 0.0).reason)
    }

    // The kotlin line builds the library and API with the panic hook (PEEKER_TEST_HOOKS=1);
    // the release jar has none. Found by reflection, so the suite compiles against either.
    private val panicHook = runCatching { Class.forName("ai.peeker.core.Peeker_core_ffiKt").getMethod("panicForTests") }.getOrNull()

    @Test
    fun `the panic hook is there exactly when PEEKER_TEST_HOOKS=1`() {
        assertEquals(System.getenv("PEEKER_TEST_HOOKS") == "1", panicHook != null)
    }

    @Test
    fun `a panic in the core is an Internal error with a code, and the SDK keeps working`() {
        assumeTrue(panicHook != null, "a release build: no test hook")
        val e = assertThrows<InvocationTargetException> { panicHook!!.invoke(null) }.cause
        assertEquals("internal_error", (e as PeekerException.Internal).code)
        assertEquals("[1]", canonicalize("[ 1 ]"))
    }

    @Test
    fun `a NewOrder built from native values is the order's JSON, quotes and all`() {
        val typed = NewOrder(
            user = "client@example.com",
            bundleId = "bun_123",
            sequencer = OrderSequencer(loginEmail = "login@example.com", loginPassword = "pa\"ss", clientId = 366903),
            domains = listOf(OrderDomain("acme-mail.com"), OrderDomain("acme-team.com", forwardingUrl = "https://acme.example/")),
            personas = listOf(PersonaInput(firstName = "Zoë \"Z\"", lastName = "O'Brien")),
        )
        val byHand = """{"user": "client@example.com", "bundle_id": "bun_123",
            "sequencer": {"provider": "smartlead", "client_id": 366903, "login_email": "login@example.com", "login_password": "pa\"ss"},
            "domains": ["acme-mail.com", {"domain": "acme-team.com", "forwarding_url": "https://acme.example/"}],
            "personas": [{"first_name": "Zoë \"Z\"", "last_name": "O'Brien", "profile_picture_url": null}]}"""
        assertTrue(typed.validate().valid)
        assertTrue(validateOrder(typed.toJson()).valid)
        assertArrayEquals(orderBody(newOrderFromJson(byHand)), orderBody(typed))
        assertEquals(typed, newOrderFromJson(typed.toJson()))
        val bundle = parseGetBundleResponse(200, emptyMap(), ok("""{"id": "bun_123", "required_domains": {"google": 2, "microsoft": 1, "total": 3}}""")).data
        assertEquals(listOf("domain_count_mismatch" to "domains"), typed.validateAgainst(bundle, null).violations.map { it.code to it.path })
        // The shape is what was set: neither a bundle nor the licence trio is a conflict the core reports.
        val shapeless = typed.copy(bundleId = null)
        assertTrue(shapeless.validate().violations.any { it.code == "order_shape_conflict" && it.path == "" })
        Client("pk_test_51abc").use { client ->
            assertArrayEquals(orderBody(typed), client.createOrder(typed).body)
            assertThrows<PeekerException.Validation> { client.createOrder(typed, bundle) }
        }
    }
}
