// Why a workbook could not be read, in both languages: LedgerWorkbook's
// errors (which say it in English, for any caller) as the sentences an
// import prints, each with what to do. A damaged archive is refused whole:
// nothing of it is read.

import LedgerCore
import LedgerWorkbook

enum WorkbookWords {
    static let saveAgain = Localized("open it in Excel or LibreOffice and save it again as .xlsx",
                                     "ábralo en Excel o LibreOffice y guárdelo de nuevo como .xlsx")

    static func unreadable(_ error: Error) -> Localized {
        guard let e = error as? XLSXReadError else { return Localized("the workbook cannot be read", "el libro no se puede leer") }
        switch e {
        case .notXLSX(let what):
            let es: String
            if what.contains("97-2003") {
                es = "un libro de Excel 97-2003 (.xls) o uno protegido con contraseña; guárdelo como .xlsx sin contraseña"
            } else if what.contains("neither a ZIP") {
                es = "ni un archivo ZIP ni un Excel antiguo (quizá CSV o texto); para CSV use `ledger import csv`"
            } else if what.contains("OpenDocument") {
                es = "un archivo OpenDocument (.ods); guárdelo como .xlsx"
            } else if what.contains("without the parts") {
                es = "un archivo ZIP sin las partes de un documento de Office"
            } else {
                es = "otro tipo de documento de Office, no un libro de cálculo"
            }
            return Localized("the file is not an Excel workbook (.xlsx): it looks like \(what)", "el archivo no es un libro de Excel (.xlsx): parece \(es)")
        case .archive(let z):
            return archive(z)
        case .missingPart, .malformedXML, .malformedPart, .badCellReference, .duplicateCell, .badSharedStringIndex, .badValue:
            return Localized("\(e.description); \(saveAgain.en)", "el libro está dañado (\(spanishDetail(e))); \(saveAgain.es)")
        }
    }

    static func archive(_ z: ZipError) -> Localized {
        switch z {
        case .totalSizeLimitExceeded(let declared, let limit):
            return Localized("the workbook would inflate to \(declared) bytes, past the limit of \(limit) (a ZIP bomb, or not a template); nothing of it was read",
                             "el libro se inflaría a \(declared) bytes, más que el límite de \(limit) (una bomba ZIP, o no es una plantilla); no se leyó nada de él")
        case .sizeMismatch(let name, let declared, nil):
            return Localized("the part \(name) inflates past the \(declared) bytes it declares (a ZIP bomb, or damage); nothing of it was read",
                             "la parte \(name) se infla más allá de los \(declared) bytes que declara (una bomba ZIP, o daño); no se leyó nada de él")
        case .tooManyEntries(let count, let limit):
            return Localized("the workbook lists \(count) parts; at most \(limit) are read", "el libro lista \(count) partes; se leen a lo más \(limit)")
        case .encryptedEntry:
            return Localized("the workbook is protected with a password; save it without one", "el libro está protegido con contraseña; guárdelo sin ella")
        case .crcMismatch(let name, _, _), .corruptData(let name, _):
            return Localized("the workbook is damaged: its part \(name) does not match its checksum; \(saveAgain.en)",
                             "el libro está dañado: su parte \(name) no coincide con su suma de verificación; \(saveAgain.es)")
        case .notAZipArchive, .centralDirectoryOutOfBounds, .entryOutOfBounds:
            return Localized("the workbook is damaged or cut short (\(z)); \(saveAgain.en)",
                             "el libro está dañado o incompleto (su archivo ZIP termina antes de tiempo o está mal formado); \(saveAgain.es)")
        case .multipleDisks, .zip64NotSupported, .unsupportedMethod:
            return Localized("the workbook's archive is of a kind not read here (\(z)); \(saveAgain.en)",
                             "el archivo ZIP del libro es de un tipo que aquí no se lee (dividido, ZIP64 u otra compresión); \(saveAgain.es)")
        case .malformedCentralDirectory, .duplicateName, .invalidName, .malformedLocalHeader, .overlappingEntries, .sizeMismatch,
             .invalidNameForWriting, .archiveTooLarge, .commentTooLong:
            return Localized("the workbook is damaged (\(z)); \(saveAgain.en)",
                             "el libro está dañado (su archivo ZIP no es coherente); \(saveAgain.es)")
        }
    }

    /// Where a damaged part is, in Spanish.
    static func spanishDetail(_ e: XLSXReadError) -> String {
        switch e {
        case .missingPart(let p): return "falta su parte \(p)"
        case .malformedXML(let p, _), .malformedPart(let p, _): return "la parte \(p) está mal formada"
        case .badCellReference(let s, let t): return "la hoja \(s) nombra la celda \"\(t)\", que no existe"
        case .duplicateCell(let s, let c): return "la celda \(c) de la hoja \(s) aparece dos veces"
        case .badSharedStringIndex(let s, let c, _): return "la celda \(c) de la hoja \(s) apunta a un texto que no existe"
        case .badValue(let s, let c, let t): return "la celda \(c) de la hoja \(s) tiene \"\(t)\", que no es un valor de su tipo"
        case .notXLSX, .archive: return "\(e)"
        }
    }
}
