public import Foundation
public import HoTichModel
import HoTichStore

extension Session {
    // MARK: - Plans

    /// A supervisor sets (or revises) the plan of an office, for one kind of register or all:
    /// `records` verified by `due`. The plan in force before stays as history.
    @discardableResult
    public func setPlan(
        office: OfficeCode, kind: RecordKind?, records: Int, due: CivilDate, start: CivilDate?, now: Date = Date()
    ) throws -> ProgressPlan {
        try require(.planWork)
        guard (1...ProgressPlan.maximumRecords).contains(records) else { throw HoTichError(.invalidPlanRecords(records)) }
        try Self.supported(due, "--due")
        try Self.supported(start, "--start")
        if let start, due < start { throw HoTichError(.dueBeforeStart(due: due, start: start)) }
        let me = user.name
        let time = Timestamp.text(for: now)
        return try workspace.store.write { tx in
            let earlier = try tx.plans(history: true).filter { $0.office == office && $0.kind == kind }
            let plan = ProgressPlan(
                office: office, kind: kind, records: records, start: start, due: due, setBy: me, setAt: time,
                revision: (earlier.map(\.revision).max() ?? 0) + 1)
            try tx.insertPlan(plan)
            try tx.appendAudit(
                AuditEntry(
                    actor: me, action: .planSet, subject: plan.unit.description,
                    reason: "\(records) by \(due.iso)\(start.map { " from \($0.iso)" } ?? "") (revision \(plan.revision))"),
                at: time)
            return plan
        }
    }

    /// Whether the workspace knows `office` (its own, or one it has received a book of): a plan for
    /// an office it does not know yet is allowed (plans come before scans), and worth a warning.
    public func knowsOffice(_ office: OfficeCode) throws -> Bool {
        try require(.viewWork)
        return try workspace.store.read { tx in
            try tx.workspaceInfo()?.officeCode == office || tx.statusLines().contains { $0.office == office }
        }
    }

    /// Throws `invalidDate` for a day outside ``CivilDate/supportedYears``.
    static func supported(_ day: CivilDate?, _ option: String) throws {
        if let day, !day.isSupported { throw HoTichError(.invalidDate(option: option, value: day.iso)) }
    }

    /// The plans in force, or every revision with `history`.
    public func plans(history: Bool = false) throws -> [ProgressPlan] {
        try require(.viewWork)
        return try workspace.store.read { tx in try tx.plans(history: history) }
    }

    // MARK: - Working calendar

    /// The workspace's working calendar: public holidays corrected by its own entries, and those entries.
    public func workingCalendar() throws -> (calendar: WorkingCalendar, entries: [WorkingCalendar.Entry]) {
        try require(.viewWork)
        let entries = try workspace.store.read { tx in try tx.calendarEntries() }
        return (WorkingCalendar(entries: entries), entries)
    }

    /// Counts `days` as working days or days off, whatever the public-holiday calendar says.
    public func setCalendarDays(_ days: [CivilDate], working: Bool, reason: String, now: Date = Date()) throws {
        try require(.planWork)
        let reason = VietnameseText.singleLine(reason).trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty, reason.count <= 500 else { throw HoTichError(.calendarNeedsReason) }
        for day in days { try Self.supported(day, "DAY") }
        let me = user.name
        let time = Timestamp.text(for: now)
        try workspace.store.write { tx in
            for day in Set(days).sorted() {
                try tx.setCalendarEntry(WorkingCalendar.Entry(day: day, working: working, reason: reason, setBy: me, setAt: time))
                try tx.appendAudit(
                    AuditEntry(actor: me, action: .calendarSet, subject: day.iso, toState: working ? "working" : "off", reason: reason),
                    at: time)
            }
        }
    }

    /// Lets `day` count by the public-holiday calendar again.
    public func clearCalendarDay(_ day: CivilDate, now: Date = Date()) throws {
        try require(.planWork)
        try Self.supported(day, "DAY")
        let me = user.name
        try workspace.store.write { tx in
            guard try tx.removeCalendarEntry(day) else { throw HoTichError(.calendarDayNotSet(day: day)) }
            try tx.appendAudit(AuditEntry(actor: me, action: .calendarCleared, subject: day.iso), at: Timestamp.text(for: now))
        }
    }

    // MARK: - Reports

