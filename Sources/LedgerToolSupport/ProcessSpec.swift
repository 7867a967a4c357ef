// What to run as a child process and how its surroundings look: the
// program, raw byte arguments (so invalid UTF-8 reaches a child unchanged),
// an explicit environment, a working directory, and where its standard
// streams (and any further descriptors) come from and go to.

/// A child process to start.
public struct ProcessSpec {
    /// A path, or a bare name (no slash) searched on this process's PATH.
    /// It is also the child's argv[0].
    public var executable: String
    /// argv[1...] as bytes; NUL bytes cannot be passed and are dropped.
    public var arguments: [[UInt8]]
    /// The child's whole environment (nothing is inherited).
    public var environment: [String: String]
    /// The child's working directory (nil: ours).
    public var directory: String?
    /// The file standard input reads.
    public var stdin = "/dev/null"
    /// The file standard output replaces (created when missing).
    public var stdout = "/dev/null"
    /// The file standard error replaces (created when missing).
    public var stderr = "/dev/null"
    /// Further descriptors opened for writing in the child, e.g. 3 for a result file.
    public var extraOutputs: [(descriptor: Int32, path: String)] = []
    /// Default signal dispositions, an empty signal mask and a process group
    /// of its own: an ignored SIGPIPE or SIGXFSZ here never hides a crash in
    /// the child, and a kill reaches the child's own children too.
    public var isolated = false

    /// A child with text arguments.
    public init(executable: String, arguments: [String] = [], environment: [String: String] = [:]) {
        self.executable = executable
        self.arguments = arguments.map { Array($0.utf8) }
        self.environment = environment
    }

    /// A child with byte arguments (any bytes but NUL).
    public init(executable: String, byteArguments: [[UInt8]], environment: [String: String] = [:]) {
        self.executable = executable
        self.arguments = byteArguments
        self.environment = environment
    }
}

/// When the waiting side kills a child with SIGKILL (child and group).
public struct WaitLimits {
    /// Kill when the child runs longer than this many seconds: a hang.
    public var timeout: Double?
    /// Kill at this instant (seconds after the spawn), if it still runs.
    public var killAfter: Double?
    /// Kill as soon as this returns true, polled without sleeping (e.g. "the
    /// journal has started to grow": a kill mid-write).
    public var killWhen: (() -> Bool)?

    /// Wait as long as it takes.
    public static var none: WaitLimits { WaitLimits() }

    /// Limits to wait under; all nil waits as long as it takes.
    public init(timeout: Double? = nil, killAfter: Double? = nil, killWhen: (() -> Bool)? = nil) {
        self.timeout = timeout
        self.killAfter = killAfter
        self.killWhen = killWhen
    }

    /// True when nothing can cut the wait short, so it may block in wait4.
    var isUnbounded: Bool { timeout == nil && killAfter == nil && killWhen == nil }
}
