// A user's input file (a batch, a document to import), read whole. One that
// cannot be read is the user's problem to fix (exit 1), named as such, not
// an I/O failure of the ledger.

import LedgerStore

enum UserFile {
    static func read(_ path: String) throws -> [UInt8] {
        do {
            return try InputFile.read(path)
        } catch StoreError.io(_, _, let message, _) {
            throw Problem.inputUnreadable(path: path, message: message)
        }
    }
}
