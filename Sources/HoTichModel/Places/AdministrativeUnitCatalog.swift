public import Foundation

/// The administrative map of both eras, from the files bundled in `Resources/AdministrativeUnits`
/// (made by `tools/admin-units/build.py` from the General Statistics Office's lists; see its
/// README for the sources): every unit by code, by name at a date, its children, parent,
/// successors and predecessors across 1 July 2025, and the former provinces the 2004 list has no
/// code for.
///
/// The catalog is read once, when first asked for (``bundled()``), and never changes.
public final class AdministrativeUnitCatalog: Sendable {
    public let units: [AdministrativeUnit]
    public let formerProvinces: [FormerProvince]
    /// The version of each era's list, as exports name it (`@listVersion`).
    public let versions: [AdministrativeUnit.Era: String]

    private let byCode: [AdministrativeUnit.Era: [String: [Int]]]
    private let byParent: [AdministrativeUnit.Era: [String: [Int]]]
    private let byName: [String: [Int]]
    private let formerByName: [String: [Int]]
    /// The first day a province of the 2004 list was called by its present name: the day after the
    /// former province it was part of under another name ended (Bắc Ninh from 1 January 1997, Hà Bắc
    /// before; Đắk Nông from 1 January 2004). Its code names its territory before that too.
    private let namedFrom: [String: CivilDate]
    /// Old code → its successors' codes (2025 era), and the reverse.
    private let successorCodes: [String: [(code: String, whole: Bool)]]
    private let predecessorCodes: [String: [(code: String, whole: Bool)]]

    /// Each row's span as day ordinals (open ends as the extremes), and the rows of its parent's
    /// code: what the lookups walk, without copying units.
    private let starts: [Int]
    private let ends: [Int]
    private let parentRows: [[Int]]

    init(units: [AdministrativeUnit], formerProvinces: [FormerProvince], successions: [(old: String, new: String, whole: Bool)], versions: [AdministrativeUnit.Era: String]) {
        var units = units
        for index in units.indices { units[index].row = index }
        self.units = units
        starts = units.map { $0.validFrom?.ordinal ?? Int.min }
        ends = units.map { $0.validTo?.ordinal ?? Int.max }
        self.formerProvinces = formerProvinces
        self.versions = versions
        var byCode: [AdministrativeUnit.Era: [String: [Int]]] = [:]
        var byParent: [AdministrativeUnit.Era: [String: [Int]]] = [:]
        var byName: [String: [Int]] = [:]
        for (index, unit) in units.enumerated() {
            byCode[unit.era, default: [:]][unit.code, default: []].append(index)
            if let parent = unit.parentCode { byParent[unit.era, default: [:]][parent, default: []].append(index) }
            byName[Self.nameKey(unit.name), default: []].append(index)
        }
        var formerByName: [String: [Int]] = [:]
        for (index, former) in formerProvinces.enumerated() {
            for name in [former.name] + former.aliases { formerByName[Self.nameKey(name), default: []].append(index) }
        }
        var successors: [String: [(code: String, whole: Bool)]] = [:]
        var predecessors: [String: [(code: String, whole: Bool)]] = [:]
        for succession in successions {
            successors[succession.old, default: []].append((succession.new, succession.whole))
            predecessors[succession.new, default: []].append((succession.old, succession.whole))
        }
        var namedFrom: [String: CivilDate] = [:]
        for former in formerProvinces {
            guard let end = former.validTo else { continue }
            for code in former.codes {
                guard let province = (byCode[.before2025]?[code] ?? []).map({ units[$0] }).last,
                      Self.nameKey(province.name) != Self.nameKey(former.name)
                else { continue }
                let day = end.adding(days: 1)
                if namedFrom[code].map({ $0 < day }) ?? true { namedFrom[code] = day }
            }
        }
        self.namedFrom = namedFrom
        parentRows = units.map { unit in unit.parentCode.flatMap { byCode[unit.era]?[$0] } ?? [] }
        self.byCode = byCode
        self.byParent = byParent
        self.byName = byName
        self.formerByName = formerByName
        successorCodes = successors
        predecessorCodes = predecessors
    }

    // MARK: - Looking up

