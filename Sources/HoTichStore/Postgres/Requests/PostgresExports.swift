import HoTichPostgres
public import HoTichModel

extension PostgresTransaction: ExportReading, ExportWriting {
    private func package(_ row: PostgresRow) throws -> ExportPackage {
        ExportPackage(
            id: try row.required("id"), state: try row.value("state", table: "exportPackage", ExportPackage.State.init(rawValue:)),
            folder: try row.required("folder"), createdAt: try row.required("createdAt"), createdBy: try row.required("createdBy"))
    }

    public func exportPackage(id: String) throws -> ExportPackage? {
        try execute(#"SELECT * FROM "exportPackage" WHERE "id" = $1"#, [id]).first.map(package)
    }

    public func exportPackages(in state: ExportPackage.State) throws -> [ExportPackage] {
        try execute(#"SELECT * FROM "exportPackage" WHERE "state" = $1 ORDER BY "seq""#, [state.rawValue]).map(package)
    }

    public func packageBatches(package packageId: String) throws -> [PackageBatch] {
        try execute(#"SELECT * FROM "exportPackageBatch" WHERE "packageId" = $1 ORDER BY "batchId" COLLATE "C""#, [packageId]).map { row in
            PackageBatch(
                packageId: try row.required("packageId"), batchId: try row.required("batchId"), file: try row.required("file"),
                bytes: try row.decode("bytes"), sha256: try row.decode("sha256"), records: try row.decode("records"))
        }
    }

    public func packageBeingWritten(batch batchID: String) throws -> String? {
        try execute(#"""
            SELECT p."id" FROM "exportPackageBatch" pb JOIN "exportPackage" p ON p."id" = pb."packageId"
            WHERE pb."batchId" = $1 AND p."state" = 'writing' ORDER BY p."seq" LIMIT 1
            """#, [batchID]).first?.decode("id")
    }

    public func lastExportedVersion(record recordId: String) throws -> Int {
        try count(#"""
            SELECT MAX(e."version") FROM "exportedRecord" e JOIN "exportPackage" p ON p."id" = e."packageId"
            WHERE e."recordId" = $1 AND NOT e."withdrawal" AND p."state" = 'complete'
            """#, [recordId])
    }

    public func exportStatus() throws -> ExportStatus {
        let row = try execute(#"""
            SELECT COUNT(*) AS "exported", COUNT(*) FILTER (WHERE "receipt" = 'accepted') AS "accepted",
                   COUNT(*) FILTER (WHERE "receipt" = 'rejected') AS "rejected"
            FROM "exportedRecord"
            """#).first
        return ExportStatus(
            exported: try row?.decode("exported") ?? 0, accepted: try row?.decode("accepted") ?? 0, rejected: try row?.decode("rejected") ?? 0)
    }

    public func insertExportPackage(_ package: ExportPackage) throws {
        try execute(
            #"INSERT INTO "exportPackage" ("id", "state", "folder", "createdAt", "createdBy") VALUES ($1, $2, $3, $4, $5)"#,
            [package.id, package.state.rawValue, package.folder, package.createdAt, package.createdBy])
    }

    public func insertPackageBatch(package packageId: String, batch batchID: String, file: String) throws {
        try execute(#"INSERT INTO "exportPackageBatch" ("packageId", "batchId", "file") VALUES ($1, $2, $3)"#, [packageId, batchID, file])
    }

    public func recordPackageFile(package packageId: String, batch batchID: String, bytes: Int64, sha256: String, records: Int) throws {
        try execute(
            #"UPDATE "exportPackageBatch" SET "bytes" = $1, "sha256" = $2, "records" = $3 WHERE "packageId" = $4 AND "batchId" = $5"#,
            [bytes, sha256, records, packageId, batchID])
    }

    public func failExportPackage(_ packageId: String, failure: String, at time: String) throws {
        try execute(#"UPDATE "exportPackage" SET "state" = 'failed', "failure" = $1, "finishedAt" = $2 WHERE "id" = $3"#, [failure, time, packageId])
    }

    public func completeExportPackage(_ packageId: String, records: Int, at time: String) throws {
        try execute(#"UPDATE "exportPackage" SET "state" = 'complete', "finishedAt" = $1, "records" = $2 WHERE "id" = $3"#, [time, records, packageId])
    }

    public func logBatchExported(_ batchID: String, package packageId: String, file: String, at time: String) throws -> Int {
        try execute(#"""
            INSERT INTO "exportedRecord" ("recordId", "version", "packageId", "file", "exportedAt")
            SELECT "id", "version", $1, $2, $3 FROM "record" WHERE "batchId" = $4
            ON CONFLICT DO NOTHING
            """#, [packageId, file, time, batchID]).affected
    }

    public func logRecordExported(_ recordId: String, package packageId: String, file: String, at time: String) throws {
        try execute(#"""
            INSERT INTO "exportedRecord" ("recordId", "version", "packageId", "file", "exportedAt")
            SELECT "id", "version", $1, $2, $3 FROM "record" WHERE "id" = $4
            ON CONFLICT DO NOTHING
            """#, [packageId, file, time, recordId])
    }

    public func logExported(
        record recordId: String, version: Int, withdrawal: Bool, package packageId: String, file: String, at time: String
    ) throws {
        try execute(#"""
            INSERT INTO "exportedRecord" ("recordId", "version", "packageId", "file", "exportedAt", "withdrawal")
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
            """#, [recordId, version, packageId, file, time, withdrawal])
    }

    public func recordReceipt(
        package packageId: String, record recordId: String, version: Int, status: String, code: String?, at time: String
    ) throws -> Bool {
        try execute(#"""
            UPDATE "exportedRecord" SET "receipt" = $1, "receiptCode" = $2, "receiptAt" = $3
            WHERE "recordId" = $4 AND "version" = $5 AND "packageId" = $6
            """#, [status, code, time, recordId, version, packageId]).affected > 0
    }
}

extension PostgresTransaction: ReportReading, ImportLogWriting {
    public func keyingProgress(batch batchID: String) throws -> KeyingProgress {
        KeyingProgress(
            records: try recordCount(batch: batchID),
            recordsWithoutFile: try count(#"SELECT COUNT(*) FROM "record" WHERE "batchId" = $1 AND "scanFileId" IS NULL"#, [batchID]),
            filesKeyed: [try completedFileCount(batch: batchID, pass: 1), try completedFileCount(batch: batchID, pass: 2)],
            drafts: try draftCount(batch: batchID),
            keyableFiles: try keyableFileCount(batch: batchID),
            filesNotEntries: try count(#"SELECT COUNT(*) FROM "nonEntryFile" WHERE "batchId" = $1 AND "clearedAt" IS NULL"#, [batchID]))
    }

    public func verificationProgress(batch batchID: String) throws -> VerificationProgress {
        let count = { (sql: String) in try self.count(sql, [batchID]) }
        var byCode: [FindingCode: Int] = [:]
        for row in try execute(#"SELECT "code", COUNT(*) AS "n" FROM "finding" WHERE "batchId" = $1 GROUP BY "code""#, [batchID]) {
            guard let code = FindingCode(rawValue: try row.required("code")) else { throw StoreFailure.damagedRow(table: "finding") }
            byCode[code] = try row.required("n")
        }
        let open = { (origin: DecisionOrigin) in
            try self.count(#"""
                SELECT COUNT(*) FROM "fieldDecision" WHERE "batchId" = $1 AND "origin" = $2 AND "decidedAt" IS NULL AND "supersededAt" IS NULL
                """#, [batchID, origin.rawValue])
        }
        return VerificationProgress(
            records: try count(#"SELECT COUNT(*) FROM "record" WHERE "batchId" = $1"#),
            verified: try count(#"SELECT COUNT(*) FROM "record" WHERE "batchId" = $1 AND "status" = 'verified'"#),
            conflictsOpen: try open(.conflict),
            doubtsOpen: try open(.doubt),
            correctionsOpen: try open(.error),
            errors: try count(#"SELECT COUNT(*) FROM "finding" WHERE "batchId" = $1 AND "severity" = 'error'"#),
            warnings: try count(#"SELECT COUNT(*) FROM "finding" WHERE "batchId" = $1 AND "severity" = 'warning'"#),
            warningsUnacknowledged: try count(
                #"SELECT COUNT(*) FROM "finding" WHERE "batchId" = $1 AND "severity" = 'warning' AND "acknowledgedAt" IS NULL"#),
            duplicatesUndecided: try count(#"SELECT COUNT(*) FROM "duplicateFlag" WHERE "batchId" = $1 AND "decision" IS NULL"#),
            findingsByCode: byCode,
            sample: try latestSampleDraw(batch: batchID))
    }

    public func errorRates(batch batchID: String?) throws -> [OperatorErrorRate] {
        let scope = batchID == nil ? "" : #"AND "batchId" = $1"#
        let parameters: [any PostgresBindable] = batchID.map { [$0] } ?? []
        var keyed: [String: Int] = [:]
        for row in try execute(#"""
            SELECT k."operator", SUM((SELECT COUNT(*) FROM jsonb_object_keys(
                       COALESCE(k."fields", (SELECT r."fields" FROM "record" r WHERE r."id" = k."recordId"))::jsonb))) AS "n"
            FROM "keying" k WHERE k."state" = 'complete' \#(scope) GROUP BY k."operator"
            """#, parameters) {
            keyed[try row.required("operator")] = try row.decode("n") ?? 0
        }
        var errors: [String: Int] = [:]
        for row in try execute(#"""
            SELECT "pass1Operator" AS "who", COUNT(*) AS "n" FROM "fieldDecision" WHERE "pass1Wrong" \#(scope) GROUP BY "pass1Operator"
            UNION ALL
            SELECT "pass2Operator" AS "who", COUNT(*) AS "n" FROM "fieldDecision" WHERE "pass2Wrong" \#(scope) GROUP BY "pass2Operator"
            """#, parameters) {
            guard let who: String = try row.decode("who") else { continue }
            errors[who, default: 0] += try row.required("n", as: Int.self)
        }
        var decided: [String: (Int, Int)] = [:]
        for row in try execute(#"""
            SELECT "decidedBy" AS "who", COUNT(*) AS "n",
                   SUM(CASE WHEN "pass1Wrong" IS DISTINCT FROM false AND "pass2Wrong" IS DISTINCT FROM false THEN 1 ELSE 0 END) AS "typed"
            FROM "fieldDecision" WHERE "decidedBy" IS NOT NULL \#(scope) GROUP BY "decidedBy"
            """#, parameters) {
            decided[try row.required("who")] = (try row.required("n"), try row.required("typed"))
        }
        return ReportAssembly.errorRates(keyed: keyed, errors: errors, decided: decided)
    }

    public func earlierImport(batch batchID: String, pass: Int, sha256: String) throws -> ImportedFile? {
        try fetchOne(ImportedFile.self, #"""
            SELECT "id", "batchId", "pass", "sha256", "fileName", "rowsRead", "imported", "rejected", "alreadyPresent", "at", "by"
            FROM "importFile" WHERE "batchId" = $1 AND "pass" = $2 AND "sha256" = $3 ORDER BY "id" LIMIT 1
            """#, [batchID, pass, sha256])
    }

    public func insertImportedFile(_ file: ImportedFile) throws {
        try insert(file, into: "importFile")
    }
}
