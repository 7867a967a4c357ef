// Running one child process to its end: posix_spawn(p) with the given
// bytes on its stdin, its stdout and stderr collected, its exit status.
// Kept alone and minimal in this file because it is the only process
// spawning in LedgerSigning and will move to a shared support target.
//
// The child inherits our environment, our controlling terminal and our
// process group (so `ssh-keygen` can ask for a passphrase on /dev/tty),
// with SIGPIPE at its default and no signal blocked. Its stdin is one end
// of a socket pair, written with MSG_NOSIGNAL, so a child that exits
// without reading its input cannot kill us with SIGPIPE. There is no
// timeout: a human may be typing a passphrase.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a child fed through `PipedProcess` ended and what it printed.
public struct PipedOutcome: Sendable {
    /// The exit code, or nil when a signal ended it.
    public var exitCode: Int32?
    /// The signal that ended it, if one did.
    public var signal: Int32?
    public var stdout: [UInt8]
    public var stderr: [UInt8]
}

/// Why a child could not be started by `PipedProcess`.
public enum PipedProcessError: Error, Equatable, Sendable {
    /// No such executable (on PATH, when the name has no slash).
    case notFound(String)
    /// posix_spawn or a pipe failed with this errno.
    case cannotStart(String, Int32)
}

/// One child, its stdin fed from memory, its output collected, waited for.
public enum PipedProcess {
    /// Runs `executable` (looked up on PATH when it has no slash) with
    /// `arguments`, feeds it `input`, and waits for it to end.
    public static func run(_ executable: String, arguments: [String], input: [UInt8]) throws -> PipedOutcome {
        var stdinPair: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        defer { for fd in stdinPair + stdoutPipe + stderrPipe where fd >= 0 { close(fd) } }
        guard socketpair(AF_UNIX, streamSocket, 0, &stdinPair) == 0, pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else {
            throw PipedProcessError.cannotStart(executable, errno)
        }
        for fd in stdinPair + stdoutPipe + stderrPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        #if canImport(Darwin)
        var one: Int32 = 1
        setsockopt(stdinPair[0], SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPair[1], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = executable.contains("/")
            ? posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
            : posix_spawnp(&pid, executable, &actions, &attributes, argv, environ)
        if rc == ENOENT { throw PipedProcessError.notFound(executable) }
        guard rc == 0 else { throw PipedProcessError.cannotStart(executable, rc) }

        // The child's ends belong to the child now.
        close(stdinPair[1]); stdinPair[1] = -1
        close(stdoutPipe[1]); stdoutPipe[1] = -1
        close(stderrPipe[1]); stderrPipe[1] = -1
        var stdout: [UInt8] = [], stderr: [UInt8] = []
        var written = 0
        if input.isEmpty { close(stdinPair[0]); stdinPair[0] = -1 }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while stdoutPipe[0] >= 0 || stderrPipe[0] >= 0 {
            var fds: [pollfd] = []
            if stdinPair[0] >= 0 { fds.append(pollfd(fd: stdinPair[0], events: Int16(POLLOUT), revents: 0)) }
            if stdoutPipe[0] >= 0 { fds.append(pollfd(fd: stdoutPipe[0], events: Int16(POLLIN), revents: 0)) }
            if stderrPipe[0] >= 0 { fds.append(pollfd(fd: stderrPipe[0], events: Int16(POLLIN), revents: 0)) }
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for p in fds where p.revents != 0 {
                if p.fd == stdinPair[0] {
                    let n = input.withUnsafeBytes { send(p.fd, $0.baseAddress! + written, $0.count - written, sendFlags) }
                    if n > 0 { written += n }
                    if (n < 0 && errno != EAGAIN && errno != EINTR) || written == input.count {
                        close(stdinPair[0])   // EOF for the child (or it stopped reading: EPIPE)
                        stdinPair[0] = -1
                    }
                } else {
                    let n = buffer.withUnsafeMutableBytes { read(p.fd, $0.baseAddress!, $0.count) }
                    if n > 0 {
                        if p.fd == stdoutPipe[0] { stdout += buffer[0..<n] } else { stderr += buffer[0..<n] }
                    } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                        if p.fd == stdoutPipe[0] { close(stdoutPipe[0]); stdoutPipe[0] = -1 }
                        else { close(stderrPipe[0]); stderrPipe[0] = -1 }
                    }
                }
            }
        }
        if stdinPair[0] >= 0 { close(stdinPair[0]); stdinPair[0] = -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        return PipedOutcome(exitCode: exited ? (status >> 8) & 0xff : nil, signal: exited ? nil : status & 0x7f,
                           stdout: stdout, stderr: stderr)
    }

    #if canImport(Glibc)
    private static let streamSocket = Int32(SOCK_STREAM.rawValue)
    private static let sendFlags = Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT)
    #else
    private static let streamSocket = SOCK_STREAM
    private static let sendFlags = MSG_DONTWAIT
    #endif
}
