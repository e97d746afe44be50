import Foundation
import GRDB
import HoTichModel
import HoTichStore
import HoTichWorkflow
import Testing

/// A complete, valid birth record for the sample book's entry `number`.
func sampleBirth(number: Int, name: String = "NGUYỄN MINH ANH") -> [String: FieldValue] {
    [
        "so": .filled(number < 10 ? "0\(number)" : "\(number)"), "quyenSo": .filled("01/2017"),
        "ngayDangKy": .filled("05.01.2017"), "loaiDangKy": .filled("Đăng ký đúng hạn"),
        "noiDangKy": .filled("UBND phường Phúc Xá"), "nksHoTen": .filled(name), "nksGioiTinh": .filled("Nữ"),
        "nksNgaySinh": .filled("28.12.2016"), "nksNoiSinh": .filled("Bệnh viện Phụ sản Hà Nội"),
    ]
}

extension TestWorkspace {
    func addOperator(_ name: String) throws -> Session {
        try admin.addUser(name: name, role: .operator)
        return try workspace.session(as: name)
    }

    /// A batch's keyings by id, through the store's requests (whichever store the workspace has).
    func keyings(_ batch: String) throws -> [Keying] {
        try workspace.store.read { tx in
            try tx.keyingSlots(batch: batch).compactMap(\.keyingId).sorted().compactMap { try tx.keying(id: $0) }
        }
    }

    /// A batch's records by their number as text (none first), as SQLite orders the column.
    func records(_ batch: String) throws -> [RegisterRecord] {
        try workspace.store.read { tx in
            try tx.records(batch: batch, status: nil).sorted { ($0.number ?? "", $0.id) < ($1.number ?? "", $1.id) }
        }
    }

    func batchState(_ batch: String) throws -> BatchState {
        try supervisor.batchDetail(batch).summary.batch.state
    }
}

