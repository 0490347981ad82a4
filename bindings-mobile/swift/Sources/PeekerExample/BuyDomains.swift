import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking // URLSession on Linux
#endif
import PeekerCore

public struct ExampleFailure: Error, CustomStringConvertible {
    public let description: String
}

/// Orders the picked domains for a new sending plan; returns the order as Peeker placed it.
public func buyDomains(client: Client, sender: Sender, picked: [String]) async throws -> Order {
    // 1. A sending plan (bundle): it says how many domains an order for it needs.
    let plan = BundleCreate(name: "Starter", monthlySendingVolume: 2500)
    let created = try await sender.send(.createBundle, client.createBundle(body: plan), parse: parseCreateBundleResponse).data
    let bundle = try await sender.send(.getBundle, client.getBundle(id: created.id), parse: parseGetBundleResponse).data
    let required = try bundle.requiredDomains ?? estimateRequiredDomains(params: bundle.toJson())

    // 2. Are the picked names available, and which can serve Microsoft? (One request per 50 names.)
    var rows: [AvailabilityRow] = []
    for request in try client.checkAvailability(domains: picked) {
        rows += try await sender.send(.checkAvailability, request, parse: parseCheckAvailabilityResponse).data.domains
    }
    // Prepared once (each row read, its name normalized): a form validating on every keystroke reuses it.
    let availability = try PreparedAvailability(rows: rows)
    let split = try availability.planDomains(required: required, picked: picked)
    guard split.missing.total == 0 else { throw ExampleFailure(description: "pick \(split.missing.total) more domain(s)") }
    print("bundle \(bundle.id) needs \(required.total) domains: Microsoft \(split.microsoft), Google \(split.google)")

    // 3. The order from the form's values, validated as a whole (every violation,
    //    with its path), then sent as its exact bytes.
    let order = NewOrder(
        user: "client@example.com",
        sequencer: OrderSequencer(clientId: 366903, loginEmail: "login@example.com", loginPassword: "s3cret-Pa55"),
        domains: picked.map { OrderDomain(domain: $0) },
        personas: [PersonaInput(firstName: "Sam", lastName: "Lee")],
        bundleId: bundle.id
    )
    let report = try availability.validateOrder(order: try order.toJson(), bundle: bundle)
    for violation in report.violations {
        print("\(violation.severity) \(violation.code) at '\(violation.path)': \(violation.message)")
    }
    guard report.valid else { throw ExampleFailure(description: "fix the order first") }
    let request = try client.createOrder(order: order, bundle: bundle, availability: rows) // validates again
    print(request) // never shows the API key or the body (it holds the Smartlead password)
    // Keep the key with the send time: resending the same bytes within 24 h returns this order.
    print("dedupe key \(dedupeKey(body: request.body ?? Data()))")
    return try await sender.send(.createOrder, request, parse: parseCreateOrderResponse).data
}

/// The webhook route: verify the RAW body (as received: a re-serialized body no longer
/// verifies), then act on the event. Returns the HTTP status to answer.
public func handleWebhook(rawBody: Data, headers: [String: String], secrets: [String],
                          completed: (Order) -> Void) -> Int {
    do {
        // now = the clock. Deliveries repeat and arrive out of order: dedupe on the event's id.
        switch try constructEvent(body: rawBody, headers: headers, secrets: secrets) {
        case .orderCompleted(let id, _, let order, _):
            print("webhook: order \(order.id) completed, \(order.domainCount ?? 0) domains (event \(id))")
            completed(order)
        case .unknown(let id, let type, _, _, _):
            print("webhook: \(type), newer than this SDK (event \(id))")
        case let event:
            print("webhook: \(event.typeName()) for \(event.dataId() ?? "-")")
        }
        return 200
    } catch let error as PeekerError {
        print("webhook refused: \(error.code)") // "signature_mismatch", ...
        return 400
    } catch {
        return 500 // not from the SDK
    }
}

/// The whole flow against the Peeker of `PEEKER_BASE_URL` (the local Peeker:
/// scripts/with-local.sh sets the variables): receive webhooks, buy domains, wait for
/// `order.completed`, read the order. `WebhookListener` stands in for your server framework.
public func runExample(environment env: [String: String], picked: [String]) async throws -> Order {
    let secrets = [env["PEEKER_WEBHOOK_SECRET"] ?? ""]
    let completed = CompletedOrders()
    let listener = try WebhookListener { body, headers in
        handleWebhook(rawBody: body, headers: headers, secrets: secrets, completed: completed.add)
    }
    defer { listener.stop() }
    // The local Peeker only: deliver webhooks here (at Peeker, the endpoint is set in the portal).
    var register = URLRequest(url: URL(string: "\(env["PEEKER_LOCAL_URL"] ?? "")/webhook-endpoints")!)
    register.httpMethod = "POST"
    register.httpBody = Data(#"{"url": "http://127.0.0.1:\#(listener.port)/webhooks/peeker"}"#.utf8)
    let (_, answer) = try await URLSession.shared.data(for: register)
    guard (answer as? HTTPURLResponse)?.statusCode == 201 else { throw ExampleFailure(description: "no webhook endpoint") }

    let client = try Client(apiKey: env["PEEKER_API_KEY"] ?? "", baseUrl: env["PEEKER_BASE_URL"])
    let sender = Sender()
    let placed = try await buyDomains(client: client, sender: sender, picked: picked)
    print("order \(placed.id) placed: \(placed.costs?.totalCents ?? 0) cents")
    let delivered = try await completed.wait(for: placed.id, seconds: 30)
    let order = try await sender.send(.getOrder, client.getOrder(id: placed.id), parse: parseGetOrderResponse).data
    guard order.status == .completed, order == delivered else {
        throw ExampleFailure(description: "GET /orders/\(order.id) differs from order.completed")
    }
    print("GET /orders/\(order.id): completed, the order the webhook carried")
    return order
}

/// The orders `order.completed` announced, by id (webhooks arrive on the listener's thread).
public final class CompletedOrders: @unchecked Sendable {
    private let lock = NSLock()
    private var orders: [String: Order] = [:]

    public init() {}

    public func add(_ order: Order) {
        lock.lock()
        defer { lock.unlock() }
        orders[order.id] = order
    }

    public func order(_ id: String) -> Order? {
        lock.lock()
        defer { lock.unlock() }
        return orders[id]
    }

    public func wait(for id: String, seconds: Double) async throws -> Order {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let order = order(id) { return order }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        throw ExampleFailure(description: "no order.completed for \(id) in \(seconds) s")
    }
}
