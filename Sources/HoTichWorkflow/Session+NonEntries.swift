public import Foundation
public import HoTichModel
import HoTichStore
import Logging

extension Session {
    /// The states in which files may be marked or cleared: before anything is sent.
    static let markableStates: Set<BatchState> = [.received, .keying, .keyed, .verifying, .verified]

    /// A supervisor marks a file of a batch as holding no entry (`batch mark-file … --not-an-entry`).
    ///
    /// The file leaves keying and reconciliation, and goes with the export as part of the book's
    /// provenance. A file that already has a record, or that someone is keying, is refused. If it
    /// was the last file left to key, the batch becomes `keyed`.
    public func markFileNotAnEntry(batch batchID: String, path: String, kind: NonEntryKind, reason: String, now: Date = Date()) throws {
        try require(.markFiles)
        let reason = try Self.nonEntryReason(reason)
        let me = user.name
        try workspace.store.write { tx in
            let (file, fileId) = try Self.markableFile(batchID, path: path, in: tx)
            let keyings = try tx.keyings(batch: batchID, file: fileId)
            if let busy = keyings.first(where: { $0.state == .complete || !$0.fields.isEmpty }) {
                throw HoTichError(.claimNotYours(path: path, holder: busy.operator))
            }
            // Drafts opened on the file and left empty go with the mark.
            for keying in keyings { if let id = keying.id { try tx.deleteKeying(id: id) } }
            try Self.mark(file, fileId, batch: batchID, kind: kind, reason: reason, actor: me, at: Timestamp.text(for: now), in: tx)
        }
        workspace.logger.info("file marked as no entry", metadata: ["batch": "\(batchID)", "kind": "\(kind.rawValue)"])
    }

    /// An operator, at the first prompt of a file they are keying, says it holds no entry: the
    /// draft is dropped and the file is marked, as a supervisor would mark it.
    public func markNotAnEntry(_ task: KeyingTask, kind: NonEntryKind, reason: String, now: Date = Date()) throws {
        try require(.keyRecords)
        let reason = try Self.nonEntryReason(reason)
        let me = user.name
        try workspace.store.write { tx in
            let keying = try Self.myDraft(task, operator: me, in: tx)
            let (file, fileId) = try Self.markableFile(task.batch.id, path: task.file.path, in: tx)
            if let id = keying.id { try tx.deleteKeying(id: id) }
            try Self.mark(file, fileId, batch: task.batch.id, kind: kind, reason: reason, actor: me, at: Timestamp.text(for: now), in: tx)
        }
        workspace.logger.info("file marked as no entry", metadata: ["batch": "\(task.batch.id)", "kind": "\(kind.rawValue)"])
    }

    /// Whether the file of `task` may be marked as holding no entry (throws the reason when not),
    /// so that the keying loop says so before asking what the page is.
    public func checkMarkable(_ task: KeyingTask) throws {
        try require(.keyRecords)
        try workspace.store.read { tx in _ = try Self.markableFile(task.batch.id, path: task.file.path, in: tx) }
    }

    /// A supervisor clears a mark: the file is an entry after all and is keyed like any other.
    /// A batch past keying goes back to keying for it.
    public func clearNonEntryMark(batch batchID: String, path: String, reason: String, now: Date = Date()) throws {
        try require(.markFiles)
        let reason = try Self.nonEntryReason(reason)
        let me = user.name
        let time = Timestamp.text(for: now)
        try workspace.store.write { tx in
            let (batch, _) = try Self.batchAndBook(batchID, in: tx)
            guard Self.markableStates.contains(batch.state) else {
                throw HoTichError(.batchFilesFrozen(batchID: batchID, state: batch.state))
            }
            guard let fileId = try tx.scanFile(batch: batchID, path: path)?.id, var mark = try tx.markInForce(file: fileId) else {
                throw HoTichError(.fileNotMarked(path: path))
            }
            mark.clearedBy = me
            mark.clearedAt = time
            mark.clearReason = reason
            try tx.updateMark(mark)
            try tx.appendAudit(AuditEntry(actor: me, action: .fileEntryAgain, batchId: batchID, subject: path, reason: reason), at: time)
            if batch.state == .keyed || batch.state == .verifying || batch.state == .verified {
                try Self.transition(batchID, action: .returnToKeying, actor: me, reason: reason, in: tx)
            }
        }
        workspace.logger.info("file mark cleared", metadata: ["batch": "\(batchID)"])
    }

    /// The files of a batch marked as holding no entry (marks in force), in path order.
    public func nonEntryFiles(batch batchID: String) throws -> [NonEntryFile] {
        try require(.viewWork)
        return try workspace.store.read { tx in
            guard try tx.batch(batchID) != nil else { throw HoTichError(.batchNotFound(batchID)) }
            return try tx.nonEntryFiles(batch: batchID)
        }
    }

    // MARK: - Steps

    private static func nonEntryReason(_ reason: String) throws -> String {
        let reason = VietnameseText.singleLine(reason)
        guard !reason.isEmpty else { throw HoTichError(.nonEntryNeedsReason) }
        return reason
    }

    /// The file and its id, when it may be marked: in a batch not yet sent, usable, not marked,
    /// with no record.
    static func markableFile(_ batchID: String, path: String, in tx: any StoreReading) throws -> (ScanFile, Int64) {
        let (batch, _) = try batchAndBook(batchID, in: tx)
        guard markableStates.contains(batch.state) else {
            throw HoTichError(.batchFilesFrozen(batchID: batchID, state: batch.state))
        }
        guard let file = try tx.scanFile(batch: batchID, path: path), let fileId = file.id else {
            throw HoTichError(.fileNotInBatch(batchID: batchID, path: path))
        }
        guard file.usable else { throw HoTichError(.fileNotKeyable(path: path)) }
        if let mark = try tx.markInForce(file: fileId) {
            throw HoTichError(.fileAlreadyMarked(path: path, kind: mark.kind))
        }
        if let record = try tx.recordOnFile(fileId) {
            throw HoTichError(.fileHasRecord(path: path, number: record.number ?? "?"))
        }
        return (file, fileId)
    }

    private static func mark(
        _ file: ScanFile, _ fileId: Int64, batch batchID: String, kind: NonEntryKind, reason: String, actor: String, at time: String,
        in tx: any StoreWriting
    ) throws {
        try tx.insertMark(NonEntryMark(scanFileId: fileId, batchId: batchID, kind: kind, reason: reason, by: actor, at: time))
        try tx.deleteClaims(file: fileId, pass: nil)
        try tx.appendAudit(
            AuditEntry(actor: actor, action: .fileNotAnEntry, batchId: batchID, subject: file.path, reason: "\(kind.rawValue): \(reason)"),
            at: time)
        try finishKeyingIfComplete(batchID, actor: actor, in: tx)
    }
}
