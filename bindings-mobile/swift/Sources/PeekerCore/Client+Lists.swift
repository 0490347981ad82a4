// The domain-list builders take the list as JSON text (so that any shape a form
// produced reaches the core's validation); these overloads take a Swift array.
import Foundation

extension Client {
    /// `checkAvailability(domains:)` for an array of names: one request per 50.
    public func checkAvailability(domains: [String]) throws -> [HttpRequest] {
        try checkAvailability(domains: jsonList(domains))
    }

    /// `importDomains(domains:)` for an array of root domains: one request per 25.
    public func importDomains(domains: [String]) throws -> [HttpRequest] {
        try importDomains(domains: jsonList(domains))
    }

    /// `importDomainsJob(domains:)` for an array of domains: one request per 500.
    public func importDomainsJob(domains: [String]) throws -> [HttpRequest] {
        try importDomainsJob(domains: jsonList(domains))
    }

    /// `findImports(domains:)` for an array of domains.
    public func findImports(domains: [String]) throws -> HttpRequest {
        try findImports(domains: jsonList(domains))
    }

    /// `updateForwarding(domains:forwardingUrl:)` for an array of `dom_` ids or names: one request per 25.
    public func updateForwarding(domains: [String], forwardingUrl: String) throws -> [HttpRequest] {
        try updateForwarding(domains: jsonList(domains), forwardingUrl: forwardingUrl)
    }
}

/// A JSON array of strings.
func jsonList(_ items: [String]) throws -> String {
    String(decoding: try JSONEncoder().encode(items), as: UTF8.self)
}
