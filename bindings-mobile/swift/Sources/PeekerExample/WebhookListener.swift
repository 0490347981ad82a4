// A minimal HTTP/1.1 listener for webhook deliveries, on POSIX sockets: Foundation on
// Linux has no HTTP server, and the example should need nothing beyond it. It stands
// in for a server framework (Vapor, Hummingbird, ...) in the README example's tests
// and the demonstration; it is not for production (one connection at a time, no TLS,
// no keep-alive).
import Foundation

public final class WebhookListener: @unchecked Sendable {
    /// The port it listens on, at 127.0.0.1 (chosen by the system).
    public let port: UInt16
    private let socketFd: Int32
    private let handle: @Sendable (Data, [String: String]) -> Int
    /// Larger bodies are answered 413 (Peeker's own limit for a body).
    private let maxBody = 10 * 1024 * 1024

    /// Listens at once; `handle` gets each request's raw body and headers (a repeated
    /// name joined with ", ") and returns the status to answer.
    public init(handle: @escaping @Sendable (Data, [String: String]) -> Int) throws {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 64) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard fd >= 0, bound else {
            if fd >= 0 { close(fd) }
            throw ExampleFailure(description: "cannot listen on 127.0.0.1 (errno \(errno))")
        }
        socketFd = fd
        port = UInt16(bigEndian: address.sin_port)
        self.handle = handle
        Thread.detachNewThread { [self] in
            while case let connection = accept(socketFd, nil, nil), connection >= 0 {
                serve(connection)
                close(connection)
            }
        }
    }

    /// Stops listening (the accept loop ends).
    public func stop() {
        shutdown(socketFd, Int32(SHUT_RDWR))
        close(socketFd)
    }

    /// One request: the head up to the blank line, then `Content-Length` bytes of body.
    private func serve(_ connection: Int32) {
        var received = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        func readMore() -> Bool {
            let count = read(connection, &chunk, chunk.count)
            guard count > 0 else { return false }
            received.append(contentsOf: chunk[0..<count])
            return true
        }
        var headEnd = received.range(of: Data("\r\n\r\n".utf8))
        while headEnd == nil {
            guard received.count < 64 * 1024, readMore() else { return }
            headEnd = received.range(of: Data("\r\n\r\n".utf8))
        }
        guard let headEnd else { return }
        var headers: [String: String] = [:]
        for line in String(decoding: received[..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        let length = headers.first { $0.key.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        var status = 413
        if (0...maxBody).contains(length) {
            while received.count - headEnd.upperBound < length {
                guard readMore() else { return }
            }
            status = handle(Data(received[headEnd.upperBound..<headEnd.upperBound + length]), headers)
        }
        let answer = Array("HTTP/1.1 \(status) \r\ncontent-length: 0\r\nconnection: close\r\n\r\n".utf8)
        #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL) // a client that has gone must not kill the process (SIGPIPE)
        #else
        let flags: Int32 = 0
        #endif
        _ = answer.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, flags) }
    }
}
