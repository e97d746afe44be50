import Foundation
import GRDB
import HoTichExchange
import HoTichModel
@testable import HoTichStore
import HoTichWorkflow
import Testing

/// Whoever can write the database file can change anything in it; what hotich promises is that
/// `audit verify` finds it, naming the first bad event or row. Each test edits the file the way
/// such a person would — with their own SQLite connection, without hotich's hash function — and
/// checks what is found.
@Suite(.sqliteFile) struct TamperEvidenceTests {
    /// A workspace with a verified batch: a few dozen events, records, keyings, files.
    static func workspace() throws -> TestWorkspace {
        let test = try TestWorkspace()
        _ = try test.verifiedBatch()
        #expect(try test.supervisor.verifyAuditTrail().isSound)
        return test
    }

    /// Runs `sql` on the database file through a plain connection, as the `sqlite3` shell would.
    static func tamper(_ test: TestWorkspace, _ sql: String, arguments: StatementArguments = []) throws {
        let queue = try DatabaseQueue(path: test.workspace.folder.appendingPathComponent(SQLiteStore.databaseFileName).path)
        try queue.write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    /// The trail checked by a newly opened workspace.
    static func verify(_ test: TestWorkspace, external: [AuditAnchor] = []) throws -> AuditVerification {
        try Workspace.open(at: test.workspace.folder).session(as: "giamsat").verifyAuditTrail(external: external)
    }

    static func lastEvent(_ test: TestWorkspace) throws -> AuditEvent {
        try #require(try test.supervisor.auditEvents(batch: nil).last)
    }

    @Test func everyWriteIsAnchoredAndASoundTrailSaysWhatItChecked() throws {
        let test = try Self.workspace()
        let verification = try Self.verify(test)
        #expect(verification.isSound && verification.key == .checked(fromEvent: 1))
        #expect(verification.rowsChecked > 40 && verification.anchorsChecked > 5)
        let log = test.workspace.folder.appendingPathComponent(AuditAnchorLog.fileName)
        let key = test.workspace.folder.appendingPathComponent(AuditKey.fileName)
        for file in [log, key] {
            #expect((try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int) == 0o600)
        }
        let last = try Self.lastEvent(test)
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.last?.hasPrefix("anchor \(last.id!) \(last.hash) ") == true)
        #expect(try test.supervisor.auditEvents(batch: nil).allSatisfy { $0.mac != nil })
    }

    @Test func anEditedEventIsNamed() throws {
        let test = try Self.workspace()
        let target: Int64 = 5
        try Self.tamper(test, """
            DROP TRIGGER auditEvent_no_update;
            UPDATE auditEvent SET actor = 'ai-do' WHERE id = \(target);
            """)
        let verification = try Self.verify(test)
        #expect(verification.firstBrokenEvent == target)
        #expect(verification.problems.contains(.guardMissing(name: "auditEvent_no_update")))
    }

    @Test func aDeletedMiddleEventIsNamedByTheOneAfterIt() throws {
        let test = try Self.workspace()
        try Self.tamper(test, "DROP TRIGGER auditEvent_no_delete; DELETE FROM auditEvent WHERE id = 7;")
        #expect(try Self.verify(test).firstBrokenEvent == 8)
    }

