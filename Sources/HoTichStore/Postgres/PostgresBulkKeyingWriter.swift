import HoTichPostgres
import HoTichModel

/// The bulk import's writer on PostgreSQL: rows are gathered and loaded with `COPY` (records,
/// then keyings, then their audit events), a few thousand at a time.
///
/// The triggers seal every row as `COPY` loads it. The audit events are made in Swift after the
/// rows of their flush are in: the first vouches for every seal the flush wrote (its digest read
/// back in one query), the others for none, so that each record keeps its event, every seal is
/// vouched for, and the chain is exactly what ``PostgresTransaction/appendAudit(_:at:)`` would
/// have made for the same events.
final class PostgresBulkKeyingWriter: BulkKeyingWriting {
    private unowned let transaction: PostgresTransaction
    private let batchId: String
    private let kind: RecordKind
    private let officeCode: OfficeCode
    private let pass: Int
    private let actor: String
    private let source: String
    private let time: String
    private let fieldCount: Int
    private var records: [[String?]] = []
    private var keyings: [[String?]] = []
    private var events: [AuditEntry] = []
    /// Rows gathered before they are loaded.
    static let flushEvery = 5_000

    init(
        transaction: PostgresTransaction, batchId: String, kind: RecordKind, officeCode: OfficeCode, pass: Int, operator: String,
        source: String, at time: String
    ) {
        self.transaction = transaction
        self.batchId = batchId
        self.kind = kind
        self.officeCode = officeCode
        self.pass = pass
        self.actor = `operator`
        self.source = source
        self.time = time
        fieldCount = FieldCatalog.fields(for: kind).count
    }

    func insertCreating(
        id: String, scanFileId: Int64?, entryKey: String, registrationYear: Int?, number: String?, subjectName: String?,
        subjectBirthYear: Int?, subjectPersonalID: String?, fields: PackedFieldSet
    ) throws {
        records.append([
            id, batchId, scanFileId.map { String($0) }, entryKey, kind.code, officeCode.value, registrationYear.map { String($0) }, number,
            "1", fields.text, subjectName, subjectBirthYear.map { String($0) }, subjectPersonalID, RecordStatus.keyed.rawValue, time, time,
        ])
        keyings.append(keyingRow(entryKey: entryKey, scanFileId: scanFileId, recordId: id, fieldsJSON: nil))
        try flushIfFull()
    }

    func insertJoining(recordId: String, entryKey: String, scanFileId: Int64?, fields: PackedFieldSet) throws {
        keyings.append(keyingRow(entryKey: entryKey, scanFileId: scanFileId, recordId: recordId, fieldsJSON: fields.text))
        try flushIfFull()
    }

    private func keyingRow(entryKey: String, scanFileId: Int64?, recordId: String, fieldsJSON: String?) -> [String?] {
        [batchId, entryKey, scanFileId.map { String($0) }, recordId, String(pass), actor, KeyingState.complete.rawValue, fieldsJSON,
         String(fieldCount), source, time, time]
    }

    func appendAudit(action: AuditAction, subject: String?, reason: String?) throws {
        events.append(AuditEntry(actor: actor, action: action, batchId: batchId, subject: subject, reason: reason))
    }

    func finish() throws {
        try flush()
    }

    private func flushIfFull() throws {
        if records.count + keyings.count >= Self.flushEvery { try flush() }
    }

    /// Loads the gathered rows, then their events.
    private func flush() throws {
        let connection = transaction.connection
        if !records.isEmpty {
            try connection.copy(#"""
                COPY "record" ("id", "batchId", "scanFileId", "entryKey", "kind", "officeCode", "registrationYear", "number", "version",
                               "fields", "subjectName", "subjectBirthYear", "subjectPersonalID", "status", "createdAt", "updatedAt") FROM STDIN
                """#, rows: records)
            records.removeAll(keepingCapacity: true)
        }
        if !keyings.isEmpty {
            try connection.copy(#"""
                COPY "keying" ("batchId", "entryKey", "scanFileId", "recordId", "pass", "operator", "state", "fields", "position",
                               "source", "startedAt", "savedAt") FROM STDIN
                """#, rows: keyings)
            keyings.removeAll(keepingCapacity: true)
        }
        if !events.isEmpty {
            try transaction.appendAuditInBulk(events, at: time)
            events.removeAll(keepingCapacity: true)
        }
    }
}
