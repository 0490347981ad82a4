package ai.peeker.core

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** What the vectors cannot show: Kotlin types, defaults, the default clock. */
class HostTest {
    private val body = """{"id":"evt_1","type":"order.completed","data":{"id":"ord_1"}}""".toByteArray()
    private fun nowSeconds() = System.currentTimeMillis() / 1000
    private fun headers(timestamp: Long, signature: String) =
        mapOf("Peeker-Timestamp" to timestamp.toString(), "Peeker-Signature" to signature)

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
        val twice = assertThrows<PeekerException.Config> { orderBody("""{"user": "a@example.com", "user": "usr_1"}""") }
        assertTrue(twice.detail.contains("duplicate key"), twice.detail)
        val badOperation = assertThrows<PeekerException.Config> { parseResponse("get_everything", 200, emptyMap(), ByteArray(0)) }
        assertEquals("invalid_argument", badOperation.code)
    }

    @Test
    fun `api errors carry Peeker's code, status and request id`() {
        val response = """{"error":{"code":"domain_count_mismatch","message":"Wrong number of domains","field":"domains",
            "details":{"required_count":12,"submitted_count":10}}}""".toByteArray()
        val e = assertThrows<PeekerException.Api> {
            parseResponse("create_order", 400, mapOf("peeker-request-id" to "req_42"), response)
        }
        assertEquals("domain_count_mismatch", e.code)
        assertEquals(400, e.status)
        assertEquals("domains", e.field)
        assertEquals("req_42", e.requestId)
        val details = mapOf("required_count" to 12.toBigDecimal(), "submitted_count" to 10.toBigDecimal())
        assertTrue(jsonEquals(details, plainJson(e.detailsJson!!)), e.detailsJson)
        val limited = assertThrows<PeekerException.Api> {
            parseResponse("get_me", 429, mapOf("Retry-After" to "9"), """{"error":{"code":"rate_limited","message":"slow"}}""".toByteArray())
        }
        assertEquals(9L, limited.retryAfterSeconds)
        val advice = retryAdvice("get_me", Failure.Status(limited.status, limited.retryAfterSeconds), 1, 0.0)
        assertEquals(RetryAdvice(true, 9000, "rate_limited", advice.message), advice)
        val html = assertThrows<PeekerException.Api> { parseResponse("get_me", 502, emptyMap(), "<html>".toByteArray()) }
        assertEquals("unexpected_response", html.code)
    }

    @Test
    fun `results are data classes and requests carry ByteArray bodies`() {
        Client("pk_test_51abc").use { client ->
            assertEquals(Environment.TEST, client.environment())
            assertEquals("https://api.peeker.ai/partner/v1", client.baseUrl())
            assertTrue(client.userAgent().startsWith("peeker-core/" + version()))
            val get = client.getBundle("bun_123")
            assertEquals("GET", get.method)
            assertEquals("https://api.peeker.ai/partner/v1/bundles/bun_123", get.url)
            assertEquals("Bearer pk_test_51abc", get.headers["Authorization"])
            assertNull(get.body)
            val create = client.createBundle("""{"name": "Starter", "monthly_sending_volume": 25000}""")
            assertEquals("""{"monthly_sending_volume":25000,"name":"Starter"}""", create.body!!.toString(Charsets.UTF_8))
            // Batch builders split what the API caps: 120 names -> 50 + 50 + 20.
            val names = (1..120).joinToString(",", "[", "]") { "\"domain-$it.com\"" }
            assertEquals(3, client.checkAvailability(names).size)
            // Default arguments: no query, no cancellation body.
            assertEquals("https://api.peeker.ai/partner/v1/orders", client.listOrders().url)
            assertNull(client.cancelOrder("ord_1").body)
        }
        Client("pk_live_x1", baseUrl = "https://api.peeker.ai/api/partner/v1/", userAgent = "acme/2").use { client ->
            assertEquals(Environment.LIVE, client.environment())
            assertEquals("https://api.peeker.ai/api/partner/v1/me", client.getMe().url)
            assertTrue(client.getMe().headers["User-Agent"]!!.endsWith(" acme/2"))
        }
        assertEquals(RequiredDomains(15, 4, 19), estimateRequiredDomains("""{"name": "a", "monthly_sending_volume": 25000}"""))
        assertEquals(RequiredDomains(1, 1, 2), requiredDomains("""{"required_domains": {"google": 1, "microsoft": 1, "total": 2}}"""))
        assertNull(requiredDomains("""{"name": "no sizing yet"}"""))
        val rows = """[{"domain": "a.com", "available": true, "usable_for": ["google", "microsoft"]},
                      {"domain": "b.com", "available": false, "reason": "taken"}]"""
        val plan = planDomains(RequiredDomains(0, 1, 1), listOf("A.com", "b.com"), rows)
        assertEquals(Plan(emptyList(), listOf("a.com"), RequiredDomains(0, 0, 0), listOf(UnusableDomain("b.com", "taken"))), plan)
        val window = dedupeWindow(1000, 1000 + 86_399)
        assertEquals(DedupeWindow(true, 87_400, 1), window)
        assertTrue(dedupeWindow(nowSeconds() - 60).inside) // now defaults to the clock
        val order = """{"user": " client@example.com ", "domains": ["Example.COM"]}"""
        val bytes: ByteArray = orderBody(order)
        assertArrayEquals("""{"domains":["example.com"],"user":"client@example.com"}""".toByteArray(), bytes)
        assertEquals(64, dedupeKey(bytes).length)
        val report = validateImport("""{"domains": ["a.com"]}""", job = true)
        assertEquals(Report(true, emptyList()), report)
        val warning = validateUser("""{"email": "jane@example.com", "nickname": "JJ"}""").violations.single()
        assertEquals(Violation("unknown_field", "nickname", warning.message, Severity.WARNING), warning)
    }

    @Test
    fun `domain lists can be Kotlin lists`() {
        Client("pk_test_51abc").use { client ->
            assertEquals(2, client.checkAvailability((1..60).map { "domain-$it.com" }).size)
            val one = client.checkAvailability(listOf("Example.COM", " bücher.de ")).single()
            assertEquals("""{"domains":["example.com","xn--bcher-kva.de"]}""", one.body!!.toString(Charsets.UTF_8))
            val e = assertThrows<PeekerException.Validation> { client.checkAvailability(listOf("ok.com", "bad\"name\\\u0001")) }
            assertEquals(listOf("invalid_domain" to "domains[1]"), e.report.violations.map { it.code to it.path })
            assertEquals("https://api.peeker.ai/partner/v1/domains/import?domains=acme.com%2Cteam-acme.com",
                client.findImports(listOf("acme.com", "Team-Acme.com")).url)
            assertEquals(1, client.importDomains(listOf("acme.com")).size)
            assertEquals(1, client.importDomainsJob(listOf("acme.com")).size)
            assertEquals(2, client.updateForwarding((0 until 30).map { "dom_$it" }, "https://acme.com").size)
        }
        assertEquals("""["a\"b","c\\d","\u0001"]""", jsonList(listOf("a\"b", "c\\d", "\u0001")))
    }

    @Test
    fun `events are typed records with the data as JSON text`() {
        val event = parseEvent(body)
        assertEquals("evt_1", event.id)
        assertEquals("order.completed", event.type)
        assertEquals("order", event.kind)
        assertEquals("ord_1", event.dataId)
        assertEquals("ord_1", (plainJson(event.dataJson) as Map<*, *>)["id"])
        assertEquals("{}", event.extraJson)
        val unknown = parseEvent("""{"id":"evt_2","type":"invoice.paid","data":{"id":"inv_1"},"livemode":false}""".toByteArray())
        assertEquals("unknown", unknown.kind)
        assertNull(unknown.dataId)
        assertEquals("""{"livemode":false}""", unknown.extraJson)
        val e = assertThrows<PeekerException.Webhook> { parseEvent("[]".toByteArray()) }
        assertEquals("invalid_payload", e.code)
    }

    @Test
    fun `now defaults to the device clock`() {
        val now = nowSeconds()
        val signature = signWebhook("whsec_x", now, body)
        val verified = verifyWebhook(body, headers(now, signature), listOf("whsec_x"), null)
        assertEquals(now, verified.timestamp)
        assertNull(verified.eventId)
        assertNotNull(constructEvent(body, headers(now, signature), listOf("whsec_x")))
        val old = now - 3600
        val e = assertThrows<PeekerException.Webhook> {
            verifyWebhook(body, headers(old, signWebhook("whsec_x", old, body)), listOf("whsec_x"))
        }
        assertEquals("timestamp_too_old", e.code)
    }

    @Test
    fun `a panic in the core is an Internal error with a code, and the SDK keeps working`() {
        val e = assertThrows<PeekerException.Internal> { panicForTests() }
        assertEquals("internal_error", e.code)
        assertEquals("[1]", canonicalize("[ 1 ]"))
    }

    @Test
    fun `a NewOrder built from native values is written as the order's JSON, quotes and all`() {
        val typed = NewOrder(
            user = "client@example.com",
            bundleId = "bun_123",
            sequencer = Sequencer(loginEmail = "login@example.com", loginPassword = "pa\"ss", clientId = 366903),
            domains = listOf(DomainPick("acme-mail.com"), DomainPick("acme-team.com", forwardingUrl = "https://acme.example/")),
            personas = listOf(Persona(firstName = "Zoë \"Z\"", lastName = "O'Brien")),
        )
        val byHand = """{"user": "client@example.com", "bundle_id": "bun_123",
            "sequencer": {"provider": "smartlead", "client_id": 366903, "login_email": "login@example.com", "login_password": "pa\"ss"},
            "domains": ["acme-mail.com", {"domain": "acme-team.com", "forwarding_url": "https://acme.example/"}],
            "personas": [{"first_name": "Zoë \"Z\"", "last_name": "O'Brien", "profile_picture_url": null}]}"""
        val json = orderJson(typed)
        assertTrue(validateOrder(json).valid)
        assertArrayEquals(orderBody(byHand), orderBody(json))
        // The shape is what was set: neither a bundle nor the licence trio is a conflict the core reports.
        val shapeless = orderJson(typed.copy(bundleId = null))
        assertTrue(validateOrder(shapeless).violations.any { it.code == "order_shape_conflict" && it.path == "" })
        assertEquals(typed.sequencer.copy(loginPassword = "other"), typed.sequencer.copy(loginPassword = "other"))
    }
}
