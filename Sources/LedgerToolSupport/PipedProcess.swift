// Running one child process to its end: posix_spawn (a bare name looked
// up on PATH first) with the given bytes on its stdin, its stdout and
// stderr collected, its exit status. LedgerSigning runs ssh-keygen through
// it, and tests run python3. A child may be started first and fed later (`start`, `PipedChild`), so
// that it starts up while the caller works; one never fed is killed and
// reaped.
//
// The child inherits our environment, our controlling terminal and our
// process group (so `ssh-keygen` can ask for a passphrase on /dev/tty),
// with SIGPIPE at its default and no signal blocked, unless started
// `detached` (a session of its own: no terminal to ask on). Its stdin is
// one end of a socket pair, written with MSG_NOSIGNAL, so a child that
// exits without reading its input cannot kill us with SIGPIPE. There is
// no timeout unless the caller gives a deadline: a human may be typing a
// passphrase.

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
        try start(executable, arguments: arguments).finish(input: input)!
    }

    /// Starts `executable` now; its input is given later (`PipedChild.finish`),
    /// so the child can start up (load a key) while the caller works.
    /// `environment` replaces ours when given; with `detached`, the child
    /// runs in a session of its own, without our controlling terminal (it
    /// cannot ask anything on /dev/tty).
    public static func start(_ executable: String, arguments: [String], environment: [String]? = nil,
                             detached: Bool = false) throws -> PipedChild {
        var stdinPair: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        var handed = false
        defer { if !handed { for fd in stdinPair + stdoutPipe + stderrPipe where fd >= 0 { close(fd) } } }
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
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK) | (detached ? newSession : 0))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup($0) } + [nil] }
        defer { for p in envp ?? [] { free(p) } }
        // A bare name is looked up on our PATH here rather than by posix_spawnp, whose
        // child tries each folder with execve while the parent waits for it.
        guard let program = executable.contains("/") ? executable : onPath(executable) else {
            throw PipedProcessError.notFound(executable)
        }
        var pid: pid_t = 0
        let rc: Int32 = withEnvironment(envp) { env in
            posix_spawn(&pid, program, &actions, &attributes, argv, env)
        }
        if rc == ENOENT { throw PipedProcessError.notFound(executable) }
        guard rc == 0 else { throw PipedProcessError.cannotStart(executable, rc) }

        // The child's ends belong to the child now.
        close(stdinPair[1])
        close(stdoutPipe[1])
        close(stderrPipe[1])
        handed = true
        return PipedChild(pid: pid, stdin: stdinPair[0], stdout: stdoutPipe[0], stderr: stderrPipe[0])
    }

    /// The first executable regular file named `name` in a folder of $PATH
    /// (an empty entry is the current folder), as execvp would run it.
    static func onPath(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (folder.isEmpty ? "." : String(folder)) + "/" + name
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    private static func withEnvironment<T>(_ envp: [UnsafeMutablePointer<CChar>?]?,
                                           _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>?) -> T) -> T {
        guard let envp else { return body(environ) }
        return envp.withUnsafeBufferPointer { body($0.baseAddress) }
    }

    #if canImport(Glibc)
    private static let newSession = Int16(0x80)        // glibc's POSIX_SPAWN_SETSID (2.26+)
    #else
    private static let newSession = Int16(POSIX_SPAWN_SETSID)
    #endif

    #if canImport(Glibc)
    private static let streamSocket = Int32(SOCK_STREAM.rawValue)
    #else
    private static let streamSocket = SOCK_STREAM
    #endif
}

/// A child started by `PipedProcess.start`, waiting for its input. Finish
/// it once (feeds the input, collects the output, reaps it) or kill it;
/// dropped unfinished, it is killed and reaped, so no zombie stays behind.
public final class PipedChild {
    public let pid: pid_t
    private var stdinFD: Int32
    private var stdoutFD: Int32
    private var stderrFD: Int32
    private var reaped = false

    init(pid: pid_t, stdin: Int32, stdout: Int32, stderr: Int32) {
        self.pid = pid
        stdinFD = stdin
        stdoutFD = stdout
        stderrFD = stderr
    }

    /// Feeds `input`, collects stdout and stderr until both close, and
    /// waits for the child. With `deadline` (a `Monotonic.now()`
    /// reading), a child not done by then is killed and nil returned.
    public func finish(input: [UInt8], deadline: Double? = nil) -> PipedOutcome? {
        guard !reaped else { return nil }
        var stdout: [UInt8] = [], stderr: [UInt8] = []
        var written = 0
        if input.isEmpty { closeFD(&stdinFD) }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while stdoutFD >= 0 || stderrFD >= 0 {
            var fds: [pollfd] = []
            if stdinFD >= 0 { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            if stdoutFD >= 0 { fds.append(pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)) }
            if stderrFD >= 0 { fds.append(pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)) }
            var timeout: Int32 = -1
            if let deadline {
                let left = deadline - Monotonic.now()
                if left <= 0 { kill(); return nil }
                timeout = Int32(min(left * 1000 + 1, 60_000))
            }
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for p in fds where p.revents != 0 {
                if p.fd == stdinFD {
                    let n = input.withUnsafeBytes { send(p.fd, $0.baseAddress! + written, $0.count - written, PipedChild.sendFlags) }
                    if n > 0 { written += n }
                    if (n < 0 && errno != EAGAIN && errno != EINTR) || written == input.count {
                        closeFD(&stdinFD)   // EOF for the child (or it stopped reading: EPIPE)
                    }
                } else {
                    let n = buffer.withUnsafeMutableBytes { read(p.fd, $0.baseAddress!, $0.count) }
                    if n > 0 {
                        if p.fd == stdoutFD { stdout += buffer[0..<n] } else { stderr += buffer[0..<n] }
                    } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                        if p.fd == stdoutFD { closeFD(&stdoutFD) } else { closeFD(&stderrFD) }
                    }
                }
            }
        }
        closeFD(&stdinFD)
        closeFD(&stdoutFD)
        closeFD(&stderrFD)
        let status = reap()
        let exited = (status & 0x7f) == 0
        return PipedOutcome(exitCode: exited ? (status >> 8) & 0xff : nil, signal: exited ? nil : status & 0x7f,
                            stdout: stdout, stderr: stderr)
    }

    /// Kills the child (SIGKILL) and reaps it; nothing it would have printed is read.
    public func kill() {
        closeFD(&stdinFD)
        closeFD(&stdoutFD)
        closeFD(&stderrFD)
        guard !reaped else { return }
        #if canImport(Glibc)
        _ = Glibc.kill(pid, SIGKILL)
        #else
        _ = Darwin.kill(pid, SIGKILL)
        #endif
        _ = reap()
    }

    deinit { kill() }

    private func reap() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        reaped = true
        return status
    }

    private func closeFD(_ fd: inout Int32) {
        if fd >= 0 { close(fd); fd = -1 }
    }

    #if canImport(Glibc)
    private static let sendFlags = Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT)
    #else
    private static let sendFlags = MSG_DONTWAIT
    #endif
}
