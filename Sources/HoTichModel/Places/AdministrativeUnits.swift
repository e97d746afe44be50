/// Provinces and centrally governed cities (đơn vị hành chính cấp tỉnh) as a code list, for what
/// names an office's province by its code (the Ministry's bundle names).
///
/// The list is the bundled catalog's (``AdministrativeUnitCatalog``): the 63 units of the list in
/// force up to 30 June 2025 and Hà Tây (28), merged into Hà Nội in 2008. Places are coded by
/// ``PlaceResolver``, not by this list.
public enum AdministrativeUnits {
    /// The provinces of before 1 July 2025, by code; empty when the bundled catalog cannot be read.
    public static let provinces: CodeList = {
        guard let catalog = try? AdministrativeUnitCatalog.bundled() else {
            return CodeList(id: "dvhc.2004", version: "", entries: [])
        }
        var seen = Set<String>()
        let entries = catalog.units.filter { $0.era == .before2025 && $0.level == .province }.reversed()
            .filter { seen.insert($0.code).inserted }
            .sorted { $0.code < $1.code }
            .map { CodeList.Entry($0.code, $0.name) }
        return CodeList(id: "dvhc.2004", version: catalog.versions[.before2025] ?? "", entries: entries)
    }()
}
