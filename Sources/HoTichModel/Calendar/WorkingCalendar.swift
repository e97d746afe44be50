/// Which days are working days: Monday to Friday, less public holidays, as corrected by the
/// workspace's own entries (a bridging day the government gave off, a Saturday made a working day).
public struct WorkingCalendar: Sendable {
    /// A workspace's correction of one day.
    public struct Entry: Sendable, Equatable, Codable {
        public let day: CivilDate
        public let working: Bool
        public let reason: String
        public let setBy: String
        public let setAt: String

        public init(day: CivilDate, working: Bool, reason: String, setBy: String, setAt: String) {
            self.day = day
            self.working = working
            self.reason = reason
            self.setBy = setBy
            self.setAt = setAt
        }
    }

    private let overrides: [CivilDate: Bool]
    private var holidays: [Int: [CivilDate: PublicHolidays.Holiday]] = [:]

    /// The calendar of public holidays for `years`, corrected by `entries`.
    public init(entries: [Entry] = [], years: ClosedRange<Int> = CivilDate.supportedYears) {
        overrides = Dictionary(entries.map { ($0.day, $0.working) }, uniquingKeysWith: { _, last in last })
        for year in years { holidays[year] = PublicHolidays.daysOff(in: year) }
    }

    /// The holiday that makes `day` a day off, if any.
    public func holiday(on day: CivilDate) -> PublicHolidays.Holiday? {
        holidays[day.year]?[day]
    }

    public func isWorkingDay(_ day: CivilDate) -> Bool {
        if let working = overrides[day] { return working }
        return !day.isWeekend && holiday(on: day) == nil
    }

    /// Working days after `start` up to and including `end` (none when `end` is not after `start`).
    public func workingDays(after start: CivilDate, through end: CivilDate) -> Int {
        guard end > start else { return 0 }
        var count = 0
        var day = start.adding(days: 1)
        while day <= end {
            if isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }

    /// The next `count` working days after `start`, in order.
    public func nextWorkingDays(after start: CivilDate, count: Int) -> [CivilDate] {
        var days: [CivilDate] = []
        days.reserveCapacity(max(0, count))
        var day = start
        while days.count < count {
            day = day.adding(days: 1)
            if isWorkingDay(day) { days.append(day) }
        }
        return days
    }
}
