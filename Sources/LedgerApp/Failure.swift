// How a use case fails. Inside the application layer failures are data:
// the core's refusals, the store's errors, a form's field errors and the
// problems below. At its boundary `Failure(describing:)` words them from
// the catalogue, in both languages, with the kind the CLI turns into an
// exit code.

import LedgerCore
import LedgerStore

/// What went wrong, as the contract's exit codes see it.
public enum FailureKind: Sendable {
    /// Refused or invalid input; nothing written (exit 1).
    case refused
    /// A usage error (exit 2).
    case usage
    /// Integrity damage (exit 3).
    case integrity
    /// Input/output trouble: disk, permission, lock (exit 4).
    case io
}

/// A use case that could not be done, worded for the user.
public struct Failure: Error, Sendable {
    public var kind: FailureKind
    /// One or more lines, each printed after `ledger: `.
    public var message: Localized
    /// Lines printed before the message, as they are (one per bad row or finding).
    public var details: [Localized]
    /// What went wrong, as a stable token for scripts (`no-ledger`,
    /// `damaged`, `torn-tail`, `digest-typo`, ...): `--json` prints it.
    public var code: String
    /// The file the failure is about (as the user sees its path), if any.
    public var file: String?
    /// The event the failure is about (the first damaged one), if any.
    public var seq: Int64?

    public init(_ kind: FailureKind, _ message: Localized, details: [Localized] = [], code: String? = nil, file: String? = nil,
                seq: Int64? = nil) {
        self.kind = kind
        self.message = message
        self.details = details
        self.code = code ?? Failure.defaultCode(kind)
        self.file = file
        self.seq = seq
    }

    static func defaultCode(_ kind: FailureKind) -> String {
        switch kind {
        case .refused: return "refused"
        case .usage: return "usage"
        case .integrity: return "integrity"
        case .io: return "io"
        }
    }
}

/// The application layer's own reasons to refuse or fail.
public enum Problem: Error, Sendable {
    /// An append without --actor or $LEDGER_ACTOR.
    case noActor
    case unknownTimeZone(String)
    /// LEDGER_CLOCK set for a ledger not made with `init --demo`.
    case clockSetOnRealLedger
    /// `init` with LEDGER_CLOCK set but without `--demo`.
    case clockSetWithoutDemo
    /// The ledger's zone cannot be read, and local time is needed.
    case timeZoneUnreadable(zone: String, directory: String)
    /// `--plan` names no plan of the ledger; `plans` are the ones it has.
    case unknownPlan(String, plans: [String])
    case unknownOwner(String)
    /// A report or append names an indicator the ledger does not have;
    /// `suggestions` are those it may have meant.
    case unknownIndicator(String, suggestions: [IndicatorSuggestion], appending: Bool)
    /// A report's cut before the ledger's first event: nothing to show.
    /// `opened` is when the ledger began.
    case nothingRecordedBy(Timestamp, opened: Timestamp)
    /// A snapshot's T that has not passed yet.
    case asOfNotPassed(Timestamp)
    /// No indicator of the quarter's year (and plan) by T.
    case nothingToSnapshot(year: Int, plan: String?, asOf: Timestamp)
    /// A snapshot file already there with other bytes (evidence; never overwritten).
    case snapshotDiffers(path: String)
    /// `verify`: event `seq` (in the file at `path`) is not one the rules
    /// would have recorded, though its hash is right.
    case ruleBroken(path: String, seq: Int64, breach: RuleBreach)
    /// `verify`: snapshot files an attestation (event `seq`, by `signer`)
    /// pinned, now missing (`found` nil) or with other bytes.
    case attestedFilesDiffer([(path: String, seq: Int64, signer: String, missing: Bool)])
    /// `verify`: snapshot files that do not re-derive.
    case snapshotsDiffer([(path: String, cause: SnapshotMismatch)])
    /// The journal ends in an incomplete event or batch: what its tail holds.
    case tornJournal(path: String, offset: Int64, bytes: Int64, seq: Int64, tail: TornTail?)
    /// `verify --digest`: the journal does not hold the published digest.
    /// `found` is its hash at that seq (nil past its end), `head` its last
    /// seq, `hashAt` the seq whose hash is the digest's, if another.
    case digestNotHeld(PublishedDigest, found: Digest256?, head: Int64, hashAt: Int64?)
    /// A user's input file that cannot be read.
    case inputUnreadable(path: String, message: String)
    case inputTooLarge(path: String)
    case lineTooLong(path: String, line: Int)
    /// A batch file's rows or lines that could not be read, before deciding.
    case malformedBatch(path: String, lines: [(line: Int, problem: BatchProblem)], jsonLines: Bool)
    case csvUnreadable(path: String, line: Int, message: String)
    case noTypeColumn(path: String, line: Int)
    case emptyBatch(path: String)
    /// Rows of a batch refused (by their fields or by the rules), nothing written.
    case batchRefused(path: String, rows: Int, problems: [(line: Int, problem: BatchProblem)])
    /// `import`: the file is not the named layout.
    /// `location` follows the path: `:LINE`, a workbook's `#SHEET:ROW` or `#SHEET!CELL`, or "".
    case importLayout(path: String, location: String, message: Localized, format: String, formats: String)
    /// `import --strict` with findings.
    case importStrict(path: String, findings: [Localized])
    case importEmpty(path: String, findings: [Localized])
    /// The ledger refused events of an import.
    /// Each refusal's `location` follows the path (`:LINE`, `#SHEET:ROW`).
    case importRefused(path: String, total: Int, findings: [Localized], refusals: [(location: String, refusal: Refusal)])
    /// An export to a path where a file already is, without --force.
    case exportExists(path: String)
    /// `export xlsx` without --quarter on a ledger with nothing to show.
    case nothingToExport
    /// `export pnt` of a quarter with no indicator (in scope) to report.
    case noIndicatorsToExport(quarter: Period)
    /// An export file that could not be written (a missing folder, permissions).
    case exportUnwritable(path: String, message: String)
}

/// What is wrong with one row or line of a batch file.
public enum BatchProblem: Sendable {
    case field(FieldError)
    case refusal(Refusal)
    /// An unknown indicator, with the ids it may have meant.
    case unknownIndicator(String, suggestions: [IndicatorSuggestion])
    case tooManyCells(Int, header: Int)
    case notAnObject
    case notJSON(message: String, column: Int)
    case fieldNotScalar(String)
}

extension Failure {
    /// The failure an error stands for, worded; `paths` shows file names as
    /// the user sees them.
    public init(describing error: Error, directory: String) {
        let paths = LedgerPaths(directory: directory)
        switch error {
        case let f as Failure: self = f
        case let r as Refusal: self = Failure(.refused, Catalogue.refusal(r) + Catalogue.nothingWrittenAfterSentence, code: "refused")
        case let f as FieldError: self = Failure(f.isMissing ? .usage : .refused, Catalogue.field(f) + Catalogue.nothingWrittenAfterClause)
        case let s as StoreError: self = Catalogue.storeFailure(s, paths: paths)
        case let p as Problem: self = Catalogue.problem(p, paths: paths)
        default: self = Catalogue.signingFailure(error) ?? Failure(.io, Localized(both: "\(error)"))
        }
    }
}
