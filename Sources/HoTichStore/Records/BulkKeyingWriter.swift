import GRDB
import GRDBSQLite
import HoTichModel

/// Writes the rows of one bulk import inside its transaction: for each entry its keying, the
/// record the keying creates (or the existing record it joins), and its audit event.
///
/// It does what a keying saved by hand and its audit event do, at a fraction of the cost per row:
/// the record and keying statements prepared once, the values every row shares (batch, kind,
/// office, operator, source, time) bound once, and each row's own values bound straight to SQLite,
/// without building argument arrays. A keying that creates its record shares the record's stored
/// values, as everywhere else. The seal triggers hash what it writes; its audit events go through
/// the transaction's own `appendAudit`, so each vouches for its row's seals with the chain's HMAC.
///
/// Use it inside one transaction and let it go before the transaction ends (its statements belong
/// to the connection).
///
/// What every insert of a record or keying adds to the progress summary and the name index (see
/// `ProgressSummary`), it adds once for all its rows: it counts what it writes, and ``finish()``
/// adds the counts to the summary and the new records to the index in set-based statements, in
/// the same transaction.
final class BulkKeyingWriter: BulkKeyingWriting {
    private unowned let transaction: SQLiteTransaction
    private var db: Database { transaction.db }
    private let recordInsert: Statement
    private let keyingInsert: Statement
    private let time: String
    private let actor: String
    private let batchId: String
    private let source: String
    /// The last record rowid before the writer's first row: the records it creates come after it.
    private let rowidBefore: Int64
    private var created = 0
    private var createdWithoutFile = 0
    private var keyings = 0
    private var fields = 0
    private var finished = false

