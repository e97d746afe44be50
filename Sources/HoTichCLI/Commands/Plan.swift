import ArgumentParser
import Foundation
import HoTichExchange
import HoTichModel
import HoTichWorkflow

/// `hotich plan set|list`: the targets progress is measured against.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Kế hoạch số hóa / digitization plans.", subcommands: [PlanSet.self, PlanList.self])
}

struct PlanSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Đặt hay sửa kế hoạch của một cơ quan / set or revise an office's plan (supervisor).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Mã cơ quan đăng ký / office code.")
    var office: String

    @Option(help: "Loại sổ / register kind: KS | KT | KH | HN | CMC (default: every kind).")
    var kind: RecordKind?

    @Option(help: "Số bản ghi phải kiểm tra xong / records to verify.")
    var records: Int

    @Option(help: "Hạn hoàn thành / due date (YYYY-MM-DD).")
    var due: String

    @Option(help: "Ngày bắt đầu / start date (YYYY-MM-DD).")
    var start: String?

    func run() throws {
        let language = global.language
        guard let code = OfficeCode(office) else { throw usageError(.invalidOfficeCode(office), language) }
        let dueDay = try day(due, option: "--due", language)
        let startDay = try start.map { try day($0, option: "--start", language) }
        let session = try global.session()
        let plan = try session.setPlan(office: code, kind: kind, records: records, due: dueDay, start: startDay)
        Console.current.line(
            Message.planSet(unit: plan.unit.text(in: language), records: plan.records, due: plan.due, revision: plan.revision)
                .text(in: language))
        if try !session.knowsOffice(code) {
            Console.current.errorLine(Message.planOfficeUnknown(office: code.value).text(in: language))
        }
    }
}

struct PlanList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Các kế hoạch đang áp dụng / the plans in force.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Flag(help: "Cả các lần sửa trước / every revision.")
    var history = false

    func run() throws {
        let language = global.language
        let plans = try global.session().plans(history: history)
        Console.current.out(ProgressTables.plans(plans, language: language).render(output.format, language: language))
    }
}

/// `hotich calendar list|set|clear`: working days, public holidays and the workspace's corrections.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Ngày làm việc và ngày nghỉ / working days and days off.",
        subcommands: [CalendarList.self, CalendarSet.self, CalendarClear.self])
}

struct CalendarList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Ngày nghỉ lễ và điều chỉnh của một năm / a year's holidays and corrections.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption

    @Option(help: "Năm / year (default: this year).")
    var year: Int?

    func run() throws {
        let language = global.language
        let year = year ?? CivilDate.today().year
        guard CivilDate.supportedYears.contains(year) else { throw usageError(.invalidYear(String(year)), language) }
        let (calendar, entries) = try global.session().workingCalendar()
        let table = ProgressTables.calendar(year: year, calendar: calendar, entries: entries, language: language)
        Console.current.out(table.render(output.format, language: language))
    }
}

struct CalendarSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Tính ngày là ngày làm việc hay ngày nghỉ / count days as working days or days off (supervisor).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Các ngày / days (YYYY-MM-DD).")
    var days: [String]

    @Flag(help: "Ngày nghỉ / days off.")
    var off = false

    @Flag(help: "Ngày làm việc / working days.")
    var working = false

    @Option(help: "Lý do / reason (required).")
    var reason: String

    func validate() throws {
        if off == working {
            throw ValidationError(global.language == .vietnamese ? "Chọn một trong --off và --working." : "Choose one of --off and --working.")
        }
        if days.isEmpty || days.count > 366 {
            throw ValidationError(global.language == .vietnamese ? "Cần từ 1 đến 366 ngày." : "Give from 1 to 366 days.")
        }
    }

    func run() throws {
        let language = global.language
        let parsed = try days.map { try day($0, option: "DAY", language) }
        try global.session().setCalendarDays(parsed, working: working, reason: reason)
        for day in Set(parsed).sorted() {
            Console.current.line(Message.calendarDaySet(day: day, working: working).text(in: language))
        }
    }
}

struct CalendarClear: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear", abstract: "Bỏ điều chỉnh của một ngày / clear a day's correction (supervisor).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Ngày / day (YYYY-MM-DD).")
    var day: String

    func run() throws {
        let language = global.language
        let parsed = try HoTichCLI.day(day, option: "DAY", language)
        try global.session().clearCalendarDay(parsed)
        Console.current.line(Message.calendarDayCleared(day: parsed).text(in: language))
    }
}
