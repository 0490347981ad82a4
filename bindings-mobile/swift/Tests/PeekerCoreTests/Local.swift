// The local Peeker the tests run against (scripts/with-local.sh exports its PEEKER_*
// variables; scripts/hosts/swift.sh passes them into the chroot), and its `/_local`
// endpoints: fault injection and the event log.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PeekerCore
import XCTest

enum Local {
    static let env = ProcessInfo.processInfo.environment

    /// A PEEKER_* variable; the test fails (not crashes) without it.
    static func variable(_ name: String) throws -> String {
        try XCTUnwrap(env[name], "\(name) is not set: run the tests through scripts/hosts/swift.sh (scripts/with-local.sh)")
    }

    static func client() throws -> Client {
        try Client(apiKey: variable("PEEKER_API_KEY"), baseUrl: variable("PEEKER_BASE_URL"))
    }

    /// A `/_local` call; returns the answer's `data` (`.raw` keeps the server's bytes).
    @discardableResult
    static func call(_ method: String, _ path: String, _ body: String? = nil) async throws -> Json {
        var request = URLRequest(url: try XCTUnwrap(URL(string: try variable("PEEKER_LOCAL_URL") + path)))
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let text = String(decoding: data, as: UTF8.self)
        guard (200...299).contains(status) else { throw VectorFailure(description: "\(method) \(path): \(status) \(text)") }
        return try XCTUnwrap(try Json.parse(text)["data"])
    }

    /// Makes the next `count` calls of `operation` fail with `fault`; `options`: JSON members to add.
    static func fault(_ operation: String, _ fault: String, _ count: Int, _ options: String = "") async throws {
        let extra = options.isEmpty ? "" : ", \(options)"
        try await call("POST", "/faults", #"{"operation": "\#(operation)", "fault": "\#(fault)", "count": \#(count)\#(extra)}"#)
    }

    /// Faults not yet used up.
    static func faults() async throws -> [Json] {
        try await call("GET", "/faults").list ?? []
    }
}

/// What a Sender's `onRetry` saw (it is called from the sending task).
final class Retries: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [RetryAdvice] = []

    func add(_ advice: RetryAdvice) {
        lock.lock()
        defer { lock.unlock() }
        seen.append(advice)
    }

    var all: [RetryAdvice] {
        lock.lock()
        defer { lock.unlock() }
        return seen
    }
}
