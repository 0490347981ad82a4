// Every case of the generated PeekerError carries `code` and `detail`; these
// read them without a `switch` (`catch let error as PeekerError { error.code }`).
// The Mirrors below keep `dump(...)` and other Mirror-based printers from
// listing the fields that hold a secret: HttpRequest's headers (the API key) and
// body, NewOrder's and OrderSequencer's login_password. They show the redacted
// `description` instead.

extension PeekerError {
    /// The stable snake_case code, identical in every host (`signature_mismatch`, ...).
    public var code: String {
        switch self {
        case .Config(let code, _), .Webhook(let code, _), .Internal(let code, _):
            return code
        case .Validation(let code, _, _):
            return code
        case .Json(let code, _, _, _):
            return code
        case .Api(let code, _, _, _, _, _, _):
            return code
        }
    }

    /// What went wrong, for people. May change between versions; branch on `code`.
    public var detail: String {
        switch self {
        case .Config(_, let detail), .Webhook(_, let detail), .Internal(_, let detail):
            return detail
        case .Validation(_, let detail, _):
            return detail
        case .Json(_, let detail, _, _):
            return detail
        case .Api(_, let detail, _, _, _, _, _):
            return detail
        }
    }
}

extension HttpRequest: CustomReflectable {
    /// Only the redacted `description` (the `Authorization` header holds the API key).
    public var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .struct)
    }
}

extension NewOrder: CustomReflectable {
    /// Only the redacted `description` (the sequencer holds the Smartlead password).
    public var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .struct)
    }
}

extension OrderSequencer: CustomReflectable {
    /// Only the redacted `description` (`loginPassword` is the Smartlead password).
    public var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .struct)
    }
}
