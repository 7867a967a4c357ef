// The resource-fault campaign: the machine says no, and the ledger must say
// so clearly (exit 4) and lose nothing.
//   - A full disk: a small tmpfs (we mount one when we may; else a note),
//     filled but for 0 to ~140 KB, under single appends, batches, an append
//     that must rebuild its cache, a new indicator, a new ledger.
//   - A file-size limit (`ulimit -f`), the other way a write runs out of room.
//   - A read-only ledger: a read-only bind mount (as root), and a ledger the
//     running user may not write (as `nobody`, via setpriv).
//   - A journal, or its folder, the running user may not read (as `nobody`).
//   - The lock held by a stuck process (`flock events/.lock sleep`), and by a
//     stopped `ledger append` (SIGSTOP): a bounded wait, then exit 4.
// After each case: failed appends left the journal byte for byte as it was,
// `verify` passes without a repair, the journal still starts with every
// event it had, and once the fault is gone an append succeeds.

import Foundation
import LedgerToolSupport
#if canImport(Glibc)
import Glibc
#endif

final class FaultCampaign: CampaignRun {
    let workspace: Workspace
    private var counter = 0
    private static let nobody = ["--reuid=65534", "--regid=65534", "--clear-groups", "--"]

    init(_ config: CampaignConfig) {
        workspace = Workspace("faults", config)
    }

    func run() -> Report {
        report.declare("fault cases", "handled", "exit 4 with a clear message", "succeeded despite the fault", "skipped",
                       "crashes", "hangs", "journal changed by a failed command", "lost", "verify failures after a fault")
        for _ in 0..<max(1, config.faultRepeats) {
            diskFull()
            fileSizeLimit()
            readOnlyMount()
            unprivileged()
            stuckLock()
            stoppedWriter()
        }
        if report.defectCount == 0 { workspace.cleanUp() }
        return report
    }

    // MARK: Common

    /// A ledger with two indicators and a few readings.
    private func makeLedger(_ dir: String) -> Bool {
        try? Files.removeTree(dir)
        do { try tool.initLedger(dir, entity: "Fault campaign") } catch {
            report.defect("setup", "\(error)")
            return false
        }
        for id in FaultCampaign.indicators {
            _ = tool.run(["append", "indicator", "--id", id, "--name", "Indicador \(id)", "--unit", "RECIBOS", "--year", "2017", "--annual-target", "3600"], ledger: dir)
        }
        for m in 1...3 { _ = tool.run(["append", "reading", "--indicator", "MED", "--period", "2017-0\(m)", "--value", "\(m * 100)"], ledger: dir) }
        return true
    }

    private static let indicators = ["MED", "REC"] + (1...10).map { "A\($0)" }
    private var used: Set<String> = []

    /// An (indicator, period) with no reading yet in any ledger of the campaign
    /// (each ledger has the same indicators), so a reading there is never a second one.
    private func nextPeriod() -> (String, String) {
        for id in FaultCampaign.indicators {
            for month in 4...12 where !used.contains("\(id) \(month)") {
                used.insert("\(id) \(month)")
                return (id, month < 10 ? "2017-0\(month)" : "2017-\(month)")
            }
        }
        used = []
        return nextPeriod()
    }

    private func batchFile(rows: Int) -> String {
        counter += 1
        let path = workspace.path("batch-\(counter).csv")
        var text = "type,indicator,period,text\n"
        for i in 0..<rows { text += "observation,MED,2017-0\(i % 9 + 1),\"observación \(i): NO SE CUMPLIO LA META POR NO HABER CONTRATANTES\"\n" }
        try? Files.write(path, text)
        return path
    }

    private func journal(_ ledger: String) -> [UInt8] { (try? Files.read("\(ledger)/events/journal.jsonl")) ?? [] }

