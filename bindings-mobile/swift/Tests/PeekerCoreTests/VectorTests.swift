// Runs every case of tests/vectors/ against the Swift API (as core/tests/vectors.rs).
// XCTest has no dynamic tests: each method loops over its cases, and every
// failure message starts with the case's name.
import Foundation
import PeekerCore
import XCTest

/// One case of canonicalize.json or webhooks.json.
struct VectorCase: Decodable {
    struct Verified: Decodable {
        let timestamp: Int64
        let eventId: String?
    }

    struct Expect: Decodable {
        let error: String?
        let output: String?
        let signature: String?
        let ok: Verified?
    }

    let name: String
    let op: String
    let input: String?
    let secret: String?
    let timestamp: Int64?
    let body: String?
    let headers: [[String]]?
    let secrets: [String]?
    let now: Int64?
    let tolerance: Int64?
    let expect: Expect
}

final class VectorTests: XCTestCase {
    static let dir: URL = {
        if let dir = ProcessInfo.processInfo.environment["PEEKER_VECTORS"] {
            return URL(fileURLWithPath: dir)
        }
        // Tests/PeekerCoreTests/ -> the repository's tests/vectors/
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../../tests/vectors").standardized
    }()

    func read(_ path: String) throws -> String {
        try String(contentsOf: Self.dir.appendingPathComponent(path), encoding: .utf8)
    }

    func cases(_ file: String) throws -> [VectorCase] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let list = try decoder.decode([VectorCase].self, from: Data(contentsOf: Self.dir.appendingPathComponent(file)))
        XCTAssertFalse(list.isEmpty, "no cases in \(file)")
        return list
    }

    /// Compare a result with the case's `expect`: `{error: code}` or a value check.
    func expect<T>(_ label: String, _ expected: VectorCase.Expect, _ call: () throws -> T, _ check: (T) -> Bool) {
        do {
            let value = try call()
            if let code = expected.error {
                XCTFail("\(label): expected error \(code), got \(value)")
            } else if !check(value) {
                XCTFail("\(label): got \(value)")
            }
        } catch let error as PeekerError {
            if error.code != expected.error {
                XCTFail("\(label): unexpected error \(error)")
            }
        } catch {
            XCTFail("\(label): unexpected \(error)")
        }
    }

    func run(_ file: String, _ c: VectorCase) throws {
        let label = "\(file): \(c.name)"
        let body = Data((c.body ?? "").utf8)
        switch c.op {
        case "canonicalize":
            let input = try XCTUnwrap(c.input, label)
            expect(label, c.expect, { try canonicalize(text: input) }) { $0 == c.expect.output }
        case "sign":
            let secret = try XCTUnwrap(c.secret, label), timestamp = try XCTUnwrap(c.timestamp, label)
            expect(label, c.expect, { try signWebhook(secret: secret, timestamp: timestamp, body: body) }) {
                $0 == c.expect.signature
            }
        case "verify":
            var headers: [String: String] = [:]
            for pair in c.headers ?? [] {
                XCTAssertEqual(pair.count, 2, "\(label): header \(pair)")
                if pair.count == 2 { headers[pair[0]] = pair[1] }
            }
            let secrets = c.secrets ?? [], now = try XCTUnwrap(c.now, label)
            expect(label, c.expect, { () throws -> Verified in
                // Without "tolerance" the case relies on the binding's default (300).
                if let tolerance = c.tolerance {
                    return try verifyWebhook(body: body, headers: headers, secrets: secrets, now: now, tolerance: tolerance)
                }
                return try verifyWebhook(body: body, headers: headers, secrets: secrets, now: now)
            }) { verified in
                verified.timestamp == c.expect.ok?.timestamp && verified.eventId == c.expect.ok?.eventId
            }
        default:
            XCTFail("\(label): unknown op \(c.op)")
        }
    }

    func testCanonicalizeVectors() throws {
        for c in try cases("canonicalize.json") { try run("canonicalize.json", c) }
    }

    func testWebhookVectors() throws {
        for c in try cases("webhooks.json") { try run("webhooks.json", c) }
    }

    /// One RFC 8785 sample: input canonicalizes to output, byte for byte (outhex).
    func rfc8785(_ name: String) throws {
        let out = try canonicalize(text: read("rfc8785/input/\(name).json"))
        let hex = try read("rfc8785/outhex/\(name).txt").filter { !$0.isWhitespace }
        XCTAssertEqual(out, try read("rfc8785/output/\(name).json"), "rfc8785: \(name).json")
        XCTAssertEqual(Data(out.utf8).map { String(format: "%02x", $0) }.joined(), hex, "rfc8785: \(name).json outhex")
    }

    func testRFC8785Arrays() throws { try rfc8785("arrays") }
    func testRFC8785French() throws { try rfc8785("french") }
    func testRFC8785Structures() throws { try rfc8785("structures") }
    func testRFC8785Unicode() throws { try rfc8785("unicode") }
    func testRFC8785Values() throws { try rfc8785("values") }
    func testRFC8785Weird() throws { try rfc8785("weird") }

    /// Every line of es6-numbers.txt: the double with those IEEE bits, written by
    /// Swift's shortest round-trip `description`, canonicalizes to the ECMAScript form.
    func testES6Numbers() throws {
        var checked = 0
        for line in try read("rfc8785/es6-numbers.txt").split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ",", maxSplits: 1)
            guard parts.count == 2, let bits = UInt64(parts[0], radix: 16) else {
                XCTFail("es6-numbers.txt: bad line \(line)")
                continue
            }
            let value = Double(bitPattern: bits)
            let out = try canonicalize(text: "\(value)")
            if out != String(parts[1]) {
                XCTFail("es6-numbers.txt: \(parts[0]) (\(value)): got \(out), expected \(parts[1])")
            }
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 20_000, "only \(checked) lines")
    }
}
