import HoTichPostgres
public import HoTichModel

/// Progress on PostgreSQL: the reports read the daily summary the server keeps
/// (``PostgresProgressSummary``), as SQLite's read the one its triggers keep.
extension PostgresTransaction: ProgressReading, ProgressWriting {
    private static var sums: String { ProgressSummary.counters.map { "SUM(p.\"\($0)\") AS \"\($0)\"" }.joined(separator: ", ") }

    private static func counters(_ row: PostgresRow) throws -> ProgressCounters {
        func value(_ name: String) throws -> Int { try row.decode(name) ?? 0 }
        return ProgressCounters(
            entries: try value("entries"), keyed: try value("keyed"), verified: try value("verified"), exported: try value("exported"),
            accepted: try value("accepted"), keyings: try value("keyings"), fields: try value("fields"),
            typedKeyings: try value("typedKeyings"), typedFields: try value("typedFields"), conflicts: try value("conflicts"))
    }

    public func progressSeries(by grouping: ProgressUnit.Grouping, through end: CivilDate) throws -> [ProgressSeries] {
        let (keys, from, filter) = switch grouping {
        case .office: (#"k."officeCode" AS "key", NULL::text AS "kind""#, #"JOIN "batch" b ON b."id" = p."batchId" JOIN "book" k ON k."id" = b."bookId""#, "")
        case .kind: (#"k."officeCode" AS "key", k."kind" AS "kind""#, #"JOIN "batch" b ON b."id" = p."batchId" JOIN "book" k ON k."id" = b."bookId""#, "")
        case .batch: (#"p."batchId" AS "key", NULL::text AS "kind""#, "", "")
        case .operator: (#"p."actor" AS "key", NULL::text AS "kind""#, "", #"AND p."actor" <> ''"#)
        }
        var series: [ProgressUnit: [CivilDate: ProgressCounters]] = [:]
        for row in try execute(#"""
            SELECT \#(keys), p."day", \#(Self.sums) FROM "progressDay" p \#(from)
            WHERE p."day" <= $1 \#(filter) GROUP BY 1, 2, p."day"
            """#, [end.iso]) {
            let key: String = try row.required("key")
            let unit: ProgressUnit
            switch grouping {
            case .office: unit = .office(try required(OfficeCode(key), "book"))
            case .kind: unit = .officeKind(try required(OfficeCode(key), "book"), try required(RecordKind(rawValue: try row.decode("kind") ?? ""), "book"))
            case .batch: unit = .batch(key)
            case .operator: unit = .person(key)
            }
            series[unit, default: [:]][try required(CivilDate(iso: try row.required("day")), "progressDay")] = try Self.counters(row)
        }
        return series.map { ProgressSeries(unit: $0.key, days: $0.value) }.sorted { $0.unit < $1.unit }
    }

    public func workspaceProgress(through end: CivilDate) throws -> [CivilDate: ProgressCounters] {
        var days: [CivilDate: ProgressCounters] = [:]
        for row in try execute(#"SELECT p."day", \#(Self.sums) FROM "progressDay" p WHERE p."day" <= $1 GROUP BY p."day""#, [end.iso]) {
            days[try required(CivilDate(iso: try row.required("day")), "progressDay")] = try Self.counters(row)
        }
        return days
    }

    public func plans(history: Bool) throws -> [ProgressPlan] {
        try execute(#"""
            SELECT * FROM "progressPlan" \#(history ? "" : #"WHERE "supersededAt" IS NULL"#)
            ORDER BY "officeCode" COLLATE "C", COALESCE("kind", '') COLLATE "C", "revision"
            """#).map { row in
            let kind: String? = try row.decode("kind")
            return ProgressPlan(
                office: try required(OfficeCode(try row.required("officeCode")), "progressPlan"),
                kind: try kind.map { try required(RecordKind(rawValue: $0), "progressPlan") },
                records: try row.required("records"), start: (try row.decode("start", as: String.self)).flatMap(CivilDate.init(iso:)),
                due: try required(CivilDate(iso: try row.required("due")), "progressPlan"), setBy: try row.required("setBy"),
                setAt: try row.required("setAt"), revision: try row.required("revision"), supersededAt: try row.decode("supersededAt"))
        }
    }

    public func insertPlan(_ plan: ProgressPlan) throws {
        try execute(#"""
            UPDATE "progressPlan" SET "supersededAt" = $1 WHERE "officeCode" = $2 AND "kind" IS NOT DISTINCT FROM $3 AND "supersededAt" IS NULL
            """#, [plan.setAt, plan.office.value, plan.kind?.code])
        try execute(#"""
            INSERT INTO "progressPlan" ("officeCode", "kind", "records", "start", "due", "setBy", "setAt", "revision")
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """#, [plan.office.value, plan.kind?.code, plan.records, plan.start?.iso, plan.due.iso, plan.setBy, plan.setAt, plan.revision])
    }

    public func calendarEntries() throws -> [WorkingCalendar.Entry] {
        try execute(#"SELECT * FROM "calendarDay" ORDER BY "day""#).map { row in
            WorkingCalendar.Entry(
                day: try required(CivilDate(iso: try row.required("day")), "calendarDay"), working: try row.required("working"),
                reason: try row.required("reason"), setBy: try row.required("setBy"), setAt: try row.required("setAt"))
        }
    }

    public func setCalendarEntry(_ entry: WorkingCalendar.Entry) throws {
        try execute(#"""
            INSERT INTO "calendarDay" ("day", "working", "reason", "setBy", "setAt") VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT ("day") DO UPDATE SET "working" = excluded."working", "reason" = excluded."reason",
                "setBy" = excluded."setBy", "setAt" = excluded."setAt"
            """#, [entry.day.iso, entry.working, entry.reason, entry.setBy, entry.setAt])
    }

    public func removeCalendarEntry(_ day: CivilDate) throws -> Bool {
        try execute(#"DELETE FROM "calendarDay" WHERE "day" = $1"#, [day.iso]).affected > 0
    }

    public func awaitingDecisions() throws -> [AwaitingDecision] {
        func perBatch(_ sql: String) throws -> [String: Int] {
            var counts: [String: Int] = [:]
            for row in try execute(sql) { counts[try row.required("batchId")] = try row.required("n") }
            return counts
        }
        let damaged = try perBatch(#"SELECT "batchId", COUNT(*) AS "n" FROM "scanFile" WHERE NOT "usable" GROUP BY "batchId""#)
        let duplicates = try perBatch(#"SELECT "batchId", COUNT(*) AS "n" FROM "duplicateFlag" WHERE "decision" IS NULL GROUP BY "batchId""#)
        let open = try perBatch(#"""
            SELECT "batchId", COUNT(*) AS "n" FROM "fieldDecision" WHERE "decidedAt" IS NULL AND "supersededAt" IS NULL GROUP BY "batchId"
            """#)
        // A rejection counts until a later version of the record is sent.
        let rejected = try perBatch(#"""
            SELECT r."batchId", COUNT(DISTINCT e."recordId") AS "n" FROM "exportedRecord" e JOIN "record" r ON r."id" = e."recordId"
            WHERE e."receipt" = 'rejected' AND NOT EXISTS (
                SELECT 1 FROM "exportedRecord" later WHERE later."recordId" = e."recordId" AND later."version" > e."version")
            GROUP BY r."batchId"
            """#)
        let notKeyed = try perBatch(#"SELECT "batchId", GREATEST(0, SUM("entries") - SUM("keyed")) AS "n" FROM "progressDay" GROUP BY "batchId""#)
        let held = Set(try execute(#"SELECT "id" FROM "batch" WHERE "state" = 'on-hold'"#).map { try $0.required("id", as: String.self) })
        return ReportAssembly.awaitingDecisions(
            damaged: damaged, duplicates: duplicates, open: open, rejected: rejected, notKeyed: notKeyed, held: held)
    }

    public func quality(from start: CivilDate, through end: CivilDate) throws -> WeeklyReview.Quality {
        let sums = try execute(#"""
            SELECT COALESCE(SUM("fields"), 0) AS "fields", COALESCE(SUM("conflicts"), 0) AS "conflicts" FROM "progressDay"
            WHERE "day" BETWEEN $1 AND $2
            """#, [start.iso, end.iso]).first
        let (from, until) = (start.startTimestamp, end.adding(days: 1).startTimestamp)
        let returned = try count(
            #"SELECT COUNT(*) FROM "auditEvent" WHERE "at" >= $1 AND "at" < $2 AND "action" = $3"#, [from, until, BatchAction.returnToKeying.rawValue])
        let samples = try execute(#"""
            SELECT COUNT(*) AS "decided", COUNT(*) FILTER (WHERE "outcome" = 'rejected') AS "rejected" FROM "sampleDraw"
            WHERE "outcome" IS NOT NULL AND "decidedAt" >= $1 AND "decidedAt" < $2
            """#, [from, until]).first
        return WeeklyReview.Quality(
            fieldsKeyed: try sums?.decode("fields") ?? 0, conflicts: try sums?.decode("conflicts") ?? 0, batchesReturned: returned,
            sampleLotsDecided: try samples?.decode("decided") ?? 0, sampleLotsRejected: try samples?.decode("rejected") ?? 0)
    }

    public func operatorFigures(from start: CivilDate?, through end: CivilDate, batch: String?) throws -> [OperatorFigures] {
        let (from, until) = (start?.startTimestamp ?? "", end.adding(days: 1).startTimestamp)
        /// `AND "batchId" = $n` when a batch is given, bound in `parameters`.
        func inBatch(_ parameters: inout StatementParameters) -> String {
            guard let batch else { return "" }
            return #"AND "batchId" = \#(parameters.bind(batch))"#
        }
        var keyed: [String: (Int, Int, Int, Int)] = [:]
        var summary = StatementParameters()
        for row in try execute(#"""
            SELECT "actor", SUM("keyings") AS "a", SUM("fields") AS "b", SUM("typedKeyings") AS "c", SUM("typedFields") AS "d" FROM "progressDay"
            WHERE "actor" <> '' AND "day" BETWEEN \#(summary.bind(start?.iso ?? "")) AND \#(summary.bind(end.iso)) \#(inBatch(&summary))
            GROUP BY "actor"
            """#, summary.values) {
            keyed[try row.required("actor")] = (try row.required("a"), try row.required("b"), try row.required("c"), try row.required("d"))
        }
        var errors: [String: (fields: Int, records: Int)] = [:]
        var wrong = StatementParameters()
        let (wrongFrom, wrongUntil) = (wrong.bind(from), wrong.bind(until))
        let wrongBatch = inBatch(&wrong)
        for row in try execute(#"""
            SELECT "who", COUNT(*) AS "n", COUNT(DISTINCT "recordId") AS "records" FROM (
                SELECT "pass1Operator" AS "who", "recordId" FROM "fieldDecision"
                WHERE "pass1Wrong" AND "decidedAt" >= \#(wrongFrom) AND "decidedAt" < \#(wrongUntil) \#(wrongBatch)
                UNION ALL
                SELECT "pass2Operator" AS "who", "recordId" FROM "fieldDecision"
                WHERE "pass2Wrong" AND "decidedAt" >= \#(wrongFrom) AND "decidedAt" < \#(wrongUntil) \#(wrongBatch)) AS wrong
            WHERE "who" IS NOT NULL GROUP BY "who"
            """#, wrong.values) {
            errors[try row.required("who")] = (try row.required("n"), try row.required("records"))
        }
        var decisions: [String: Int] = [:]
        var decided = StatementParameters()
        for row in try execute(#"""
            SELECT "decidedBy", COUNT(*) AS "n" FROM "fieldDecision"
            WHERE "decidedBy" IS NOT NULL AND "decidedAt" >= \#(decided.bind(from)) AND "decidedAt" < \#(decided.bind(until)) \#(inBatch(&decided))
            GROUP BY "decidedBy"
            """#, decided.values) {
            decisions[try row.required("decidedBy")] = try row.required("n")
        }
        // Active time: the gaps between a person's consecutive actions, up to five minutes each.
        var active: [String: Int64] = [:]
        var gaps = StatementParameters()
        let longest = gaps.bind(ActiveTime.maximumGapMilliseconds)
        for row in try execute(#"""
            SELECT "actor", SUM(CASE WHEN "gap" > 0 AND "gap" <= \#(longest)::bigint THEN "gap" ELSE 0 END) AS "active" FROM (
                SELECT "actor", ROUND(EXTRACT(EPOCH FROM (left("at", 23)::timestamp
                                      - LAG(left("at", 23)::timestamp) OVER (PARTITION BY "actor" ORDER BY "id"))) * 1000)::bigint AS "gap"
                FROM "auditEvent" WHERE "at" >= \#(gaps.bind(from)) AND "at" < \#(gaps.bind(until)) \#(inBatch(&gaps))) AS gaps
            GROUP BY "actor"
            """#, gaps.values) {
            active[try row.required("actor")] = try row.decode("active") ?? 0
        }
        return ReportAssembly.operatorFigures(keyed: keyed, errors: errors, decisions: decisions, active: active)
    }

    public func auditChainHead() throws -> AuditHead {
        let head = try readAuditHead()
        return AuditHead(events: Int(head.eventID), hash: head.hash)
    }

    public func progressSummaryDifferences() throws -> Int {
        let (kept, computed) = (PostgresProgressSummary.keptSelect, PostgresProgressSummary.summarySelect)
        return try count("""
            SELECT (SELECT COUNT(*) FROM (\(kept) EXCEPT \(computed)) AS a) + (SELECT COUNT(*) FROM (\(computed) EXCEPT \(kept)) AS b)
            """)
    }

    public func rebuildProgressSummary() throws -> Int {
        let differences = try progressSummaryDifferences()
        try execute(#"DELETE FROM "progressDay""#)
        try execute(#"INSERT INTO "progressDay" \#(PostgresProgressSummary.summarySelect)"#)
        return differences
    }
}
