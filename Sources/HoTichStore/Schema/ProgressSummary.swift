/// The daily summary the progress reports read: per Vietnamese day, batch and person, what was
/// received, keyed, verified, exported and accepted, and the keying and conflicts behind it.
///
/// Reports over a year of a million records must not scan the records, so the summary is kept in
/// the same transaction as every write it counts: nothing is committed without its count, and
/// nothing is counted that was rolled back. Triggers keep it for every change but the two an
/// import makes a hundred thousand times — inserting a record and a keying — which the store
/// counts itself (``recordInserted`` and ``keyingInserted`` after a single insert, and the bulk
/// writer once per import): a trigger on those inserts, even one that does nothing, cost the
/// import about 10 µs a row (a statement journal each), half its speed. `rebuildSelect` computes
/// the same table from the data; `hotich report rebuild` compares the two and replaces the
/// summary (a test checks they agree after a whole workflow).
///
/// The triggers were created by migration v10 and are part of what it means; a change to them is a
/// new migration that drops and recreates them.
enum ProgressSummary {
    /// The counters, in the order of ``HoTichModel/ProgressCounters``.
    static let counters = [
        "entries", "keyed", "verified", "exported", "accepted", "keyings", "fields", "typedKeyings", "typedFields",
        "conflicts",
    ]

    /// The Vietnamese day (UTC+7) of a stored UTC time. A time that is not one (never written by
    /// hotich, but possible in a very old or hand-edited file) counts on 1970-01-01, so that it is
    /// in every total and in no recent week, instead of refusing the write.
    static func day(_ time: String) -> String { "IFNULL(date(\(time), '+7 hours'), '1970-01-01')" }

    /// Adds `values` (counter → SQL expression) to the summary row of `day`, `batch` and `actor`,
    /// when `condition` holds (the expressions read the row `from` names, when given).
    static func add(
        day: String, batch: String, actor: String, _ values: [String: String], from: String? = nil, when condition: String = "1"
    ) -> String {
        // Only the counters the trigger moves are written; the others keep their defaults (0).
        let moved = counters.filter { values[$0] != nil }
        return """
            INSERT INTO progressDay (day, batchId, actor, \(moved.joined(separator: ", ")))
            SELECT \(day), \(batch), \(actor), \(moved.compactMap { values[$0] }.joined(separator: ", ")) \(from.map { "FROM \($0) " } ?? "")WHERE \(condition)
            ON CONFLICT (day, batchId, actor) DO UPDATE SET
            \(moved.map { "\($0) = \($0) + excluded.\($0)" }.joined(separator: ", "));
            """
    }

    /// The number of fields of a keying row `k` (its own values, or its record's).
    ///
    /// Stored values are a JSON object whose values are all strings, written by `FieldSetJSON`
    /// without spaces: each field is one `":"` (a quote inside a value is escaped, so the three
    /// characters never occur inside one). Counting them is exact and costs a fraction of parsing
    /// the object with `json_each` on every keying an import writes.
    static func fieldCount(_ k: String) -> String {
        let values = "COALESCE(\(k).fields, (SELECT fields FROM record WHERE record.id = \(k).recordId))"
        return "(SELECT (length(v) - length(replace(v, '\":\"', ''))) / 3 FROM (SELECT \(values) AS v))"
    }

    /// Moves a record's one count from the day its set of rows gave before the change to the day
    /// it gives after: `before` and `after` are SQL expressions of the earliest time (or NULL).
    static func move(_ counter: String, batch: String, before: String, after: String) -> String {
        let changed = "(\(before)) IS NOT (\(after))"
        return add(day: day("(\(before))"), batch: batch, actor: "''", [counter: "-1"], when: "(\(before)) IS NOT NULL AND \(changed)")
            + "\n" + add(day: day("(\(after))"), batch: batch, actor: "''", [counter: "1"], when: "(\(after)) IS NOT NULL AND \(changed)")
    }

    /// The earliest `time` among a record's export rows matching `condition`, leaving out the row
    /// `NEW` (when `excludingNew`) and adding `OLD`'s time (when given and it matched).
    static func earliest(_ time: (String) -> String, where condition: (String) -> String, excludingNew: Bool, old: Bool) -> String {
        var parts = ["SELECT \(time("e")) AS t FROM exportedRecord e WHERE e.recordId = NEW.recordId AND \(condition("e"))"
            + (excludingNew ? " AND NOT (e.version = NEW.version AND e.packageId = NEW.packageId)" : "")]
        if old { parts.append("SELECT \(time("OLD")) WHERE \(condition("OLD"))") }
        return "SELECT MIN(t) FROM (\(parts.joined(separator: " UNION ALL ")))"
    }

    static func exportTime(_ e: String) -> String { "\(e).exportedAt" }
    static func receiptTime(_ e: String) -> String { "COALESCE(\(e).receiptAt, \(e).exportedAt)" }
    static func delivered(_ e: String) -> String { "NOT \(e).withdrawal" }
    static func accepted(_ e: String) -> String { "NOT \(e).withdrawal AND \(e).receipt IS 'accepted'" }