@Suite struct KeyingTests {
    @Test func claimingMovesTheBatchToKeyingAndProposesWhatTheFileNameSays() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let task = try #require(try test.operatorSession.startKeying(batch: batch.id, pass: 1))
        #expect(task.file.path == "KS.2017.01.2017-01-05.01.pdf")
        #expect(task.proposals["so"] == .filled("01"))
        #expect(task.proposals["ngayDangKy"] == .filled("05.01.2017"))
        #expect(task.proposals["quyenSo"] == .filled("01/2017"))
        #expect(task.proposals["noiDangKy"] == .filled("UBND phường Phúc Xá"))
        #expect(task.proposals["nksQuocTich"] == .filled("Việt Nam"))
        #expect(task.filesTotal == 12 && task.filesDone == 0)
        #expect(try test.batchState(batch.id) == .keying)
    }

    @Test func twoOperatorsNeverHoldTheSameFile() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let first = try #require(try test.operatorSession.startKeying(batch: batch.id, pass: 1))
        let second = try #require(try test.addOperator("nhaplieu2").startKeying(batch: batch.id, pass: 1))
        #expect(first.file.id != second.file.id)
        // Asking again resumes the same draft rather than taking another file.
        let again = try #require(try test.operatorSession.startKeying(batch: batch.id, pass: 1))
        #expect(again.file.id == first.file.id && again.keyingId == first.keyingId)
    }

    @Test func aDraftResumesExactlyWhereItStopped() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        var task = try #require(try test.operatorSession.startKeying(batch: batch.id, pass: 1))
        task.values = ["so": .filled("01"), "quyenSo": .filled("01/2017"), "nksHoTen": .illegible]
        task.position = 7
        try test.operatorSession.saveDraft(task)
        let resumed = try #require(try test.operatorSession.startKeying(batch: batch.id, pass: 1))
        #expect(resumed.position == 7)
        #expect(resumed.values == task.values)
        #expect(resumed.file.id == task.file.id)
    }

    @Test func savingARecordIsOneTransactionWithItsAuditEvent() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook(policy: .review)
        var task = try #require(try test.operatorSession.startKeying(batch: batch.id, pass: 1))
        task.values = sampleBirth(number: 1)
        let record = try test.operatorSession.completeKeying(task)
        #expect(record.number == "01")
        #expect(record.registrationYear == 2017)
        #expect(record.subjectName == "nguyen minh anh")
        #expect(record.subjectBirthYear == 2016)
        #expect(record.version == 1)
        #expect(record.scanFileId == task.file.id)
        let keying = try #require(try test.keyings(batch.id).first)
        #expect(keying.state == .complete && keying.recordId == record.id && keying.operator == "nhaplieu")
        let event = try #require(try test.supervisor.auditEvents(batch: batch.id).last)
        #expect(event.action.rawValue == "key" && event.subject == record.id && event.actor == "nhaplieu")
        // The next claim proposes the next number and repeats the register's columns.
        let next = try #require(try test.operatorSession.startKeying(batch: batch.id, pass: 1))
        #expect(next.proposals["loaiDangKy"] == .filled("Đăng ký đúng hạn"))
        #expect(next.filesDone == 1)
    }

    @Test func anIncompleteRecordIsRefusedAndNothingIsSaved() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        var task = try #require(try test.operatorSession.startKeying(batch: batch.id, pass: 1))
        task.values = sampleBirth(number: 1)
        task.values["nksHoTen"] = nil
        #expect(throws: HoTichError(.keyingMustFix(errors: 1))) { try test.operatorSession.completeKeying(task) }
        #expect(try test.records(batch.id).isEmpty)
        #expect(try test.keyings(batch.id).first?.state == .draft)
    }

    @Test func theSecondPassIsBlindAndByAnotherPerson() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let first = try test.operatorSession
        var task = try #require(try first.startKeying(batch: batch.id, pass: 1))
        task.values = sampleBirth(number: 1, name: "LÊ VĂN TÁM")
        let record = try first.completeKeying(task)

        // The pass 1 operator is not given that file for pass 2.
        let ownPass2 = try #require(try first.startKeying(batch: batch.id, pass: 2))
        #expect(ownPass2.file.id != task.file.id)

        let second = try test.addOperator("nhaplieu2")
        let blind = try #require(try second.startKeying(batch: batch.id, pass: 2))
        #expect(blind.file.id == task.file.id)
        #expect(blind.proposals["nksHoTen"] == nil)
        #expect(blind.values.isEmpty)
        #expect(!blind.proposals.values.contains(.filled("LÊ VĂN TÁM")))
        var pass2 = blind
        pass2.values = sampleBirth(number: 1, name: "LÊ VĂN TÂM")
        let same = try second.completeKeying(pass2)
        #expect(same.id == record.id)
        // The record keeps pass 1's values until verification decides.
        #expect(try test.records(batch.id).first?.fields["nksHoTen"] == .filled("LÊ VĂN TÁM"))
        #expect(try test.keyings(batch.id).filter { $0.state == .complete }.map(\.pass).sorted() == [1, 2])
    }

    @Test func passTwoNeedsTheDoublePolicy() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook(policy: .review)
        #expect(throws: HoTichError(.policyHasNoSecondPass(batchID: batch.id, policy: .review))) {
            try test.operatorSession.startKeying(batch: batch.id, pass: 2)
        }
        #expect(throws: HoTichError(.invalidPass(3))) { try test.operatorSession.startKeying(batch: batch.id, pass: 3) }
    }

    @Test func anExpiredClaimIsTakenOverWithItsDraft() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let start = Date()
        var task = try #require(try test.operatorSession.startKeying(batch: batch.id, pass: 1, now: start))
        task.values = ["so": .filled("01")]
        task.position = 1
        try test.operatorSession.saveDraft(task, now: start)
        let other = try test.addOperator("nhaplieu2")
        let meanwhile = try #require(try other.startKeying(batch: batch.id, pass: 1, now: start.addingTimeInterval(60)))
        #expect(meanwhile.file.id != task.file.id)
        try other.saveDraft(meanwhile, now: start.addingTimeInterval(60))
        // Three hours later nobody has touched the first file: a third operator takes it over.
        let third = try test.addOperator("nhaplieu3")
        let takeover = try #require(try third.startKeying(batch: batch.id, pass: 1, now: start.addingTimeInterval(3 * 3600)))
        #expect(takeover.file.id == task.file.id)
        #expect(takeover.values == ["so": .filled("01")])
        #expect(takeover.position == 1)
    }

    @Test func aSupervisorFreesAHeldFile() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let task = try #require(try test.operatorSession.startKeying(batch: batch.id, pass: 1))
        #expect(throws: HoTichError(.permissionDenied(user: "nhaplieu", role: .operator, permission: .releaseClaims))) {
            try test.operatorSession.releaseClaim(batch: batch.id, path: task.file.path)
        }
        #expect(try test.supervisor.releaseClaim(batch: batch.id, path: task.file.path) == [1])
        let other = try test.addOperator("nhaplieu2")
        #expect(try other.startKeying(batch: batch.id, pass: 1)?.file.id == task.file.id)
        #expect(throws: HoTichError(.noClaim(path: "nope.pdf"))) { try test.supervisor.releaseClaim(batch: batch.id, path: "nope.pdf") }
    }

    @Test func whenEveryFileHasEveryPassTheBatchIsKeyed() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook(policy: .review)
        let session = try test.operatorSession
        var count = 0
        while var task = try session.startKeying(batch: batch.id, pass: 1) {
            count += 1
            task.values = sampleBirth(number: count)
            try session.completeKeying(task)
        }
        #expect(count == 12)
        #expect(try test.batchState(batch.id) == .keyed)
        #expect(try test.supervisor.auditEvents(batch: batch.id).last?.action.rawValue == "finish-keying")
        #expect(try session.startKeying(batch: batch.id, pass: 1) == nil)
        try test.verifier.apply(.startVerification, to: batch.id)
        #expect(throws: HoTichError(.batchNotKeyable(batchID: batch.id, state: .verifying))) {
            try session.startKeying(batch: batch.id, pass: 1)
        }
    }

    @Test func onlyOperatorsKey() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        #expect(throws: HoTichError(.permissionDenied(user: "kiemtra", role: .verifier, permission: .keyRecords))) {
            try test.verifier.startKeying(batch: batch.id, pass: 1)
        }
    }
}

@Suite struct RecordIdentifierTests {
    @Test func identifiersAreVersion7UUIDsThatSortByTime() {
        let early = RecordIdentifier.make(at: Date(timeIntervalSince1970: 1_700_000_000))
        let late = RecordIdentifier.make(at: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(early.count == 36)
        #expect(early.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(Array(early)[14] == "7")
        #expect("89ab".contains(Array(early)[19]))
        #expect(early < late)
        #expect(RecordIdentifier.make() != RecordIdentifier.make())
        #expect(UUID(uuidString: early) != nil)
    }
}
