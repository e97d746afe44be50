import GRDB
public import HoTichModel

/// Field decisions: conflicts between passes, doubts, errors to correct, and review corrections,
/// each open until a verifier decides it, and superseded when its record is keyed again.
public protocol DecisionReading {
    func decision(id: Int64) throws -> FieldDecision?
    /// A batch's decisions still in force (decided or open, not superseded).
    func decisionsInForce(batch batchID: String) throws -> [FieldDecision]
    /// A batch's open decisions (undecided, not superseded), of one origin when one is given.
    func openDecisions(batch batchID: String, origin: DecisionOrigin?) throws -> [FieldDecision]
    /// How many decisions are open on a record.
    func openDecisionCount(record recordId: String) throws -> Int
    /// A batch's open decisions with what a verifier needs beside them, by scan and number;
    /// `user` tells whether the asking user keyed each record.
    func decisionContexts(batch batchID: String, user: String) throws -> [DecisionContext]
}

public protocol DecisionWriting {
    /// - Returns: the decision with its id.
    @discardableResult
    func insertDecision(_ decision: FieldDecision) throws -> FieldDecision
    func updateDecision(_ decision: FieldDecision) throws
    /// Supersedes every decision of a record still in force.
    func supersedeDecisions(record recordId: String, at time: String) throws
}

extension DerivableRequest<FieldDecision> {
    func inBatch(_ batchID: String) -> Self { filter(Column("batchId") == batchID) }
    func inForce() -> Self { filter(Column("supersededAt") == nil) }
    func undecided() -> Self { filter(Column("decidedAt") == nil) }
}

extension SQLiteTransaction: DecisionReading, DecisionWriting {
    public func decision(id: Int64) throws -> FieldDecision? {
        try FieldDecision.fetchOne(db, key: id)
    }

    public func decisionsInForce(batch batchID: String) throws -> [FieldDecision] {
        try FieldDecision.all().inBatch(batchID).inForce().order(Column("id")).fetchAll(db)
    }

    public func openDecisions(batch batchID: String, origin: DecisionOrigin?) throws -> [FieldDecision] {
        var request = FieldDecision.all().inBatch(batchID).inForce().undecided()
        if let origin { request = request.filter(Column("origin") == origin) }
        return try request.order(Column("id")).fetchAll(db)
    }

    public func openDecisionCount(record recordId: String) throws -> Int {
        try count("SELECT COUNT(*) FROM fieldDecision WHERE recordId = ? AND decidedAt IS NULL AND supersededAt IS NULL", [recordId])
    }

    public func decisionContexts(batch batchID: String, user: String) throws -> [DecisionContext] {
        try Row.fetchAll(db, sql: """
            SELECT d.*, r.number AS recordNumber, r.fields AS recordFields, f.path AS filePath,
                   EXISTS (SELECT 1 FROM keying k WHERE k.recordId = d.recordId AND k.operator = ?) AS keyedByMe
            FROM fieldDecision d JOIN record r ON r.id = d.recordId LEFT JOIN scanFile f ON f.id = r.scanFileId
            WHERE d.batchId = ? AND d.decidedAt IS NULL AND d.supersededAt IS NULL
            ORDER BY f.path, CAST(r.number AS INTEGER), d.id
            """, arguments: [user, batchID]).map { row in
            DecisionContext(
                decision: try FieldDecision(row: row), number: row["recordNumber"],
                recordFields: try FieldSetJSON.decode(row["recordFields"]), filePath: row["filePath"],
                keyedByAskingUser: row["keyedByMe"])
        }
    }

    @discardableResult
    public func insertDecision(_ decision: FieldDecision) throws -> FieldDecision {
        var decision = decision
        try decision.insert(db)
        return decision
    }

    public func updateDecision(_ decision: FieldDecision) throws {
        try decision.update(db)
    }

    public func supersedeDecisions(record recordId: String, at time: String) throws {
        try db.execute(
            sql: "UPDATE fieldDecision SET supersededAt = ? WHERE recordId = ? AND supersededAt IS NULL", arguments: [time, recordId])
    }
}
