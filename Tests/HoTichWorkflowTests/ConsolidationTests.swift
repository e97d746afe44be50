import Foundation
import GRDB
import HoTichModel
import HoTichPostgres
import HoTichStore
import HoTichTestSupport
import HoTichWorkflow
import Testing

/// A province's PostgreSQL workspace, made on the test server in its own database.
final class ProvinceWorkspace {
    let root: URL
    let workspace: Workspace
    let connectionString: String
    private let drop: @Sendable () -> Void

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-province-\(UUID().uuidString)")
        let database = try PostgresServer.makeDatabase()
        (connectionString, drop) = (database.connectionString, database.drop)
        let folder = root.appendingPathComponent("province")
        _ = try Workspace.create(at: folder, database: connectionString, office: OfficeCode("01")!, name: "Sở Tư pháp Hà Nội", admin: "quantri")
        workspace = try Workspace.open(at: folder)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
        drop()
    }

    var admin: Session { get throws { try workspace.session(as: "quantri") } }

    func count(_ table: String) throws -> Int {
        try PostgresConnection(connectionString: connectionString).execute("SELECT COUNT(*) AS n FROM \"\(table)\"").first?.required("n") ?? 0
    }

    func records(_ batch: String) throws -> [RegisterRecord] {
        try workspace.store.read { tx in try tx.records(batch: batch, status: nil).sorted { $0.id < $1.id } }
    }
}

extension TestWorkspace {
    /// The sample book as another commune's (every file a byte longer, so it is other content),
    /// received and keyed once: a second district's work in progress.
    func receiveAndKeyAnotherCommunesBook() throws -> Batch {
        let book = BookIdentity(office: ConsolidationTests.secondOffice, kind: .birth, year: 2017, volume: 1)
        let batch = try #require(try supervisor.receive(IntakeRequest(source: goodBookWithOtherContent(), book: book, policy: .double)).batch)
        let keyings = try deliveries()
        try SampleKeyings.write(into: keyings)
        _ = try operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: keyings.appendingPathComponent(SampleKeyings.fileName(pass: 1))))
        return batch
    }
}

@Suite(.postgresAvailable)
struct ConsolidationTests {
    static let secondOffice = OfficeCode("00004")!

