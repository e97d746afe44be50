import Foundation
import GRDB
import HoTichExchange
import HoTichModel
import HoTichStore
import HoTichWorkflow
import Testing

/// `hotich backup` of a live workspace and `hotich restore` of it, checked end to end.
@Suite(.sqliteFile) struct BackupTests {
    /// The administrator of a test workspace, as the account of the same name proves it.
    static let claim = IdentityClaim(account: "quantri", requested: nil) { _ in nil }

    static func mode(_ url: URL) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    @Test func aBackupTakenDuringSavesRestoresToTheSameWorkspaceAsItStoodAndChecksOut() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let destination = test.root.appendingPathComponent("sao-luu")
        // A supervisor holds and releases the batch over and over while the backup runs.
        let workspace = test.workspace
        let saves = Thread {
            guard let supervisor = try? workspace.session(as: "giamsat") else { return }
            for index in 0..<40 {
                try? supervisor.apply(index.isMultiple(of: 2) ? .hold : .release, to: batch.id, reason: "lượt \(index)")
            }
        }
        saves.start()
        let report = try test.admin.backUp(to: destination)
        while !saves.isFinished { Thread.sleep(forTimeInterval: 0.05) }
        #expect(report.verification.isSound, "\(report.verification.problems)")
        #expect(report.damagedScans.isEmpty && !report.manifest.keyIncluded)
        #expect(report.manifest.files.count { $0.path.hasSuffix(".pdf") } == 12)
        #expect(!FileManager.default.fileExists(atPath: destination.appendingPathComponent(AuditKey.fileName).path))
        #expect(try Self.mode(destination) == 0o700 && Self.mode(destination.appendingPathComponent(SQLiteStore.databaseFileName)) == 0o600)

