// What a synthetic ledger is made of: the kinds of public bodies, their
// units, the indicators they measure and the words their people write.
// The names come from the seed documents (a Mexican water utility's POA, a
// Peruvian tax office's POI, a Salvadoran municipality's POA), so that
// generated journals have lines of realistic length and content.

import LedgerCore

/// The kind of body a plan belongs to; decides its hierarchy and budget.
enum BodyKind: CaseIterable {
    /// Organismo operador de agua (Mexico): programa > componente > actividad, with budget.
    case waterUtility
    /// Administración tributaria (Peru): POI activities, no hierarchy.
    case taxOffice
    /// Alcaldía (El Salvador): eje > estrategia > línea de acción > objetivo.
    case municipality

    var utcOffsetHours: Int {
        switch self {
        case .waterUtility, .municipality: return -6
        case .taxOffice: return -5
        }
    }

    var prefix: String {
        switch self {
        case .waterUtility: return "OA"
        case .taxOffice: return "AT"
        case .municipality: return "AM"
        }
    }

    var namePrefix: String {
        switch self {
        case .waterUtility: return "Organismo Operador de Agua Potable de"
        case .taxOffice: return "Oficina de Administración Tributaria de"
        case .municipality: return "Alcaldía Municipal de"
        }
    }

    var units: [(String, String)] {
        switch self {
        case .waterUtility:
            return [("301", "COORDINACION DE FACTURACION"), ("302", "COORDINACION DE COBRANZA"), ("303", "COORDINACION DE ATENCION A USUARIOS"),
                    ("304", "COORDINACION DE PADRON DE USUARIOS"), ("305", "COORDINACION DE CONTRATOS"), ("306", "COORDINACION DE LECTURAS"),
                    ("307", "COORDINACION DE MEDIDORES"), ("401", "GERENCIA DE OPERACION"), ("402", "DEPARTAMENTO DE REDES Y FUGAS")]
        case .taxOffice:
            return [("01", "GERENCIA DE RECAUDACION"), ("02", "GERENCIA DE FISCALIZACION"), ("03", "GERENCIA DE SERVICIOS AL CONTRIBUYENTE"),
                    ("04", "OFICINA DE PLANEAMIENTO Y PRESUPUESTO"), ("05", "OFICINA DE TECNOLOGIAS DE LA INFORMACION"), ("06", "EJECUTORIA COACTIVA")]
        case .municipality:
            return [("UGA", "UNIDAD DE GESTION AMBIENTAL"), ("UAC", "UNIDAD DE ADQUISICIONES Y CONTRATACIONES"), ("REF", "REGISTRO DEL ESTADO FAMILIAR"),
                    ("CAT", "CATASTRO"), ("DS", "DESARROLLO SOCIAL"), ("SG", "SECRETARIA MUNICIPAL"), ("CAM", "CUERPO DE AGENTES MUNICIPALES")]
        }
    }
}

/// One kind of indicator: how it is named, measured and aggregated.
struct IndicatorTemplate {
    var name: String
    var unit: String
    var aggregation: Aggregation
    var direction: Direction
    /// A month's typical value (sum), or the level / rate / mean (others).
    var typical: ClosedRange<Double>
    /// Decimals of readings and targets.
    var decimals: Int
    var description: String?
}

enum Catalogue {
    static let templates: [IndicatorTemplate] = [
        IndicatorTemplate(name: "INSTALACION DE MEDIDORES", unit: "MEDIDORES", aggregation: .sum, direction: .ascending, typical: 150...600, decimals: 0),
        IndicatorTemplate(name: "CONTRATOS NUEVOS", unit: "CONTRATOS", aggregation: .sum, direction: .ascending, typical: 40...400, decimals: 0),
        IndicatorTemplate(name: "RECIBOS ENTREGADOS", unit: "RECIBOS", aggregation: .sum, direction: .ascending, typical: 8000...90000, decimals: 0),
        IndicatorTemplate(name: "REPARACION DE FUGAS EN RED", unit: "FUGAS", aggregation: .sum, direction: .ascending, typical: 60...500, decimals: 0),
        IndicatorTemplate(name: "ACCIONES DE FISCALIZACION", unit: "ACCIONES", aggregation: .sum, direction: .ascending, typical: 10...220, decimals: 0),
        IndicatorTemplate(name: "NOTIFICACIONES DE ADEUDO ENTREGADAS", unit: "NOTIFICACIONES", aggregation: .sum, direction: .ascending, typical: 300...4000, decimals: 0),
        IndicatorTemplate(name: "QUEJAS Y SOLICITUDES ATENDIDAS", unit: "SOLICITUDES", aggregation: .sum, direction: .ascending, typical: 20...900, decimals: 0),
        IndicatorTemplate(name: "CAPACITACIONES AL PERSONAL", unit: "CURSOS", aggregation: .sum, direction: .ascending, typical: 1...6, decimals: 0),
        IndicatorTemplate(name: "RECAUDACION DEL IMPUESTO PREDIAL", unit: "PESOS", aggregation: .sum, direction: .ascending, typical: 250_000...9_000_000, decimals: 2,
                          description: "Ingresos efectivamente cobrados en el periodo"),
        IndicatorTemplate(name: "PARTIDAS DEL REGISTRO FAMILIAR EMITIDAS", unit: "PARTIDAS", aggregation: .sum, direction: .ascending, typical: 200...3000, decimals: 0),
        IndicatorTemplate(name: "TONELADAS DE DESECHOS RECOLECTADAS", unit: "TONELADAS", aggregation: .sum, direction: .ascending, typical: 300...5000, decimals: 1),
        IndicatorTemplate(name: "PADRON DE USUARIOS ACTIVOS", unit: "USUARIOS", aggregation: .last, direction: .ascending, typical: 40_000...320_000, decimals: 0),
        IndicatorTemplate(name: "COBERTURA DE MICROMEDICION", unit: "%", aggregation: .last, direction: .ascending, typical: 55...97, decimals: 2),
        IndicatorTemplate(name: "AGUA NO CONTABILIZADA", unit: "%", aggregation: .last, direction: .descending, typical: 25...48, decimals: 2),
        IndicatorTemplate(name: "EFICIENCIA COMERCIAL", unit: "%", aggregation: .ratio, direction: .ascending, typical: 60...95, decimals: 2,
                          description: "(importe cobrado / importe facturado) x 100"),
        IndicatorTemplate(name: "RECAUDACION SOBRE EMISION", unit: "%", aggregation: .ratio, direction: .ascending, typical: 45...90, decimals: 2,
                          description: "(recaudado / emitido) x 100"),
        IndicatorTemplate(name: "EXPEDIENTES RESUELTOS EN PLAZO", unit: "%", aggregation: .ratio, direction: .ascending, typical: 70...98, decimals: 0,
                          description: "(expedientes resueltos en plazo / expedientes ingresados) x 100"),
        IndicatorTemplate(name: "TIEMPO PROMEDIO DE ATENCION", unit: "DIAS", aggregation: .average, direction: .descending, typical: 2...15, decimals: 1),
        IndicatorTemplate(name: "TIEMPO DE RESPUESTA A FUGAS", unit: "HORAS", aggregation: .average, direction: .descending, typical: 6...72, decimals: 1),
        IndicatorTemplate(name: "SATISFACCION DE USUARIOS", unit: "PUNTOS", aggregation: .average, direction: .ascending, typical: 6...9.5, decimals: 1),
    ]