    static func batchReceivedDay(_ batch: String) -> String {
        "(SELECT \(day("receivedAt")) FROM batch WHERE batch.id = \(batch))"
    }

    static func isUsable(_ scanFile: String) -> String {
        "(SELECT usable FROM scanFile WHERE scanFile.id = \(scanFile))"
    }

    static func keying(_ k: String, sign: String) -> [String: String] {
        [
            "keyings": sign + "1", "fields": sign + fieldCount(k),
            "typedKeyings": "\(sign)(\(k).source = 'interactive')",
            "typedFields": "\(sign)(CASE WHEN \(k).source = 'interactive' THEN \(fieldCount(k)) ELSE 0 END)",
        ]
    }

    /// The batch of the export row `NEW`'s record.
    static let recordBatch = "(SELECT batchId FROM record WHERE id = NEW.recordId)"

    static func verifiedBy(_ r: String) -> String { "IFNULL(\(r).verifiedBy, '')" }
    static func verifiedDay(_ r: String) -> String { day("COALESCE(\(r).verifiedAt, \(r).createdAt)") }

    /// The table, its triggers and the indexes the reports need.
    static var schemaSQL: String {
        """
        CREATE TABLE progressDay (
            day TEXT NOT NULL, batchId TEXT NOT NULL, actor TEXT NOT NULL,
            \(counters.map { "\($0) INTEGER NOT NULL DEFAULT 0" }.joined(separator: ", ")),
            PRIMARY KEY (day, batchId, actor)) WITHOUT ROWID;

        CREATE TRIGGER progress_scanFile_received AFTER INSERT ON scanFile WHEN NEW.usable BEGIN
        \(add(day: batchReceivedDay("NEW.batchId"), batch: "NEW.batchId", actor: "''", ["entries": "1"]))
        END;
        CREATE TRIGGER progress_file_marked AFTER INSERT ON nonEntryFile WHEN NEW.clearedAt IS NULL BEGIN
        \(add(day: day("NEW.markedAt"), batch: "NEW.batchId", actor: "''", ["entries": "-1"], when: isUsable("NEW.scanFileId")))
        END;
        CREATE TRIGGER progress_file_mark_cleared AFTER UPDATE OF clearedAt ON nonEntryFile
        WHEN OLD.clearedAt IS NULL AND NEW.clearedAt IS NOT NULL BEGIN
        \(add(day: day("NEW.clearedAt"), batch: "NEW.batchId", actor: "''", ["entries": "1"], when: isUsable("NEW.scanFileId")))
        END;

        CREATE TRIGGER progress_record_verification AFTER UPDATE OF status, verifiedAt, verifiedBy ON record
        WHEN (OLD.status = 'verified' OR NEW.status = 'verified')
         AND (OLD.status IS NOT NEW.status OR OLD.verifiedAt IS NOT NEW.verifiedAt OR OLD.verifiedBy IS NOT NEW.verifiedBy) BEGIN
        \(add(day: verifiedDay("OLD"), batch: "OLD.batchId", actor: verifiedBy("OLD"), ["verified": "-1"], when: "OLD.status = 'verified'"))
        \(add(day: verifiedDay("NEW"), batch: "NEW.batchId", actor: verifiedBy("NEW"), ["verified": "1"], when: "NEW.status = 'verified'"))
        END;

        CREATE TRIGGER progress_record_exported AFTER INSERT ON exportedRecord WHEN NOT NEW.withdrawal BEGIN
        \(move("exported", batch: recordBatch,
               before: earliest(exportTime, where: delivered, excludingNew: true, old: false),
               after: earliest(exportTime, where: delivered, excludingNew: false, old: false)))
        END;
        CREATE TRIGGER progress_record_accepted_on_arrival AFTER INSERT ON exportedRecord
        WHEN NOT NEW.withdrawal AND NEW.receipt IS 'accepted' BEGIN
        \(move("accepted", batch: recordBatch,
               before: earliest(receiptTime, where: accepted, excludingNew: true, old: false),
               after: earliest(receiptTime, where: accepted, excludingNew: false, old: false)))
        END;
        CREATE TRIGGER progress_record_accepted AFTER UPDATE OF receipt, receiptAt ON exportedRecord
        WHEN (OLD.receipt IS 'accepted' OR NEW.receipt IS 'accepted') BEGIN
        \(move("accepted", batch: recordBatch,
               before: earliest(receiptTime, where: accepted, excludingNew: true, old: true),
               after: earliest(receiptTime, where: accepted, excludingNew: false, old: false)))
        END;

        CREATE TRIGGER progress_keying_changed AFTER UPDATE OF state, savedAt, operator, fields, source ON keying
        WHEN OLD.state = 'complete' OR NEW.state = 'complete' BEGIN
        \(add(day: day("OLD.savedAt"), batch: "OLD.batchId", actor: "OLD.operator", keying("OLD", sign: "-"), when: "OLD.state = 'complete'"))
        \(add(day: day("NEW.savedAt"), batch: "NEW.batchId", actor: "NEW.operator", keying("NEW", sign: ""), when: "NEW.state = 'complete'"))
        END;
        CREATE TRIGGER progress_keying_deleted AFTER DELETE ON keying WHEN OLD.state = 'complete' BEGIN
        \(add(day: day("OLD.savedAt"), batch: "OLD.batchId", actor: "OLD.operator", keying("OLD", sign: "-")))
        END;

        CREATE TRIGGER progress_conflict_found AFTER INSERT ON fieldDecision WHEN NEW.origin = 'conflict' BEGIN
        \(add(day: day("NEW.createdAt"), batch: "NEW.batchId", actor: "''", ["conflicts": "1"]))
        END;

        CREATE INDEX auditEvent_on_at ON auditEvent (at);
        CREATE INDEX scanFile_damaged ON scanFile (batchId) WHERE NOT usable;
        CREATE INDEX exportedRecord_rejected ON exportedRecord (recordId) WHERE receipt = 'rejected';
        CREATE INDEX fieldDecision_open ON fieldDecision (batchId) WHERE decidedAt IS NULL AND supersededAt IS NULL;
        CREATE INDEX fieldDecision_on_decidedAt ON fieldDecision (decidedAt) WHERE decidedAt IS NOT NULL;
        """
    }

