package import HoTichModel

/// The tables of `hotich ref`: administrative units, one unit in full, and a place's readings.
package enum ReferenceTables {
    /// Units, one a row: code, level, name, what it belongs to, when it stood so, its list.
    package static func units(_ units: [AdministrativeUnit], catalog: AdministrativeUnitCatalog, language: Language) -> DataTable {
        DataTable(
            columns: columns([.code, .level, .name, .parent, .validFrom, .validTo, .list], language),
            rows: units.map { unit in
                [.text(unit.code), .coded(unit.level.option, label: PlaceLabel.level(unit.level, in: language)), .text(unit.fullName),
                 parentCell(unit, catalog: catalog), date(unit.validFrom), date(unit.validTo), .text(unit.era.rawValue)]
            })
    }

    /// One unit, item by item, then its successors or predecessors.
    package static func unit(
        _ unit: AdministrativeUnit, catalog: AdministrativeUnitCatalog, language: Language
    ) -> [(key: String, title: String, table: DataTable)] {
        let vi = language == .vietnamese
        let items: [(String, PlaceLabel, Cell)] = [
            ("code", .code, .text(unit.code)),
            ("level", .level, .coded(unit.level.option, label: PlaceLabel.level(unit.level, in: language))),
            ("kind", .kind, .text(unit.kind)),
            ("name", .name, .text(unit.name)),
            ("parent", .parent, parentCell(unit, catalog: catalog)),
            ("province", .province, catalog.province(of: unit).map { .coded($0.code, label: "\($0.code) \($0.fullName)") } ?? .empty),
            ("validFrom", .validFrom, date(unit.validFrom)),
            ("validTo", .validTo, date(unit.validTo)),
            ("list", .list, .text(catalog.versions[unit.era] ?? unit.era.rawValue)),
        ]
        var sections: [(key: String, title: String, table: DataTable)] = [(
            "unit", unit.fullName,
            DataTable(
                columns: [("key", vi ? "Mục" : "Item"), ("value", vi ? "Giá trị" : "Value")],
                rows: items.map { [.coded($0.0, label: $0.1.text(in: language)), $0.2] }))]
        let successors = catalog.successors(of: unit)
        let predecessors = catalog.predecessors(of: unit)
        if !successors.isEmpty {
            sections.append(("successors", PlaceLabel.successors.text(in: language), succession(successors, catalog: catalog, language: language)))
        }
        if !predecessors.isEmpty {
            sections.append(("predecessors", PlaceLabel.predecessors.text(in: language), succession(predecessors, catalog: catalog, language: language)))
        }
        return sections
    }

    /// A place's readings, best first, each with the resolution's confidence (so that JSON and CSV
    /// tell an ambiguous reading from a certain one).
    package static func resolution(_ resolution: PlaceResolution, language: Language) -> DataTable {
        let vi = language == .vietnamese
        let confidence = resolution.confidence
        return DataTable(
            columns: columns([.confidence, .commune, .district, .province, .list, .successorCommune, .successorProvince], language),
            rows: resolution.candidates.map { candidate in
                let part = vi ? " (một phần)" : " (part)"
                let successors = candidate.successors
                return [
                    .coded(confidence.rawValue, label: PlaceMessage.word(confidence, vi: vi)),
                    candidate.commune.map(named) ?? .empty, candidate.district.map(named) ?? .empty, named(candidate.province),
                    .text(candidate.province.era.rawValue),
                    successors.isEmpty ? .empty : .coded(
                        successors.map(\.unit.code).joined(separator: ";"),
                        label: successors.map { "\($0.unit.code) \($0.unit.fullName)\($0.whole ? "" : part)" }.joined(separator: "; ")),
                    candidate.successorProvince.map(named) ?? .empty,
                ]
            })
    }

    private static func succession(_ list: [Succession], catalog: AdministrativeUnitCatalog, language: Language) -> DataTable {
        let vi = language == .vietnamese
        return DataTable(
            columns: columns([.code, .name, .parent], language) + [("whole", vi ? "Toàn bộ" : "Whole")],
            rows: list.map { succession in
                [.text(succession.unit.code), .text(succession.unit.fullName), parentCell(succession.unit, catalog: catalog),
                 .coded(succession.whole ? "true" : "false", label: succession.whole ? (vi ? "toàn bộ" : "whole") : (vi ? "một phần" : "part"))]
            })
    }

    private static func named(_ unit: AdministrativeUnit) -> Cell {
        .coded(unit.code, label: "\(unit.code) \(unit.fullName)")
    }

    private static func parentCell(_ unit: AdministrativeUnit, catalog: AdministrativeUnitCatalog) -> Cell {
        guard let parent = catalog.parent(of: unit) else { return .empty }
        return named(parent)
    }

    private static func date(_ date: CivilDate?) -> Cell {
        date.map { .text($0.iso) } ?? .empty
    }

    private static func columns(_ labels: [PlaceLabel], _ language: Language) -> [(key: String, header: String)] {
        labels.map { ($0.rawValue, $0.text(in: language)) }
    }
}
