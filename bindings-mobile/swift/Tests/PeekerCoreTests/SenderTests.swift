// The optional Sender against the local Peeker: its fault injection, its pages, its
// order dedupe.
import Foundation
import PeekerCore
import XCTest

final class SenderTests: XCTestCase {
    let retries = Retries()
    lazy var sender = Sender(timeout: 1, onRetry: { [retries] in retries.add($0) })
    let tag = String(DispatchTime.now().uptimeNanoseconds, radix: 36)

    override func tearDown() async throws {
        try await Local.call("DELETE", "/faults")
    }

    func reasons() -> [String] { retries.all.map(\.reason) }

    func bundle(_ client: Client, name: String? = nil) async throws -> PeekerCore.Bundle {
        let body = BundleCreate(name: name ?? "sender-\(tag)", monthlySendingVolume: 2500)
        return try await sender.send(.createBundle, client.createBundle(body: body), parse: parseCreateBundleResponse).data
    }

    func testA429IsSentAgainAfterItsRetryAfter() async throws {
        let client = try Local.client()
        try await Local.fault("get_me", "rate_limit", 1, #""retry_after_seconds": 1"#)
        let start = Date()
        let me = try await sender.send(.getMe, client.getMe(), parse: parseGetMeResponse)
        XCTAssertEqual(me.status, 200)
        XCTAssertEqual(reasons(), ["rate_limited"])
        XCTAssertTrue((1000...2000).contains(retries.all[0].delayMs), "\(retries.all)")
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 1)
        let left = try await Local.faults()
        XCTAssertTrue(left.isEmpty)
    }

    func test500And503AreSentAgainWithBackoff() async throws {
        let client = try Local.client()
        let id = try await bundle(client).id
        try await Local.fault("get_bundle", "server_error", 1)
        try await Local.fault("get_bundle", "unavailable", 1)
        let got = try await sender.send(.getBundle, client.getBundle(id: id), parse: parseGetBundleResponse)
        XCTAssertEqual(got.data.id, id)
        XCTAssertEqual(reasons(), ["server_error", "server_error"])
        let left = try await Local.faults()
        XCTAssertTrue(left.isEmpty)
    }

    func testADroppedConnectionAndAnAnswerSlowerThanTheTimeoutAreNetworkFailuresSentAgain() async throws {
        let client = try Local.client()
        try await Local.fault("check_availability", "drop", 1)
        let request = try XCTUnwrap(client.checkAvailability(domains: ["drop-\(tag).com"]).first)
        let rows = try await sender.send(.checkAvailability, request, parse: parseCheckAvailabilityResponse).data.domains
        XCTAssertEqual(rows.map(\.available), [true])
        try await Local.fault("get_me", "slow", 1, #""delay_ms": 3000"#)
        let start = Date()
        let me = try await sender.send(.getMe, client.getMe(), parse: parseGetMeResponse)
        XCTAssertEqual(me.status, 200)
        XCTAssertLessThan(Date().timeIntervalSince(start), 3, "the slow answer was waited for")
        XCTAssertEqual(reasons(), ["network_error", "network_error"])
        let left = try await Local.faults()
        XCTAssertTrue(left.isEmpty)
    }

    func testWhatMayHaveCreatedSomethingAndAClientErrorAreNotSentAgain() async throws {
        let client = try Local.client()
        try await Local.fault("create_bundle", "server_error", 1)
        do {
            _ = try await bundle(client)
            XCTFail("created")
        } catch let error as PeekerError {
            guard case .Api(let code, _, let status, _, _, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual([code, String(status)], ["server_error", "500"])
        }
        do {
            _ = try await sender.send(.getSwap, client.getSwap(id: "swp_missing"), parse: parseGetSwapResponse)
            XCTFail("found")
        } catch let error as PeekerError {
            guard case .Api(let code, _, let status, _, _, let requestId, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual([code, String(status)], ["not_found", "404"])
            XCTAssertTrue(requestId?.hasPrefix("req_") ?? false)
        }
        XCTAssertEqual(reasons(), [])
    }

    /// A bundle of 3 domains (1 Microsoft, 2 Google) and an order of fresh names for it.
    func order(_ client: Client) async throws -> HttpRequest {
        let bundle = try await bundle(client)
        let picked = ["retry-\(tag).com", "retry-\(tag).io", "retry-mail-\(tag).io"]
        let request = try XCTUnwrap(client.checkAvailability(domains: picked).first)
        let rows = try await sender.send(.checkAvailability, request, parse: parseCheckAvailabilityResponse).data.domains
        let order = NewOrder(user: "retry-\(tag)@example.com",
                             sequencer: OrderSequencer(loginEmail: "login@example.com", loginPassword: "s3cret-Pa55"),
                             domains: picked.map { OrderDomain(domain: $0) },
                             personas: [PersonaInput(firstName: "Sam", lastName: "Lee")], bundleId: bundle.id)
        return try client.createOrder(order: order, bundle: bundle, availability: rows)
    }

    func testAnOrderThatTimedOutIsSentAgainSameBytesAndPlacedOnce() async throws {
        let client = try Local.client()
        let request = try await order(client)
        try await Local.fault("create_order", "slow", 1, #""delay_ms": 2000"#)
        let start = Date()
        let placed = try await sender.send(.createOrder, request, parse: parseCreateOrderResponse).data
        XCTAssertEqual(reasons(), ["network_error"])
        // The slow first attempt has ended, whatever it did.
        try await Task.sleep(nanoseconds: UInt64(max(0, 2.5 - Date().timeIntervalSince(start)) * 1e9))
        let query = ListOrdersQuery(bundleId: placed.bundleId)
        let orders = try await sender.send(.listOrders, client.listOrders(query: query), parse: parseListOrdersResponse)
        XCTAssertEqual(orders.data.data.map(\.id), [placed.id])
    }

    func testAnOrderFirstSentMoreThanADayAgoIsNotSentAgain() async throws {
        let client = try Local.client()
        let request = try await order(client)
        try await Local.fault("create_order", "unavailable", 1)
        let dayAgo = Int64(Date().timeIntervalSince1970) - 86_400
        do {
            _ = try await sender.send(.createOrder, request, firstSentAt: dayAgo, parse: parseCreateOrderResponse)
            XCTFail("sent again")
        } catch let error as PeekerError {
            guard case .Api(_, _, let status, _, _, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(status, 503)
        }
        XCTAssertEqual(reasons(), [])
    }

    func testPagesFollowLinksNextEachSentWhenTheLoopReachesIt() async throws {
        let client = try Local.client()
        var created: [String] = []
        for index in 1...5 { created.append(try await bundle(client, name: "page-\(tag)-\(index)").id) }
        let first = try client.listBundles(query: ListBundlesQuery(perPage: 2))
        let pages = sender.pages(client, .listBundles, first: first, parse: parseListBundlesResponse) { $0.nextLink }
        try await Local.fault("list_bundles", "server_error", 1) // taken by the first page, sent only now
        var ours: [String] = []
        var sizes: [Int] = []
        var lastLink: String? = "-"
        for try await page in pages {
            ours += page.data.data.filter { $0.name?.hasPrefix("page-\(tag)-") ?? false }.map(\.id)
            sizes.append(page.data.data.count)
            lastLink = page.nextLink
        }
        XCTAssertEqual(ours, created.reversed()) // newest first
        XCTAssertEqual(reasons(), ["server_error"])
        XCTAssertTrue(sizes.count >= 3 && sizes.dropLast().allSatisfy { $0 == 2 } && lastLink == nil, "\(sizes)")
    }
}
