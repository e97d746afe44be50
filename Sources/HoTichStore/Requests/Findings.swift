import GRDB
public import HoTichModel

/// What the checks found in a batch, stored by fingerprint so that an acknowledgement stays with
/// the finding it acknowledged.
public protocol FindingReading {
    func finding(id: Int64) throws -> Finding?
    /// A batch's findings in register order (batch-level findings first).
    func findings(batch batchID: String) throws -> [Finding]
    /// A batch's findings of one severity.
    func findings(batch batchID: String, severity: Diagnostic.Severity) throws -> [Finding]
    /// The id and fingerprint of each of a batch's findings (what a run of the checks replaces).
    func findingFingerprints(batch batchID: String) throws -> [(id: Int64, fingerprint: String)]
}

public protocol FindingWriting {
    func insertFinding(_ finding: Finding) throws
    func updateFinding(_ finding: Finding) throws
    func deleteFinding(id: Int64) throws
}

extension SQLiteTransaction: FindingReading, FindingWriting {
    public func finding(id: Int64) throws -> Finding? {
        try Finding.fetchOne(db, key: id)
    }

    public func findings(batch batchID: String) throws -> [Finding] {
        try Finding.fetchAll(db, sql: """
            SELECT finding.* FROM finding LEFT JOIN record r ON r.id = finding.recordId LEFT JOIN scanFile f ON f.id = r.scanFileId
            WHERE finding.batchId = ?
            ORDER BY f.path, CAST(r.number AS INTEGER), finding.id
            """, arguments: [batchID])
    }

    public func findings(batch batchID: String, severity: Diagnostic.Severity) throws -> [Finding] {
        try Finding.filter(Column("batchId") == batchID && Column("severity") == severity).order(Column("id")).fetchAll(db)
    }

    public func findingFingerprints(batch batchID: String) throws -> [(id: Int64, fingerprint: String)] {
        try Row.fetchAll(db, sql: "SELECT id, fingerprint FROM finding WHERE batchId = ? ORDER BY id", arguments: [batchID])
            .map { (id: $0["id"], fingerprint: $0["fingerprint"]) }
    }

    public func insertFinding(_ finding: Finding) throws {
        var finding = finding
        try finding.insert(db)
    }

    public func updateFinding(_ finding: Finding) throws {
        try finding.update(db)
    }

    public func deleteFinding(id: Int64) throws {
        _ = try Finding.deleteOne(db, key: id)
    }
}
