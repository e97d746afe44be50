public import Foundation
import GRDB
public import HoTichModel
public import HoTichStore
import Logging

/// One entry being keyed by one operator: the file, the fields in register order, what has been
/// typed so far and what is proposed for the rest.
public struct KeyingTask: Sendable {
    public let batch: Batch
    public let book: BookIdentity
    public let file: ScanFile
    public let pass: Int
    /// The keying row's id (the draft).
    public let keyingId: Int64
    /// The fields of the record kind, in register order.
    public var fields: [FieldDefinition] { FieldCatalog.fields(for: book.kind) }
    /// What the operator has answered so far.
    public var values: [String: FieldValue]
    /// The index of the next field to ask.
    public var position: Int
    /// Proposed values: what repeats from the operator's previous record of this pass, what the
    /// file name states, and the catalog's defaults. Never values of the other pass.
    public let proposals: [String: FieldValue]
    /// Files of the batch this operator has completed in this pass, and the batch's keyable files.
    public let filesDone: Int
    public let filesTotal: Int

    /// The scan's location on disk, for the viewer.
    public var fileURL: URL { URL(fileURLWithPath: batch.storedRoot).appendingPathComponent(file.path) }
}

extension Session {
    /// How long a claim lasts after the operator's last save before others may take the file over.
    public static let claimLifetime: TimeInterval = 2 * 60 * 60

    /// The passes a batch's policy needs.
    static func requiredPasses(_ policy: VerificationPolicy) -> [Int] {
        policy == .double ? [1, 2] : [1]
    }

    /// Claims the next file of a batch for this operator and pass, or resumes the draft they left.
    ///
    /// A batch still `received` moves to `keying`. Pass 2 never sees pass 1's values and is never
    /// given to the person who keyed pass 1 of that file.
    /// - Returns: the task, or `nil` when nothing is left for this operator in this pass.
    public func startKeying(batch batchID: String, pass: Int, now: Date = Date()) throws -> KeyingTask? {
        try require(.keyRecords)
        guard pass == 1 || pass == 2 else { throw HoTichError(.invalidPass(pass)) }
        let me = user.name
        let nowText = Timestamp.text(for: now)
        let expires = Timestamp.text(for: now.addingTimeInterval(Self.claimLifetime))
        let claimed: (Batch, BookIdentity, ScanFile, Keying)? = try workspace.sqlite.databaseWrite { db in
            let (batch, book) = try Self.batchAndBook(batchID, in: db)
            if pass == 2 && batch.policy != .double {
                throw HoTichError(.policyHasNoSecondPass(batchID: batchID, policy: batch.policy))
            }
            // A keyed batch has nothing left to key; any later state is not for operators.
            if batch.state == .keyed { return nil }
            guard batch.state == .received || batch.state == .keying else {
                throw HoTichError(.batchNotKeyable(batchID: batchID, state: batch.state))
            }
            // 1. A draft of mine in this pass: resume it exactly.
            if var draft = try Keying
                .filter(Keying.Columns.batchId == batchID && Keying.Columns.pass == pass
                        && Keying.Columns.operator == me && Keying.Columns.state == KeyingState.draft.rawValue)
                .order(Keying.Columns.savedAt.desc).fetchOne(db),
               let fileId = draft.scanFileId, let file = try ScanFile.fetchOne(db, key: fileId) {
                try ClaimRow(scanFileId: fileId, pass: pass, batchId: batchID, operator: me, claimedAt: nowText, expiresAt: expires)
                    .save(db)
                draft.savedAt = nowText
                try draft.update(db)
                return (batch, book, file, draft)
            }
            // 2. The next file nobody holds, whose other pass is not mine.
            let otherPass = pass == 1 ? 2 : 1
            let row = try Row.fetchOne(db, sql: """
                SELECT scanFile.* FROM scanFile
                WHERE scanFile.batchId = ? AND scanFile.usable AND \(NonEntryMark.notMarkedSQL(file: "scanFile"))
                  AND NOT EXISTS (SELECT 1 FROM keying k WHERE k.batchId = scanFile.batchId
                                  AND k.entryKey = 'file:' || scanFile.id AND k.pass = ? AND k.state = 'complete')
                  AND NOT EXISTS (SELECT 1 FROM claim c WHERE c.scanFileId = scanFile.id AND c.pass = ?
                                  AND c.operator <> ? AND c.expiresAt > ?)
                  AND NOT EXISTS (SELECT 1 FROM keying k WHERE k.batchId = scanFile.batchId
                                  AND k.entryKey = 'file:' || scanFile.id AND k.pass = ? AND k.operator = ?)
                ORDER BY scanFile.path LIMIT 1
                """, arguments: [batchID, pass, pass, me, nowText, otherPass, me])
            guard let row else {
                // Nothing left to claim: a batch whose returned records are all saved again is keyed.
                try Self.finishKeyingIfComplete(batchID, actor: me, in: db)
                return nil
            }
            let file = try ScanFile(row: row)
            guard let fileId = file.id else { return nil }
            try ClaimRow(scanFileId: fileId, pass: pass, batchId: batchID, operator: me, claimedAt: nowText, expiresAt: expires)
                .save(db)
            let entryKey = "file:\(fileId)"
            // A draft left by someone whose claim expired is taken over as it stands.
            if var abandoned = try Keying
                .filter(Keying.Columns.batchId == batchID && Keying.Columns.entryKey == entryKey && Keying.Columns.pass == pass)
                .fetchOne(db) {
                abandoned.operator = me
                abandoned.savedAt = nowText
                try abandoned.update(db)
                return (batch, book, file, abandoned)
            }
            var draft = Keying(
                batchId: batchID, entryKey: entryKey, scanFileId: fileId, pass: pass, operator: me,
                state: .draft, fields: [:], position: 0, source: "interactive", at: nowText)
            try draft.insert(db)
            if batch.state == .received {
                try Self.transition(batchID, action: .startKeying, actor: me, reason: nil, in: db)
            }
            return (batch, book, file, draft)
        }
        guard let (batch, book, file, draft) = claimed, let keyingId = draft.id else { return nil }
        let (done, total, proposals) = try workspace.sqlite.databaseRead { db in
            let done = try Keying
                .filter(Keying.Columns.batchId == batchID && Keying.Columns.pass == pass
                        && Keying.Columns.state == KeyingState.complete.rawValue && Keying.Columns.scanFileId != nil)
                .fetchCount(db)
            let total = try Self.keyableFileCount(batchID, in: db)
            let previous = try Keying
                .filter(Keying.Columns.batchId == batchID && Keying.Columns.pass == pass
                        && Keying.Columns.operator == me && Keying.Columns.state == KeyingState.complete.rawValue)
                .order(Keying.Columns.savedAt.desc).fetchOne(db)
            let office = try OfficeRow.fetchOne(db, key: book.office.value)
            return (done, total, KeyingProposals.make(book: book, file: file, previous: previous?.fields, officeName: office?.name))
        }
        workspace.logger.info("keying claimed", metadata: ["batch": "\(batchID)", "pass": "\(pass)"])
        return KeyingTask(
            batch: batch, book: book, file: file, pass: pass, keyingId: keyingId, values: draft.fields,
            position: draft.position, proposals: proposals, filesDone: done, filesTotal: total)
    }

