import ArgumentParser
import Foundation
import HoTichModel
import HoTichPostgres
import HoTichStore
import HoTichWorkflow

/// `pg-report`: the same verified records in a PostgreSQL and a SQLite workspace (loaded by the
/// bulk writer, then verified), then the export of every verified batch, the progress report and
/// the weekly review timed in each, in the same run; each figure is reported with its ratio.
struct PostgresReportBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pg-report", abstract: "Export and reports, PostgreSQL against SQLite.")

    @Option(help: "Connection string of the server (a role that may create databases).") var database: String
    @Option(help: "Records.") var records = 20_000
    @Option(help: "Records per batch.") var perBatch = 2_000

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-pgreport-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        try withBenchDatabase(on: database) { connectionString in try compareStores(root, connectionString) }
    }

    /// Makes the two workspaces, the PostgreSQL one in the database `connectionString` names, and measures both.
    private func compareStores(_ root: URL, _ connectionString: String) throws {
        let office = OfficeCode(literal: "20999")
        let postgres = try Workspace.create(
            at: root.appendingPathComponent("pg"), database: connectionString, office: office, name: nil, admin: "quantri", identity: .names)
        let sqlite = try Workspace.create(at: root.appendingPathComponent("sqlite"), office: office, name: nil, admin: "quantri", identity: .names)
        var timings: [String: [String: Double]] = [:]
        for (label, workspace) in [("sqlite", sqlite), ("postgresql", postgres)] {
            let admin = try workspace.session(as: "quantri")
            try admin.addUser(name: "giamsat", role: .supervisor)
            try loadSyntheticRecords(into: workspace, records: records, perBatch: perBatch, verified: true)
            let supervisor = try workspace.session(as: "giamsat")
            let out = root.appendingPathComponent("exports-\(label)")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            timings[label, default: [:]]["export"] = try Measure.time {
                try supervisor.export(ExportRequest(batchIDs: [], allVerified: true, folder: out))
            }.1
            timings[label, default: [:]]["progress"] = try Measure.time { try supervisor.progressReport(by: .batch) }.1
            timings[label, default: [:]]["weekly"] = try Measure.time { try supervisor.weeklyReview() }.1
        }
        for figure in ["export", "progress", "weekly"] {
            let (pg, lite) = (timings["postgresql"]?[figure] ?? 0, timings["sqlite"]?[figure] ?? 0)
            Measure.report(
                "pg-\(figure)", String(format: "%.2f", pg / max(lite, 1e-9)), "× SQLite",
                "\(records) records: PostgreSQL \(String(format: "%.2f", pg)) s, SQLite \(String(format: "%.2f", lite)) s")
        }
    }
}