    /// Prepares the statements for keyings of `pass` by `operator` from `source`, saved at `time`.
    init(
        transaction: SQLiteTransaction, batchId: String, kind: RecordKind, officeCode: OfficeCode, pass: Int, operator: String,
        source: String, at time: String
    ) throws {
        self.transaction = transaction
        let db = transaction.db
        self.time = time
        self.actor = `operator`
        self.batchId = batchId
        self.source = source
        rowidBefore = try Int64.fetchOne(db, sql: "SELECT IFNULL(MAX(rowid), 0) FROM record") ?? 0
        recordInsert = try db.makeStatement(sql: """
            INSERT INTO record (batchId, kind, officeCode, version, status, createdAt, updatedAt,
                                id, scanFileId, entryKey, registrationYear, number, fields, subjectName, subjectBirthYear,
                                subjectPersonalID)
            VALUES (?, ?, ?, 1, 'keyed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        keyingInsert = try db.makeStatement(sql: """
            INSERT INTO keying (batchId, pass, operator, state, position, source, startedAt, savedAt,
                                entryKey, scanFileId, recordId, fields)
            VALUES (?, ?, ?, 'complete', ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let fieldCount = FieldCatalog.fields(for: kind).count
        try Self.bind(recordInsert, [batchId, kind.code, officeCode.value, time, time])
        try Self.bind(keyingInsert, [batchId, pass, `operator`, fieldCount, source, time, time])
    }

    /// Inserts a new record (version 1, keyed) from its identifier, entry and derived columns, and the
    /// keying that creates it, sharing the record's stored values.
    func insertCreating(
        id: String, scanFileId: Int64?, entryKey: String, registrationYear: Int?, number: String?, subjectName: String?,
        subjectBirthYear: Int?, subjectPersonalID: String?, fields: PackedFieldSet
    ) throws {
        assert(!id.isEmpty)
        let statement = recordInsert.sqliteStatement
        try Self.bindText(statement, 6, id)
        try Self.bindInteger(statement, 7, scanFileId)
        try Self.bindText(statement, 8, entryKey)
        try Self.bindInteger(statement, 9, registrationYear.map(Int64.init))
        try Self.bindText(statement, 10, number)
        try Self.bindText(statement, 11, fields.text)
        try Self.bindText(statement, 12, subjectName)
        try Self.bindInteger(statement, 13, subjectBirthYear.map(Int64.init))
        try Self.bindText(statement, 14, subjectPersonalID)
        try step(statement)
        created += 1
        if scanFileId == nil { createdWithoutFile += 1 }
        try insertKeying(entryKey: entryKey, scanFileId: scanFileId, recordId: id, fieldsJSON: nil, fieldCount: fields.fieldCount)
    }

    /// Inserts a complete keying of an existing record, with its own values.
    func insertJoining(recordId: String, entryKey: String, scanFileId: Int64?, fields: PackedFieldSet) throws {
        try insertKeying(entryKey: entryKey, scanFileId: scanFileId, recordId: recordId, fieldsJSON: fields.text, fieldCount: fields.fieldCount)
    }

    /// Adds what the writer wrote to the progress summary and its new records to the name index.
    func finish() throws {
        guard !finished else { return }
        finished = true
        let day = ProgressSummary.day("?")
        if created > 0 {
            try db.execute(sql: """
                INSERT INTO progressDay (day, batchId, actor, keyed, entries) VALUES (\(day), ?, '', ?, ?)
                ON CONFLICT (day, batchId, actor) DO UPDATE SET keyed = keyed + excluded.keyed, entries = entries + excluded.entries
                """, arguments: [time, batchId, created, createdWithoutFile])
            try db.execute(
                sql: SearchIndex.fill("recordName") + " WHERE r.rowid > ? AND r.batchId = ?", arguments: [rowidBefore, batchId])
        }
        if keyings > 0 {
            let typed = source == "interactive"
            try db.execute(sql: """
                INSERT INTO progressDay (day, batchId, actor, keyings, fields, typedKeyings, typedFields) VALUES (\(day), ?, ?, ?, ?, ?, ?)
                ON CONFLICT (day, batchId, actor) DO UPDATE SET keyings = keyings + excluded.keyings, fields = fields + excluded.fields,
                typedKeyings = typedKeyings + excluded.typedKeyings, typedFields = typedFields + excluded.typedFields
                """, arguments: [time, batchId, actor, keyings, fields, typed ? keyings : 0, typed ? fields : 0])
        }
    }

    /// Appends an audit event by this writer's operator, at its time, to the chain: it vouches for
    /// the rows written since the event before.
    func appendAudit(action: AuditAction, subject: String?, reason: String?) throws {
        try transaction.appendAudit(
            AuditEntry(actor: actor, action: action, batchId: batchId, subject: subject, reason: reason), at: time)
    }

    private func insertKeying(entryKey: String, scanFileId: Int64?, recordId: String, fieldsJSON: String?, fieldCount: Int) throws {
        let statement = keyingInsert.sqliteStatement
        try Self.bindText(statement, 8, entryKey)
        try Self.bindInteger(statement, 9, scanFileId)
        try Self.bindText(statement, 10, recordId)
        try Self.bindText(statement, 11, fieldsJSON)
        try step(statement)
        keyings += 1
        fields += fieldCount
    }

    /// Runs a statement whose parameters are bound; the bindings stay for the next row.
    private func step(_ statement: SQLiteStatement) throws {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            // SQLite's own message: it names the constraint, never the values.
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    private static func bind(_ statement: Statement, _ values: [any DatabaseValueConvertible]) throws {
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            switch value.databaseValue.storage {
            case .int64(let number): try bindInteger(statement.sqliteStatement, position, number)
            case .string(let text): try bindText(statement.sqliteStatement, position, text)
            default: preconditionFailure("shared values are text or integers")
            }
        }
    }

    private static func bindText(_ statement: SQLiteStatement, _ position: Int32, _ text: String?) throws {
        // Checked text holds no NUL, so SQLite may measure it.
        let code = text.map { sqlite3_bind_text(statement, position, $0, -1, transient) } ?? sqlite3_bind_null(statement, position)
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
    }

    private static func bindInteger(_ statement: SQLiteStatement, _ position: Int32, _ number: Int64?) throws {
        let code = number.map { sqlite3_bind_int64(statement, position, $0) } ?? sqlite3_bind_null(statement, position)
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
    }

    /// SQLite copies the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