    /// Saves what has been typed so far, so that a crash or a pause loses nothing.
    public func saveDraft(_ task: KeyingTask, now: Date = Date()) throws {
        try require(.keyRecords)
        let me = user.name
        try workspace.sqlite.databaseWrite { db in
            guard var keying = try Keying.fetchOne(db, key: task.keyingId), keying.operator == me, keying.state == .draft else {
                throw HoTichError(.claimNotYours(path: task.file.path, holder: try Self.holder(of: task, in: db)))
            }
            keying.fields = task.values
            keying.position = task.position
            keying.savedAt = Timestamp.text(for: now)
            try keying.update(db)
            if let fileId = task.file.id {
                try db.execute(
                    sql: "UPDATE claim SET expiresAt = ? WHERE scanFileId = ? AND pass = ? AND operator = ?",
                    arguments: [Timestamp.text(for: now.addingTimeInterval(Self.claimLifetime)), fileId, task.pass, me])
            }
        }
    }

    /// Saves a finished record durably, in one transaction with its audit event.
    ///
    /// The first completed pass creates the record; a second pass attaches to it without changing
    /// its values (verification compares the two). When every keyable file has all the passes the
    /// policy needs, the batch moves to `keyed`.
    /// - Throws: ``HoTichError`` `.keyingMustFix` when error-level diagnostics remain.
    @discardableResult
    public func completeKeying(_ task: KeyingTask, now: Date = Date()) throws -> RegisterRecord {
        try require(.keyRecords)
        let errors = RecordRules.check(task.values, kind: task.book.kind, bookYear: task.book.year).filter { $0.severity == .error }
        guard errors.isEmpty else { throw HoTichError(.keyingMustFix(errors: errors.count)) }
        let me = user.name
        let nowText = Timestamp.text(for: now)
        let record = try workspace.sqlite.databaseWrite { db -> RegisterRecord in
            guard var keying = try Keying.fetchOne(db, key: task.keyingId), keying.operator == me, keying.state == .draft else {
                throw HoTichError(.claimNotYours(path: task.file.path, holder: try Self.holder(of: task, in: db)))
            }
            keying.fields = task.values
            keying.position = task.fields.count
            let existing = try Self.existingRecordId(batch: task.batch.id, entryKey: keying.entryKey, in: db)
            let recordId = try Self.attach(&keying, to: existing, book: task.book, batch: task.batch, at: nowText, in: db)
            guard let record = try RegisterRecord.fetchOne(db, key: recordId) else { throw HoTichError(.storageFailure(code: 11)) }
            try db.execute(sql: "DELETE FROM claim WHERE scanFileId = ? AND pass = ?", arguments: [task.file.id, task.pass])
            try AuditTrail.append(
                AuditEntry(actor: me, action: .key, batchId: task.batch.id, subject: record.id, reason: "pass \(task.pass)"),
                at: nowText, in: db)
            try Self.finishKeyingIfComplete(task.batch.id, actor: me, in: db)
            return record
        }
        workspace.logger.info("record keyed", metadata: ["batch": "\(task.batch.id)", "pass": "\(task.pass)"])
        return record
    }

