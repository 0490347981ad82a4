// Optional: sends the requests the core builds with URLSession (FoundationNetworking
// on Linux). Everything else in PeekerCore works with any HTTP client; this is a
// convenience on top of it, and the only file of the package that does I/O.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A parse function of the SDK, such as `parseGetBundleResponse`.
public typealias Parse<T> = (_ status: Int32, _ headers: [String: String], _ body: Data) throws -> T

/// Sends built requests with URLSession and retries as `retryAdvice` says: a 429 after
/// its `Retry-After`; 5xx, timeouts and dropped connections with backoff; never a 4xx,
/// nor a request that may have created something twice. `onRetry` sees each advice to
/// retry before the wait (logs, metrics).
public struct Sender: Sendable {
    public let session: URLSession
    /// The longest one attempt may wait for data (a timeout counts as a network failure;
    /// FoundationNetworking on Linux counts whole seconds).
    public let timeout: TimeInterval
    public let onRetry: @Sendable (RetryAdvice) -> Void

    public init(session: URLSession = .shared, timeout: TimeInterval = 30,
                onRetry: @escaping @Sendable (RetryAdvice) -> Void = { _ in }) {
        self.session = session
        self.timeout = timeout
        self.onRetry = onRetry
    }

    /// Sends `request`, built for `operation`, until it succeeds or the advice is not to
    /// retry, and returns what `parse` makes of the answer; otherwise throws the last
    /// failure (the answer's `PeekerError.Api`, or URLSession's error). `firstSentAt`
    /// (Unix seconds) matters for `.createOrder` only: when these order bytes were first
    /// sent, so that no retry lands outside Peeker's 24-hour dedupe window (pass the time
    /// you stored with the order when you send it again later).
    public func send<T>(_ operation: Operation, _ request: HttpRequest,
                        firstSentAt: Int64 = Int64(Date().timeIntervalSince1970),
                        parse: Parse<T>) async throws -> T {
        var attempt: Int32 = 1
        while true {
            let failure: Failure
            let error: Error
            do {
                let (status, headers, body) = try await exchange(request)
                return try parse(status, headers, body)
            } catch let api as PeekerError {
                guard case .Api(_, _, let status, _, _, _, let retryAfterSeconds) = api else { throw api }
                (failure, error) = (.status(status: status, retryAfterSeconds: retryAfterSeconds.map(Double.init)), api)
            } catch is CancellationError {
                throw CancellationError()
            } catch let network {
                (failure, error) = (.network, network)
            }
            let advice = try retryAdvice(operation: operation, failure: failure, attempt: attempt,
                                         jitter: Double.random(in: 0...1), dedupe: Dedupe(firstSentAt: firstSentAt))
            guard advice.retry else { throw error }
            onRetry(advice)
            try await Task.sleep(nanoseconds: UInt64(advice.delayMs) * 1_000_000)
            attempt += 1
        }
    }

    /// The pages of a list, from `first` (`client.listOrders(...)`, ...) through each
    /// `links.next`, each sent with `send` when the loop reaches it:
    /// `for try await page in sender.pages(client, .listOrders, first: ..., parse: parseListOrdersResponse) { $0.nextLink }`.
    public func pages<P>(_ client: Client, _ operation: Operation, first: HttpRequest, parse: @escaping Parse<P>,
                         nextLink: @escaping (P) -> String?) -> Pages<P> {
        Pages(sender: self, client: client, operation: operation, first: first, parse: parse, nextLink: nextLink)
    }

    private func exchange(_ request: HttpRequest) async throws -> (Int32, [String: String], Data) {
        guard let url = URL(string: request.url) else { throw URLError(.badURL) }
        var http = URLRequest(url: url)
        http.timeoutInterval = timeout // set, not passed to init: FoundationNetworking reads only a set value
        http.httpMethod = request.method
        http.httpBody = request.body
        for (name, value) in request.headers { http.setValue(value, forHTTPHeaderField: name) }
        let (body, response) = try await session.data(for: http)
        guard let answer = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var headers: [String: String] = [:]
        for case let (name as String, value as String) in answer.allHeaderFields { headers[name] = value }
        return (Int32(answer.statusCode), headers, body)
    }
}

/// The pages of a list as an `AsyncSequence` (`Sender.pages`); each page is sent when
/// the loop asks for it, so breaking out early sends nothing more.
public struct Pages<P>: AsyncSequence {
    public typealias Element = P
    let sender: Sender
    let client: Client
    let operation: Operation
    let first: HttpRequest
    let parse: Parse<P>
    let nextLink: (P) -> String?

    public struct AsyncIterator: AsyncIteratorProtocol {
        let pages: Pages<P>
        var request: HttpRequest?

        public mutating func next() async throws -> P? {
            guard let current = request else { return nil }
            let page = try await pages.sender.send(pages.operation, current, parse: pages.parse)
            request = try pages.nextLink(page).map { try pages.client.nextPage(linksNext: $0) }
            return page
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pages: self, request: first)
    }
}
