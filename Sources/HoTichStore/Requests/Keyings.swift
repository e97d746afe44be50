import GRDB
public import HoTichModel

/// Keyings: each operator's pass over an entry, a draft until it is complete.
public protocol KeyingReading {
    func keying(id: Int64) throws -> Keying?
    /// Who holds a keying now (after a takeover), if it exists.
    func keyingOperator(id: Int64) throws -> String?
    /// The draft an operator saved last in a pass of a batch.
    func latestDraft(batch batchID: String, pass: Int, operator: String) throws -> Keying?
    /// An operator's latest completed keying in a pass of a batch (what proposals repeat from).
    func latestCompleteKeying(batch batchID: String, pass: Int, operator: String) throws -> Keying?
    /// The keying of one entry in one pass.
    func keying(batch batchID: String, entryKey: String, pass: Int) throws -> Keying?
    /// The keyings of one file of a batch.
    func keyings(batch batchID: String, file fileId: Int64) throws -> [Keying]
    /// A batch's completed keyings.
    func completeKeyings(batch batchID: String) throws -> [Keying]
    /// A record's completed keyings, by pass.
    func completeKeyings(record recordId: String) throws -> [Keying]
    /// Everyone who keyed a record (any state).
    func keyers(record recordId: String) throws -> [String]
    /// A pass's drafts of entries that have no scan file (returned for keying again).
    func unfiledDrafts(batch batchID: String, pass: Int) throws -> [Keying]
    /// Every keying of a batch, without its values.
    func keyingSlots(batch batchID: String) throws -> [KeyingSlot]
    /// Scan files of a batch with a completed keying in `pass`.
    func completedFileCount(batch batchID: String, pass: Int) throws -> Int
    func draftCount(batch batchID: String) throws -> Int
    func keyingCount(batch batchID: String) throws -> Int
}

public protocol KeyingWriting {
    /// - Returns: the keying with its id.
    func insertKeying(_ keying: Keying) throws -> Keying
    func updateKeying(_ keying: Keying) throws
    func deleteKeying(id: Int64) throws
    /// Stops storing the values of a complete keying apart from its record's, which were just
    /// made from them (the store keeps one copy of values both hold).
    func shareValuesWithRecord(keying id: Int64) throws
    /// Removes the drafts of a file in which nothing was typed.
    func deleteEmptyDrafts(file fileId: Int64) throws
    /// Removes a pass's drafts in which nothing was typed and whose file nobody holds at `now`.
    func deleteAbandonedEmptyDrafts(batch batchID: String, pass: Int, now: String) throws
    /// Makes a record's keyings drafts again at `time`, each with its own copy of its values.
    func reopenKeyings(record recordId: String, at time: String) throws
    /// A writer of one import's rows: keyings of `pass` by `operator` from `source`, at `time`,
    /// with the records they create and their audit events, at bulk speed. Nothing else may write
    /// keyings, records or audit events of this transaction while it is in use.
    func bulkKeyingWriter(
        batch batchID: String, kind: RecordKind, office: OfficeCode, pass: Int, operator: String, source: String, at time: String
    ) throws -> any BulkKeyingWriting
}

/// Writes the rows of one bulk import, each with its audit event (see ``KeyingWriting/bulkKeyingWriter(batch:kind:office:pass:operator:source:at:)``).
public protocol BulkKeyingWriting {
    /// A new record (version 1, keyed) and the keying that creates it, sharing its values.
    func insertCreating(
        id: String, scanFileId: Int64?, entryKey: String, registrationYear: Int?, number: String?, subjectName: String?,
        subjectBirthYear: Int?, subjectPersonalID: String?, fields: PackedFieldSet
    ) throws
    /// A complete keying of an existing record, with its own values.
    func insertJoining(recordId: String, entryKey: String, scanFileId: Int64?, fields: PackedFieldSet) throws
    /// An audit event by the writer's operator, at its time.
    func appendAudit(action: AuditAction, subject: String?, reason: String?) throws
    /// Brings the progress summary and the name index up to what was written; call it once, after
    /// the last row and before the transaction ends.
    func finish() throws
}

extension DerivableRequest<Keying> {
    func inBatch(_ batchID: String) -> Self { filter(Keying.Columns.batchId == batchID) }
    func inPass(_ pass: Int) -> Self { filter(Keying.Columns.pass == pass) }
    func by(_ operator: String) -> Self { filter(Keying.Columns.operator == `operator`) }
    func inState(_ state: KeyingState) -> Self { filter(Keying.Columns.state == state) }
    func ofRecord(_ recordId: String) -> Self { filter(Column("recordId") == recordId) }
}

extension SQLiteTransaction: KeyingReading, KeyingWriting {
    /// SQL that holds for a draft in which nothing was typed (opened, then left).
    static let emptyDraftSQL = "position = 0 AND (fields IS NULL OR fields = '{}')"

    public func keying(id: Int64) throws -> Keying? {
        try Keying.fetchOne(db, key: id)
    }

    public func keyingOperator(id: Int64) throws -> String? {
        try Keying.filter(key: id).select(Keying.Columns.operator, as: String.self).fetchOne(db)
    }

