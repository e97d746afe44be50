import GRDB
public import HoTichModel

/// The export log: packages, the batches they hold, every record version delivered, and what the
/// receiving system said of each.
public protocol ExportReading {
    func exportPackage(id: String) throws -> ExportPackage?
    /// Packages in a state, in the order they were made.
    func exportPackages(in state: ExportPackage.State) throws -> [ExportPackage]
    /// The batches of a package with their files.
    func packageBatches(package packageId: String) throws -> [PackageBatch]
    /// A package still being written that holds the batch, if any.
    func packageBeingWritten(batch batchID: String) throws -> String?
    /// The last version of a record a complete package delivered (0 when none did).
    func lastExportedVersion(record recordId: String) throws -> Int
    /// Exported record versions by what the receiving system said.
    func exportStatus() throws -> ExportStatus
}

public protocol ExportWriting {
    func insertExportPackage(_ package: ExportPackage) throws
    /// Adds a batch to a package, to be written to `file`.
    func insertPackageBatch(package packageId: String, batch batchID: String, file: String) throws
    /// Records what a package's file for a batch turned out to be.
    func recordPackageFile(package packageId: String, batch batchID: String, bytes: Int64, sha256: String, records: Int) throws
    /// A package that failed (or was interrupted), and why.
    func failExportPackage(_ packageId: String, failure: String, at time: String) throws
    func completeExportPackage(_ packageId: String, records: Int, at time: String) throws
    /// Logs the current version of every record of a batch as delivered in a package's file.
    /// - Returns: how many versions were logged (a version logged in this package already is not).
    func logBatchExported(_ batchID: String, package packageId: String, file: String, at time: String) throws -> Int
    /// Logs the current version of one record as delivered.
    func logRecordExported(_ recordId: String, package packageId: String, file: String, at time: String) throws
    /// Logs a given version (or its withdrawal) as delivered.
    func logExported(
        record recordId: String, version: Int, withdrawal: Bool, package packageId: String, file: String, at time: String
    ) throws
    /// Records what the receiver said of one delivered version.
    /// - Returns: whether the package delivered that version.
    func recordReceipt(
        package packageId: String, record recordId: String, version: Int, status: String, code: String?, at time: String
    ) throws -> Bool
}

extension SQLiteTransaction: ExportReading, ExportWriting {
    private static func package(_ row: Row) throws -> ExportPackage {
        guard let state = ExportPackage.State(rawValue: row["state"]) else { throw StoreFailure.damagedRow(table: "exportPackage") }
        return ExportPackage(id: row["id"], state: state, folder: row["folder"], createdAt: row["createdAt"], createdBy: row["createdBy"])
    }

    public func exportPackage(id: String) throws -> ExportPackage? {
        try Row.fetchOne(db, sql: "SELECT * FROM exportPackage WHERE id = ?", arguments: [id]).map(Self.package)
    }

    public func exportPackages(in state: ExportPackage.State) throws -> [ExportPackage] {
        try Row.fetchAll(db, sql: "SELECT * FROM exportPackage WHERE state = ? ORDER BY rowid", arguments: [state])
            .map(Self.package)
    }

    public func packageBatches(package packageId: String) throws -> [PackageBatch] {
        try Row.fetchAll(db, sql: "SELECT * FROM exportPackageBatch WHERE packageId = ? ORDER BY batchId", arguments: [packageId])
            .map { row in
                PackageBatch(
                    packageId: row["packageId"], batchId: row["batchId"], file: row["file"], bytes: row["bytes"],
                    sha256: row["sha256"], records: row["records"])
            }
    }

    public func packageBeingWritten(batch batchID: String) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT p.id FROM exportPackageBatch pb JOIN exportPackage p ON p.id = pb.packageId
            WHERE pb.batchId = ? AND p.state = 'writing'
            """, arguments: [batchID])
    }

    public func lastExportedVersion(record recordId: String) throws -> Int {
        try count("""
            SELECT MAX(e.version) FROM exportedRecord e JOIN exportPackage p ON p.id = e.packageId
            WHERE e.recordId = ? AND NOT e.withdrawal AND p.state = 'complete'
            """, [recordId])
    }

    public func exportStatus() throws -> ExportStatus {
        let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS exported,
                   COALESCE(SUM(receipt = 'accepted'), 0) AS accepted,
                   COALESCE(SUM(receipt = 'rejected'), 0) AS rejected
            FROM exportedRecord
            """)
        return ExportStatus(exported: row?["exported"] ?? 0, accepted: row?["accepted"] ?? 0, rejected: row?["rejected"] ?? 0)
    }

    public func insertExportPackage(_ package: ExportPackage) throws {
        try db.execute(
            sql: "INSERT INTO exportPackage (id, state, folder, createdAt, createdBy) VALUES (?, ?, ?, ?, ?)",
            arguments: [package.id, package.state, package.folder, package.createdAt, package.createdBy])
    }

    public func insertPackageBatch(package packageId: String, batch batchID: String, file: String) throws {
        try db.execute(
            sql: "INSERT INTO exportPackageBatch (packageId, batchId, file) VALUES (?, ?, ?)", arguments: [packageId, batchID, file])
    }

    public func recordPackageFile(package packageId: String, batch batchID: String, bytes: Int64, sha256: String, records: Int) throws {
        try db.execute(
            sql: "UPDATE exportPackageBatch SET bytes = ?, sha256 = ?, records = ? WHERE packageId = ? AND batchId = ?",
            arguments: [bytes, sha256, records, packageId, batchID])
    }

    public func failExportPackage(_ packageId: String, failure: String, at time: String) throws {
        try db.execute(
            sql: "UPDATE exportPackage SET state = 'failed', failure = ?, finishedAt = ? WHERE id = ?", arguments: [failure, time, packageId])
    }

    public func completeExportPackage(_ packageId: String, records: Int, at time: String) throws {
        try db.execute(
            sql: "UPDATE exportPackage SET state = 'complete', finishedAt = ?, records = ? WHERE id = ?", arguments: [time, records, packageId])
    }

    public func logBatchExported(_ batchID: String, package packageId: String, file: String, at time: String) throws -> Int {
        try db.execute(sql: """
            INSERT OR IGNORE INTO exportedRecord (recordId, version, packageId, file, exportedAt)
            SELECT id, version, ?, ?, ? FROM record WHERE batchId = ?
            """, arguments: [packageId, file, time, batchID])
        return db.changesCount
    }

    public func logRecordExported(_ recordId: String, package packageId: String, file: String, at time: String) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO exportedRecord (recordId, version, packageId, file, exportedAt)
            SELECT id, version, ?, ?, ? FROM record WHERE id = ?
            """, arguments: [packageId, file, time, recordId])
    }

    public func logExported(
        record recordId: String, version: Int, withdrawal: Bool, package packageId: String, file: String, at time: String
    ) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO exportedRecord (recordId, version, packageId, file, exportedAt, withdrawal)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [recordId, version, packageId, file, time, withdrawal])
    }

    public func recordReceipt(
        package packageId: String, record recordId: String, version: Int, status: String, code: String?, at time: String
    ) throws -> Bool {
        try db.cachedStatement(sql: """
            UPDATE exportedRecord SET receipt = ?, receiptCode = ?, receiptAt = ?
            WHERE recordId = ? AND version = ? AND packageId = ?
            """).execute(arguments: [status, code, time, recordId, version, packageId])
        return db.changesCount > 0
    }
}
