// Runs every case of tests/vectors/ against the typed Swift API with the
// conventions of index.json: each file of its "files", each RFC 8785 sample,
// the numbers file; then checks that no error the cases raise holds a secret of
// the corpus (as the Kotlin host does). Builders and parse functions are reached
// through the generated Dispatch.swift; an argument the typed API cannot take
// is NotExpressible (Args.swift).
// XCTest has no dynamic tests: each method loops over its cases, every failure
// message starts with the file and the case's name, and the methods over cases
// print their count (countCases) for the host's summary.
import Foundation
import PeekerCore
import XCTest

struct VectorFailure: Error, CustomStringConvertible {
    let description: String
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

    func index() throws -> Json {
        try Json.parse(read("index.json"))
    }

    func names(_ key: String) throws -> [String] {
        try index()[key]?.list?.compactMap { $0.string } ?? []
    }

    /// Every case of every file in "files"; a failure names its case.
    func testEveryVectorCase() throws {
        var ran = 0
        for file in try names("files") {
            let cases = try Json.parse(read(file)).list ?? []
            XCTAssertFalse(cases.isEmpty, "no cases in \(file)")
            for c in cases {
                let label = "\(file): \(c["name"]?.string ?? "?")"
                do {
                    try run(c)
                } catch {
                    XCTFail("\(label): \(error)")
                }
                ran += 1
            }
        }
        XCTAssertGreaterThan(ran, 0)
        countCases(ran)
    }

    /// XCTest has no dynamic tests: a method that loops over cases prints how many it
    /// checked, and scripts/hosts/swift.sh counts each of them as a test (as the Kotlin
    /// host's dynamic tests are), in place of the one method.
    func countCases(_ count: Int, function: String = #function) {
        print("peeker-cases \(function) \(count)")
    }

    /// One RFC 8785 sample: input canonicalizes to output, byte for byte (outhex).
    func testRFC8785Samples() throws {
        let samples = try names("samples")
        XCTAssertFalse(samples.isEmpty)
        for name in samples {
            let out = try canonicalize(text: read("rfc8785/input/\(name).json"))
            let hex = try read("rfc8785/outhex/\(name).txt").filter { !$0.isWhitespace }
            XCTAssertEqual(out, try read("rfc8785/output/\(name).json"), "rfc8785: \(name).json")
            XCTAssertEqual(Data(out.utf8).map { String(format: "%02x", $0) }.joined(), hex, "rfc8785: \(name).json outhex")
        }
        countCases(samples.count)
    }

