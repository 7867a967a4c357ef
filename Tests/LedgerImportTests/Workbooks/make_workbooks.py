# How the workbook fixtures of `ledger import xlsx` were made (once, by
# hand, during development; CI never runs this: it needs LibreOffice and
# its python3-uno bridge, Debian's libreoffice-calc and python3-uno).
#
#   /usr/bin/python3 make_workbooks.py REPO_ROOT
#
# Each workbook is built in LibreOffice Calc through its UNO API the way a
# user fills one in (cells typed as text or numbers, a formula, merged
# cells, a date typed into a date-formatted cell, a sheet left over) and
# saved with Calc's own "Calc MS Excel 2007 XML" filter, as File > Save As
# > .xlsx does. docs/examples/plantilla.xlsx is the template users copy:
# the two CSV examples of docs/examples/ as its two sheets.
import csv, os, subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '../../..')
here = os.path.join(root, 'Tests', 'LedgerImportTests', 'Workbooks')
examples = os.path.join(root, 'docs', 'examples')
office = subprocess.Popen(['soffice', '--headless', '--invisible', '--norestore',
                           '--accept=socket,host=127.0.0.1,port=2003;urp;'],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
for _ in range(100):
    try:
        ctx = resolver.resolve('uno:socket,host=127.0.0.1,port=2003;urp;StarOffice.ComponentContext')
        break
    except Exception:
        time.sleep(0.3)
desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)

def new_doc():
    return desktop.loadComponentFromURL('private:factory/scalc', '_blank', 0, (prop('Hidden', True),))

# The columns a clerk types as numbers; everything else is typed as text
# (ids, periods, codes), as the template's instructions ask.
NUMERIC = {'año', 'meta_anual', 'ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic',
           'valor', 'linea_base', 'línea base'}

def fill(sheet, rows):
    header = [h.lower() for h in rows[0]]
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            cell = sheet.getCellByPosition(c, r)
            if v is None or v == '':
                continue
            if isinstance(v, str) and v.startswith('='):
                cell.setFormula(v)
            elif r > 0 and c < len(header) and header[c] in NUMERIC and isinstance(v, str):
                cell.setValue(float(v))
            elif isinstance(v, (int, float)):
                cell.setValue(v)
            else:
                cell.setString(v)

def csv_rows(name):
    with open(os.path.join(examples, name), encoding='utf-8', newline='') as f:
        return list(csv.reader(f))

def save(doc, path):
    doc.storeToURL(uno.systemPathToFileUrl(path), (prop('FilterName', 'Calc MS Excel 2007 XML'),))
    doc.close(True)

def two_sheets(first, second, first_rows, second_rows):
    doc = new_doc()
    doc.Sheets.getByIndex(0).Name = first
    doc.Sheets.insertNewByName(second, 1)
    fill(doc.Sheets.getByName(first), first_rows)
    fill(doc.Sheets.getByName(second), second_rows)
    return doc

try:
    indicadores, lecturas = csv_rows('indicadores.csv'), csv_rows('lecturas.csv')
    # 1. The template users copy: docs/examples' two CSV files as two sheets.
    save(two_sheets('indicadores', 'lecturas', indicadores, lecturas), os.path.join(examples, 'plantilla.xlsx'))

    # 2. Readings first in tab order, accented headers, money with cents.
    doc = two_sheets('Lecturas', 'Indicadores',
                     [['Indicador', 'Periodo', 'Valor', 'Nota'],
                      ['PRES-MOD', '2017-Q1', '3689374.95', 'devengado al trimestre'],
                      ['CAP', '2017-01', '99.75', ''],
                      ['CAP', '2017-02', '', 'sin lectura todavía']],
                     [['Id', 'Nombre', 'Unidad', 'Año', 'Meta anual', 'Frecuencia', 'Acumulación', 'Línea base', 'Dimensión',
                       'Método de cálculo', 'Fuente de información', 'Objetivo institucional', 'Clave unidad', 'Unidad responsable'],
                      ['PRES-MOD', 'PRESUPUESTO MODIFICADO', 'PESOS', '2017', '14757499.81', 'trimestral', 'suma', '', 'Economía',
                       'Suma del presupuesto modificado', 'Estado analítico del ejercicio', 'Ejercer el presupuesto', '300', 'GERENCIA COMERCIAL'],
                      ['CAP', 'CAPTURA A TIEMPO', '%', '2017', '100', 'mensual', 'nivel', '97.5', 'Calidad',
                       '(cuentas capturadas a tiempo / cuentas) x 100', 'Bitácora de captura', 'Cobrar lo que se factura', '303', 'FACTURACIÓN']])
    save(doc, os.path.join(here, 'lecturas-primero.xlsx'))

    # 3. A formula where a value goes.
    doc = two_sheets('indicadores', 'lecturas', indicadores[:2], [lecturas[0], lecturas[1], ['MED-INST', '2017-02', '=C2*2', '']])
    save(doc, os.path.join(here, 'formula.xlsx'))

    # 4. Merged cells: a title across the readings' header.
    doc = new_doc()
    doc.Sheets.getByIndex(0).Name = 'lecturas'
    s = doc.Sheets.getByName('lecturas')
    fill(s, [['LECTURAS DE MARZO'], lecturas[0], lecturas[1]])
    s.getCellRangeByName('A1:D1').merge(True)
    save(doc, os.path.join(here, 'combinadas.xlsx'))

    # 5. A period typed into a date-formatted cell: Excel keeps 1 March 2017 as the serial 42795.
    doc = new_doc()
    doc.Sheets.getByIndex(0).Name = 'lecturas'
    s = doc.Sheets.getByName('lecturas')
    fill(s, [lecturas[0], ['MED-INST', 42795, 542, '']])
    locale = uno.createUnoStruct('com.sun.star.lang.Locale')
    locale.Language, locale.Country = 'es', 'MX'
    key = doc.NumberFormats.queryKey('MMM-YY', locale, False)
    if key == -1:
        key = doc.NumberFormats.addNew('MMM-YY', locale)
    s.getCellRangeByName('B2').NumberFormat = key
    save(doc, os.path.join(here, 'fecha.xlsx'))

    # 6. A sheet the template does not have, left over from a new workbook.
    doc = two_sheets('indicadores', 'lecturas', indicadores[:2], lecturas[:2])
    doc.Sheets.insertNewByName('Hoja1', 2)
    save(doc, os.path.join(here, 'hoja-extra.xlsx'))
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    office.wait(timeout=60)
