import Foundation
import PeekerCore

/// Builds a request for your HTTP client (URLSession, ...): send its method, url,
/// headers and body bytes as they are, then hand the answer to the operation's
/// parse function.
func bundleRequest(apiKey: String) throws -> HttpRequest {
    let client = try Client(apiKey: apiKey)
    let request = try client.getBundle(id: "bun_123")   // request.body is Data?
    print(request)                                       // Authorization=[redacted]
    return request
}

/// The answer: a typed Bundle (or PeekerError.Api with Peeker's code), and the
/// domains an order for it needs.
func domainsNeeded(status: Int32, headers: [String: String], body: Data) throws -> RequiredDomains {
    let bundle = try parseGetBundleResponse(status: status, headers: headers, body: body).data
    return try bundle.requiredDomains ?? estimateRequiredDomains(params: bundle.toJson())
}

/// The webhook route: verify the RAW body (as received: a re-serialized body no
/// longer verifies), then act on the event. Returns the HTTP status to answer.
func handleWebhook(rawBody: Data, headers: [String: String], secrets: [String]) -> Int {
    do {
        // now = the clock. Deliveries repeat and arrive out of order: dedupe on the event's id.
        switch try constructEvent(body: rawBody, headers: headers, secrets: secrets) {
        case .orderCompleted(let id, _, let order, _):
            print("order \(order.id) completed (event \(id))")
        case .unknown(let id, let type, _, _, _):
            print("\(type): newer than this SDK (event \(id))")
        case let event:
            print("\(event.typeName()) for \(event.dataId() ?? "-") (event \(event.id()))")
        }
        return 200
    } catch let error as PeekerError {
        print("webhook refused:", error.code)           // "signature_mismatch", ...
        return 400
    } catch {
        return 500                                       // not from the SDK
    }
}
