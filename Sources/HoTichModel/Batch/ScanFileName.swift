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
        let base = name.split(separator: "/").last.map(String.init) ?? name
        let parts = base.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6,
              let kind = RecordKind(code: parts[0]),
              parts[1].count == 4, let yearOpened = Int(parts[1]),
              (1...3).contains(parts[2].count), let volume = Int(parts[2]),
              let date = Self.parseISODate(parts[3]),
              !parts[4].isEmpty, !parts[5].isEmpty
        else { return nil }
        let numberText = parts[4]
        if numberText.lowercased() == "null" {
            number = nil
        } else {
            guard numberText.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            number = numberText
        }
        self.kind = kind
        self.yearOpened = yearOpened
        self.volume = volume
        registrationDateText = parts[3]
        (registrationYear, registrationMonth, registrationDay) = date
    }

    /// Whether the registration date in the name is a day that exists in the Gregorian calendar.
    public var registrationDateExists: Bool {
        CalendarDay.exists(year: registrationYear, month: registrationMonth, day: registrationDay)
    }

    /// The registration date in the registers' notation, `dd.mm.yyyy`.
    public var ngayDangKy: String {
        "\(BookIdentity.twoDigits(registrationDay)).\(BookIdentity.twoDigits(registrationMonth)).\(registrationYear)"
    }

    private static func parseISODate(_ text: String) -> (Int, Int, Int)? {
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 4, fields[1].count == 2, fields[2].count == 2,
              let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2]),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return (year, month, day)
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