    /// Frees a file held by a crashed or absent operator (supervisors). The draft stays and goes
    /// to whoever claims the file next.
    public func releaseClaim(batch batchID: String, path: String) throws -> [Int] {
        try require(.releaseClaims)
        let actor = user.name
        return try workspace.sqlite.databaseWrite { db in
            guard let file = try ScanFile.filter(ScanFile.Columns.batchId == batchID && ScanFile.Columns.path == path).fetchOne(db),
                  let fileId = file.id
            else { throw HoTichError(.noClaim(path: path)) }
            let passes = try Int.fetchAll(db, sql: "SELECT pass FROM claim WHERE scanFileId = ? ORDER BY pass", arguments: [fileId])
            guard !passes.isEmpty else { throw HoTichError(.noClaim(path: path)) }
            try db.execute(sql: "DELETE FROM claim WHERE scanFileId = ?", arguments: [fileId])
            // A draft opened and left with nothing typed holds nothing to keep: it goes with the claim,
            // so that an import of the entry is not refused as "being keyed".
            try db.execute(sql: "DELETE FROM keying WHERE scanFileId = ? AND state = 'draft' AND \(Self.emptyDraftSQL)", arguments: [fileId])
            try AuditTrail.append(
                AuditEntry(actor: actor, action: .releaseClaim, batchId: batchID, subject: path), at: Timestamp.now(), in: db)
            return passes
        }
    }

    // MARK: - Shared with import

