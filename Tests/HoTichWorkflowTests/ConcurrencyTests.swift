import Foundation
import GRDB
import HoTichExchange
import HoTichModel
import HoTichPostgres
@testable import HoTichStore
import HoTichWorkflow
import Testing
import ZIPFoundation

/// What a second process does while the first is at its racy moment, collected by the first.
final class RaceOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [HoTichError] = []
    private var ran = false

    func record(_ body: () throws -> Void) {
        lock.withLock { ran = true }
        do {
            try body()
        } catch let error as HoTichError {
            lock.withLock { errors.append(error) }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    var didRun: Bool { lock.withLock { ran } }
    var messages: [Message] { lock.withLock { errors.map(\.message) } }
}

/// The races of several people on one workspace, each held at its racy moment by a hook so that
/// the other runs exactly then: each test fails without the lease, lock or staging that fixes it.
@Suite struct ConcurrencyTests {
    /// A second export of the batch, and a corrections export, while the first is between writing
    /// its file and naming its package: both are refused or find nothing, and the first completes.
    @Test func aSecondExportWhileTheFirstWritesIsRefusedAndTheFirstCompletes() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = try test.deliveries()
        let other = try test.deliveries()
        let race = RaceOutcome()
        let workspace = test.workspace
        let first = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out) { done, total in
            guard done == total, !race.didRun else { return }
            race.record {
                let second = try workspace.session(as: "giamsat")
                _ = try second.export(ExportRequest(batchIDs: [batch.id], folder: other))
            }
            race.record {
                let second = try workspace.session(as: "giamsat")
                _ = try second.export(ExportRequest(batchIDs: [], allVerified: true, folder: other))
            }
            race.record {
                let second = try workspace.session(as: "giamsat")
                _ = try second.exportCorrections(to: other)
            }
        })
        let package = try #require(first.packageID)
        #expect(race.messages == [.exportInProgress(batchID: batch.id, packageID: package), .exportNothingToDo, .exportNothingToDo])
        #expect(first.records == 12)
        #expect(try FileManager.default.contentsOfDirectory(atPath: other.path).isEmpty)
        #expect(try test.batchState(batch.id) == .exported)
        #expect(try test.exportedRecordCount() == 12, "sent once")
        // A third export without --again sends nothing.
        let third = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: other))
        #expect(third.packageID == nil && third.alreadyExported == [batch.id])
        #expect(try test.supervisor.exportStatus().exported == 12)
    }

    /// A package whose writer is gone (no lease held) is still recovered by the next export.
    @Test func aPackageWhoseWriterIsGoneIsRecovered() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = try test.deliveries()
        #expect(throws: (any Error).self) {
            try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out), fault: .crashAfterRename)
        }
        let rerun = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out))
        #expect(rerun.resumed)
        #expect(try test.exportedRecordCount() == 12)
    }

    /// Two corrections exports at once would send the same versions twice: the second is refused.
    @Test func twoCorrectionsExportsDoNotRunAtOnce() throws {
        let test = try TestWorkspace()
        let batch = try test.verifiedBatch()
        let out = try test.deliveries()
        _ = try test.supervisor.export(ExportRequest(batchIDs: [batch.id], folder: out))
        try test.verifier.correct(batch: batch.id, number: "05", field: "nksNoiSinh", value: "Bệnh viện Việt Đức", reason: "Biên nhận từ chối")
        let lock = try #require(try FileLock.acquire(test.workspace.locksFolder.appendingPathComponent("export-corrections.lock")))
        #expect(throws: HoTichError(.exportCorrectionsRunning)) { try test.supervisor.exportCorrections(to: out) }
        lock.close()
        let sent = try test.supervisor.exportCorrections(to: out)
        #expect(sent.records == 1)
    }
}

extension ConcurrencyTests {
    /// The sample book zipped, as a contractor delivers it.
    static func zippedBook(_ test: TestWorkspace) throws -> URL {
        let book = try test.goodBook()
        let zip = try test.deliveries().appendingPathComponent("KS-2017-01.zip")
        try FileManager.default.zipItem(at: book, to: zip, shouldKeepParent: false)
        return zip
    }

