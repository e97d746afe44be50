import GRDB
public import HoTichModel

/// Counts and summaries: how far a batch has come, people's error rates, imported files.
public protocol ReportReading {
    /// How far the keying of a batch has come.
    func keyingProgress(batch batchID: String) throws -> KeyingProgress
    /// How far the verification of a batch has come.
    func verificationProgress(batch batchID: String) throws -> VerificationProgress
    /// Error rates per person, for one batch or the whole workspace.
    func errorRates(batch batchID: String?) throws -> [OperatorErrorRate]
    /// The first import of the same file (by SHA-256) into a pass of a batch, if there was one.
    func earlierImport(batch batchID: String, pass: Int, sha256: String) throws -> ImportedFile?
}

public protocol ImportLogWriting {
    func insertImportedFile(_ file: ImportedFile) throws
}

extension SQLiteTransaction: ReportReading, ImportLogWriting {
    public func keyingProgress(batch batchID: String) throws -> KeyingProgress {
        let count = { (sql: String) in try self.count(sql, [batchID]) }
        return KeyingProgress(
            records: try count("SELECT COUNT(*) FROM record WHERE batchId = ?"),
            recordsWithoutFile: try count("SELECT COUNT(*) FROM record WHERE batchId = ? AND scanFileId IS NULL"),
            filesKeyed: [try completedFileCount(batch: batchID, pass: 1), try completedFileCount(batch: batchID, pass: 2)],
            drafts: try draftCount(batch: batchID),
            keyableFiles: try keyableFileCount(batch: batchID),
            filesNotEntries: try count("SELECT COUNT(*) FROM nonEntryFile WHERE batchId = ? AND clearedAt IS NULL"))
    }

    public func verificationProgress(batch batchID: String) throws -> VerificationProgress {
        let count = { (sql: String) in try self.count(sql, [batchID]) }
        var byCode: [FindingCode: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT code, COUNT(*) AS n FROM finding WHERE batchId = ? GROUP BY code", arguments: [batchID]) {
            guard let code = FindingCode(rawValue: row["code"]) else { throw StoreFailure.damagedRow(table: "finding") }
            byCode[code] = row["n"]
        }
        let open = { (origin: DecisionOrigin) in
            try self.count("""
                SELECT COUNT(*) FROM fieldDecision WHERE batchId = ? AND origin = ? AND decidedAt IS NULL AND supersededAt IS NULL
                """, [batchID, origin])
        }
        return VerificationProgress(
            records: try count("SELECT COUNT(*) FROM record WHERE batchId = ?"),
            verified: try count("SELECT COUNT(*) FROM record WHERE batchId = ? AND status = 'verified'"),
            conflictsOpen: try open(.conflict),
            doubtsOpen: try open(.doubt),
            correctionsOpen: try open(.error),
            errors: try count("SELECT COUNT(*) FROM finding WHERE batchId = ? AND severity = 'error'"),
            warnings: try count("SELECT COUNT(*) FROM finding WHERE batchId = ? AND severity = 'warning'"),
            warningsUnacknowledged: try count(
                "SELECT COUNT(*) FROM finding WHERE batchId = ? AND severity = 'warning' AND acknowledgedAt IS NULL"),
            duplicatesUndecided: try count("SELECT COUNT(*) FROM duplicateFlag WHERE batchId = ? AND decision IS NULL"),
            findingsByCode: byCode,
            sample: try latestSampleDraw(batch: batchID))
    }

    public func errorRates(batch batchID: String?) throws -> [OperatorErrorRate] {
        let scope = batchID == nil ? "" : "AND batchId = :batch"
        let arguments: StatementArguments = batchID.map { ["batch": $0] } ?? [:]
        var keyed: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT operator, SUM((SELECT COUNT(*) FROM json_each(\(Keying.valuesSQL(keying: "keying"))))) AS n
            FROM keying WHERE state = 'complete' \(scope) GROUP BY operator
            """, arguments: arguments) {
            keyed[row["operator"]] = row["n"]
        }
        var errors: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT pass1Operator AS who, COUNT(*) AS n FROM fieldDecision WHERE pass1Wrong = 1 \(scope) GROUP BY pass1Operator
            UNION ALL
            SELECT pass2Operator AS who, COUNT(*) AS n FROM fieldDecision WHERE pass2Wrong = 1 \(scope) GROUP BY pass2Operator
            """, arguments: arguments) {
            guard let who: String = row["who"] else { continue }
            errors[who, default: 0] += row["n"] as Int
        }
        var decided: [String: (Int, Int)] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT decidedBy AS who, COUNT(*) AS n,
                   SUM(CASE WHEN pass1Wrong IS NOT 0 AND pass2Wrong IS NOT 0 THEN 1 ELSE 0 END) AS typed
            FROM fieldDecision WHERE decidedBy IS NOT NULL \(scope) GROUP BY decidedBy
            """, arguments: arguments) {
            decided[row["who"]] = (row["n"], row["typed"])
        }
        return ReportAssembly.errorRates(keyed: keyed, errors: errors, decided: decided)
    }

    public func earlierImport(batch batchID: String, pass: Int, sha256: String) throws -> ImportedFile? {
        try ImportedFile.filter(Column("batchId") == batchID && Column("pass") == pass && Column("sha256") == sha256)
            .order(Column("id")).fetchOne(db)
    }

    public func insertImportedFile(_ file: ImportedFile) throws {
        var file = file
        try file.insert(db)
    }
}
