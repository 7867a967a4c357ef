# How the fixture workbooks were made (once, by hand, during development; CI
# never runs this: it needs LibreOffice and its python3-uno bridge).
#
#   /usr/bin/python3 make_fixtures.py OUTDIR
#
# Each workbook is built in LibreOffice Calc through its UNO API the way a
# user fills one in (cells typed, a formula, merged cells, a date typed into a
# date-formatted cell, a CSV opened and saved as) and saved with Calc's own
# "Calc MS Excel 2007 XML" filter, exactly as File > Save As > .xlsx does.
import os, subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

out = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '.')
here = os.path.dirname(os.path.abspath(__file__))
office = subprocess.Popen(['soffice', '--headless', '--invisible', '--norestore',
                           '--accept=socket,host=127.0.0.1,port=2002;urp;'],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
for _ in range(100):
    try:
        ctx = resolver.resolve('uno:socket,host=127.0.0.1,port=2002;urp;StarOffice.ComponentContext')
        break
    except Exception:
        time.sleep(0.3)
desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)

def new_doc():
    return desktop.loadComponentFromURL('private:factory/scalc', '_blank', 0, (prop('Hidden', True),))

def fill(sheet, rows):
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            cell = sheet.getCellByPosition(c, r)
            if v is None or v == '':
                continue
            if isinstance(v, (int, float)):
                cell.setValue(v)
            elif isinstance(v, str) and v.startswith('='):
                cell.setFormula(v)
            else:
                cell.setString(v)

def save(doc, name):
    doc.storeToURL(uno.systemPathToFileUrl(os.path.join(out, name)), (prop('FilterName', 'Calc MS Excel 2007 XML'),))
    doc.close(True)

try:
    # 1. The two-sheet template: indicadores and lecturas.
    doc = new_doc()
    sheets = doc.Sheets
    sheets.getByIndex(0).Name = 'indicadores'
    sheets.insertNewByName('lecturas', 1)
    months = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic']
    fill(sheets.getByName('indicadores'), [
        ['id', 'nombre', 'unidad', 'año', 'meta_anual'] + months + ['frecuencia', 'acumulacion', 'sentido', 'clave_unidad', 'unidad_responsable', 'plan', 'descripcion'],
        ['MED-INST', 'INSTALACIÓN DE MEDIDORES', 'INSTALACIONES', 2017, 3600] + [300] * 12
            + ['mensual', 'suma', 'ascendente', '307', 'COORDINACIÓN DE MEDIDORES', 'POA 2017', 'Se reciben los nuevos contratos de medidor y se procede a la instalación'],
        ['REZ-CONV', 'CONVENIOS POR CONCEPTO DE ADEUDOS', 'CONVENIOS', 2017, 4800] + [''] * 12
            + ['mensual', 'suma', 'ascendente', '309', 'COORDINACIÓN DE RECUPERACIÓN DE REZAGOS', 'POA 2017', 'Sin calendario: cada mes programa la meta anual / 12'],
        ['PRES-MOD', 'PRESUPUESTO MODIFICADO', 'PESOS', 2017, 14757499.81] + [''] * 12
            + ['trimestral', 'suma', 'ascendente', '300', 'GERENCIA COMERCIAL', 'POA 2017', ''],
    ])
    fill(sheets.getByName('lecturas'), [
        ['indicador', 'periodo', 'valor', 'nota'],
        ['MED-INST', '2017-01', 542, ''],
        ['MED-INST', '2017-02', 262, 'NO SE CUMPLIÓ CON LA META PORQUE NO TENÍAN MATERIAL'],
        ['REZ-CONV', '2017-01', '', 'sin lectura: la celda de valor queda vacía'],
        ['PRES-MOD', '2017-Q1', 3689374.95, 'año fiscal 2017, ¿devengado?'],
    ])
    save(doc, 'plantilla.xlsx')

    # 2. A formula (and an error value from one).
    doc = new_doc()
    s = doc.Sheets.getByIndex(0)
    s.Name = 'lecturas'
    fill(s, [['indicador', 'valor'], ['MED-INST', 542], ['MED-INST', 262], ['total', '=SUM(B2:B3)'], ['cociente', '=B2/0']])
    save(doc, 'formula.xlsx')

    # 3. Merged cells (a title across the header), and a hidden sheet.
    doc = new_doc()
    s = doc.Sheets.getByIndex(0)
    s.Name = 'indicadores'
    fill(s, [['POA 2017 - GERENCIA COMERCIAL'], ['id', 'nombre', 'meta_anual'], ['MED-INST', 'INSTALACIÓN DE MEDIDORES', 3600]])
    s.getCellRangeByName('A1:C1').merge(True)
    doc.Sheets.insertNewByName('notas', 1)
    fill(doc.Sheets.getByName('notas'), [['oculta']])
    doc.Sheets.getByName('notas').IsVisible = False
    save(doc, 'merged.xlsx')

    # 4. A date typed into a date-formatted cell, and a time.
    doc = new_doc()
    s = doc.Sheets.getByIndex(0)
    s.Name = 'lecturas'
    fill(s, [['indicador', 'fecha', 'valor', 'hora'], ['MED-INST', 42825, 542, 0.5]])
    formats = doc.NumberFormats
    locale = uno.createUnoStruct('com.sun.star.lang.Locale')
    locale.Language, locale.Country = 'es', 'MX'
    key = formats.queryKey('DD/MM/YYYY', locale, False)
    if key == -1:
        key = formats.addNew('DD/MM/YYYY', locale)
    s.getCellRangeByName('B2').NumberFormat = key
    key = formats.queryKey('HH:MM', locale, False)
    if key == -1:
        key = formats.addNew('HH:MM', locale)
    s.getCellRangeByName('D2').NumberFormat = key
    save(doc, 'date.xlsx')

    # 5. A CSV opened in Calc and saved as .xlsx.
    csv = os.path.join(here, 'lecturas.csv')
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(csv), '_blank', 0,
                                       (prop('Hidden', True), prop('FilterName', 'Text - txt - csv (StarCalc)'),
                                        prop('FilterOptions', '44,34,76,1')))
    save(doc, 'from-csv.xlsx')
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    office.wait(timeout=60)