    public func latestDraft(batch batchID: String, pass: Int, operator: String) throws -> Keying? {
        try Keying.all().inBatch(batchID).inPass(pass).by(`operator`).inState(.draft)
            .order(Keying.Columns.savedAt.desc, Column("id").desc).fetchOne(db)
    }

    public func latestCompleteKeying(batch batchID: String, pass: Int, operator: String) throws -> Keying? {
        try Keying.all().inBatch(batchID).inPass(pass).by(`operator`).inState(.complete)
            .order(Keying.Columns.savedAt.desc, Column("id").desc).fetchOne(db)
    }

    public func keying(batch batchID: String, entryKey: String, pass: Int) throws -> Keying? {
        try Keying.all().inBatch(batchID).inPass(pass).filter(Keying.Columns.entryKey == entryKey).fetchOne(db)
    }

    public func keyings(batch batchID: String, file fileId: Int64) throws -> [Keying] {
        try Keying.all().inBatch(batchID).filter(Keying.Columns.scanFileId == fileId).fetchAll(db)
    }

    public func completeKeyings(batch batchID: String) throws -> [Keying] {
        try Keying.all().inBatch(batchID).inState(.complete).fetchAll(db)
    }

    public func completeKeyings(record recordId: String) throws -> [Keying] {
        try Keying.all().ofRecord(recordId).inState(.complete).order(Keying.Columns.pass).fetchAll(db)
    }

    public func keyers(record recordId: String) throws -> [String] {
        try Keying.all().ofRecord(recordId).select(Keying.Columns.operator, as: String.self).fetchAll(db)
    }

    public func unfiledDrafts(batch batchID: String, pass: Int) throws -> [Keying] {
        try Keying.all().inBatch(batchID).inPass(pass).inState(.draft).filter(Keying.Columns.scanFileId == nil).fetchAll(db)
    }

    public func keyingSlots(batch batchID: String) throws -> [KeyingSlot] {
        try Row.fetchAll(db, sql: "SELECT id, entryKey, pass, operator, state FROM keying WHERE batchId = ?", arguments: [batchID])
            .map { row in
                KeyingSlot(keyingId: row["id"], entryKey: row["entryKey"], pass: row["pass"], operator: row["operator"], state: row["state"])
            }
    }

    public func completedFileCount(batch batchID: String, pass: Int) throws -> Int {
        try count("""
            SELECT COUNT(*) FROM keying WHERE batchId = ? AND pass = ? AND state = 'complete' AND scanFileId IS NOT NULL
            """, [batchID, pass])
    }

    public func draftCount(batch batchID: String) throws -> Int {
        try count("SELECT COUNT(*) FROM keying WHERE batchId = ? AND state = 'draft'", [batchID])
    }

    public func keyingCount(batch batchID: String) throws -> Int {
        try count("SELECT COUNT(*) FROM keying WHERE batchId = ?", [batchID])
    }

    public func insertKeying(_ keying: Keying) throws -> Keying {
        var keying = keying
        try keying.insert(db)
        try db.execute(sql: ProgressSummary.keyingInserted, arguments: [keying.id])
        return keying
    }

    public func updateKeying(_ keying: Keying) throws {
        try keying.update(db)
    }

    public func deleteKeying(id: Int64) throws {
        _ = try Keying.deleteOne(db, key: id)
    }

    public func shareValuesWithRecord(keying id: Int64) throws {
        try db.cachedStatement(sql: "UPDATE keying SET fields = NULL WHERE id = ? AND recordId IS NOT NULL AND state = 'complete'")
            .execute(arguments: [id])
    }

    public func deleteEmptyDrafts(file fileId: Int64) throws {
        try db.execute(sql: "DELETE FROM keying WHERE scanFileId = ? AND state = 'draft' AND \(Self.emptyDraftSQL)", arguments: [fileId])
    }

    public func deleteAbandonedEmptyDrafts(batch batchID: String, pass: Int, now: String) throws {
        try db.execute(sql: """
            DELETE FROM keying WHERE batchId = ? AND pass = ? AND state = 'draft' AND scanFileId IS NOT NULL AND \(Self.emptyDraftSQL)
              AND NOT EXISTS (SELECT 1 FROM claim c WHERE c.scanFileId = keying.scanFileId AND c.pass = keying.pass AND c.expiresAt > ?)
            """, arguments: [batchID, pass, now])
    }

    public func reopenKeyings(record recordId: String, at time: String) throws {
        // A draft holds its own values (a complete keying may share its record's).
        try db.execute(sql: """
            UPDATE keying SET state = 'draft', position = 0, savedAt = ?, fields = \(Keying.valuesSQL(keying: "keying"))
            WHERE recordId = ?
            """, arguments: [time, recordId])
    }

    public func bulkKeyingWriter(
        batch batchID: String, kind: RecordKind, office: OfficeCode, pass: Int, operator: String, source: String, at time: String
    ) throws -> any BulkKeyingWriting {
        try BulkKeyingWriter(
            transaction: self, batchId: batchID, kind: kind, officeCode: office, pass: pass, operator: `operator`, source: source, at: time)
    }
}
