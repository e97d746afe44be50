public import Foundation
public import HoTichModel
import HoTichExchange
import HoTichStore
public import Logging

/// What `hotich restore` brought back.
public struct RestoreReport: Sendable {
    /// The restored workspace; nil when the checks failed and nothing was restored.
    public let folder: URL?
    public let manifest: BackupManifest
    /// The check of the restored workspace's trail.
    public let verification: AuditVerification
    /// Scans that do not match their recorded hash in the restored workspace.
    public let damagedScans: [String]
}

extension Workspace {
    /// Brings the backup in `backup` back as a new workspace in `folder` (which must not exist).
    ///
    /// Everything happens in a staging folder beside `folder`, which takes its name only at the
    /// end: every file the manifest lists is copied (regular files only, never through a link)
    /// and checked against it; the audit key comes from the backup or from `key`; the workspace
    /// is opened there and checked — SQLite's integrity check, the acting user's right to do
    /// this, the audit trail against the key and the anchors — its batches' scans are pointed at
    /// their new place by an event the trail keeps, and every scan is checked against its
    /// recorded hash. A restore that fails leaves nothing; one whose checks find problems leaves
    /// nothing either, and returns them (``RestoreReport/folder`` is nil).
    public static func restore(
        from backup: URL, to folder: URL, key: URL?, claim: IdentityClaim, logger: Logger = Workspace.silentLogger
    ) throws -> RestoreReport {
        let manager = FileManager.default
        let manifest = try BackupManifest.read(from: backup)
        guard !manager.fileExists(atPath: folder.path) else { throw HoTichError(.integrity(.backupTargetExists(path: folder.path))) }
        let keySource = manifest.keyIncluded ? backup.appendingPathComponent(AuditKey.fileName) : key
        guard let keySource else { throw HoTichError(.integrity(.restoreNeedsKey)) }
        _ = try AuditKey.read(from: keySource)
        let staging = folder.deletingLastPathComponent()
            .appendingPathComponent(".hotich-restore-\(UUID().uuidString).partial", isDirectory: true)
        let backupRoot = backup.resolvingSymlinksInPath().path + "/"
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for file in manifest.files {
                let source = backup.appendingPathComponent(file.path)
                // Within the backup, through no link: a file reached another way is not the backup's.
                guard source.resolvingSymlinksInPath().path.hasPrefix(backupRoot) else {
                    throw HoTichError(.integrity(.backupFileDamaged(path: file.path)))
                }
                let target = staging.appendingPathComponent(file.path)
                do {
                    try BackupFiles.copyOwnerOnly(source, to: target, making: true)
                } catch {
                    throw HoTichError(.integrity(.backupFileDamaged(path: file.path)))
                }
                let copied = try? FileFingerprint.read(target)
                guard let copied, copied.sha256 == file.sha256, copied.bytes == file.bytes else {
                    throw HoTichError(.integrity(.backupFileDamaged(path: file.path)))
                }
            }
            // Every batch's folder, an empty one too.
            for root in manifest.scanRoots {
                try manager.createDirectory(
                    at: staging.appendingPathComponent(root.path), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            if !manifest.keyIncluded { try BackupFiles.copyOwnerOnly(keySource, to: staging.appendingPathComponent(AuditKey.fileName)) }
            let report = try check(staging: staging, as: folder, manifest: manifest, from: backup, claim: claim, logger: logger)
            guard report.verification.isSound, report.damagedScans.isEmpty else {
                try? manager.removeItem(at: staging)
                return RestoreReport(folder: nil, manifest: manifest, verification: report.verification, damagedScans: report.damagedScans)
            }
            sync()
            try Durability.synchronizeDirectory(staging)
            guard !manager.fileExists(atPath: folder.path) else { throw HoTichError(.integrity(.backupTargetExists(path: folder.path))) }
            guard rename(staging.path, folder.path) == 0 else { throw HoTichError(.fileCopyFailed(folder.path)) }
            logger.info("workspace restored", metadata: ["files": "\(manifest.files.count)"])
            return report
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }

    /// Opens the workspace restored in `staging`, checks it, and points its scans at `final`,
    /// where it will live.
    private static func check(
        staging: URL, as final: URL, manifest: BackupManifest, from backup: URL, claim: IdentityClaim, logger: Logger
    ) throws -> RestoreReport {
        let workspace = try Workspace.open(at: staging, logger: logger)
        let problems = try workspace.sqlite.integrityProblems()
        guard problems.isEmpty else { throw HoTichError(.storeDamaged(.integrity(problems: problems.count))) }
        let session = try workspace.session(claim: claim)
        try session.require(.maintainWorkspace)
        // The trail as backed up, before anything is added to it: a key that is not the
        // workspace's, or a database changed since, stops the restore here.
        let before = try session.verifyAuditTrail()
        guard before.isSound else {
            return RestoreReport(folder: final, manifest: manifest, verification: before, damagedScans: [])
        }
        let roots = Dictionary(uniqueKeysWithValues: manifest.scanRoots.map { ($0.batchId, final.appendingPathComponent($0.path).path) })
        try workspace.store.write { tx in
            for (batchId, root) in roots.sorted(by: { $0.key < $1.key }) { try tx.moveScans(batch: batchId, to: root) }
            try tx.appendAudit(
                AuditEntry(actor: session.user.name, action: .restore, subject: backup.lastPathComponent,
                           reason: "\(manifest.auditHead.events)"), at: Timestamp.now())
        }
        var damaged: [String] = []
        let finalRoot = final.path + "/"
        let scans = try workspace.sqlite.storedScans()
        // The backup holds the database's scans and nothing more: a file it lists beyond them is
        // not the workspace's.
        let listed = Set(manifest.files.map(\.path).filter { $0.contains("/") })
        let rootPaths = Dictionary(uniqueKeysWithValues: manifest.scanRoots.map { ($0.batchId, $0.path) })
        let expected = Set(scans.compactMap { scan in rootPaths[scan.batchId].map { $0 + "/" + scan.path } })
        for extra in listed.subtracting(expected).sorted() { damaged.append(extra) }
        for scan in scans {
            // Read where it is now, in the staging folder.
            let root = scan.storedRoot.hasPrefix(finalRoot) ? staging.path + "/" + scan.storedRoot.dropFirst(finalRoot.count) : scan.storedRoot
            let fingerprint = try? FileFingerprint.read(URL(fileURLWithPath: root).appendingPathComponent(scan.path))
            if fingerprint?.sha256 != scan.sha256 { damaged.append(scan.path) }
        }
        return RestoreReport(folder: final, manifest: manifest, verification: try session.verifyAuditTrail(), damagedScans: damaged)
    }
}
