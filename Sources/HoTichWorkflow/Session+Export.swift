public import Foundation
import HoTichExchange
import HoTichModel
import HoTichStore
import Logging

/// What to export and where.
public struct ExportRequest: Sendable {
    public var batchIDs: [String]
    /// Every verified batch (and any export left unfinished).
    public var allVerified: Bool
    /// The folder the package folder is made in.
    public var folder: URL
    /// Export batches already exported again, as a new package.
    public var again: Bool
    /// Mark the files as test data (`@test="true"`).
    public var test: Bool
    /// Told records written so far and the total, every thousand records.
    public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    /// What the package holds: hotich's XML, or the Ministry's spreadsheet and zip per book.
    public var format: ExportFormat
    /// A private key (Ed25519, PEM) to sign the manifest with (`manifest.xml.sig`); unsigned when `nil`.
    public var signingKey: URL?

    public init(
        batchIDs: [String], allVerified: Bool = false, folder: URL, again: Bool = false, test: Bool = false,
        format: ExportFormat = .xml, signingKey: URL? = nil, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) {
        self.format = format
        self.signingKey = signingKey
        self.batchIDs = batchIDs
        self.allVerified = allVerified
        self.folder = folder
        self.again = again
        self.test = test
        self.progress = progress
    }
}

/// What a package holds.
public enum ExportFormat: Sendable, Equatable {
    /// One `exportBatch` XML file per batch (schema hotich-export/1).
    case xml
    /// Per book, the Ministry's spreadsheet (`.xlsx`) and a zip of one PDF per entry.
    /// - Parameters:
    ///   - template: a spreadsheet or CSV whose first row gives the columns (a province's own order).
    ///   - bundlePrefix: the place part of the files' names; by default made from the office.
    case ministry(template: URL?, bundlePrefix: String?)
}

/// One file of a package.
public struct ExportedFile: Sendable, Equatable {
    public let name: String
    public let batchID: String
    public let bytes: Int64
    public let sha256: String
    /// Records the file holds (for a zip of scans: its PDFs).
    public let records: Int
    /// Whether the file holds records or the scans that go with them.
    public let role: Role

    /// What a file of a package holds.
    public enum Role: String, Sendable {
        /// Records: an export file, or the Ministry's spreadsheet of a book.
        case records
        /// The scans of a book's entries (the Ministry's zip of one PDF per entry).
        case scans
    }

    public init(name: String, batchID: String, bytes: Int64, sha256: String, records: Int, role: Role = .records) {
        self.name = name
        self.batchID = batchID
        self.bytes = bytes
        self.sha256 = sha256
        self.records = records
        self.role = role
    }
}

/// What an export did.
public struct ExportReport: Sendable {
    public let packageID: String?
    /// The finished package folder.
    public let folder: URL?
    public let files: [ExportedFile]
    public var records: Int { files.filter { $0.role == .records }.reduce(0) { $0 + $1.records } }
    /// Batches skipped because they are exported already (without `--again`).
    public let alreadyExported: [String]
    /// Whether this report is of a package an interrupted run had written, which this run completed.
    public let resumed: Bool
    /// A package an interrupted run had written that this run completed before its own export.
    public var completedEarlierPackage: String?
    /// The fingerprint of the key that signed the package's manifest, when it was signed.
    public var signedBy: String?
}

/// Where an export can be made to fail, to prove that a failure at any point leaves nothing
/// that looks finished (tests only).
package enum ExportFault: Sendable, Equatable {
    case none
    /// The writer fails after this many records.
    case writerAfter(records: Int)
    /// The written file fails validation.
    case validation
    /// The rename into place fails.
    case rename
    /// The process stops after the rename, before the bookkeeping (as a crash would).
    case crashAfterRename
    /// The bookkeeping after the rename fails (as a full disk or a locked database would).
    case bookkeeping
    /// The first file's writing meets a full disk: a real one, the system's `/dev/full`.
    case diskFull
}

extension Session {
    /// The producer version written into every file.
    public static let producerVersion = HotichVersion.current

    /// Exports verified batches as one package: an XML file per batch and a manifest written
    /// last, each validated against the bundled schema and hashed, in a folder renamed into place
    /// only when everything is valid. The batches become `exported` and every record version is
    /// logged with its package and file in the same transaction.
    public func export(_ request: ExportRequest, now: Date = Date()) throws -> ExportReport {
        try export(request, now: now, fault: .none)
    }

