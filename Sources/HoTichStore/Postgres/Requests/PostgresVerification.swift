import HoTichPostgres
public import HoTichModel

// Verification on PostgreSQL: field decisions, findings, duplicate flags and acceptance samples.

extension PostgresTransaction: DecisionReading, DecisionWriting {
    static let decisionColumns = #"""
        d."id", d."batchId", d."recordId", d."field", d."origin", d."pass1", d."pass2", d."decided", d."pass1Wrong", d."pass2Wrong",
        d."pass1Operator", d."pass2Operator", d."decidedBy", d."decidedAt", d."createdAt", d."supersededAt"
        """#

    func decision(from row: PostgresRow) throws -> FieldDecision {
        var decision = FieldDecision(
            batchId: try row.required("batchId"), recordId: try row.required("recordId"), field: try row.required("field"),
            origin: try row.value("origin", table: "fieldDecision", DecisionOrigin.init(rawValue:)),
            pass1: (try row.decode("pass1", as: String.self)).flatMap(FieldValue.init(stored:)),
            pass2: (try row.decode("pass2", as: String.self)).flatMap(FieldValue.init(stored:)),
            pass1Operator: try row.decode("pass1Operator"), pass2Operator: try row.decode("pass2Operator"), at: try row.required("createdAt"))
        decision.id = try row.decode("id")
        decision.decided = (try row.decode("decided", as: String.self)).flatMap(FieldValue.init(stored:))
        decision.pass1Wrong = try row.decode("pass1Wrong")
        decision.pass2Wrong = try row.decode("pass2Wrong")
        decision.decidedBy = try row.decode("decidedBy")
        decision.decidedAt = try row.decode("decidedAt")
        decision.supersededAt = try row.decode("supersededAt")
        return decision
    }

    func decisions(where condition: String, _ parameters: [any PostgresBindable]) throws -> [FieldDecision] {
        try execute(#"SELECT \#(Self.decisionColumns) FROM "fieldDecision" d WHERE \#(condition) ORDER BY d."id""#, parameters)
            .map(decision(from:))
    }

    public func decision(id: Int64) throws -> FieldDecision? {
        try decisions(where: #"d."id" = $1"#, [id]).first
    }

    public func decisionsInForce(batch batchID: String) throws -> [FieldDecision] {
        try decisions(where: #"d."batchId" = $1 AND d."supersededAt" IS NULL"#, [batchID])
    }

    public func openDecisions(batch batchID: String, origin: DecisionOrigin?) throws -> [FieldDecision] {
        if let origin {
            return try decisions(
                where: #"d."batchId" = $1 AND d."supersededAt" IS NULL AND d."decidedAt" IS NULL AND d."origin" = $2"#, [batchID, origin.rawValue])
        }
        return try decisions(where: #"d."batchId" = $1 AND d."supersededAt" IS NULL AND d."decidedAt" IS NULL"#, [batchID])
    }

    public func openDecisionCount(record recordId: String) throws -> Int {
        try count(#"SELECT COUNT(*) FROM "fieldDecision" WHERE "recordId" = $1 AND "decidedAt" IS NULL AND "supersededAt" IS NULL"#, [recordId])
    }

    public func decisionContexts(batch batchID: String, user: String) throws -> [DecisionContext] {
        try execute(#"""
            SELECT \#(Self.decisionColumns), r."number" AS "recordNumber", r."fields" AS "recordFields", f."path" AS "filePath",
                   EXISTS (SELECT 1 FROM "keying" k WHERE k."recordId" = d."recordId" AND k."operator" = $1) AS "keyedByMe"
            FROM "fieldDecision" d JOIN "record" r ON r."id" = d."recordId" LEFT JOIN "scanFile" f ON f."id" = r."scanFileId"
            WHERE d."batchId" = $2 AND d."decidedAt" IS NULL AND d."supersededAt" IS NULL
            ORDER BY f."path" COLLATE "C" NULLS FIRST, \#(Self.numberOrder("r")), d."id"
            """#, [user, batchID]).map { row in
            DecisionContext(
                decision: try decision(from: row), number: try row.decode("recordNumber"),
                recordFields: try FieldSetJSON.decode(try row.required("recordFields")), filePath: try row.decode("filePath"),
                keyedByAskingUser: try row.required("keyedByMe"))
        }
    }

    private func decisionValues(_ decision: FieldDecision) -> [any PostgresBindable] {
        [decision.batchId, decision.recordId, decision.field, decision.origin.rawValue, decision.pass1?.stored, decision.pass2?.stored,
         decision.decided?.stored, decision.pass1Wrong, decision.pass2Wrong, decision.pass1Operator, decision.pass2Operator,
         decision.decidedBy, decision.decidedAt, decision.createdAt, decision.supersededAt]
    }

    static let decisionInsertColumns = #"""
        "batchId", "recordId", "field", "origin", "pass1", "pass2", "decided", "pass1Wrong", "pass2Wrong", "pass1Operator",
        "pass2Operator", "decidedBy", "decidedAt", "createdAt", "supersededAt"
        """#

    @discardableResult
    public func insertDecision(_ decision: FieldDecision) throws -> FieldDecision {
        var decision = decision
        decision.id = try execute(#"""
            INSERT INTO "fieldDecision" (\#(Self.decisionInsertColumns))
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING "id"
            """#, decisionValues(decision)).first?.decode("id")
        return decision
    }

    public func updateDecision(_ decision: FieldDecision) throws {
        try execute(#"""
            UPDATE "fieldDecision" SET (\#(Self.decisionInsertColumns)) = ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            WHERE "id" = $16
            """#, decisionValues(decision) + [try required(decision.id, "fieldDecision")])
    }

    public func supersedeDecisions(record recordId: String, at time: String) throws {
        try execute(#"UPDATE "fieldDecision" SET "supersededAt" = $1 WHERE "recordId" = $2 AND "supersededAt" IS NULL"#, [time, recordId])
    }
}

extension PostgresTransaction: FindingReading, FindingWriting {
    static let findingColumns = #"""
        g."id", g."batchId", g."recordId", g."field", g."code", g."severity", g."detail", g."fingerprint", g."acknowledgedBy",
        g."acknowledgedAt", g."reason", g."foundAt"
        """#

    func finding(from row: PostgresRow) throws -> Finding {
        guard let code = FindingCode(rawValue: try row.required("code")),
              let detail = FindingDetail(code: code, encoded: try row.required("detail"))
        else { throw StoreFailure.damagedRow(table: "finding") }
        return Finding(
            id: try row.decode("id"), batchId: try row.required("batchId"), recordId: try row.decode("recordId"), field: try row.decode("field"),
            detail: detail, severity: try row.value("severity", table: "finding", Diagnostic.Severity.init(rawValue:)),
            fingerprint: try row.required("fingerprint"), acknowledgedBy: try row.decode("acknowledgedBy"),
            acknowledgedAt: try row.decode("acknowledgedAt"), reason: try row.decode("reason"), foundAt: try row.required("foundAt"))
    }

    public func finding(id: Int64) throws -> Finding? {
        try execute(#"SELECT \#(Self.findingColumns) FROM "finding" g WHERE g."id" = $1"#, [id]).first.map(finding(from:))
    }

    public func findings(batch batchID: String) throws -> [Finding] {
        try execute(#"""
            SELECT \#(Self.findingColumns) FROM "finding" g LEFT JOIN "record" r ON r."id" = g."recordId"
            LEFT JOIN "scanFile" f ON f."id" = r."scanFileId"
            WHERE g."batchId" = $1
            ORDER BY f."path" COLLATE "C" NULLS FIRST, \#(Self.numberOrder("r")), g."id"
            """#, [batchID]).map(finding(from:))
    }

    public func findings(batch batchID: String, severity: Diagnostic.Severity) throws -> [Finding] {
        try execute(#"SELECT \#(Self.findingColumns) FROM "finding" g WHERE g."batchId" = $1 AND g."severity" = $2 ORDER BY g."id""#,
                    [batchID, severity.rawValue]).map(finding(from:))
    }

    public func findingFingerprints(batch batchID: String) throws -> [(id: Int64, fingerprint: String)] {
        try execute(#"SELECT "id", "fingerprint" FROM "finding" WHERE "batchId" = $1 ORDER BY "id""#, [batchID])
            .map { (id: try $0.required("id"), fingerprint: try $0.required("fingerprint")) }
    }

    private func findingValues(_ finding: Finding) -> [any PostgresBindable] {
        [finding.batchId, finding.recordId, finding.field, finding.code.rawValue, finding.severity.rawValue, finding.detail.encoded,
         finding.fingerprint, finding.acknowledgedBy, finding.acknowledgedAt, finding.reason, finding.foundAt]
    }

    static let findingInsertColumns = #"""
        "batchId", "recordId", "field", "code", "severity", "detail", "fingerprint", "acknowledgedBy", "acknowledgedAt", "reason", "foundAt"
        """#

    public func insertFinding(_ finding: Finding) throws {
        try execute(
            #"INSERT INTO "finding" (\#(Self.findingInsertColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"#, findingValues(finding))
    }

    public func updateFinding(_ finding: Finding) throws {
        try execute(#"""
            UPDATE "finding" SET (\#(Self.findingInsertColumns)) = ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) WHERE "id" = $12
            """#, findingValues(finding) + [try required(finding.id, "finding")])
    }

    public func deleteFinding(id: Int64) throws {
        try execute(#"DELETE FROM "finding" WHERE "id" = $1"#, [id])
    }
}

extension PostgresTransaction: DuplicateReading, DuplicateWriting {
    static let flagColumns = #"""
        d."id", d."batchId", d."recordId", d."otherRecordId", d."basis", d."reregistration", d."decision", d."decidedBy", d."decidedAt",
        d."reason", d."foundAt"
        """#
    static let flagTableColumns = [
        "id", "batchId", "recordId", "otherRecordId", "basis", "reregistration", "decision", "decidedBy", "decidedAt", "reason", "foundAt",
    ]

    public func duplicateFlag(id: Int64) throws -> DuplicateFlag? {
        try fetchOne(DuplicateFlag.self, #"SELECT \#(Self.flagColumns) FROM "duplicateFlag" d WHERE d."id" = $1"#, [id])
    }

    public func duplicateFlags(batch batchID: String) throws -> [DuplicateFlag] {
        try fetchAll(DuplicateFlag.self, #"SELECT \#(Self.flagColumns) FROM "duplicateFlag" d WHERE d."batchId" = $1 ORDER BY d."id""#, [batchID])
    }

    public func duplicateFlagCount(batch batchID: String) throws -> Int {
        try count(#"SELECT COUNT(*) FROM "duplicateFlag" WHERE "batchId" = $1"#, [batchID])
    }

    public func isFlagged(record recordId: String, with otherId: String) throws -> Bool {
        try !execute(#"SELECT 1 FROM "duplicateFlag" WHERE "recordId" = $1 AND "otherRecordId" = $2"#, [recordId, otherId]).isEmpty
    }

    public func duplicateCandidates(batch batchID: String, undecidedOnly: Bool) throws -> [DuplicateCandidate] {
        try execute(#"""
            SELECT \#(Self.flagColumns), r."number" AS "number", o."batchId" AS "otherBatch", o."number" AS "otherNumber"
            FROM "duplicateFlag" d JOIN "record" r ON r."id" = d."recordId" JOIN "record" o ON o."id" = d."otherRecordId"
            WHERE d."batchId" = $1 \#(undecidedOnly ? #"AND d."decision" IS NULL"# : "")
            ORDER BY \#(Self.numberOrder("r")), d."id"
            """#, [batchID]).map { row in
            DuplicateCandidate(
                flag: try decodeRow(DuplicateFlag.self, row), number: try row.decode("number"), otherBatch: try row.required("otherBatch"),
                otherNumber: try row.decode("otherNumber"))
        }
    }

    public func insertDuplicateFlag(_ flag: DuplicateFlag) throws {
        try insert(flag, into: "duplicateFlag")
    }

    public func updateDuplicateFlag(_ flag: DuplicateFlag) throws {
        try update(flag, in: "duplicateFlag", columns: Self.flagTableColumns)
    }

    public func deleteDuplicateFlag(id: Int64) throws {
        try execute(#"DELETE FROM "duplicateFlag" WHERE "id" = $1"#, [id])
    }
}

extension PostgresTransaction: SampleReading, SampleWriting {
    static let drawColumns = [
        "id", "batchId", "aql", "seed", "lotSize", "codeLetter", "sampleSize", "acceptance", "drawnBy", "drawnAt", "outcome", "defective",
        "decidedAt",
    ]
    static var drawSelect: String { "SELECT " + drawColumns.map { "s.\(PostgresRoles.quoted($0))" }.joined(separator: ", ") + #" FROM "sampleDraw" s "# }

    public func sampleDraw(id: Int64) throws -> SampleDraw? {
        try fetchOne(SampleDraw.self, Self.drawSelect + #"WHERE s."id" = $1"#, [id])
    }

    public func latestSampleDraw(batch batchID: String) throws -> SampleDraw? {
        try fetchOne(SampleDraw.self, Self.drawSelect + #"WHERE s."batchId" = $1 ORDER BY s."id" DESC LIMIT 1"#, [batchID])
    }

    public func pendingSampleDraw(batch batchID: String) throws -> SampleDraw? {
        try fetchOne(SampleDraw.self, Self.drawSelect + #"WHERE s."batchId" = $1 AND s."outcome" IS NULL ORDER BY s."id" LIMIT 1"#, [batchID])
    }

    public func sampleItemCount(draw drawId: Int64, checked: Bool) throws -> Int {
        try count(#"SELECT COUNT(*) FROM "sampleItem" WHERE "drawId" = $1 AND "checkedAt" IS \#(checked ? "NOT NULL" : "NULL")"#, [drawId])
    }

    public func nextSampleRecord(draw drawId: Int64, excludingKeyer keyer: String) throws -> String? {
        try execute(#"""
            SELECT s."recordId" FROM "sampleItem" s WHERE s."drawId" = $1 AND s."checkedAt" IS NULL
              AND NOT EXISTS (SELECT 1 FROM "keying" k WHERE k."recordId" = s."recordId" AND k."operator" = $2)
            ORDER BY s."position" LIMIT 1
            """#, [drawId, keyer]).first?.decode("recordId")
    }

    public func defectiveSampleRecords(draw drawId: Int64) throws -> [String] {
        try execute(#"SELECT "recordId" FROM "sampleItem" WHERE "drawId" = $1 AND "defects" > 0 ORDER BY "position""#, [drawId])
            .map { try $0.required("recordId") }
    }

    public func insertSampleDraw(_ draw: SampleDraw, records: [String]) throws -> SampleDraw {
        var draw = draw
        draw.id = try insert(draw, into: "sampleDraw", returningID: true)
        let drawId = try required(draw.id, "sampleDraw")
        for (index, recordId) in records.enumerated() {
            try insert(SampleItem(drawId: drawId, recordId: recordId, position: index + 1), into: "sampleItem")
        }
        return draw
    }

    public func updateSampleDraw(_ draw: SampleDraw) throws {
        try update(draw, in: "sampleDraw", columns: Self.drawColumns)
    }

    public func markSampleItemChecked(draw drawId: Int64, record recordId: String, by checker: String, at time: String, defects: Int) throws {
        try execute(
            #"UPDATE "sampleItem" SET "checkedBy" = $1, "checkedAt" = $2, "defects" = $3 WHERE "drawId" = $4 AND "recordId" = $5"#,
            [checker, time, defects, drawId, recordId])
    }
}

extension PostgresTransaction: CorrectionReading, CorrectionWriting {
    public func correctedRecordsToExport() throws -> [String] {
        try execute(#"""
            SELECT r."id" FROM "record" r
            WHERE r."withdrawnAt" IS NULL AND EXISTS (SELECT 1 FROM "exportedRecord" e WHERE e."recordId" = r."id" AND NOT e."withdrawal")
              AND r."version" > (SELECT MAX(e."version") FROM "exportedRecord" e WHERE e."recordId" = r."id" AND NOT e."withdrawal")
            ORDER BY r."batchId" COLLATE "C", \#(Self.numberOrder("r")), r."id"
            """#).map { try $0.required("id") }
    }

    public func withdrawalsToExport() throws -> [RecordChange] {
        try changes(#"""
            SELECT c.* FROM "recordChange" c
            WHERE c."kind" = 'withdrawal' AND NOT EXISTS (SELECT 1 FROM "exportedRecord" e WHERE e."recordId" = c."recordId" AND e."withdrawal")
            ORDER BY c."id"
            """#, [])
    }

    public func corrections(record recordId: String, after version: Int) throws -> [RecordChange] {
        try changes(#"SELECT * FROM "recordChange" WHERE "recordId" = $1 AND "kind" = 'correction' AND "version" > $2 ORDER BY "id""#, [recordId, version])
    }

    public func changes(record recordId: String) throws -> [RecordChange] {
        try changes(#"SELECT * FROM "recordChange" WHERE "recordId" = $1 ORDER BY "id""#, [recordId])
    }

    private func changes(_ sql: String, _ parameters: [any PostgresBindable]) throws -> [RecordChange] {
        try execute(sql, parameters).map { row in
            RecordChange(
                recordId: try row.required("recordId"), kind: try row.value("kind", table: "recordChange", RecordChange.Kind.init(rawValue:)),
                version: try row.required("version"), field: try row.decode("field"), reason: try row.required("reason"),
                by: try row.required("by"), at: try row.required("at"))
        }
    }

    public func insertRecordChange(_ change: RecordChange) throws {
        try execute(
            #"INSERT INTO "recordChange" ("recordId", "kind", "version", "field", "reason", "by", "at") VALUES ($1, $2, $3, $4, $5, $6, $7)"#,
            [change.recordId, change.kind.rawValue, change.version, change.field, change.reason, change.by, change.at])
    }
}
