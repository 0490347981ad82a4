// A case's arguments as the typed API takes them (see Dispatch.swift). Foundation
// has a `Bundle` and an `Operation` too: PeekerCore's are written qualified.
import Foundation
import PeekerCore

/// A case's argument that the typed API cannot take: not a string where the
/// builder takes text, an unknown query option, JSON that a request record
/// cannot hold (`refusal`: its `<record>FromJson` error). Swift code cannot
/// write such a call, so the case passes when it expects an error (the core
/// refuses the same input from hosts that can pass it), and must match it
/// when the record's refusal has the code the case expects.
struct NotExpressible: Error, CustomStringConvertible {
    let description: String
    var refusal: PeekerError?
}

/// A parse function's result: the `data` as the API's JSON (nil for a deletion without a body).
struct Parsed {
    let status: Int32
    let requestId: String?
    let dataJson: String?
    let nextLink: String?
}

struct Args {
    let args: Json

    func text(_ name: String) throws -> String {
        guard let text = args[name]?.string else { throw NotExpressible(description: "`\(name)` is not a string") }
        return text
    }

    func strings(_ name: String) throws -> [String] {
        guard let items = args[name]?.list else { throw NotExpressible(description: "`\(name)` is not a list") }
        return try items.map {
            guard let text = $0.string else { throw NotExpressible(description: "`\(name)` holds a non-string") }
            return text
        }
    }

    /// A body read by its record's `FromJson` (JSON null when absent: what the core sees).
    func record<T>(_ name: String, _ read: (String) throws -> T) throws -> T {
        try refusing(args[name]?.raw ?? "null", read)
    }

    /// An optional body; absent and null are no body.
    func optionalRecord<T>(_ name: String, _ read: (String) throws -> T) throws -> T? {
        guard let body = args[name], !body.isNull else { return nil }
        return try refusing(body.raw, read)
    }

    /// The whole arguments object read as a record (a batch body `{domains, ...}`).
    func whole<T>(_ read: (String) throws -> T) throws -> T {
        try refusing(args.raw, read)
    }

    func refusing<T>(_ json: String, _ read: (String) throws -> T) throws -> T {
        do {
            return try read(json)
        } catch let error as PeekerError {
            throw NotExpressible(description: "the record cannot hold it (\(error.code))", refusal: error)
        }
    }

    /// Query options, when given as an object of `options`.
    func query(_ name: String, _ options: String...) throws -> Args? {
        guard let query = args[name], !query.isNull else { return nil }
        guard case .object(let members, _) = query else { throw NotExpressible(description: "`\(name)` is not an object") }
        if let unknown = members.first(where: { !options.contains($0.0) }) {
            throw NotExpressible(description: "`\(unknown.0)` is not an option")
        }
        return Args(args: query)
    }

    func optText(_ name: String) throws -> String? {
        guard let value = args[name], !value.isNull else { return nil }
        guard let text = value.string else { throw NotExpressible(description: "`\(name)` is not a string") }
        return text
    }

    func optInt64(_ name: String) throws -> Int64? {
        guard let value = args[name], !value.isNull else { return nil }
        guard let number = value.int64 else { throw NotExpressible(description: "`\(name)` is not a whole number") }
        return number
    }

    /// `context.bundle`, as the Bundle a `get_bundle` response gives.
    func bundle() throws -> PeekerCore.Bundle? {
        try args["context"]?["bundle"].map(bundleOf)
    }

    /// `context.availability`, as the rows a `check_availability` response gives.
    func availability() throws -> [AvailabilityRow]? {
        try args["context"]?["availability"].map(rowsOf)
    }
}

/// A bundle's JSON as the typed Bundle, read the way a response is.
func bundleOf(_ bundle: Json) throws -> PeekerCore.Bundle {
    try parseGetBundleResponse(status: 200, headers: [:], body: Data("{\"data\": \(bundle.raw)}".utf8)).data
}

/// Availability rows' JSON (a list) as typed rows, read the way a response is.
func rowsOf(_ rows: Json) throws -> [AvailabilityRow] {
    try parseCheckAvailabilityResponse(status: 200, headers: [:], body: Data("{\"data\": {\"domains\": \(rows.raw)}}".utf8)).data.domains
}
