public import Foundation
import HoTichExchange
import HoTichModel
import HoTichStore
import Logging

extension Session {
    /// Corrects a field of a record that has been exported, against the image: the record gets a
    /// new version (one per export: several corrections before the next export share it), and the
    /// change is kept with its reason for the correction package.
    /// - Parameters:
    ///   - value: as typed at a prompt (`-` blank, `.` illegible, a trailing `?` for doubt).
    /// - Returns: the record's id and its new version.
    @discardableResult
    public func correct(
        batch batchID: String, number: String, field key: String, value: String, reason: String, now: Date = Date()
    ) throws -> (recordId: String, version: Int) {
        try require(.correctRecords)
        let reason = try Self.requiredReason(reason)
        let me = user.name
        let time = Timestamp.text(for: now)
        return try workspace.store.write { tx in
            let (_, book) = try Self.batchAndBook(batchID, in: tx)
            var record = try Self.exportedRecord(batch: batchID, number: number, in: tx)
            guard let field = FieldCatalog.field(key, in: book.kind) else {
                throw HoTichError(.diagnostic(Diagnostic(.error, field: key, .unknownField), kind: book.kind))
            }
            guard let outcome = FieldRules.check(cell: value, for: field) else {
                throw HoTichError(.diagnostic(Diagnostic(.error, field: key, .missingRequired), kind: book.kind))
            }
            if let error = outcome.diagnostics.first(where: { $0.severity == .error }) {
                throw HoTichError(.diagnostic(error, kind: book.kind))
            }
            let exported = try tx.lastExportedVersion(record: record.id)
            if record.version <= exported { record.version = exported + 1 }
            record.fields[key] = outcome.value
            record.refreshDerivedColumns(bookYear: book.year)
            record.updatedAt = time
            try tx.updateRecord(record)
            try tx.insertRecordChange(RecordChange(
                recordId: record.id, kind: .correction, version: record.version, field: key, reason: reason, by: me, at: time))
            try tx.appendAudit(
                AuditEntry(actor: me, action: .recordCorrected, batchId: batchID, subject: record.id,
                           reason: "\(key) → version \(record.version)"),
                at: time)
            return (record.id, record.version)
        }
    }

    /// Withdraws an exported record (registered in error, or a duplicate): the next correction
    /// package tells the receiver to remove the version it holds.
    public func withdraw(batch batchID: String, number: String, reason: String, now: Date = Date()) throws {
        try require(.correctRecords)
        let reason = try Self.requiredReason(reason)
        let me = user.name
        let time = Timestamp.text(for: now)
        try workspace.store.write { tx in
            let record = try Self.exportedRecord(batch: batchID, number: number, in: tx)
            try tx.withdrawRecord(record.id, at: time)
            try tx.insertRecordChange(RecordChange(
                recordId: record.id, kind: .withdrawal, version: try tx.lastExportedVersion(record: record.id), field: nil,
                reason: reason, by: me, at: time))
            try tx.appendAudit(
                AuditEntry(actor: me, action: .recordWithdrawn, batchId: batchID, subject: record.id, reason: reason), at: time)
        }
    }

    static func requiredReason(_ text: String) throws -> String {
        let reason = VietnameseText.singleLine(text)
        guard !reason.isEmpty else { throw HoTichError(.correctionNeedsReason) }
        return reason
    }

    /// The record with `number` in a batch, which must have been exported and not withdrawn.
    static func exportedRecord(batch batchID: String, number: String, in tx: any StoreReading) throws -> RegisterRecord {
        guard let id = try RegistrationNumber.value(number).flatMap({ try recordIdsByNumber(in: batchID, tx: tx)[$0]?.first }),
              let record = try tx.record(id: id)
        else { throw HoTichError(.recordNumberNotInBatch(batchID: batchID, number: number)) }
        guard try tx.lastExportedVersion(record: record.id) > 0, record.withdrawnAt == nil else {
            throw HoTichError(.recordNotExported(batchID: batchID, number: number))
        }
        return record
    }

