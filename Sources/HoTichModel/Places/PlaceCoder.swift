/// Resolves the places of many records, remembering each text's resolution for the stretch of
/// time in which the map did not change (an export names the same communes thousands of times).
/// One per thread: it is not shared.
public final class PlaceCoder {
    public let resolver: PlaceResolver
    private var cache: [Key: PlaceResolution] = [:]
    /// The days on which some unit began or ceased, sorted: between two of them the map is one.
    private let boundaries: [CivilDate]

    private struct Key: Hashable {
        let text: String
        let first: Int
        let last: Int
    }

    /// How many resolutions are remembered before the memory is cleared.
    static let cacheLimit = 200_000

    public init(catalog: AdministrativeUnitCatalog) {
        resolver = PlaceResolver(catalog: catalog)
        var days = Set<CivilDate>()
        for unit in catalog.units {
            if let from = unit.validFrom { days.insert(from) }
            if let to = unit.validTo { days.insert(to.adding(days: 1)) }
        }
        days.insert(AdministrativeUnit.Era.reformDay)
        boundaries = days.sorted()
    }

    public func resolve(_ written: String, registered date: PartialDate?) -> PlaceResolution {
        let span = date?.span
        let key = Key(text: written, first: span.map { stretch(of: $0.lowerBound) } ?? -1, last: span.map { stretch(of: $0.upperBound) } ?? -1)
        if let known = cache[key] { return known }
        if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        let resolution = resolver.resolve(written, registered: date)
        cache[key] = resolution
        return resolution
    }

    /// The index of the stretch of unchanged map that holds `day`.
    private func stretch(of day: CivilDate) -> Int {
        var low = 0
        var high = boundaries.count
        while low < high {
            let middle = (low + high) / 2
            if boundaries[middle] <= day { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
