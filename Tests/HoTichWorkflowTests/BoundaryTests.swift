import Foundation
import Testing

/// The storage boundary, held by reading the sources: only `HoTichStore` knows tables, SQL and
/// GRDB; the use cases and the command line speak to the store's protocol.
@Suite struct BoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// SQL as a statement begins or as a query says it, in any case.
    static let sql = try! NSRegularExpression(
        pattern: #"\b(SELECT\s+[\w*(]|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|TRIGGER)|DROP\s+TABLE|PRAGMA\s+\w+|\bWHERE\s+\w+\s*(=|IS|IN)\b)"#,
        options: [.caseInsensitive])

    /// Every code line (comments left out) of the Swift files of `module`, with where it is.
    static func codeLines(of module: String) throws -> [(file: String, number: Int, text: String)] {
        let folder = sources.appendingPathComponent(module)
        let files = try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }.sorted()
        #expect(!files.isEmpty, "no sources under \(folder.path)")
        return try files.flatMap { file in
            try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                .components(separatedBy: "\n").enumerated()
                .filter { !$0.element.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
                .map { (file: "\(module)/\(file)", number: $0.offset + 1, text: $0.element) }
        }
    }

    static func sqlLines(of module: String) throws -> [String] {
        try codeLines(of: module).filter { line in
            sql.firstMatch(in: line.text, range: NSRange(line.text.startIndex..., in: line.text)) != nil
        }.map { "\($0.file):\($0.number): \($0.text.trimmingCharacters(in: .whitespaces))" }
    }

    @Test func onlyTheStoreHoldsSQL() throws {
        // The pattern finds the store's own queries: it is not a test that cannot fail.
        #expect(try Self.sqlLines(of: "HoTichStore").count > 50)
        for module in ["HoTichModel", "HoTichExchange", "HoTichWorkflow", "HoTichCLI"] {
            let found = try Self.sqlLines(of: module)
            #expect(found.isEmpty, "SQL outside the store:\n\(found.joined(separator: "\n"))")
        }
    }

    @Test func onlyTheStoreImportsGRDBAndTheCommandLineImportsNoStore() throws {
        let grdb = /^\s*(@testable\s+)?(public\s+|package\s+|internal\s+)?import\s+GRDB(SQLite)?\b/
        let store = /^\s*(public\s+|package\s+|internal\s+)?import\s+HoTichStore\b/
        #expect(try Self.codeLines(of: "HoTichStore").contains { $0.text.contains(grdb) })
        for module in ["HoTichModel", "HoTichExchange", "HoTichWorkflow", "HoTichCLI", "hotich"] {
            let found = try Self.codeLines(of: module).filter { $0.text.contains(grdb) }.map(\.file)
            #expect(found.isEmpty, "GRDB imported outside the store: \(found)")
        }
        let cli = try Self.codeLines(of: "HoTichCLI").filter { $0.text.contains(store) }.map(\.file)
        #expect(cli.isEmpty, "the command line imports the store: \(cli)")
    }

    @Test func theUseCasesNeverReadStoredFieldSets() throws {
        for module in ["HoTichWorkflow", "HoTichCLI"] {
            let found = try Self.codeLines(of: module).filter { $0.text.contains("FieldSetJSON") }.map { "\($0.file):\($0.number)" }
            #expect(found.isEmpty, "stored field sets read outside the store: \(found)")
        }
    }
}