    /// What inserting the record whose id is the argument adds (the statements run after the insert).
    static let recordInserted = [
        add(day: day("NEW.createdAt"), batch: "NEW.batchId", actor: "''", ["keyed": "1", "entries": "(NEW.scanFileId IS NULL)"],
            from: "record AS NEW", when: "NEW.id = ?"),
        add(day: verifiedDay("NEW"), batch: "NEW.batchId", actor: verifiedBy("NEW"), ["verified": "1"],
            from: "record AS NEW", when: "NEW.id = ? AND NEW.status = 'verified'"),
    ]

    /// What inserting the keying whose id is the argument adds.
    static let keyingInserted = add(
        day: day("NEW.savedAt"), batch: "NEW.batchId", actor: "NEW.operator", keying("NEW", sign: ""),
        from: "keying AS NEW", when: "NEW.id = ? AND NEW.state = 'complete'")

    /// The summary computed from the data itself: what the triggers keep, row for row.
    static var rebuildSelect: String {
        func row(_ day: String, _ batch: String, _ actor: String, _ values: [String: String]) -> String {
            "SELECT \(day) AS day, \(batch) AS batchId, \(actor) AS actor, "
                + counters.map { "\(values[$0] ?? "0") AS \($0)" }.joined(separator: ", ")
        }
        let parts = [
            row(day("b.receivedAt"), "s.batchId", "''", ["entries": "1"])
                + " FROM scanFile s JOIN batch b ON b.id = s.batchId WHERE s.usable",
            row(day("n.markedAt"), "n.batchId", "''", ["entries": "-1"])
                + " FROM nonEntryFile n JOIN scanFile s ON s.id = n.scanFileId WHERE s.usable",
            row(day("n.clearedAt"), "n.batchId", "''", ["entries": "1"])
                + " FROM nonEntryFile n JOIN scanFile s ON s.id = n.scanFileId WHERE s.usable AND n.clearedAt IS NOT NULL",
            row(day("r.createdAt"), "r.batchId", "''", ["keyed": "1", "entries": "(r.scanFileId IS NULL)"]) + " FROM record r",
            row(verifiedDay("r"), "r.batchId", verifiedBy("r"), ["verified": "1"]) + " FROM record r WHERE r.status = 'verified'",
            row(day("MIN(e.exportedAt)"), "r.batchId", "''", ["exported": "1"])
                + " FROM exportedRecord e JOIN record r ON r.id = e.recordId WHERE NOT e.withdrawal GROUP BY e.recordId",
            row(day("MIN(COALESCE(e.receiptAt, e.exportedAt))"), "r.batchId", "''", ["accepted": "1"])
                + " FROM exportedRecord e JOIN record r ON r.id = e.recordId"
                + " WHERE NOT e.withdrawal AND e.receipt = 'accepted' GROUP BY e.recordId",
            row(day("k.savedAt"), "k.batchId", "k.operator", keying("k", sign: "")) + " FROM keying k WHERE k.state = 'complete'",
            row(day("f.createdAt"), "f.batchId", "''", ["conflicts": "1"]) + " FROM fieldDecision f WHERE f.origin = 'conflict'",
        ]
        return """
            SELECT day, batchId, actor, \(counters.map { "SUM(\($0)) AS \($0)" }.joined(separator: ", "))
            FROM (\(parts.joined(separator: "\nUNION ALL\n")))
            GROUP BY day, batchId, actor
            HAVING \(counters.map { "SUM(\($0)) <> 0" }.joined(separator: " OR "))
            """
    }
}
