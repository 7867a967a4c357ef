// One connection to ssh-agent's Unix-domain socket, with a deadline on
// every step, so an agent that is gone, stopped or stuck makes the ledger
// fail with a clear error instead of hanging: the socket is non-blocking,
// and connect, send and receive wait in poll() for at most the time left.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A connected agent socket. Closed when released.
final class AgentConnection {
    private let fd: Int32
    let path: String

    /// Connects to the socket at `path` within `timeout` seconds.
    init(path: String, timeout: Double) throws {
        self.path = path
        var address = sockaddr_un()
        let pathBytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !pathBytes.isEmpty, pathBytes.count < capacity else { throw SSHAgentError.socketPathTooLong(path) }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in pathBytes.enumerated() { raw[i] = b }
            raw[pathBytes.count] = 0
        }
        let fd = socket(AF_UNIX, AgentConnection.streamSocket, 0)
        guard fd >= 0 else { throw SSHAgentError.cannotConnect(path: path, reason: AgentConnection.describe(errno)) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        #if canImport(Darwin)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        self.fd = fd
        let deadline = AgentConnection.now() + timeout
        while true {
            let rc = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            if rc == 0 { return }
            let error = errno
            if error == EINTR { continue }
            if error == EINPROGRESS {
                try wait(for: Int16(POLLOUT), until: deadline, step: "connecting")
                var soError: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length)
                if soError == 0 { return }
                throw SSHAgentError.cannotConnect(path: path, reason: AgentConnection.describe(soError))
            }
            if error == EAGAIN {
                // A Unix socket whose listen queue is full: the agent is not accepting.
                guard AgentConnection.now() < deadline else { throw SSHAgentError.timedOut(path: path, step: "connecting") }
                var pause = timespec(tv_sec: 0, tv_nsec: 10_000_000)
                nanosleep(&pause, nil)
                continue
            }
            throw SSHAgentError.cannotConnect(path: path, reason: AgentConnection.describe(error))
        }
    }

    deinit { close(fd) }

    /// Sends all of `bytes` before `deadline`.
    func send(_ bytes: [UInt8], until deadline: Double) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { sendNoSignal(fd, $0.baseAddress! + sent, $0.count - sent) }
            if n > 0 { sent += n; continue }
            if n < 0, errno == EINTR { continue }
            if n < 0, errno == EAGAIN {
                try wait(for: Int16(POLLOUT), until: deadline, step: "sending to the agent")
                continue
            }
            throw SSHAgentError.connectionClosed(path: path)
        }
    }

    /// Exactly `count` bytes, received before `deadline`.
    func receive(_ count: Int, until deadline: Double) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = out.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + got, count - got, 0) }
            if n > 0 { got += n; continue }
            if n == 0 { throw SSHAgentError.connectionClosed(path: path) }
            if errno == EINTR { continue }
            if errno == EAGAIN {
                try wait(for: Int16(POLLIN), until: deadline, step: "waiting for the agent's answer")
                continue
            }
            throw SSHAgentError.connectionClosed(path: path)
        }
        return out
    }

    private func wait(for events: Int16, until deadline: Double, step: String) throws {
        while true {
            let left = deadline - AgentConnection.now()
            guard left > 0 else { throw SSHAgentError.timedOut(path: path, step: step) }
            var p = pollfd(fd: fd, events: events, revents: 0)
            let rc = poll(&p, 1, Int32(min(left * 1000, Double(Int32.max)).rounded(.up)))
            if rc > 0 { return }
            if rc < 0, errno != EINTR { throw SSHAgentError.connectionClosed(path: path) }
        }
    }

    /// Seconds on the monotonic clock (for deadlines only).
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func describe(_ error: Int32) -> String { String(cString: strerror(error)) }

    #if canImport(Glibc)
    private static let streamSocket = Int32(SOCK_STREAM.rawValue)
    private func sendNoSignal(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { Glibc.send(fd, p, n, Int32(MSG_NOSIGNAL)) }
    #else
    private static let streamSocket = SOCK_STREAM
    private func sendNoSignal(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { Darwin.send(fd, p, n, 0) }
    #endif
}