    /// Two districts' SQLite workspaces — one verified, exported and acknowledged, the other half
    /// keyed — copied into one province database: every record, keying and decision there as in
    /// the district, scans copied and intact, the summary counting both, the province's trail and
    /// both copied trails verifying, and each district's trail saying where its work went. The same
    /// district again is refused with every conflict named and nothing changed; a copied trail
    /// edited afterwards is named by `audit verify`.
    @Test func twoDistrictWorkspacesConsolidateIntoOneProvinceDatabase() throws {
        let first = try TestWorkspace(onPostgres: false)
        let verified = try first.verifiedBatch()
        let out = try first.deliveries()
        let export = try first.supervisor.export(ExportRequest(batchIDs: [verified.id], folder: out))
        let ids = try first.records(verified.id).map(\.id)
        let results = ids.map { "  <result recordId=\"\($0)\" recordVersion=\"1\" status=\"accepted\"/>" }
        _ = try first.supervisor.applyReceipt(try writeReceipt(package: try #require(export.packageID), results: results, in: out))
        try first.admin.addUser(name: "quantri2", role: .admin)
        let second = try TestWorkspace(onPostgres: false)
        let inProgress = try second.receiveAndKeyAnotherCommunesBook()

        let province = try ProvinceWorkspace()
        let admin = try province.admin
        let copiedFirst = try admin.copyWorkspace(from: first.workspace.folder)
        let copiedSecond = try admin.copyWorkspace(from: second.workspace.folder)

        #expect(copiedFirst.rows["record"] == ids.count)
        #expect(copiedFirst.rows["keying"] == (try first.count("keying")))
        #expect(copiedFirst.rows["fieldDecision"] == (try first.count("fieldDecision")))
        #expect(copiedFirst.rows["exportedRecord"] == (try first.count("exportedRecord")))
        #expect(copiedFirst.scanFiles == (try first.count("scanFile")))
        #expect(copiedFirst.usersMerged == [CopiedUser(name: "quantri", role: "admin", roleInDistrict: "admin")])
        #expect(copiedFirst.usersAdded.map(\.name) == ["giamsat", "nhaplieu", "kiemtra", "nhaplieu2", "quantri2"])
        #expect(copiedFirst.usersAdded.last == CopiedUser(name: "quantri2", role: "supervisor", roleInDistrict: "admin"))
        #expect(copiedSecond.usersMerged.map(\.name).sorted() == ["giamsat", "kiemtra", "nhaplieu", "quantri"])
        #expect(copiedFirst.events == (try first.count("auditEvent")) - 1)
        for table in ["record", "keying", "batch", "scanFile", "fieldDecision", "exportedRecord", "finding", "book"] {
            #expect(try province.count(table) == (try first.count(table)) + (try second.count(table)), "\(table)")
        }
        #expect(try province.count("consolidatedEvent") == copiedFirst.events + copiedSecond.events)

        // The records read the same, their files remapped to the province's.
        for (district, batch) in [(first, verified), (second, inProgress)] {
            let there = try province.records(batch.id)
            let here = try district.records(batch.id).sorted { $0.id < $1.id }
            #expect(there.map(\.id) == here.map(\.id))
            #expect(there.map(\.fields) == here.map(\.fields))
            #expect(there.map(\.status) == here.map(\.status))
            #expect(try admin.checkFiles(of: batch.id).isValid)
        }
        #expect(try province.workspace.store.read { tx in try tx.exportStatus() } == (try first.workspace.store.read { tx in try tx.exportStatus() }))
        let end = CivilDate(iso: "2030-12-31")!
        let totals = { (store: any WorkspaceStore) throws -> (Int, Int, Int) in
            let days = try store.read { tx in try tx.workspaceProgress(through: end) }.values
            return (days.reduce(0) { $0 + $1.keyed }, days.reduce(0) { $0 + $1.keyings }, days.reduce(0) { $0 + $1.accepted })
        }
        let (a, b, p) = (try totals(first.workspace.store), try totals(second.workspace.store), try totals(province.workspace.store))
        #expect(p.0 == a.0 + b.0 && p.1 == a.1 + b.1 && p.2 == a.2 + b.2)
        #expect(try province.workspace.store.read { tx in try tx.progressSummaryDifferences() } == 0)

        // Every trail verifies, and each district's says where its work went.
        #expect(try admin.verifyAuditTrail().isSound)
        #expect(try first.admin.verifyAuditTrail().isSound)
        #expect(try first.workspace.store.read { tx in try tx.auditEvents(batch: nil).last?.action } == .storeCopy)
        #expect(try province.workspace.store.read { tx in try tx.auditEvents(batch: nil) }.filter { $0.action == .storeCopy }.map(\.subject)
            == [copiedFirst.headHash, copiedSecond.headHash])

        // The same district again: refused, everything named, nothing written, no scans left behind.
        let before = try ["record", "keying", "batch", "auditEvent", "consolidation"].map { try province.count($0) }
        let scansBefore = try FileManager.default.contentsOfDirectory(atPath: province.workspace.scansFolder.path).sorted()
        let copiedBefore = #expect(throws: HoTichError.self) { try admin.copyWorkspace(from: first.workspace.folder) }
        #expect(copiedBefore?.message == .database(.copySourceCopiedBefore(location: province.workspace.store.location)))
        let refusal = #expect(throws: HoTichError.self) { try admin.copyWorkspace(from: first.workspace.folder, again: true) }
        guard case .database(.copyConflicts(let conflicts))? = refusal?.message else {
            Issue.record("not refused for conflicts: \(String(describing: refusal))")
            return
        }
        #expect(conflicts.contains(.alreadyCopied))
        #expect(conflicts.contains(.batch(id: verified.id)))
        #expect(conflicts.contains(.book(office: SampleScans.office.value, kind: "KS", year: 2017, volume: 1)))
        #expect(conflicts.contains(.record(id: ids[0])))
        #expect(try ["record", "keying", "batch", "auditEvent", "consolidation"].map { try province.count($0) } == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: province.workspace.scansFolder.path).sorted() == scansBefore)

        // A copied event changed behind hotich's back (by the owner, its guard switched off).
        let owner = try PostgresConnection(connectionString: province.connectionString)
        try owner.execute(#"ALTER TABLE "consolidatedEvent" DISABLE TRIGGER "consolidatedEvent_append_only""#)
        try owner.execute(#"UPDATE "consolidatedEvent" SET "actor" = 'ai đó' WHERE "consolidationId" = 1 AND "id" = 3"#)
        try owner.execute(#"ALTER TABLE "consolidatedEvent" ENABLE TRIGGER "consolidatedEvent_append_only""#)
        let problems = try admin.verifyAuditTrail().problems
        #expect(problems == [.copiedTrailBroken(office: SampleScans.office.value, eventID: 3)])
        // A copied trail deleted whole is named by the event that vouched for it.
        try owner.execute(#"ALTER TABLE "consolidatedEvent" DISABLE TRIGGER "consolidatedEvent_append_only""#)
        try owner.execute(#"ALTER TABLE "consolidation" DISABLE TRIGGER "consolidation_append_only""#)
        try owner.execute(#"DELETE FROM "consolidatedEvent" WHERE "consolidationId" = 2"#)
        try owner.execute(#"DELETE FROM "consolidation" WHERE "id" = 2"#)
        let vouching = try #require(try province.workspace.store.read { tx in try tx.auditEvents(batch: nil) }.last { $0.action == .storeCopy }?.id)
        #expect(try admin.verifyAuditTrail().problems.contains(.copiedTrailMissing(eventID: vouching)))
    }

    /// The province's folder opened on another workspace's database (HOTICH_DATABASE or `--to`
    /// naming the wrong one) is refused before anything is signed with the folder's key.
    @Test func aFolderOpenedOnAnotherWorkspacesDatabaseIsRefused() throws {
        let (province, other) = (try ProvinceWorkspace(), try ProvinceWorkspace())
        let events = try other.count("auditEvent")
        let refusal = #expect(throws: HoTichError.self) {
            try Workspace.open(at: province.workspace.folder, database: other.connectionString)
        }
        guard case .database(.otherWorkspace)? = refusal?.message else {
            Issue.record("not refused: \(String(describing: refusal))")
            return
        }
        #expect(try other.count("auditEvent") == events)
    }

    /// A district whose trail does not verify, or whose scan is gone, is not copied at all.
    @Test func aDistrictWithABrokenTrailOrAMissingScanIsNotCopied() throws {
        let district = try TestWorkspace(onPostgres: false)
        let batch = try district.receiveGoodBook()
        let province = try ProvinceWorkspace()
        let admin = try province.admin

        let stored = try #require(try district.workspace.store.read { tx in try tx.scanFiles(batch: batch.id) }.first)
        let root = URL(fileURLWithPath: try #require(try district.workspace.store.read { tx in try tx.batch(batch.id) }).storedRoot)
        let scan = root.appendingPathComponent(stored.path)
        let kept = try Data(contentsOf: scan)
        try FileManager.default.removeItem(at: scan)
        let missing = #expect(throws: HoTichError.self) { try admin.copyWorkspace(from: district.workspace.folder) }
        #expect(missing?.message == .database(.copyScanMismatch(batch: batch.id, path: stored.path, folder: root.path)))
        #expect(try province.count("batch") == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: province.workspace.scansFolder.path).filter { !$0.hasPrefix(".") } == [])
        try kept.write(to: scan)

        // A scan that is a link in the district's folder is refused, and what it points to untouched.
        let victim = district.root.appendingPathComponent("elsewhere.txt")
        try kept.write(to: victim)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: victim.path)
        try FileManager.default.removeItem(at: scan)
        try FileManager.default.createSymbolicLink(at: scan, withDestinationURL: victim)
        let linked = #expect(throws: HoTichError.self) { try admin.copyWorkspace(from: district.workspace.folder) }
        #expect(linked?.message == .database(.copyScanMismatch(batch: batch.id, path: stored.path, folder: root.path)))
        #expect(try FileManager.default.attributesOfItem(atPath: victim.path)[.posixPermissions] as? Int == 0o644)
        #expect(try province.count("batch") == 0)
        try FileManager.default.removeItem(at: scan)
        try kept.write(to: scan)

        try district.workspace.sqlite.databaseWrite { db in
            try db.execute(sql: "DROP TRIGGER auditEvent_no_update")
            try db.execute(sql: "UPDATE auditEvent SET actor = 'ai đó' WHERE id = 2")
        }
        let broken = #expect(throws: HoTichError.self) { try admin.copyWorkspace(from: district.workspace.folder) }
        guard case .database(.copySourceTrailBroken(let count))? = broken?.message else {
            Issue.record("not refused for its trail: \(String(describing: broken))")
            return
        }
        #expect(count > 0)
        #expect(try province.count("batch") == 0)
    }
}
