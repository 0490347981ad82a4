import Foundation
import PeekerCore

/// Builds a request for your HTTP client (URLSession, ...): send its method, url,
/// headers and body bytes as they are, then hand the answer to `parseResponse`.
func bundleRequest(apiKey: String) throws -> HttpRequest {
    let client = try Client(apiKey: apiKey)
    let request = try client.getBundle(id: "bun_123")   // request.body is Data?
    print(request)                                       // Authorization=[redacted]
    return request
}

/// The webhook route: verify the RAW body (as received: a re-serialized body no
/// longer verifies), then act on the event. Returns the HTTP status to answer.
func handleWebhook(rawBody: Data, headers: [String: String], secrets: [String]) -> Int {
    do {
        let event = try constructEvent(body: rawBody, headers: headers, secrets: secrets) // now = the clock
        // Deliveries repeat and arrive out of order: dedupe on event.id.
        print(event.type, event.dataId ?? "-", event.id)
        return 200
    } catch let error as PeekerError {
        print("webhook refused:", error.code)           // "signature_mismatch", ...
        return 400
    } catch {
        return 500                                       // not from the SDK
    }
}
