// What the vectors cannot show: Swift types, defaults, the default clock, records
// built from native values, and that no secret is ever printed.
import Foundation
import PeekerCore
import XCTest

final class HostTests: XCTestCase {
    let body = Data(#"{"id":"evt_1","type":"order.completed","data":{"id":"ord_1"}}"#.utf8)

    func headers(_ timestamp: Int64, _ signature: String) -> [String: String] {
        ["Peeker-Timestamp": String(timestamp), "Peeker-Signature": signature]
    }

    func ok(_ data: String) -> Data { Data(#"{"data": \#(data)}"#.utf8) }

    func code(_ call: () throws -> Any) -> String? {
        do {
            _ = try call()
            return nil
        } catch {
            return (error as? PeekerError)?.code
        }
    }

    func testErrorsAreCasesOfPeekerErrorWithACode() {
        XCTAssertThrowsError(try canonicalize(text: "[1,]")) { error in
            guard case PeekerError.Json(let code, _, let line, _) = error else {
                return XCTFail("not a Json error: \(error)")
            }
            XCTAssertEqual(code, "invalid_json")
            XCTAssertEqual(line, 1)
        }
        XCTAssertThrowsError(try signWebhook(secret: "", timestamp: 1, body: body)) { error in
            guard case PeekerError.Config = error else { return XCTFail("not a Config error: \(error)") }
            XCTAssertEqual((error as? PeekerError)?.code, "invalid_argument")
        }
        XCTAssertThrowsError(try verifyWebhook(body: body, headers: ["Peeker-Signature": "v1=00"], secrets: ["whsec_x"], now: 1)) { error in
            guard case PeekerError.Webhook = error else { return XCTFail("not a Webhook error: \(error)") }
            XCTAssertEqual((error as? PeekerError)?.code, "missing_header")
            XCTAssertFalse((error as? PeekerError)?.detail.isEmpty ?? true)
        }
        XCTAssertThrowsError(try estimateRequiredDomains(params: "{}")) { error in
            guard case PeekerError.Validation(let code, _, let report) = error else {
                return XCTFail("not a Validation error: \(error)")
            }
            XCTAssertEqual(code, "invalid_request")
            XCTAssertFalse(report.valid)
            XCTAssertTrue(report.violations.contains { $0.code == "required" && $0.path == "monthly_sending_volume" })
        }
        let response = Data(#"{"error":{"code":"rate_limited","message":"slow down","details":{"retry_after_seconds":7}}}"#.utf8)
        XCTAssertThrowsError(try parseGetMeResponse(status: 429, headers: ["Peeker-Request-Id": "req_9"], body: response)) { error in
            guard case PeekerError.Api(let code, _, let status, _, _, let requestId, let retryAfter) = error else {
                return XCTFail("not an Api error: \(error)")
            }
            XCTAssertEqual(code, "rate_limited")
            XCTAssertEqual(status, 429)
            XCTAssertEqual(requestId, "req_9")
            XCTAssertEqual(retryAfter, 7)
            // The ApiError passes as it is; `attempt` defaults to 1.
            let advice = try? retryAdvice(operation: .getMe, failure: .status(status: status, retryAfterSeconds: retryAfter.map(Double.init)), jitter: 0)
            XCTAssertEqual(advice?.delayMs, 7000)
        }
    }

    func testAWronglyTypedArgumentCannotBeWrittenAndWhatCanIsInvalidArgument() throws {
        // The typed API takes records: a body of the wrong shape does not compile. What still
        // reaches the core with a wrong value is refused with invalid_argument, naming the argument.
        let client = try Client(apiKey: "pk_test_51abc")
        XCTAssertThrowsError(try client.createUser(body: UserCreate(email: "jane@example.com", extraJson: "[1]"))) { error in
            guard case PeekerError.Config(let code, let detail) = error else { return XCTFail("not Config: \(error)") }
            XCTAssertEqual(code, "invalid_argument")
            XCTAssertTrue(detail.contains("`body`") && detail.contains("extra_json"), detail)
        }
        XCTAssertEqual(code { try client.getUser(id: "") }, "invalid_argument")
        XCTAssertEqual(code { try parseGetMeResponse(status: 70_000, headers: [:], body: Data()) }, "invalid_argument")
        XCTAssertEqual(code { try retryAdvice(operation: .getMe, failure: .status(status: 70_000, retryAfterSeconds: nil), jitter: 0) }, "invalid_argument")
        XCTAssertEqual(code { try retryAdvice(operation: .getMe, failure: .network, attempt: -1, jitter: 0) }, "invalid_argument")
        // JSON text a record cannot hold: the validator's report, with the path; never the value.
        XCTAssertThrowsError(try userUpdateFromJson(json: #"{"email": 5}"#)) { error in
            guard case PeekerError.Validation(_, _, let report) = error else { return XCTFail("not Validation: \(error)") }
            XCTAssertEqual(report.violations.map { "\($0.code) \($0.path)" }, ["invalid_type email"])
        }
        XCTAssertEqual(code { try userCreateFromJson(json: "[") }, "invalid_argument")
    }

    func testRequestsAreBuiltFromRecordsAndBodiesAreData() throws {
        let client = try Client(apiKey: "pk_test_51abc")
        XCTAssertEqual(client.environment(), .test)
        let get = try client.getBundle(id: "bun_123")
        XCTAssertEqual(get.method, "GET")
        XCTAssertEqual(get.url, "https://api.peeker.ai/partner/v1/bundles/bun_123")
        XCTAssertNil(get.body)
        let create = try client.createBundle(body: BundleCreate(name: "Starter", monthlySendingVolume: 25000))
        XCTAssertEqual(create.body, Data(#"{"monthly_sending_volume":25000,"name":"Starter"}"#.utf8))
        // A PATCH tells "leave it" (nil) from "reset it" (.null).
        let reset = try client.updateBundle(id: "bun_123", body: BundleUpdate(googlePercent: .null, microsoftPercent: .null))
        XCTAssertEqual(reset.body, Data(#"{"google_percent":null,"microsoft_percent":null}"#.utf8))
        XCTAssertEqual(try client.checkAvailability(domains: (1...120).map { "domain-\($0).com" }).count, 3)
        let one = try client.checkAvailability(domains: ["Example.COM", "b.com"])
        XCTAssertEqual(one.first?.body, Data(#"{"domains":["example.com","b.com"]}"#.utf8))
        XCTAssertEqual(try client.findImports(domains: ["acme.com", "team-acme.com"]).url,
                       "https://api.peeker.ai/partner/v1/domains/import?domains=acme.com%2Cteam-acme.com")
        XCTAssertEqual(try client.listOrders().url, "https://api.peeker.ai/partner/v1/orders")
        XCTAssertEqual(try client.listOrders(query: ListOrdersQuery(status: "completed", perPage: 10)).url,
                       "https://api.peeker.ai/partner/v1/orders?status=completed&per_page=10")
        XCTAssertNil(try client.cancelOrder(id: "ord_1").body)
    }

    func testResponsesAreTypedRecordsAbsentMembersNil() throws {
        let bundle = try parseGetBundleResponse(status: 200, headers: ["Peeker-Request-Id": "req_1"],
            body: ok(#"{"id": "bun_1", "required_domains": {"google": 1, "microsoft": 1, "total": 2}, "tier": "gold"}"#))
        XCTAssertEqual(bundle.requestId, "req_1")
        XCTAssertEqual(bundle.data.requiredDomains, RequiredDomains(google: 1, microsoft: 1, total: 2))
        XCTAssertNil(bundle.data.monthlySendingVolume) // absent stays nil, not 0
        XCTAssertEqual(bundle.data.extraJson, #"{"tier":"gold"}"#)
        let order = try parseGetOrderResponse(status: 200, headers: [:], body: ok(#"{"id": "ord_2", "status": "paused"}"#)).data
        XCTAssertEqual(order.status, .other(value: "paused")) // an open enum keeps values it does not know
        XCTAssertNil(order.personas)
        XCTAssertEqual(try order.toJson(), #"{"id":"ord_2","status":"paused"}"#)
        let page = try parseListSwapsResponse(status: 200, headers: [:],
            body: Data(#"{"data": [{"id": "swp_1", "status": "completed"}], "links": {"next": "/swaps?page_token=t"}, "meta": {}}"#.utf8))
        XCTAssertEqual(page.data.data.map { $0.status }, [.completed])
        XCTAssertEqual(page.nextLink, "/swaps?page_token=t")
        XCTAssertNil(try parseDeleteBundleResponse(status: 204, headers: [:], body: Data()).data)
        let available = #"{"domains": [{"domain": "a.com", "available": true, "usable_for": ["google", "microsoft"], "premium": false}]}"#
        let rows = try parseCheckAvailabilityResponse(status: 200, headers: [:], body: ok(available)).data.domains
        let plan = try planDomains(required: RequiredDomains(google: 0, microsoft: 1, total: 1), picked: ["A.com"], availability: rows)
        XCTAssertEqual(plan.microsoft, ["a.com"])
        // Prepared once: the results of the rows (D16).
        let prepared = try PreparedAvailability(rows: rows)
        XCTAssertEqual(try prepared.planDomains(required: RequiredDomains(google: 0, microsoft: 1, total: 1), picked: ["A.com"]), plan)
        let picked = #"{"user": "a@example.com", "domains": ["A.com", "b.com"]}"#
        let want = try validateOrder(order: picked, availability: rows)
        XCTAssertTrue(want.violations.contains { $0.code == "availability_unknown" && $0.path == "domains[1]" })
        XCTAssertEqual(try prepared.validateOrder(order: picked), want)
        XCTAssertEqual(try estimateRequiredDomains(params: #"{"monthly_sending_volume": 25000}"#), RequiredDomains(google: 15, microsoft: 4, total: 19))
        XCTAssertEqual(try dedupeWindow(firstSentAt: 1000, now: 87_399), DedupeWindow(inside: true, expiresAt: 87_400, remainingSeconds: 1))
    }

    func testEventsAreAnEnumWithTypedPayloads() throws {
        let event = try parseEvent(body: body)
        guard case .orderCompleted(let id, _, let order, _) = event else { return XCTFail("not order.completed: \(event)") }
        XCTAssertEqual(id, "evt_1")
        XCTAssertEqual(order.id, "ord_1")
        XCTAssertEqual(event.typeName(), "order.completed")
        XCTAssertEqual(event.id(), "evt_1")
    }

    func testNowDefaultsToTheDeviceClock() throws {
        let now = Int64(Date().timeIntervalSince1970)
        let signature = try signWebhook(secret: "whsec_x", timestamp: now, body: body)
        let verified = try verifyWebhook(body: body, headers: headers(now, signature), secrets: ["whsec_x"], now: nil)
        XCTAssertEqual(verified.timestamp, now)
        XCTAssertEqual(try constructEvent(body: body, headers: headers(now, signature), secrets: ["whsec_x"]).id(), "evt_1")
        let old = now - 3600
        let stale = try signWebhook(secret: "whsec_x", timestamp: old, body: body)
        XCTAssertThrowsError(try verifyWebhook(body: body, headers: headers(old, stale), secrets: ["whsec_x"])) { error in
            XCTAssertEqual((error as? PeekerError)?.code, "timestamp_too_old")
        }
        XCTAssertTrue(try dedupeWindow(firstSentAt: now - 60).inside)
        let failure = Failure.status(status: 503, retryAfterSeconds: nil)
        XCTAssertTrue(try retryAdvice(operation: .createOrder, failure: failure, jitter: 0, dedupe: Dedupe(firstSentAt: now - 60)).retry)
        XCTAssertEqual(try retryAdvice(operation: .createOrder, failure: failure, jitter: 0, dedupe: Dedupe(firstSentAt: 0)).reason,
                       "dedupe_window_closed")
    }

    // MARK: - Secrets

    let markers = ["KEYMARKER", "PASSWORDMARKER", "SECRETMARKER"]

    func assertClean(_ texts: [String], file: StaticString = #filePath, line: UInt = #line) {
        for text in texts {
            for marker in markers where text.contains(marker) {
                XCTFail("a secret leaked: \(text)", file: file, line: line)
            }
        }
    }

    func printed(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }

    func order(password: String) -> NewOrder {
        NewOrder(user: "client@example.com", sequencer: OrderSequencer(loginEmail: "login@example.com", loginPassword: password),
                 domains: [OrderDomain(domain: "acme-mail.com"), OrderDomain(domain: "acme-team.com")],
                 personas: [PersonaInput(firstName: "Sam", lastName: "Lee")], bundleId: "bun_123")
    }

    func testTheClientAndItsRequestsNeverPrintTheKey() throws {
        let client = try Client(apiKey: "pk_test_KEYMARKER7f3a")
        assertClean(printed(client))
        let request = try client.getMe()
        XCTAssertEqual(request.headers["Authorization"], "Bearer pk_test_KEYMARKER7f3a")
        assertClean(printed(request))
        XCTAssertTrue(request.description.contains("Authorization=[redacted]"), request.description)
        let create = try client.createOrder(order: order(password: "PASSWORDMARKER-9b1c"))
        XCTAssertTrue(String(decoding: create.body ?? Data(), as: UTF8.self).contains("PASSWORDMARKER"))
        assertClean(printed(create) + printed([create]))
    }

    func testNoErrorMessageHoldsASecret() throws {
        var errors: [Error] = []
        func collect(_ call: () throws -> Any) {
            do {
                _ = try call()
                XCTFail("no error")
            } catch {
                errors.append(error)
            }
        }
        collect { try Client(apiKey: "sk_live_KEYMARKER7f3a") }
        collect { try Client(apiKey: "pk_test_KEYMARKER", baseUrl: "http://api.peeker.ai") }
        let client = try Client(apiKey: "pk_test_KEYMARKER7f3a")
        var invalid = order(password: "PASSWORDMARKER-9b1c")
        invalid = NewOrder(user: "nope", sequencer: invalid.sequencer, domains: invalid.domains, personas: invalid.personas)
        collect { try client.createOrder(order: invalid) }
        collect { try newOrderFromJson(json: #"{"sequencer": {"login_password": ["PASSWORDMARKER"]}}"#) }
        collect { try canonicalize(text: #"{"login_password": "PASSWORDMARKER", }"#) }
        let signature = try signWebhook(secret: "whsec_SECRETMARKER_right", timestamp: 5, body: body)
        collect { try verifyWebhook(body: self.body, headers: self.headers(5, signature), secrets: [" whsec_SECRETMARKER_wrong "], now: 5) }
        collect { try parseGetMeResponse(status: 401, headers: [:], body: Data(#"{"error":{"code":"unauthorized","message":"bad key"}}"#.utf8)) }
        XCTAssertEqual(errors.count, 7)
        for error in errors {
            assertClean(printed(error) + [error.localizedDescription])
        }
        let report = try validateOrder(order: #"{"user": "nope", "sequencer": {"login_password": "PASSWORDMARKER"}}"#)
        XCTAssertFalse(report.valid)
        assertClean(printed(report))
    }

    func testANewOrderAndItsSequencerNeverPrintThePassword() throws {
        let order = order(password: "PASSWORDMARKER-9b1c")
        assertClean(printed(order) + printed(order.sequencer) + printed([order]))
        XCTAssertTrue(order.description.contains("login_password=[redacted]"), order.description)
        XCTAssertTrue(try order.toJson().contains("PASSWORDMARKER")) // the body must carry it
    }

    func testANewOrderBuiltFromNativeValuesIsTheOrdersJsonQuotesAndAll() throws {
        let typed = NewOrder(
            user: "client@example.com",
            sequencer: OrderSequencer(clientId: 366903, loginEmail: "login@example.com", loginPassword: "pa\"ss"),
            domains: [OrderDomain(domain: "acme-mail.com"), OrderDomain(domain: "acme-team.com", forwardingUrl: "https://acme.example/")],
            personas: [PersonaInput(firstName: "Zoë \"Z\"", lastName: "O'Brien")],
            bundleId: "bun_123"
        )
        let byHand = #"""
            {"user": "client@example.com", "bundle_id": "bun_123",
             "sequencer": {"provider": "smartlead", "client_id": 366903, "login_email": "login@example.com", "login_password": "pa\"ss"},
             "domains": ["acme-mail.com", {"domain": "acme-team.com", "forwarding_url": "https://acme.example/"}],
             "personas": [{"first_name": "Zoë \"Z\"", "last_name": "O'Brien", "profile_picture_url": null}]}
            """#
        XCTAssertTrue(try typed.validate().valid)
        XCTAssertEqual(try orderBody(order: try newOrderFromJson(json: byHand)), try orderBody(order: typed))
        // The shape is what was set: neither a bundle nor the licence trio is a conflict the core reports.
        let shapeless = NewOrder(user: typed.user, sequencer: typed.sequencer, domains: typed.domains, personas: typed.personas)
        XCTAssertTrue(try shapeless.validate().violations.contains { $0.code == "order_shape_conflict" && $0.path == "" })
    }

    func testAPanicInTheCoreIsAnInternalErrorAndTheSDKKeepsWorking() throws {
        XCTAssertThrowsError(try panicForTests()) { error in
            guard case PeekerError.Internal(let code, _) = error else { return XCTFail("not Internal: \(error)") }
            XCTAssertEqual(code, "internal_error")
        }
        XCTAssertEqual(try canonicalize(text: "[ 1 ]"), "[1]")
    }
}