        // Without its key, a backup that left it out is not restored.
        let restored = test.root.appendingPathComponent("khoi-phuc")
        #expect {
            try Workspace.restore(from: destination, to: restored, key: nil, claim: Self.claim)
        } throws: { ($0 as? HoTichError)?.message == .integrity(.restoreNeedsKey) }
        let restore = try Workspace.restore(
            from: destination, to: restored, key: test.workspace.folder.appendingPathComponent(AuditKey.fileName), claim: Self.claim)
        #expect(restore.folder == restored && restore.verification.isSound && restore.damagedScans.isEmpty, "\(restore.verification.problems)")

        // The restored trail is the live one up to the backup's head, event for event.
        let live = try test.supervisor.auditEvents(batch: nil)
        let back = try Workspace.open(at: restored).session(as: "giamsat").auditEvents(batch: nil)
        let head = report.manifest.auditHead.events
        #expect(back.prefix(head).map(\.hash) == live.prefix(head).map(\.hash))
        #expect(back.last?.action == .restore && back.count == head + 1)
        // Records and their values are those of the live workspace.
        let records = { (folder: URL) throws -> [String: String] in
            let queue = try DatabaseQueue(path: folder.appendingPathComponent(SQLiteStore.databaseFileName).path)
            return try queue.read { db in
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, fields FROM record").map { ($0["id"], $0["fields"]) })
            }
        }
        #expect(try records(restored) == records(test.workspace.folder))
        // The scans are the restored folder's own, byte for byte.
        let restoredBatch = try #require(try Workspace.open(at: restored).session(as: "giamsat").batches().first?.batch)
        #expect(restoredBatch.storedRoot.hasPrefix(restored.path))
        let fixity = try Workspace.open(at: restored).session(as: "giamsat").checkFiles(of: batch.id)
        #expect(fixity.missing.isEmpty && fixity.changed.isEmpty)
    }

    @Test func aBackupNeverOverwritesAndADamagedOneIsNotRestored() throws {
        let test = try TestWorkspace()
        _ = try test.receiveGoodBook()
        let destination = test.root.appendingPathComponent("sao-luu")
        let report = try test.admin.backUp(to: destination, includeKey: true)
        #expect(report.manifest.keyIncluded)
        #expect {
            try test.admin.backUp(to: destination)
        } throws: { ($0 as? HoTichError)?.message == .integrity(.backupTargetExists(path: destination.path)) }
        #expect(throws: HoTichError.self) { try test.operatorSession.backUp(to: test.root.appendingPathComponent("khac")) }

        // With the key inside, it restores without one.
        let first = test.root.appendingPathComponent("lan-1")
        #expect(try Workspace.restore(from: destination, to: first, key: nil, claim: Self.claim).verification.isSound)
        // One byte more in the database copy, and the backup is refused, leaving nothing behind.
        let handle = try FileHandle(forWritingTo: destination.appendingPathComponent(SQLiteStore.databaseFileName))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0]))
        try handle.close()
        let second = test.root.appendingPathComponent("lan-2")
        #expect {
            try Workspace.restore(from: destination, to: second, key: nil, claim: Self.claim)
        } throws: { ($0 as? HoTichError)?.message == .integrity(.backupFileDamaged(path: SQLiteStore.databaseFileName)) }
        #expect(!FileManager.default.fileExists(atPath: second.path))
        // Nothing is left beside it either: the staging folder went with the failure.
        #expect(try FileManager.default.contentsOfDirectory(atPath: test.root.path).allSatisfy { !$0.hasSuffix(".partial") })
        // A manifest naming a file outside the backup is not a backup.
        let manifestURL = destination.appendingPathComponent(BackupManifest.fileName)
        let text = try String(contentsOf: manifestURL, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"path\" : \"hotich.sqlite\"", with: "\"path\" : \"../hotich.sqlite\"").utf8)
            .write(to: manifestURL)
        #expect {
            try Workspace.restore(from: destination, to: second, key: nil, claim: Self.claim)
        } throws: { ($0 as? HoTichError)?.message == .integrity(.backupUnreadable(path: destination.path)) }
    }

    @Test func aBackupSharesNothingWithTheWorkspaceAndARestoreFollowsNoLinkAndNoWrongKey() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let destination = test.root.appendingPathComponent("sao-luu")
        _ = try test.admin.backUp(to: destination)
        // Copies, not links: each backed-up scan is a file of its own, owner-only.
        let scans = try #require(FileManager.default.enumerator(at: destination, includingPropertiesForKeys: nil)?.allObjects as? [URL])
            .filter { $0.pathExtension == "pdf" }
        #expect(scans.count == 12)
        for scan in scans {
            let attributes = try FileManager.default.attributesOfItem(atPath: scan.path)
            #expect((attributes[.referenceCount] as? Int) == 1 && (attributes[.posixPermissions] as? Int) == 0o600)
        }
        // A key that is not the workspace's: the trail does not check out, and nothing is restored.
        let otherKey = test.root.appendingPathComponent("khac.key")
        try AuditKey(keyedFrom: 1).write(to: otherKey)
        let wrong = test.root.appendingPathComponent("sai-khoa")
        let refused = try Workspace.restore(from: destination, to: wrong, key: otherKey, claim: Self.claim)
        #expect(refused.folder == nil && refused.verification.problems.contains { if case .eventForged = $0 { true } else { false } })
        #expect(!FileManager.default.fileExists(atPath: wrong.path))
        // A scan replaced by a link to a file outside the backup, its hash written in the manifest.
        let outside = test.root.appendingPathComponent("ngoai.pdf")
        try FileManager.default.copyItem(at: scans[0], to: outside)
        try FileManager.default.removeItem(at: scans[0])
        try FileManager.default.createSymbolicLink(at: scans[0], withDestinationURL: outside)
        let linked = test.root.appendingPathComponent("lien-ket")
        #expect(throws: HoTichError.self) {
            try Workspace.restore(from: destination, to: linked, key: test.workspace.folder.appendingPathComponent(AuditKey.fileName), claim: Self.claim)
        }
        #expect(!FileManager.default.fileExists(atPath: linked.path))
        _ = batch
    }

    @Test func aFileTheBackupListsBeyondTheWorkspacesScansIsNotRestored() throws {
        let test = try TestWorkspace()
        _ = try test.receiveGoodBook()
        let destination = test.root.appendingPathComponent("sao-luu")
        let made = try test.admin.backUp(to: destination, includeKey: true)
        let root = try #require(made.manifest.scanRoots.first?.path)
        // A file slipped in beside the scans, listed with its true hash.
        let extra = destination.appendingPathComponent(root + "/them.pdf")
        try Data("%PDF-1.4 thêm".utf8).write(to: extra)
        var manifest = made.manifest
        let fingerprint = try FileFingerprint.read(extra)
        manifest.files.append(BackupManifest.File(path: root + "/them.pdf", bytes: fingerprint.bytes, sha256: fingerprint.sha256))
        let encoder = JSONEncoder()
        try encoder.encode(manifest).write(to: destination.appendingPathComponent(BackupManifest.fileName))
        let target = test.root.appendingPathComponent("khoi-phuc")
        let report = try Workspace.restore(from: destination, to: target, key: nil, claim: Self.claim)
        #expect(report.folder == nil && report.damagedScans == [root + "/them.pdf"])
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }
}