    /// Every line of the numbers file: the double with those IEEE bits, written by
    /// Swift's shortest round-trip `description`, canonicalizes to the ECMAScript form.
    func testES6Numbers() throws {
        let file = try index()["numbers"]?.string ?? "rfc8785/es6-numbers.txt"
        var checked = 0
        for line in try read(file).split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ",", maxSplits: 1)
            guard parts.count == 2, let bits = UInt64(parts[0], radix: 16) else {
                XCTFail("\(file): bad line \(line)")
                continue
            }
            let value = Double(bitPattern: bits)
            let out = try canonicalize(text: "\(value)")
            if out != String(parts[1]) {
                XCTFail("\(file): \(parts[0]) (\(value)): got \(out), expected \(parts[1])")
            }
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 20_000, "only \(checked) lines")
    }

    // MARK: - No secret of the corpus in any error it raises

    /// Every error the cases raise, as printed, and every violation message, while
    /// testNoErrorOfTheCorpusHoldsASecret or testMarkedCorpus runs.
    var thrown: [String]?

    func record(_ error: PeekerError) {
        guard thrown != nil else { return }
        var dumped = ""
        dump(error, to: &dumped) // a Validation error's dump holds its report
        thrown?.append([String(describing: error), String(reflecting: error), error.localizedDescription, dumped].joined(separator: " "))
    }

    /// The strings under keys that hold secrets (API keys, webhook secrets, passwords); shorter
    /// ones ("x") would match ordinary words, and messages name the documented key prefixes.
    func corpusSecrets(in value: Json, into found: inout Set<String>) {
        switch value {
        case .array(let items, _):
            for item in items { corpusSecrets(in: item, into: &found) }
        case .object(let members, _):
            for (key, member) in members {
                guard ["secret", "secrets", "api_key", "login_password"].contains(key) else {
                    corpusSecrets(in: member, into: &found)
                    continue
                }
                for text in (member.list ?? [member]).compactMap({ $0.string })
                where text.count >= 6 && !["pk_live_", "pk_test_"].contains(text) {
                    found.insert(text)
                }
            }
        default:
            break
        }
    }

    func testNoErrorOfTheCorpusHoldsASecret() throws {
        var cases: [Json] = []
        for file in try names("files") { cases += try Json.parse(read(file)).list ?? [] }
        var secrets = Set<String>()
        for c in cases { corpusSecrets(in: c, into: &secrets) }
        thrown = []
        defer { thrown = nil }
        for c in cases { try run(c) }
        let errors = thrown ?? []
        XCTAssertTrue(secrets.count > 10 && errors.count > 100, "\(secrets.count) secrets, \(errors.count) errors")
        for error in errors {
            for secret in secrets where error.contains(secret) {
                XCTFail("\"\(secret)\" appears in: \(error.prefix(300))")
            }
        }
    }

    /// tests/vectors/marked.json (index.json `marked`): every case with a marker in every
    /// string of its input. Results are not compared; no error raised and no violation
    /// message may show the marker.
    func testMarkedCorpus() throws {
        let vectors = try index()
        let marker = try need(vectors["marker"]?.string, "marker")
        let cases = try Json.parse(read(need(vectors["marked"]?.string, "marked"))).list ?? []
        thrown = []
        defer { thrown = nil }
        var leaks: [String] = []
        for c in cases {
            let before = thrown?.count ?? 0
            do {
                try run(c)
            } catch let error as PeekerError {
                record(error) // raised where the unmarked case expected a value
            } catch {
                // a different result than the unmarked case's: not what this test checks
            }
            for text in (thrown ?? []).dropFirst(before) where text.contains(marker) {
                leaks.append("\(c["name"]?.string ?? "?"): \(text.prefix(300))")
            }
        }
        XCTAssertGreaterThan(thrown?.count ?? 0, 250, "the recording is not called")
        XCTAssertEqual(leaks, [])
    }

    // MARK: - The ops

    func need<T>(_ value: T?, _ what: String) throws -> T {
        guard let value = value else { throw VectorFailure(description: "the case has no \(what)") }
        return value
    }

    /// A text given as a string or as {"parts": [[text, count], ...]} (index.json).
    func spec(_ value: Json?) throws -> String {
        if let text = value?.string { return text }
        return try need(value?["parts"]?.list, "parts").map { part -> String in
            let items = part.list ?? []
            guard items.count == 2, let text = items[0].string, let count = items[1].int64 else {
                throw VectorFailure(description: "bad part \(part.raw)")
            }
            return String(repeating: text, count: Int(count))
        }.joined()
    }

    /// The case's body: text (or parts) as UTF-8, or bytes from `body_base64`.
    func body(_ c: Json) throws -> Data {
        if let encoded = c["body_base64"]?.string { return try need(Data(base64Encoded: encoded), "body_base64") }
        return Data(try spec(c["body"]).utf8)
    }
    func secrets(_ c: Json) throws -> [String] { try need(c["secrets"]?.list, "secrets").compactMap { $0.string } }
    func int(_ c: Json, _ key: String) throws -> Int64 { try need(c[key]?.int64, key) }

    func headers(_ c: Json) throws -> [String: String] {
        var headers: [String: String] = [:]
        for pair in try need(c["headers"]?.list, "headers") {
            let items = pair.list ?? []
            guard items.count == 2, let name = items[0].string else {
                throw VectorFailure(description: "bad header \(pair.raw)")
            }
            // A dictionary, as servers hand headers over: a repeated name is joined with ", ".
            let value = try spec(items[1])
            let key = headers.keys.first { $0.lowercased() == name.lowercased() } ?? name
            headers[key] = headers[key].map { "\($0), \(value)" } ?? value
        }
        return headers
    }

    func same(_ got: Plain, _ want: Plain) throws {
        if got != want { throw VectorFailure(description: "got  \(got)\nwant \(want)") }
    }

    func subset(_ got: Plain, _ want: Plain) throws {
        if !got.contains(want) { throw VectorFailure(description: "got  \(got)\nwant \(want) (subset)") }
    }

    /// Compare a result with the case's `expect`: `{error: code}` or a value check.
    func expect<T>(_ c: Json, _ call: () throws -> T, _ check: (Json, T) throws -> Bool) throws {
        let want = try need(c["expect"], "expect")
        let code = want["error"]?.string
        let value: T
        do {
            value = try call()
        } catch let error as PeekerError {
            record(error)
            if error.code != code { throw VectorFailure(description: "unexpected error \(error)") }
            return
        } catch let error as NotExpressible {
            if let refusal = error.refusal { record(refusal) }
            if code == nil { throw VectorFailure(description: "the typed API cannot take the input (\(error))") }
            return
        }
        if let code = code { throw VectorFailure(description: "expected error \(code), got \(value)") }
        if try !check(want, value) { throw VectorFailure(description: "got \(value)") }
    }

    func pairs(_ list: [(String, String)]) -> Plain {
        let sorted = list.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return .array(sorted.map { .object(["code": .string($0.0), "path": .string($0.1)]) })
    }

    /// `{valid, violations: [{code, path}]}`, violations sorted so the walk order does not matter.
    func reportPlain(_ report: Report) -> Plain {
        thrown?.append(report.violations.map { $0.message }.joined(separator: "\n"))
        return .object(["valid": .bool(report.valid), "violations": pairs(report.violations.map { ($0.code, $0.path) })])
    }

    func expectedReport(_ want: Json) -> Plain {
        let list = (want["violations"]?.list ?? []).map { ($0["code"]?.string ?? "", $0["path"]?.string ?? "") }
        return .object(["valid": want["valid"]?.plain ?? .null, "violations": pairs(list)])
    }

    /// `{id, type, unknown_type?, data_id, data?}`: `data` (the data's JSON) when the case gives it.
    func eventPlain(_ event: Event, _ want: Json) throws -> Plain {
        var got: [String: Plain] = ["id": .of(event.id()), "type": .of(event.typeName()), "data_id": .of(event.dataId())]
        if case .unknown(_, let eventType, _, _, _) = event { got["unknown_type"] = .of(eventType) }
        if want.has("data") { got["data"] = .json(try event.dataJson()) }
        return .object(got)
    }

    func client(_ c: Json) throws -> Client {
        let config = try need(c["client"], "client")
        return try Client(apiKey: config["api_key"]?.string ?? "", baseUrl: config["base_url"]?.string,
                          userAgent: config["user_agent"]?.string)
    }

    /// `{error, violations?}`: the violations only when the case lists them.
    func errorPlain(_ error: PeekerError, _ want: Json) -> Plain {
        var got: [String: Plain] = ["error": .string(error.code)]
        if want.has("violations") {
            var list: [(String, String)] = []
            if case .Validation(_, _, let report) = error {
                list = report.violations.map { ($0.code, $0.path) }
            }
            got["violations"] = pairs(list)
        }
        return .object(got)
    }

    /// The expectation with header names lowercased, `{version}` replaced and violations sorted.
    func normalized(_ want: Json) -> Plain {
        guard case .object(var members) = want.plain else { return want.plain }
        if case .array(let requests)? = members["requests"] {
            members["requests"] = .array(requests.map { (request: Plain) -> Plain in
                guard case .object(var fields) = request, case .object(let headers)? = fields["headers"] else { return request }
                var lowered: [String: Plain] = [:]
                for (name, value) in headers {
                    if case .string(let text) = value {
                        lowered[name.lowercased()] = .string(text.replacingOccurrences(of: "{version}", with: version()))
                    } else {
                        lowered[name.lowercased()] = value
                    }
                }
                fields["headers"] = .object(lowered)
                return .object(fields)
            })
        }
        if want.has("violations") {
            let list = (want["violations"]?.list ?? []).map { ($0["code"]?.string ?? "", $0["path"]?.string ?? "") }
            members["violations"] = pairs(list)
        }
        return .object(members)
    }

    /// The host form of a request: header names lowercased, the body as text.
    func requestPlain(_ request: HttpRequest) -> Plain {
        var headers: [String: Plain] = [:]
        for (name, value) in request.headers { headers[name.lowercased()] = .string(value) }
        let body: Plain = request.body.map { Plain.string(String(decoding: $0, as: UTF8.self)) } ?? Plain.null
        return .object(["method": .string(request.method), "url": .string(request.url), "headers": .object(headers), "body": body])
    }

    func parse(_ operation: String, _ status: Int32, _ headers: [String: String], _ body: Data) throws -> Parsed {
        try need(Dispatch.operations[operation], "operation \(operation)").parse(status, headers, body)
    }

    /// `failure` (`"network"` or `{status, retry_after_seconds?}`), or the ApiError of `failure_response`, as it is.
    func failure(_ c: Json) throws -> Failure {
        if let response = c["failure_response"] {
            do {
                _ = try parse(try need(response["operation"]?.string, "operation"), Int32(try int(response, "status")),
                              try headers(response), try body(response))
            } catch PeekerError.Api(_, _, let status, _, _, _, let retryAfterSeconds) {
                return .status(status: status, retryAfterSeconds: retryAfterSeconds.map(Double.init))
            }
            throw VectorFailure(description: "failure_response parsed as a success")
        }
        let failure = try need(c["failure"], "failure")
        if failure.string == "network" { return .network }
        return .status(status: Int32(try int(failure, "status")), retryAfterSeconds: failure["retry_after_seconds"]?.double)
    }

    func run(_ c: Json) throws {
        let op = try need(c["op"]?.string, "op")
        let want = try need(c["expect"], "expect")
        switch op {
        case "canonicalize":
            let input = try spec(c["input"])
            try expect(c, { try canonicalize(text: input) }) { want, out in want["output"]?.string == out }
        case "sign":
            let secret = try need(c["secret"]?.string, "secret"), timestamp = try int(c, "timestamp"), body = try self.body(c)
            try expect(c, { try signWebhook(secret: secret, timestamp: timestamp, body: body) }) { want, signature in
                want["signature"]?.string == signature
            }
        case "verify":
            let body = try self.body(c), headers = try self.headers(c), secrets = try self.secrets(c), now = try int(c, "now")
            // Without "tolerance" the case relies on the binding's default (300).
            let tolerance = c["tolerance"]?.int64
            try expect(c, { () throws -> Verified in
                if let tolerance = tolerance {
                    return try verifyWebhook(body: body, headers: headers, secrets: secrets, now: now, tolerance: tolerance)
                }
                return try verifyWebhook(body: body, headers: headers, secrets: secrets, now: now)
            }) { want, verified in
                // Verified holds the signed timestamp only (D13).
                want["ok"]?["timestamp"]?.int64 == verified.timestamp
            }
        case "validate_order":
            let context = Args(args: c) // its `context`
            let report = try validateOrder(order: try need(c["input"], "input").raw, bundle: try context.bundle(),
                                           availability: try context.availability())
            try same(reportPlain(report), expectedReport(want))
            // The same rows prepared once and used twice give the same report (D16).
            if let rows = try context.availability() {
                let prepared = try PreparedAvailability(rows: rows)
                for _ in 0..<2 {
                    let again = try prepared.validateOrder(order: try need(c["input"], "input").raw, bundle: try context.bundle())
                    try same(reportPlain(again), expectedReport(want))
                }
            }
        case "validate":
            let validate = try need(Dispatch.validators[try need(c["kind"]?.string, "kind")], "validator")
            try same(reportPlain(try validate(try need(c["input"], "input").raw)), expectedReport(want))
        case "estimate_required_domains":
            do {
                let required = try estimateRequiredDomains(params: try need(c["input"], "input").raw)
                try same(.json(try required.toJson()), want.plain)
            } catch let error as PeekerError {
                record(error)
                var violations = Plain.null
                if case .Validation(_, _, let report) = error { violations = reportPlain(report)["violations"] }
                try same(.array([.string(error.code), violations]), .array([want["error"]?.plain ?? .null, expectedReport(want)["violations"]]))
            }
        case "plan_domains":
            let r = try need(c["required"], "required")
            let required = RequiredDomains(google: try int(r, "google"), microsoft: try int(r, "microsoft"), total: try int(r, "total"))
            let picked = try need(c["domains"]?.list, "domains").compactMap { $0.string }
            let rows = try rowsOf(try need(c["availability"], "availability"))
            let prepared = try PreparedAvailability(rows: rows)
            // Plain rows, then the same prepared once and used twice (D16).
            for plan in [try planDomains(required: required, picked: picked, availability: rows),
                         try prepared.planDomains(required: required, picked: picked),
                         try prepared.planDomains(required: required, picked: picked)] {
                let got = Plain.object([
                    "google": .of(plan.google), "microsoft": .of(plan.microsoft), "missing": .json(try plan.missing.toJson()),
                    "unusable": .array(plan.unusable.map { Plain.object(["domain": .string($0.domain), "reason": .string($0.reason)]) }),
                ])
                try same(got, want.plain)
            }
        case "order_body":
            try expect(c, { try orderBody(order: try Args(args: c).record("input", newOrderFromJson(json:))) }) { want, body in
                want["body"]?.string.map { Data($0.utf8) } == body && want["dedupe_key"]?.string == dedupeKey(body: body)
            }
        case "dedupe_window":
            // Without `now` the device clock is used; only the members the case expects are compared.
            let window = try dedupeWindow(firstSentAt: try int(c, "first_sent_at"), now: c["now"]?.int64)
            let got = Plain.object(["inside": .bool(window.inside), "expires_at": .of(window.expiresAt),
                                    "remaining_seconds": .of(window.remainingSeconds)])
            try subset(got, want.plain)
        case "parse_event":
            let body = try self.body(c)
            try expect(c, { try parseEvent(body: body) }) { want, event in try eventPlain(event, want) == want.plain }
        case "construct_event":
            let body = try self.body(c), headers = try self.headers(c), secrets = try self.secrets(c), now = try int(c, "now")
            try expect(c, { try constructEvent(body: body, headers: headers, secrets: secrets, now: now) }) { want, event in
                try eventPlain(event, want) == want.plain
            }
        case "client":
            var got: Plain
            do {
                let client = try self.client(c)
                got = .object(["environment": .string(client.environment() == .live ? "live" : "test")])
            } catch let error as PeekerError {
                record(error)
                got = errorPlain(error, want)
            }
            try same(got, normalized(want))
        case "build_request":
            var got: Plain
            let call = try need(c["call"]?.string, "call"), args = Args(args: try need(c["args"], "args"))
            do {
                let client = try self.client(c)
                let requests = call == "next_page" ? [try client.nextPage(linksNext: try args.text("links_next"))]
                    : try need(Dispatch.operations[call], "operation \(call)").build(client, args)
                got = .object(["requests": .array(requests.map { requestPlain($0) })])
            } catch let error as PeekerError {
                record(error)
                got = errorPlain(error, want)
            } catch let error as NotExpressible {
                if let refusal = error.refusal { record(refusal) }
                guard want.has("error") else {
                    throw VectorFailure(description: "the typed API cannot take these arguments (\(error)), yet the case expects requests")
                }
                // The record's own refusal, when it has the expected code, must match the case's violations too.
                guard let refusal = error.refusal, refusal.code == want["error"]?.string else { return }
                got = errorPlain(refusal, want)
            }
            try same(got, normalized(want))
        case "parse_response":
            let apiError = want["api_error"]
            do {
                let parsed = try parse(try need(c["operation"]?.string, "operation"), Int32(try int(c, "status")),
                                       try self.headers(c), try self.body(c))
                if apiError != nil { throw VectorFailure(description: "expected an API error, got \(parsed)") }
                let data = Plain.json(parsed.dataJson)
                if c["exact"]?.plain == .bool(true) {
                    // Records cannot tell absent from null: nulls are dropped on both sides.
                    try same(data.droppingNulls, (want["data"]?.plain ?? .null).droppingNulls)
                }
                let got = Plain.object(["status": .of(parsed.status), "request_id": .of(parsed.requestId), "data": data,
                                        "next_link": .of(parsed.nextLink)])
                try subset(got, want.plain)
            } catch let error as PeekerError {
                guard case .Api(let code, let detail, let status, let field, let detailsJson, let requestId, let retryAfter) = error else {
                    throw error
                }
                record(error)
                guard let apiError = apiError else {
                    throw VectorFailure(description: "unexpected API error \(code): \(detail)")
                }
                let got = Plain.object([
                    "code": .string(code), "status": .of(status), "message": .string(detail), "field": .of(field),
                    "details": .json(detailsJson), "request_id": .of(requestId), "retry_after_seconds": .of(retryAfter),
                ])
                try subset(got, apiError.plain)
            }
        case "retry_advice":
            let dedupe = try c["dedupe"].map { Dedupe(firstSentAt: try int($0, "first_sent_at"), now: $0["now"]?.int64) }
            let name = try need(c["operation"]?.string, "operation")
            let operation = try need(Dispatch.operationCases[name], "operation \(name)")
            let advice = try retryAdvice(operation: operation, failure: try failure(c), attempt: Int32(try int(c, "attempt")),
                                         jitter: try need(c["jitter"]?.double, "jitter"), dedupe: dedupe)
            let got = Plain.object(["retry": .bool(advice.retry), "delay_ms": .of(advice.delayMs), "reason": .string(advice.reason)])
            try same(got, want.plain)
        default:
            throw VectorFailure(description: "unknown op \(op)")
        }
    }
}