    package func export(_ request: ExportRequest, now: Date = Date(), fault: ExportFault) throws -> ExportReport {
        try require(.export)
        let me = user.name
        try Self.requireFolder(request.folder)
        // The key is read before anything is recorded: a package is signed, or not made.
        let signer = try request.signingKey.map(Self.signingKey)
        // What a Ministry package needs is checked before anything is recorded: the template, and
        // that every scan goes into a PDF as it is.
        let ministry = try MinistryPlan(format: request.format, temporaryFolder: workspace.stagingFolder)
        if let ministry {
            try workspace.store.read { tx in
                // The template fits every book asked for, exported now or not.
                for id in request.batchIDs { if let (_, book) = try tx.batchAndBook(id) { _ = try ministry.columns(for: book.kind) } }
                let (batches, _) = try Self.exportableBatches(request, in: tx)
                try ministry.checkScans(of: batches, in: tx)
            }
        }
        // An export a crash interrupted after its rename is completed, not written twice.
        let resumed = try completeInterruptedExports(actor: me)

        let time = Timestamp.text(for: now)
        let packageID = UUID().uuidString.lowercased()
        // The package's lease is held before its row exists and until its fate is recorded: whoever
        // finds the package `writing` meanwhile sees it live and leaves it alone.
        let lease = try packageLease(packageID)
        defer { lease.release() }
        let plan = try workspace.store.write { tx -> (batches: [Batch], skipped: [String]) in
            let (batches, skipped) = try Self.exportableBatches(request, in: tx)
            guard !batches.isEmpty else { return ([], skipped) }
            try tx.insertExportPackage(ExportPackage(
                id: packageID, state: .writing, folder: request.folder.appendingPathComponent(packageID).path, createdAt: time, createdBy: me))
            for batch in batches {
                if batch.state == .verified { try Self.transition(batch.id, action: .startExport, actor: me, reason: packageID, in: tx) }
                let file = try ministry.map { try $0.bundle(for: batch.id, in: tx).sheetName } ?? Self.fileName(batch.id)
                try tx.insertPackageBatch(package: packageID, batch: batch.id, file: file)
            }
            return (batches, skipped)
        }
        guard !plan.batches.isEmpty else {
            if let resumed {
                return ExportReport(packageID: resumed.packageID, folder: resumed.folder, files: resumed.files,
                                    alreadyExported: plan.skipped.filter { id in !resumed.files.contains { $0.batchID == id } }, resumed: true)
            }
            if plan.skipped.isEmpty { throw HoTichError(.exportNothingToDo) }
            return ExportReport(packageID: nil, folder: nil, files: [], alreadyExported: plan.skipped, resumed: false)
        }
        let completedEarlier = resumed?.packageID
        if let completedEarlier {
            workspace.logger.notice("interrupted export completed", metadata: ["package": "\(completedEarlier)"])
        }
        let staging = request.folder.appendingPathComponent(".hotich-\(packageID).partial", isDirectory: true)
        let final = request.folder.appendingPathComponent(packageID, isDirectory: true)
        var renamed = false
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            let total = try workspace.store.read { tx in
                try plan.batches.reduce(0) { sum, batch in sum + (try tx.recordCount(batch: batch.id)) }
            }
            var files: [ExportedFile] = []
            var done = 0
            for batch in plan.batches {
                let progress = request.progress.map { report in { (count: Int) in report(done + count, total) } }
                let written: [ExportedFile]
                if let ministry {
                    written = try writeMinistryBundle(batch, plan: ministry, into: staging, time: time, fault: fault, progress: progress)
                } else {
                    written = [try writeBatchFile(
                        batch, packageID: packageID, into: staging, time: time, test: request.test, fault: fault, progress: progress)]
                }
                done += written.filter { $0.role == .records }.reduce(0) { $0 + $1.records }
                files += written
            }
            request.progress?(done, total)
            let kinds = try workspace.store.read { tx in
                try Dictionary(uniqueKeysWithValues: plan.batches.map { ($0.id, try Self.batchAndBook($0.id, in: tx).1.kind) })
            }
            try PackageManifest.write(
                entries: files.map {
                    PackageManifest.Entry(
                        path: $0.name, bytes: $0.bytes, sha256: $0.sha256, records: $0.records, kind: kinds[$0.batchID],
                        role: $0.role == .scans ? .scans : .records)
                },
                packageID: packageID, createdAt: time, producerVersion: Self.producerVersion,
                office: try officeOf(plan.batches[0]), signingKey: signer?.fingerprint,
                auditHead: try workspace.store.read { tx in try tx.auditChainHead() }, to: staging)
            // The files' hashes were taken as they were written; the manifest is checked against the schema.
            let manifestURL = staging.appendingPathComponent(PackageManifest.fileName)
            let manifest = ExportValidator.validate(file: manifestURL)
            guard manifest.isValid else {
                throw ExportStageError(stage: "manifest", detail: manifest.describe(limit: 3))
            }
            if let signer {
                let signature = try signer.sign(try Data(contentsOf: manifestURL))
                try KeyFile.writeOwnerOnly(signature, to: staging.appendingPathComponent(PackageSignature.fileName))
            }
            try Durability.synchronizeDirectory(staging)
            // What the files are, before they are in place: a run that finds the package renamed
            // but not recorded completes it from these.
            try workspace.store.write { tx in
                for file in files where file.role == .records {
                    try tx.recordPackageFile(package: packageID, batch: file.batchID, bytes: file.bytes, sha256: file.sha256, records: file.records)
                }
            }
            if fault == .rename { throw ExportStageError(stage: "rename", detail: "simulated failure") }
            try FileManager.default.moveItem(at: staging, to: final)
            renamed = true
            try Durability.synchronizeDirectory(request.folder)
            if fault == .crashAfterRename { throw ExportStageError(stage: "crash", detail: "simulated crash after the rename") }
            try workspace.store.write { tx in
                if fault == .bookkeeping { throw ExportStageError(stage: "bookkeeping", detail: "simulated failure") }
                try Self.finishPackage(packageID, actor: me, in: tx)
            }
            workspace.logger.info("export written", metadata: ["package": "\(packageID)", "files": "\(files.count)"])
            var report = ExportReport(
                packageID: packageID, folder: final, files: files, alreadyExported: plan.skipped, resumed: false,
                completedEarlierPackage: completedEarlier)
            report.signedBy = signer?.fingerprint
            return report
        } catch let failure {
            if case let stage as ExportStageError = failure, stage.stage == "crash" { throw failure }
            // In place and valid, only its bookkeeping failed: the package stays `writing`, and the
            // next export run records it (as after a crash) instead of sending it a second time.
            if renamed { throw bookkeepingFailed(packageID, failure) }
            try? FileManager.default.removeItem(at: staging)
            let outcome = Self.exportFailure(failure, folder: request.folder)
            try workspace.store.write { tx in
                try tx.failExportPackage(packageID, failure: outcome.recorded, at: Timestamp.now())
                for batch in plan.batches where batch.state == .verified {
                    try Self.transition(batch.id, action: .abortExport, actor: me, reason: "\(outcome.stage) failed", in: tx)
                }
            }
            workspace.logger.error("export failed", metadata: ["package": "\(packageID)", "stage": "\(outcome.stage)"])
            throw outcome.error
        }
    }

    /// What a failed export tells the user and records in its package row: a catalog message, never
    /// a raw system error string (which can name files of other people and says nothing a clerk can act on).
    static func exportFailure(_ failure: any Error, folder: URL) -> (stage: String, recorded: String, error: HoTichError) {
        if let stage = failure as? ExportStageError {
            return (stage.stage, "\(stage.stage): \(stage.detail)", HoTichError(.exportFailed(stage: stage.stage, detail: stage.detail)))
        }
        if let hotich = failure as? HoTichError {
            return ("write", "write: \(hotich.message.text(in: .english))", hotich)
        }
        if let system = FileSystemFailure.describe(failure, fallbackPath: folder.path) {
            return ("write", "write: \(system.problem.rawValue)",
                    HoTichError(.exportFileSystemFailure(path: folder.path, problem: system.problem)))
        }
        let kind = String(describing: type(of: failure))
        return ("write", "write: \(kind)", HoTichError(.exportFailed(stage: "write", detail: kind)))
    }

    /// A short, stable account of why something failed, for messages and records (no raw error text).
    static func failureSummary(_ failure: any Error) -> String {
        if let hotich = failure as? HoTichError { return hotich.message.text(in: .english) }
        if let stage = failure as? ExportStageError { return "\(stage.stage): \(stage.detail)" }
        if let system = FileSystemFailure.describe(failure) { return "\(system.path): \(system.problem.rawValue)" }
        return String(describing: type(of: failure))
    }

    static func fileName(_ batchID: String) -> String { "\(batchID).xml" }

    /// Throws unless `folder` is an existing folder to make packages in.
    static func requireFolder(_ folder: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw HoTichError(.exportFolderMissing(folder.path))
        }
    }

    /// The batches a request names that can be exported, and those skipped as already exported.
    static func exportableBatches(_ request: ExportRequest, in tx: any StoreReading) throws -> ([Batch], [String]) {
        var batches: [Batch] = []
        var skipped: [String] = []
        if request.allVerified {
            batches = try tx.batches(in: .verified)
        }
        for id in request.batchIDs where !batches.contains(where: { $0.id == id }) {
            guard let batch = try tx.batch(id) else { throw HoTichError(.batchNotFound(id)) }
            // Interrupted exports were settled before this: a package still writing is live.
            if let live = try tx.packageBeingWritten(batch: id) {
                throw HoTichError(.exportInProgress(batchID: id, packageID: live))
            }
            switch batch.state {
            case .verified: batches.append(batch)
            case .exported:
                if request.again { batches.append(batch) } else { skipped.append(id) }
            default: throw HoTichError(.batchNotExportable(batchID: id, state: batch.state))
            }
        }
        return (batches, skipped)
    }

    private func officeOf(_ batch: Batch) throws -> (OfficeCode, String?) {
        try workspace.store.read { tx in
            let (_, book) = try Self.batchAndBook(batch.id, in: tx)
            return (book.office, try tx.office(book.office)?.name)
        }
    }

    /// Writes one batch's file, streaming its records from the database, then validates it.
    private func writeBatchFile(
        _ batch: Batch, packageID: String, into folder: URL, time: String, test: Bool, fault: ExportFault,
        progress: ((Int) -> Void)?
    ) throws -> ExportedFile {
        let name = Self.fileName(batch.id)
        let url = folder.appendingPathComponent(name)
        let (office, officeName) = try officeOf(batch)
        let written = try workspace.store.read { tx -> WrittenFile in
            let (_, book) = try Self.batchAndBook(batch.id, in: tx)
            let pages = try tx.nonEntryFiles(batch: batch.id).compactMap { file -> ExportHeader.PageNotEntry? in
                guard let scan = try tx.scanFile(id: file.mark.scanFileId) else { return nil }
                return ExportHeader.PageNotEntry(
                    scan: ExportProvenance.Scan(path: scan.path, bytes: scan.bytes, sha256: scan.sha256), kind: file.mark.kind,
                    reason: file.mark.reason, by: file.mark.markedBy, at: file.mark.markedAt)
            }
            let header = ExportHeader(
                messageId: UUID().uuidString.lowercased(), createdAt: time, producerVersion: Self.producerVersion,
                office: office, officeName: officeName, packageId: packageID, batchID: batch.id, test: test,
                pagesNotEntries: pages)
            let writer = try ExportFileWriter(url: url, header: header, kinds: [book.kind])
            do {
                var count = 0
                if fault == .diskFull, let full = FileHandle(forWritingAtPath: "/dev/full") {
                    defer { try? full.close() }
                    try full.write(contentsOf: Data(repeating: 0x20, count: 4096))
                    try full.synchronize()
                }
                try tx.forEachDeliverableRecord(batch: batch.id) { record in
                    if case .writerAfter(let limit) = fault, count == limit {
                        throw ExportStageError(stage: "write", detail: "simulated failure after \(limit) records")
                    }
                    try writer.write(Self.exportRecord(record, book: book, policy: batch.policy, updatedAt: batch.updatedAt))
                    count += 1
                    if count % 1_000 == 0 { progress?(count) }
                }
                return try writer.finish()
            } catch {
                writer.abandon()
                throw error
            }
        }
        // Validated on a second thread while it was written: the very bytes in the file.
        let report = written.validation
        if !report.isValid || fault == .validation {
            let detail = fault == .validation ? "simulated failure" : report.describe(limit: 3)
            throw ExportStageError(stage: "validation of \(name)", detail: detail)
        }
        return ExportedFile(name: name, batchID: batch.id, bytes: written.bytes, sha256: written.sha256, records: written.entries)
    }

    /// A record as the export file writes it, with its provenance.
    static func exportRecord(_ record: DeliverableRecord, book: BookIdentity, policy: VerificationPolicy, updatedAt: String) -> ExportRecord {
        let provenance = ExportProvenance(
            book: book, page: record.fields["trangSo"]?.text, number: record.number,
            scan: record.scan.map { ExportProvenance.Scan(path: $0.path, bytes: $0.bytes, sha256: $0.sha256) },
            keyings: record.passes.map { ExportProvenance.Keying(pass: $0.pass, by: $0.by, at: $0.at) },
            policy: policy, verifiedBy: record.verifiedBy ?? "?", verifiedAt: record.verifiedAt ?? updatedAt)
        return ExportRecord(id: record.id, version: record.version, kind: book.kind, fields: record.fields, provenance: provenance)
    }

    /// Marks a package complete: each batch exported and each record version logged, one transaction.
    static func finishPackage(_ packageID: String, actor: String, in tx: any StoreWriting) throws {
        let now = Timestamp.now()
        var total = 0
        for entry in try tx.packageBatches(package: packageID) {
            total += try tx.logBatchExported(entry.batchId, package: packageID, file: entry.file, at: now)
            if try tx.batch(entry.batchId)?.state == .exporting {
                try transition(entry.batchId, action: .finishExport, actor: actor, reason: packageID, in: tx)
            } else {
                try tx.appendAudit(AuditEntry(actor: actor, action: .exportAgain, batchId: entry.batchId, reason: packageID), at: now)
            }
        }
        try tx.completeExportPackage(packageID, records: total, at: now)
    }

    /// The private key in `url`, read for signing (a PEM file of a few hundred bytes).
    static func signingKey(_ url: URL) throws -> PackageSigner {
        guard let text = KeyFile.read(url), let signer = try? PackageSigner(pem: text) else {
            throw HoTichError(.signature(.keyUnreadable(path: url.path)))
        }
        return signer
    }

    /// The error for a package renamed into place whose recording failed (the database, not the files).
    func bookkeepingFailed(_ packageID: String, _ failure: any Error) -> HoTichError {
        workspace.logger.error("export bookkeeping failed", metadata: ["package": "\(packageID)"])
        return HoTichError(.exportFailed(
            stage: "bookkeeping", detail: "package \(packageID) is in place; the next export run records it (\(Self.failureSummary(failure)))"))
    }

    /// The lease of a package being written: its lock, taken now, or a refusal when someone holds it.
    func packageLease(_ packageID: String) throws -> FileLock {
        guard let lease = try FileLock.acquire(try workspace.lockFile("export-\(packageID).lock"), mode: workspace.modes.file) else {
            throw HoTichError(.exportPackageBusy(packageID: packageID))
        }
        return lease
    }

    /// Finishes packages left `writing` by an interrupted run: a package folder already in place and
    /// valid is recorded (a batch package from its batches, a corrections package from what its file
    /// delivers); anything else is cleaned up and its batches go back to `verified`.
    ///
    /// Only packages whose writer is gone are touched: a live export holds its package's lease, and
    /// a package whose lease cannot be taken is left as it is.
    func completeInterruptedExports(actor: String) throws -> ExportReport? {
        let pending = try workspace.store.read { tx in try tx.exportPackages(in: .writing) }
        var resumed: ExportReport?
        for package in pending {
            let packageID = package.id
            guard let lease = try FileLock.acquire(try workspace.lockFile("export-\(packageID).lock"), mode: workspace.modes.file) else { continue }
            defer { lease.release() }
            // Its writer may have finished between the read and the lease.
            let state = try workspace.store.read { tx in try tx.exportPackage(id: packageID)?.state }
            guard state == .writing else { continue }
            let final = URL(fileURLWithPath: package.folder, isDirectory: true)
            let staging = final.deletingLastPathComponent().appendingPathComponent(".hotich-\(packageID).partial", isDirectory: true)
            let manifest = final.appendingPathComponent(PackageManifest.fileName)
            if FileManager.default.fileExists(atPath: manifest.path),
               ExportValidator.validate(file: manifest, packageFolder: final).isValid {
                let files = try workspace.store.write { tx -> [ExportedFile] in
                    let batches = try tx.packageBatches(package: packageID)
                    if batches.isEmpty {
                        return try Self.finishCorrectionsPackage(package, folder: final, actor: actor, in: tx)
                    }
                    try Self.finishPackage(packageID, actor: actor, in: tx)
                    return batches.map {
                        ExportedFile(name: $0.file, batchID: $0.batchId, bytes: $0.bytes ?? 0, sha256: $0.sha256 ?? "", records: $0.records ?? 0)
                    }
                }
                resumed = ExportReport(packageID: packageID, folder: final, files: files, alreadyExported: [], resumed: true)
            } else {
                try? FileManager.default.removeItem(at: staging)
                try workspace.store.write { tx in
                    try tx.failExportPackage(packageID, failure: "interrupted", at: Timestamp.now())
                    for entry in try tx.packageBatches(package: packageID) where try tx.batch(entry.batchId)?.state == .exporting {
                        try Self.transition(entry.batchId, action: .abortExport, actor: actor, reason: "interrupted export", in: tx)
                    }
                }
            }
        }
        return resumed
    }
}

/// A failure at one stage of an export, named for the message.
struct ExportStageError: Error {
    let stage: String
    let detail: String
}
