import Foundation
import GRDB
import HoTichModel
import HoTichStore
import HoTichWorkflow
import Testing

@Suite struct BatchTransitionTests {
    @Test func holdAndReleaseWriteStateAndAuditTogether() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let held = try test.supervisor.apply(.hold, to: batch.id, reason: "Chờ  trang bìa")
        #expect(held.from == .received && held.to == .onHold)
        let detail = try test.supervisor.batchDetail(batch.id)
        #expect(detail.summary.batch.state == .onHold)
        #expect(detail.summary.batch.heldFrom == .received)
        let event = try #require(detail.history.last)
        #expect(event.action.rawValue == "hold")
        #expect(event.actor == "giamsat")
        #expect(event.fromState == "received" && event.toState == "on-hold")
        #expect(event.reason == "Chờ trang bìa")
        let released = try test.supervisor.apply(.release, to: batch.id)
        #expect(released.to == .received)
        let after = try test.supervisor.batchDetail(batch.id).summary.batch
        #expect(after.state == .received && after.heldFrom == nil)
    }

    @Test func aRefusedTransitionChangesNothing() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let before = try test.snapshot()
        #expect(throws: HoTichError(.transitionNotAllowed(action: .returnToKeying, state: .received))) {
            try test.supervisor.apply(.returnToKeying, to: batch.id, reason: "thiếu trang")
        }
        #expect(throws: HoTichError(.transitionNotAllowed(action: .release, state: .received))) {
            try test.supervisor.apply(.release, to: batch.id)
        }
        #expect(try test.snapshot() == before)
        #expect(try test.supervisor.batchDetail(batch.id).summary.batch.state == .received)
    }

    @Test func returnNeedsAReason() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        #expect(throws: HoTichError(.reasonRequired(action: .returnToKeying))) {
            try test.supervisor.apply(.returnToKeying, to: batch.id, reason: "   ")
        }
    }

    @Test func theWholeLineAndAReturnWithItsReason() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        try test.operatorSession.apply(.startKeying, to: batch.id)
        try test.operatorSession.apply(.finishKeying, to: batch.id)
        try test.verifier.apply(.startVerification, to: batch.id)
        let returned = try test.supervisor.apply(.returnToKeying, to: batch.id, reason: "Số 05 nhập sai trang")
        #expect(returned.from == .verifying && returned.to == .keying)
        let history = try test.supervisor.auditEvents(batch: batch.id)
        #expect(history.map(\.action.rawValue) == ["receive", "start-keying", "finish-keying", "start-verification", "return"])
        #expect(history.last?.reason == "Số 05 nhập sai trang")
    }

    @Test func anUnknownBatchIsNamed() throws {
        let test = try TestWorkspace()
        #expect(throws: HoTichError(.batchNotFound("KS-99999-2017-01-1"))) {
            try test.supervisor.apply(.hold, to: "KS-99999-2017-01-1")
        }
        #expect(throws: HoTichError(.batchNotFound("nope"))) { try test.supervisor.batchDetail("nope") }
        #expect(throws: HoTichError(.batchNotFound("nope"))) { try test.supervisor.auditEvents(batch: "nope") }
    }
}

@Suite struct RoleTests {
    @Test func onlySupervisorsReceiveBatches() throws {
        let test = try TestWorkspace()
        let book = try test.goodBook()
        for (session, role) in [(try test.operatorSession, Role.operator), (try test.verifier, .verifier)] {
            #expect(throws: HoTichError(.permissionDenied(user: session.user.name, role: role, permission: .receiveBatch))) {
                try session.receive(IntakeRequest(source: book, book: SampleScans.book))
            }
        }
        #expect(try test.count("batch") == 0)
    }

    @Test func onlySupervisorsReturnOrHold() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let before = try test.snapshot()
        #expect(throws: HoTichError(.permissionDenied(user: "nhaplieu", role: .operator, permission: .changeBatchState))) {
            try test.operatorSession.apply(.hold, to: batch.id)
        }
        #expect(throws: HoTichError(.permissionDenied(user: "kiemtra", role: .verifier, permission: .changeBatchState))) {
            try test.verifier.apply(.returnToKeying, to: batch.id, reason: "x")
        }
        #expect(try test.snapshot() == before)
    }

    @Test func keyingBelongsToOperatorsAndVerificationToVerifiers() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        #expect(throws: HoTichError(.permissionDenied(user: "giamsat", role: .supervisor, permission: .keyRecords))) {
            try test.supervisor.apply(.startKeying, to: batch.id)
        }
        try test.operatorSession.apply(.startKeying, to: batch.id)
        try test.operatorSession.apply(.finishKeying, to: batch.id)
        #expect(throws: HoTichError(.permissionDenied(user: "nhaplieu", role: .operator, permission: .verify))) {
            try test.operatorSession.apply(.startVerification, to: batch.id)
        }
    }

    @Test func onlyAdministratorsManageUsers() throws {
        let test = try TestWorkspace()
        #expect(throws: HoTichError(.permissionDenied(user: "giamsat", role: .supervisor, permission: .manageUsers))) {
            try test.supervisor.addUser(name: "moi", role: .operator)
        }
        #expect(throws: HoTichError(.userAlreadyExists("nhaplieu"))) {
            try test.admin.addUser(name: "nhaplieu", role: .operator)
        }
        #expect(throws: HoTichError(.invalidUserName("hai tu"))) {
            try test.admin.addUser(name: "hai tu", role: .operator)
        }
        let added = try test.admin.addUser(name: "nhaplieu2", role: .operator)
        #expect(added.createdBy == "quantri")
        let event = try #require(try test.admin.auditEvents().last)
        #expect(event.action.rawValue == "user-add" && event.subject == "nhaplieu2" && event.toState == "operator")
    }
}

