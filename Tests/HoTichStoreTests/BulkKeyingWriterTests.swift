import Foundation
import GRDB
import HoTichModel
@testable import HoTichStore
import Testing

/// The bulk writer an import uses: what it writes must be what keying by hand writes.
@Suite struct BulkKeyingWriterTests {
    @Test func aCreatingRowMakesTheRecordAndAKeyingThatSharesItsValues() throws {
        let fixture = try StoreFixture()
        let file = fixture.files[0]
        let fields = StoreFixture.fields(1)
        let id = try fixture.key(file, pass: 1, by: "nhaplieu1", fields: fields)
        try fixture.store.read { (tx) throws in
            let record = try #require(try tx.record(id: id))
            #expect(record.fields == fields && record.status == .keyed && record.version == 1)
            #expect(record.number == "01" && record.registrationYear == 2017 && record.subjectName == "nguyen van an")
            #expect(record.scanFileId == file.id && record.entryKey == "file:\(file.id!)")
            let keyings = try tx.completeKeyings(record: id)
            #expect(keyings.count == 1 && keyings[0].fields == fields && keyings[0].operator == "nhaplieu1")
            #expect(keyings[0].position == FieldCatalog.fields(for: .birth).count)
        }
        // Stored once: the keying's own column is empty.
        #expect(try fixture.store.databaseRead { db in try Bool.fetchOne(db, sql: "SELECT fields IS NULL FROM keying") } == true)
    }

    @Test func aJoiningRowKeepsItsOwnValuesAndTheRecordIsUnchanged() throws {
        let fixture = try StoreFixture()
        let file = fixture.files[1]
        let id = try fixture.key(file, pass: 1, by: "nhaplieu1", fields: StoreFixture.fields(2))
        let second = StoreFixture.fields(2, name: "NGUYỄN VĂN ÂN")
        #expect(try fixture.key(file, pass: 2, by: "nhaplieu2", fields: second) == id)
        try fixture.store.read { (tx) throws in
            #expect(try tx.record(id: id)?.fields == StoreFixture.fields(2))
            let keyings = try tx.completeKeyings(record: id)
            #expect(keyings.map(\.pass) == [1, 2])
            #expect(keyings[1].fields == second && keyings[1].operator == "nhaplieu2")
            #expect(try tx.completedFileCount(batch: fixture.batch.id, pass: 2) == 1)
        }
    }

    @Test func aRefusedTransactionLeavesNoRowOfTheWriter() throws {
        let fixture = try StoreFixture()
        let before = try ["record", "keying", "auditEvent"].map(fixture.count)
        #expect(throws: HoTichError.self) {
            try fixture.store.write { (tx) throws in
                let writer = try tx.bulkKeyingWriter(
                    batch: fixture.batch.id, kind: .birth, office: StoreFixture.office, pass: 1, operator: "nhaplieu1",
                    source: "t", at: StoreFixture.time)
                try writer.insertCreating(
                    id: "r1", scanFileId: fixture.files[0].id, entryKey: "file:1", registrationYear: 2017, number: "01",
                    subjectName: nil, subjectBirthYear: nil, subjectPersonalID: nil, fields: PackedFieldSet(StoreFixture.fields(1)))
                try writer.appendAudit(action: .key, subject: "r1", reason: nil)
                // The same entry again breaks the uniqueness of (batch, entry): everything goes.
                try writer.insertCreating(
                    id: "r2", scanFileId: fixture.files[0].id, entryKey: "file:1", registrationYear: 2017, number: "01",
                    subjectName: nil, subjectBirthYear: nil, subjectPersonalID: nil, fields: PackedFieldSet(StoreFixture.fields(1)))
            }
        }
        #expect(try ["record", "keying", "auditEvent"].map(fixture.count) == before)
    }
}
