// Why a batch could not be signed (the key file, ssh-agent, ssh-keygen),
// in both languages. All are refusals (exit 1): nothing was written.

import LedgerCore
import LedgerSigning

extension Catalogue {
    static func signingFailure(_ error: Error) -> Failure? {
        let (en, es): (String, String)
        switch error {
        case let e as KeyFileError:
            switch e {
            case .notFound(let p): (en, es) = ("\(p): no such key file", "\(p): no existe ese archivo de llave")
            case .notAFile(let p): (en, es) = ("\(p) is not a key file", "\(p) no es un archivo de llave")
            case .unreadable(let p, let why): (en, es) = ("cannot read \(p): \(why)", "no se puede leer \(p): \(why)")
            case .permissionsTooOpen(let p, let mode):
                let m = String(mode, radix: 8)
                (en, es) = ("\(p): permissions \(m) are too open: others may read the private key, so it is refused as OpenSSH refuses it (chmod 600 \(p))",
                            "\(p): permisos \(m) demasiado abiertos: otros pueden leer la llave privada, así que se rechaza como la rechaza OpenSSH (chmod 600 \(p))")
            case .publicKeyMissing(let key, let expected):
                (en, es) = ("\(key) has no public key \(expected) beside it (make it with: ssh-keygen -y -f \(key) > \(expected))",
                            "\(key) no tiene su llave pública \(expected) al lado (créela con: ssh-keygen -y -f \(key) > \(expected))")
            case .badPublicKey(let p, let e): (en, es) = ("\(p): \(e)", "\(p): no es una llave pública Ed25519 de OpenSSH (\(e))")
            case .noAgent(let p):
                (en, es) = ("no ssh-agent and no key file: \(p) names a public key, so ssh-agent must hold the private key, but SSH_AUTH_SOCK is not set; start ssh-agent and ssh-add the key, or give --key the private key file",
                            "no hay ssh-agent ni archivo de llave: \(p) es una llave pública, así que ssh-agent debe tener la privada, pero SSH_AUTH_SOCK no está definida; inicie ssh-agent y agregue la llave con ssh-add, o indique en --key el archivo de llave privada")
            }
        case let e as SSHAgentError:
            switch e {
            case .cannotConnect(let p, let why): (en, es) = ("no ssh-agent at \(p) (\(why)); start it and ssh-add the key, or give --key the private key file",
                                                             "no hay ssh-agent en \(p) (\(why)); inícielo y agregue la llave con ssh-add, o indique en --key el archivo de llave privada")
            case .keyNotInAgent(let fp): (en, es) = ("ssh-agent does not hold the key \(fp); add it with ssh-add", "ssh-agent no tiene la llave \(fp); agréguela con ssh-add")
            case .refused: (en, es) = ("ssh-agent refused to sign", "ssh-agent se negó a firmar")
            default: (en, es) = ("ssh-agent could not sign: \(e)", "ssh-agent no pudo firmar: \(e)")
            }
        case let e as KeygenSignerError:
            switch e {
            case .keygenMissing: (en, es) = ("ssh-keygen is not installed: install OpenSSH's client to sign with a key file",
                                             "ssh-keygen no está instalado: instale el cliente de OpenSSH para firmar con un archivo de llave")
            case .keygenFailed(_, let stderr): (en, es) = ("ssh-keygen could not sign: \(stderr.trimmingSpaces)", "ssh-keygen no pudo firmar: \(stderr.trimmingSpaces)")
            default: (en, es) = ("ssh-keygen could not sign: \(e)", "ssh-keygen no pudo firmar: \(e)")
            }
        default:
            return nil
        }
        return Failure(.refused, Localized(en + ".", es + ".") + nothingWrittenAfterSentence, code: "cannot-sign")
    }
}
