public import Foundation
import GRDB
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
        return try workspace.sqlite.databaseWrite { db in
            let (_, book) = try Self.batchAndBook(batchID, in: db)
            var record = try Self.exportedRecord(batch: batchID, number: number, in: db)
            guard let field = FieldCatalog.field(key, in: book.kind) else {
                throw HoTichError(.diagnostic(Diagnostic(.error, field: key, .unknownField), kind: book.kind))
            }
            guard let outcome = FieldRules.check(cell: value, for: field) else {
                throw HoTichError(.diagnostic(Diagnostic(.error, field: key, .missingRequired), kind: book.kind))
            }
            if let error = outcome.diagnostics.first(where: { $0.severity == .error }) {
                throw HoTichError(.diagnostic(error, kind: book.kind))
            }
            let exported = try Self.lastExportedVersion(record.id, in: db)
            if record.version <= exported { record.version = exported + 1 }
            record.fields[key] = outcome.value
            record.refreshDerivedColumns(bookYear: book.year)
            record.updatedAt = time
            try record.update(db)
            try db.execute(
                sql: "INSERT INTO recordChange (recordId, kind, version, field, reason, by, at) VALUES (?, 'correction', ?, ?, ?, ?, ?)",
                arguments: [record.id, record.version, key, reason, me, time])
            try AuditTrail.append(
                AuditEntry(actor: me, action: .recordCorrected, batchId: batchID, subject: record.id,
                           reason: "\(key) → version \(record.version)"),
                at: time, in: db)
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
        try workspace.sqlite.databaseWrite { db in
            let record = try Self.exportedRecord(batch: batchID, number: number, in: db)
            try db.execute(sql: "UPDATE record SET withdrawnAt = ?, updatedAt = ? WHERE id = ?", arguments: [time, time, record.id])
            try db.execute(
                sql: "INSERT INTO recordChange (recordId, kind, version, reason, by, at) VALUES (?, 'withdrawal', ?, ?, ?, ?)",
                arguments: [record.id, try Self.lastExportedVersion(record.id, in: db), reason, me, time])
            try AuditTrail.append(
                AuditEntry(actor: me, action: .recordWithdrawn, batchId: batchID, subject: record.id, reason: reason), at: time, in: db)
        }
    }

    static func requiredReason(_ text: String) throws -> String {
        let reason = VietnameseText.singleLine(text)
        guard !reason.isEmpty else { throw HoTichError(.correctionNeedsReason) }
        return reason
    }

    /// The record with `number` in a batch, which must have been exported and not withdrawn.
    static func exportedRecord(batch batchID: String, number: String, in db: Database) throws -> RegisterRecord {
        guard let id = try RegistrationNumber.value(number).flatMap({ try recordIdsByNumber(in: batchID, db: db)[$0]?.first }),
              let record = try RegisterRecord.fetchOne(db, key: id)
        else { throw HoTichError(.recordNumberNotInBatch(batchID: batchID, number: number)) }
        let withdrawn = try String.fetchOne(db, sql: "SELECT withdrawnAt FROM record WHERE id = ?", arguments: [record.id])
        guard try lastExportedVersion(record.id, in: db) > 0, withdrawn == nil else {
            throw HoTichError(.recordNotExported(batchID: batchID, number: number))
        }
        return record
    }

    static func lastExportedVersion(_ recordId: String, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT MAX(e.version) FROM exportedRecord e JOIN exportPackage p ON p.id = e.packageId
            WHERE e.recordId = ? AND NOT e.withdrawal AND p.state = 'complete'
            """, arguments: [recordId]) ?? 0
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
        guard let running = try FileLock.acquire(try workspace.lockFile("export-corrections.lock")) else {
            throw HoTichError(.exportCorrectionsRunning)
        }
        defer { running.release() }
        let resumed = try completeInterruptedExports(actor: me)
        let time = Timestamp.text(for: now)
        let packageID = UUID().uuidString.lowercased()
        let lease = try packageLease(packageID)
        defer { lease.release() }
        let pending = try workspace.sqlite.databaseRead { db -> (corrected: [String], withdrawn: [(String, Int, String)]) in
            let corrected = try String.fetchAll(db, sql: """
                SELECT r.id FROM record r
                WHERE r.withdrawnAt IS NULL AND EXISTS (SELECT 1 FROM exportedRecord e WHERE e.recordId = r.id AND NOT e.withdrawal)
                  AND r.version > (SELECT MAX(e.version) FROM exportedRecord e WHERE e.recordId = r.id AND NOT e.withdrawal)
                ORDER BY r.batchId, CAST(r.number AS INTEGER)
                """)
            let withdrawn = try Row.fetchAll(db, sql: """
                SELECT c.recordId, c.version, c.reason FROM recordChange c
                WHERE c.kind = 'withdrawal'
                  AND NOT EXISTS (SELECT 1 FROM exportedRecord e WHERE e.recordId = c.recordId AND e.withdrawal)
                ORDER BY c.id
                """).map { ($0["recordId"] as String, $0["version"] as Int, $0["reason"] as String) }
            return (corrected, withdrawn)
        }
        guard !pending.corrected.isEmpty || !pending.withdrawn.isEmpty else {
            if let resumed { return resumed }
            throw HoTichError(.exportNothingToDo)
        }
        let office = try workspace.sqlite.databaseRead { db in
            try Row.fetchOne(db, sql: "SELECT officeCode, name FROM workspace LIMIT 1")
        }
        guard let officeCode = (office?["officeCode"] as String?).flatMap(OfficeCode.init) else { throw HoTichError(.storageFailure(code: 11)) }
        let officeName: String? = office?["name"]
        let name = "corrections-\(packageID.prefix(8)).xml"
        try workspace.sqlite.databaseWrite { db in
            try db.execute(sql: "INSERT INTO exportPackage (id, state, folder, createdAt, createdBy) VALUES (?, 'writing', ?, ?, ?)",
                           arguments: [packageID, folder.appendingPathComponent(packageID).path, time, me])
        }
        let staging = folder.appendingPathComponent(".hotich-\(packageID).partial", isDirectory: true)
        let final = folder.appendingPathComponent(packageID, isDirectory: true)
        var renamed = false
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            let header = ExportHeader(
                messageId: UUID().uuidString.lowercased(), createdAt: time, producerVersion: Self.producerVersion,
                office: officeCode, officeName: officeName, packageId: packageID, batchID: "corrections")
            let written = try workspace.sqlite.databaseRead { db -> WrittenFile in
                let writer = try ExportFileWriter(url: staging.appendingPathComponent(name), header: header, kinds: RecordKind.allCases)
                do {
                    for id in pending.corrected { try writer.write(try Self.correctedRecord(id, in: db)) }
                    for (id, version, reason) in pending.withdrawn { try writer.writeWithdrawal(recordId: id, version: version, reason: reason) }
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
                packageID: packageID, createdAt: time, producerVersion: Self.producerVersion, office: (officeCode, officeName), to: staging)
            try Durability.synchronizeDirectory(staging)
            if fault == .rename { throw ExportStageError(stage: "rename", detail: "simulated failure") }
            try FileManager.default.moveItem(at: staging, to: final)
            renamed = true
            try Durability.synchronizeDirectory(folder)
            if fault == .crashAfterRename { throw ExportStageError(stage: "crash", detail: "simulated crash after the rename") }
            try workspace.sqlite.databaseWrite { db in
                if fault == .bookkeeping { throw ExportStageError(stage: "bookkeeping", detail: "simulated failure") }
                for id in pending.corrected {
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO exportedRecord (recordId, version, packageId, file, exportedAt)
                        SELECT id, version, ?, ?, ? FROM record WHERE id = ?
                        """, arguments: [packageID, name, time, id])
                }
                for (id, version, _) in pending.withdrawn {
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO exportedRecord (recordId, version, packageId, file, exportedAt, withdrawal)
                        VALUES (?, ?, ?, ?, ?, 1)
                        """, arguments: [id, version, packageID, name, time])
                }
                try db.execute(sql: "UPDATE exportPackage SET state = 'complete', finishedAt = ?, records = ? WHERE id = ?",
                               arguments: [time, written.entries, packageID])
                try AuditTrail.append(
                    AuditEntry(actor: me, action: .exportCorrections, subject: packageID,
                               reason: "corrected \(pending.corrected.count), withdrawn \(pending.withdrawn.count)"),
                    at: time, in: db)
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
            try? workspace.sqlite.databaseWrite { db in
                try db.execute(sql: "UPDATE exportPackage SET state = 'failed', failure = ?, finishedAt = ? WHERE id = ?",
                               arguments: [outcome.recorded, time, packageID])
            }
            throw outcome.error
        }
    }

    /// Records a corrections package that a crash left in place before its bookkeeping, from the
    /// entries its files deliver (the manifest and its hashes were checked by the caller).
    static func finishCorrectionsPackage(_ packageID: String, folder: URL, actor: String, in db: Database) throws -> [ExportedFile] {
        let exportedAt = try String.fetchOne(db, sql: "SELECT createdAt FROM exportPackage WHERE id = ?", arguments: [packageID]) ?? Timestamp.now()
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
                try db.execute(sql: """
                    INSERT OR IGNORE INTO exportedRecord (recordId, version, packageId, file, exportedAt, withdrawal)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [entry.recordId, entry.recordVersion, packageID, name, exportedAt, entry.withdrawal])
                if entry.withdrawal { withdrawn += 1 } else { corrected += 1 }
            }
            files.append(ExportedFile(name: name, batchID: "corrections", bytes: fingerprint.bytes, sha256: fingerprint.sha256, records: entries.count))
        }
        let now = Timestamp.now()
        try db.execute(sql: "UPDATE exportPackage SET state = 'complete', finishedAt = ?, records = ? WHERE id = ?",
                       arguments: [now, corrected + withdrawn, packageID])
        try AuditTrail.append(
            AuditEntry(actor: actor, action: .exportCorrections, subject: packageID,
                       reason: "completed after an interruption: corrected \(corrected), withdrawn \(withdrawn)"),
            at: now, in: db)
        return files
    }

    /// A corrected record as the export writes it, naming the version it supersedes.
    static func correctedRecord(_ recordId: String, in db: Database) throws -> ExportRecord {
        guard let row = try Row.fetchOne(db, sql: exportRowsSQL + " WHERE r.id = ?", arguments: [recordId]) else {
            throw HoTichError(.storageFailure(code: 11))
        }
        let (batch, book) = try batchAndBook(row["batchId"], in: db)
        let base = try exportRecord(row, book: book, policy: batch.policy, updatedAt: batch.updatedAt)
        let previous = try lastExportedVersion(recordId, in: db)
        let changes = try Row.fetchAll(db, sql: """
            SELECT field, reason FROM recordChange WHERE recordId = ? AND kind = 'correction' AND version > ? ORDER BY id
            """, arguments: [recordId, previous])
        var fields: [String] = []
        var reasons: [String] = []
        for change in changes {
            if let field: String = change["field"], !fields.contains(field) { fields.append(field) }
            let reason: String = change["reason"]
            if !reasons.contains(reason) { reasons.append(reason) }
        }
        return ExportRecord(
            id: base.id, version: base.version, kind: base.kind, fields: base.fields, provenance: base.provenance,
            supersedes: .init(version: previous, reason: reasons.joined(separator: "; "), changedFields: fields))
    }
}
