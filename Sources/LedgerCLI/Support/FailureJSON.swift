// A failure as one JSON document, for commands run with `--json`: a script
// that asked for JSON gets JSON on stdout when the command fails too (the
// sentence still goes to stderr for people). Field names are stable:
// `ok`, `exit_code`, and `error` with `kind`, `code`, `message` (in the
// language of the run), `message_en`, `message_es`, `details`, and `file`
// and `seq` where the failure names them.

import LedgerCore
import LedgerApp

enum FailureJSON {
    static func document(_ f: Failure, language: Language) -> String {
        var w = JSONWriter()
        w.raw("{\"ok\":false,\"exit_code\":"); w.int(ExitCode(f.kind).rawValue)
        w.raw(",\"error\":{\"kind\":")
        switch f.kind {
        case .refused: w.string("refused")
        case .usage: w.string("usage")
        case .integrity: w.string("integrity")
        case .io: w.string("io")
        }
        w.raw(",\"code\":"); w.string(f.code)
        w.raw(",\"message\":"); w.string(f.message.text(language))
        w.raw(",\"message_en\":"); w.string(f.message.en)
        w.raw(",\"message_es\":"); w.string(f.message.es)
        w.raw(",\"file\":"); if let file = f.file { w.string(file) } else { w.raw("null") }
        w.raw(",\"seq\":"); if let seq = f.seq { w.int(seq) } else { w.raw("null") }
        w.raw(",\"details\":[")
        for (i, d) in f.details.enumerated() {
            if i > 0 { w.raw(",") }
            w.string(d.text(language))
        }
        w.raw("]}}")
        return w.text
    }
}
