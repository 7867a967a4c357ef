// What `verify` says about an event the rules would not have recorded
// (`RuleBreach`), in both languages: where it is (file:seq, like damage),
// the rule it breaks (a refusal worded as an append would have heard it),
// and what to do. Its hash is right, so it was written past the rules: by
// hand, with the hash recomputed, or by a program that skips them.

import LedgerCore
import LedgerStore

extension Catalogue {
    static func ruleBroken(path: String, seq: Int64, _ breach: RuleBreach, paths: LedgerPaths) -> Localized {
        let rule: Localized
        switch breach {
        case .refused(let r):
            let refusal = refusal(r)
            func clause(_ s: String) -> String { s.hasSuffix(".") ? String(s.dropLast()) : s }
            rule = Localized("an append would have been refused: «\(clause(refusal.en))»", "un registro habría sido rechazado: «\(clause(refusal.es))»")
        case .correctsAnotherReading(let id, let p, let names, let inForce):
            rule = Localized("the correction of \(id) \(p) names event \(names), but the reading in force was event \(inForce)",
                             "la corrección de \(id) \(p) nombra el evento \(names), pero la lectura vigente era el evento \(inForce)")
        case .reasonNotRecorded(let reason?):
            rule = Localized("it carries a reason («\(reason)») the rules do not record there (only target changes, corrections and values after a close carry one)",
                             "lleva un motivo («\(reason)») que las reglas no registran ahí (solo lo llevan los cambios de meta, las correcciones y los valores posteriores a un cierre)")
        case .reasonNotRecorded(nil):
            rule = Localized("it lacks the reason the rules record with it", "le falta el motivo que las reglas registran con él")
        case .differs:
            rule = Localized("it records something other than what the rules decide for the command it holds",
                             "registra algo distinto de lo que las reglas deciden para la orden que contiene")
        case .documentNotRecorded(let document?):
            rule = Localized("it carries a document («\(document)») the rules do not record there",
                             "lleva un documento («\(document)») que las reglas no registran ahí")
        case .documentNotRecorded(nil):
            rule = Localized("it lacks the document the rules record with it", "le falta el documento que las reglas registran con él")
        case .sealListDiffers:
            rule = Localized("the seal does not list the segments sealed before it followed by its own",
                             "el sello no enumera los segmentos sellados antes que él seguidos del suyo")
        case .signatureMisplaced:
            rule = Localized("the signature line is not the last line of its batch, covers no event, or names another first event than its batch's",
                             "la línea de firma no es la última de su lote, no cubre ningún evento o nombra otro primer evento que el de su lote")
        case .signatureUnreadable(let why):
            rule = Localized("its SSH signature cannot be read (\(why))", "su firma SSH no se puede leer (\(why))")
        case .signatureNamespace(let ns):
            rule = Localized("its signature was made for namespace «\(ns)», not the ledger's «\(SignedBatch.namespace)»",
                             "su firma se hizo para el espacio de nombres «\(ns)», no el del ledger «\(SignedBatch.namespace)»")
        case .signerNotActor(let actor, let signer):
            rule = Localized("it is recorded in the name of \(actor), but its batch is signed by \(signer)",
                             "está registrado a nombre de \(actor), pero su lote lo firma \(signer)")
        case .signerKeyDiffers(let signer, let fp):
            rule = Localized("its signature is made with the key \(fp), which is not \(signer)'s", "su firma se hizo con la llave \(fp), que no es la de \(signer)")
        case .signatureInvalid(let signer):
            rule = Localized("its signature in the name of \(signer) does not verify over the bytes of its batch: the batch was altered or the signature forged",
                             "su firma a nombre de \(signer) no se verifica sobre los bytes de su lote: el lote se alteró o la firma es falsa")
        case .sealNotBefore(let last):
            rule = Localized("the sealed segment ends at event \(last), which is not before the seal",
                             "el segmento sellado termina en el evento \(last), que no es anterior al sello")
        }
        let at = "\(paths.display(path)):\(seq)"
        return Localized("\(at): event \(seq) breaks the ledger's rules: \(rule.en). Its hash is right, so it was written past the rules (by hand, with the hash recomputed). Keep the journal as evidence, restore it from a copy, and compare with a published digest (`ledger verify --digest SEQ:HASH`).",
                         "\(at): el evento \(seq) rompe las reglas del ledger: \(rule.es). Su hash es correcto, así que se escribió saltándose las reglas (a mano, con el hash recalculado). Conserve el diario como evidencia, restáurelo de una copia y compárelo con un resumen publicado (`ledger verify --digest SEQ:HASH`).")
    }
}
