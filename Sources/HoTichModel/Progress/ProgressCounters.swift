/// What was done on one day (or summed over days) by one unit of work: the figures progress and
/// weekly reports are made of.
///
/// "Done" towards a plan means **verified**: a record whose values a verification settled, ready
/// to export. The other counts follow a record along the line.
public struct ProgressCounters: Sendable, Equatable, Hashable, Codable {
    /// Entries received: usable scan files not marked as holding no entry, and records taken in
    /// without a scan (adopted books). Each such file is one register entry to key.
    public var entries = 0
    /// Records created by keying (the first pass, or an import).
    public var keyed = 0
    /// Records settled by verification.
    public var verified = 0
    /// Records sent to the central system for the first time.
    public var exported = 0
    /// Records the central system's receipt accepted.
    public var accepted = 0
    /// Complete keyings (each pass of each record counts once).
    public var keyings = 0
    /// Fields in those keyings.
    public var fields = 0
    /// Keyings typed by hand (not imported), and their fields: what speed per hour is measured on.
    public var typedKeyings = 0
    public var typedFields = 0
    /// Disagreements between the two passes found by verification (one per field).
    public var conflicts = 0

    public init(
        entries: Int = 0, keyed: Int = 0, verified: Int = 0, exported: Int = 0, accepted: Int = 0, keyings: Int = 0,
        fields: Int = 0, typedKeyings: Int = 0, typedFields: Int = 0, conflicts: Int = 0
    ) {
        self.entries = entries
        self.keyed = keyed
        self.verified = verified
        self.exported = exported
        self.accepted = accepted
        self.keyings = keyings
        self.fields = fields
        self.typedKeyings = typedKeyings
        self.typedFields = typedFields
        self.conflicts = conflicts
    }

    public static let zero = ProgressCounters()

    public static func + (lhs: ProgressCounters, rhs: ProgressCounters) -> ProgressCounters {
        ProgressCounters(
            entries: lhs.entries + rhs.entries, keyed: lhs.keyed + rhs.keyed, verified: lhs.verified + rhs.verified,
            exported: lhs.exported + rhs.exported, accepted: lhs.accepted + rhs.accepted,
            keyings: lhs.keyings + rhs.keyings, fields: lhs.fields + rhs.fields,
            typedKeyings: lhs.typedKeyings + rhs.typedKeyings, typedFields: lhs.typedFields + rhs.typedFields,
            conflicts: lhs.conflicts + rhs.conflicts)
    }

    public static func += (lhs: inout ProgressCounters, rhs: ProgressCounters) { lhs = lhs + rhs }

    /// Conflicts per 1 000 keyed fields, or `nil` when nothing was keyed.
    public var conflictsPerThousandFields: Double? {
        fields == 0 ? nil : Double(conflicts) * 1_000 / Double(fields)
    }
}

/// What one unit did day by day, up to a day.
public struct ProgressSeries: Sendable, Equatable {
    public let unit: ProgressUnit
    public var days: [CivilDate: ProgressCounters]

    public init(unit: ProgressUnit, days: [CivilDate: ProgressCounters]) {
        self.unit = unit
        self.days = days
    }

    /// Each office's days, summed from its kinds' series.
    public static func byOffice(_ byKind: [ProgressSeries]) -> [ProgressSeries] {
        var offices: [OfficeCode: [CivilDate: ProgressCounters]] = [:]
        for series in byKind {
            guard case .officeKind(let office, _) = series.unit else { continue }
            for (day, counters) in series.days { offices[office, default: [:]][day, default: .zero] += counters }
        }
        return offices.map { ProgressSeries(unit: .office($0.key), days: $0.value) }.sorted { $0.unit < $1.unit }
    }

    /// The sum of the days from `start` through `end` (all days when either is `nil`).
    public func total(from start: CivilDate? = nil, through end: CivilDate? = nil) -> ProgressCounters {
        var sum = ProgressCounters.zero
        for (day, counters) in days where (start.map { day >= $0 } ?? true) && (end.map { day <= $0 } ?? true) {
            sum += counters
        }
        return sum
    }
}

/// What a progress figure is counted for.
public enum ProgressUnit: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The whole workspace.
    case all
    case office(OfficeCode)
    case officeKind(OfficeCode, RecordKind)
    case batch(String)
    case person(String)

    /// A stable key for machines (`20245`, `20245/KS`, a batch id, a user name, `*`).
    public var description: String {
        switch self {
        case .all: "*"
        case .office(let office): office.value
        case .officeKind(let office, let kind): "\(office.value)/\(kind.code)"
        case .batch(let id): id
        case .person(let name): name
        }
    }

    public static func < (lhs: ProgressUnit, rhs: ProgressUnit) -> Bool { lhs.description < rhs.description }

    /// How a report groups its units.
    public enum Grouping: String, Sendable, CaseIterable {
        case office, kind, batch, `operator`
    }
}
