import Foundation
import HoTichExchange
import HoTichModel
import HoTichStore

/// The outcome of re-reading a batch's files against its manifest, in BagIt's terms.
public struct FixityReport: Sendable, Equatable {
    public let batchID: String
    /// Listed files that are not there.
    public let missing: [String]
    /// Listed files whose size or SHA-256 differs.
    public let changed: [String]
    /// Files present that the manifest does not list.
    public let unlisted: [String]
    /// How many listed files were read and matched.
    public let matched: Int
    /// The manifest's Payload-Oxum.
    public let payloadOxum: String

    /// Every listed file is present and nothing is unlisted.
    public var isComplete: Bool { missing.isEmpty && unlisted.isEmpty }
    /// Complete, and every file matches its hash.
    public var isValid: Bool { isComplete && changed.isEmpty }
}

extension Session {
    /// Re-hashes every file of a batch and compares it with the manifest stored at intake.
    /// The check and its outcome are written to the audit trail.
    public func checkFiles(of batchID: String, progress: (Int, Int) -> Void = { _, _ in }) throws -> FixityReport {
        try require(.viewWork)
        let (batch, files, knownUnreadable) = try workspace.store.read { tx in
            guard let batch = try tx.batch(batchID) else { throw HoTichError(.batchNotFound(batchID)) }
            return (batch, try tx.scanFiles(batch: batchID), try tx.unreadablePaths(batch: batchID))
        }
        let root = URL(fileURLWithPath: batch.storedRoot, isDirectory: true)
        let present = Set((try? ScanFolder(root: root).relativePaths) ?? [])
        var missing: [String] = []
        var changed: [String] = []
        var matched = 0
        for (index, file) in files.enumerated() {
            defer { progress(index + 1, files.count) }
            guard present.contains(file.path) else {
                missing.append(file.path)
                continue
            }
            switch Result(catching: { () throws(FileFingerprint.Failure) in try FileFingerprint.read(root.appendingPathComponent(file.path)) }) {
            case .success(let fingerprint) where fingerprint.bytes == file.bytes && fingerprint.sha256 == file.sha256:
                matched += 1
            case .success, .failure(.unreadable):
                changed.append(file.path)
            case .failure(.missing):
                missing.append(file.path)
            }
        }
        let listed = Set(files.map(\.path)).union(knownUnreadable)
        let unlisted = present.subtracting(listed).sorted()
        let report = FixityReport(
            batchID: batchID, missing: missing, changed: changed, unlisted: unlisted,
            matched: matched, payloadOxum: batch.payloadOxum)
        let actor = user.name
        let outcome = report.isValid
            ? "valid"
            : "failed: \(missing.count) missing, \(changed.count) changed, \(unlisted.count) unlisted"
        try workspace.store.write { tx in
            try tx.appendAudit(AuditEntry(actor: actor, action: .checkFiles, batchId: batchID, reason: outcome), at: Timestamp.now())
        }
        return report
    }
}