    @Test func anEventInsertedInTheMiddleIsNamed() throws {
        let test = try Self.workspace()
        let target: Int64 = 6
        // The events from the target on move one place up, and a made-up one takes its place,
        // chained to the one before it as hotich would chain it (but without the key).
        let url = test.workspace.folder.appendingPathComponent(SQLiteStore.databaseFileName)
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER auditEvent_no_update")
            let last = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM auditEvent") ?? 0
            for id in stride(from: last, through: target, by: -1) {
                try db.execute(sql: "UPDATE auditEvent SET id = id + 1 WHERE id = ?", arguments: [id])
            }
            let before = try #require(try AuditEvent.fetchOne(db, key: target - 1))
            var forged = AuditEvent(
                id: target, at: before.at, actor: "giamsat", action: .transition(.release), batchId: nil, subject: nil, fromState: nil,
                toState: nil, reason: nil, previousHash: before.hash, hash: "", sealsFrom: before.sealsThrough,
                sealsThrough: before.sealsThrough, contentDigest: nil)
            forged.hash = AuditTrail.chainHash(of: forged, after: before.hash)
            try forged.insert(db)
        }
        let verification = try Self.verify(test)
        #expect(verification.firstBrokenEvent == target)
        #expect(verification.problems.contains(.eventUnkeyed(eventID: target)))
        #expect(verification.problems.contains(.eventBroken(eventID: target + 1)))
    }

    @Test func aDeletedTailIsCaughtByTheAnchorLogAndByAManifestOrReportOutsideIt() throws {
        let test = try Self.workspace()
        let review = try test.supervisor.weeklyReview()
        let json = test.root.appendingPathComponent("tuan.json")
        try Data(try WeeklyJSON.render(review).utf8).write(to: json)
        let last = try Self.lastEvent(test)
        try Self.tamper(test, "DROP TRIGGER auditEvent_no_delete; DELETE FROM auditEvent WHERE id > ?", arguments: [last.id! - 3])
        // The chain that is left is intact: only the anchors know it was longer.
        let verification = try Self.verify(test)
        #expect(verification.firstBrokenEvent == nil)
        #expect(verification.problems.contains(.anchorEventMissing(eventID: last.id!)))
        // With the anchor log deleted too, the weekly report sent out still knows.
        try FileManager.default.removeItem(at: test.workspace.folder.appendingPathComponent(AuditAnchorLog.fileName))
        let anchor = try AuditAnchorSource.read(json)
        #expect(anchor == AuditAnchor(eventID: Int64(review.auditHead.events), hash: review.auditHead.hash))
        let withReport = try Self.verify(test, external: [anchor])
        #expect(withReport.problems.contains(.anchorEventMissing(eventID: anchor.eventID)))
        let withoutLog = try Self.verify(test).problems
        #expect(!withoutLog.contains { if case .anchorEventMissing = $0 { true } else { false } },
                "what no anchor names cannot be known to be missing")
        #expect(withoutLog.contains(.anchorLogMissing), "but the missing log itself is said")
    }

    @Test func anAppendedEventWithoutTheKeyIsCaught() throws {
        let test = try Self.workspace()
        let last = try Self.lastEvent(test)
        // A forged event that fits the unkeyed chain exactly, with a made-up HMAC.
        var forged = AuditEvent(
            id: nil, at: last.at, actor: "giamsat", action: .transition(.release), batchId: nil, subject: nil, fromState: nil,
            toState: nil, reason: nil, previousHash: last.hash, hash: "", sealsThrough: last.sealsThrough, contentDigest: nil)
        forged.hash = AuditTrail.chainHash(of: forged, after: last.hash)
        try Self.tamper(test, """
            INSERT INTO auditEvent (at, actor, action, previousHash, hash, sealsThrough, mac) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [forged.at, forged.actor, forged.action.rawValue, forged.previousHash, forged.hash, forged.sealsThrough,
                             String(repeating: "ab", count: 32)])
        #expect(try Self.verify(test).firstBrokenEvent == last.id! + 1)
        #expect(try Self.verify(test).problems.first == .eventForged(eventID: last.id! + 1))
    }

    @Test func anEditWithTheChainRecomputedAfterItIsCaughtByTheKey() throws {
        let test = try Self.workspace()
        let target: Int64 = 6
        try Self.tamper(test, "DROP TRIGGER auditEvent_no_update; UPDATE auditEvent SET actor = 'ai-do' WHERE id = \(target)")
        // Every hash from the edit on recomputed, as someone with the database but not the key would.
        let url = test.workspace.folder.appendingPathComponent(SQLiteStore.databaseFileName)
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in
            var previous = try String.fetchOne(db, sql: "SELECT hash FROM auditEvent WHERE id = ?", arguments: [target - 1])!
            for var event in try AuditEvent.filter(Column("id") >= target).order(Column("id")).fetchAll(db) {
                event.previousHash = previous
                event.hash = AuditTrail.chainHash(of: event, after: previous)
                try db.execute(sql: "UPDATE auditEvent SET previousHash = ?, hash = ? WHERE id = ?", arguments: [event.previousHash, event.hash, event.id])
                previous = event.hash
            }
        }
        let verification = try Self.verify(test)
        #expect(verification.problems.filter { if case .eventBroken = $0 { true } else { false } }.isEmpty, "the unkeyed chain fits")
        #expect(verification.firstBrokenEvent == target)
        #expect(verification.problems.contains(.eventForged(eventID: target)))
    }

    @Test func aRecordsValuesChangedInTheFileAreNamedWithTheRecord() throws {
        let test = try Self.workspace()
        let recordID = try #require(try test.workspace.sqlite.databaseRead { db in
            try String.fetchOne(db, sql: "SELECT id FROM record WHERE status = 'verified' ORDER BY id LIMIT 1")
        })
        // The seal triggers call hotich's own function, which another program lacks: they go first
        // (the record's and its keyings', which take the values the record held).
        try Self.tamper(test, """
            DROP TRIGGER record_sealed_update; DROP TRIGGER keying_sealed_update;
            UPDATE record SET fields = json_set(fields, '$.nksHoTen', '=TRẦN VĂN GIẢ') WHERE id = ?;
            """, arguments: [recordID])
        let verification = try Self.verify(test)
        #expect(verification.problems.contains(.contentChanged(.record, id: recordID)))
        #expect(verification.problems.contains(.guardMissing(name: "record_sealed_update")))
        #expect(verification.firstBrokenEvent == nil, "the events themselves are intact")
    }

    @Test func aChangeSealedOutsideHotichIsNamedAndNoLaterEventVouchesForIt() throws {
        let test = try Self.workspace()
        let batch = try #require(try test.supervisor.batches().first?.batch)
        // The triggers seal the change (as they would on a connection with a copy of hotich's hash
        // function), but no event of hotich's wrote it.
        try test.workspace.sqlite.writer.write { db in
            try db.execute(sql: "UPDATE batch SET policy = 'sample' WHERE id = ?", arguments: [batch.id])
            try db.execute(sql: "UPDATE scanFile SET sha256 = ? WHERE id = 1", arguments: [String(repeating: "0", count: 64)])
        }
        let expected: [AuditProblem] = [.contentUnvouched(.batch, id: batch.id), .contentUnvouched(.scanFile, id: "1")]
        #expect(try Self.verify(test).problems == expected)
        // The next ordinary write vouches for its own seals only: the forged ones stay named.
        try test.supervisor.apply(.hold, to: batch.id, reason: "kiểm tra")
        #expect(try Self.verify(test).problems == expected)
    }

    @Test func aBatchStateAndAScanHashChangedInTheFileAreNamed() throws {
        let test = try Self.workspace()
        let batch = try #require(try test.supervisor.batches().first?.batch)
        try Self.tamper(test, """
            DROP TRIGGER batch_sealed_update; DROP TRIGGER scanFile_sealed_update;
            UPDATE batch SET state = 'exported' WHERE id = ?;
            UPDATE scanFile SET sha256 = '\(String(repeating: "0", count: 64))' WHERE id = 2;
            """, arguments: [batch.id])
        let problems = try Self.verify(test).problems
        #expect(problems.contains(.contentChanged(.batch, id: batch.id)))
        #expect(problems.contains(.contentChanged(.scanFile, id: "2")))
    }

    @Test func rowsAddedOrDeletedInTheFileAreNamed() throws {
        let test = try Self.workspace()
        let keying = try #require(try test.workspace.sqlite.databaseRead { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM keying") })
        try Self.tamper(test, """
            DROP TRIGGER keying_sealed_delete; DROP TRIGGER scanFile_sealed_insert;
            DELETE FROM keying WHERE id = \(keying);
            INSERT INTO scanFile (batchId, path, bytes, sha256, format, usable) SELECT batchId, 'gia.pdf', 1, sha256, format, 1 FROM scanFile LIMIT 1;
            """)
        let problems = try Self.verify(test).problems
        #expect(problems.contains(.contentMissing(.keying, id: String(keying))))
        #expect(problems.contains { if case .contentUnsealed(.scanFile, _) = $0 { true } else { false } })
    }

    @Test func aTriggerRemovedThroughWritableSchemaIsNamedAndWhatItGuardedIsCaught() throws {
        let test = try Self.workspace()
        // No DROP TRIGGER: the schema table itself is edited, which SQLite allows only this way.
        try Self.tamper(test, """
            PRAGMA writable_schema = ON;
            DELETE FROM sqlite_master WHERE type = 'trigger' AND name = 'auditEvent_no_update';
            PRAGMA writable_schema = OFF;
            """)
        try Self.tamper(test, "UPDATE auditEvent SET reason = 'sửa' WHERE id = 4")
        let verification = try Self.verify(test)
        #expect(verification.problems.contains(.guardMissing(name: "auditEvent_no_update")))
        #expect(verification.firstBrokenEvent == 4)
    }

    @Test func aForgedAnchorLineIsNamed() throws {
        let test = try Self.workspace()
        let log = test.workspace.folder.appendingPathComponent(AuditAnchorLog.fileName)
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("anchor 1 \(String(repeating: "0", count: 64)) 2026-12-02T00:00:00.000Z \(String(repeating: "ab", count: 32))\nrác\n".utf8))
        try handle.close()
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count
        let problems = try Self.verify(test).problems
        #expect(problems.contains(.anchorForged(line: lines - 2)) && problems.contains(.anchorForged(line: lines - 1)))
    }

    @Test func aWorkspaceWhoseKeyIsLostIsNotWrittenToUnsigned() throws {
        let test = try Self.workspace()
        let key = test.workspace.folder.appendingPathComponent(AuditKey.fileName)
        try FileManager.default.removeItem(at: key)
        #expect {
            try Workspace.open(at: test.workspace.folder)
        } throws: { error in
            (error as? HoTichError)?.message == .integrity(.auditKeyMissing(path: key.path))
        }
        #expect(!FileManager.default.fileExists(atPath: key.path), "no new key was made")
        // Nor when every HMAC and the anchor log are gone too: a keyed workspace never starts over.
        try Self.tamper(test, "DROP TRIGGER auditEvent_no_update; UPDATE auditEvent SET mac = NULL")
        try FileManager.default.removeItem(at: test.workspace.folder.appendingPathComponent(AuditAnchorLog.fileName))
        #expect {
            try Workspace.open(at: test.workspace.folder)
        } throws: { error in
            (error as? HoTichError)?.message == .integrity(.auditKeyMissing(path: key.path))
        }
        #expect(!FileManager.default.fileExists(atPath: key.path))
    }

    @Test func aGuardRewrittenToDoNothingIsAsGoodAsGone() throws {
        let test = try Self.workspace()
        try Self.tamper(test, """
            DROP TRIGGER auditEvent_no_delete;
            CREATE TRIGGER auditEvent_no_delete BEFORE DELETE ON auditEvent BEGIN SELECT 1; END;
            """)
        #expect(try Self.verify(test).problems == [.guardMissing(name: "auditEvent_no_delete")])
    }

    @Test func aTriggerPlantedInTheDatabaseIsNamedBeforeItCanRunInHotichsTransactions() throws {
        let test = try Self.workspace()
        try Self.tamper(test, """
            CREATE TRIGGER zz_helper AFTER INSERT ON auditEvent BEGIN UPDATE user SET role = 'admin' WHERE name = 'nhaplieu'; END;
            CREATE VIEW zz_view AS SELECT 1;
            """)
        let problems = try Self.verify(test).problems
        #expect(problems.contains(.foreignSchema(name: "zz_helper")) && problems.contains(.foreignSchema(name: "zz_view")))
    }

    @Test func aRemovedAnchorLogIsNamed() throws {
        let test = try Self.workspace()
        try FileManager.default.removeItem(at: test.workspace.folder.appendingPathComponent(AuditAnchorLog.fileName))
        #expect(try Self.verify(test).problems == [.anchorLogMissing])
    }

    @Test func theWorkspacesOwnSettingsAreSealed() throws {
        let test = try Self.workspace()
        // Turning a real workspace into a throw-away one would let anyone act as anyone.
        try Self.tamper(test, "DROP TRIGGER workspace_sealed_update; UPDATE workspace SET identity = 'names'")
        #expect(try Self.verify(test).problems.contains(.contentChanged(.workspace, id: "1")))
    }
}
