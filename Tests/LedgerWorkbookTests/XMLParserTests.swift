// The XML parser: what XML 1.0 and its namespaces say a document means, and
// every malformation refused with where it is.

import XCTest
@testable import LedgerWorkbook

final class XMLParserTests: XCTestCase {
    func events(_ text: String) throws -> [String] {
        var parser = try XMLParser(Array(text.utf8))
        var out: [String] = []
        while let e = try parser.next() {
            switch e {
            case .start(let n, let attributes):
                out.append("<{\(n.namespace)}\(n.local)" + attributes.map { " {\($0.name.namespace)}\($0.name.local)=\($0.value)" }.joined() + ">")
            case .end(let n): out.append("</\(n.local)>")
            case .text(let t): out.append(t)
            }
        }
        return out
    }

    func testEntitiesReferencesCDATAAndComments() throws {
        let doc = """
        \u{FEFF}<?xml version="1.0" encoding="utf-8"?>
        <!-- a comment -->
        <a>&lt;&gt;&amp;&quot;&apos; &#241;&#xF1;&#x1F600; <![CDATA[<not>&amp;]]><?pi data?><!-- inside --><b/>x\r\ny\rz</a>
        <!-- after -->
        """
        XCTAssertEqual(try events(doc), ["<{}a>", "<>&\"' ññ😀 ", "<not>&amp;", "<{}b>", "</b>", "x\ny\nz", "</a>"])
    }

    func testAttributes() throws {
        XCTAssertEqual(try events("<a x='1' y=\"two &amp; 'three'\" z=\"a\tb\nc&#10;d\"/>"),
                       ["<{}a {}x=1 {}y=two & 'three' {}z=a b c\nd>", "</a>"])
    }

    func testNamespaces() throws {
        let doc = """
        <r xmlns="urn:d" xmlns:p="urn:p"><p:e p:a="1" a="2"><i xmlns="urn:inner"/></p:e><e xmlns:p="urn:q"><p:f/></e><x:y xmlns:x="urn:x" xml:space="preserve"/></r>
        """
        XCTAssertEqual(try events(doc), [
            "<{urn:d}r>", "<{urn:p}e {urn:p}a=1 {}a=2>", "<{urn:inner}i>", "</i>", "</e>", "<{urn:d}e>", "<{urn:q}f>", "</f>", "</e>",
            "<{urn:x}y {http://www.w3.org/XML/1998/namespace}space=preserve>", "</y>", "</r>",
        ])
    }

    func expect(_ text: String, _ reason: XMLError.Reason, line: Int? = nil, file: StaticString = #filePath, at: UInt = #line) {
        XCTAssertThrowsError(try events(text), file: file, line: at) { error in
            guard let e = error as? XMLError else { return XCTFail("\(error)", file: file, line: at) }
            XCTAssertEqual(e.reason, reason, file: file, line: at)
            if let line { XCTAssertEqual(e.line, line, file: file, line: at) }
        }
    }

    func testMalformedDocuments() {
        expect("", .noRootElement)
        expect("<a>", .unexpectedEnd)
        expect("<a></b>", .mismatchedEndTag(expected: "a", found: "b"))
        expect("<a>\n\n</a><b/>", .contentOutsideRoot, line: 3)
        expect("text<a/>", .contentOutsideRoot)
        expect("<a/>text", .contentOutsideRoot)
        expect("<!DOCTYPE a [<!ENTITY e \"boom\">]><a>&e;</a>", .doctypeNotAllowed)
        expect("<a>&e;</a>", .unknownEntity("e"))
        expect("<a>&amp</a>", .malformedMarkup)
        expect("<a>&#0;</a>", .invalidCharacterReference("#0"))
        expect("<a>&#xD800;</a>", .invalidCharacterReference("#xD800"))
        expect("<a>&#x110000;</a>", .invalidCharacterReference("#x110000"))
        expect("<a>\u{1}</a>", .forbiddenCharacter)
        expect("<a>\u{FFFE}</a>", .forbiddenCharacter)
        expect("<a x=\"1\" x=\"2\"/>", .duplicateAttribute("x"))
        expect("<a xmlns:p=\"urn:1\" xmlns:q=\"urn:1\" p:x=\"1\" q:x=\"2\"/>", .duplicateAttribute("q:x"))
        expect("<p:a/>", .unboundPrefix("p"))
        expect("<a x=1/>", .malformedAttribute)
        expect("<a x=\"<\"/>", .malformedAttribute)
        expect("<a x=\"1\"y=\"2\"/>", .malformedMarkup)
        expect("<1a/>", .malformedName)
        expect("<a><!-- unterminated </a>", .unexpectedEnd)
        expect("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", .unsupportedEncoding("ISO-8859-1"))
        XCTAssertThrowsError(try XMLParser([0xFF, 0xFE, 0x3C, 0x00]))
        var invalid = XMLParserTestsSupport.bytes("<a>")
        invalid += [0xC3, 0x28]
        invalid += XMLParserTestsSupport.bytes("</a>")
        XCTAssertThrowsError(try XMLElement.parse(invalid)) { XCTAssertEqual(($0 as? XMLError)?.reason, .invalidUTF8) }
        expect(String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300), .tooDeep)
    }

    func testTree() throws {
        let root = try XMLElement.parse(Array("<r xmlns='urn:m'><c k='1'>one<d/>two</c><c k='2'/><o:c xmlns:o='urn:o'/></r>".utf8))
        XCTAssertEqual(root.children("c", in: ["urn:m"]).map { $0.attribute("k") }, ["1", "2"])
        XCTAssertEqual(root.child("c", in: ["urn:m"])?.text, "onetwo")
        XCTAssertEqual(root.children.count, 3)
    }

    func testGarbageNeverTraps() {
        // Random changes to a worksheet: every one parses or ends in an XMLError.
        let doc = XMLParserTestsSupport.bytes("""
        <?xml version="1.0"?><worksheet xmlns="urn:m" xmlns:r="urn:r"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>\
        <c r="B1"><f>SUM(A1:A2)</f><v>3</v></c></row></sheetData><!-- c --><x r:id="a">&lt;&#65;<![CDATA[z]]></x></worksheet>
        """)
        var random = SeededBytes(seed: 1998)
        for _ in 0..<3000 {
            var bad = doc
            for _ in 0..<(1 + random.next() % 3) {
                let at = Int(random.next() % UInt64(bad.count))
                switch random.next() % 3 {
                case 0: bad[at] = UInt8(truncatingIfNeeded: random.next())
                case 1: bad.remove(at: at)
                default:
                    let markup = Array("<>&;\"'/=!?[]-".utf8)
                    bad.insert(markup[Int(random.next() % UInt64(markup.count))], at: at)
                }
            }
            _ = try? XMLElement.parse(bad)
        }
    }
}

enum XMLParserTestsSupport {
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
}