    /// Judges one faulted command: a clean exit 4, or success; never a
    /// crash, a hang, a silent failure, or a changed journal on failure.
    @discardableResult
    private func judge(_ label: String, _ r: CapturedProcess, ledger: String, before: [UInt8], expectFailure: Bool = false,
                       messageHint: [String] = []) -> Bool {
        report.add("fault cases")
        report.add("case: \(label)")
        let after = journal(ledger)
        var problems: [String] = []
        if r.timedOut {
            report.add("hangs")
            problems.append("hang: \(r.summary)")
        } else if r.isCrash {
            report.add("crashes")
            problems.append("crash: \(r.summary)")
        } else if r.code == 0 {
            report.add("succeeded despite the fault")
            if expectFailure { problems.append("succeeded, though the fault should stop it") }
            if !after.starts(with: before) { problems.append("the journal no longer starts with the events it had") }
        } else if r.code == 4 {
            if let unclear = Diagnosis.unclear(r) { problems.append("unclear message: \(unclear)") } else
            if !messageHint.isEmpty && !messageHint.contains(where: { r.err.lowercased().contains($0.lowercased()) }) {
                problems.append("the message does not say what is wrong (\(messageHint.joined(separator: " / "))): \(r.err.prefix(200))")
            } else {
                report.add("exit 4 with a clear message")
            }
            if after != before {
                report.add("journal changed by a failed command")
                problems.append("exit 4 but the journal changed (\(before.count) -> \(after.count) bytes)")
            }
        } else {
            problems.append("exit \(r.code!) where exit 4 (I/O) was due: \(r.err.prefix(200))")
            if after != before { report.add("journal changed by a failed command") }
        }
        if problems.isEmpty {
            report.add("handled")
            return true
        }
        let dir = workspace.keep(label.replacingOccurrences(of: " ", with: "-"), trees: ["\(ledger)/events"], command: label, result: r)
        for p in problems { report.defect(label, p, reproducer: dir) }
        return false
    }

    /// After a fault: verify passes without repair (run as root, fault gone).
    private func afterFault(_ label: String, ledger: String, before: [UInt8]) {
        let v = tool.run(["verify"], ledger: ledger, timeout: 60)
        if v.code != 0 {
            report.add("verify failures after a fault")
            report.defect("\(label): verify fails afterwards", v.summary,
                          reproducer: workspace.keep("verify-after", trees: ["\(ledger)/events"], command: "ledger verify", result: v))
            // Repair, so that the next case starts from a sound ledger and reports its own defects only.
            _ = tool.run(["repair"], ledger: ledger, timeout: 60)
        }
        if !journal(ledger).starts(with: before) {
            report.add("lost")
            report.defect("\(label): events lost", "the journal no longer starts with the \(before.count) bytes it had")
        }
    }

    private func run(_ args: [String], ledger: String, env: [String: String] = [:], timeout: Double = 60) -> CapturedProcess {
        tool.run(args, ledger: ledger, env: env, timeout: timeout)
    }

    // MARK: Full disk

