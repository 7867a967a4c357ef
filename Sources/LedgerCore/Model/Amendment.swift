// What changes in an indicator's description after it was defined
// (`indicator_amended`), and an owning unit's contact (`unit_described`).
// Targets are not descriptions: they keep their own events, so the meta
// aprobada and every reprogramación stay visible.

/// The descriptive fields an amendment may change; nil leaves a field as it
/// is. At least one is given.
public struct IndicatorAmendment: Equatable, Sendable {
    public var name: String?
    public var description: String?
    public var unit: String?
    /// Unidad responsable: clave and name.
    public var ownerCode: String?
    public var ownerName: String?
    public var baseline: DecimalNumber?
    public var dimension: String?
    public var definitionText: String?
    public var method: String?
    public var informationSource: String?
    public var objective: String?

    public init(name: String? = nil, description: String? = nil, unit: String? = nil, ownerCode: String? = nil,
                ownerName: String? = nil, baseline: DecimalNumber? = nil, dimension: String? = nil, definitionText: String? = nil,
                method: String? = nil, informationSource: String? = nil, objective: String? = nil) {
        self.name = name
        self.description = description
        self.unit = unit
        self.ownerCode = ownerCode
        self.ownerName = ownerName
        self.baseline = baseline
        self.dimension = dimension
        self.definitionText = definitionText
        self.method = method
        self.informationSource = informationSource
        self.objective = objective
    }

    /// True when no field is given.
    public var isEmpty: Bool { self == IndicatorAmendment() }

    /// The definition with the given fields replaced.
    public func applied(to d: IndicatorDefinition) -> IndicatorDefinition {
        var out = d
        if let v = name { out.name = v }
        if let v = description { out.description = v }
        if let v = unit { out.unit = v }
        if let v = ownerCode { out.ownerCode = v }
        if let v = ownerName { out.ownerName = v }
        if let v = baseline { out.baseline = v }
        if let v = dimension { out.dimension = v }
        if let v = definitionText { out.definitionText = v }
        if let v = method { out.method = v }
        if let v = informationSource { out.informationSource = v }
        if let v = objective { out.objective = v }
        return out
    }

    /// Each given field as (journal key, value), in the order the journal
    /// writes them.
    public var fields: [(key: String, value: String)] {
        var out: [(String, String)] = []
        if let v = name { out.append(("name", v)) }
        if let v = description { out.append(("description", v)) }
        if let v = unit { out.append(("unit", v)) }
        if let v = ownerCode { out.append(("owner", v)) }
        if let v = ownerName { out.append(("owner_name", v)) }
        if let v = baseline { out.append(("baseline", v.description)) }
        if let v = dimension { out.append(("dimension", v)) }
        if let v = definitionText { out.append(("definition", v)) }
        if let v = method { out.append(("method", v)) }
        if let v = informationSource { out.append(("information_source", v)) }
        if let v = objective { out.append(("objective", v)) }
        return out
    }

    /// The same fields of `d` as they stood: what an amendment replaced.
    public func previous(in d: IndicatorDefinition) -> [(key: String, value: String?)] {
        var out: [(String, String?)] = []
        if name != nil { out.append(("name", d.name)) }
        if description != nil { out.append(("description", d.description)) }
        if unit != nil { out.append(("unit", d.unit)) }
        if ownerCode != nil { out.append(("owner", d.ownerCode)) }
        if ownerName != nil { out.append(("owner_name", d.ownerName)) }
        if baseline != nil { out.append(("baseline", d.baseline?.description)) }
        if dimension != nil { out.append(("dimension", d.dimension)) }
        if definitionText != nil { out.append(("definition", d.definitionText)) }
        if method != nil { out.append(("method", d.method)) }
        if informationSource != nil { out.append(("information_source", d.informationSource)) }
        if objective != nil { out.append(("objective", d.objective)) }
        return out
    }
}

/// An owning unit (unidad responsable) as the planning office knows it:
/// its code, and optionally its name and whom to write to.
public struct UnitDescription: Equatable, Sendable {
    /// The clave, as indicators name it in `owner`.
    public var code: String
    public var name: String?
    /// A person, an address, a telephone: free text.
    public var contact: String?

    public init(code: String, name: String? = nil, contact: String? = nil) {
        self.code = code
        self.name = name
        self.contact = contact
    }
}
