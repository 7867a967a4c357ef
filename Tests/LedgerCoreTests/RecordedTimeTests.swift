// The rule that turns a clock reading into a recorded time (RecordedTime),
// and the version-2 fields it and `init --demo` write: `clock` on an event
// recorded under a clock behind the one before, `demo` on the first event.
// A line says version 2 only when it holds one of them; a v1 line holding
// one is refused; both decoders agree; and the encoder refuses, before
// anything is written, a line that would not read back.

import LedgerCore
import XCTest

final class RecordedTimeTests: XCTestCase {
    let last = Timestamp(parsing: "2017-03-01T10:00:00Z")!

    func testTheRule() {
        XCTAssertEqual(RecordedTime.decide(reading: last, after: nil), .at(last), "the first event: the reading")
        let later = Timestamp(parsing: "2017-03-01T10:00:00.000001Z")!
        XCTAssertEqual(RecordedTime.decide(reading: later, after: last), .at(later))
        XCTAssertEqual(RecordedTime.decide(reading: last, after: last), .behind(at: last.next, clock: last), "not after it: 1 µs after, reading kept")
        let tenMinutes = Timestamp(microseconds: last.microseconds - RecordedTime.tolerance)
        XCTAssertEqual(RecordedTime.decide(reading: tenMinutes, after: last), .behind(at: last.next, clock: tenMinutes))
        XCTAssertEqual(RecordedTime.decide(reading: Timestamp(microseconds: tenMinutes.microseconds - 1), after: last), .tooFarBehind)
        XCTAssertEqual(RecordedTime.decide(reading: Timestamp(parsing: "2016-01-01T00:00:00Z")!, after: last), .tooFarBehind)
        // The years a line can hold.
        let year10000 = Timestamp(parsing: "9999-12-31T23:00:00-05:00")!
        XCTAssertEqual(year10000.description, "10000-01-01T04:00:00.000000Z")
        XCTAssertEqual(RecordedTime.decide(reading: year10000, after: last), .outOfRange)
        XCTAssertEqual(RecordedTime.decide(reading: year10000, after: nil), .outOfRange)
        XCTAssertEqual(RecordedTime.decide(reading: RecordedTime.writable.upperBound, after: last), .at(RecordedTime.writable.upperBound))
        XCTAssertEqual(RecordedTime.decide(reading: RecordedTime.writable.upperBound, after: RecordedTime.writable.upperBound), .outOfRange,
                       "1 µs after the last time a line holds is not one")
        XCTAssertEqual(RecordedTime.decide(reading: Timestamp(microseconds: RecordedTime.writable.lowerBound.microseconds - 1), after: nil), .outOfRange)
        // Every time in the range reads back as itself.
        for t in [RecordedTime.writable.lowerBound, RecordedTime.writable.upperBound, last, Timestamp(microseconds: 0)] {
            XCTAssertEqual(Timestamp(parsing: t.description), t, t.description)
        }
    }

    func line(_ payload: EventPayload, clock: Timestamp? = nil) -> String {
        let (line, _) = EventCodec.encode(seq: 2, at: last.next, clock: clock, actor: "ana", osUser: "root", pending: PendingEvent(payload),
                                          more: 0, previous: .zero)
        return String(decoding: line.dropLast(), as: UTF8.self)
    }

    func decode(_ text: String) throws -> RecordedEvent { try EventCodec.decode(line: Array(text.utf8)) }

    func testVersionTwoFieldsRoundTripAndOnlyThen() throws {
        let opened = EventPayload.ledgerOpened(LedgerSettings(entity: "E", timeZone: "UTC", isDemo: true, rulesEdition: LedgerSettings.firstRulesEdition))
        let demo = line(opened)
        XCTAssertTrue(demo.hasPrefix("{\"v\":2,"), demo)
        XCTAssertTrue(demo.contains("\"yellow\":\"70\",\"demo\":true}"), demo)
        XCTAssertEqual(try decode(demo).payload, opened)
        let plain = line(.ledgerOpened(LedgerSettings(entity: "E", timeZone: "UTC", rulesEdition: LedgerSettings.firstRulesEdition)))
        XCTAssertTrue(plain.hasPrefix("{\"v\":1,") && !plain.contains("demo"), "a line without v2 fields stays v1: \(plain)")

        let observation = EventPayload.observationAdded(indicator: "I", period: .month(2017, 2), text: "x")
        let skewed = line(observation, clock: last)
        XCTAssertTrue(skewed.hasPrefix("{\"v\":2,\"seq\":2,\"at\":\"2017-03-01T10:00:00.000001Z\",\"clock\":\"2017-03-01T10:00:00.000000Z\",\"actor\""), skewed)
        let e = try decode(skewed)
        XCTAssertEqual(e.clock, last)
        XCTAssertEqual(e.at, last.next)
        XCTAssertEqual(try decode(line(observation)).clock, nil)
        // Both decoders agree on both fields.
        for text in [demo, skewed] {
            let fast = Array(text.utf8).withUnsafeBytes { EventCodec.decodeCanonical(line: $0) }
            XCTAssertNotNil(fast, text)
            XCTAssertEqual(fast, try Array(text.utf8).withUnsafeBytes { try EventCodec.decodeGeneral(line: $0) })
        }
        // A v1 line may not carry them; `demo` is only ever true.
        for bad in [skewed.replacingOccurrences(of: "{\"v\":2,", with: "{\"v\":1,"), demo.replacingOccurrences(of: "{\"v\":2,", with: "{\"v\":1,"),
                    demo.replacingOccurrences(of: "\"demo\":true", with: "\"demo\":false")] {
            XCTAssertThrowsError(try decode(bad), bad)
            XCTAssertNil(Array(bad.utf8).withUnsafeBytes { EventCodec.decodeCanonical(line: $0) })
        }
    }

    func testTheEncoderRefusesALineThatWouldNotReadBack() throws {
        let observation = PendingEvent(.observationAdded(indicator: "I", period: .month(2017, 2), text: "x"))
        XCTAssertNoThrow(try EventCodec.encodeChecked(seq: 2, at: last, actor: "a", osUser: "u", pending: observation, more: 0, previous: .zero))
        let year10000 = Timestamp(parsing: "9999-12-31T23:00:00-05:00")!
        XCTAssertThrowsError(try EventCodec.encodeChecked(seq: 2, at: year10000, actor: "a", osUser: "u", pending: observation, more: 0, previous: .zero)) {
            XCTAssertTrue(($0 as? EventEncodingError)?.message.contains("would not read back") ?? false, "\($0)")
        }
        // A seq the fast decoder does not read (19 digits) still reads back through the general one; one past Int64 would not exist.
        XCTAssertNoThrow(try EventCodec.encodeChecked(seq: 1_000_000_000_000_000_000, at: last, actor: "a", osUser: "u", pending: observation,
                                                      more: 0, previous: .zero))
        // A period outside the years a period holds.
        let far = PendingEvent(.observationAdded(indicator: "I", period: Period(year: 3000, firstMonth: 1, frequency: .monthly), text: "x"))
        XCTAssertThrowsError(try EventCodec.encodeChecked(seq: 2, at: last, actor: "a", osUser: "u", pending: far, more: 0, previous: .zero))
    }
}
