import ArgumentParser
import Foundation
import HoTichExchange
import HoTichModel
import HoTichWorkflow

/// `hotich search QUERY…`: finds records by names (any role, with or without diacritics), number,
/// book, personal ID number and year.
struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tìm bản ghi theo họ tên, số, quyển, số định danh, năm / find records by name, number, book, ID number, year.",
        discussion: """
            Ví dụ / examples:  hotich search nguyen van an · hotich search "Nguyễn Văn An" 1987 · \
            hotich search so:05 quyen:01/1995 · hotich search 001087012345
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Argument(help: "Những gì cần tìm / what to look for.")
    var words: [String] = []

    @Option(help: "Loại sổ / register kind: KS | KT | KH | HN | CMC.")
    var kind: RecordKind?

    @Option(help: "Năm đăng ký / registration year: Y or Y1-Y2.")
    var year: String?

    @Option(help: "Mã cơ quan / office code.")
    var office: String?

    @Option(help: "Trạng thái / state: keyed | verified | withdrawn.")
    var state: SearchState?

    @Option(help: "Số kết quả tối đa / at most this many results (1–1000).")
    var limit = 20

    @Flag(help: "Dựng lại chỉ mục tìm kiếm từ dữ liệu / rebuild the search index from the data (supervisor).")
    var rebuildIndex = false

    func run() throws {
        let language = global.language
        if rebuildIndex {
            let differences = try global.session().rebuildSearchIndex()
            Console.current.line(Message.searchIndexRebuilt(differences: differences).text(in: language))
            return
        }
        var query: SearchQuery
        do {
            query = try SearchQuery.parse(words.joined(separator: " "))
        } catch {
            throw usageError(.searchProblem(error), language)
        }
        query.kind = kind
        query.state = state
        query.limit = limit
        if let office {
            guard let code = OfficeCode(office) else { throw usageError(.invalidOfficeCode(office), language) }
            query.office = code
        }
        if let year {
            let parts = year.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let first = Int(parts[0]), let last = Int(parts.last ?? ""), first <= last,
                  (1800...2100).contains(first), (1800...2100).contains(last)
            else { throw usageError(.invalidYear(year), language) }
            query.registrationYears = first...last
        }
        guard (1...SearchQuery.maximumLimit).contains(limit) else { throw usageError(.searchLimit(limit), language) }
        let hits = try global.session().search(query)
        if hits.isEmpty, output.format == .table {
            Console.current.line(Message.nothingToShow.text(in: language))
            return
        }
        Console.current.out(SearchTables.hits(hits, language: language).render(output.format, language: language))
    }
}


