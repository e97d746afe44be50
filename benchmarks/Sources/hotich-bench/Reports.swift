import ArgumentParser
import Foundation
import GRDB
import HoTichExchange
import HoTichModel
import HoTichStore
import HoTichWorkflow

/// `reports`: `report progress` and `report weekly` over a workspace with a history, beside a
/// plain `SELECT count(*)` over the same tables in the same run (the floor), median of N runs each.
struct Reports: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure the progress and weekly reports.")

    @Option(help: "Workspace folder (made with generate --history-days).") var workspace: String
    @Option(help: "Runs of each measurement (the median is reported).") var runs = 15
    @Option(help: "Write the weekly page here.") var html: String?

    func run() throws {
        let ws = try Workspace.open(at: URL(fileURLWithPath: workspace))
        let supervisor = try ws.session(as: "giamsat")
        let (records, batches, days) = try ws.sqlite.databaseRead { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record") ?? 0, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM batch") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM progressDay") ?? 0)
        }
        // A plan per office, due in four months, so that forecasts and risks have something to say.
        let offices = try ws.sqlite.databaseRead { db in try String.fetchAll(db, sql: "SELECT DISTINCT officeCode FROM book ORDER BY 1") }
        for office in offices.compactMap(OfficeCode.init) {
            try supervisor.setPlan(office: office, kind: nil, records: records / max(1, offices.count) * 11 / 10,
                                   due: CivilDate.today().adding(days: 120), start: CivilDate.today().adding(days: -365))
        }
        func median(_ body: () throws -> Void) rethrows -> Double {
            var times: [Double] = []
            for _ in 0..<runs {
                let (_, seconds) = try Measure.time(body)
                times.append(seconds * 1_000)
            }
            return Measure.percentile(times, 0.5)
        }
        let floor = try median {
            _ = try ws.sqlite.databaseRead { db in
                try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM record) + (SELECT COUNT(*) FROM keying) + (SELECT COUNT(*) FROM exportedRecord)")
            }
        }
        let progress = try median { _ = try supervisor.progressReport(by: .office) }
        let byBatch = try median { _ = try supervisor.progressReport(by: .batch) }
        let weekly = try median { _ = try supervisor.weeklyReview() }
        let page = try median {
            let review = try supervisor.weeklyReview()
            _ = WeeklyPage.render(review, office: "Sở Tư pháp", generatedAt: Timestamp.now(), language: .vietnamese)
        }
        let people = try median { _ = try supervisor.operatorFigures(from: CivilDate.today().adding(days: -27)) }
        let context = "\(records) records, \(batches) batches, \(days) summary rows"
        Measure.report("report-floor", String(format: "%.1f", floor), "ms", "SELECT count(*) of record, keying, exportedRecord; \(context)")
        Measure.report("report-progress", String(format: "%.1f", progress), "ms", "report progress --by office, median of \(runs)")
        Measure.report("report-by-batch", String(format: "%.1f", byBatch), "ms", "report progress --by batch, median of \(runs)")
        Measure.report("report-weekly", String(format: "%.1f", weekly), "ms", "report weekly, median of \(runs)")
        Measure.report("report-page", String(format: "%.1f", page), "ms", "report weekly with its HTML page, median of \(runs)")
        Measure.report("report-operators", String(format: "%.1f", people), "ms", "report operators over 28 days, median of \(runs)")
        if let html {
            let review = try supervisor.weeklyReview()
            try ReportFile.write(
                WeeklyPage.render(review, office: "Sở Tư pháp (dữ liệu tổng hợp)", generatedAt: Timestamp.now(), language: .vietnamese),
                to: URL(fileURLWithPath: html))
        }
    }
}
