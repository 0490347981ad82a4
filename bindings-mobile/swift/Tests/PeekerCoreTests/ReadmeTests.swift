// Runs the Swift example of bindings-mobile/README.md (ReadmeExample.swift, which
// must be the README's block verbatim) and checks what it prints.
import Foundation
import PeekerCore
import XCTest

final class ReadmeTests: XCTestCase {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    let apiKey = "pk_test_README0key"

    func testTheReadmesSwiftBlockIsReadmeExampleSwift() throws {
        // Tests/PeekerCoreTests/ -> bindings-mobile/README.md
        let readme = Self.here.appendingPathComponent("../../../README.md").standardized
        let text = try String(contentsOf: readme, encoding: .utf8)
        let marker = try XCTUnwrap(text.range(of: "<!-- swift-example -->"), "no <!-- swift-example --> marker in \(readme.path)")
        let start = try XCTUnwrap(text.range(of: "```swift\n", range: marker.upperBound..<text.endIndex))
        let end = try XCTUnwrap(text.range(of: "```\n", range: start.upperBound..<text.endIndex))
        let example = try String(contentsOf: Self.here.appendingPathComponent("ReadmeExample.swift"), encoding: .utf8)
        XCTAssertEqual(String(text[start.upperBound..<end.lowerBound]), example,
                       "README.md and ReadmeExample.swift differ: keep them identical")
    }

    /// What `body` prints (the standard output goes to a file meanwhile), after its result.
    func output<T>(_ body: () throws -> T) throws -> (T, String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString).txt")
        XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        fflush(stdout)
        let saved = dup(STDOUT_FILENO)
        dup2(handle.fileDescriptor, STDOUT_FILENO)
        let result = Result { try body() }
        fflush(stdout)
        dup2(saved, STDOUT_FILENO)
        close(saved)
        try handle.close()
        let text = try String(contentsOf: file, encoding: .utf8)
        try FileManager.default.removeItem(at: file)
        print(text, terminator: "")
        return (try result.get(), text)
    }

    func testTheRequestIsBuiltAndPrintedWithoutTheKey() throws {
        let (request, printed) = try output { try bundleRequest(apiKey: apiKey) }
        XCTAssertEqual(request.method, "GET")
        XCTAssertEqual(request.url, "https://api.peeker.ai/partner/v1/bundles/bun_123")
        XCTAssertEqual(request.headers["Authorization"], "Bearer \(apiKey)")
        XCTAssertNil(request.body)
        XCTAssertTrue(printed.contains("Authorization=[redacted]"), printed)
        XCTAssertFalse(printed.contains(apiKey), printed)
    }

    func testTheAnswerIsATypedBundle() throws {
        let answer = Data(#"{"data": {"id": "bun_123", "required_domains": {"google": 8, "microsoft": 2, "total": 10}}}"#.utf8)
        XCTAssertEqual(try domainsNeeded(status: 200, headers: [:], body: answer), RequiredDomains(google: 8, microsoft: 2, total: 10))
        let unsized = Data(#"{"data": {"id": "bun_123", "monthly_sending_volume": 25000}}"#.utf8)
        XCTAssertEqual(try domainsNeeded(status: 200, headers: [:], body: unsized), RequiredDomains(google: 15, microsoft: 4, total: 19))
        let missing = Data(#"{"error": {"code": "not_found", "message": "No such bundle."}}"#.utf8)
        XCTAssertThrowsError(try domainsNeeded(status: 404, headers: [:], body: missing)) { error in
            XCTAssertEqual((error as? PeekerError)?.code, "not_found")
        }
    }

    func testTheWebhookHandlerVerifiesTheRawBody() throws {
        let secret = "whsec_readme_6a1f"
        let body = Data(#"{"id":"evt_01J2README","type":"order.completed","data":{"id":"ord_01J2README"}}"#.utf8)
        func deliver(_ body: Data, signed: Data? = nil) throws -> (Int, String) {
            let now = Int64(Date().timeIntervalSince1970)
            let headers = ["Peeker-Timestamp": String(now), "Peeker-Signature": try signWebhook(secret: secret, timestamp: now, body: signed ?? body)]
            return try output { handleWebhook(rawBody: body, headers: headers, secrets: [secret]) }
        }
        let (status, printed) = try deliver(body)
        XCTAssertEqual(status, 200)
        XCTAssertEqual(printed, "order ord_01J2README completed (event evt_01J2README)\n")
        let swap = Data(#"{"id":"evt_2","type":"swap.completed","data":{"id":"swp_1"}}"#.utf8)
        XCTAssertEqual(try deliver(swap).1, "swap.completed for swp_1 (event evt_2)\n")
        let tampered = Data(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "ord_", with: "ord_x").utf8)
        let (refused, why) = try deliver(tampered, signed: body)
        XCTAssertEqual(refused, 400)
        XCTAssertEqual(why, "webhook refused: signature_mismatch\n")
        XCTAssertFalse(why.contains(secret))
    }
}
