package ai.peeker.core

// The domain-list builders take the list as JSON text (so that any shape a form
// produced reaches the core's validation); these overloads take a Kotlin list.

/** [Client.checkAvailability] for a list of names: one request per 50. */
fun Client.checkAvailability(domains: List<String>): List<HttpRequest> = checkAvailability(jsonList(domains))

/** [Client.importDomains] for a list of root domains: one request per 25. */
fun Client.importDomains(domains: List<String>): List<HttpRequest> = importDomains(jsonList(domains))

/** [Client.importDomainsJob] for a list of domains: one request per 500. */
fun Client.importDomainsJob(domains: List<String>): List<HttpRequest> = importDomainsJob(jsonList(domains))

/** [Client.findImports] for a list of domains. */
fun Client.findImports(domains: List<String>): HttpRequest = findImports(jsonList(domains))

/** [Client.updateForwarding] for a list of `dom_` ids or names: one request per 25. */
fun Client.updateForwarding(domains: List<String>, forwardingUrl: String): List<HttpRequest> =
    updateForwarding(jsonList(domains), forwardingUrl)

/** A JSON array of strings (RFC 8259 escaping). */
internal fun jsonList(items: List<String>): String = items.joinToString(",", "[", "]") { item ->
    buildString {
        append('"')
        for (c in item) {
            when {
                c == '"' -> append("\\\"")
                c == '\\' -> append("\\\\")
                c < ' ' -> append("\\u%04x".format(c.code))
                else -> append(c)
            }
        }
        append('"')
    }
}
