// Reading an Open Packaging Conventions package (ECMA-376 Part 2): parts
// by name, compared without case as OPC requires; a part's relationships in
// the _rels folder beside it; targets resolved against the source part's
// folder, absolute or relative, percent-escapes decoded, ".." never above
// the package root. External targets are not parts and are skipped.

struct PackageReader {
    private var parts: [String: [UInt8]] = [:]

    init(_ archive: ZipArchive) {
        for e in archive.entries { parts[e.name.lowercased()] = e.data }
    }

    func part(_ name: String) -> [UInt8]? { parts[name.lowercased()] }

    func requiredPart(_ name: String) throws(XLSXReadError) -> [UInt8] {
        guard let p = part(name) else { throw .missingPart(name) }
        return p
    }

    /// The XML root of a part.
    func xml(_ name: String) throws(XLSXReadError) -> XMLElement {
        let bytes = try requiredPart(name)
        do throws(XMLError) {
            return try XMLElement.parse(bytes)
        } catch {
            throw .malformedXML(part: name, error)
        }
    }

    struct Relationship {
        var id: String
        /// The type's last segment ("officeDocument", "worksheet"), which is
        /// the same in transitional and strict packages.
        var kind: Substring
        /// The target part's name, resolved.
        var target: String
    }

    /// The relationships of `source` ("" for the package itself); none if it has no .rels part.
    func relationships(of source: String) throws(XLSXReadError) -> [Relationship] {
        let folder = PackageReader.folder(of: source)
        let name = source.isEmpty ? "_rels/.rels" : folder + "_rels/" + source.split(separator: "/").last! + ".rels"
        guard part(name) != nil else { return [] }
        let root = try xml(name)
        guard root.name == XMLName(namespace: OOXML.packageRelationships, local: "Relationships") else {
            throw .malformedPart(part: name, reason: "the root element is not Relationships")
        }
        var out: [Relationship] = []
        for r in root.children where r.name.local == "Relationship" {
            guard let id = r.attribute("Id"), let type = r.attribute("Type"), let target = r.attribute("Target") else {
                throw .malformedPart(part: name, reason: "a relationship lacks its Id, Type or Target")
            }
            if r.attribute("TargetMode") == "External" { continue }
            guard let resolved = PackageReader.resolve(target, from: folder) else {
                throw .malformedPart(part: name, reason: "the target \(target) leaves the package")
            }
            out.append(Relationship(id: id, kind: type.split(separator: "/").last ?? "", target: resolved))
        }
        return out
    }

    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// `target` as a part name: absolute ("/xl/x.xml") or relative to `folder`.
    static func resolve(_ target: String, from folder: String) -> String? {
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : folder + target
        var segments: [String] = []
        for s in path.split(separator: "/", omittingEmptySubsequences: true) {
            if s == "." { continue }
            if s == ".." {
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
                continue
            }
            segments.append(percentDecoded(String(s)))
        }
        return segments.isEmpty ? nil : segments.joined(separator: "/")
    }

    static func percentDecoded(_ s: String) -> String {
        guard s.contains("%") else { return s }
        var out: [UInt8] = []
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let v = UInt8(String(decoding: b[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                out.append(v)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
