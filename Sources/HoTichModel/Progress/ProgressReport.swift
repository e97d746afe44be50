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
        public let forecast: ProgressForecast

        /// Verified records as a percentage of the plan (may exceed 100).
        public var percentOfPlan: Double? {
            guard let target, target.records > 0 else { return nil }
            return Double(total.verified) * 100 / Double(target.records)
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

    /// Assembles the report from each unit's days, the whole workspace's days, the plans in force
    /// and the working calendar.
    ///
    /// Units with a plan but nothing done yet are listed too. A person's pace is the keyings they
    /// completed (people have no plan); every other unit's is records verified.
    public static func make(
        series: [ProgressSeries], workspace: [CivilDate: ProgressCounters], plans: [ProgressPlan], grouping: ProgressUnit.Grouping, from: CivilDate?,
        asOf: CivilDate, calendar: WorkingCalendar
    ) -> ProgressReport {
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
        let rows = byUnit.values.sorted { $0.unit < $1.unit }.map {
            row(for: $0, plans: plans, from: from, asOf: asOf, calendar: calendar)
        }
        let overallSeries = ProgressSeries(unit: .all, days: workspaceDays)
        return ProgressReport(
            grouping: grouping, from: from, asOf: asOf, rows: rows,
            overall: row(for: overallSeries, plans: plans, from: from, asOf: asOf, calendar: calendar),
            daily: workspaceDays)
    }

    private static func row(
        for series: ProgressSeries, plans: [ProgressPlan], from: CivilDate?, asOf: CivilDate, calendar: WorkingCalendar
    ) -> Row {
        let target = PlanTarget.of(series.unit, plans: plans)
        let isPerson = if case .person = series.unit { true } else { false }
        let done = series.days.mapValues { isPerson ? $0.keyings : $0.verified }
        return Row(
            unit: series.unit, total: series.total(through: asOf), period: from.map { series.total(from: $0, through: asOf) },
            target: target, forecast: ProgressForecast.make(done: done, target: target, asOf: asOf, calendar: calendar))
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
