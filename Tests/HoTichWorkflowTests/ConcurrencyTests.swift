import Foundation
import GRDB
import HoTichExchange
import HoTichModel
import HoTichStore
import HoTichWorkflow
import Testing

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
