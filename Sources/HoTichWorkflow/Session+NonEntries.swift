public import Foundation
import GRDB
public import HoTichModel
public import HoTichStore
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
        try workspace.sqlite.databaseWrite { db in
            let file = try Self.markableFile(batchID, path: path, in: db)
            guard let fileId = file.id else { throw HoTichError(.storageFailure(code: 11)) }
            let keyings = try Keying.filter(Keying.Columns.batchId == batchID && Column("scanFileId") == fileId).fetchAll(db)
            if let busy = keyings.first(where: { $0.state == .complete || !$0.fields.isEmpty }) {
                throw HoTichError(.claimNotYours(path: path, holder: busy.operator))
            }
            // Drafts opened on the file and left empty go with the mark.
            for keying in keyings { _ = try keying.delete(db) }
            try Self.mark(file, batch: batchID, kind: kind, reason: reason, actor: me, at: Timestamp.text(for: now), in: db)
        }
        workspace.logger.info("file marked as no entry", metadata: ["batch": "\(batchID)", "kind": "\(kind.rawValue)"])
    }

    /// An operator, at the first prompt of a file they are keying, says it holds no entry: the
    /// draft is dropped and the file is marked, as a supervisor would mark it.
    public func markNotAnEntry(_ task: KeyingTask, kind: NonEntryKind, reason: String, now: Date = Date()) throws {
        try require(.keyRecords)
        let reason = try Self.nonEntryReason(reason)
        let me = user.name
        try workspace.sqlite.databaseWrite { db in
            guard let keying = try Keying.fetchOne(db, key: task.keyingId), keying.operator == me, keying.state == .draft else {
                throw HoTichError(.claimNotYours(path: task.file.path, holder: try Self.holder(of: task, in: db)))
            }
            let file = try Self.markableFile(task.batch.id, path: task.file.path, in: db)
            _ = try keying.delete(db)
            try Self.mark(file, batch: task.batch.id, kind: kind, reason: reason, actor: me, at: Timestamp.text(for: now), in: db)
        }
        workspace.logger.info("file marked as no entry", metadata: ["batch": "\(task.batch.id)", "kind": "\(kind.rawValue)"])
    }

    /// Whether the file of `task` may be marked as holding no entry (throws the reason when not),
    /// so that the keying loop says so before asking what the page is.
    public func checkMarkable(_ task: KeyingTask) throws {
        try require(.keyRecords)
        try workspace.sqlite.databaseRead { db in _ = try Self.markableFile(task.batch.id, path: task.file.path, in: db) }
    }

    /// A supervisor clears a mark: the file is an entry after all and is keyed like any other.
    /// A batch past keying goes back to keying for it.
    public func clearNonEntryMark(batch batchID: String, path: String, reason: String, now: Date = Date()) throws {
        try require(.markFiles)
        let reason = try Self.nonEntryReason(reason)
        let me = user.name
        let time = Timestamp.text(for: now)
        try workspace.sqlite.databaseWrite { db in
            let (batch, _) = try Self.batchAndBook(batchID, in: db)
            guard Self.markableStates.contains(batch.state) else {
                throw HoTichError(.batchFilesFrozen(batchID: batchID, state: batch.state))
            }
            guard let file = try ScanFile.filter(ScanFile.Columns.batchId == batchID && ScanFile.Columns.path == path).fetchOne(db),
                  let fileId = file.id,
                  var mark = try NonEntryMark.filter(NonEntryMark.Columns.scanFileId == fileId && NonEntryMark.Columns.clearedAt == nil)
                    .fetchOne(db)
            else { throw HoTichError(.fileNotMarked(path: path)) }
            mark.clearedBy = me
            mark.clearedAt = time
            mark.clearReason = reason
            try mark.update(db)
            try AuditTrail.append(
                AuditEntry(actor: me, action: .fileEntryAgain, batchId: batchID, subject: path, reason: reason), at: time, in: db)
            if batch.state == .keyed || batch.state == .verifying || batch.state == .verified {
                try Self.transition(batchID, action: .returnToKeying, actor: me, reason: reason, in: db)
            }
        }
        workspace.logger.info("file mark cleared", metadata: ["batch": "\(batchID)"])
    }

    /// The files of a batch marked as holding no entry (marks in force), in path order.
    public func nonEntryFiles(batch batchID: String) throws -> [NonEntryFile] {
        try require(.viewWork)
        return try workspace.sqlite.databaseRead { db in
            guard try Batch.exists(db, key: batchID) else { throw HoTichError(.batchNotFound(batchID)) }
            return try Self.nonEntryFiles(batchID, in: db)
        }
    }

    static func nonEntryFiles(_ batchID: String, in db: Database) throws -> [NonEntryFile] {
        let marks = try NonEntryMark.inForce(batch: batchID).fetchAll(db)
        var paths: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, path FROM scanFile WHERE batchId = ?", arguments: [batchID]) {
            paths[row["id"]] = row["path"]
        }
        return marks.compactMap { mark in paths[mark.scanFileId].map { NonEntryFile(path: $0, mark: mark) } }
            .sorted { $0.path < $1.path }
    }

    // MARK: - Steps

    private static func nonEntryReason(_ reason: String) throws -> String {
        let reason = VietnameseText.singleLine(reason)
        guard !reason.isEmpty else { throw HoTichError(.nonEntryNeedsReason) }
        return reason
    }

    /// The file, when it may be marked: in a batch not yet sent, usable, not marked, with no record.
    static func markableFile(_ batchID: String, path: String, in db: Database) throws -> ScanFile {
        let (batch, _) = try batchAndBook(batchID, in: db)
        guard markableStates.contains(batch.state) else {
            throw HoTichError(.batchFilesFrozen(batchID: batchID, state: batch.state))
        }
        guard let file = try ScanFile.filter(ScanFile.Columns.batchId == batchID && ScanFile.Columns.path == path).fetchOne(db),
              let fileId = file.id
        else { throw HoTichError(.fileNotInBatch(batchID: batchID, path: path)) }
        guard file.usable else { throw HoTichError(.fileNotKeyable(path: path)) }
        if let mark = try NonEntryMark.filter(NonEntryMark.Columns.scanFileId == fileId && NonEntryMark.Columns.clearedAt == nil)
            .fetchOne(db) {
            throw HoTichError(.fileAlreadyMarked(path: path, kind: mark.kind))
        }
        if let number = try String.fetchOne(db, sql: "SELECT COALESCE(number, '?') FROM record WHERE scanFileId = ? LIMIT 1", arguments: [fileId]) {
            throw HoTichError(.fileHasRecord(path: path, number: number))
        }
        return file
    }

    private static func mark(
        _ file: ScanFile, batch batchID: String, kind: NonEntryKind, reason: String, actor: String, at time: String, in db: Database
    ) throws {
        guard let fileId = file.id else { throw HoTichError(.storageFailure(code: 11)) }
        var mark = NonEntryMark(scanFileId: fileId, batchId: batchID, kind: kind, reason: reason, by: actor, at: time)
        try mark.insert(db)
        try db.execute(sql: "DELETE FROM claim WHERE scanFileId = ?", arguments: [fileId])
        try AuditTrail.append(
            AuditEntry(actor: actor, action: .fileNotAnEntry, batchId: batchID, subject: file.path, reason: "\(kind.rawValue): \(reason)"),
            at: time, in: db)
        try finishKeyingIfComplete(batchID, actor: actor, in: db)
    }
}
