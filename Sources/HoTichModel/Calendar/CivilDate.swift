public import Foundation

/// A day of the Gregorian calendar as it is lived in Vietnam (UTC+7, no daylight saving): what
/// plans, working days and reports count in.
///
/// Stored times are UTC (``Timestamp``); a time belongs to the Vietnamese day it falls in, so an
/// entry saved at 23:30 in Hà Nội (16:30 UTC) counts for that day, not the next.
public struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int

    /// Vietnam's offset from UTC, in seconds.
    public static let vietnamOffset = 7 * 3_600

    public init(ordinal: Int) {
        self.ordinal = ordinal
    }

    /// The date `year`-`month`-`day`, or `nil` when that day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9_999).contains(year), CalendarDay.exists(year: year, month: month, day: day) else { return nil }
        ordinal = Self.daysFromCivil(year: year, month: month, day: day)
    }

    /// The years hotich plans and reports over: dates outside them are refused as options, so that
    /// no calendar, chart or forecast is asked about year 1 or year 9999.
    public static let supportedYears = 1900...2100

    /// Whether the day lies in ``supportedYears``.
    public var isSupported: Bool { Self.supportedYears.contains(year) }

    /// Days since 1970-01-01 of a valid date (H. Hinnant's algorithm, proleptic Gregorian calendar).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Parses `YYYY-MM-DD`; `nil` for anything else or a day that does not exist.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]), let day = Self.number(bytes[8..<10])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The Monday of an ISO week written `YYYY-Www` (for example `2026-W48`), with the week's
    /// number; `nil` for anything else, a week the year does not have, or a year outside
    /// ``supportedYears``.
    public static func isoWeek(_ text: String) -> (monday: CivilDate, year: Int, week: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 8, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "W") || bytes[5] == UInt8(ascii: "w"),
              let year = number(bytes[0..<4]), supportedYears.contains(year), let week = number(bytes[6..<8]), week >= 1,
              let january4 = CivilDate(year: year, month: 1, day: 4)
        else { return nil }
        let firstMonday = january4.adding(days: 1 - january4.weekday)
        let monday = firstMonday.adding(days: (week - 1) * 7)
        guard monday.isoWeek.year == year else { return nil }
        return (monday, year, week)
    }

    /// The day in Vietnam of a moment.
    public init(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + Self.vietnamOffset
        ordinal = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    }

    /// The day in Vietnam of a stored UTC time (`2026-11-27T16:30:00.000Z` is 2026-11-27 in Hà Nội
    /// until 17:00 UTC); `nil` when the text is not such a time.
    public init?(timestamp text: String) {
        let bytes = Array(text.utf8.prefix(16))
        guard bytes.count == 16, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
              let day = CivilDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
              let hour = Self.number(bytes[11..<13]), hour < 24
        else { return nil }
        self = hour + Self.vietnamOffset / 3_600 >= 24 ? day.adding(days: 1) : day
    }

    /// Today in Vietnam.
    public static func today(now: Date = Date()) -> CivilDate { CivilDate(now) }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    // MARK: - Parts

    public var year: Int { parts.year }
    public var month: Int { parts.month }
    public var day: Int { parts.day }

    private var parts: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// 1 for Monday through 7 for Sunday (ISO 8601).
    public var weekday: Int {
        // 1970-01-01 was a Thursday.
        ((ordinal % 7 + 7 + 3) % 7) + 1
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool { weekday >= 6 }

    /// The ISO 8601 week holding the day: the week's year (which differs from the day's own year
    /// around New Year) and number.
    public var isoWeek: (year: Int, week: Int) {
        let thursday = adding(days: 4 - weekday)
        let january1 = Self.daysFromCivil(year: thursday.year, month: 1, day: 1)
        return (thursday.year, (thursday.ordinal - january1) / 7 + 1)
    }

    /// The ISO week as written, `2026-W48`.
    public var isoWeekText: String {
        let (year, week) = isoWeek
        return "\(year)-W\(week < 10 ? "0" : "")\(week)"
    }

    /// The Monday of the day's ISO week.
    public var monday: CivilDate { adding(days: 1 - weekday) }

    public func adding(days: Int) -> CivilDate { CivilDate(ordinal: ordinal + days) }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: CivilDate) -> Int { other.ordinal - ordinal }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let (year, month, day) = parts
        return "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))"
    }

    /// `dd/mm/yyyy`, as Vietnamese documents write a date.
    public var vietnamese: String {
        let (year, month, day) = parts
        return "\(Self.padded(day, 2))/\(Self.padded(month, 2))/\(year)"
    }

    public var description: String { iso }

    /// The first moment of the day, as stored times are compared (UTC text).
    public var startTimestamp: String {
        Timestamp.text(for: Date(timeIntervalSince1970: TimeInterval(ordinal * 86_400 - Self.vietnamOffset)))
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.ordinal < rhs.ordinal }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
