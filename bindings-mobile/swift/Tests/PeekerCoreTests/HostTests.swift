// What the vectors cannot show: Swift types, defaults, the default clock, orders
// built from native values, and that no secret is ever printed.
import Foundation
import PeekerCore
import XCTest

final class HostTests: XCTestCase {
    let body = Data(#"{"id":"evt_1","type":"order.completed","data":{"id":"ord_1"}}"#.utf8)

    func headers(_ timestamp: Int64, _ signature: String) -> [String: String] {
        ["Peeker-Timestamp": String(timestamp), "Peeker-Signature": signature]
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
        XCTAssertThrowsError(try parseResponse(operation: "get_me", status: 429, headers: ["Peeker-Request-Id": "req_9"], body: response)) { error in
            guard case PeekerError.Api(let code, _, let status, _, _, let requestId, let retryAfter) = error else {
                return XCTFail("not an Api error: \(error)")
            }
            XCTAssertEqual(code, "rate_limited")
            XCTAssertEqual(status, 429)
            XCTAssertEqual(requestId, "req_9")
            XCTAssertEqual(retryAfter, 7)
        }
    }

    func testResultsAreStructsAndBodiesAreData() throws {
        let client = try Client(apiKey: "pk_test_51abc")
        XCTAssertEqual(client.environment(), .test)
        let get = try client.getBundle(id: "bun_123")
        XCTAssertEqual(get.method, "GET")
        XCTAssertEqual(get.url, "https://api.peeker.ai/partner/v1/bundles/bun_123")
        XCTAssertNil(get.body)
        let create = try client.createBundle(body: #"{"name": "Starter", "monthly_sending_volume": 25000}"#)
        XCTAssertEqual(create.body, Data(#"{"monthly_sending_volume":25000,"name":"Starter"}"#.utf8))
        let names = "[" + (1...120).map { "\"domain-\($0).com\"" }.joined(separator: ",") + "]"
        XCTAssertEqual(try client.checkAvailability(domains: names).count, 3)
        XCTAssertEqual(try client.listOrders().url, "https://api.peeker.ai/partner/v1/orders")
        // Domain lists as Swift arrays.
        let one = try client.checkAvailability(domains: ["Example.COM", "b.com"])
        XCTAssertEqual(one.count, 1)
        XCTAssertEqual(one.first?.body, Data(#"{"domains":["example.com","b.com"]}"#.utf8))
        XCTAssertEqual(try client.findImports(domains: ["acme.com", "team-acme.com"]).url,
                       "https://api.peeker.ai/partner/v1/domains/import?domains=acme.com%2Cteam-acme.com")

        XCTAssertEqual(try estimateRequiredDomains(params: #"{"name": "a", "monthly_sending_volume": 25000}"#),
                       RequiredDomains(google: 15, microsoft: 4, total: 19))
        XCTAssertNil(try requiredDomains(bundle: #"{"name": "no sizing yet"}"#))
        let rows = #"[{"domain": "a.com", "available": true, "usable_for": ["google", "microsoft"]}]"#
        let plan = try planDomains(required: RequiredDomains(google: 0, microsoft: 1, total: 1), picked: ["A.com"], availability: rows)
        XCTAssertEqual(plan.microsoft, ["a.com"])
        XCTAssertEqual(dedupeWindow(firstSentAt: 1000, now: 87_399), DedupeWindow(inside: true, expiresAt: 87_400, remainingSeconds: 1))
        let bytes = try orderBody(order: #"{"user": " client@example.com ", "domains": ["Example.COM"]}"#)
        XCTAssertEqual(bytes, Data(#"{"domains":["example.com"],"user":"client@example.com"}"#.utf8))
        XCTAssertEqual(dedupeKey(body: bytes).count, 64)
        let advice = try retryAdvice(operation: "get_me", failure: .network, attempt: 1, jitter: 0)
        XCTAssertTrue(advice.retry)
        let event = try parseEvent(body: body)
        XCTAssertEqual(event.type, "order.completed")
        XCTAssertEqual(event.dataId, "ord_1")
    }

    func testNowDefaultsToTheDeviceClock() throws {
        let now = Int64(Date().timeIntervalSince1970)
        let signature = try signWebhook(secret: "whsec_x", timestamp: now, body: body)
        let verified = try verifyWebhook(body: body, headers: headers(now, signature), secrets: ["whsec_x"], now: nil)
        XCTAssertEqual(verified.timestamp, now)
        XCTAssertNil(verified.eventId)
        XCTAssertEqual(try constructEvent(body: body, headers: headers(now, signature), secrets: ["whsec_x"]).id, "evt_1")
        let old = now - 3600
        let stale = try signWebhook(secret: "whsec_x", timestamp: old, body: body)
        XCTAssertThrowsError(try verifyWebhook(body: body, headers: headers(old, stale), secrets: ["whsec_x"])) { error in
            XCTAssertEqual((error as? PeekerError)?.code, "timestamp_too_old")
        }
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

    func testTheClientAndItsRequestsNeverPrintTheKey() throws {
        let client = try Client(apiKey: "pk_test_KEYMARKER7f3a")
        assertClean(printed(client))
        let request = try client.getMe()
        XCTAssertEqual(request.headers["Authorization"], "Bearer pk_test_KEYMARKER7f3a")
        assertClean(printed(request))
        XCTAssertTrue(request.description.contains("Authorization=[redacted]"), request.description)
        let order = #"""
            {"user": "client@example.com", "bundle_id": "bun_123",
             "sequencer": {"provider": "smartlead", "client_id": 366903, "login_email": "login@example.com",
                           "login_password": "PASSWORDMARKER-9b1c"},
             "domains": ["acme-mail.com", "acme-team.com"],
             "personas": [{"first_name": "Sam", "last_name": "Lee", "profile_picture_url": null}]}
            """#
        let create = try client.createOrder(order: order)
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
        collect { try client.createOrder(order: #"{"user": "nope", "sequencer": {"login_password": "PASSWORDMARKER"}}"#) }
        collect { try client.createOrder(order: #"{"sequencer": {"login_password": ["PASSWORDMARKER"]}}"#) }
        collect { try canonicalize(text: #"{"login_password": "PASSWORDMARKER", }"#) }
        let signature = try signWebhook(secret: "whsec_SECRETMARKER_right", timestamp: 5, body: body)
        collect { try verifyWebhook(body: self.body, headers: self.headers(5, signature), secrets: [" whsec_SECRETMARKER_wrong "], now: 5) }
        collect { try parseResponse(operation: "get_me", status: 401, headers: [:], body: Data(#"{"error":{"code":"unauthorized","message":"bad key"}}"#.utf8)) }
        XCTAssertEqual(errors.count, 7)
        for error in errors {
            assertClean(printed(error) + [error.localizedDescription])
        }
        let report = try validateOrder(order: #"{"user": "nope", "sequencer": {"login_password": "PASSWORDMARKER"}}"#)
        XCTAssertFalse(report.valid)
        assertClean(printed(report))
    }

    func testANewOrderAndItsSequencerNeverPrintThePassword() {
        let sequencer = Sequencer(loginEmail: "login@example.com", loginPassword: "PASSWORDMARKER-9b1c")
        let order = NewOrder(user: "client@example.com", sequencer: sequencer, domains: [DomainPick(domain: "acme-mail.com")],
                             personas: [Persona(firstName: "Sam", lastName: "Lee")])
        assertClean(printed(order) + printed(sequencer) + printed([order]))
        XCTAssertTrue(order.description.contains("login_password=[redacted]"), order.description)
        XCTAssertTrue(orderJson(order: order).contains("PASSWORDMARKER")) // the body must carry it
    }

    func testANewOrderBuiltFromNativeValuesIsWrittenAsTheOrdersJsonQuotesAndAll() throws {
        let typed = NewOrder(
            user: "client@example.com",
            sequencer: Sequencer(loginEmail: "login@example.com", loginPassword: "pa\"ss", clientId: 366903),
            domains: [DomainPick(domain: "acme-mail.com"), DomainPick(domain: "acme-team.com", forwardingUrl: "https://acme.example/")],
            personas: [Persona(firstName: "Zoë \"Z\"", lastName: "O'Brien")],
            bundleId: "bun_123"
        )
        let byHand = #"""
            {"user": "client@example.com", "bundle_id": "bun_123",
             "sequencer": {"provider": "smartlead", "client_id": 366903, "login_email": "login@example.com", "login_password": "pa\"ss"},
             "domains": ["acme-mail.com", {"domain": "acme-team.com", "forwarding_url": "https://acme.example/"}],
             "personas": [{"first_name": "Zoë \"Z\"", "last_name": "O'Brien", "profile_picture_url": null}]}
            """#
        let json = orderJson(order: typed)
        XCTAssertTrue(try validateOrder(order: json).valid)
        XCTAssertEqual(try orderBody(order: byHand), try orderBody(order: json))
        // The shape is what was set: neither a bundle nor the licence trio is a conflict the core reports.
        let shapeless = orderJson(order: NewOrder(user: typed.user, sequencer: typed.sequencer, domains: typed.domains,
                                                  personas: typed.personas))
        XCTAssertTrue(try validateOrder(order: shapeless).violations.contains { $0.code == "order_shape_conflict" && $0.path == "" })
    }

    func testAPanicInTheCoreIsAnInternalErrorAndTheSDKKeepsWorking() throws {
        XCTAssertThrowsError(try panicForTests()) { error in
            guard case PeekerError.Internal(let code, _) = error else { return XCTFail("not Internal: \(error)") }
            XCTAssertEqual(code, "internal_error")
        }
        XCTAssertEqual(try canonicalize(text: "[ 1 ]"), "[1]")
    }
}
