// The floors of this machine: what no ledger can beat, measured the same
// way as our figures. A trivial Swift program linked like `ledger` (static
// stdlib) is the floor of any command; the same program writing 300 bytes
// and fsyncing them is the floor of a durable append; `cat` and
// `sha256sum` of the journal are the floors of reading and hashing it.

import LedgerToolSupport
#if canImport(Glibc)
import Glibc
#endif

enum Floors {
    /// The measuring helper: `measure PROGRAM ARGS...` spawns the program
    /// (inheriting stdin, stdout, stderr), waits for it with wait4, and
    /// writes `wall_ns maxrss_kb user_us system_us status` to fd 3. It is a
    /// static C program of ~1 MB resident because the kernel carries the
    /// spawning process's memory high-water mark into the child's ru_maxrss
    /// (posix_spawn shares the parent's memory until exec): spawned from the
    /// bench itself, every child would "peak" at the bench's own size.
    static let measureSource = """
    #define _GNU_SOURCE
    #include <spawn.h>
    #include <stdio.h>
    #include <sys/resource.h>
    #include <sys/wait.h>
    #include <time.h>
    #include <errno.h>
    extern char **environ;
    int main(int argc, char **argv) {
        if (argc < 2) return 2;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addclose(&actions, 3);
        struct timespec a, b;
        pid_t pid;
        clock_gettime(CLOCK_MONOTONIC, &a);
        int rc = posix_spawnp(&pid, argv[1], &actions, NULL, argv + 1, environ);
        if (rc != 0) { dprintf(3, "0 0 0 0 127\\n"); return 127; }
        int status = 0;
        struct rusage ru;
        while (wait4(pid, &status, 0, &ru) < 0) { if (errno != EINTR) return 126; }
        clock_gettime(CLOCK_MONOTONIC, &b);
        long long ns = (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
        int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        dprintf(3, "%lld %ld %ld %ld %d\\n", ns, ru.ru_maxrss, (long)(ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec),
                (long)(ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec), code);
        return 0;
    }

    """

    static let trivialSource = """
    // A trivial program: the floor of a static Swift binary's process start.
    #if canImport(Glibc)
    import Glibc
    #endif
    exit(0)

    """

    /// `fsyncw FILE [BYTES]`: appends BYTES (default 300) bytes to FILE in one
    /// write(2), fsyncs, exits: the floor of a durable append as a process.
    static let fsyncSource = """
    // The floor of a durable append: one write(2) of N bytes and one fsync(2).
    #if canImport(Glibc)
    import Glibc
    #endif
    let arguments = CommandLine.arguments
    let count = arguments.count > 2 ? Int(arguments[2]) ?? 300 : 300
    let fd = open(arguments[1], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    if fd < 0 { exit(4) }
    var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: count)
    bytes[count - 1] = 10
    var done = 0
    while done < count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, count - done) }
        if n <= 0 { exit(4) }
        done += n
    }
    if fsync(fd) != 0 { exit(4) }
    close(fd)
    exit(0)

    """

    /// Builds the two floor programs with `swiftc -O -static-stdlib` (as
    /// `swift build -c release --static-swift-stdlib` links `ledger`), once.
    /// Also builds the measuring helper with the toolchain's clang (static).
    static func build(in directory: String) throws -> (trivial: String, fsync: String, measure: String) {
        try Files.makeDirectories(directory)
        var built: [String] = []
        for (name, source) in [("trivial", trivialSource), ("fsyncw", fsyncSource), ("measure", measureSource)] {
            let binary = directory + "/" + name
            let isC = name == "measure"
            let sourcePath = directory + "/" + name + (isC ? ".c" : ".swift")
            if Files.readText(sourcePath) != source || !Files.exists(binary) {
                try Files.write(sourcePath, source)
                try Spawn.check(isC ? ["clang", "-O2", "-static", "-o", binary, sourcePath]
                                    : ["swiftc", "-O", "-static-stdlib", "-o", binary, sourcePath])
            }
            built.append(binary)
        }
        return (built[0], built[1], built[2])
    }

    /// One write(2) of 300 bytes and one fsync(2), in this process: the
    /// durable-write component alone, without a process start.
    static func inProcessFsync(path: String) throws -> ProcessSample {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BenchError.failed("cannot open \(path)") }
        defer { close(fd) }
        var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 300)
        bytes[299] = 10
        let start = Monotonic.now()
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd)
        let wall = Monotonic.now() - start
        guard written == 300, synced == 0 else { throw BenchError.failed("write or fsync of \(path) failed") }
        return ProcessSample(wall: wall, maxRSSKB: 0, user: 0, system: 0, status: 0)
    }
}
