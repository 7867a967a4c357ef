// verify replays the rules (issue 11, item 2): a line written by hand with
// its hash recomputed passed `verify` and `verify --digest` whatever rule it
// broke. Now each rule broken that way makes verify exit 3 naming the event
// (file:seq), the rule (worded as an append's refusal) and what to do.
//
// The story (AuditorStoryTests): 1 opened, 2 MED defined, 3 reading
// 2017-01, 4 target 2017-02, 5 reading 2017-02, 6 observation, 7 target
// 2017-03, 8 reading 2017-03, 9 correction of 2017-02 by luis (corrects 5).

import Foundation
import XCTest

final class RuleBreakTests: XCTestCase {
    /// The story, and its digest before any forgery.
    func story() throws -> (Sandbox, String) {
        let s = try AuditorStoryTests.story()
        s.checksRulesAtTheEnd = false   // these ledgers break the rules on purpose
        XCTAssertEqual(s.run(["verify"]).code, 0)
        return (s, s.ok(["digest"]).split(separator: "\n").last.map(String.init)!)
    }

    /// verify and verify --digest both exit 3 and name event `seq` of `file`
    /// with `rule` in the message.
    func assertBroken(_ s: Sandbox, digest: String?, seq: Int, file: String = "events/journal.jsonl", _ rule: String,
                      line: UInt = #line) {
        for args in [["verify"], ["verify", "--all"]] + (digest.map { [["verify", "--digest", $0]] } ?? []) {
            let r = s.run(args)
            XCTAssertEqual(r.code, 3, "\(args): \(r.out) \(r.err)", line: line)
            XCTAssertTrue(r.err.hasPrefix("ledger: \(file):\(seq): event \(seq) breaks the ledger's rules: "), r.err, line: line)
            XCTAssertTrue(r.err.contains(rule), "\(rule) not in: \(r.err)", line: line)
            XCTAssertTrue(r.err.contains("Keep the journal as evidence"), r.err, line: line)
        }
    }

    func testASecondReadingForAMonthWithNoCorrection() throws {
        let (s, digest) = try story()
        try JournalRewriter.append(s.journal, copying: 8) { $0.replacingOccurrences(of: "\"period\":\"2017-03\",\"value\":\"419\"", with: "\"period\":\"2017-01\",\"value\":\"600\"") }
        assertBroken(s, digest: digest, seq: 10, "a reading for MED 2017-01 is already recorded (seq 3); to change it, record a correction")
        // The reports still read it: verify is the check.
        XCTAssertEqual(s.run(["quarter", "2017-Q1"]).code, 0)
    }

    func testAReadingForAClosedQuarterWithoutThePostCloseFlagAndReason() throws {
        let (s, _) = try story()
        s.ok(["append", "close", "--quarter", "2017-Q1"], env: ["LEDGER_CLOCK": "2017-05-20T10:00:00-06:00"])
        // A correction of February after the close, without --post-close.
        try JournalRewriter.append(s.journal, copying: 9) { $0.replacingOccurrences(of: "\"value\":\"300\"", with: "\"value\":\"310\"").replacingOccurrences(of: "\"corrects\":5", with: "\"corrects\":9") }
        assertBroken(s, digest: nil, seq: 11, "2017-Q1 is closed, so MED 2017-02 cannot change silently; if this is a post-close adjustment, add --post-close --reason TEXT")
        // A reading for a closed quarter's month: without the flag, and with it but without a reason.
        for (flag, rule) in [("", "2017-Q2 is closed, so MED 2017-04 cannot change silently"),
                             (",\"post_close\":true", "a value after the quarter's close needs a reason; add --reason TEXT")] {
            let (t, _) = try story()
            t.ok(["append", "close", "--quarter", "2017-Q2"], env: ["LEDGER_CLOCK": "2017-07-20T10:00:00-06:00"])
            try JournalRewriter.append(t.journal, copying: 8) { $0.replacingOccurrences(of: "\"period\":\"2017-03\",\"value\":\"419\"", with: "\"period\":\"2017-04\",\"value\":\"1\"" + flag) }
            assertBroken(t, digest: nil, seq: 11, rule)
        }
    }

