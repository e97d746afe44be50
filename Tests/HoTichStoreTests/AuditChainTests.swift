import Foundation
import GRDB
import HoTichModel
@testable import HoTichStore
import Testing

/// The audit chain as every store must keep it: appended in the writer's transaction, each event
/// chained to the one before, the table refusing edits, and an edit behind the store's back found.
@Suite struct AuditChainTests {
    @Test func appendsInOneTransactionAndAcrossTransactionsFormOneChain() throws {
        let fixture = try StoreFixture()
        try fixture.store.write { (tx) throws in
            for index in 1...3 { try tx.appendAudit(AuditEntry(actor: "giamsat", action: .checkFiles, reason: "\(index)"), at: StoreFixture.time) }
        }
        try fixture.store.write { tx in try tx.appendAudit(AuditEntry(actor: "giamsat", action: .compact), at: StoreFixture.time) }
        // The fixture's receive event vouches for the batch and files it wrote.
        let events = try fixture.store.read { tx in try tx.auditEvents(batch: nil) }
        #expect(events.count == 5 && events[0].action == .receive && events[0].contentDigest != nil)
        for (previous, event) in zip(events, events.dropFirst()) {
            #expect(event.previousHash == previous.hash)
        }
        #expect(events.first?.previousHash == AuditTrail.genesis)
        let verification = try fixture.store.read { tx in try tx.verifyAudit() }
        #expect(verification.isSound && verification.events == 5 && verification.rowsChecked == 13)
        #expect(events.allSatisfy { $0.mac != nil })
    }

    @Test func aRolledBackTransactionLeavesNoEventAndTheNextOneChainsToTheLastCommitted() throws {
        let fixture = try StoreFixture()
        #expect(throws: HoTichError.self) {
            try fixture.store.write { (tx) throws in
                try tx.appendAudit(AuditEntry(actor: "giamsat", action: .compact), at: StoreFixture.time)
                throw HoTichError(.nothingToShow)
            }
        }
        try fixture.store.write { tx in try tx.appendAudit(AuditEntry(actor: "giamsat", action: .compact), at: StoreFixture.time) }
        #expect(try fixture.count("auditEvent") == 2)
        #expect(try fixture.store.read { tx in try tx.verifyAudit() }.isSound)
    }

    @Test func theBulkWriterAndSingleAppendsShareTheChainInOneTransaction() throws {
        let fixture = try StoreFixture()
        try fixture.store.write { (tx) throws in
            try tx.appendAudit(AuditEntry(actor: "nhaplieu1", action: .checkFiles), at: StoreFixture.time)
            let writer = try tx.bulkKeyingWriter(
                batch: fixture.batch.id, kind: .birth, office: StoreFixture.office, pass: 1, operator: "nhaplieu1", source: "t",
                at: StoreFixture.time)
            try writer.appendAudit(action: .key, subject: "a", reason: nil)
            try writer.appendAudit(action: .key, subject: "b", reason: nil)
            try tx.appendAudit(AuditEntry(actor: "nhaplieu1", action: .importFile), at: StoreFixture.time)
        }
        let verified = try fixture.store.read { tx in try tx.verifyAudit() }
        #expect(verified.events == 5 && verified.isSound)
    }

    @Test func theTableRefusesEditsAndAnEditBehindTheStoresBackBreaksTheChainThere() throws {
        let fixture = try StoreFixture()
        try fixture.store.write { (tx) throws in
            try tx.appendAudit(AuditEntry(actor: "giamsat", action: .transition(.hold), batchId: fixture.batch.id, reason: "lý do thật"),
                               at: StoreFixture.time)
            try tx.appendAudit(AuditEntry(actor: "giamsat", action: .compact), at: StoreFixture.time)
        }
        #expect(throws: DatabaseError.self) {
            try fixture.store.writer.write { db in try db.execute(sql: "UPDATE auditEvent SET actor = 'ai-do' WHERE id = 2") }
        }
        #expect(throws: DatabaseError.self) {
            try fixture.store.writer.write { db in try db.execute(sql: "DELETE FROM auditEvent") }
        }
        try fixture.store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER auditEvent_no_update")
            try db.execute(sql: "UPDATE auditEvent SET reason = 'lý do khác' WHERE id = 2")
        }
        let verification = try fixture.store.read { tx in try tx.verifyAudit() }
        #expect(verification.events == 3 && verification.firstBrokenEvent == 2)
        #expect(verification.problems.contains(.guardMissing(name: "auditEvent_no_update")))
    }

    @Test func theHashWritesEachFieldWithItsLengthSoNoTwoEventsSerializeAlike() {
        let base = AuditEvent(
            id: nil, at: "t", actor: "a", action: .compact, batchId: nil, subject: "x;y", fromState: nil, toState: nil,
            reason: nil, previousHash: AuditTrail.genesis, hash: "")
        var shifted = base
        shifted.subject = "x"
        shifted.fromState = "y"
        #expect(AuditTrail.chainHash(of: base, after: AuditTrail.genesis) != AuditTrail.chainHash(of: shifted, after: AuditTrail.genesis))
        var empty = base
        empty.subject = ""
        var none = base
        none.subject = nil
        #expect(AuditTrail.chainHash(of: empty, after: AuditTrail.genesis) != AuditTrail.chainHash(of: none, after: AuditTrail.genesis))
    }
}