    /// Where each unit stands on `to` (today by default, and never later: days to come have done
    /// nothing yet), with what it did from `from`.
    ///
    /// People who may not see others' figures see only their own line when grouped by person.
    public func progressReport(
        by grouping: ProgressUnit.Grouping, from: CivilDate? = nil, to: CivilDate? = nil, now: Date = Date()
    ) throws -> ProgressReport {
        try require(.viewWork)
        try Self.supported(from, "--from")
        try Self.supported(to, "--to")
        let today = CivilDate.today(now: now)
        if let from, let to, to < from { throw HoTichError(.periodEndsBeforeStart(from: from, to: to)) }
        let asOf = min(to ?? today, today)
        let (series, workspaceDays, byOfficeAndKind, plans, entries) = try workspace.store.read { tx in
            let plans = try tx.plans(history: false)
            // Offices are their kinds summed: one query serves both, and the plans' scopes.
            let byKind = grouping == .office || grouping == .kind || !plans.isEmpty ? try tx.progressSeries(by: .kind, through: asOf) : []
            let series = switch grouping {
            case .kind: byKind
            case .office: ProgressSeries.byOffice(byKind)
            case .batch, .operator: try tx.progressSeries(by: grouping, through: asOf)
            }
            return (series, try tx.workspaceProgress(through: asOf), byKind, plans, try tx.calendarEntries())
        }
        let visible = series.filter { mayView($0.unit) }
        return ProgressReport.make(
            series: visible, workspace: workspaceDays, byOfficeAndKind: byOfficeAndKind, plans: plans, grouping: grouping,
            from: from, asOf: asOf, paceThrough: asOf == today ? today.adding(days: -1) : asOf,
            calendar: WorkingCalendar(entries: entries))
    }

    /// The week a supervisor sends: ISO week `week` (`2026-W48`); or the period `from` … `to`
    /// (from the Monday of `to`'s week, through today, when one is left out); the current week
    /// when none is given.
    public func weeklyReview(
        week: String? = nil, from: CivilDate? = nil, to: CivilDate? = nil, by grouping: ProgressUnit.Grouping = .office,
        now: Date = Date()
    ) throws -> WeeklyReview {
        try require(.viewWork)
        try Self.supported(from, "--from")
        try Self.supported(to, "--to")
        let today = CivilDate.today(now: now)
        let first: CivilDate, last: CivilDate, label: String?
        if let week {
            guard let parsed = CivilDate.isoWeek(week) else { throw HoTichError(.invalidWeek(week)) }
            (first, last, label) = (parsed.monday, parsed.monday.adding(days: 6), parsed.monday.isoWeekText)
        } else if from != nil || to != nil {
            last = to ?? today
            first = from ?? last.monday
            label = first == first.monday && last == first.adding(days: 6) ? first.isoWeekText : nil
        } else {
            (first, last, label) = (today.monday, today.monday.adding(days: 6), today.isoWeekText)
        }
        if last < first { throw HoTichError(.periodEndsBeforeStart(from: first, to: last)) }
        let progress = try progressReport(by: grouping, from: first, to: last, now: now)
        let (quality, awaiting, head) = try workspace.store.read { tx in
            (try tx.quality(from: first, through: last), try tx.awaitingDecisions(), try tx.auditChainHead())
        }
        return WeeklyReview(
            first: first, last: last, isoWeek: label, progress: progress, quality: quality, awaiting: awaiting, auditHead: head)
    }

    /// People's figures from `from` (the beginning by default) through `to` (today), in one batch
    /// or all. Supervisors see everyone; others see themselves only.
    public func operatorFigures(
        from: CivilDate? = nil, to: CivilDate? = nil, batch: String? = nil, now: Date = Date()
    ) throws -> [OperatorFigures] {
        try require(.viewWork)
        try Self.supported(from, "--from")
        try Self.supported(to, "--to")
        let end = to ?? CivilDate.today(now: now)
        if let from, end < from { throw HoTichError(.periodEndsBeforeStart(from: from, to: end)) }
        let figures = try workspace.store.read { tx in try tx.operatorFigures(from: from, through: end, batch: batch) }
        return figures.filter { mayView(.person($0.name)) }
    }

    /// Recomputes the progress summary from the data; the rows that differed (0 when it was sound).
    public func rebuildProgressSummary(now: Date = Date()) throws -> Int {
        try require(.rebuildSummaries)
        let me = user.name
        return try workspace.store.write { tx in
            let differences = try tx.rebuildProgressSummary()
            try tx.appendAudit(
                AuditEntry(actor: me, action: .progressRebuilt, reason: "\(differences) rows differed"), at: Timestamp.text(for: now))
            return differences
        }
    }

    /// Whether this user may see the figures of `unit`: anyone's own, and everyone's for supervisors.
    private func mayView(_ unit: ProgressUnit) -> Bool {
        guard case .person(let name) = unit else { return true }
        return name == user.name || Permission.viewTeamFigures.allowedRoles.contains(user.role)
    }
}