    /// The same zip received twice at once: the second receive wins the insert while the first is
    /// between inspecting and storing; the first is refused and removes only its own staging folder,
    /// so the winner's scans stay whole.
    @Test func theSameZipReceivedTwiceAtOnceKeepsTheWinnersScans() throws {
        let test = try TestWorkspace()
        let zip = try Self.zippedBook(test)
        let workspace = test.workspace
        var winner: Batch?
        #expect(throws: HoTichError.self) {
            _ = try test.supervisor.receive(IntakeRequest(source: zip, book: SampleScans.book), progress: { _, _ in }, beforeStoring: {
                winner = try workspace.session(as: "giamsat").receive(IntakeRequest(source: zip, book: SampleScans.book)).batch
            })
        }
        let batch = try #require(winner)
        let check = try test.supervisor.checkFiles(of: batch.id)
        #expect(check.isValid, "every file of the winner is there")
        let scans = try FileManager.default.contentsOfDirectory(atPath: test.workspace.scansFolder.path)
        #expect(scans.filter { $0.hasPrefix(".incoming-") }.isEmpty, "no staging folder or lock left: \(scans)")
        #expect(scans.count == 1)
    }

    /// A receive killed midway leaves its staging folder; the next command that opens the workspace
    /// removes it, unless its owner is still at work (its lock held).
    @Test func aKilledReceivesStagingFolderIsRemovedWhenTheWorkspaceIsNextOpened() throws {
        let test = try TestWorkspace()
        let scans = test.workspace.scansFolder
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        // One left by a dead receive (its lock file there, nobody holding it), one from before locks,
        // one of a receive still running.
        let dead = scans.appendingPathComponent(".incoming-dead")
        try write("x", "page.pdf", in: dead)
        _ = FileManager.default.createFile(atPath: dead.path + ".lock", contents: nil)
        let old = scans.appendingPathComponent(".incoming-old")
        try write("x", "page.pdf", in: old)
        let live = scans.appendingPathComponent(".incoming-live")
        try write("x", "page.pdf", in: live)
        let held = try #require(try FileLock.acquire(URL(fileURLWithPath: live.path + ".lock")))
        _ = try Workspace.open(at: test.workspace.folder)
        let left = try FileManager.default.contentsOfDirectory(atPath: scans.path).sorted()
        #expect(left == [".incoming-live", ".incoming-live.lock"])
        held.release()
        _ = try Workspace.open(at: test.workspace.folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scans.path).isEmpty)
    }

    /// Opening a workspace and reading it never wait for a writer: `status` answers while another
    /// process holds the write lock (a long import), even with a short busy timeout.
    @Test func openingAndReadingDoNotWaitForAWriter() throws {
        let test = try TestWorkspace()
        _ = try test.receiveGoodBook()
        // Another process's long write transaction, held until the test is done: on SQLite the
        // file's write lock (on a thread of its own), on PostgreSQL hotich's writer lock.
        let done = DispatchSemaphore(value: 0)
        defer { done.signal() }
        var writer: PostgresConnection?
        defer { _ = try? writer?.execute("ROLLBACK") }
        if let connectionString = test.connectionString {
            writer = try PostgresConnection(connectionString: connectionString)
            try writer?.execute("BEGIN")
            try writer?.execute("SELECT pg_advisory_xact_lock($1)", [PostgresStore.writerLock])
        } else {
            let other = try DatabaseQueue(path: test.workspace.folder.appendingPathComponent(SQLiteStore.databaseFileName).path)
            let locked = DispatchSemaphore(value: 0)
            let holder = Thread {
                try? other.inDatabase { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    locked.signal()
                    done.wait()
                    try db.execute(sql: "ROLLBACK")
                }
            }
            holder.start()
            locked.wait()
        }
        let started = Date()
        let workspace = try Workspace.open(at: test.workspace.folder, busyTimeout: 0.2)
        let lines = try workspace.session(as: "giamsat").status()
        #expect(lines.count == 1)
        #expect(Date().timeIntervalSince(started) < 5)
        // Writing does wait, and says so when it gives up.
        #expect(throws: HoTichError(.workspaceBusy)) {
            try workspace.session(as: "giamsat").apply(.hold, to: "KS-00001-2017-01-1", reason: "x")
        }
    }
}

extension ConcurrencyTests {
    /// An import reads and checks its rows without the write lock: while it is at it, another
    /// process (its own connection, a short busy timeout) saves without waiting.
    @Test func anImportChecksItsRowsWithoutTheWriteLock() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook(policy: .review)
        var rows = SampleKeyings.rows(pass: 1)
        for number in 13...2_500 {
            var row = rows[12]
            row[0] = "\(number)"
            row[1] = "\(number)"
            row[3] = "\(number)"
            rows.append(row)
        }
        let sheet = try test.deliveries().appendingPathComponent("lon.csv")
        try Data(csvText(rows).utf8).write(to: sheet)
        let other = try Workspace.open(at: test.workspace.folder, busyTimeout: 0.2)
        let race = RaceOutcome()
        let report = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: sheet) { read in
            guard read == 1_000 else { return }
            race.record { try other.session(as: "giamsat").apply(.hold, to: batch.id, reason: "Kiểm tra khóa") }
            race.record { try other.session(as: "giamsat").apply(.release, to: batch.id) }
        })
        #expect(race.didRun && race.messages.isEmpty, "the other process's saves did not wait: \(race.messages)")
        #expect(report.imported == 2_500)
        #expect(try test.auditActions(batch.id).contains("hold"))
    }
}

