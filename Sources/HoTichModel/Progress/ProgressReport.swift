/// Where each unit stands on a day: what it has done, against its plan, at what pace, and when it
/// will finish.
public struct ProgressReport: Sendable {
    /// One unit's line.
    public struct Row: Sendable {
        public let unit: ProgressUnit
        /// Everything done through the report's day.
        public let total: ProgressCounters
        /// What was done from the report's first day (`--from`) through its day; `nil` without one.
        public let period: ProgressCounters?
        public let target: PlanTarget?
        /// Records verified towards the target: those of the offices and kinds its plans cover
        /// (a unit's other kinds count in `total` but not here).
        public let doneTowardPlan: Int?
        public let forecast: ProgressForecast

        /// Verified records of the plan's scope as a percentage of the plan (may exceed 100).
        public var percentOfPlan: Double? {
            guard let target, target.records > 0, let doneTowardPlan else { return nil }
            return Double(doneTowardPlan) * 100 / Double(target.records)
        }
    }

    public let grouping: ProgressUnit.Grouping
    public let from: CivilDate?
    public let asOf: CivilDate
    public let rows: [Row]
    /// The whole workspace, as one line.
    public let overall: Row
    /// The whole workspace day by day, through the report's day (for the charts).
    public let daily: [CivilDate: ProgressCounters]

    /// Assembles the report from each unit's days, the whole workspace's days, each office and
    /// kind's days (what plans are counted on), the plans in force and the working calendar.
    ///
    /// Units with a plan but nothing done yet are listed too. A person's pace is the keyings they
    /// completed (people have no plan); every other unit's is records verified, of the offices and
    /// kinds its plans cover when it has a target. `paceThrough` is the last whole day pace is
    /// measured to (the day before today when the report is as of today).
    public static func make(
        series: [ProgressSeries], workspace: [CivilDate: ProgressCounters], byOfficeAndKind: [ProgressSeries],
        plans: [ProgressPlan], grouping: ProgressUnit.Grouping, from: CivilDate?, asOf: CivilDate, paceThrough: CivilDate? = nil,
        calendar: WorkingCalendar
    ) -> ProgressReport {
        let planned = PlannedWork(byOfficeAndKind: byOfficeAndKind, asOf: asOf)
        let context = Context(plans: plans, from: from, asOf: asOf, paceThrough: paceThrough ?? asOf, calendar: calendar, planned: planned)
        var byUnit = Dictionary(series.map { ($0.unit, $0) }, uniquingKeysWith: { first, _ in first })
        for plan in plans {
            let unit: ProgressUnit? = switch grouping {
            case .office: .office(plan.office)
            case .kind: plan.kind.map { .officeKind(plan.office, $0) }
            case .batch, .operator: nil
            }
            if let unit, byUnit[unit] == nil { byUnit[unit] = ProgressSeries(unit: unit, days: [:]) }
        }
        let workspaceDays = workspace.filter { $0.key <= asOf }
        let rows = byUnit.values.sorted { $0.unit < $1.unit }.map { row(for: $0, context) }
        let overallSeries = ProgressSeries(unit: .all, days: workspaceDays)
        return ProgressReport(
            grouping: grouping, from: from, asOf: asOf, rows: rows, overall: row(for: overallSeries, context), daily: workspaceDays)
    }

    private struct Context {
        let plans: [ProgressPlan]
        let from: CivilDate?
        let asOf: CivilDate
        let paceThrough: CivilDate
        let calendar: WorkingCalendar
        let planned: PlannedWork
    }

    /// Records verified per day by office and kind: what a target's scope adds up.
    private struct PlannedWork {
        let days: [PlanTarget.Scope: [CivilDate: Int]]

        init(byOfficeAndKind: [ProgressSeries], asOf: CivilDate) {
            var days: [PlanTarget.Scope: [CivilDate: Int]] = [:]
            for series in byOfficeAndKind {
                guard case .officeKind(let office, let kind) = series.unit else { continue }
                for (day, counters) in series.days where day <= asOf && counters.verified != 0 {
                    days[PlanTarget.Scope(office: office, kind: kind), default: [:]][day, default: 0] += counters.verified
                    days[PlanTarget.Scope(office: office, kind: nil), default: [:]][day, default: 0] += counters.verified
                }
            }
            self.days = days
        }

        func verified(in scope: [PlanTarget.Scope]) -> [CivilDate: Int] {
            var sum: [CivilDate: Int] = [:]
            for item in Set(scope) {
                for (day, count) in days[item] ?? [:] { sum[day, default: 0] += count }
            }
            return sum
        }
    }

    private static func row(for series: ProgressSeries, _ context: Context) -> Row {
        let target = PlanTarget.of(series.unit, plans: context.plans)
        let isPerson = if case .person = series.unit { true } else { false }
        let done = target.map { context.planned.verified(in: $0.scope) }
            ?? series.days.mapValues { isPerson ? $0.keyings : $0.verified }
        return Row(
            unit: series.unit, total: series.total(through: context.asOf),
            period: context.from.map { series.total(from: $0, through: context.asOf) }, target: target,
            doneTowardPlan: target == nil ? nil : done.filter { $0.key <= context.asOf }.values.reduce(0, +),
            forecast: ProgressForecast.make(
                done: done, target: target, asOf: context.asOf, paceThrough: context.paceThrough, calendar: context.calendar))
    }

    private init(
        grouping: ProgressUnit.Grouping, from: CivilDate?, asOf: CivilDate, rows: [Row], overall: Row,
        daily: [CivilDate: ProgressCounters]
    ) {
        self.grouping = grouping
        self.from = from
        self.asOf = asOf
        self.rows = rows
        self.overall = overall
        self.daily = daily
    }
}
