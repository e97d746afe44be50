import GRDB
public import HoTichModel

/// What the supervisors' reports read: the daily summary by unit, plans, the workspace's calendar,
/// what waits for a decision, a period's quality and people's figures.
public protocol ProgressReading {
    /// Each unit's days through `end`, grouped as asked.
    func progressSeries(by grouping: ProgressUnit.Grouping, through end: CivilDate) throws -> [ProgressSeries]
    /// The whole workspace's days through `end`.
    func workspaceProgress(through end: CivilDate) throws -> [CivilDate: ProgressCounters]
    /// The plans in force, or every revision with `history`.
    func plans(history: Bool) throws -> [ProgressPlan]
    /// The workspace's corrections of the public-holiday calendar.
    func calendarEntries() throws -> [WorkingCalendar.Entry]
    /// Per batch, what waits for a person; batches with nothing waiting are left out.
    func awaitingDecisions() throws -> [AwaitingDecision]
    /// Verification quality of the days `start` through `end`.
    func quality(from start: CivilDate, through end: CivilDate) throws -> WeeklyReview.Quality
    /// People's figures over the days `start` (the beginning when `nil`) through `end`, in one batch or all.
    func operatorFigures(from start: CivilDate?, through end: CivilDate, batch: String?) throws -> [OperatorFigures]
    /// The audit chain's count and last hash.
    func auditChainHead() throws -> AuditHead
    /// Rows of the daily summary that differ from the data (both sides counted).
    func progressSummaryDifferences() throws -> Int
}

public protocol ProgressWriting {
    /// Makes `plan` the plan in force for its office and kind, superseding the one before.
    func insertPlan(_ plan: ProgressPlan) throws
    func setCalendarEntry(_ entry: WorkingCalendar.Entry) throws
    /// Removes the workspace's correction of `day`; whether there was one.
    func removeCalendarEntry(_ day: CivilDate) throws -> Bool
    /// Recomputes the daily summary from the data; the rows that differed.
    func rebuildProgressSummary() throws -> Int
}

extension SQLiteTransaction: ProgressReading, ProgressWriting {
    public func progressSeries(by grouping: ProgressUnit.Grouping, through end: CivilDate) throws -> [ProgressSeries] {
        let sums = ProgressSummary.counters.map { "SUM(p.\($0))" }.joined(separator: ", ")
        let (keys, from, filter) = switch grouping {
        case .office: ("k.officeCode, NULL", "JOIN batch b ON b.id = p.batchId JOIN book k ON k.id = b.bookId", "")
        case .kind: ("k.officeCode, k.kind", "JOIN batch b ON b.id = p.batchId JOIN book k ON k.id = b.bookId", "")
        case .batch: ("p.batchId, NULL", "", "")
        case .operator: ("p.actor, NULL", "", "AND p.actor <> ''")
        }
        var series: [ProgressUnit: [CivilDate: ProgressCounters]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(keys), p.day, \(sums) FROM progressDay p \(from)
            WHERE p.day <= ? \(filter) GROUP BY 1, 2, p.day
            """, arguments: [end.iso])
        while let row = try rows.next() {
            let key: String = row[0]
            let unit: ProgressUnit
            switch grouping {
            case .office: unit = .office(try required(OfficeCode(key), "book"))
            case .kind:
                unit = .officeKind(try required(OfficeCode(key), "book"), try required(RecordKind(rawValue: row[1] ?? ""), "book"))
            case .batch: unit = .batch(key)
            case .operator: unit = .person(key)
            }
            let day = try required(CivilDate(iso: row[2]), "progressDay")
            series[unit, default: [:]][day] = Self.counters(row, from: 3)
        }
        return series.map { ProgressSeries(unit: $0.key, days: $0.value) }.sorted { $0.unit < $1.unit }
    }

    public func workspaceProgress(through end: CivilDate) throws -> [CivilDate: ProgressCounters] {
        let sums = ProgressSummary.counters.map { "SUM(\($0))" }.joined(separator: ", ")
        var days: [CivilDate: ProgressCounters] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT day, \(sums) FROM progressDay WHERE day <= ? GROUP BY day", arguments: [end.iso]) {
            days[try required(CivilDate(iso: row[0]), "progressDay")] = Self.counters(row, from: 1)
        }
        return days
    }

    private static func counters(_ row: Row, from start: Int) -> ProgressCounters {
        func value(_ index: Int) -> Int { row[start + index] ?? 0 }
        return ProgressCounters(
            entries: value(0), keyed: value(1), verified: value(2), exported: value(3), accepted: value(4), keyings: value(5),
            fields: value(6), typedKeyings: value(7), typedFields: value(8), conflicts: value(9))
    }

    public func plans(history: Bool) throws -> [ProgressPlan] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM progressPlan \(history ? "" : "WHERE supersededAt IS NULL")
            ORDER BY officeCode, IFNULL(kind, ''), revision
            """).map { row in
            let kind: String? = row["kind"]
            return ProgressPlan(
                office: try required(OfficeCode(row["officeCode"] as String), "progressPlan"),
                kind: try kind.map { try required(RecordKind(rawValue: $0), "progressPlan") },
                records: row["records"], start: (row["start"] as String?).flatMap(CivilDate.init(iso:)),
                due: try required(CivilDate(iso: row["due"]), "progressPlan"), setBy: row["setBy"], setAt: row["setAt"],
                revision: row["revision"], supersededAt: row["supersededAt"])
        }
    }

