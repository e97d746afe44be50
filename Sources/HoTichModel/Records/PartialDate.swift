import Foundation

/// A date as the registers write it: sometimes only a year, sometimes a day that cannot exist.
///
/// The text is kept exactly as written; the parsed parts say how much of it is known. A day such
/// as 30.02.1960 is kept and flagged (``isImpossible``), never moved to another day.
public struct PartialDate: Sendable, Hashable, Codable {
    /// How much of the date the source states.
    public enum Precision: String, Sendable, Codable {
        case full, yearMonth = "year-month", year
    }

    /// The text as written (normalized white space).
    public let written: String
    public let precision: Precision
    public let year: Int
    public let month: Int?
    public let day: Int?

    /// Whether a full date names a day that does not exist (30.02, 31.04, 29.02 of a common year).
    public var isImpossible: Bool {
        guard precision == .full, let month, let day else { return false }
        return !CalendarDay.exists(year: year, month: month, day: day)
    }

    /// Parses `dd.mm.yyyy`, `d/m/yyyy`, `d-m-yyyy`, `mm.yyyy`, `m/yyyy` or `yyyy`.
    /// Returns `nil` for anything else, including a month above 12 or a day above 31.
    public init?(_ text: String) {
        self.init(normalizedText: VietnameseText.normalized(text))
    }

    /// Parses text that is already normalized (NFC, white space collapsed).
    init?(normalizedText written: String) {
        // Digits separated by one kind of separator: at most three groups, the last a 4-digit year.
        var groups: [Int] = []
        var lengths: [Int] = []
        var value = 0
        var length = 0
        var separator: UInt8 = 0
        for byte in written.utf8 {
            switch byte {
            case 0x30...0x39:
                value = value * 10 + Int(byte - 0x30)
                length += 1
                if length > 4 { return nil }
            case UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "-"):
                guard length > 0, separator == 0 || separator == byte, groups.count < 2 else { return nil }
                separator = byte
                groups.append(value)
                lengths.append(length)
                value = 0
                length = 0
            default:
                return nil
            }
        }
        guard length == 4, value >= 1000 else { return nil }
        self.written = written
        year = value
        switch groups.count {
        case 0:
            precision = .year
            month = nil
            day = nil
        case 1:
            guard lengths[0] <= 2, (1...12).contains(groups[0]) else { return nil }
            precision = .yearMonth
            month = groups[0]
            day = nil
        default:
            guard lengths[0] <= 2, lengths[1] <= 2, (1...12).contains(groups[1]), (1...31).contains(groups[0]) else { return nil }
            precision = .full
            month = groups[1]
            day = groups[0]
        }
    }

    /// The date in the registers' canonical notation: `dd.mm.yyyy`, `mm.yyyy` or `yyyy`.
    /// Equivalent spellings (1.2.1990 and 01/02/1990) have the same canonical text.
    public var canonical: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        switch precision {
        case .full: return "\(two(day ?? 0)).\(two(month ?? 0)).\(year)"
        case .yearMonth: return "\(two(month ?? 0)).\(year)"
        case .year: return "\(year)"
        }
    }

    /// ISO 8601 form for exchange: `yyyy-mm-dd`, `yyyy-mm` or `yyyy`.
    public var iso: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        switch precision {
        case .full: return "\(year)-\(two(month ?? 0))-\(two(day ?? 0))"
        case .yearMonth: return "\(year)-\(two(month ?? 0))"
        case .year: return "\(year)"
        }
    }

    /// Whether this date is certainly before `other`, comparing only what both state.
    /// `nil` when the known parts are equal and one of them is less precise (1990 vs 05.03.1990).
    public func isCertainlyBefore(_ other: PartialDate) -> Bool? {
        let lhs = [year, month ?? -1, day ?? -1]
        let rhs = [other.year, other.month ?? -1, other.day ?? -1]
        for index in 0..<3 {
            if lhs[index] == -1 || rhs[index] == -1 { return nil }
            if lhs[index] != rhs[index] { return lhs[index] < rhs[index] }
        }
        return false
    }

    /// Whole years from this date to `later`, as far as the known parts allow (a lower bound).
    public func years(until later: PartialDate) -> Int {
        var years = later.year - year
        if let month, let laterMonth = later.month {
            if laterMonth < month || (laterMonth == month && (later.day ?? 31) < (day ?? 1)) { years -= 1 }
        }
        return years
    }
}

/// A time of day written `hh:mm` (time of death).
public struct TimeOfDay: Sendable, Hashable, Codable {
    public let hour: Int
    public let minute: Int

    /// Parses `h:mm`, `hh:mm`, `hh.mm` or `hh giờ mm`; `nil` for anything else.
    public init?(_ text: String) {
        let cleaned = VietnameseText.normalized(text).lowercased()
            .replacingOccurrences(of: " giờ ", with: ":").replacingOccurrences(of: "giờ", with: ":")
            .replacingOccurrences(of: "phút", with: "").replacingOccurrences(of: "h", with: ":")
            .replacingOccurrences(of: ".", with: ":").replacingOccurrences(of: " ", with: "")
        let parts = cleaned.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let hour = Int(parts[0]), (0...23).contains(hour) else { return nil }
        let minuteText = parts.count == 2 ? parts[1] : "0"
        guard minuteText.count <= 2, let minute = Int(minuteText.isEmpty ? "0" : minuteText), (0...59).contains(minute)
        else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// `hh:mm`.
    public var canonical: String {
        (hour < 10 ? "0\(hour)" : "\(hour)") + ":" + (minute < 10 ? "0\(minute)" : "\(minute)")
    }
}