    func testAPostCloseMarkOnAnOpenQuarterAndAReasonTheRulesDoNotRecord() throws {
        let (s, _) = try story()
        try JournalRewriter.append(s.journal, copying: 8) { $0.replacingOccurrences(of: "\"period\":\"2017-03\",\"value\":\"419\"", with: "\"period\":\"2017-04\",\"value\":\"1\",\"post_close\":true").replacingOccurrences(of: ",\"prev\"", with: ",\"reason\":\"tarde\",\"prev\"") }
        assertBroken(s, digest: nil, seq: 10, "--post-close is only for values of a closed quarter")
        let (t, _) = try story()
        try JournalRewriter.rewrite(t.journal, line: 8) { $0.replacingOccurrences(of: ",\"prev\"", with: ",\"reason\":\"porque sí\",\"prev\"") }
        assertBroken(t, digest: nil, seq: 8, "it carries a reason («porque sí») the rules do not record there")
    }

    func testACorrectionNamingTheWrongReading() throws {
        let (s, digest) = try story()
        try JournalRewriter.rewrite(s.journal, line: 9) { $0.replacingOccurrences(of: "\"corrects\":5", with: "\"corrects\":3") }
        assertBroken(s, digest: digest, seq: 9, "the correction of MED 2017-02 names event 3, but the reading in force was event 5")
    }

    func testAnEventAboutAnUnknownIndicator() throws {
        let (s, digest) = try story()
        try JournalRewriter.rewrite(s.journal, line: 6) { $0.replacingOccurrences(of: "\"indicator\":\"MED\"", with: "\"indicator\":\"NOPE\"") }
        assertBroken(s, digest: digest, seq: 6, "unknown indicator NOPE; define it first")
        // Named in the sealed segment that holds it.
        s.ok(["seal", "--year", "2017"], env: ["LEDGER_CLOCK": "2018-03-01T10:00:00-06:00"])
        assertBroken(s, digest: nil, seq: 6, file: "events/journal.000000001-000000009.jsonl", "unknown indicator NOPE")
    }

    func testLookAlikeNamesAndTooLongAnId() throws {
        let (s, _) = try story()
        try JournalRewriter.append(s.journal, copying: 2) { $0.replacingOccurrences(of: "\"id\":\"MED\"", with: "\"id\":\"M\u{415}D\"") }
        assertBroken(s, digest: nil, seq: 10, "indicator M\u{415}D looks like MED, already defined, but is another name (character 2 is U+0415 CYRILLIC CAPITAL LETTER IE, not U+0045 LATIN CAPITAL LETTER E)")
        let (t, _) = try story()
        try JournalRewriter.rewrite(t.journal, line: 9) { $0.replacingOccurrences(of: "\"actor\":\"luis\"", with: "\"actor\":\"An\u{430}\"") }
        assertBroken(t, digest: nil, seq: 9, "actor An\u{430} looks like ana, who already recorded events in this ledger")
        let (u, _) = try story()
        try JournalRewriter.append(u.journal, copying: 2) { $0.replacingOccurrences(of: "\"id\":\"MED\"", with: "\"id\":\"" + String(repeating: "X", count: 5000) + "\"") }
        assertBroken(u, digest: nil, seq: 10, "id is 5000 characters long; the most is 64")
    }

    /// The rules hold for every line whatever its format version (a line
    /// says the lowest version that holds it, not the rules it was decided
    /// under): a case-variant actor is refused in a version-1 line too.
    func testTheRulesHoldForEveryLineWhateverItsVersion() throws {
        let (s, _) = try story()
        let lines = try JournalRewriter.read(s.journal)
        // (The opening of a demonstration ledger and lines recorded under a repeated clock are version 2.)
        XCTAssertTrue(lines[8].hasPrefix("{\"v\":1,"), "line 9 needs nothing of version 2: \(lines[8])")
        try JournalRewriter.rewrite(s.journal, line: 9) { $0.replacingOccurrences(of: "\"actor\":\"luis\"", with: "\"actor\":\"Ana\"") }
        assertBroken(s, digest: nil, seq: 9, "actor Ana looks like ana")
    }

    /// A broken rule is the first thing wrong even when damage follows it.
    func testARuleBrokenBeforeDamageIsNamedFirst() throws {
        let (s, _) = try story()
        try JournalRewriter.rewrite(s.journal, line: 6) { $0.replacingOccurrences(of: "\"indicator\":\"MED\"", with: "\"indicator\":\"NOPE\"") }
        var bytes = [UInt8](s.journalBytes())
        let last = bytes.lastIndex(of: UInt8(ascii: "3"))!   // a digit of event 9's value or hash
        bytes[last] = UInt8(ascii: "4")
        try s.write("events/journal.jsonl", bytes: bytes)
        assertBroken(s, digest: nil, seq: 6, "unknown indicator NOPE")
    }
}