    /// Every span of every unit with this code, in both eras.
    public func units(code: String) -> [AdministrativeUnit] {
        AdministrativeUnit.Era.allCases.flatMap { era in (byCode[era]?[code] ?? []).map { units[$0] } }
    }

    /// The unit with this code in `era`, as it stood at some day of `span` (its latest span when none is given).
    public func unit(code: String, era: AdministrativeUnit.Era, during span: ClosedRange<CivilDate>? = nil) -> AdministrativeUnit? {
        latest(of: byCode[era]?[code] ?? [], during: span).map { units[$0] }
    }

    /// The last of `rows` that stood at some day of `span` (the last of all when none is given).
    private func latest(of rows: [Int], during span: ClosedRange<CivilDate>?) -> Int? {
        guard let span else { return rows.last }
        let (first, last) = (span.lowerBound.ordinal, span.upperBound.ordinal)
        return rows.last { starts[$0] <= last && ends[$0] >= first }
    }

    /// The row of the unit a row belonged to at some day of `span` (during the row's own span when none is given).
    private func parentRow(of row: Int, during span: ClosedRange<CivilDate>?) -> Int? {
        let rows = parentRows[row]
        if rows.count <= 1 { return rows.first.flatMap { span == nil || latest(of: [$0], during: span) != nil ? $0 : nil } }
        if let span { return latest(of: rows, during: span) }
        return rows.last { starts[$0] <= ends[row] && ends[$0] >= starts[row] }
    }

    /// The units with this code that stood at some day of `span`, in whichever era that was.
    public func units(code: String, during span: ClosedRange<CivilDate>) -> [AdministrativeUnit] {
        units(code: code).filter { $0.isValid(during: span) }
    }

    /// Whether the unit was called by its name at some day of `span`: it stood so then, and a
    /// province that was part of a former one under another name had been given its own.
    public func isNamed(_ unit: AdministrativeUnit, during span: ClosedRange<CivilDate>) -> Bool {
        guard unit.isValid(during: span) else { return false }
        guard unit.era == .before2025, unit.level == .province, let first = namedFrom[unit.code] else { return true }
        return span.upperBound >= first
    }

    /// The unit a unit belonged to at some day of `span` (its own span's parent when none is given).
    public func parent(of unit: AdministrativeUnit, during span: ClosedRange<CivilDate>? = nil) -> AdministrativeUnit? {
        guard let code = unit.parentCode else { return nil }
        if unit.row >= 0 { return parentRow(of: unit.row, during: span).map { units[$0] } }
        return self.unit(code: code, era: unit.era, during: span ?? unit.spanOrAll)
    }

    /// The unit's province, through its district when it has one.
    public func province(of unit: AdministrativeUnit, during span: ClosedRange<CivilDate>? = nil) -> AdministrativeUnit? {
        var current = unit
        while current.level != .province {
            guard let next = parent(of: current, during: span) else { return nil }
            current = next
        }
        return current
    }

    /// The unit's district (itself for a district; `nil` for a province, or a commune of 2025).
    public func district(of unit: AdministrativeUnit, during span: ClosedRange<CivilDate>? = nil) -> AdministrativeUnit? {
        switch unit.level {
        case .district: unit
        case .commune: parent(of: unit, during: span).flatMap { $0.level == .district ? $0 : nil }
        case .province: nil
        }
    }

    /// The units that belonged to `unit` at some day of `span` (any day when none is given).
    public func children(of unit: AdministrativeUnit, during span: ClosedRange<CivilDate>? = nil) -> [AdministrativeUnit] {
        (byParent[unit.era]?[unit.code] ?? []).map { units[$0] }.filter { child in span.map { child.isValid(during: $0) } ?? true }
    }

    /// Whether `unit` lay inside `ancestor` at some day of `span`.
    public func isInside(_ unit: AdministrativeUnit, _ ancestor: AdministrativeUnit, during span: ClosedRange<CivilDate>?) -> Bool {
        guard unit.era == ancestor.era, unit.level > ancestor.level else { return false }
        if unit.row >= 0 {
            var row = unit.row
            while let next = parentRow(of: row, during: span) {
                if units[next].level == ancestor.level { return units[next].code == ancestor.code }
                row = next
            }
            return false
        }
        var current = unit
        while let next = parent(of: current, during: span) {
            if next.code == ancestor.code && next.level == ancestor.level { return true }
            current = next
        }
        return false
    }

