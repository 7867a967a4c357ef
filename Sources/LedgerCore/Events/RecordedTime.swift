// How a clock reading becomes an event's recorded time (`at`), one rule in
// one place (FORMAT.md, "Recorded time"). Times are strictly increasing
// along the journal, and a clock that does not move forward is never
// silently absorbed:
// - a reading after the last event's time is the event's time;
// - a reading at most `tolerance` before it (a clock stepped back a little,
//   or two machines a little apart) gives the last time plus 1 µs, and the
//   event keeps the reading in its `clock` field, for `verify` to list;
// - a reading further behind is refused: fix the clock, or, when the clock
//   is right, the last event was recorded under a clock running ahead
//   (`verify` flags events dated after the machine's own clock);
// - a reading outside the years a line can hold (0001-9999 in UTC) is
//   refused, so the ledger never writes a time it cannot read back.

/// The rule that turns a clock reading into a recorded time.
public enum RecordedTime {
    /// How far behind the last event's time a clock may read and still
    /// record (with its reading kept): ten minutes.
    public static let tolerance: Int64 = 10 * 60 * 1_000_000

    /// The times a journal line can hold: `at` is written with a four-digit year.
    public static let writable = Timestamp(year: 1, month: 1, day: 1)...Timestamp(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59, microsecond: 999_999)

    /// What a clock reading gives.
    public enum Decision: Equatable, Sendable {
        /// Record at the reading.
        case at(Timestamp)
        /// Record at `at` (the last event's time plus 1 µs), keeping the reading.
        case behind(at: Timestamp, clock: Timestamp)
        /// The reading is further behind the last event than `tolerance`.
        case tooFarBehind
        /// The reading is outside `writable`.
        case outOfRange
    }

    /// The recorded time for a clock `reading`, after an event recorded at
    /// `last` (nil for the first event).
    public static func decide(reading: Timestamp, after last: Timestamp?) -> Decision {
        guard writable.contains(reading) else { return .outOfRange }
        guard let last, reading <= last else { return .at(reading) }
        guard last.microseconds - reading.microseconds <= tolerance else { return .tooFarBehind }
        guard writable.contains(last.next) else { return .outOfRange }
        return .behind(at: last.next, clock: reading)
    }
}