    /// The record already made for an entry of a batch, if any.
    static func existingRecordId(batch batchID: String, entryKey: String, in db: Database) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM record WHERE batchId = ? AND entryKey = ?"), arguments: [batchID, entryKey])
    }

    /// Marks a saved keying (a draft, or a returned entry's keying) complete and links it to its
    /// record, creating the record on the first pass. Interactive saving comes through here, and an
    /// import's row that keys a returned entry again; an import's other rows are written by
    /// `BulkKeyingWriter` to the same effect.
    /// - Parameter existing: the entry's record, when it has one.
    /// - Returns: the record's id.
    static func attach(
        _ keying: inout Keying, to existing: String?, book: BookIdentity, batch: Batch, at time: String, in db: Database
    ) throws -> String {
        let recordId: String
        let createsRecord = existing == nil
        if let existing {
            recordId = existing
        } else {
            var created = RegisterRecord(
                id: RecordIdentifier.make(), batchId: batch.id, scanFileId: nil, entryKey: "", kind: book.kind,
                officeCode: book.office, fields: keying.fields, bookYear: book.year, at: time)
            created.scanFileId = keying.scanFileId
            created.entryKey = keying.entryKey
            try created.insertFast(db)
            recordId = created.id
        }
        keying.recordId = recordId
        keying.state = .complete
        keying.savedAt = time
        try keying.update(db)
        // The keying that creates its record shares the record's stored values.
        if createsRecord { try keying.shareValuesWithRecord(db) }
        return recordId
    }

    /// SQL that holds for a draft in which nothing was typed (opened, then left).
    static let emptyDraftSQL = "position = 0 AND (fields IS NULL OR fields = '{}')"

    /// Removes the drafts of `pass` in which nothing was typed and whose file nobody holds any more
    /// (the claim was released or expired): an import may then key those entries.
    static func dropAbandonedEmptyDrafts(batch batchID: String, pass: Int, now: String, in db: Database) throws {
        try db.execute(sql: """
            DELETE FROM keying WHERE batchId = ? AND pass = ? AND state = 'draft' AND scanFileId IS NOT NULL AND \(emptyDraftSQL)
              AND NOT EXISTS (SELECT 1 FROM claim c WHERE c.scanFileId = keying.scanFileId AND c.pass = keying.pass AND c.expiresAt > ?)
            """, arguments: [batchID, pass, now])
    }

    /// Moves the batch to `keyed` once every keyable file has every pass its policy needs.
    static func finishKeyingIfComplete(_ batchID: String, actor: String, in db: Database) throws {
        guard let batch = try Batch.fetchOne(db, key: batchID), batch.state == .keying else { return }
        let usable = try keyableFileCount(batchID, in: db)
        guard usable > 0 else { return }
        for pass in requiredPasses(batch.policy) {
            let done = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM keying WHERE batchId = ? AND pass = ? AND state = 'complete' AND scanFileId IS NOT NULL
                """, arguments: [batchID, pass]) ?? 0
            if done < usable { return }
        }
        let drafts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM keying WHERE batchId = ? AND state = 'draft'", arguments: [batchID]) ?? 0
        guard drafts == 0 else { return }
        try transition(batchID, action: .finishKeying, actor: actor, reason: nil, in: db)
    }

    /// The files of a batch that are to be keyed: usable scans not marked as holding no entry.
    static func keyableFileCount(_ batchID: String, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM scanFile f WHERE f.batchId = ? AND f.usable AND \(NonEntryMark.notMarkedSQL(file: "f"))
            """, arguments: [batchID]) ?? 0
    }

    /// Who now holds the entry of `task` (after a takeover), for the refusal message.
    static func holder(of task: KeyingTask, in db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT operator FROM keying WHERE id = ?", arguments: [task.keyingId]) ?? "?"
    }

    static func batchAndBook(_ batchID: String, in db: Database) throws -> (Batch, BookIdentity) {
        guard let batch = try Batch.fetchOne(db, key: batchID) else { throw HoTichError(.batchNotFound(batchID)) }
        guard let book = try BookRow.fetchOne(db, key: batch.bookId) else { throw HoTichError(.storageFailure(code: 11)) }
        return (batch, book.identity)
    }
}

/// What keying proposes before the operator types: values that repeat from their previous record,
/// facts the file name states, and the catalog's defaults.
public enum KeyingProposals {
    /// Fields whose value usually repeats from one entry of a book to the next.
    public static let repeating: Set<String> = [
        "quyenSo", "loaiDangKy", "noiDangKy", "noiCap", "nguoiKy", "chucVuNguoiKy", "nguoiThucHien",
    ]

    public static func make(book: BookIdentity, file: ScanFile, previous: [String: FieldValue]?, officeName: String?) -> [String: FieldValue] {
        var proposals: [String: FieldValue] = [:]
        for field in FieldCatalog.fields(for: book.kind) {
            if let value = field.defaultValue { proposals[field.key] = value }
        }
        proposals["quyenSo"] = .filled(book.quyenSo)
        if let officeName {
            proposals[book.kind == .maritalStatus ? "noiCap" : "noiDangKy"] = .filled(officeName)
        }
        if let previous {
            for key in repeating { if let value = previous[key], value.text != nil { proposals[key] = value } }
            if let so = previous["so"]?.text, let next = nextNumber(after: so) { proposals["so"] = .filled(next) }
            if let date = previous["ngayDangKy"]?.text { proposals["ngayDangKy"] = .filled(date) }
        }
        if let name = ScanFileName(file.path) {
            if let number = name.number { proposals["so"] = .filled(number) }
            proposals["ngayDangKy"] = .filled(name.ngayDangKy)
            proposals["quyenSo"] = .filled(BookIdentity(office: book.office, kind: book.kind, year: name.yearOpened, volume: name.volume).quyenSo)
        }
        return proposals
    }

    /// The number after `so`, keeping its width and any `/YYYY` suffix ("09" → "10", "07/2017" → "08/2017").
    public static func nextNumber(after so: String) -> String? {
        let parts = so.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let value = Int(first) else { return nil }
        var next = String(value + 1)
        if next.count < first.count { next = String(repeating: "0", count: first.count - next.count) + next }
        return parts.count == 2 ? "\(next)/\(parts[1])" : next
    }
}