    /// The units of 1 July 2025 that took over an older commune or province.
    public func successors(of unit: AdministrativeUnit) -> [Succession] {
        guard unit.era == .before2025 else { return [] }
        return (successorCodes[unit.code] ?? []).compactMap { next in
            self.unit(code: next.code, era: .from2025).flatMap { $0.level == unit.level ? Succession(unit: $0, whole: next.whole) : nil }
        }
    }

    /// The older communes or provinces a unit of 2025 took over.
    public func predecessors(of unit: AdministrativeUnit) -> [Succession] {
        guard unit.era == .from2025 else { return [] }
        return (predecessorCodes[unit.code] ?? []).compactMap { old in
            self.unit(code: old.code, era: .before2025).flatMap { $0.level == unit.level ? Succession(unit: $0, whole: old.whole) : nil }
        }
    }

    /// Units named `name` (kind words such as "xã" or "TP." may lead it), of `level` when given,
    /// that stood at some day of `span` when given. Diacritics and case do not matter.
    public func units(named name: String, level: AdministrativeUnit.Level? = nil, during span: ClosedRange<CivilDate>? = nil) -> [AdministrativeUnit] {
        let written = PlaceText.part(name)
        return (byName[Self.nameKey(written.name)] ?? []).map { units[$0] }.filter { unit in
            (level ?? written.level.flatMap { $0.count == 1 ? $0.first : nil }).map { unit.level == $0 } ?? true
                && (span.map { unit.isValid(during: $0) } ?? true)
        }
    }

    /// The units whose name starts with `text` once both are folded (for `hotich ref search`):
    /// the exact names first, then by level and code.
    public func search(_ text: String, level: AdministrativeUnit.Level? = nil, during span: ClosedRange<CivilDate>? = nil, limit: Int = 50) -> [AdministrativeUnit] {
        let written = PlaceText.part(text)
        let key = Self.nameKey(written.name)
        guard !key.isEmpty else { return [] }
        let levels = level.map { [$0] } ?? written.level
        let matches = units.indices.filter { index in
            let unit = units[index]
            return (levels.map { $0.contains(unit.level) } ?? true) && (span.map { unit.isValid(during: $0) } ?? true)
                && Self.nameKey(unit.name).hasPrefix(key)
        }
        let sorted = matches.sorted { left, right in
            let (a, b) = (units[left], units[right])
            let exactA = Self.nameKey(a.name) == key
            let exactB = Self.nameKey(b.name) == key
            if exactA != exactB { return exactA }
            if a.era != b.era { return a.era == .from2025 }
            if a.level != b.level { return a.level < b.level }
            return a.code < b.code
        }
        return Array(sorted.prefix(limit).map { units[$0] })
    }

    /// Units whose ``nameKey(_:)`` is `key`, in both eras.
    public func units(keyed key: String) -> [AdministrativeUnit] {
        (byName[key] ?? []).map { units[$0] }
    }

    /// Former provinces whose name or alias has ``nameKey(_:)`` `key`.
    public func formerProvinces(keyed key: String) -> [FormerProvince] {
        (formerByName[key] ?? []).map { formerProvinces[$0] }
    }

    /// Former provinces written `name` (or one of its aliases).
    public func formerProvinces(named name: String) -> [FormerProvince] {
        (formerByName[Self.nameKey(PlaceText.part(name).name)] ?? []).map { formerProvinces[$0] }
    }

    /// A name reduced for matching: folded (no case, tones or diacritics), letters and digits
    /// only, numbers without leading zeros ("Phường 01" and "phuong 1" match).
    public static func nameKey(_ text: some StringProtocol) -> String {
        VietnameseText.foldedLettersAndDigits(text, droppingLeadingZeros: true)
    }
}

extension AdministrativeUnit {
    /// The unit's own span, or all days when it has no bounds.
    var spanOrAll: ClosedRange<CivilDate>? {
        guard validFrom != nil || validTo != nil else { return nil }
        return (validFrom ?? CivilDate(ordinal: Int.min / 2))...(validTo ?? CivilDate(ordinal: Int.max / 2))
    }
}
