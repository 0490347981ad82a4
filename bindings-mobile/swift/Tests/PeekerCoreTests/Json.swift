// A small JSON reader for the vector files that keeps each value's exact source
// text (`raw`): arguments go to the binding as the very text of the vector file,
// as the Rust runner hands serde_json values to the core (key order, number
// spelling intact). Comparisons use `plain`: dictionaries, arrays, strings,
// booleans, NSNull and numbers as Decimal, compared by value.
import Foundation

struct JsonError: Error, CustomStringConvertible {
    let description: String
}

indirect enum Json {
    case object([(String, Json)], raw: String)
    case array([Json], raw: String)
    case string(String, raw: String)
    case number(Decimal, raw: String)
    case bool(Bool)
    case null

    static func parse(_ text: String) throws -> Json {
        var reader = JsonReader(bytes: Array(text.utf8))
        let value = try reader.value()
        reader.skipSpace()
        guard reader.pos == reader.bytes.count else { throw JsonError(description: "trailing text at \(reader.pos)") }
        return value
    }

    static func parse(file url: URL) throws -> Json {
        try parse(String(contentsOf: url, encoding: .utf8))
    }

    /// The exact source text of this value.
    var raw: String {
        switch self {
        case .object(_, let raw), .array(_, let raw), .string(_, let raw), .number(_, let raw):
            return raw
        case .bool(let value):
            return value ? "true" : "false"
        case .null:
            return "null"
        }
    }

    subscript(key: String) -> Json? {
        guard case .object(let members, _) = self else { return nil }
        return members.first(where: { $0.0 == key })?.1
    }

    func has(_ key: String) -> Bool { self[key] != nil }

    var string: String? {
        if case .string(let value, _) = self { return value }
        return nil
    }

    var int64: Int64? {
        guard case .number(let value, _) = self else { return nil }
        let whole = NSDecimalNumber(decimal: value).int64Value
        return Decimal(whole) == value ? whole : nil
    }

    var double: Double? {
        if case .number(let value, _) = self { return NSDecimalNumber(decimal: value).doubleValue }
        return nil
    }

    var list: [Json]? {
        if case .array(let items, _) = self { return items }
        return nil
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value as plain data for comparisons.
    var plain: Plain {
        switch self {
        case .object(let members, _):
            var dict: [String: Plain] = [:]
            for (key, value) in members { dict[key] = value.plain }
            return .object(dict)
        case .array(let items, _):
            return .array(items.map { $0.plain })
        case .string(let value, _):
            return .string(value)
        case .number(let value, _):
            return .number(value)
        case .bool(let value):
            return .bool(value)
        case .null:
            return .null
        }
    }
}

/// Plain JSON data: what results are turned into to compare with a case's `expect`.
indirect enum Plain: Equatable, CustomStringConvertible {
    case object([String: Plain])
    case array([Plain])
    case string(String)
    case number(Decimal)
    case bool(Bool)
    case null

    static func of(_ value: String?) -> Plain { value.map { .string($0) } ?? .null }
    static func of(_ value: Int64?) -> Plain { value.map { .number(Decimal($0)) } ?? .null }
    static func of(_ value: Int32?) -> Plain { value.map { .number(Decimal(Int64($0))) } ?? .null }
    static func of(_ value: Bool) -> Plain { .bool(value) }
    static func of(_ values: [String]) -> Plain { .array(values.map { .string($0) }) }
    static func json(_ text: String?) -> Plain {
        guard let text = text, let value = try? Json.parse(text) else { return .null }
        return value.plain
    }

    subscript(key: String) -> Plain {
        if case .object(let members) = self { return members[key] ?? .null }
        return .null
    }

    /// Without its null members, at every depth (what `exact` compares: records cannot tell absent from null).
    var droppingNulls: Plain {
        switch self {
        case .object(let members):
            return .object(members.filter { $0.value != .null }.mapValues { $0.droppingNulls })
        case .array(let items):
            return .array(items.map { $0.droppingNulls })
        default:
            return self
        }
    }

    var description: String {
        switch self {
        case .object(let members):
            return "{" + members.keys.sorted().map { "\"\($0)\": \(members[$0]!)" }.joined(separator: ", ") + "}"
        case .array(let items):
            return "[" + items.map { $0.description }.joined(separator: ", ") + "]"
        case .string(let value):
            return "\"\(value)\""
        case .number(let value):
            return "\(value)"
        case .bool(let value):
            return value ? "true" : "false"
        case .null:
            return "null"
        }
    }

    /// Whether `self` has everything `want` has (the `parse_response` convention of
    /// core/tests/vectors/http.rs): objects may leave out members (a member given as
    /// null must be null or absent), arrays have the same length, numbers compare by value.
    func contains(_ want: Plain) -> Bool {
        switch (self, want) {
        case (_, .object(let wanted)):
            return wanted.allSatisfy { key, value in self[key].contains(value) }
        case (.array(let got), .array(let wanted)):
            return got.count == wanted.count && zip(got, wanted).allSatisfy { $0.contains($1) }
        default:
            return self == want
        }
    }
}

struct JsonReader {
    let bytes: [UInt8]
    var pos = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func skipSpace() {
        while pos < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[pos]) { pos += 1 }
    }

    func text(_ start: Int) -> String {
        String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    func fail(_ what: String) -> JsonError {
        JsonError(description: "\(what) at byte \(pos)")
    }

    mutating func expect(_ byte: UInt8) throws {
        guard pos < bytes.count, bytes[pos] == byte else { throw fail("expected \(Character(UnicodeScalar(byte)))") }
        pos += 1
    }

    mutating func word(_ word: String) throws {
        for byte in word.utf8 { try expect(byte) }
    }

    mutating func value() throws -> Json {
        skipSpace()
        guard pos < bytes.count else { throw fail("unexpected end") }
        let start = pos
        switch bytes[pos] {
        case UInt8(ascii: "{"):
            pos += 1
            var members: [(String, Json)] = []
            skipSpace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
                pos += 1
            } else {
                while true {
                    skipSpace()
                    let key = try string()
                    skipSpace()
                    try expect(UInt8(ascii: ":"))
                    let member = try value()
                    members.append((key, member))
                    skipSpace()
                    if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
                        pos += 1
                        break
                    }
                    try expect(UInt8(ascii: ","))
                }
            }
            return .object(members, raw: text(start))
        case UInt8(ascii: "["):
            pos += 1
            var items: [Json] = []
            skipSpace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
                pos += 1
            } else {
                while true {
                    items.append(try value())
                    skipSpace()
                    if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
                        pos += 1
                        break
                    }
                    try expect(UInt8(ascii: ","))
                }
            }
            return .array(items, raw: text(start))
        case UInt8(ascii: "\""):
            let value = try string()
            return .string(value, raw: text(start))
        case UInt8(ascii: "t"):
            try word("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try word("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try word("null")
            return .null
        default:
            while pos < bytes.count, "+-0123456789.eE".utf8.contains(bytes[pos]) { pos += 1 }
            let raw = text(start)
            // Decimal holds 38 digits and exponents to 127; beyond that, the nearest double.
            guard let number = Decimal(string: raw, locale: Locale(identifier: "en_US_POSIX"))
                ?? Double(raw).map({ Decimal($0) }) else {
                throw fail("not a number: \(raw)")
            }
            return .number(number, raw: raw)
        }
    }

    mutating func hex4() throws -> UInt32 {
        guard pos + 4 <= bytes.count, let value = UInt32(text4(), radix: 16) else { throw fail("bad \\u escape") }
        pos += 4
        return value
    }

    func text4() -> String {
        String(decoding: bytes[pos..<(pos + 4)], as: UTF8.self)
    }

    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        var out: [UInt8] = []
        while true {
            guard pos < bytes.count else { throw fail("unterminated string") }
            let byte = bytes[pos]
            pos += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            if byte != UInt8(ascii: "\\") {
                out.append(byte)
                continue
            }
            guard pos < bytes.count else { throw fail("unterminated escape") }
            let escape = bytes[pos]
            pos += 1
            switch escape {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code), pos + 6 <= bytes.count,
                   bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                    pos += 2
                    let low = try hex4()
                    code = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                }
                let scalar = UnicodeScalar(code) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                out.append(escape) // \" \\ \/
            }
        }
    }
}
