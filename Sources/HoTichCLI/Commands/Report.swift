import ArgumentParser
import Foundation
import HoTichExchange
import HoTichModel
import HoTichWorkflow

/// `hotich report progress|weekly|operators|rebuild`: the supervisors' reports.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Báo cáo tiến độ, tuần, người nhập / progress, weekly and people's reports.",
        subcommands: [ReportProgress.self, ReportWeekly.self, ReportOperators.self, ReportRebuild.self])
}

/// `--from` and `--to`, read as Vietnamese days.
struct PeriodOptions: ParsableArguments {
    @Option(help: "Từ ngày / from day (YYYY-MM-DD).")
    var from: String?

    @Option(help: "Đến ngày / to day, inclusive (YYYY-MM-DD; default today).")
    var to: String?

    func days(_ language: Language) throws -> (from: CivilDate?, to: CivilDate?) {
        (try from.map { try day($0, option: "--from", language) }, try to.map { try day($0, option: "--to", language) })
    }
}

/// A `YYYY-MM-DD` option, or a usage error in the user's language.
func day(_ text: String, option: String, _ language: Language) throws -> CivilDate {
    guard let day = CivilDate(iso: text), day.isSupported else { throw usageError(.invalidDate(option: option, value: text), language) }
    return day
}

struct ReportProgress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Tiến độ so với kế hoạch, nhịp độ và dự báo / progress against plan, pace and forecast.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var period: PeriodOptions

    @Option(help: "Nhóm theo / group by: office | kind | batch | operator.")
    var by: ProgressUnit.Grouping = .office

    func run() throws {
        let language = global.language
        let (from, to) = try period.days(language)
        let report = try global.session().progressReport(by: by, from: from, to: to)
        Console.current.out(ProgressTables.progress(report, language: language).render(output.format, language: language))
    }
}

struct ReportWeekly: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weekly",
        abstract: "Báo cáo tuần để gửi / the weekly review to send (Markdown by default).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, table, csv, json
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: "Tuần ISO / ISO week, e.g. 2026-W48 (default: this week).")
    var week: String?

    @OptionGroup var period: PeriodOptions

    @Option(help: "Định dạng / format: markdown | table | csv | json.")
    var format: Format = .markdown

    @Option(help: "Nhóm theo / group by: office | kind.")
    var by: ProgressUnit.Grouping = .office

    @Option(help: "Ghi thêm trang HTML / also write the HTML page to FILE.")
    var html: String?

    func validate() throws {
        if let week, CivilDate.isoWeek(week) == nil { throw usageError(.invalidWeek(week), global.language) }
        if week != nil, period.from != nil || period.to != nil {
            throw ValidationError(global.language == .vietnamese
                ? "Chọn --week hoặc --from/--to, không cả hai." : "Give --week or --from/--to, not both.")
        }
        if by == .batch || by == .operator {
            throw ValidationError(global.language == .vietnamese
                ? "Báo cáo tuần nhóm theo cơ quan (office) hay loại sổ (kind)."
                : "The weekly review groups by office or kind.")
        }
    }

    func run() throws {
        let language = global.language
        let session = try global.session()
        let (from, to) = try period.days(language)
        let review = try session.weeklyReview(week: week, from: from, to: to, by: by)
        let info = try session.workspace.info()
        let office = info.name.map { "\($0) (\(info.officeCode.value))" } ?? info.officeCode.value
        let made = Timestamp.now()
        switch format {
        case .markdown: Console.current.out(WeeklyMarkdown.render(review, office: office, generatedAt: made, language: language))
        case .json: Console.current.out(try WeeklyJSON.render(review))
        case .table, .csv:
            let table = ProgressTables.weekly(review, language: language)
            Console.current.out(table.render(format == .table ? .table : .csv, language: language))
        }
        if let html {
            let url = URL(fileURLWithPath: html)
            try ReportFile.write(WeeklyPage.render(review, office: office, generatedAt: made, language: language), to: url)
            Console.current.errorLine(Message.reportWritten(path: url.path).text(in: language))
        }
    }
}

struct ReportOperators: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operators",
        abstract: "Số liệu từng người: sản lượng, giờ làm, tốc độ, tỷ lệ lỗi / each person's output, hours, speed, errors.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var period: PeriodOptions

    @Option(help: "Chỉ một lô / one batch only.")
    var batch: String?

    func run() throws {
        let language = global.language
        let (from, to) = try period.days(language)
        let figures = try global.session().operatorFigures(from: from, to: to, batch: batch)
        Console.current.out(ProgressTables.operators(figures, language: language).render(output.format, language: language))
    }
}

struct ReportRebuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Tính lại bảng tổng hợp tiến độ từ dữ liệu / recompute the progress summary from the data.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let differences = try global.session().rebuildProgressSummary()
        Console.current.line(Message.progressSummaryRebuilt(differences: differences).text(in: global.language))
    }
}

