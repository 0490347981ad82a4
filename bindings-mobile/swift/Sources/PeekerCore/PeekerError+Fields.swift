// Every case of the generated PeekerError carries `code` and `detail`; these
// read them without a `switch` (`catch let error as PeekerError { error.code }`).

extension PeekerError {
    /// The stable snake_case code, identical in every host (`signature_mismatch`, ...).
    public var code: String {
        switch self {
        case .Config(let code, _), .Validation(let code, _), .Webhook(let code, _), .Internal(let code, _):
            return code
        case .Json(let code, _, _, _):
            return code
        }
    }

    /// What went wrong, for people. May change between versions; branch on `code`.
    public var detail: String {
        switch self {
        case .Config(_, let detail), .Validation(_, let detail), .Webhook(_, let detail), .Internal(_, let detail):
            return detail
        case .Json(_, let detail, _, _):
            return detail
        }
    }
}
