/// A scan-file name in the Ministry's convention, parsed into the facts it states.
///
/// `{KS|KT|KH|HN|CMC}.{year opened}.{volume}.{yyyy-mm-dd}.{number}.pdf`, for example
/// `KS.2017.01.2017-02-03.05.pdf`: a birth entry of the book opened in 2017, volume 01,
/// registered on 3 February 2017 under number 05. The year opened and the registration year
/// may differ (a book carried into the next year). A missing number is written `null`.
public struct ScanFileName: Sendable, Equatable {
    public let kind: RecordKind
    public let yearOpened: Int
    public let volume: Int
    /// The registration date as written in the name (`yyyy-mm-dd`).
    public let registrationDateText: String
    public let registrationYear: Int
    public let registrationMonth: Int
    public let registrationDay: Int
    /// The entry number as written (leading zeros kept), or `nil` when the name says `null`.
    public let number: String?

    /// Parses the last path component of `name`; `nil` when it does not follow the convention.
    public init?(_ name: String) {
        guard case .success(let parsed) = Self.parse(name) else { return nil }
        self = parsed
    }

    private init(kind: RecordKind, yearOpened: Int, volume: Int, date: (text: String, year: Int, month: Int, day: Int), number: String?) {
        self.kind = kind
        self.yearOpened = yearOpened
        self.volume = volume
        registrationDateText = date.text
        (registrationYear, registrationMonth, registrationDay) = (date.year, date.month, date.day)
        self.number = number
    }

    /// What keeps a file name from following the convention, for an intake issue that says which part
    /// to rename. Values are parts of the file name, never register content.
    public enum Defect: Error, Sendable, Hashable, Codable {
        /// Not `KIND.YEAR.VOLUME.DATE.NUMBER.ext` at all (`scan0006.pdf`).
        case pattern
        /// The parts are there but joined by `_` or spaces instead of dots.
        case separators
        /// The first part is not KS, KT, KH, HN or CMC.
        case kind(String)
        /// The year opened is not four digits.
        case year(String)
        /// The volume is not one to three digits.
        case volume(String)
        /// The date is written day first (`05-01-2017`) instead of `yyyy-mm-dd`.
        case dateOrder(String)
        /// The date's month is not 01–12.
        case month(String)
        /// The date's day is not 01–31.
        case day(String)
        /// The date is not `yyyy-mm-dd` in any other way.
        case dateShape(String)
        /// The number holds something other than digits (a letter, a suffix) and is not `null`.
        case number(String)
    }

    /// The parsed name, or what is wrong with it.
    public static func parse(_ name: String) -> Result<ScanFileName, Defect> {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        let parts = base.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, !parts[5].isEmpty else {
            // The same parts joined by another separator: say so rather than "not the pattern".
            let stem = parts.count > 1 ? parts.dropLast().joined(separator: ".") : base
            let respelled = String(stem.map { $0 == "_" || $0 == " " ? "." : $0 })
            if respelled != stem, case .success = parse(respelled + "." + (parts.last ?? "pdf")) { return .failure(.separators) }
            return .failure(.pattern)
        }
        guard let kind = RecordKind(code: parts[0]) else { return .failure(.kind(parts[0])) }
        guard parts[1].count == 4, parts[1].allSatisfy(\.isASCIIDigit), let yearOpened = Int(parts[1]) else {
            return .failure(.year(parts[1]))
        }
        guard (1...3).contains(parts[2].count), parts[2].allSatisfy(\.isASCIIDigit), let volume = Int(parts[2]) else {
            return .failure(.volume(parts[2]))
        }
        let date: (text: String, year: Int, month: Int, day: Int)
        switch parseISODate(parts[3]) {
        case .success(let parsed): date = (parts[3], parsed.0, parsed.1, parsed.2)
        case .failure(let defect): return .failure(defect)
        }
        let numberText = parts[4]
        let number: String?
        if numberText.lowercased() == "null" {
            number = nil
        } else {
            guard !numberText.isEmpty, numberText.allSatisfy(\.isASCIIDigit) else { return .failure(.number(numberText)) }
            number = numberText
        }
        return .success(ScanFileName(kind: kind, yearOpened: yearOpened, volume: volume, date: date, number: number))
    }

    /// Whether the registration date in the name is a day that exists in the Gregorian calendar.
    public var registrationDateExists: Bool {
        CalendarDay.exists(year: registrationYear, month: registrationMonth, day: registrationDay)
    }

    /// The registration date in the registers' notation, `dd.mm.yyyy`.
    public var ngayDangKy: String {
        "\(BookIdentity.twoDigits(registrationDay)).\(BookIdentity.twoDigits(registrationMonth)).\(registrationYear)"
    }

    private static func parseISODate(_ text: String) -> Result<(Int, Int, Int), Defect> {
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        let digits = fields.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
        guard fields.count == 3, digits else { return .failure(.dateShape(text)) }
        if fields[0].count <= 2 && fields[2].count == 4 { return .failure(.dateOrder(text)) }
        guard fields[0].count == 4, fields[1].count == 2, fields[2].count == 2,
              let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2])
        else { return .failure(.dateShape(text)) }
        guard (1...12).contains(month) else { return .failure(.month(text)) }
        guard (1...31).contains(day) else { return .failure(.day(text)) }
        return .success((year, month, day))
    }
}

/// Calendar arithmetic that needs no time zone.
public enum CalendarDay {
    /// Whether `day` exists in `month` of `year` (proleptic Gregorian calendar).
    public static func exists(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    /// The number of days of a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }
}

extension Character {
    /// Whether the character is one of the ASCII digits 0–9.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
