// Seeded test inputs (SplitMix64), so a failure reproduces: the varied data
// the DEFLATE and ZIP tests run over.

import Foundation

struct SeededBytes: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `n` bytes from a fresh generator seeded with `seed`.
    static func bytes(seed: UInt64, _ n: Int) -> [UInt8] {
        var g = SeededBytes(seed: seed)
        return g.bytes(n)
    }

    mutating func bytes(_ n: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: n)
        var i = 0
        while i < n {
            var v = next()
            for _ in 0..<8 where i < n {
                out[i] = UInt8(truncatingIfNeeded: v)
                v >>= 8
                i += 1
            }
        }
        return out
    }
}

enum TestData {
    /// Named inputs covering the shapes DEFLATE cares about.
    static let corpus: [(name: String, bytes: [UInt8])] = {
        var random = SeededBytes(seed: 1951)
        let words = ["INSTALACION", "DE", "MEDIDORES", "RECIBOS", "<c r=\"B7\" t=\"s\">", "<v>", "</v></c>", "14757499.81", "año", "ejecutado", " ", "\n"]
        var text = ""
        while text.utf8.count < 200_000 { text += words[Int(random.next() % UInt64(words.count))] }
        var small = SeededBytes(seed: 7)
        var sparse = [UInt8](repeating: 0, count: 70_000)
        for _ in 0..<300 { sparse[Int(small.next() % 70_000)] = UInt8(truncatingIfNeeded: small.next()) }
        return [
            ("empty", []),
            ("one byte", [0x41]),
            ("two bytes", [0x41, 0x42]),
            ("short text", Array("Se reciben los nuevos contratos de medidor y se procede a la instalación".utf8)),
            ("xml-like text, 200 KB", Array(text.utf8)),
            ("random 100 KB", random.bytes(100_000)),
            ("zeros 300 KB", [UInt8](repeating: 0, count: 300_000)),
            ("period 2, 100 KB", (0..<100_000).map { UInt8($0 % 2) }),
            ("period 300, 100 KB", (0..<100_000).map { UInt8(truncatingIfNeeded: ($0 % 300) * 7) }),
            ("sparse 70 KB", sparse),
            ("random 70 KB then its repeat", { let r = random.bytes(70_000); return r + r }()),
        ]
    }()

    static func xml(rows: Int) -> [UInt8] {
        var s = "<sheetData>"
        for r in 1...rows {
            s += "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"s\"><v>\(r % 97)</v></c><c r=\"B\(r)\"><v>\(r * 37 % 10007).\(r % 100)</v></c></row>"
        }
        return Array((s + "</sheetData>").utf8)
    }
}