extension ConcurrencyTests {
    /// Eight operators keying at once (each with a connection of its own, as separate processes
    /// have), while a supervisor imports 3 000 rows and a verifier verifies and reads reports:
    /// no command fails for a lock, every save is kept.
    @Test func eightKeyersAnImportAndAVerifyAtOnce() throws {
        let test = try TestWorkspace(busyTimeout: 60)
        let admin = try test.admin
        var batches: [String] = []
        for index in 1...8 {
            try admin.addUser(name: "go\(index)", role: .operator)
            let folder = try test.deliveries().appendingPathComponent("book-\(index)")
            for number in 1...6 {
                try write(SampleScans.pdf(text: "quyen \(index) muc \(number)"), "KS.2017.\(index + 10).2017-01-05.\(number).pdf", in: folder)
            }
            let book = BookIdentity(office: SampleScans.office, kind: .birth, year: 2017, volume: index + 10)
            let report = try test.supervisor.receive(IntakeRequest(source: folder, book: book, policy: .review))
            batches.append(try #require(report.batch).id)
        }
        let importFolder = try test.deliveries().appendingPathComponent("import-book")
        try write(SampleScans.pdf(text: "bia"), "00-bia.pdf", in: importFolder)
        let importBook = BookIdentity(office: SampleScans.office, kind: .birth, year: 2018, volume: 1)
        let imported = try #require(try test.supervisor.receive(
            IntakeRequest(source: importFolder, book: importBook, policy: .review, acceptIssues: true)).batch)
        var rows = SampleKeyings.rows(pass: 1).map { row in row.map { $0 == "01/2017" ? "01/2018" : $0.replacingOccurrences(of: ".2017", with: ".2018") } }
        for number in 13...3_000 {
            var row = rows[12]
            (row[0], row[1], row[3]) = ("\(number)", "\(number)", "\(number)")
            rows.append(row)
        }
        let sheet = try test.deliveries().appendingPathComponent("lon.csv")
        try Data(csvText(rows).utf8).write(to: sheet)
        let verified = try test.keyedBatch(policy: .review)
        _ = verified

        let failures = RaceOutcome()
        let folder = test.workspace.folder
        let group = DispatchGroup()
        for (index, batch) in batches.enumerated() {
            group.enter()
            Thread {
                defer { group.leave() }
                failures.record {
                    let session = try Workspace.open(at: folder, busyTimeout: 60).session(as: "go\(index + 1)")
                    while var task = try session.startKeying(batch: batch, pass: 1) {
                        for (key, value) in sampleBirth(number: task.filesDone + 1) {
                            task.values[key] = value
                            task.position += 1
                            try session.saveDraft(task)
                        }
                        try session.completeKeying(task)
                    }
                }
            }.start()
        }
        group.enter()
        Thread {
            defer { group.leave() }
            failures.record {
                let session = try Workspace.open(at: folder, busyTimeout: 60).session(as: "nhaplieu")
                _ = try session.importKeyings(ImportRequest(batchID: imported.id, file: sheet))
            }
        }.start()
        group.enter()
        Thread {
            defer { group.leave() }
            failures.record {
                let workspace = try Workspace.open(at: folder, busyTimeout: 60)
                for _ in 0..<3 {
                    while let task = try workspace.session(as: "kiemtra").nextReview(batch: verified.id) {
                        _ = try workspace.session(as: "kiemtra").completeReview(task, values: task.record.fields.mapValues(\.confirmed))
                    }
                    _ = try workspace.session(as: "kiemtra").verify(batch: verified.id)
                    _ = try workspace.session(as: "giamsat").status()
                    _ = try workspace.session(as: "giamsat").errorRates()
                }
            }
        }.start()
        group.wait()
        #expect(failures.messages.isEmpty, "\(failures.messages)")
        for batch in batches {
            #expect(try test.batchState(batch) == .keyed)
            #expect(try test.records(batch).count == 6, "every save kept")
        }
        #expect(try test.records(imported.id).count == 3_000)
        #expect([.verifying, .verified].contains(try test.batchState(verified.id)))
    }
}
