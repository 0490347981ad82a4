// Runs the Swift example of bindings-mobile/README.md (Sources/PeekerExample/BuyDomains.swift,
// which must be the README's block verbatim) against the local Peeker: a real order, its
// real webhooks, received by the example's WebhookListener.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PeekerCore
import PeekerExample
import XCTest

final class ReadmeTests: XCTestCase {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let tag = String(DispatchTime.now().uptimeNanoseconds, radix: 36)
    static let picked = ["readme-\(tag).com", "readme-\(tag).io", "readme-mail-\(tag).io"]
    /// The example's run, once for the tests that look at it: the order and what was printed.
    static var run: (Order, String)?

    func testTheReadmesSwiftBlockIsBuyDomainsSwift() throws {
        // Tests/PeekerCoreTests/ -> bindings-mobile/README.md
        let readme = Self.here.appendingPathComponent("../../../README.md").standardized
        let text = try String(contentsOf: readme, encoding: .utf8)
        let marker = try XCTUnwrap(text.range(of: "<!-- swift-example -->"), "no <!-- swift-example --> marker in \(readme.path)")
        let start = try XCTUnwrap(text.range(of: "```swift\n", range: marker.upperBound..<text.endIndex))
        let end = try XCTUnwrap(text.range(of: "```\n", range: start.upperBound..<text.endIndex))
        let example = Self.here.appendingPathComponent("../../Sources/PeekerExample/BuyDomains.swift").standardized
        XCTAssertEqual(String(text[start.upperBound..<end.lowerBound]), try String(contentsOf: example, encoding: .utf8),
                       "README.md and Sources/PeekerExample/BuyDomains.swift differ: keep them identical")
    }

    /// What `body` prints (the standard output goes to a file meanwhile, the listener's
    /// thread included), after its result.
    func output<T>(_ body: () async throws -> T) async throws -> (T, String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString).txt")
        XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        fflush(stdout)
        let saved = dup(STDOUT_FILENO)
        dup2(handle.fileDescriptor, STDOUT_FILENO)
        let result: Result<T, Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        fflush(stdout)
        dup2(saved, STDOUT_FILENO)
        close(saved)
        try handle.close()
        let text = try String(contentsOf: file, encoding: .utf8)
        try FileManager.default.removeItem(at: file)
        print(text, terminator: "")
        return (try result.get(), text)
    }

    func example() async throws -> (Order, String) {
        if let run = Self.run { return run }
        let run = try await output { try await runExample(environment: Local.env, picked: Self.picked) }
        Self.run = run
        return run
    }

    func testTheExampleBuysTheDomainsAndItsWebhookListenerReceivesOrderCompleted() async throws {
        let (order, printed) = try await example()
        XCTAssertEqual(order.status, .completed)
        XCTAssertEqual(order.domainCount, 3)
        XCTAssertEqual(try Json.parse(try XCTUnwrap(order.domains?.registeredJson)).list?.compactMap(\.string), Self.picked)
        let lines = printed.split(separator: "\n").map(String.init)
        let picked = Self.picked
        XCTAssertTrue(lines.contains("bundle \(order.bundleId ?? "") needs 3 domains: Microsoft [\"\(picked[0])\"], Google [\"\(picked[1])\", \"\(picked[2])\"]"), printed)
        XCTAssertTrue(lines.contains { $0.hasPrefix("webhook: order \(order.id) completed, 3 domains (event evt_") }, printed)
        XCTAssertTrue(lines.contains("GET /orders/\(order.id): completed, the order the webhook carried"), printed)
        for secret in [try Local.variable("PEEKER_API_KEY"), try Local.variable("PEEKER_WEBHOOK_SECRET"), "s3cret-Pa55"] {
            XCTAssertFalse(printed.contains(secret), "a secret was printed")
        }
        // The server's side: the event was delivered to the example's listener, which answered 200.
        let events = try await Local.call("GET", "/events?type=order.completed&target=\(order.id)").list ?? []
        XCTAssertEqual(events.count, 1)
        let deliveries = events.first?["deliveries"]?.list ?? []
        XCTAssertTrue(deliveries.contains { $0["status"]?.string == "delivered" && $0["last_status"]?.int64 == 200 }, "\(events.map(\.raw))")
    }

    func testTheWebhookListenerRefusesATamperedCopyOfThatDelivery() async throws {
        let (order, _) = try await example()
        let secret = try Local.variable("PEEKER_WEBHOOK_SECRET")
        let event = try await Local.call("GET", "/events?type=order.completed&target=\(order.id)").list?.first
        let eventId = try XCTUnwrap(event?["id"]?.string)
        let stored = try await Local.call("GET", "/events/\(eventId)")
        let body = Data(try XCTUnwrap(stored["event"]).raw.utf8)
        let completed = CompletedOrders()
        let listener = try WebhookListener { body, headers in
            handleWebhook(rawBody: body, headers: headers, secrets: [secret], completed: completed.add)
        }
        defer { listener.stop() }
        func deliver(_ body: Data, signed: Data) async throws -> Int {
            let now = Int64(Date().timeIntervalSince1970)
            var request = URLRequest(url: try XCTUnwrap(URL(string: "http://127.0.0.1:\(listener.port)/webhooks/peeker")))
            request.httpMethod = "POST"
            request.httpBody = body
            request.setValue(String(now), forHTTPHeaderField: "Peeker-Timestamp")
            request.setValue(try signWebhook(secret: secret, timestamp: now, body: signed), forHTTPHeaderField: "Peeker-Signature")
            let (_, response) = try await URLSession.shared.data(for: request)
            return (response as? HTTPURLResponse)?.statusCode ?? 0
        }
        let tampered = Data(String(decoding: body, as: UTF8.self).replacingOccurrences(of: order.id, with: "ord_someone_else").utf8)
        let (refused, why) = try await output { try await deliver(tampered, signed: body) }
        XCTAssertEqual(refused, 400)
        XCTAssertEqual(why, "webhook refused: signature_mismatch\n")
        let accepted = try await deliver(body, signed: body)
        XCTAssertEqual(accepted, 200)
        let delivered = try await completed.wait(for: order.id, seconds: 5)
        XCTAssertEqual(delivered, order)
    }
}
