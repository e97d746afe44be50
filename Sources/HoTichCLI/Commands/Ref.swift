import ArgumentParser
import Foundation
import HoTichExchange
import HoTichModel

/// `hotich ref`: the administrative-unit catalog bundled with hotich (both eras, and the succession
/// of 1 July 2025). Needs no workspace.
struct Ref: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Danh mục đơn vị hành chính / the administrative-unit catalog.",
        subcommands: [RefSearch.self, RefShow.self, RefResolve.self])
}

/// The options the `ref` commands share.
struct RefOptions: ParsableArguments {
    @Option(help: "Vào ngày / as on this day (YYYY-MM-DD); default: any day.")
    var at: String?

    /// The day `--at` names, as a span of one day.
    func span(_ language: Language) throws -> ClosedRange<CivilDate>? {
        guard let at else { return nil }
        guard let day = CivilDate(iso: at), day.isSupported else { throw usageError(.invalidDate(option: "--at", value: at), language) }
        return day...day
    }

    static func catalog() throws -> AdministrativeUnitCatalog {
        do {
            return try AdministrativeUnitCatalog.bundled()
        } catch {
            let file = switch error {
            case .missing(let file), .damaged(let file, _): file
            }
            throw HoTichError(.place(.referenceDataMissing(file: file)))
        }
    }
}

/// `hotich ref search TEXT [--level L] [--at DATE]`.
struct RefSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Tìm đơn vị theo tên (không cần dấu) / find units by name (diacritics optional).",
        discussion: "Ví dụ / examples:  hotich ref search tam thanh --level commune · hotich ref search \"Hà Tây\" --at 2005-01-01")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var options: RefOptions

    @Argument(help: "Tên hoặc đầu tên / a name or its beginning.")
    var words: [String]

    @Option(help: "Cấp / level: province | district | commune.")
    var level: String?

    @Option(help: "Số kết quả tối đa / at most this many results (1–1000).")
    var limit = 50

    func validate() throws {
        guard !words.joined().trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError(global.language == .vietnamese ? "Cho tên cần tìm." : "Give a name to look for.")
        }
    }

    func run() throws {
        let language = global.language
        var chosen: AdministrativeUnit.Level?
        if let level {
            guard let match = AdministrativeUnit.Level.allCases.first(where: { $0.option == level }) else {
                throw usageError(.place(.invalidLevel(level)), language)
            }
            chosen = match
        }
        guard (1...1_000).contains(limit) else { throw usageError(.invalidLimit(option: "--limit", value: limit), language) }
        let catalog = try RefOptions.catalog()
        let units = catalog.search(words.joined(separator: " "), level: chosen, during: try options.span(language), limit: limit)
        if units.isEmpty, output.format == .table {
            Console.current.line(Message.nothingToShow.text(in: language))
            return
        }
        Console.current.out(ReferenceTables.units(units, catalog: catalog, language: language).render(output.format, language: language))
    }
}

/// `hotich ref show CODE [--at DATE]`.
struct RefShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Xem một đơn vị: cấp, trực thuộc, hiệu lực, đơn vị kế thừa / one unit: level, parent, validity, successors.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var options: RefOptions

    @Argument(help: "Mã 2, 3 hoặc 5 chữ số / a 2-, 3- or 5-digit code.")
    var code: String

    func run() throws {
        let language = global.language
        let catalog = try RefOptions.catalog()
        let span = try options.span(language)
        let units = span.map { catalog.units(code: code, during: $0) } ?? catalog.units(code: code)
        guard !units.isEmpty else { throw HoTichError(.place(.unitNotFound(code: TerminalText.escaped(String(code.prefix(12)))))) }
        var parts: [String] = []
        for (unitIndex, unit) in units.enumerated() {
            for (index, section) in ReferenceTables.unit(unit, catalog: catalog, language: language).enumerated() {
                switch output.format {
                case .json:
                    parts.append(DataTable.jsonString("\(unitIndex)/\(section.key)") + ": "
                        + section.table.render(.json, language: language).trimmingCharacters(in: .whitespacesAndNewlines))
                case .table, .csv:
                    if unitIndex > 0 || index > 0 { Console.current.line() }
                    Console.current.line((output.format == .table ? "▸ " : "# ") + section.title)
                    Console.current.out(section.table.render(output.format, language: language))
                }
            }
        }
        if output.format == .json { Console.current.out("{\n  " + parts.joined(separator: ",\n  ") + "\n}\n") }
    }
}

/// `hotich ref resolve PLACE [--at DATE]`: how hotich reads a place as written.
struct RefResolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Đọc một địa danh như ghi trong sổ / read a place as written in a register.",
        discussion: "Ví dụ / example:  hotich ref resolve \"xã Tam Thanh, huyện Tam Kỳ, Quảng Nam\" --at 1999-05-01")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var options: RefOptions

    @Argument(help: "Địa danh / the place as written.")
    var words: [String]

    func run() throws {
        let language = global.language
        let catalog = try RefOptions.catalog()
        let date = try options.span(language).flatMap { span in
            PartialDate("\(span.lowerBound.day).\(span.lowerBound.month).\(span.lowerBound.year)")
        }
        let resolution = PlaceResolver(catalog: catalog).resolve(words.joined(separator: " "), registered: date)
        if output.format == .table {
            Console.current.line(Message.place(.placeResolution(resolution.confidence, candidates: resolution.candidates.count)).text(in: language))
            if resolution.candidates.isEmpty { return }
        }
        Console.current.out(ReferenceTables.resolution(resolution, language: language).render(output.format, language: language))
    }
}
