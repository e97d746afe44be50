import Foundation
import GRDB
import HoTichModel
import HoTichStore

/// The checks `verify` runs over a batch, beyond comparing passes: the field and cross-field rules
/// on every settled record, the register-number sequence of each year the batch touches, the
/// reconciliation of scan files and records, personal ID numbers, and possible duplicates across
/// the workspace.
///
/// Findings are recomputed from the current values on every run and stored by fingerprint, so an
/// acknowledgement stays with the finding it acknowledged; undecided duplicate flags that no
/// longer match are withdrawn, decided ones stay.
struct BatchChecks {
    private(set) var findings: [Finding] = []

    static func run(batch: Batch, book: BookIdentity, at time: String, in db: Database) throws -> BatchChecks {
        var checks = BatchChecks()
        let records = try RegisterRecord.filter(RegisterRecord.Columns.batchId == batch.id).fetchAll(db)
        try checks.recordRules(records, batch: batch, book: book, at: time)
        try checks.sequence(batch: batch, book: book, at: time, in: db)
        try checks.reconciliation(batch: batch, at: time, in: db)
        try checks.personalIDs(records, batch: batch, book: book, at: time, in: db)
        try checks.store(batch: batch, in: db)
        try DuplicateSearch.run(records, batch: batch, at: time, in: db)
        return checks
    }

    // MARK: - Checks

    /// Field and cross-field rules, on records whose values are settled (a double-keyed record
    /// still in conflict is checked once a verifier has decided it).
    private mutating func recordRules(_ records: [RegisterRecord], batch: Batch, book: BookIdentity, at time: String) throws {
        for record in records where batch.policy != .double || record.status == .verified {
            for diagnostic in RecordRules.check(record.fields, kind: book.kind, bookYear: book.year) {
                add(batch, record.id, diagnostic.field, .diagnostic(diagnostic), diagnostic.severity, time)
            }
        }
    }

