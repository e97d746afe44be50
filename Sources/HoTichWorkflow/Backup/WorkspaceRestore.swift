public import Foundation
public import HoTichModel
import HoTichExchange
import HoTichStore
public import Logging

/// What `hotich restore` brought back.
public struct RestoreReport: Sendable {
    public let folder: URL
    public let manifest: BackupManifest
    /// The check of the restored workspace's trail.
    public let verification: AuditVerification
    /// Scans that do not match their recorded hash in the restored workspace.
    public let damagedScans: [String]
}

extension Workspace {
    /// Brings the backup in `backup` back as a new workspace in `folder` (which must not exist):
    /// every file checked against the backup's manifest while it is copied, the audit key from
    /// the backup or from `key`, then the workspace opened and checked — SQLite's integrity check,
    /// the audit trail against the key and the anchors, every scan against its recorded hash —
    /// and its batches' scans pointed at their new place, which the trail records.
    /// The folder takes its name only when everything is there.
    public static func restore(
        from backup: URL, to folder: URL, key: URL?, claim: IdentityClaim, logger: Logger = Workspace.silentLogger
    ) throws -> RestoreReport {
        let manager = FileManager.default
        let manifest = try BackupManifest.read(from: backup)
        guard !manager.fileExists(atPath: folder.path) else { throw HoTichError(.integrity(.backupTargetExists(path: folder.path))) }
        let keySource = manifest.keyIncluded ? backup.appendingPathComponent(AuditKey.fileName) : key
        guard let keySource else { throw HoTichError(.integrity(.restoreNeedsKey)) }
        _ = try AuditKey.read(from: keySource)
        let staging = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).partial", isDirectory: true)
        try? manager.removeItem(at: staging)
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for file in manifest.files {
                let source = backup.appendingPathComponent(file.path)
                let target = staging.appendingPathComponent(file.path)
                try manager.createDirectory(
                    at: target.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                try Session.copyOwnerOnly(source, to: target)
                let copied = try? FileFingerprint.read(target)
                guard let copied, copied.sha256 == file.sha256, copied.bytes == file.bytes else {
                    throw HoTichError(.integrity(.backupFileDamaged(path: file.path)))
                }
            }
            if !manifest.keyIncluded { try Session.copyOwnerOnly(keySource, to: staging.appendingPathComponent(AuditKey.fileName)) }
            try Durability.synchronizeDirectory(staging)
            try manager.moveItem(at: staging, to: folder)
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
        let workspace = try Workspace.open(at: folder, logger: logger)
        let problems = try workspace.sqlite.integrityProblems()
        guard problems.isEmpty else { throw HoTichError(.storeDamaged(.integrity(problems: problems.count))) }
        let session = try workspace.session(claim: claim)
        try session.require(.maintainWorkspace)
        // The batches' scans now live in the restored folder: their roots are moved there, in one
        // event that the trail keeps.
        let roots = Dictionary(uniqueKeysWithValues: manifest.scanRoots.map { ($0.batchId, folder.appendingPathComponent($0.path).path) })
        try workspace.store.write { tx in
            for (batchId, root) in roots.sorted(by: { $0.key < $1.key }) { try tx.moveScans(batch: batchId, to: root) }
            try tx.appendAudit(AuditEntry(actor: session.user.name, action: .restore, subject: backup.lastPathComponent,
                                          reason: "\(manifest.auditHead.events)"), at: Timestamp.now())
        }
        var damaged: [String] = []
        for scan in try workspace.sqlite.storedScans() {
            let fingerprint = try? FileFingerprint.read(URL(fileURLWithPath: scan.storedRoot).appendingPathComponent(scan.path))
            if fingerprint?.sha256 != scan.sha256 { damaged.append(scan.path) }
        }
        let verification = try session.verifyAuditTrail()
        logger.info("workspace restored", metadata: ["files": "\(manifest.files.count)"])
        return RestoreReport(folder: folder, manifest: manifest, verification: verification, damagedScans: damaged)
    }
}