    public func insertPlan(_ plan: ProgressPlan) throws {
        try db.execute(sql: """
            UPDATE progressPlan SET supersededAt = ? WHERE officeCode = ? AND kind IS ? AND supersededAt IS NULL
            """, arguments: [plan.setAt, plan.office.value, plan.kind?.code])
        try db.execute(sql: """
            INSERT INTO progressPlan (officeCode, kind, records, start, due, setBy, setAt, revision)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [plan.office.value, plan.kind?.code, plan.records, plan.start?.iso, plan.due.iso, plan.setBy, plan.setAt, plan.revision])
    }

    public func calendarEntries() throws -> [WorkingCalendar.Entry] {
        try Row.fetchAll(db, sql: "SELECT * FROM calendarDay ORDER BY day").map { row in
            WorkingCalendar.Entry(
                day: try required(CivilDate(iso: row["day"]), "calendarDay"), working: row["working"], reason: row["reason"],
                setBy: row["setBy"], setAt: row["setAt"])
        }
    }

    public func setCalendarEntry(_ entry: WorkingCalendar.Entry) throws {
        try db.execute(sql: """
            INSERT INTO calendarDay (day, working, reason, setBy, setAt) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (day) DO UPDATE SET working = excluded.working, reason = excluded.reason,
            setBy = excluded.setBy, setAt = excluded.setAt
            """, arguments: [entry.day.iso, entry.working, entry.reason, entry.setBy, entry.setAt])
    }

    public func removeCalendarEntry(_ day: CivilDate) throws -> Bool {
        try db.execute(sql: "DELETE FROM calendarDay WHERE day = ?", arguments: [day.iso])
        return db.changesCount > 0
    }

    public func awaitingDecisions() throws -> [AwaitingDecision] {
        func perBatch(_ sql: String) throws -> [String: Int] {
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql) { counts[row[0]] = row[1] }
            return counts
        }
        let damaged = try perBatch("SELECT batchId, COUNT(*) FROM scanFile WHERE NOT usable GROUP BY batchId")
        let duplicates = try perBatch("SELECT batchId, COUNT(*) FROM duplicateFlag WHERE decision IS NULL GROUP BY batchId")
        let open = try perBatch("""
            SELECT batchId, COUNT(*) FROM fieldDecision WHERE decidedAt IS NULL AND supersededAt IS NULL GROUP BY batchId
            """)
        // A rejection counts until a later version of the record is sent.
        let rejected = try perBatch("""
            SELECT r.batchId, COUNT(DISTINCT e.recordId) FROM exportedRecord e JOIN record r ON r.id = e.recordId
            WHERE e.receipt = 'rejected' AND NOT EXISTS (
                SELECT 1 FROM exportedRecord later WHERE later.recordId = e.recordId AND later.version > e.version)
            GROUP BY r.batchId
            """)
        let notKeyed = try perBatch("SELECT batchId, MAX(0, SUM(entries) - SUM(keyed)) FROM progressDay GROUP BY batchId")
        let held = Set(try String.fetchAll(db, sql: "SELECT id FROM batch WHERE state = 'on-hold'"))
        return ReportAssembly.awaitingDecisions(
            damaged: damaged, duplicates: duplicates, open: open, rejected: rejected, notKeyed: notKeyed, held: held)
    }

    public func quality(from start: CivilDate, through end: CivilDate) throws -> WeeklyReview.Quality {
        let sums = try Row.fetchOne(db, sql: """
            SELECT IFNULL(SUM(fields), 0), IFNULL(SUM(conflicts), 0) FROM progressDay WHERE day BETWEEN ? AND ?
            """, arguments: [start.iso, end.iso])
        let (from, until) = (start.startTimestamp, end.adding(days: 1).startTimestamp)
        let returned = try count("""
            SELECT COUNT(*) FROM auditEvent WHERE at >= ? AND at < ? AND action = ?
            """, [from, until, BatchAction.returnToKeying.rawValue])
        let samples = try Row.fetchOne(db, sql: """
            SELECT COUNT(*), IFNULL(SUM(outcome = 'rejected'), 0) FROM sampleDraw
            WHERE outcome IS NOT NULL AND decidedAt >= ? AND decidedAt < ?
            """, arguments: [from, until])
        return WeeklyReview.Quality(
            fieldsKeyed: sums?[0] ?? 0, conflicts: sums?[1] ?? 0, batchesReturned: returned,
            sampleLotsDecided: samples?[0] ?? 0, sampleLotsRejected: samples?[1] ?? 0)
    }

    public func operatorFigures(from start: CivilDate?, through end: CivilDate, batch: String?) throws -> [OperatorFigures] {
        let (from, until) = (start?.startTimestamp ?? "", end.adding(days: 1).startTimestamp)
        let arguments: StatementArguments = [
            "from": from, "until": until, "firstDay": start?.iso ?? "", "lastDay": end.iso, "batch": batch,
            "gap": ActiveTime.maximumGapMilliseconds,
        ]
        let inBatch = batch == nil ? "" : "AND batchId = :batch"
        var keyed: [String: (Int, Int, Int, Int)] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT actor, SUM(keyings), SUM(fields), SUM(typedKeyings), SUM(typedFields) FROM progressDay
            WHERE actor <> '' AND day BETWEEN :firstDay AND :lastDay \(inBatch) GROUP BY actor
            """, arguments: arguments) {
            keyed[row[0]] = (row[1], row[2], row[3], row[4])
        }
        var errors: [String: (fields: Int, records: Int)] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT who, COUNT(*), COUNT(DISTINCT recordId) FROM (
                SELECT pass1Operator AS who, recordId FROM fieldDecision
                WHERE pass1Wrong = 1 AND decidedAt >= :from AND decidedAt < :until \(inBatch)
                UNION ALL
                SELECT pass2Operator AS who, recordId FROM fieldDecision
                WHERE pass2Wrong = 1 AND decidedAt >= :from AND decidedAt < :until \(inBatch))
            WHERE who IS NOT NULL GROUP BY who
            """, arguments: arguments) {
            errors[row[0]] = (row[1], row[2])
        }
        var decisions: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT decidedBy, COUNT(*) FROM fieldDecision
            WHERE decidedBy IS NOT NULL AND decidedAt >= :from AND decidedAt < :until \(inBatch)
            GROUP BY decidedBy
            """, arguments: arguments) {
            decisions[row[0]] = row[1]
        }
        // Active time: the gaps between a person's consecutive actions, up to five minutes each.
        var active: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT actor, SUM(CASE WHEN gap > 0 AND gap <= :gap THEN gap ELSE 0 END) FROM (
                SELECT actor, CAST(ROUND((julianday(at) - julianday(LAG(at) OVER (PARTITION BY actor ORDER BY id))) * 86400000) AS INTEGER) AS gap
                FROM auditEvent WHERE at >= :from AND at < :until \(inBatch))
            GROUP BY actor
            """, arguments: arguments) {
            active[row[0]] = row[1]
        }
        return ReportAssembly.operatorFigures(keyed: keyed, errors: errors, decisions: decisions, active: active)
    }

    /// The last event's number and hash. Events are numbered from 1 and never deleted (the table
    /// refuses it, and `audit verify` checks the chain), so the last number is the count — read
    /// from the primary key instead of counting millions of rows.
    public func auditChainHead() throws -> AuditHead {
        let row = try Row.fetchOne(db, sql: "SELECT id, hash FROM auditEvent ORDER BY id DESC LIMIT 1")
        return AuditHead(events: row?["id"] ?? 0, hash: row?["hash"] ?? AuditTrail.genesis)
    }

    public func progressSummaryDifferences() throws -> Int {
        let columns = "day, batchId, actor, " + ProgressSummary.counters.joined(separator: ", ")
        let kept = "SELECT \(columns) FROM progressDay WHERE " + ProgressSummary.counters.map { "\($0) <> 0" }.joined(separator: " OR ")
        return try count("""
            SELECT (SELECT COUNT(*) FROM (\(kept) EXCEPT SELECT * FROM (\(ProgressSummary.rebuildSelect))))
                 + (SELECT COUNT(*) FROM (SELECT * FROM (\(ProgressSummary.rebuildSelect)) EXCEPT \(kept)))
            """, [])
    }

    /// Recomputes the summary without first comparing (after a bulk load that bypassed the store).
    package func rebuildProgressSummaryWithoutComparing() throws {
        try db.execute(sql: "DELETE FROM progressDay; INSERT INTO progressDay \(ProgressSummary.rebuildSelect)")
    }

    public func rebuildProgressSummary() throws -> Int {
        let differences = try progressSummaryDifferences()
        try db.execute(sql: "DELETE FROM progressDay; INSERT INTO progressDay \(ProgressSummary.rebuildSelect)")
        return differences
    }
}
