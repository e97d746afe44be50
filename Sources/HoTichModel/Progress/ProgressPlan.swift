/// A target set by a supervisor: so many records of an office (of one kind, or of every kind)
/// verified by a due date. A plan is revised by setting it again; the earlier revision is kept as
/// history, superseded.
public struct ProgressPlan: Sendable, Equatable, Codable {
    public let office: OfficeCode
    /// `nil`: every kind of register of the office.
    public let kind: RecordKind?
    public let records: Int
    /// When the work towards the plan started (drawn as the plan line's origin).
    public let start: CivilDate?
    public let due: CivilDate
    public let setBy: String
    public let setAt: String
    /// 1 for the first plan of its office and kind, then one more with each revision.
    public let revision: Int
    /// When a later revision replaced this one.
    public let supersededAt: String?

    public init(
        office: OfficeCode, kind: RecordKind?, records: Int, start: CivilDate?, due: CivilDate, setBy: String,
        setAt: String, revision: Int, supersededAt: String? = nil
    ) {
        self.office = office
        self.kind = kind
        self.records = records
        self.start = start
        self.due = due
        self.setBy = setBy
        self.setAt = setAt
        self.revision = revision
        self.supersededAt = supersededAt
    }

    /// The unit the plan is a target for.
    public var unit: ProgressUnit { kind.map { .officeKind(office, $0) } ?? .office(office) }

    /// The largest plan a supervisor can set (a country's registers are about 10⁸ entries).
    public static let maximumRecords = 1_000_000_000
}

/// What a unit is measured against: a plan's records and due date, made of one or several plans,
/// and what those plans cover — so that only the records of planned offices and kinds count
/// towards it.
public struct PlanTarget: Sendable, Equatable, Codable {
    public let records: Int
    public let start: CivilDate?
    public let due: CivilDate
    /// The office and kind (`nil`: every kind) of each plan the target is made of.
    public let scope: [Scope]

    public struct Scope: Sendable, Equatable, Hashable, Codable {
        public let office: OfficeCode
        public let kind: RecordKind?

        public init(office: OfficeCode, kind: RecordKind?) {
            self.office = office
            self.kind = kind
        }
    }

    public init(records: Int, start: CivilDate?, due: CivilDate, scope: [Scope] = []) {
        self.records = records
        self.start = start
        self.due = due
        self.scope = scope
    }

    /// The target of `unit` under the plans in force: the plan for the unit itself; for an office
    /// without a plan of its own, the sum of its kinds' plans (due at the latest of them, covering
    /// those kinds only); for the whole workspace, the sum over its offices. Batches and people
    /// have no target.
    public static func of(_ unit: ProgressUnit, plans: [ProgressPlan]) -> PlanTarget? {
        func combined(_ plans: [ProgressPlan]) -> PlanTarget? {
            guard let due = plans.map(\.due).max() else { return nil }
            return PlanTarget(
                records: plans.reduce(0) { $0 + $1.records }, start: plans.compactMap(\.start).min(), due: due,
                scope: plans.map { Scope(office: $0.office, kind: $0.kind) })
        }
        switch unit {
        case .office(let office):
            if let own = plans.first(where: { $0.office == office && $0.kind == nil }) { return combined([own]) }
            return combined(plans.filter { $0.office == office })
        case .officeKind(let office, let kind):
            return combined(plans.filter { $0.office == office && $0.kind == kind })
        case .all:
            let offices = Set(plans.map(\.office))
            let targets = offices.sorted().compactMap { of(.office($0), plans: plans) }
            guard let due = targets.map(\.due).max() else { return nil }
            return PlanTarget(
                records: targets.reduce(0) { $0 + $1.records }, start: targets.compactMap(\.start).min(), due: due,
                scope: targets.flatMap(\.scope))
        case .batch, .person:
            return nil
        }
    }
}