@Suite struct FixityTests {
    @Test func anUntouchedBatchIsCompleteAndValid() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let report = try test.supervisor.checkFiles(of: batch.id)
        #expect(report.isValid && report.isComplete)
        #expect(report.matched == 12)
        #expect(try test.supervisor.auditEvents(batch: batch.id).last?.reason == "valid")
    }

    @Test func alteredRemovedAndAddedFilesAreReported() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let root = URL(fileURLWithPath: batch.storedRoot)
        try write(SampleScans.pdf(text: "sua lai"), "KS.2017.01.2017-01-05.01.pdf", in: root)
        try FileManager.default.removeItem(at: root.appendingPathComponent("KS.2017.01.2017-02-03.04.pdf"))
        try write(SampleScans.pdf(text: "them"), "KS.2017.01.2017-08-01.13.pdf", in: root)
        try write("cache", "Thumbs.db", in: root)
        let report = try test.supervisor.checkFiles(of: batch.id)
        #expect(report.changed == ["KS.2017.01.2017-01-05.01.pdf"])
        #expect(report.missing == ["KS.2017.01.2017-02-03.04.pdf"])
        #expect(report.unlisted == ["KS.2017.01.2017-08-01.13.pdf"])
        #expect(report.matched == 10)
        #expect(!report.isValid && !report.isComplete)
        #expect(try test.supervisor.auditEvents(batch: batch.id).last?.reason == "failed: 1 missing, 1 changed, 1 unlisted")
    }

    @Test func aSameSizeChangeIsStillCaught() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let url = URL(fileURLWithPath: batch.storedRoot).appendingPathComponent("KS.2017.01.2017-03-07.06.pdf")
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count - 10] ^= 0x01
        try bytes.write(to: url)
        let report = try test.supervisor.checkFiles(of: batch.id)
        #expect(report.isComplete && !report.isValid)
        #expect(report.changed == ["KS.2017.01.2017-03-07.06.pdf"])
    }
}

@Suite struct AuditTrailTests {
    @Test(.sqliteFile) func theChainVerifiesAndTheTableRefusesEdits() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        try test.supervisor.apply(.hold, to: batch.id, reason: "x")
        let verification = try test.supervisor.verifyAuditTrail()
        #expect(verification.events == 7 && verification.isSound)
        #expect(throws: (any Error).self) {
            try test.workspace.sqlite.writer.write { db in
                try db.execute(sql: "UPDATE auditEvent SET actor = 'ai-do' WHERE id = 3")
            }
        }
        #expect(throws: (any Error).self) {
            try test.workspace.sqlite.writer.write { db in try db.execute(sql: "DELETE FROM auditEvent") }
        }
    }

    @Test(.sqliteFile) func anEditBehindHotichsBackBreaksTheChain() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        try test.supervisor.apply(.hold, to: batch.id, reason: "lý do thật")
        let target = try #require(try test.supervisor.auditEvents(batch: batch.id).last?.id)
        try test.workspace.sqlite.writer.write { db in
            try db.execute(sql: "DROP TRIGGER auditEvent_no_update")
            try db.execute(sql: "UPDATE auditEvent SET reason = 'lý do khác' WHERE id = ?", arguments: [target])
        }
        #expect(try test.supervisor.verifyAuditTrail().firstBrokenEvent == target)
    }

    @Test func statusCountsBatchesAndFilesPerOfficeAndState() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let folder = try test.deliveries()
        try write(SampleScans.pdf(text: "x"), "KT.2018.01.2018-01-02.01.pdf", in: folder)
        let other = BookIdentity(office: OfficeCode("00037")!, kind: .death, year: 2018, volume: 1)
        _ = try test.supervisor.receive(IntakeRequest(source: folder, book: other))
        try test.supervisor.apply(.hold, to: batch.id)
        let lines = try test.supervisor.status()
        #expect(lines.map { "\($0.office.value) \($0.state.rawValue) \($0.batches) \($0.files)" }
                == ["00001 on-hold 1 12", "00037 received 1 1"])
        #expect(try test.supervisor.batches(in: .onHold).map(\.batch.id) == [batch.id])
        #expect(try test.supervisor.batches().count == 2)
    }
}