    static let firstNames = ["ana", "luis", "maria", "jose", "rosa", "carlos", "elena", "jorge", "lucia", "miguel", "carmen", "pedro",
                             "sofia", "juan", "patricia", "raul", "veronica", "hector", "gabriela", "oscar", "teresa", "arturo", "diana", "ramon"]
    static let surnames = ["garcia", "hernandez", "lopez", "martinez", "gonzalez", "perez", "rodriguez", "sanchez", "ramirez", "flores",
                           "torres", "rivera", "gomez", "diaz", "cruz", "morales", "reyes", "quispe", "mamani", "huaman", "castillo", "vargas"]
    static let cities = ["Tampico", "Madero", "Altamira", "Victoria", "Matamoros", "Reynosa", "Arequipa", "Cusco", "Trujillo", "Piura",
                         "Chiclayo", "Huancayo", "San Miguel", "Santa Ana", "Soyapango", "Apopa", "Usulután", "Sonsonate", "Ilopango",
                         "Mejicanos", "Ahuachapán", "Zacatecoluca", "Chalatenango", "Cojutepeque", "Tantoyuca", "Pánuco", "Ébano"]

    static let observations = [
        "NO SE CUMPLIO LA META POR NO HABER CONTRATANTES",
        "SE CUMPLIO LA META",
        "SE REBASO LA META POR CAMPAÑA DE REGULARIZACION",
        "NO SE CUMPLIO LA META POR FALTA DE MATERIAL",
        "RETRASO EN LA ENTREGA DE INSUMOS POR PARTE DEL PROVEEDOR",
        "PERSONAL INSUFICIENTE EN EL PERIODO POR INCAPACIDADES",
        "LLUVIAS INTENSAS IMPIDIERON LOS TRABAJOS DE CAMPO",
        "SE ATENDIO LA TOTALIDAD DE LAS SOLICITUDES RECIBIDAS",
        "EL SISTEMA COMERCIAL ESTUVO FUERA DE SERVICIO DOS SEMANAS",
        "Avance conforme a lo programado; sin incidencias.",
        "Se reprogramarán las actividades pendientes para el siguiente trimestre.",
        "Meta afectada por el periodo vacacional.",
    ]

    static let targetReasons = [
        "Reprogramación autorizada por el Consejo de Administración",
        "Ajuste por recorte presupuestal",
        "Reprogramación por cambio de prioridades de la Dirección General",
        "Modificación aprobada en sesión ordinaria",
        "Ajuste de metas conforme a lineamientos de CEPLAN",
    ]

    static let correctionReasons = [
        "Error de captura",
        "Se corrige con base en el reporte del sistema comercial",
        "Cifra preliminar sustituida por la definitiva",
        "Observación del Órgano Interno de Control",
        "Duplicidad de registros en el reporte original",
    ]

    static let postCloseReasons = [
        "Ajuste posterior al cierre solicitado por el Comisario",
        "Conciliación con estados financieros al cierre",
        "Observación de la Contraloría posterior al cierre",
    ]

    static let programs: [(String, [String])] = [
        ("P01 AGUA POTABLE", ["C01 OPERACION DE POZOS", "C02 DISTRIBUCION"]),
        ("P02 COMERCIALIZACION", ["C03 FACTURACION Y COBRANZA", "C04 ATENCION A USUARIOS"]),
        ("P03 SANEAMIENTO", ["C05 ALCANTARILLADO", "C06 TRATAMIENTO DE AGUAS RESIDUALES"]),
    ]

    static let axes: [(String, String)] = [
        ("EJE 1 MUNICIPIO SEGURO", "E1.1 PREVENCION DE LA VIOLENCIA"),
        ("EJE 2 DESARROLLO SOCIAL", "E2.1 SERVICIOS A LA POBLACION"),
        ("EJE 3 GESTION TRANSPARENTE", "E3.1 FINANZAS MUNICIPALES SANAS"),
        ("EJE 4 MEDIO AMBIENTE", "E4.1 MANEJO INTEGRAL DE DESECHOS"),
    ]
}
