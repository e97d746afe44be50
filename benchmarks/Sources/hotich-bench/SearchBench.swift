import ArgumentParser
import Foundation
import GRDB
import HoTichModel
import HoTichStore
import HoTichWorkflow

/// `search`: name searches over a large workspace — a mix of common and rare names, with and
/// without diacritics, whole and partial — timed three ways: the whole use case as a supervisor
/// runs it (with its audit event), the store's query and ranking alone, and SQLite's own FTS5
/// query on the same index (the floor). Also the index's size.
struct SearchBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Measure name search.")

    @Option(help: "Workspace folder.") var workspace: String
    @Option(help: "Queries to run.") var queries = 400
    @Option(help: "Random seed.") var seed: UInt64 = 11

    func run() throws {
        let ws = try Workspace.open(at: URL(fileURLWithPath: workspace))
        let supervisor = try ws.session(as: "giamsat")
        var random = SeededRandom(seed: seed)
        let (names, records, indexBytes, databaseBytes) = try ws.sqlite.databaseRead { db in
            (try String.fetchAll(db, sql: """
                SELECT substr(json_extract(fields, '$.nksHoTen'), 2) FROM record WHERE kind = 'KS' AND rowid % 97 = 0 LIMIT 2000
                """),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record") ?? 0,
             try Int64.fetchOne(db, sql: "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'recordName%'") ?? 0,
             try Int64.fetchOne(db, sql: "SELECT SUM(pgsize) FROM dbstat") ?? 0)
        }
        guard !names.isEmpty else { throw ValidationError("no birth records to draw names from") }
        // The mix: a whole name as written, folded, in lower case, its last two words, and a
        // common surname and middle name alone ("nguyen van", "tran thi").
        var mix: [String] = []
        for index in 0..<queries {
            let name = names[Int(random.next() % UInt64(names.count))]
            switch index % 5 {
            case 0: mix.append(name)
            case 1: mix.append(VietnameseText.folded(name))
            case 2: mix.append(name.lowercased())
            case 3: mix.append(name.split(separator: " ").suffix(2).joined(separator: " "))
            default: mix.append(["nguyen van", "tran thi", "le van", "pham thi", "hoang van"][index / 5 % 5])
            }
        }
        var whole: [Double] = [], store: [Double] = [], floor: [Double] = []
        for text in mix {
            let query = try SearchQuery.parse(text)
            let (_, a) = try Measure.time { _ = try supervisor.search(query) }
            whole.append(a * 1_000)
            let (_, b) = try Measure.time {
                _ = try ws.store.read { tx in try tx.searchRecords(query, batches: .all, candidates: 300) }
            }
            store.append(b * 1_000)
            let match = query.nameWords.map { "\"\($0)\"" }.joined(separator: " ")
            let (_, c) = try Measure.time {
                _ = try ws.sqlite.databaseRead { db in
                    try Int64.fetchAll(db, sql: "SELECT rowid FROM recordName WHERE recordName MATCH ? ORDER BY rank LIMIT 300", arguments: [match])
                }
            }
            floor.append(c * 1_000)
        }
        func figures(_ times: [Double]) -> String {
            String(format: "median %.2f ms, p99 %.2f ms", Measure.percentile(times, 0.5), Measure.percentile(times, 0.99))
        }
        let context = "\(queries) queries, \(records) records"
        Measure.report("search-median", String(format: "%.2f", Measure.percentile(whole, 0.5)), "ms", "hotich search (audited): \(figures(whole)); \(context)")
        Measure.report("search-p99", String(format: "%.2f", Measure.percentile(whole, 0.99)), "ms", "the same, 99th percentile")
        Measure.report("search-store", String(format: "%.2f", Measure.percentile(store, 0.5)), "ms", "store query and rows alone: \(figures(store))")
        Measure.report("search-floor", String(format: "%.2f", Measure.percentile(floor, 0.5)), "ms", "SQLite's FTS5 MATCH … ORDER BY rank LIMIT 300: \(figures(floor))")
        Measure.report("search-index-size", String(format: "%.1f", Double(indexBytes) / 1_048_576), "MiB",
                       String(format: "name index of %d records; %.1f %% of the database (%.0f MiB)", records,
                              Double(indexBytes) * 100 / Double(max(1, databaseBytes)), Double(databaseBytes) / 1_048_576))
    }
}
