import Foundation
import HoTichModel
@testable import HoTichStore
import HoTichTestSupport
import Testing

/// Keyings and records on PostgreSQL: the same keying, arbitration-like changes and bulk import
/// as on SQLite give the same records, keyings and answers; a changed record's keyings keep the
/// values they were keyed with; the bulk writer's rows are sealed and vouched for.
@Suite(.postgresAvailable)
struct PostgresRecordTests {
    static let time = PostgresStoreTests.time
    static let batchID = "KS-26734-2017-01-1"

    typealias Writing = PostgresBatchTests.Writing & KeyingWriting & RecordWriting & KeyingReading & RecordReading

    static func fields(_ number: Int, name: String) -> [String: FieldValue] {
        ["so": .filled(number == 3 ? "3a" : String(number)), "ngayDangKy": .filled("0\(number).01.2017"), "nksHoTen": .filled(name),
         "nksNgaySinh": .filled("01.01.2017"), "trangSo": .filled("\(number)")]
    }

    /// Keys the first batch's files in two passes, one by one and in bulk, then changes a record.
    static func key(_ tx: some Writing) throws {
        try PostgresBatchTests.receive(tx)
        let files = try tx.scanFiles(batch: batchID)
        // Pass 1, one record at a time, as interactive keying does.
        for (index, file) in files.prefix(3).enumerated() {
            let entryKey = "file:\(file.id!)"
            var record = RegisterRecord(
                id: "R\(index + 1)", batchId: batchID, scanFileId: file.id, entryKey: entryKey, kind: .birth,
                officeCode: PostgresBatchTests.book.office, fields: fields(index + 1, name: "NGUYỄN VĂN \(index + 1)"), bookYear: 2017, at: time)
            record.subjectName = "nguyen van \(index + 1)"
            try tx.insertRecord(record)
            var keying = Keying(
                batchId: batchID, entryKey: entryKey, scanFileId: file.id, pass: 1, operator: "nhaplieu", state: .draft,
                fields: [:], position: 0, source: "interactive", at: time)
            keying = try tx.insertKeying(keying)
            keying.fields = record.fields
            keying.state = .complete
            keying.recordId = record.id
            keying.position = 5
            try tx.updateKeying(keying)
            try tx.shareValuesWithRecord(keying: keying.id!)
            try tx.appendAudit(AuditEntry(actor: "nhaplieu", action: .key, batchId: batchID, subject: record.id), at: time)
        }
        // Pass 2 of the same files and a record of a fourth, in bulk, as an import does.
        let writer = try tx.bulkKeyingWriter(
            batch: batchID, kind: .birth, office: PostgresBatchTests.book.office, pass: 2, operator: "Đặng.Thùy", source: "import.csv", at: time)
        for (index, file) in files.prefix(3).enumerated() {
            let changed = index == 1 ? "NGUYỄN VĂN HAI" : "NGUYỄN VĂN \(index + 1)"
            try writer.insertJoining(
                recordId: "R\(index + 1)", entryKey: "file:\(file.id!)", scanFileId: file.id, fields: PackedFieldSet(fields(index + 1, name: changed)))
            try writer.appendAudit(action: .importFile, subject: "R\(index + 1)", reason: nil)
        }
        try writer.insertCreating(
            id: "R9", scanFileId: nil, entryKey: "row:9", registrationYear: 2017, number: nil, subjectName: "tran thi \t\\ chin",
            subjectBirthYear: 2017, subjectPersonalID: "026317000123", fields: PackedFieldSet(fields(9, name: "TRẦN THỊ\tCHÍN")))
        try writer.appendAudit(action: .importFile, subject: "R9", reason: nil)
        try writer.finish()
        // An arbitration: the record's values change, its first keying keeps what it was keyed with.
        var record = try #require(try tx.record(id: "R2"))
        record.fields["nksHoTen"] = .filled("NGUYỄN VĂN HAI")
        record.version = 1
        try tx.updateRecord(record)
        try tx.setStatus(record: "R2", .verified, verifiedBy: "Đặng.Thùy", at: time)
        try tx.setStatus(record: "R1", .verified, verifiedBy: nil, at: time)
        try tx.returnRecordToKeying("R1", at: time)
        try tx.reopenKeyings(record: "R3", at: time)
        try tx.withdrawRecord("R9", at: time)
        try tx.appendAudit(AuditEntry(actor: "Đặng.Thùy", action: .fieldDecided, batchId: batchID, subject: "R2"), at: time)
    }

    struct Answers: Equatable {
        var records: [RegisterRecord]
        var numberOrder: [String]
        var registerOrder: [String]
        var keyings: [Keying]
        var keyers: [[String]]
        var slots: [KeyingSlot]
        var counts: [Int]
        var latest: [Keying?]
        var byEntry: [String: String]
        var withoutFile: [String]
        var next: String?
        var years: [Int]
        var numbered: [NumberedEntry]
        var candidates: [RecordCandidate]
        var deliverable: [DeliverableRecord]
    }

