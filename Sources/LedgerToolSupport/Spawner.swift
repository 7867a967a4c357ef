// Starting, waiting for and killing child processes with posix_spawn and
// wait4. A wait with no limits blocks in wait4, so a measured process is
// reaped the moment it ends (the benchmark times whole processes this way);
// a wait with a deadline, an instant or a condition polls, and kills the
// child and its process group with SIGKILL. The thread that spawns a child
// should be the only one that waits for and kills it, so a pid is never
// signalled after it was reaped and reused.

import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A child that could not be started or waited for.
public struct SpawnError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// A started child, not yet reaped.
public struct RunningProcess: Sendable {
    /// The child's process id (and, when isolated, its process group's).
    public let pid: pid_t
    /// The monotonic instant just before the spawn.
    public let started: Double
    let executable: String

    /// Sends `signal` to the child.
    public func signal(_ signal: Int32) { Glibc.kill(pid, signal) }

    /// SIGKILL to the child's process group (when it has its own) and to the child.
    public func kill() {
        Glibc.kill(-pid, SIGKILL)
        Glibc.kill(pid, SIGKILL)
    }

    /// Waits for the child to end, killing it as `limits` say, and reaps it.
    public func wait(_ limits: WaitLimits = .none) throws -> ProcessOutcome {
        var status: Int32 = 0
        var usage = rusage()
        var killed = false
        var timedOut = false
        if limits.isUnbounded {
            while wait4(pid, &status, 0, &usage) < 0 {
                guard errno == EINTR else { throw SpawnError(description: "wait4 failed for \(executable)") }
            }
        } else {
            var pause = 0.0002
            while true {
                let r = wait4(pid, &status, WNOHANG, &usage)
                if r == pid { break }
                if r < 0 && errno != EINTR { throw SpawnError(description: "wait4 failed for \(executable)") }
                let elapsed = Monotonic.now() - started
                if !killed, let at = limits.killAfter, elapsed >= at {
                    kill()
                    killed = true
                }
                if !killed, let condition = limits.killWhen, condition() {
                    kill()
                    killed = true
                }
                if !killed, let timeout = limits.timeout, elapsed >= timeout {
                    kill()
                    killed = true
                    timedOut = true
                }
                var pauseNow = pause
                if !killed, let at = limits.killAfter { pauseNow = min(pauseNow, max(0.00002, at - elapsed)) }
                if limits.killWhen != nil && !killed { continue }
                Monotonic.sleep(pauseNow)
                pause = min(pause * 1.5, 0.002)
            }
        }
        let seconds = Monotonic.now() - started
        func cpu(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return ProcessOutcome(termination: Termination(waitStatus: status), seconds: seconds, maxRSSKB: Int(usage.ru_maxrss),
                              userSeconds: cpu(usage.ru_utime), systemSeconds: cpu(usage.ru_stime), killedByUs: killed, timedOut: timedOut)
    }
}

/// posix_spawn with redirections, an explicit environment and a working directory.
public enum Processes {
    /// Starts `spec`.
    public static func spawn(_ spec: ProcessSpec) throws -> RunningProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, spec.stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, spec.stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, spec.stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        for extra in spec.extraOutputs {
            posix_spawn_file_actions_addopen(&actions, extra.descriptor, extra.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        if let directory = spec.directory {
            guard let addChdir = Processes.addChdir else {
                throw SpawnError(description: "posix_spawn cannot change directory here")
            }
            _ = addChdir(&actions, directory)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if spec.isolated {
            var defaults = sigset_t()
            sigemptyset(&defaults)
            for s in 1..<32 where s != SIGKILL && s != SIGSTOP { sigaddset(&defaults, Int32(s)) }
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            var mask = sigset_t()
            sigemptyset(&mask)
            posix_spawnattr_setsigmask(&attributes, &mask)
            posix_spawnattr_setpgroup(&attributes, 0)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))
        }

        let argv = cStrings([Array(spec.executable.utf8)] + spec.arguments)
        let envp = cStrings(spec.environment.sorted { $0.key < $1.key }.map { Array("\($0.key)=\($0.value)".utf8) })
        defer { freeCStrings(argv); freeCStrings(envp) }

        var pid: pid_t = 0
        let started = Monotonic.now()
        let rc = spec.executable.contains("/")
            ? posix_spawn(&pid, spec.executable, &actions, &attributes, argv, envp)
            : posix_spawnp(&pid, spec.executable, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw SpawnError(description: "cannot start \(spec.executable): \(String(cString: strerror(rc)))") }
        return RunningProcess(pid: pid, started: started, executable: spec.executable)
    }

    /// Starts `spec` and waits for it as `limits` say.
    public static func run(_ spec: ProcessSpec, _ limits: WaitLimits = .none) throws -> ProcessOutcome {
        try spawn(spec).wait(limits)
    }

    /// Runs `spec` with its standard output and error captured in files under
    /// `scratch` (removed afterwards), and returns what it printed. Never
    /// throws: a child that cannot start reads as exit 127 with the reason on stderr.
    /// `onSpawn` gets the pid right after the start (to stop or signal it from elsewhere).
    public static func capture(_ spec: ProcessSpec, _ limits: WaitLimits = .none, scratch: String,
                               onSpawn: ((pid_t) -> Void)? = nil) -> CapturedProcess {
        let n = captureCounter.add(1, ordering: .relaxed).newValue
        let outPath = "\(scratch)/child-\(getpid())-\(n).out"
        let errPath = "\(scratch)/child-\(getpid())-\(n).err"
        defer { unlink(outPath); unlink(errPath) }
        var spec = spec
        spec.stdout = outPath
        spec.stderr = errPath
        let outcome: ProcessOutcome
        do {
            let child = try spawn(spec)
            onSpawn?(child.pid)
            outcome = try child.wait(limits)
        } catch {
            return .notStarted("\(error)")
        }
        return CapturedProcess(outcome: outcome, stdout: (try? Files.read(outPath)) ?? [], stderr: (try? Files.read(errPath)) ?? [])
    }

    private static let captureCounter = Atomic<Int>(0)

    /// glibc's posix_spawn_file_actions_addchdir_np (2.29+), which Swift's Glibc module does not export.
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    private static func cStrings(_ items: [[UInt8]]) -> [UnsafeMutablePointer<CChar>?] {
        var result: [UnsafeMutablePointer<CChar>?] = items.map { bytes in
            let clean = bytes.filter { $0 != 0 }
            let p = UnsafeMutablePointer<CChar>.allocate(capacity: clean.count + 1)
            for (i, b) in clean.enumerated() { p[i] = CChar(bitPattern: b) }
            p[clean.count] = 0
            return p
        }
        result.append(nil)
        return result
    }

    private static func freeCStrings(_ items: [UnsafeMutablePointer<CChar>?]) {
        for p in items { p?.deallocate() }
    }
}
