// python3 as an outside reader of what the ledger writes: its zipfile and
// xml.etree open every workbook the way a tool other than ours would. The
// script gets the file's path and prints JSON. python3 is on every machine
// of this kind; where it is missing, the test that needs it is skipped.

import Foundation
import XCTest

enum PythonCheck {
    static let isAvailable: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import zipfile, xml.etree.ElementTree, json"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    /// Runs `script` with `arguments` (sys.argv[1:]); returns what it printed as JSON.
    static func json(_ script: String, _ arguments: [String]) throws -> Any {
        try XCTSkipUnless(isAvailable, "python3 (with zipfile, xml.etree, json) is not on this machine")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw NSError(domain: "python3", code: Int(p.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: String(decoding: errors, as: UTF8.self)])
        }
        return try JSONSerialization.jsonObject(with: data)
    }

    /// Opens an .xlsx with zipfile (checking every CRC), parses every XML
    /// part, and reports per sheet (by tab name) its cells as
    /// {ref: [type, value, number format, fill rgb]}, plus the frozen pane,
    /// column widths and the custom properties.
    static let readWorkbook = """
    import sys, json, zipfile, posixpath
    import xml.etree.ElementTree as ET
    M = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
    R = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
    z = zipfile.ZipFile(sys.argv[1])
    assert z.testzip() is None, 'a member fails its CRC'
    parts = {}
    for name in z.namelist():
        if name.endswith('.xml') or name.endswith('.rels'):
            parts[name] = ET.fromstring(z.read(name))
    styles = parts['xl/styles.xml']
    fmts = {int(f.get('numFmtId')): f.get('formatCode') for f in styles.iter(M + 'numFmt')}
    builtin = {0: 'General', 3: '#,##0', 4: '#,##0.00', 10: '0.00%'}
    fills = []
    for f in styles.find(M + 'fills'):
        fg = f.find(M + 'patternFill/' + M + 'fgColor')
        fills.append(fg.get('rgb') if fg is not None else None)
    xfs = []
    for xf in styles.find(M + 'cellXfs'):
        n = int(xf.get('numFmtId', '0'))
        xfs.append((fmts.get(n, builtin.get(n, str(n))), fills[int(xf.get('fillId', '0'))]))
    shared = []
    if 'xl/sharedStrings.xml' in parts:
        for si in parts['xl/sharedStrings.xml'].iter(M + 'si'):
            shared.append(''.join(t.text or '' for t in si.iter(M + 't')))
    rels = {r.get('Id'): r.get('Target') for r in parts['xl/_rels/workbook.xml.rels']}
    out = {'sheets': {}, 'order': []}
    for s in parts['xl/workbook.xml'].iter(M + 'sheet'):
        target = posixpath.normpath(posixpath.join('xl', rels[s.get(R + 'id')]))
        ws = parts[target]
        cells = {}
        for c in ws.iter(M + 'c'):
            v = c.find(M + 'v')
            t = c.get('t', 'n')
            value = None if v is None else v.text
            if t == 's':
                value = shared[int(value)]
            elif t == 'inlineStr':
                value = ''.join(x.text or '' for x in c.iter(M + 't'))
            fmt, fill = xfs[int(c.get('s', '0'))]
            cells[c.get('r')] = [t, value, fmt, fill]
        pane = ws.find(M + 'sheetViews/' + M + 'sheetView/' + M + 'pane')
        widths = {int(col.get('min')): float(col.get('width')) for col in ws.iter(M + 'col')}
        name = s.get('name')
        out['order'].append(name)
        out['sheets'][name] = {'cells': cells, 'frozen': pane is not None and pane.get('state') == 'frozen', 'widths': widths}
    custom = {}
    if 'docProps/custom.xml' in parts:
        for p in parts['docProps/custom.xml']:
            custom[p.get('name')] = ''.join(p.itertext())
    out['custom'] = custom
    print(json.dumps(out))
    """
}
