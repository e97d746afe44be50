public import Foundation
public import HoTichModel
public import HoTichStore
import HoTichExchange
import Logging

/// What `hotich backup` made.
public struct BackupReport: Sendable {
    public let folder: URL
    public let manifest: BackupManifest
    /// Scans that no longer match their recorded hash, backed up as they are.
    public let damagedScans: [String]
    /// The check of the copy: its audit trail, against the key and the anchors up to the copy's head.
    public let verification: AuditVerification
}

extension Session {
    /// Makes a backup of the live workspace in the new folder `destination`: a consistent copy of
    /// the database by SQLite's online backup (operators keep working; what they save after it
    /// began is not in it), every batch's scans copied (never linked: a backup shares nothing with
    /// what it backs up) and checked against their recorded hashes, the anchor log up to the copy's
    /// head, the audit key only when `includeKey`, and `hotich-backup.json` listing every file with
    /// its SHA-256. The copy is checked (integrity, audit trail) and flushed to disk before the
    /// folder takes its name: a backup cut short is never found under it. Administrators only.
    public func backUp(to destination: URL, includeKey: Bool = false) throws -> BackupReport {
        try require(.maintainWorkspace)
        // A province's database is backed up by its server's own tools (pg_dump, base backups):
        // see docs/postgresql.md. The folder's scans, key and anchor log are copied with them.
        guard workspace.sqliteStore != nil else { throw HoTichError(.database(.backupByServerTools)) }
        let manager = FileManager.default
        guard !manager.fileExists(atPath: destination.path) else { throw HoTichError(.integrity(.backupTargetExists(path: destination.path))) }
        // A staging folder of this backup's own, beside the destination: nothing of anyone else's is
        // ever removed, and two backups to one place do not meet until one takes the name.
        let staging = destination.deletingLastPathComponent()
            .appendingPathComponent(".hotich-backup-\(UUID().uuidString).partial", isDirectory: true)
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw FileSystemFailure.hotichError(for: error, fallbackPath: staging.path) ?? HoTichError(.fileCopyFailed(staging.path))
        }
        do {
            let report = try writeBackup(into: staging, named: destination, includeKey: includeKey)
            // Every file copied reaches the disk before the folder is named (one flush of them all).
            sync()
            try Durability.synchronizeDirectory(staging)
            // Another backup may have taken the name meanwhile: it is never replaced.
            guard !manager.fileExists(atPath: destination.path) else { throw HoTichError(.integrity(.backupTargetExists(path: destination.path))) }
            guard rename(staging.path, destination.path) == 0 else { throw HoTichError(.fileCopyFailed(destination.path)) }
            try Durability.synchronizeDirectory(destination.deletingLastPathComponent())
            workspace.logger.info("backup made", metadata: ["files": "\(report.manifest.files.count)", "events": "\(report.manifest.auditHead.events)"])
            return BackupReport(
                folder: destination, manifest: report.manifest, damagedScans: report.damagedScans, verification: report.verification)
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }

    private func writeBackup(
        into staging: URL, named destination: URL, includeKey: Bool
    ) throws -> (manifest: BackupManifest, damagedScans: [String], verification: AuditVerification) {
        // The backup is itself an event, inside the copy it makes.
        try workspace.store.write { tx in
            try tx.appendAudit(AuditEntry(actor: user.name, action: .backup, subject: destination.lastPathComponent), at: Timestamp.now())
        }
        let databaseCopy = staging.appendingPathComponent(SQLiteStore.databaseFileName)
        let head = try workspace.sqlite.backup(to: databaseCopy)
        let protection = workspace.protection
        var files: [BackupManifest.File] = []
        var roots: [BackupManifest.ScanRoot] = []
        var damaged: [String] = []
        let workspaceRoot = workspace.folder.standardizedFileURL.path + "/"
        var rootOfBatch: [String: String] = [:]
        // The copy is read through one connection that leaves its file as it is: its hash, taken
        // once it is closed, is the one a restore checks.
        var copy: SQLiteStore? = try SQLiteStore.openCopy(at: databaseCopy, protection: AuditProtection(key: protection.key, anchorLog: nil))
        // Every batch's folder has its place in the backup, an empty one too (an adopted book's):
        // inside the workspace as it was there, outside it under `external/BATCH`.
        for (batchId, storedRoot) in try copy?.batchRoots() ?? [] {
            let original = URL(fileURLWithPath: storedRoot).standardizedFileURL.path
            let inside = original.hasPrefix(workspaceRoot) ? String(original.dropFirst(workspaceRoot.count)) : "external/\(batchId)"
            rootOfBatch[batchId] = inside
            roots.append(BackupManifest.ScanRoot(batchId: batchId, path: inside, original: storedRoot))
            try FileManager.default.createDirectory(
                at: staging.appendingPathComponent(inside), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        for scan in try copy?.storedScans() ?? [] {
            guard let inside = rootOfBatch[scan.batchId] else { continue }
            let source = URL(fileURLWithPath: scan.storedRoot).appendingPathComponent(scan.path)
            let relative = inside + "/" + scan.path
            let target = staging.appendingPathComponent(relative)
            let fingerprint: FileFingerprint
            do {
                try BackupFiles.copyOwnerOnly(source, to: target, making: true)
                fingerprint = try FileFingerprint.read(target)
            } catch {
                // A scan gone from its folder (or not a file any more) is named, and the rest backed up.
                damaged.append(relative)
                continue
            }
            if fingerprint.sha256 != scan.sha256 || fingerprint.bytes != scan.bytes { damaged.append(relative) }
            files.append(BackupManifest.File(path: relative, bytes: fingerprint.bytes, sha256: fingerprint.sha256))
        }
        // The anchors the copy can be checked against: those up to its head (later ones name
        // events written after the snapshot).
        var anchors: [AuditAnchorLog.Line] = []
        if let log = protection.anchorLog {
            anchors = try log.lines().compactMap(\.line).filter { $0.anchor.eventID <= Int64(head.events) }
            let text = anchors.map { "anchor \($0.anchor.eventID) \($0.anchor.hash) \($0.at) \($0.mac)\n" }.joined()
            let url = staging.appendingPathComponent(AuditAnchorLog.fileName)
            guard FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw HoTichError(.fileCopyFailed(url.path))
            }
        }
        if includeKey {
            let key = workspace.folder.appendingPathComponent(AuditKey.fileName)
            try BackupFiles.copyOwnerOnly(key, to: staging.appendingPathComponent(AuditKey.fileName))
        }
        // The copy is checked as a restore would check it.
        let problems = try copy?.integrityProblems() ?? []
        guard problems.isEmpty else { throw HoTichError(.storeDamaged(.integrity(problems: problems.count))) }
        let verification = try copy?.read { tx in try tx.verifyAudit(anchors: anchors, external: []) }
        copy = nil
        for name in [SQLiteStore.databaseFileName, AuditAnchorLog.fileName] + (includeKey ? [AuditKey.fileName] : []) {
            let url = staging.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path), let fingerprint = try? FileFingerprint.read(url) else { continue }
            files.append(BackupManifest.File(path: name, bytes: fingerprint.bytes, sha256: fingerprint.sha256))
        }
        guard let verification else { throw HoTichError(.fileCopyFailed(databaseCopy.path)) }
        let manifest = BackupManifest(
            format: BackupManifest.currentFormat, createdAt: Timestamp.now(), producerVersion: HotichVersion.current,
            office: try workspace.info().officeCode.value, auditHead: head, keyIncluded: includeKey,
            scanRoots: roots, files: files.sorted { $0.path < $1.path })
        try manifest.write(to: staging)
        return (manifest, damaged, verification)
    }
}
