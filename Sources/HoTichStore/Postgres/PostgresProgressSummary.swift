/// The daily summary on PostgreSQL: the table the progress reports read (SQLite's `progressDay`,
/// see ``ProgressSummary``), kept by the server in the same statement as every change it counts.
///
/// Each counted table has one trigger function and three statement triggers (insert, update,
/// delete) that read the statement's transition tables: what the changed rows counted before is
/// taken away and what they count now is added, aggregated per day, batch and person, in one
/// upsert. A statement trigger fires once per statement, so the bulk import's `COPY` of five
/// thousand records is counted by one aggregate, and a single save by one small one. The triggers
/// fire for every client (a province's other tools too), and a rolled-back statement takes its
/// counts with it. ``summarySelect`` computes the same rows from the data: `hotich report rebuild`
/// compares and replaces, and the store tests compare the two after whole workflows.
enum PostgresProgressSummary {
    static let counters = ProgressSummary.counters

    static func day(_ time: String) -> String { #""hotich_day"(\#(time))"# }

    /// One part of a table's contribution: a `SELECT` of (time, batch, actor, counters…) reading
    /// the rows of `relation` (a table, a transition table or a subquery), each counter times `sign`.
    typealias Part = @Sendable (_ relation: String, _ sign: Int) -> String

    /// One part's row: the stored time its counts fall on (made a day only once the rows are
    /// summed by time: `hotich_day` costs microseconds, and a statement's rows mostly share one time).
    static func row(_ time: String, _ batch: String, _ actor: String, _ values: [String: String], sign: Int) -> String {
        "SELECT \(time) AS \"time\", \(batch) AS \"batchId\", \(actor) AS \"actor\", "
            + counters.map { name in values[name].map { "(\(sign) * (\($0)))::bigint AS \"\(name)\"" } ?? "0::bigint AS \"\(name)\"" }
            .joined(separator: ", ")
    }

    static func keying(_ k: String) -> [String: String] {
        let fields = #""hotich_field_count"(COALESCE(\#(k)."fields", (SELECT r2."fields" FROM "record" r2 WHERE r2."id" = \#(k)."recordId")))"#
        return [
            "keyings": "1", "fields": fields, "typedKeyings": #"(\#(k)."source" = 'interactive')::int"#,
            "typedFields": #"(CASE WHEN \#(k)."source" = 'interactive' THEN \#(fields) ELSE 0 END)"#,
        ]
    }

    /// A counted table and what its rows count.
    struct CountedTable: Sendable {
        let table: String
        let parts: [Part]
        /// The relations the trigger reads for an operation, each with its sign: by default what
        /// the statement's rows count after (+1) and before (−1).
        var relations: @Sendable (_ operation: Operation) -> [(relation: String, sign: Int)] = { operation in
            switch operation {
            case .insert: [(#""new_rows""#, 1)]
            case .delete: [(#""old_rows""#, -1)]
            case .update: [(#""new_rows""#, 1), (#""old_rows""#, -1)]
            }
        }

        /// Common table expressions the relations name, computed once per statement (`WITH …`).
        var preamble: @Sendable (_ operation: Operation) -> String? = { _ in nil }

        var functionName: String { "hotich_progress_\(table)" }
    }

    enum Operation: String, CaseIterable, Sendable {
        case insert = "INSERT", update = "UPDATE", delete = "DELETE"

        var triggerSuffix: String {
            switch self {
            case .insert: "inserted"
            case .update: "updated"
            case .delete: "deleted"
            }
        }

        var transitionTables: String {
            switch self {
            case .insert: #"NEW TABLE AS "new_rows""#
            case .update: #"OLD TABLE AS "old_rows" NEW TABLE AS "new_rows""#
            case .delete: #"OLD TABLE AS "old_rows""#
            }
        }
    }

    static let tables: [CountedTable] = [
        CountedTable(table: "scanFile", parts: [
            { rel, sign in
                row(#"b."receivedAt""#, #"s."batchId""#, "''", ["entries": "1"], sign: sign)
                    + #" FROM \#(rel) s JOIN "batch" b ON b."id" = s."batchId" WHERE s."usable""#
            },
        ]),
        CountedTable(table: "nonEntryFile", parts: [
            { rel, sign in
                row(#"n."markedAt""#, #"n."batchId""#, "''", ["entries": "-1"], sign: sign)
                    + #" FROM \#(rel) n JOIN "scanFile" s ON s."id" = n."scanFileId" WHERE s."usable""#
            },
            { rel, sign in
                row(#"n."clearedAt""#, #"n."batchId""#, "''", ["entries": "1"], sign: sign)
                    + #" FROM \#(rel) n JOIN "scanFile" s ON s."id" = n."scanFileId" WHERE s."usable" AND n."clearedAt" IS NOT NULL"#
            },
        ]),
        CountedTable(table: "record", parts: [
            { rel, sign in
                row(#"r."createdAt""#, #"r."batchId""#, "''", ["keyed": "1", "entries": #"(r."scanFileId" IS NULL)::int"#], sign: sign)
                    + " FROM \(rel) r"
            },
            { rel, sign in
                row(#"COALESCE(r."verifiedAt", r."createdAt")"#, #"r."batchId""#, #"COALESCE(r."verifiedBy", '')"#, ["verified": "1"], sign: sign)
                    + #" FROM \#(rel) r WHERE r."status" = 'verified'"#
            },
        ]),
        // A record counts as exported on the day of its first delivery, and as accepted on the day
        // of its first acceptance: aggregates over all of a record's rows, so the trigger reads
        // every row of the records the statement touched, as they were and as they are.
        CountedTable(table: "exportedRecord", parts: [
            { rel, sign in
                row(#"MIN(e."exportedAt")"#, #"MIN(r."batchId")"#, "''", ["exported": "1"], sign: sign)
                    + #" FROM \#(rel) e JOIN "record" r ON r."id" = e."recordId" WHERE NOT e."withdrawal" GROUP BY e."recordId""#
            },
            { rel, sign in
                row(#"MIN(COALESCE(e."receiptAt", e."exportedAt"))"#, #"MIN(r."batchId")"#, "''", ["accepted": "1"], sign: sign)
                    + #" FROM \#(rel) e JOIN "record" r ON r."id" = e."recordId""#
                    + #" WHERE NOT e."withdrawal" AND e."receipt" = 'accepted' GROUP BY e."recordId""#
            },
        ], relations: { _ in [(#""now_rows""#, 1), (#""before_rows""#, -1)] }, preamble: exportRows),
        CountedTable(table: "keying", parts: [
            { rel, sign in
                row(#"k."savedAt""#, #"k."batchId""#, #"k."operator""#, keying("k"), sign: sign)
                    + #" FROM \#(rel) k WHERE k."state" = 'complete'"#
            },
        ]),
        CountedTable(table: "fieldDecision", parts: [
            { rel, sign in
                row(#"f."createdAt""#, #"f."batchId""#, "''", ["conflicts": "1"], sign: sign)
                    + #" FROM \#(rel) f WHERE f."origin" = 'conflict'"#
            },
        ]),
    ]

    /// The export rows of the records a statement touched, as they are now (`now_rows`) and as
    /// they were (`before_rows`: now's rows without the statement's new ones, with its old ones),
    /// each read once: both parts (exported, accepted) count from them.
    static func exportRows(_ operation: Operation) -> String? {
        let touched = switch operation {
        case .insert: #"SELECT "recordId" FROM "new_rows""#
        case .delete: #"SELECT "recordId" FROM "old_rows""#
        case .update: #"SELECT "recordId" FROM "new_rows" UNION SELECT "recordId" FROM "old_rows""#
        }
        // Set operations, not a correlated NOT EXISTS: a transition table has no index, and an
        // export's statement inserts thousands of rows.
        let withoutNew = operation == .delete ? "" : #" EXCEPT ALL SELECT * FROM "new_rows""#
        let withOld = operation == .insert ? "" : #" UNION ALL SELECT * FROM "old_rows""#
        return #"""
            WITH "now_rows" AS MATERIALIZED (SELECT x.* FROM "exportedRecord" x WHERE x."recordId" IN (\#(touched))),
                 "before_rows" AS MATERIALIZED ((SELECT * FROM "now_rows"\#(withoutNew))\#(withOld))
            """#
    }

    /// Rows of (day, batch, actor, counters…) summing `parts`: first by stored time, then by day.
    static func summed(_ parts: [String]) -> String {
        let columns = counters.map { "\"\($0)\"" }
        return """
            SELECT \(day(#""time""#)) AS "day", "batchId", "actor", \(columns.map { "SUM(\($0))::bigint AS \($0)" }.joined(separator: ", "))
                FROM (SELECT "time", "batchId", "actor", \(columns.map { "SUM(\($0)) AS \($0)" }.joined(separator: ", "))
                      FROM (\(parts.joined(separator: "\n        UNION ALL "))) AS "parts"
                      GROUP BY "time", "batchId", "actor") AS "byTime"
                GROUP BY 1, "batchId", "actor"
                HAVING \(columns.map { "SUM(\($0)) <> 0" }.joined(separator: " OR "))
            """
    }

    /// Adds what an `operation` on `table` changed to the summary (its relations, after its
    /// preamble), one upsert per day, batch and actor.
    static func upsert(_ table: CountedTable, _ operation: Operation) -> String {
        let parts = table.relations(operation).flatMap { relation in table.parts.map { "(\($0(relation.relation, relation.sign)))" } }
        let columns = counters.map { "\"\($0)\"" }
        return """
            \(table.preamble(operation).map { $0 + "\n    " } ?? "")INSERT INTO "progressDay" ("day", "batchId", "actor", \(columns.joined(separator: ", ")))
                \(summed(parts))
                ON CONFLICT ("day", "batchId", "actor") DO UPDATE SET
                \(columns.map { "\($0) = \"progressDay\".\($0) + excluded.\($0)" }.joined(separator: ", "));
            """
    }

    /// The body of a counted table's trigger function, as PostgreSQL keeps it (`audit verify`
    /// compares it).
    static func functionBody(_ table: CountedTable) -> String {
        // Each branch names only the transition tables its operation has: a statement is planned
        // when first run, and a name the trigger lacks would fail.
        """

            BEGIN
                IF TG_OP = 'INSERT' THEN
                    \(upsert(table, .insert))
                ELSIF TG_OP = 'DELETE' THEN
                    \(upsert(table, .delete))
                ELSE
                    \(upsert(table, .update))
                END IF;
                RETURN NULL;
            END
            """
    }

    static func triggerName(_ table: CountedTable, _ operation: Operation) -> String {
        "\(table.table)_progress_\(operation.triggerSuffix)"
    }

    static var expectedTriggers: [String] {
        tables.flatMap { table in Operation.allCases.map { triggerName(table, $0) } }
    }

    static var expectedFunctions: [String: String] {
        Dictionary(uniqueKeysWithValues: tables.map { ($0.functionName, functionBody($0)) })
    }

    /// The table, its trigger functions and triggers.
    static var schemaSQL: String {
        var sql = """
            CREATE TABLE "progressDay" (
                "day" TEXT NOT NULL, "batchId" TEXT NOT NULL, "actor" TEXT NOT NULL,
                \(counters.map { "\"\($0)\" BIGINT NOT NULL DEFAULT 0" }.joined(separator: ", ")),
                PRIMARY KEY ("day", "batchId", "actor"));

            """
        for table in tables {
            sql += #"CREATE FUNCTION "\#(table.functionName)"() RETURNS trigger LANGUAGE plpgsql AS $$\#(functionBody(table))$$;"# + "\n"
            for operation in Operation.allCases {
                sql += """
                    CREATE TRIGGER "\(triggerName(table, operation))" AFTER \(operation.rawValue) ON "\(table.table)"
                        REFERENCING \(operation.transitionTables) FOR EACH STATEMENT EXECUTE FUNCTION "\(table.functionName)"();

                    """
            }
        }
        return sql
    }

    /// The summary computed from the data itself: what the triggers keep, row for row (rows
    /// whose counters are all zero left out).
    static var summarySelect: String {
        summed(tables.flatMap { table in table.parts.map { "(\($0("\"\(table.table)\"", 1)))" } })
    }

    /// The kept rows whose counters are not all zero.
    static var keptSelect: String {
        let columns = counters.map { "\"\($0)\"" }
        return #"SELECT "day", "batchId", "actor", \#(columns.joined(separator: ", ")) FROM "progressDay" WHERE "#
            + columns.map { "\($0) <> 0" }.joined(separator: " OR ")
    }
}