    static func answers(_ tx: some KeyingReading & RecordReading & FileReading) throws -> Answers {
        var deliverable: [DeliverableRecord] = []
        try tx.forEachDeliverableRecord(batch: batchID) { deliverable.append($0) }
        let files = try tx.scanFiles(batch: batchID)
        return Answers(
            records: try tx.records(batch: batchID, status: nil).sorted { $0.id < $1.id },
            numberOrder: try tx.recordsInNumberOrder(batch: batchID).map(\.id), registerOrder: try tx.recordIdsInRegisterOrder(batch: batchID),
            keyings: try files.flatMap { try tx.keyings(batch: batchID, file: $0.id!) }.sorted { $0.id! < $1.id! }
                + (try tx.completeKeyings(record: "R9")),
            keyers: try ["R1", "R2", "R9"].map { try tx.keyers(record: $0).sorted() },
            slots: try tx.keyingSlots(batch: batchID).sorted { $0.keyingId! < $1.keyingId! },
            counts: [
                try tx.recordCount(batch: batchID), try tx.reviewedRecordCount(batch: batchID), try tx.keyingCount(batch: batchID),
                try tx.draftCount(batch: batchID), try tx.completedFileCount(batch: batchID, pass: 2),
            ],
            latest: [
                try tx.latestCompleteKeying(batch: batchID, pass: 1, operator: "nhaplieu"),
                try tx.latestDraft(batch: batchID, pass: 1, operator: "nhaplieu"),
                try tx.keying(batch: batchID, entryKey: "row:9", pass: 2),
            ],
            byEntry: try tx.recordIdsByEntry(batch: batchID), withoutFile: try tx.recordsWithoutFile(batch: batchID),
            next: try tx.nextRecordToReview(batch: batchID, excludingKeyer: "nobody"), years: try tx.registrationYears(batch: batchID),
            numbered: try tx.numberedEntries(office: PostgresBatchTests.book.office, kind: .birth, year: 2017),
            candidates: try tx.candidates(name: "nguyen van 1", birthYear: 2017, kind: .birth, except: "R2")
                + (try tx.candidates(personalID: "026317000123", except: "R1")),
            deliverable: deliverable)
    }

    @Test func keyingsRecordsAndABulkImportAnswerAsOnSQLite() throws {
        let (sqlite, key) = try PostgresStoreTests.sqliteStore()
        try sqlite.write { tx in try Self.key(tx) }
        let expected = try sqlite.read { tx in try Self.answers(tx) }
        #expect(expected.records.count == 4)
        #expect(expected.numberOrder == ["R9", "R1", "R2", "R3"])
        // The arbitrated record's first keying still reads as keyed.
        #expect(expected.keyings.first { $0.recordId == "R2" && $0.pass == 1 }?.fields["nksHoTen"] == .filled("NGUYỄN VĂN 2"))
        try PostgresServer.withDatabase { database in
            let store = try PostgresStore.create(connectionString: database, protection: AuditProtection(key: key, anchorLog: nil))
            try store.databaseWrite { tx in try Self.key(tx) }
            let answers = try store.databaseRead { tx in try Self.answers(tx) }
            #expect(answers.records == expected.records)
            #expect(answers.numberOrder == expected.numberOrder)
            #expect(answers.registerOrder == expected.registerOrder)
            #expect(answers.keyings == expected.keyings)
            #expect(answers.deliverable == expected.deliverable)
            #expect(answers.keyers == expected.keyers)
            #expect(answers.slots == expected.slots)
            #expect(answers.counts == expected.counts)
            #expect(answers.latest == expected.latest)
            #expect(answers.byEntry == expected.byEntry)
            #expect(answers.withoutFile == expected.withoutFile)
            #expect(answers.next == expected.next)
            #expect(answers.years == expected.years)
            #expect(answers.numbered == expected.numbered)
            #expect(answers.candidates == expected.candidates)
            #expect(answers == expected)
            let verification = try store.databaseRead { tx in try tx.verifyAudit() }
            #expect(verification.problems.isEmpty)
            // Every record and keying is sealed and vouched for.
            #expect(verification.rowsChecked == 30)
        }
    }

    /// A batch longer than the pages PostgreSQL reads it in: every record delivered once, in the
    /// register's order, as SQLite delivers it (numbers out of order, with letters, and missing).
    @Test func aBatchLongerThanAPageIsDeliveredWholeInTheRegistersOrder() throws {
        let count = PostgresTransaction.deliverablePage * 2 + 7
        func load(_ tx: some Writing) throws {
            try PostgresBatchTests.receive(tx)
            let writer = try tx.bulkKeyingWriter(
                batch: Self.batchID, kind: .birth, office: PostgresBatchTests.book.office, pass: 1, operator: "nhaplieu", source: "import.csv", at: Self.time)
            for index in 0..<count {
                let number: String? = index % 97 == 0 ? nil : index % 13 == 0 ? "\((index * 7) % count)a" : String((index * 7) % count)
                var values = Self.fields(index, name: "NGUYỄN VĂN \(index)")
                values["so"] = number.map(FieldValue.filled) ?? .blank
                try writer.insertCreating(
                    id: String(format: "R%05d", (index * 31) % count), scanFileId: nil, entryKey: "row:\(index)", registrationYear: 2017,
                    number: number, subjectName: "nguyen van \(index)", subjectBirthYear: 2017, subjectPersonalID: nil,
                    fields: PackedFieldSet(values))
            }
            try writer.finish()
        }
        func delivered(_ tx: some RecordReading) throws -> [DeliverableRecord] {
            var records: [DeliverableRecord] = []
            try tx.forEachDeliverableRecord(batch: Self.batchID) { records.append($0) }
            return records
        }
        let (sqlite, key) = try PostgresStoreTests.sqliteStore()
        try sqlite.write { tx in try load(tx) }
        let expected = try sqlite.read { tx in try delivered(tx) }
        #expect(expected.count == count)
        #expect(Set(expected.map(\.id)).count == count)
        try PostgresServer.withDatabase { database in
            let store = try PostgresStore.create(connectionString: database, protection: AuditProtection(key: key, anchorLog: nil))
            try store.databaseWrite { tx in try load(tx) }
            let answers = try store.databaseRead { tx in try delivered(tx) }
            #expect(answers.map(\.id) == expected.map(\.id))
            #expect(answers == expected)
        }
    }
}
