// Names (issue 11, item 6): NFC against Python's unicodedata on every
// character both know; the characters refused in identifiers, labels and
// texts; the limits; the skeletons that make look-alikes equal (Latin,
// Cyrillic and Greek letters, full-width and mathematical forms, case,
// digits that look like letters) and keep different names apart.

import Foundation
import XCTest
@testable import LedgerCore

final class NamesTests: XCTestCase {
    // MARK: NFC

    /// Every assigned character of the planes that matter (and each with a
    /// combining mark after it), normalised by Python and by us: the same bytes.
    func testNFCAgreesWithPythonOnEveryCharacterBothKnow() throws {
        let program = """
        import sys, unicodedata
        out = []
        marks = ['\\u0301', '\\u0308', '\\u0323\\u0302', '\\u0327', '\\u0300\\u0316']
        for cp in list(range(0x20, 0x3400)) + list(range(0xAC00, 0xAC00 + 600)) + list(range(0xF900, 0xFB50)) + list(range(0xFF00, 0xFFF0)) + list(range(0x1D400, 0x1D800)):
            c = chr(cp)
            if unicodedata.category(c) in ('Cn', 'Cs', 'Cc'):
                continue
            for s in [c] + [c + m for m in marks]:
                d = unicodedata.normalize('NFD', s)
                out.append(d.encode('utf-8').hex() + ' ' + unicodedata.normalize('NFC', s).encode('utf-8').hex())
        sys.stdout.write('\\n'.join(out))
        """
        let lines = try python(program).split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 40_000)
        var checked = 0
        for line in lines {
            let parts = line.split(separator: " ")
            let input = String(decoding: bytes(hex: parts[0]), as: UTF8.self)
            let expected = bytes(hex: parts[1])
            XCTAssertEqual(Array(NFC.normalize(input).utf8), expected, "NFC of \(parts[0])")
            XCTAssertEqual(NFC.isNormalized(input), Array(input.utf8) == expected, "is \(parts[0]) NFC")
            checked += 1
        }
        XCTAssertEqual(checked, lines.count)
    }

    func testNFCExamples() {
        XCTAssertEqual(NFC.normalize("Jose\u{301}"), "Jos\u{E9}")
        XCTAssertTrue(Array(NFC.normalize("Jose\u{301}").utf8) == [0x4A, 0x6F, 0x73, 0xC3, 0xA9])
        XCTAssertFalse(NFC.isNormalized("Jose\u{301}"))
        XCTAssertTrue(NFC.isNormalized("Jos\u{E9}"))
        XCTAssertTrue(NFC.isNormalized("POA 2017"))
    }

    // MARK: Refused characters

    func testInvisibleBidiAndControlCharactersAreRefusedInEveryName() {
        let invisible: [UInt32] = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x034F, 0xFE0F, 0x180E, 0xE0041]
        let bidi: [UInt32] = [0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x061C]
        let control: [UInt32] = [0x09, 0x0A, 0x0D, 0x00, 0x1B, 0x7F, 0x85, 0x2028, 0x2029]
        for v in invisible + bidi + control {
            let name = "ana" + String(Unicode.Scalar(v)!) + "x"
            let expected: NameProblem
            if bidi.contains(v) { expected = .bidiControl(v, at: 4) } else if control.contains(v) { expected = .control(v, at: 4) } else { expected = .invisible(v, at: 4) }
            for kind in NameKind.allCases { XCTAssertEqual(NameRules.identifierProblem(name, kind), expected, "\(kind) U+\(String(v, radix: 16))") }
            XCTAssertEqual(NameRules.labelProblem(name), expected, "label U+\(String(v, radix: 16))")
        }
        // Free texts keep tabs and the invisible joiners emoji need, never bidi controls or line breaks.
        XCTAssertNil(NameRules.textProblem("falta\tanexo"))
        XCTAssertNil(NameRules.textProblem("ok \u{1F469}\u{200D}\u{1F4BB} soft\u{AD}hyphen"))
        XCTAssertEqual(NameRules.textProblem("abc\u{202E}fed"), .bidiControl(0x202E, at: 4))
        XCTAssertEqual(NameRules.textProblem("a\nb"), .control(0x0A, at: 2))
    }

    func testIdentifiersRefuseOddSpacesEdgeSpacesPrivateUseAndNonNFC() {
        XCTAssertEqual(NameRules.identifierProblem("POA\u{A0}2017", .plan), .oddSpace(0xA0, at: 4))
        XCTAssertEqual(NameRules.identifierProblem("POA\u{3000}2017", .plan), .oddSpace(0x3000, at: 4))
        XCTAssertEqual(NameRules.identifierProblem(" POA", .plan), .edgeSpace)
        XCTAssertEqual(NameRules.identifierProblem("ana ", .actor), .edgeSpace)
        XCTAssertEqual(NameRules.identifierProblem("X\u{E000}", .indicator), .privateUse(0xE000, at: 2))
        XCTAssertEqual(NameRules.identifierProblem("Jose\u{301}", .actor), .notNormalized)
        XCTAssertNil(NameRules.identifierProblem("José Pérez", .actor))
        XCTAssertNil(NameRules.identifierProblem("POA 2017", .plan))
        // A label may hold a no-break space (names pasted from a document do).
        XCTAssertNil(NameRules.labelProblem("INSTALACION\u{A0}DE MEDIDORES"))
    }

    func testLimits() {
        XCTAssertNil(NameRules.identifierProblem(String(repeating: "x", count: 64), .indicator))
        XCTAssertEqual(NameRules.identifierProblem(String(repeating: "x", count: 65), .indicator), .tooLong(limit: 64, length: 65))
        XCTAssertEqual(NameRules.identifierProblem(String(repeating: "x", count: 5000), .indicator), .tooLong(limit: 64, length: 5000))
        XCTAssertEqual(NameRules.identifierProblem(String(repeating: "é", count: 101), .plan), .tooLong(limit: 100, length: 101))
        XCTAssertNil(NameRules.identifierProblem(String(repeating: "é", count: 100), .actor))
        XCTAssertEqual(NameRules.labelProblem(String(repeating: "n", count: 1001)), .tooLong(limit: 1000, length: 1001))
        XCTAssertEqual(NameRules.textProblem(String(repeating: "t", count: 4001)), .tooLong(limit: 4000, length: 4001))
        XCTAssertNil(NameRules.textProblem(String(repeating: "t", count: 4000)))
    }

    // MARK: Skeletons

    func testLookAlikesShareASkeleton() {
        let pairs: [(String, String)] = [
            ("IND-A", "IND-\u{410}"),                 // Cyrillic A
            ("MED", "M\u{415}D"),                     // Cyrillic E
            ("POA 2017", "\u{420}\u{41E}\u{410} 2017"), // Cyrillic Р О А
            ("POA 2017", "\u{3A1}\u{39F}\u{391} 2017"), // Greek Ρ Ο Α
            ("ana", "\u{430}n\u{430}"),                 // Cyrillic а
            ("ana", "Ana"), ("ana", "ANA"),             // case
            ("IND-A", "\u{FF29}\u{FF2E}\u{FF24}\u{FF0D}\u{FF21}"), // full width
            ("IND", "\u{1D408}\u{1D40D}\u{1D403}"),     // mathematical bold
            ("Jos\u{E9}", "Jose\u{301}"),               // NFC and NFD
            ("Jos\u{E9}", "Jos\u{435}\u{301}"),         // Cyrillic е with a combining acute
            ("OA-10", "OA-1O"), ("IND-1", "IND-l"), ("IND-1", "IND-I"), // digits that look like letters
            ("EJE II", "EJE \u{2161}"),                 // Roman numeral character
            ("IND-1", "IND\u{2013}1"),                  // en dash
            ("p\u{ED}o", "p\u{456}\u{301}o"),           // Ukrainian і with an acute
        ]
        for (a, b) in pairs {
            XCTAssertEqual(NameSkeleton.of(a), NameSkeleton.of(b), "\(a) and \(b) should look alike")
        }
    }

    func testDifferentNamesKeepDifferentSkeletons() {
        let different: [(String, String)] = [
            ("IND-A", "IND-B"), ("MED-2017", "MED-2018"), ("Jos\u{E9}", "Jose"), ("ana", "ann"), ("POA 2017", "POI 2017"),
            ("307", "308"), ("n\u{303}", "n"), ("A\u{308}", "A"),
        ]
        for (a, b) in different {
            XCTAssertNotEqual(NameSkeleton.of(a), NameSkeleton.of(b), "\(a) and \(b) should not look alike")
        }
    }

    func testTheRegistryNamesTheRecordedLookAlike() {
        var r = NameRegistry()
        r.record("IND-A", .indicator)
        r.record("ana", .actor)
        XCTAssertEqual(r.lookAlike(of: "IND-\u{410}", .indicator), "IND-A")
        XCTAssertNil(r.lookAlike(of: "IND-A", .indicator), "a name is no look-alike of itself")
        XCTAssertNil(r.lookAlike(of: "IND-\u{410}", .plan), "kinds are apart")
        XCTAssertEqual(r.lookAlike(of: "Ana", .actor), "ana")
        XCTAssertNil(r.lookAlike(of: "luis", .actor))
        XCTAssertTrue(r.contains("ana", .actor))
        XCTAssertFalse(r.contains("Ana", .actor))
    }

    // MARK: Helpers

    func bytes<S: StringProtocol>(hex: S) -> [UInt8] {
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            out.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        return out
    }

    func python(_ program: String) throws -> String {
        guard let path = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            XCTFail("python3 is needed by this test: apt-get install python3")
            return ""
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = ["-c", program]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        return String(decoding: data, as: UTF8.self)
    }
}
