// A ledger for use-case tests: a session over in-memory storage (no disk,
// no environment), a clock the test moves, and the seed-000 indicator
// INSTALACION DE MEDIDORES. Users' input files (batches) are real files in a
// temporary folder, as users give them.

import Foundation
import XCTest
import LedgerCore
import LedgerStore
@testable import LedgerApp

/// A clock a test sets; every session made by the fixture reads it.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Timestamp
    init(_ start: String) { value = Timestamp(parsing: start)! }
    var now: Timestamp { lock.lock(); defer { lock.unlock() }; return value }
    func set(_ text: String) { lock.lock(); value = Timestamp(parsing: text)!; lock.unlock() }
}

final class AppFixture {
    let directory: String
    let clock: TestClock
    let session: Session

    init(clock start: String = "2017-01-02T09:00:00-06:00") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-app-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let clock = TestClock(start)
        self.clock = clock
        session = Session(ledger: Ledger.inMemory(), host: Host(now: { clock.now }, account: { "tester" }))
    }

    /// Every ledger a use-case test builds must keep the rules (issue 11):
    /// before the fixture goes, verify replays it, and an event the rules
    /// would have refused fails the test that made it.
    deinit {
        do {
            _ = try session.verify(all: false, digest: nil)
        } catch Problem.ruleBroken(_, let seq, let breach) {
            XCTFail("this test left a ledger whose event \(seq) breaks the rules: \(breach)")
        } catch {}
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Appends one event of `form` at `time`.
    @discardableResult
    func append(_ form: EventForm, at time: String, _ values: [String: String], actor: String = "ana") throws -> ChainHead {
        clock.set(time)
        return try session.append(form, values: values, actor: actor, dryRun: false)[0]
    }

    /// A ledger with MED (300 a month, owner 307, plan POA 2017).
    static func medidores() throws -> AppFixture {
        let f = try AppFixture()
        _ = try f.session.create(LedgerOpening(entity: "COMAPA Gerencia Comercial", timeZone: "America/Mexico_City"), actor: "ana")
        try f.append(.indicator, at: "2017-01-02T09:00:01-06:00", [
            "id": "MED", "name": "INSTALACION DE MEDIDORES", "unit": "MEDIDORES", "year": "2017", "annual-target": "3600",
            "monthly-targets": "300,300,300,300,300,300,300,300,300,300,300,300", "owner": "307",
            "owner-name": "COORDINACION DE MEDIDORES", "plan": "POA 2017",
        ])
        return f
    }

    /// A snapshot file's text, and a way to replace it (evidence tampered with).
    func snapshot(_ name: String) throws -> String { String(decoding: try session.ledger.readSnapshot(name)!, as: UTF8.self) }
    func replaceSnapshot(_ name: String, _ text: String) throws { try session.ledger.writeSnapshot(name, Array(text.utf8)) }

    /// A user's input file with `text`, in the fixture's temporary folder.
    func file(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }
}
