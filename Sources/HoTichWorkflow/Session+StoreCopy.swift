public import Foundation
public import HoTichModel
import HoTichExchange
import HoTichStore
import Logging

extension Session {
    /// Copies the district's SQLite workspace in `folder` into this province's PostgreSQL
    /// workspace (`hotich store copy`): its batches with their scans, records, keyings, decisions,
    /// exports and receipts, and its audit trail kept beside the province's.
    ///
    /// Nothing is copied unless the district's trail verifies, every scan is there as received,
    /// and the province has none of its books, batches, records or packages (the conflicts are
    /// thrown, all of them). Scans are copied into the province's folder and checked there before
    /// the one transaction that records everything; if that fails, they are taken away again.
    /// Both trails record the copy.
    /// - Parameter again: copy a district whose trail says it was copied somewhere before (into
    ///   another province's database, or a trial one); refused otherwise, naming where.
    public func copyWorkspace(from folder: URL, again: Bool = false) throws -> WorkspaceCopyResult {
        try require(.maintainWorkspace)
        guard let province = workspace.store as? PostgresStore else { throw HoTichError(.database(.notPostgres)) }
        let district = try Workspace.open(at: folder, logger: workspace.logger)
        guard let source = district.sqliteStore else { throw HoTichError(.database(.copySourceNotSQLite)) }
        if !again, let earlier = try district.store.read({ tx in try tx.lastAuditEvent(action: .storeCopy) }) {
            throw HoTichError(.database(.copySourceCopiedBefore(location: earlier.subject ?? "?")))
        }
        let trail = try district.verifyAuditTrail()
        guard trail.isSound else { throw HoTichError(.database(.copySourceTrailBroken(problems: trail.problemCount))) }
        let conflicts = try province.copyConflicts(from: source)
        guard conflicts.isEmpty else { throw HoTichError(.database(.copyConflicts(conflicts))) }

        let batches = try district.store.read { tx in
            try BatchState.allCases.flatMap { try tx.batches(in: $0) }.map { batch in (batch, try tx.scanFiles(batch: batch.id)) }
        }
        var staged: [(folder: StagingFolder, final: URL)] = []
        defer { for stage in staged { stage.folder.discard() } }
        var scanRoots: [String: String] = [:]
        var scanFiles = 0
        for (batch, files) in batches {
            let stage = try StagingFolder.make(in: workspace.scansFolder, modes: workspace.modes)
            let final = workspace.scansFolder.appendingPathComponent(String(batch.contentDigest.prefix(16)), isDirectory: true)
            staged.append((stage, final))
            try copyScans(files, of: batch, from: scansRoot(of: batch, inDistrict: folder), into: stage.url)
            scanRoots[batch.id] = final.path
            scanFiles += files.count
        }
        // The scans take their final names inside the transaction, once it has found the province
        // holds none of this: the writer lock makes that one copy's at a time (as for a receive),
        // so a copy that loses a race has moved nothing. If the records fail to commit, the scans
        // go back under their staging names to be removed — unless a batch now holds their content.
        var result: WorkspaceCopyResult
        do {
            result = try province.copyWorkspace(from: source, scanRoots: scanRoots, by: user.name, at: Timestamp.now()) {
                for stage in staged where stage.folder.movedTo == nil { try stage.folder.move(to: stage.final) }
            }
        } catch {
            try? province.write { tx in
                for (stage, digest) in zip(staged, batches.map(\.0.contentDigest)) where try tx.batch(withContent: digest) == nil {
                    try stage.folder.undoMove()
                }
            }
            throw error
        }
        for stage in staged { stage.folder.committed() }
        result.scanFiles = scanFiles
        // The district's trail says where its work went (the province's connection, never a password).
        try district.store.write { tx in
            try tx.appendAudit(
                AuditEntry(actor: user.name, action: .storeCopy, subject: province.location, reason: "events=\(result.events)"),
                at: Timestamp.now())
        }
        workspace.logger.info(
            "workspace copied in", metadata: ["office": "\(result.office)", "records": "\(result.rows["record"] ?? 0)", "events": "\(result.events)"])
        return result
    }

    /// Copies a batch's scans into `folder` and checks each copy against what was received. Only
    /// regular files are copied: a link in the district's folder is refused, never followed (its
    /// target may be anything), and nothing is done to a file outside `folder`.
    private func copyScans(_ files: [ScanFile], of batch: Batch, from root: URL, into folder: URL) throws {
        let manager = FileManager.default
        for file in files {
            let refused = HoTichError(.database(.copyScanMismatch(batch: batch.id, path: file.path, folder: root.path)))
            // A path that would leave the folder (never written by a receive) is refused.
            guard BackupManifest.isSafe(file.path) else { throw refused }
            let source = root.appendingPathComponent(file.path)
            let target = folder.appendingPathComponent(file.path)
            // `attributesOfItem` does not follow a link: it says it is one.
            guard (try? manager.attributesOfItem(atPath: source.path)[.type] as? FileAttributeType) == .typeRegular else { throw refused }
            try manager.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: Int(workspace.modes.directory)])
            do {
                try manager.copyItem(at: source, to: target)
            } catch {
                throw refused
            }
            // What was copied must itself be a regular file (the source could have been swapped
            // for a link since it was looked at) before its mode is set or its content read.
            guard (try? manager.attributesOfItem(atPath: target.path)[.type] as? FileAttributeType) == .typeRegular else {
                try? manager.removeItem(at: target)
                throw refused
            }
            try manager.setAttributes([.posixPermissions: Int(workspace.modes.file)], ofItemAtPath: target.path)
            let copied = try? FileFingerprint.read(target)
            guard copied?.bytes == file.bytes, copied?.sha256 == file.sha256 else { throw refused }
        }
    }

    /// Where a district batch's scans are now: where it kept them, or — for scans it unpacked into
    /// its own folder, when that folder was moved or mounted elsewhere — the same place in `folder`.
    private func scansRoot(of batch: Batch, inDistrict folder: URL) -> URL {
        let kept = URL(fileURLWithPath: batch.storedRoot, isDirectory: true)
        if FileManager.default.fileExists(atPath: kept.path) { return kept }
        let unpacked = folder.appendingPathComponent("scans", isDirectory: true).appendingPathComponent(kept.lastPathComponent, isDirectory: true)
        let wasUnpacked = kept.deletingLastPathComponent().lastPathComponent == "scans" && kept.lastPathComponent == String(batch.contentDigest.prefix(16))
        return wasUnpacked && FileManager.default.fileExists(atPath: unpacked.path) ? unpacked : kept
    }
}