    private func mountTmpfs(_ dir: String, size: String) -> Bool {
        try? Files.makeDirectories(dir)
        return tool.runProgram("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", dir], timeout: 20).code == 0
    }

    private func unmount(_ dir: String) {
        _ = tool.runProgram("/bin/umount", ["-l", dir], timeout: 20)
    }

    private func freeBytes(_ dir: String) -> Int {
        var s = statvfs()
        return statvfs(dir, &s) == 0 ? Int(s.f_bavail) * Int(s.f_frsize) : 0
    }

    /// Fills the file system of `dir` with `filler` until `leave` bytes are free.
    private func fill(_ filler: String, in dir: String, leave: Int) {
        let fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        let chunk = [UInt8](repeating: 0, count: 4096)
        while freeBytes(dir) > leave {
            let n = chunk.withUnsafeBytes { write(fd, $0.baseAddress, min(4096, max(1, freeBytes(dir) - leave))) }
            if n <= 0 { break }
        }
        fsync(fd)
        close(fd)
    }

    private func diskFull() {
        let mnt = workspace.path("tmpfs")
        guard geteuid() == 0, mountTmpfs(mnt, size: "1m") else {
            report.add("skipped")
            report.note("full disk: cannot mount a tmpfs here (needs root); the file-size-limit cases stand in for it")
            return
        }
        // The account's caches on the full disk too (they live outside the ledger folder).
        let cacheHome = "\(mnt)/cache-home"
        try? Files.makeDirectories(cacheHome)
        chmod(cacheHome, 0o700)
        let savedEnvironment = tool.baseEnvironment
        tool.baseEnvironment["XDG_CACHE_HOME"] = cacheHome
        defer {
            tool.baseEnvironment = savedEnvironment
            unmount(mnt)
        }
        let ledger = "\(mnt)/ledger"
        guard makeLedger(ledger) else { return }
        sealOnAFullDisk(mnt)
        let filler = "\(mnt)/filler"
        for leave in [0, 2048, 8192, 20000, 70000, 140_000] {
            for op in 0..<6 {
                fill(filler, in: mnt, leave: leave)
                let before = journal(ledger)
                let (indicator, period) = nextPeriod()
                let label: String
                let r: CapturedProcess
                switch op {
                case 0:
                    label = "disk full: a reading"
                    r = run(["append", "reading", "--indicator", indicator, "--period", period, "--value", "7"], ledger: ledger)
                case 1:
                    label = "disk full: a batch of 300 rows"
                    r = run(["append", "--file", batchFile(rows: 300)], ledger: ledger)
                case 2:
                    label = "disk full: an append that rebuilds its cache"
                    if let cache = tool.cacheFolder(of: ledger, cacheHome: cacheHome) { try? Files.removeTree(cache) }
                    r = run(["append", "observation", "--indicator", indicator, "--period", period, "--text", "sin espacio"], ledger: ledger)
                case 3:
                    label = "disk full: a new indicator"
                    counter += 1
                    r = run(["append", "indicator", "--id", "N\(counter)", "--name", "Nuevo", "--unit", "U", "--year", "2017", "--annual-target", "1"], ledger: ledger)
                case 4:
                    label = "disk full: a new ledger"
                    let other = "\(mnt)/other-\(counter)"
                    r = run(["init", "--entity", "Otro"], ledger: other)
                    report.add("fault cases")
                    report.add("case: \(label)")
                    if r.isCrash || r.timedOut || (r.code != 0 && (r.code != 4 || Diagnosis.unclear(r) != nil)) {
                        report.defect(label, r.summary, reproducer: workspace.keep("disk-full-init", command: "ledger init", result: r))
                    } else {
                        report.add("handled")
                        if r.code == 4 { report.add("exit 4 with a clear message") } else { report.add("succeeded despite the fault") }
                    }
                    try? Files.removeTree(other)
                    continue
                default:
                    label = "disk full: readers"
                    var ok = true
                    for reader in tool.availableReaders() where reader.deterministic {
                        let rr = run(reader.arguments.map { $0 == "{indicator}" ? "MED" : $0 }, ledger: ledger)
                        ok = judge("\(label) (\(reader.name))", rr, ledger: ledger, before: before) && ok
                    }
                    continue
                }
                judge(label, r, ledger: ledger, before: before, messageHint: ["disk is full", "no space"])
                // The fault gone, nothing is lost and appends resume.
                unlink(filler)
                afterFault(label, ledger: ledger, before: before)
                let (i2, p2) = nextPeriod()
                let resume = run(["append", "reading", "--indicator", i2, "--period", p2, "--value", "1"], ledger: ledger)
                if resume.code != 0 && !resume.err.contains("already recorded") {
                    report.defect("\(label): appends do not resume once space is free", resume.summary,
                                  reproducer: workspace.keep("disk-full-resume", trees: ["\(ledger)/events"], command: "append after freeing space", result: resume))
                }
            }
        }
    }

    /// A seal on a disk with room for its event but not for the segment:
    /// either it succeeds, or it fails with exit 4 saying that the seal
    /// event was recorded (the journal grew by that event only) and that
    /// `ledger repair` finishes it, leaving no temporary file; with room
    /// again, `repair` finishes it and `verify --all` passes.
    private func sealOnAFullDisk(_ mnt: String) {
        let ledger = "\(mnt)/sealing"
        guard makeLedger(ledger) else { return }
        for _ in 0..<2 { _ = run(["append", "--file", batchFile(rows: 300)], ledger: ledger) }
        let filler = "\(mnt)/filler-seal"
        let size = journal(ledger).count
        fill(filler, in: mnt, leave: size / 2)
        let before = journal(ledger)
        let label = "disk full: a seal"
        let r = run(["seal", "--before", "2999-01-01"], ledger: ledger)
        report.add("fault cases")
        report.add("case: \(label)")
        let after = journal(ledger)
        let temporaries = Files.list("\(ledger)/events").filter { $0.contains(".tmp") }
        var problems: [String] = []
        if r.isCrash || r.timedOut { problems.append("\(r.summary)") }
        if !temporaries.isEmpty { problems.append("temporary files left behind: \(temporaries)") }
        if r.code == 4 {
            let grown = String(decoding: after.dropFirst(before.count), as: UTF8.self)
            if !after.starts(with: before) || grown.split(separator: "\n").count != 1 || !grown.contains("\"segment_sealed\"") {
                problems.append("the journal changed by more than the seal event")
            }
            if !r.err.contains("the seal was recorded") || !r.err.contains("ledger repair") || r.err.contains("Nothing was recorded") {
                problems.append("the message does not say that the seal was recorded and repair finishes it: \(r.err.prefix(300))")
            } else {
                report.add("exit 4 with a clear message")
            }
        } else if r.code == 0 {
            report.add("succeeded despite the fault")
        } else if !r.isCrash && !r.timedOut {
            problems.append("exit \(r.code ?? -1): \(r.err.prefix(200))")
        }
        unlink(filler)
        if r.code == 4 {
            let repair = run(["repair"], ledger: ledger)
            if repair.code != 0 { problems.append("repair does not finish the seal once there is room: \(repair.summary)") }
        }
        let v = run(["verify", "--all"], ledger: ledger)
        if v.code != 0 { problems.append("verify --all after the seal: \(v.summary)") }
        if problems.isEmpty {
            report.add("handled")
        } else {
            let dir = workspace.keep("disk-full-seal", trees: ["\(ledger)/events"], command: "ledger seal --before 2999-01-01", result: r)
            for p in problems { report.defect(label, p, reproducer: dir) }
        }
        try? Files.removeTree(ledger)
    }

    // MARK: File-size limit

    private func fileSizeLimit() {
        let ledger = workspace.path("ulimit")
        guard makeLedger(ledger) else { return }
        let size = journal(ledger).count
        // dash counts ulimit -f in 512-byte blocks: limits below, at and just above the journal's size.
        for blocks in [1, size / 512, size / 512 + 1, size / 512 + 300] {
            for op in 0..<2 {
                let before = journal(ledger)
                let (indicator, period) = nextPeriod()
                let args = op == 0 ? ["append", "reading", "--indicator", indicator, "--period", period, "--value", "3"]
                                   : ["append", "--file", batchFile(rows: 200)]
                let spec = ProcessSpec(executable: "/bin/sh", arguments: ["-c", "ulimit -f \(blocks) && exec \"$0\" \"$@\"", tool.binary] + args,
                                       environment: tool.baseEnvironment.merging(["LEDGER_DIR": ledger]) { $1 })
                let r = tool.capture(spec, WaitLimits(timeout: 60))
                let label = "file-size limit of \(blocks * 512) bytes: \(op == 0 ? "a reading" : "a batch")"
                judge(label, r, ledger: ledger, before: before, messageHint: ["too large", "disk is full", "limit"])
                afterFault(label, ledger: ledger, before: before)
            }
        }
    }

    // MARK: Read-only

    private func readOnlyMount() {
        guard geteuid() == 0 else {
            report.add("skipped")
            report.note("read-only mount: needs root; the unprivileged cases stand in for it")
            return
        }
        let source = workspace.path("rw-source")
        guard makeLedger(source) else { return }
        for withCache in [true, false] {
            let target = workspace.path("ro-\(withCache ? "cached" : "bare")")
            try? Files.makeDirectories(target)
            guard tool.runProgram("/bin/mount", ["--bind", source, target]).code == 0,
                  tool.runProgram("/bin/mount", ["-o", "remount,ro,bind", target]).code == 0 else {
                unmount(target)
                report.add("skipped")
                report.note("read-only mount: mount --bind failed here")
                return
            }
            let before = journal(target)
            let (indicator, period) = nextPeriod()
            judge("read-only mount: a reading", run(["append", "reading", "--indicator", indicator, "--period", period, "--value", "2"], ledger: target),
                  ledger: target, before: before, expectFailure: true, messageHint: ["read-only"])
            judge("read-only mount: a batch", run(["append", "--file", batchFile(rows: 20)], ledger: target), ledger: target, before: before,
                  expectFailure: true, messageHint: ["read-only"])
            judge("read-only mount: repair", run(["repair"], ledger: target), ledger: target, before: before)
            // Readers work on a read-only copy, as an auditor's would.
            for reader in tool.availableReaders() where reader.deterministic {
                let args = reader.arguments.map { $0 == "{indicator}" ? "MED" : $0 }
                let r = run(args, ledger: target, env: ["LEDGER_CLOCK": LedgerTool.fixedClock])
                let reference = run(args, ledger: source, env: ["LEDGER_CLOCK": LedgerTool.fixedClock])
                judge("read-only mount: \(reader.name)", r, ledger: target, before: before)
                if r.code != 0 || normalized(r.out, target) != normalized(reference.out, source) {
                    report.defect("read-only mount: \(reader.name) does not answer as on the writable ledger", "\(r.summary) / writable: \(reference.summary)")
                }
            }
            unmount(target)
            afterFault("read-only mount", ledger: source, before: before)
        }
    }

    // MARK: Unprivileged user

    private func asNobody(_ args: [String], ledger: String, env: [String: String] = [:]) -> CapturedProcess {
        let spec = ProcessSpec(executable: "/usr/bin/setpriv", arguments: FaultCampaign.nobody + [tool.binary] + args,
                               environment: tool.baseEnvironment.merging(["LEDGER_DIR": ledger, "HOME": "/"].merging(env) { $1 }) { $1 })
        return tool.capture(spec, WaitLimits(timeout: 60))
    }

    private func unprivileged() {
        guard geteuid() == 0, access("/usr/bin/setpriv", X_OK) == 0,
              asNobody(["--version"], ledger: "/").code == 0 else {
            report.add("skipped")
            report.note("permission cases: root bypasses file permissions and setpriv to nobody is not available here; skipped")
            return
        }
        let ledger = workspace.path("perm")
        guard makeLedger(ledger) else { return }
        // Everything belongs to root: nobody may read the ledger but not write it.
        chmod(workspace.root, 0o755)
        chmod(ledger, 0o755)
        var before = journal(ledger)
        let (indicator, period) = nextPeriod()
        judge("read-only for the user: a reading", asNobody(["append", "reading", "--indicator", indicator, "--period", period, "--value", "2"], ledger: ledger),
              ledger: ledger, before: before, expectFailure: true, messageHint: ["permission"])
        judge("read-only for the user: repair", asNobody(["repair"], ledger: ledger), ledger: ledger, before: before)
        for reader in tool.availableReaders() where reader.deterministic {
            let r = asNobody(reader.arguments.map { $0 == "{indicator}" ? "MED" : $0 }, ledger: ledger)
            judge("read-only for the user: \(reader.name)", r, ledger: ledger, before: before)
            if r.code != 0 { report.defect("read-only for the user: \(reader.name) fails", r.summary) }
        }
        // A journal nobody may read, then an events folder nobody may enter.
        for (label, path, mode) in [("unreadable journal", "\(ledger)/events/journal.jsonl", mode_t(0o200)),
                                    ("unreadable events folder", "\(ledger)/events", mode_t(0o700))] {
            before = journal(ledger)
            chmod(path, mode)
            for args in [["verify"], ["log"], ["digest"], ["append", "reading", "--indicator", "MED", "--period", "2017-11", "--value", "1"]] {
                judge("\(label): \(args[0])", asNobody(args, ledger: ledger), ledger: ledger, before: before, expectFailure: true,
                      messageHint: ["permission"])
            }
            chmod(path, path.hasSuffix("events") ? 0o755 : 0o644)
            afterFault(label, ledger: ledger, before: before)
        }
        // A ledger the user owns, whose journal is read-only.
        let own = workspace.path("own")
        guard makeLedger(own) else { return }
        _ = tool.runProgram("/bin/chown", ["-R", "65534:65534", own])
        chmod("\(own)/events/journal.jsonl", 0o444)
        before = journal(own)
        judge("read-only journal file: a reading", asNobody(["append", "reading", "--indicator", "MED", "--period", "2017-10", "--value", "2"], ledger: own),
              ledger: own, before: before, expectFailure: true, messageHint: ["permission"])
        chmod("\(own)/events/journal.jsonl", 0o644)
        // Its cache home belongs to root: no cache can be kept, the journal can be written.
        let rootsCacheHome = workspace.path("roots-cache-home")
        try? Files.makeDirectories(rootsCacheHome)
        chmod(rootsCacheHome, 0o755)
        before = journal(own)
        judge("unwritable cache folder: a reading", asNobody(["append", "reading", "--indicator", "MED", "--period", "2017-11", "--value", "2"], ledger: own,
                                                             env: ["XDG_CACHE_HOME": rootsCacheHome]),
              ledger: own, before: before)
        afterFault("unprivileged", ledger: own, before: before)
    }

    // MARK: Locks

    /// Runs `body` on its own thread; the returned function waits for it.
    private func background(_ body: @escaping () -> Void) -> () -> Void {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.start()
        return { done.wait() }
    }

    private func stuckLock() {
        guard access("/usr/bin/flock", X_OK) == 0 else {
            report.add("skipped")
            report.note("stuck lock: flock(1) is not installed; skipped")
            return
        }
        let ledger = workspace.path("locked")
        guard makeLedger(ledger) else { return }
        let lockPath = "\(ledger)/events/.lock"
        var holder: pid_t = 0
        let pidLock = NSLock()
        let wait = background {
            _ = self.tool.runProgram("/usr/bin/flock", [lockPath, "/bin/sleep", "60"], timeout: 90) { pid in
                pidLock.lock(); holder = pid; pidLock.unlock()
            }
        }
        // Wait until the lock is really held.
        let start = Monotonic.now()
        while tool.runProgram("/usr/bin/flock", ["-n", lockPath, "/bin/true"]).code == 0 && Monotonic.now() - start < 10 { Monotonic.sleep(0.02) }
        let before = journal(ledger)
        var waits: [(String, [String], Double, [String: String])] = [
            ("a reading", ["append", "reading", "--indicator", "MED", "--period", "2017-06", "--value", "1"], 1, ["LEDGER_LOCK_TIMEOUT": "1"]),
            ("a batch", ["append", "--file", batchFile(rows: 10)], 1, ["LEDGER_LOCK_TIMEOUT": "1"]),
            ("repair", ["repair"], 1, ["LEDGER_LOCK_TIMEOUT": "1"]),
        ]
        if config.defaultLockWait {
            waits.append(("a reading, default timeout", ["append", "reading", "--indicator", "MED", "--period", "2017-07", "--value", "1"], 10, [:]))
        }
        for (label, args, bound, env) in waits {
            let r = run(args, ledger: ledger, env: env, timeout: bound + 30)
            judge("stuck lock: \(label)", r, ledger: ledger, before: before, expectFailure: true, messageHint: ["lock", "held"])
            if r.seconds > bound + 5 { report.defect("stuck lock: \(label) waited too long", String(format: "%.1f s for a %.0f s timeout", r.seconds, bound)) }
        }
        // Readers take the lock shared and briefly; behind a stuck writer they wait at most the timeout.
        for reader in tool.availableReaders() where reader.deterministic {
            let r = run(reader.arguments.map { $0 == "{indicator}" ? "MED" : $0 }, ledger: ledger, env: ["LEDGER_LOCK_TIMEOUT": "1"], timeout: 40)
            judge("stuck lock: \(reader.name)", r, ledger: ledger, before: before)
            if r.code != 0 { report.defect("stuck lock: \(reader.name) does not answer behind a stuck writer", r.summary) }
            if r.seconds > 8 { report.defect("stuck lock: \(reader.name) waited too long", String(format: "%.1f s", r.seconds)) }
        }
        pidLock.lock(); let pid = holder; pidLock.unlock()
        if pid > 0 { kill(-pid, SIGKILL); kill(pid, SIGKILL) }
        wait()
        afterFault("stuck lock", ledger: ledger, before: before)
        let resume = run(["append", "reading", "--indicator", "MED", "--period", "2017-08", "--value", "1"], ledger: ledger)
        if resume.code != 0 { report.defect("stuck lock: appends do not resume once the lock is free", resume.summary) }
    }

    private func stoppedWriter() {
        let ledger = workspace.path("stopped")
        guard makeLedger(ledger) else { return }
        let file = batchFile(rows: 3000)
        // A first run of the batch tells how long it takes (observations may repeat, so it can run twice).
        let first = tool.run(["append", "--file", file, "--json"], ledger: ledger, timeout: 120)
        let before = journal(ledger)
        var writer: pid_t = 0
        let pidLock = NSLock()
        var stopped: CapturedProcess?
        let waitStopped = background {
            stopped = self.tool.runBytes(["append", "--file", file, "--json"].map { Array($0.utf8) }, ledger: ledger, timeout: 120,
                                         onSpawn: { pid in pidLock.lock(); writer = pid; pidLock.unlock() })
        }
        // Stop it partway through its expected run time, while it most likely holds the lock.
        Monotonic.sleep(max(0.005, first.seconds * 0.6))
        pidLock.lock(); let pid = writer; pidLock.unlock()
        if pid > 0 { kill(pid, SIGSTOP) }
        let other = run(["append", "reading", "--indicator", "REC", "--period", "2017-12", "--value", "1"], ledger: ledger,
                        env: ["LEDGER_LOCK_TIMEOUT": "1"], timeout: 40)
        report.add(other.code == 4 ? "stopped writer held the lock" : "stopped writer did not hold the lock")
        judge("stopped writer: another append", other, ledger: ledger, before: journal(ledger))
        if other.seconds > 8 { report.defect("stopped writer: another append waited too long", String(format: "%.1f s", other.seconds)) }
        if pid > 0 { kill(pid, SIGCONT) }
        waitStopped()
        if let s = stopped, s.code != 0 {
            report.defect("stopped writer: the resumed append failed", s.summary)
        }
        afterFault("stopped writer", ledger: ledger, before: before)
    }
}
