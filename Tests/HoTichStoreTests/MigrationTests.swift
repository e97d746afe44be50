import Foundation
import GRDB
import HoTichModel
@testable import HoTichStore
import Testing

/// A workspace made by any earlier hotich opens in this one with everything it held: each earlier
/// schema version, filled with what that version could hold, is migrated and read back through
/// the store's requests.
@Suite struct MigrationTests {
    static let personalID = "001217000001"
    static let recordFields = #"{"nksHoTen":"=NGUYỄN VĂN AN","nksSoDinhDanh":"=001217000001","so":"=01"}"#
    static let secondPass = #"{"nksHoTen":"=NGUYỄN VĂN ÂN","nksSoDinhDanh":"=001217000001","so":"=01"}"#

    /// Fills a database at an earlier version with one of everything its tables can hold.
    static func fill(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO workspace (id, officeCode, name, createdAt) VALUES (1, '00001', 'UBND phường Phúc Xá', 't');
            INSERT INTO office (code, name) VALUES ('00001', 'UBND phường Phúc Xá');
            INSERT INTO user (name, role, createdAt) VALUES ('quantri', 'admin', 't');
            INSERT INTO book (id, officeCode, kind, year, volume) VALUES (1, '00001', 'KS', 2017, 1);
            INSERT INTO batch (id, bookId, sequence, policy, state, sourcePath, sourceKind, storedRoot, fileCount, totalBytes,
                               contentDigest, receivedAt, receivedBy, updatedAt)
            VALUES ('KS-00001-2017-01-1', 1, 1, 'double', 'keying', '/d', 'folder', '/d', 1, 100, 'digest', 't', 'quantri', 't');
            INSERT INTO scanFile (id, batchId, path, bytes, sha256, format, usable, nameNumber, nameDate)
            VALUES (1, 'KS-00001-2017-01-1', 'KS.2017.01.2017-01-05.01.pdf', 100, 'abc', 'pdf', 1, '01', '2017-01-05');
            """)
        // An event as hotich wrote it before v12: no seals, no HMAC.
        let event = AuditEvent(
            id: nil, at: "t", actor: "quantri", action: .receive, batchId: "KS-00001-2017-01-1", subject: nil, fromState: nil,
            toState: nil, reason: nil, previousHash: AuditTrail.genesis, hash: "")
        try db.execute(
            sql: "INSERT INTO auditEvent (at, actor, action, batchId, previousHash, hash) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [event.at, event.actor, event.action.rawValue, event.batchId, event.previousHash,
                        AuditTrail.chainHash(of: event, after: AuditTrail.genesis)])
        guard try db.tableExists("record") else { return }
        try db.execute(sql: """
            INSERT INTO record (id, batchId, scanFileId, entryKey, kind, officeCode, registrationYear, number, fields,
                                subjectName, subjectBirthYear, createdAt, updatedAt)
            VALUES ('r1', 'KS-00001-2017-01-1', 1, 'file:1', 'KS', '00001', 2017, '01', ?, 'nguyen van an', 2017, 't', 't');
            INSERT INTO keying (id, batchId, entryKey, scanFileId, recordId, pass, operator, state, fields, position, source, startedAt, savedAt)
            VALUES (1, 'KS-00001-2017-01-1', 'file:1', 1, 'r1', 1, 'a', 'complete', ?, 3, 'interactive', 't', 't'),
                   (2, 'KS-00001-2017-01-1', 'file:1', 1, 'r1', 2, 'b', 'complete', ?, 3, 'interactive', 't', 't');
            """, arguments: [recordFields, recordFields, secondPass])
        if try db.tableExists("fieldDecision") {
            try db.execute(sql: """
                INSERT INTO fieldDecision (id, batchId, recordId, field, origin, pass1, pass2, pass1Operator, pass2Operator, createdAt)
                VALUES (1, 'KS-00001-2017-01-1', 'r1', 'nksHoTen', 'conflict', '=NGUYỄN VĂN AN', '=NGUYỄN VĂN ÂN', 'a', 'b', 't')
                """)
        }
        if try db.tableExists("exportPackage") {
            try db.execute(sql: """
                INSERT INTO exportPackage (id, state, folder, createdAt, createdBy, finishedAt, records) VALUES ('p1', 'complete', '/o/p1', 't', 'quantri', 't', 1);
                INSERT INTO exportPackageBatch (packageId, batchId, file) VALUES ('p1', 'KS-00001-2017-01-1', 'KS-00001-2017-01-1.xml');
                INSERT INTO exportedRecord (recordId, version, packageId, file, exportedAt) VALUES ('r1', 1, 'p1', 'KS-00001-2017-01-1.xml', 't');
                """)
        }
        if try db.tableExists("recordChange") {
            try db.execute(sql: """
                INSERT INTO recordChange (recordId, kind, version, field, reason, by, at) VALUES ('r1', 'correction', 2, 'nksHoTen', 'sai', 'quantri', 't')
                """)
        }
    }

    @Test(arguments: SQLiteStore.knownMigrations.dropLast())
    func aWorkspaceOfAnEarlierVersionMigratesWithEverythingInIt(_ version: String) throws {
        // Whether the database was made at or after the migration whose name begins with `prefix`.
        let known = SQLiteStore.knownMigrations
        let position = try #require(known.firstIndex(of: version))
        func since(_ prefix: String) -> Bool { known.firstIndex { $0.hasPrefix(prefix + "-") }.map { position >= $0 } ?? false }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: configuration)
        try Migrations.migrator.migrate(queue, upTo: version)
        let hadRecords = try queue.write { db in
            try Self.fill(db)
            return try db.tableExists("record")
        }
        try Migrations.migrator.migrate(queue)
        let (complete, foreignKeyProblems, integrity) = try queue.read { db in
            (try Migrations.migrator.hasCompletedMigrations(db), try Row.fetchAll(db, sql: "PRAGMA foreign_key_check"),
             try String.fetchAll(db, sql: "PRAGMA integrity_check"))
        }
        #expect(complete && foreignKeyProblems.isEmpty && integrity == ["ok"])
        try queue.write { db in
            let tx = SQLiteTransaction(db)
            #expect(try tx.workspaceInfo()?.officeCode.value == "00001")
            #expect(try tx.user(named: "quantri")?.role == .admin)
            #expect(try tx.batchSummaries(in: nil).map(\.book) == [BookIdentity(office: OfficeCode("00001")!, kind: .birth, year: 2017, volume: 1)])
            #expect(try tx.scanFiles(batch: "KS-00001-2017-01-1").map(\.path) == ["KS.2017.01.2017-01-05.01.pdf"])
            // v12 and v13 seal what the workspace holds (records, keyings, the batch and its file;
            // users, settings, decisions) by events of the program's own, after the old ones. Rows
            // written by hand into a v12 database (as here) bypassed hotich: no event vouches for
            // their seals, and the trail says so, row by row.
            let sealingEvents = since("v12") ? 1 : 2
            func isSound(_ verification: AuditVerification) -> Bool {
                since("v12") ? verification.problems.allSatisfy { if case .contentUnvouched = $0 { true } else { false } }
                    && !verification.problems.isEmpty : verification.isSound
            }
            let migrated = try tx.verifyAudit()
            #expect(isSound(migrated) && migrated.events == 1 + sealingEvents && migrated.rowsChecked >= (hadRecords ? 8 : 5))
            #expect(try tx.auditEvents(batch: nil).last?.action == .contentSealed)
            try tx.appendAudit(AuditEntry(actor: "quantri", action: .compact), at: "t2")
            let appended = try tx.verifyAudit()
            #expect(isSound(appended) && appended.events == 2 + sealingEvents)
            // v10 fills the progress summary, and v11 the name index, from what the workspace already
            // holds. (Rows written here by hand after them bypass the store, which keeps both.)
            if !since("v10") { #expect(try tx.progressSummaryDifferences() == 0) }
            if !since("v11") { #expect(try tx.searchIndexDifferences() == 0) }
            guard hadRecords else { return }
            if !since("v10") {
                #expect(try tx.workspaceProgress(through: CivilDate(iso: "2100-01-01")!).values.reduce(ProgressCounters.zero, +).keyed == 1)
            }
            let record = try #require(try tx.record(id: "r1"))
            #expect(record.fields["nksHoTen"] == .filled("NGUYỄN VĂN AN") && record.status == .keyed)
            let keyings = try tx.completeKeyings(record: "r1")
            #expect(keyings.map(\.pass) == [1, 2])
            #expect(keyings[0].fields == record.fields && keyings[1].fields["nksHoTen"] == .filled("NGUYỄN VĂN ÂN"))
            // v3 reads the personal ID number out of the values of records made before it; v6 stores
            // once the values of keyings made before it that equal their record's.
            #expect(record.subjectPersonalID == (since("v3") ? nil : Self.personalID))
            let stored = try Bool.fetchAll(db, sql: "SELECT fields IS NULL FROM keying ORDER BY id")
            #expect(stored == (since("v6") ? [false, false] : [true, false]))
            if since("v3") {
                #expect(try tx.decision(id: 1)?.origin == .conflict)
            }
            if since("v4") {
                #expect(try tx.lastExportedVersion(record: "r1") == 1)
            }
            if since("v5") {
                #expect(try tx.corrections(record: "r1", after: 1).map(\.field) == ["nksHoTen"])
            }
        }
    }

    @Test func aWorkspaceFileOfTheFirstVersionIsMigratedWhenItIsOpened() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(SQLiteStore.databaseFileName)
        do {
            let pool = try DatabasePool(path: url.path)
            try Migrations.migrator.migrate(pool, upTo: SQLiteStore.knownMigrations[0])
            try pool.write { db in try Self.fill(db) }
        }
        let store = try SQLiteStore.open(at: url, protection: AuditProtection(key: nil, anchorLog: nil))
        #expect(try store.databaseRead { db in try Migrations.migrator.hasCompletedMigrations(db) })
        #expect(try store.read { tx in try tx.batch("KS-00001-2017-01-1")?.state } == .keying)
    }

    @Test func migratingStoresOnceTheKeyingsEqualToTheirRecord() throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(configuration: configuration)
        try Migrations.migrator.migrate(queue, upTo: "v5-corrections")
        let same = #"{"nksHoTen":"=NGUYỄN VĂN AN"}"#, other = #"{"nksHoTen":"=NGUYỄN VĂN ÂN"}"#
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO record (id, batchId, entryKey, kind, officeCode, fields, createdAt, updatedAt)
                VALUES ('r1', 'b', 'so:1', 'KS', '00001', ?, 't', 't');
                INSERT INTO keying (id, batchId, entryKey, recordId, pass, operator, state, fields, source, startedAt, savedAt) VALUES
                  (1, 'b', 'so:1', 'r1', 1, 'a', 'complete', ?, 'import:x', 't', 't'),
                  (2, 'b', 'so:1', 'r1', 2, 'b', 'complete', ?, 'import:y', 't', 't'),
                  (3, 'b', 'so:2', NULL, 1, 'a', 'draft', ?, 'interactive', 't', 't');
                """, arguments: [same, same, other, same])
        }
        try Migrations.migrator.migrate(queue)
        try queue.read { db in
            let stored = try Row.fetchAll(db, sql: "SELECT id, fields FROM keying ORDER BY id").map { $0["fields"] as String? }
            #expect(stored == [nil, other, same])
            let read = try Keying.order(Column("id")).fetchAll(db).map { $0.fields["nksHoTen"] }
            #expect(read == [.filled("NGUYỄN VĂN AN"), .filled("NGUYỄN VĂN ÂN"), .filled("NGUYỄN VĂN AN")])
            #expect(try Keying.fetchOne(db, key: 1)?.fields["nksHoTen"] == .filled("NGUYỄN VĂN AN"))
            #expect(try Int.fetchOne(db, sql: "SELECT MAX(seq) FROM sqlite_sequence WHERE name = 'keying'") == 3)
        }
    }
}
