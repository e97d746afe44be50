public import Foundation
public import HoTichModel
import HoTichStore
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
        let claimed: (Batch, BookIdentity, ScanFile, Keying)? = try workspace.store.write { tx in
            let (batch, book) = try Self.batchAndBook(batchID, in: tx)
            if pass == 2 && batch.policy != .double {
                throw HoTichError(.policyHasNoSecondPass(batchID: batchID, policy: batch.policy))
            }
            // A keyed batch has nothing left to key; any later state is not for operators.
            if batch.state == .keyed { return nil }
            guard batch.state == .received || batch.state == .keying else {
                throw HoTichError(.batchNotKeyable(batchID: batchID, state: batch.state))
            }
            let claim = { (fileId: Int64) in
                Claim(scanFileId: fileId, pass: pass, batchId: batchID, operator: me, claimedAt: nowText, expiresAt: expires)
            }
            // 1. A draft of mine in this pass: resume it exactly.
            if var draft = try tx.latestDraft(batch: batchID, pass: pass, operator: me),
               let fileId = draft.scanFileId, let file = try tx.scanFile(id: fileId) {
                try tx.saveClaim(claim(fileId))
                draft.savedAt = nowText
                try tx.updateKeying(draft)
                return (batch, book, file, draft)
            }
            // 2. The next file nobody holds, whose other pass is not mine.
            guard let file = try tx.nextFileToKey(batch: batchID, pass: pass, operator: me, now: nowText), let fileId = file.id else {
                // Nothing left to claim: a batch whose returned records are all saved again is keyed.
                try Self.finishKeyingIfComplete(batchID, actor: me, in: tx)
                return nil
            }
            try tx.saveClaim(claim(fileId))
            let entryKey = "file:\(fileId)"
            // A draft left by someone whose claim expired is taken over as it stands.
            if var abandoned = try tx.keying(batch: batchID, entryKey: entryKey, pass: pass) {
                abandoned.operator = me
                abandoned.savedAt = nowText
                try tx.updateKeying(abandoned)
                return (batch, book, file, abandoned)
            }
            let draft = try tx.insertKeying(Keying(
                batchId: batchID, entryKey: entryKey, scanFileId: fileId, pass: pass, operator: me,
                state: .draft, fields: [:], position: 0, source: "interactive", at: nowText))
            if batch.state == .received {
                try Self.transition(batchID, action: .startKeying, actor: me, reason: nil, in: tx)
            }
            return (batch, book, file, draft)
        }
        guard let (batch, book, file, draft) = claimed, let keyingId = draft.id else { return nil }
        let (done, total, proposals) = try workspace.store.read { tx in
            let done = try tx.completedFileCount(batch: batchID, pass: pass)
            let total = try tx.keyableFileCount(batch: batchID)
            let previous = try tx.latestCompleteKeying(batch: batchID, pass: pass, operator: me)
            let office = try tx.office(book.office)
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
        try workspace.store.write { tx in
            var keying = try Self.myDraft(task, operator: me, in: tx)
            keying.fields = task.values
            keying.position = task.position
            keying.savedAt = Timestamp.text(for: now)
            try tx.updateKeying(keying)
            if let fileId = task.file.id {
                try tx.extendClaim(
                    file: fileId, pass: task.pass, operator: me, until: Timestamp.text(for: now.addingTimeInterval(Self.claimLifetime)))
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
        let record = try workspace.store.write { tx -> RegisterRecord in
            var keying = try Self.myDraft(task, operator: me, in: tx)
            keying.fields = task.values
            keying.position = task.fields.count
            let existing = try tx.recordId(batch: task.batch.id, entryKey: keying.entryKey)
            let recordId = try Self.attach(&keying, to: existing, book: task.book, batch: task.batch, at: nowText, in: tx)
            let record = try Self.required(tx.record(id: recordId), "record")
            if let fileId = task.file.id { try tx.deleteClaims(file: fileId, pass: task.pass) }
            try tx.appendAudit(
                AuditEntry(actor: me, action: .key, batchId: task.batch.id, subject: record.id, reason: "pass \(task.pass)"), at: nowText)
            try Self.finishKeyingIfComplete(task.batch.id, actor: me, in: tx)
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
        return try workspace.store.write { tx in
            guard let fileId = try tx.scanFile(batch: batchID, path: path)?.id else { throw HoTichError(.noClaim(path: path)) }
            let passes = try tx.claimedPasses(file: fileId)
            guard !passes.isEmpty else { throw HoTichError(.noClaim(path: path)) }
            try tx.deleteClaims(file: fileId, pass: nil)
            // A draft opened and left with nothing typed holds nothing to keep: it goes with the claim,
            // so that an import of the entry is not refused as "being keyed".
            try tx.deleteEmptyDrafts(file: fileId)
            try tx.appendAudit(AuditEntry(actor: actor, action: .releaseClaim, batchId: batchID, subject: path), at: Timestamp.now())
            return passes
        }
    }

    /// The draft of `task`, while it is still this operator's.
    /// - Throws: `.claimNotYours` naming who holds it now, after a takeover or a completion.
    static func myDraft(_ task: KeyingTask, operator me: String, in tx: any StoreReading) throws -> Keying {
        guard let keying = try tx.keying(id: task.keyingId), keying.operator == me, keying.state == .draft else {
            throw HoTichError(.claimNotYours(path: task.file.path, holder: try tx.keyingOperator(id: task.keyingId) ?? "?"))
        }
        return keying
    }

    // MARK: - Shared with import

    /// Marks a saved keying (a draft, or a returned entry's keying) complete and links it to its
    /// record, creating the record on the first pass. Interactive saving comes through here, and an
    /// import's row that keys a returned entry again; an import's other rows are written by the
    /// store's bulk writer to the same effect.
    /// - Parameter existing: the entry's record, when it has one.
    /// - Returns: the record's id.
    static func attach(
        _ keying: inout Keying, to existing: String?, book: BookIdentity, batch: Batch, at time: String, in tx: any StoreWriting
    ) throws -> String {
        let recordId: String
        if let existing {
            recordId = existing
        } else {
            var created = RegisterRecord(
                id: RecordIdentifier.make(), batchId: batch.id, scanFileId: nil, entryKey: "", kind: book.kind,
                officeCode: book.office, fields: keying.fields, bookYear: book.year, at: time)
            created.scanFileId = keying.scanFileId
            created.entryKey = keying.entryKey
            try tx.insertRecord(created)
            recordId = created.id
        }
        keying.recordId = recordId
        keying.state = .complete
        keying.savedAt = time
        try tx.updateKeying(keying)
        // The keying that creates its record shares the record's stored values.
        if existing == nil, let id = keying.id { try tx.shareValuesWithRecord(keying: id) }
        return recordId
    }

    /// Moves the batch to `keyed` once every keyable file has every pass its policy needs.
    /// A batch without scans (a book adopted from its spreadsheet alone) is keyed once every
    /// record has every pass.
    static func finishKeyingIfComplete(_ batchID: String, actor: String, in tx: any StoreWriting) throws {
        guard let batch = try tx.batch(batchID), batch.state == .keying else { return }
        let usable = try tx.keyableFileCount(batch: batchID)
        if usable == 0 {
            let records = try tx.recordCount(batch: batchID)
            guard records > 0 else { return }
            let complete = try tx.keyingSlots(batch: batchID).filter { $0.state == .complete }
            for pass in requiredPasses(batch.policy) where Set(complete.filter { $0.pass == pass }.map(\.entryKey)).count < records {
                return
            }
        }
        for pass in requiredPasses(batch.policy) where try tx.completedFileCount(batch: batchID, pass: pass) < usable {
            return
        }
        guard try tx.draftCount(batch: batchID) == 0 else { return }
        try transition(batchID, action: .finishKeying, actor: actor, reason: nil, in: tx)
    }

    /// A batch with its book's identity.
    /// - Throws: `.batchNotFound` when there is no such batch.
    static func batchAndBook(_ batchID: String, in tx: any StoreReading) throws -> (Batch, BookIdentity) {
        guard let found = try tx.batchAndBook(batchID) else { throw HoTichError(.batchNotFound(batchID)) }
        return found
    }

    /// `value`, or the named failure of a row that must exist.
    static func required<T>(_ value: T?, _ table: String) throws -> T {
        guard let value else { throw HoTichError(.storeDamaged(.missingRow(table: table))) }
        return value
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