    /// The numbers of each registration year the batch touches, across every book of the office.
    private mutating func sequence(batch: Batch, book: BookIdentity, at time: String, in db: Database) throws {
        let years = try Int.fetchAll(db, sql: """
            SELECT DISTINCT registrationYear FROM record WHERE batchId = ? AND registrationYear IS NOT NULL AND number IS NOT NULL
            """, arguments: [batch.id])
        for year in years {
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.id, r.batchId, r.number, k.volume,
                       json_extract(r.fields, '$.ngayDangKy') AS registered, json_extract(r.fields, '$.trangSo') AS page
                FROM record r JOIN batch b ON b.id = r.batchId JOIN book k ON k.id = b.bookId
                WHERE r.officeCode = ? AND r.kind = ? AND r.registrationYear = ? AND r.number IS NOT NULL
                ORDER BY r.id
                """, arguments: [book.office.value, book.kind.code, year])
            var inBatch = Set<String>()
            var entries: [RegisterSequence.Entry] = []
            for row in rows {
                let id: String = row["id"]
                guard let number = RegistrationNumber.value(row["number"]) else { continue }
                if (row["batchId"] as String) == batch.id { inBatch.insert(id) }
                let registered = (row["registered"] as String?).flatMap(FieldValue.init(stored:))?.text.flatMap { PartialDate($0) }
                let page = (row["page"] as String?).flatMap(FieldValue.init(stored:))?.text.flatMap { Int($0) }
                let position = page.map { RegisterSequence.BookPosition(volume: row["volume"], page: $0) }
                entries.append(.init(id: id, number: number, registered: registered, position: position))
            }
            for finding in RegisterSequence.check(entries) {
                guard let subject = finding.entries.first(where: inBatch.contains) else { continue }
                switch finding {
                case .gap(let from, let to, _, _):
                    add(batch, subject, "so", .gap(year: year, from: from, to: to), .warning, time)
                case .duplicate(let number, let ids):
                    add(batch, subject, "so", .repeatedNumber(year: year, number: number, count: ids.count), .warning, time)
                case .outOfOrder(_, let number, let previous):
                    add(batch, subject, "so", .outOfOrder(year: year, number: number, previous: previous), .warning, time)
                case .dateGoesBack(_, let number, let previous):
                    add(batch, subject, "ngayDangKy", .dateGoesBack(year: year, number: number, previous: previous), .warning, time)
                }
            }
        }
    }

    /// Scan files without a record, records without a scan file, files holding several entries.
    private mutating func reconciliation(batch: Batch, at time: String, in db: Database) throws {
        let orphanFiles = try String.fetchAll(db, sql: """
            SELECT f.path FROM scanFile f WHERE f.batchId = ? AND f.usable AND \(NonEntryMark.notMarkedSQL(file: "f"))
              AND NOT EXISTS (SELECT 1 FROM record r WHERE r.scanFileId = f.id)
            ORDER BY f.path
            """, arguments: [batch.id])
        for path in orphanFiles { add(batch, nil, nil, .fileWithoutRecord(path: path), .warning, time) }
        // A page an operator said holds no entry took itself out of keying on one person's word:
        // a verifier confirms it against the image (a supervisor's own mark is a decision already).
        let markedByOperators = try Row.fetchAll(db, sql: """
            SELECT f.path, n.kind FROM nonEntryFile n JOIN scanFile f ON f.id = n.scanFileId JOIN user u ON u.name = n.markedBy
            WHERE n.batchId = ? AND n.clearedAt IS NULL AND u.role = 'operator'
            ORDER BY f.path
            """, arguments: [batch.id])
        for row in markedByOperators {
            guard let kind = NonEntryKind(rawValue: row["kind"]) else { continue }
            add(batch, nil, nil, .fileMarkedByOperator(kind: kind, path: row["path"]), .warning, time)
        }
        let unfiled = try String.fetchAll(db, sql: "SELECT id FROM record WHERE batchId = ? AND scanFileId IS NULL", arguments: [batch.id])
        for id in unfiled { add(batch, id, nil, .recordWithoutFile, .warning, time) }
        let crowded = try Row.fetchAll(db, sql: """
            SELECT f.path, COUNT(*) AS n FROM record r JOIN scanFile f ON f.id = r.scanFileId
            WHERE r.batchId = ? GROUP BY f.id HAVING COUNT(*) > 1 ORDER BY f.path
            """, arguments: [batch.id])
        for row in crowded {
            add(batch, nil, nil, .fileWithSeveralEntries(path: row["path"], count: row["n"]), .warning, time)
        }
    }

    /// One number for two different people (an error), and numbers issued by another province
    /// than the registering office's (a warning: the child may have been registered elsewhere first).
    private mutating func personalIDs(_ records: [RegisterRecord], batch: Batch, book: BookIdentity, at time: String, in db: Database) throws {
        guard let key = FieldCatalog.subjectPersonalIDKey(for: book.kind) else { return }
        let province = try String.fetchOne(db, sql: "SELECT province FROM office WHERE code = ?", arguments: [book.office.value])
        let sameNumber = try db.cachedStatement(
            sql: "SELECT id, kind, fields, batchId, number FROM record WHERE subjectPersonalID = ? AND id <> ?")
        for record in records {
            guard let pin = record.subjectPersonalID else { continue }
            if let province, let number = PersonalIDNumber(pin), number.provinceCode != "0" + province {
                add(batch, record.id, key, .personalIDProvince(encoded: number.provinceCode, office: "0\(province)"), .warning, time)
            }
            let event = RegisteredEvent(id: record.id, kind: record.kind, fields: record.fields)
            let others = try Row.fetchAll(sameNumber, arguments: [pin, record.id])
            for other in others {
                guard let kind = RecordKind(code: other["kind"]) else { continue }
                let otherEvent = RegisteredEvent(id: other["id"], kind: kind, fields: try FieldSetJSON.decode(other["fields"]))
                if DuplicateMatching.sharesPersonalIDWithAnotherPerson(event, otherEvent) {
                    // The other record named as a person finds it: by batch and number, not by its id.
                    add(batch, record.id, key, .personalIDShared(batchID: other["batchId"], number: other["number"] as String? ?? "?"), .error, time)
                }
            }
        }
    }

    // MARK: - Storing

    private mutating func add(
        _ batch: Batch, _ recordId: String?, _ field: String?, _ detail: FindingDetail, _ severity: Diagnostic.Severity, _ time: String
    ) {
        findings.append(Finding(batchId: batch.id, recordId: recordId, field: field, detail: detail, severity: severity, at: time))
    }

    /// Replaces the batch's findings with this run's, keeping those that still hold (and their
    /// acknowledgements).
    private func store(batch: Batch, in db: Database) throws {
        let existing = try Finding.filter(Column("batchId") == batch.id).fetchAll(db)
        var current: [String: Finding] = [:]
        for finding in findings { current[finding.fingerprint] = finding }
        for old in existing where current[old.fingerprint] == nil {
            _ = try old.delete(db)
        }
        let kept = Set(existing.map(\.fingerprint))
        for var finding in current.values where !kept.contains(finding.fingerprint) {
            try finding.insert(db)
        }
    }

    /// Opens a correction for each error on a field of a record, unless one is open already, and
    /// withdraws open corrections whose error is gone (another record's value changed).
    func openCorrections(batch: Batch, at time: String, in db: Database) throws {
        let errorKeys = Set(findings.filter { $0.severity == .error }.compactMap { finding in
            finding.recordId.flatMap { id in finding.field.map { "\(id)|\($0)" } }
        })
        let stale = try FieldDecision
            .filter(Column("batchId") == batch.id && Column("origin") == DecisionOrigin.error.rawValue
                    && Column("decidedAt") == nil && Column("supersededAt") == nil)
            .fetchAll(db)
            .filter { !errorKeys.contains("\($0.recordId)|\($0.field)") }
        for var withdrawn in stale {
            withdrawn.supersededAt = time
            try withdrawn.update(db)
        }
        let open = Set(try Row.fetchAll(db, sql: """
            SELECT recordId, field FROM fieldDecision WHERE batchId = ? AND decidedAt IS NULL AND supersededAt IS NULL
            """, arguments: [batch.id]).map { "\($0["recordId"] as String)|\($0["field"] as String)" })
        var opened = Set<String>()
        for finding in findings where finding.severity == .error {
            guard let recordId = finding.recordId, let field = finding.field else { continue }
            let key = "\(recordId)|\(field)"
            guard !open.contains(key), opened.insert(key).inserted else { continue }
            let keyings = try Keying.filter(Column("recordId") == recordId && Keying.Columns.state == KeyingState.complete.rawValue)
                .order(Keying.Columns.pass).fetchAll(db)
            let first = keyings.first { $0.pass == 1 }
            let second = keyings.first { $0.pass == 2 }
            var correction = FieldDecision(
                batchId: batch.id, recordId: recordId, field: field, origin: .error,
                pass1: first?.fields[field], pass2: second?.fields[field],
                pass1Operator: first?.operator, pass2Operator: second?.operator, at: time)
            try correction.insert(db)
        }
    }
}
