// The refusals of members, roles, signatures and attestations, in both
// languages (Refusals.swift hands them here). A role is named by its token
// and its Spanish word: "recorder (capturista)".

import LedgerCore

extension Catalogue {
    /// `recorder (capturista)` / `capturista (recorder)`.
    static func roleWords(_ roles: [Role]) -> Localized {
        Localized(roles.map { "\($0.rawValue) (\($0.spanishName))" }.joined(separator: " or "),
                  roles.map { "\($0.spanishName) (\($0.rawValue))" }.joined(separator: " o "))
    }

    static func trustRefusal(_ r: Refusal) -> Localized {
        switch r {
        case .publicKeyRefused(.unreadable(let why)):
            return Localized("the public key is not an OpenSSH public key line (\(why)); give the line of the member's .pub file, `ssh-ed25519 AAAA... comment`, or its path.",
                             "la llave pública no es una línea de llave pública de OpenSSH (\(why)); indique la línea del archivo .pub del miembro, `ssh-ed25519 AAAA... comentario`, o su ruta.")
        case .publicKeyRefused(.notEd25519(let type)):
            return Localized("the key is of type \(type); members sign with Ed25519 keys only: make one with `ssh-keygen -t ed25519`.",
                             "la llave es de tipo \(type); los miembros firman solo con llaves Ed25519: cree una con `ssh-keygen -t ed25519`.")
        case .publicKeyRefused(.weak):
            return Localized("the key is not a valid Ed25519 key (off the curve, not canonical or of small order): with it anyone could forge signatures; make a new key with `ssh-keygen -t ed25519`.",
                             "la llave no es una llave Ed25519 válida (fuera de la curva, no canónica o de orden pequeño): con ella cualquiera podría falsificar firmas; cree otra con `ssh-keygen -t ed25519`.")
        case .memberExists(let n):
            return Localized("\(n) is already a member; change its roles with `ledger member roles --name \(n) --role ...`.",
                             "\(n) ya es miembro; cambie sus roles con `ledger member roles --name \(n) --role ...`.")
        case .unknownMember(let n):
            return Localized("\(n) is not a member of this ledger; `ledger member list` lists them.",
                             "\(n) no es miembro de este ledger; `ledger member list` los muestra.")
        case .memberAlreadyRemoved(let n):
            return Localized("\(n) was removed from the ledger; add it again with `ledger member add` if it must sign again.",
                             "\(n) fue dado de baja del ledger; vuelva a darlo de alta con `ledger member add` si debe firmar de nuevo.")
        case .keyHeldByAnother(let n):
            return Localized("that key is already \(n)'s; each member signs with a key of its own.",
                             "esa llave ya es de \(n); cada miembro firma con una llave propia.")
        case .noRoles:
            return Localized("a member needs at least one role: --role admin, planner, recorder or auditor.",
                             "un miembro necesita al menos un rol: --role admin, planner (planeación), recorder (capturista) o auditor (Comisario / OIC).")
        case .rolesUnchanged(let n):
            return Localized("\(n) holds exactly those roles already; nothing to change.", "\(n) ya tiene exactamente esos roles; no hay nada que cambiar.")
        case .lastAdmin(let n):
            return Localized("\(n) is the ledger's last admin; make another member admin first.",
                             "\(n) es el último administrador del ledger; haga antes administrador a otro miembro.")
        case .signatureNeeded(let t):
            return Localized("\(t.commandName) is never recorded unsigned: sign it with --key FILE (or $LEDGER_KEY).",
                             "\(t.commandName) nunca se registra sin firma: fírmelo con --key ARCHIVO (o $LEDGER_KEY).")
        case .signaturesRequired:
            return Localized("this ledger requires signatures: sign with --key FILE (or $LEDGER_KEY), a key of one of its members.",
                             "este ledger exige firmas: firme con --key ARCHIVO (o $LEDGER_KEY), la llave de uno de sus miembros.")
        case .signaturesAlreadyRequired:
            return Localized("this ledger requires signatures already.", "este ledger ya exige firmas.")
        case .keyOfNoMember(let fp):
            return Localized("the key \(fp) is no member's; an admin adds it with `ledger member add --name NAME --public-key FILE.pub --role ROLE`.",
                             "la llave \(fp) no es de ningún miembro; un administrador la agrega con `ledger member add --name NOMBRE --public-key ARCHIVO.pub --role ROL`.")
        case .signerRemoved(let n):
            return Localized("the key is \(n)'s, who was removed from the ledger and signs nothing after.",
                             "la llave es de \(n), que fue dado de baja del ledger y ya no firma nada.")
        case .firstMemberMustBeAdmin:
            return Localized("this ledger has no members yet: its first member is an admin who signs its own addition (`ledger member add --name NAME --public-key KEY.pub --role admin --key KEY`).",
                             "este ledger aún no tiene miembros: el primero es un administrador que firma su propia alta (`ledger member add --name NOMBRE --public-key LLAVE.pub --role admin --key LLAVE`).")
        case .roleMissing(let m, let t, let needs):
            let w = roleWords(needs)
            return Localized("\(m) may not record \(t.commandName): it needs the role \(w.en).",
                             "\(m) no puede registrar \(t.spanishWord): necesita el rol \(w.es).")
        case .attestOpenQuarter(let q, let plan):
            let p = plan.map { " (plan \($0))" } ?? ""
            return Localized("\(q)\(p) is not closed: a quarter is attested after the planning office closes it.",
                             "\(q)\(p) no está cerrado: un trimestre se valida después de que planeación lo cierra.")
        case .nothingToAttest(let q):
            return Localized("there are no snapshot files of \(q) to attest; make them with `ledger snapshot \(q)`.",
                             "no hay archivos de corte de \(q) que validar; genérelos con `ledger snapshot \(q)`.")
        case .attestationHeadDiffers:
            return Localized("the journal moved while the attestation was made; run `ledger attest` again.",
                             "el diario cambió mientras se hacía la validación; ejecute `ledger attest` de nuevo.")
        default:
            preconditionFailure("trustRefusal words the trust refusals only")
        }
    }
}

extension EventType {
    /// The Spanish word of the type for sentences (the catalogue's own, as
    /// LedgerApp does not see LedgerReports' words).
    var spanishWord: String {
        switch self {
        case .readingRecorded: return "lecturas"
        case .observationAdded: return "observaciones"
        case .quarterAttested: return "validaciones"
        default: return commandName
        }
    }
}