    /// Exports, as a package of their own, the new versions of records corrected since their last
    /// export and the withdrawals not yet sent. Written, validated, hashed and renamed into place
    /// like any export; the versions are logged as exported in one transaction. A package a crash
    /// left in place before its bookkeeping is recorded first, so nothing is sent twice.
    public func exportCorrections(to folder: URL, now: Date = Date()) throws -> ExportReport {
        try exportCorrections(to: folder, now: now, fault: .none)
    }

    package func exportCorrections(to folder: URL, now: Date = Date(), fault: ExportFault) throws -> ExportReport {
        try require(.export)
        try Self.requireFolder(folder)
        let me = user.name
        // One corrections export at a time: two would read the same pending versions and send them twice.
        guard let running = try FileLock.acquire(try workspace.lockFile("export-corrections.lock"), mode: workspace.modes.file) else {
            throw HoTichError(.exportCorrectionsRunning)
        }
        defer { running.release() }
        let resumed = try completeInterruptedExports(actor: me)
        let time = Timestamp.text(for: now)
        let packageID = UUID().uuidString.lowercased()
        let lease = try packageLease(packageID)
        defer { lease.release() }
        let pending = try workspace.store.read { tx in
            (corrected: try tx.correctedRecordsToExport(), withdrawn: try tx.withdrawalsToExport())
        }
        guard !pending.corrected.isEmpty || !pending.withdrawn.isEmpty else {
            if let resumed { return resumed }
            throw HoTichError(.exportNothingToDo)
        }
        let info = try workspace.info()
        let (officeCode, officeName) = (info.officeCode, info.name)
        let name = "corrections-\(packageID.prefix(8)).xml"
        try workspace.store.write { tx in
            try tx.insertExportPackage(ExportPackage(
                id: packageID, state: .writing, folder: folder.appendingPathComponent(packageID).path, createdAt: time, createdBy: me))
        }
        let staging = folder.appendingPathComponent(".hotich-\(packageID).partial", isDirectory: true)
        let final = folder.appendingPathComponent(packageID, isDirectory: true)
        var renamed = false
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            let header = ExportHeader(
                messageId: UUID().uuidString.lowercased(), createdAt: time, producerVersion: Self.producerVersion,
                office: officeCode, officeName: officeName, packageId: packageID, batchID: "corrections")
            let written = try workspace.store.read { tx -> WrittenFile in
                let writer = try ExportFileWriter(url: staging.appendingPathComponent(name), header: header, kinds: RecordKind.allCases)
                do {
                    for id in pending.corrected { try writer.write(try Self.correctedRecord(id, in: tx)) }
                    for change in pending.withdrawn {
                        try writer.writeWithdrawal(recordId: change.recordId, version: change.version, reason: change.reason)
                    }
                    return try writer.finish()
                } catch {
                    writer.abandon()
                    throw error
                }
            }
            guard written.validation.isValid else {
                throw ExportStageError(stage: "validation of \(name)", detail: written.validation.describe(limit: 3))
            }
            try PackageManifest.write(
                entries: [PackageManifest.Entry(path: name, bytes: written.bytes, sha256: written.sha256, records: written.entries, kind: nil)],
                packageID: packageID, createdAt: time, producerVersion: Self.producerVersion, office: (officeCode, officeName),
                auditHead: try workspace.store.read { tx in try tx.auditChainHead() }, to: staging)
            try Durability.synchronizeDirectory(staging)
            if fault == .rename { throw ExportStageError(stage: "rename", detail: "simulated failure") }
            try FileManager.default.moveItem(at: staging, to: final)
            renamed = true
            try Durability.synchronizeDirectory(folder)
            if fault == .crashAfterRename { throw ExportStageError(stage: "crash", detail: "simulated crash after the rename") }
            try workspace.store.write { tx in
                if fault == .bookkeeping { throw ExportStageError(stage: "bookkeeping", detail: "simulated failure") }
                for id in pending.corrected { try tx.logRecordExported(id, package: packageID, file: name, at: time) }
                for change in pending.withdrawn {
                    try tx.logExported(record: change.recordId, version: change.version, withdrawal: true, package: packageID, file: name, at: time)
                }
                try tx.completeExportPackage(packageID, records: written.entries, at: time)
                try tx.appendAudit(
                    AuditEntry(actor: me, action: .exportCorrections, subject: packageID,
                               reason: "corrected \(pending.corrected.count), withdrawn \(pending.withdrawn.count)"),
                    at: time)
            }
            return ExportReport(
                packageID: packageID, folder: final,
                files: [ExportedFile(name: name, batchID: "corrections", bytes: written.bytes, sha256: written.sha256, records: written.entries)],
                alreadyExported: [], resumed: false, completedEarlierPackage: resumed?.packageID)
        } catch {
            if case let stage as ExportStageError = error, stage.stage == "crash" { throw error }
            if renamed { throw bookkeepingFailed(packageID, error) }
            try? FileManager.default.removeItem(at: staging)
            let outcome = Self.exportFailure(error, folder: folder)
            try? workspace.store.write { tx in try tx.failExportPackage(packageID, failure: outcome.recorded, at: time) }
            throw outcome.error
        }
    }

    /// Records a corrections package that a crash left in place before its bookkeeping, from the
    /// entries its files deliver (the manifest and its hashes were checked by the caller).
    static func finishCorrectionsPackage(_ package: ExportPackage, folder: URL, actor: String, in tx: any StoreWriting) throws -> [ExportedFile] {
        let packageID = package.id
        let exportedAt = package.createdAt
        // The package's data files: what it holds besides its manifest.
        let urls = ExportValidator.packageFiles(in: folder).filter { $0.packageFolder == nil }.map(\.file)
        guard !urls.isEmpty else {
            throw HoTichError(.exportFailed(stage: "completing package \(packageID)", detail: "its folder holds no file to read back"))
        }
        var files: [ExportedFile] = []
        var (corrected, withdrawn) = (0, 0)
        for url in urls {
            let name = url.lastPathComponent
            let entries: [DeliveredEntry]
            let fingerprint: FileFingerprint
            do {
                entries = try DeliveredEntries.read(url)
                fingerprint = try FileFingerprint.read(url)
            } catch {
                throw HoTichError(.exportFailed(stage: "completing package \(packageID)", detail: "\(name) cannot be read back"))
            }
            for entry in entries {
                try tx.logExported(
                    record: entry.recordId, version: entry.recordVersion, withdrawal: entry.withdrawal, package: packageID, file: name,
                    at: exportedAt)
                if entry.withdrawal { withdrawn += 1 } else { corrected += 1 }
            }
            files.append(ExportedFile(name: name, batchID: "corrections", bytes: fingerprint.bytes, sha256: fingerprint.sha256, records: entries.count))
        }
        let now = Timestamp.now()
        try tx.completeExportPackage(packageID, records: corrected + withdrawn, at: now)
        try tx.appendAudit(
            AuditEntry(actor: actor, action: .exportCorrections, subject: packageID,
                       reason: "completed after an interruption: corrected \(corrected), withdrawn \(withdrawn)"),
            at: now)
        return files
    }

    /// A corrected record as the export writes it, naming the version it supersedes.
    static func correctedRecord(_ recordId: String, in tx: any StoreReading) throws -> ExportRecord {
        let record = try required(tx.deliverableRecord(id: recordId), "record")
        let (batch, book) = try batchAndBook(record.batchId, in: tx)
        let base = exportRecord(record, book: book, policy: batch.policy, updatedAt: batch.updatedAt)
        let previous = try tx.lastExportedVersion(record: recordId)
        var fields: [String] = []
        var reasons: [String] = []
        for change in try tx.corrections(record: recordId, after: previous) {
            if let field = change.field, !fields.contains(field) { fields.append(field) }
            if !reasons.contains(change.reason) { reasons.append(change.reason) }
        }
        return ExportRecord(
            id: base.id, version: base.version, kind: base.kind, fields: base.fields, provenance: base.provenance,
            supersedes: .init(version: previous, reason: reasons.joined(separator: "; "), changedFields: fields))
    }
}
