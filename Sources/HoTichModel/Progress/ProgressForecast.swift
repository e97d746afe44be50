/// When a unit will reach its target at the pace it has kept, and whether that is in time.
///
/// **Pace** is records verified per working day. The point forecast uses the last 28 days (the
/// pace a supervisor sees in the report); where fewer than 28 days have passed since work began,
/// the days since then.
///
/// **Range**: a bootstrap over weekly pace. The last eight 7-day windows ending on the report's
/// day (those after work began and with at least one working day) each give a pace; 1 000 times,
/// as many windows are drawn with replacement and their pooled pace gives a finish date; the 10th
/// and 90th percentiles of those dates are the range (an 80 % interval), widened where needed to
/// hold the point forecast. A steady pace gives a narrow range; an uneven one a wide range. The
/// draws use a fixed seed, so a report says the same thing every time it is made from the same data.
///
/// Finishing is counted in working days (``WorkingCalendar``): a pace of 100 a day with 1 000
/// records left finishes on the 10th working day after the report's day.
public struct ProgressForecast: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// The target is reached.
        case done
        /// The whole range finishes by the due date.
        case onTrack
        /// The point forecast is in time, but the slow end of the range is not.
        case atRisk
        /// The point forecast is after the due date (or the due date has passed).
        case late
        /// Nothing done yet, or nothing in the last weeks: no pace to forecast from.
        case noPace
        /// No plan: nothing to forecast towards.
        case noPlan
    }

    /// Records per working day in the last 7 and 28 days (`nil` where those days had no working day).
    public let pace7: Double?
    public let pace28: Double?
    /// Records per working day needed from the day after the report's day to the due date.
    public let requiredPace: Double?
    public let remaining: Int?
    /// The point forecast, and the 80 % range; `nil` without pace or beyond ``horizonWorkingDays``.
    public let finish: CivilDate?
    public let finishEarliest: CivilDate?
    public let finishLatest: CivilDate?
    /// Whether the slow end of the range (or the point forecast) lies beyond the horizon.
    public let beyondHorizon: Bool
    public let status: Status
    /// Calendar days between the due date and the point forecast (or today, without one) when late.
    public let daysLate: Int?
    /// How many weekly windows the range was drawn from.
    public let weeksUsed: Int

    /// About ten years: forecasts further away are reported as beyond reach.
    public static let horizonWorkingDays = 2_500
    static let draws = 1_000
    static let windows = 8
    static let seed: UInt64 = 0x686F_7469_6368  // "hotich"

    public init(
        pace7: Double?, pace28: Double?, requiredPace: Double?, remaining: Int?, finish: CivilDate?,
        finishEarliest: CivilDate?, finishLatest: CivilDate?, beyondHorizon: Bool, status: Status, daysLate: Int?,
        weeksUsed: Int
    ) {
        self.pace7 = pace7
        self.pace28 = pace28
        self.requiredPace = requiredPace
        self.remaining = remaining
        self.finish = finish
        self.finishEarliest = finishEarliest
        self.finishLatest = finishLatest
        self.beyondHorizon = beyondHorizon
        self.status = status
        self.daysLate = daysLate
        self.weeksUsed = weeksUsed
    }

    /// The forecast for a unit that verified `done` records on each day (days after `asOf` are
    /// ignored), measured against `target`, on the report's day `asOf`.
    ///
    /// Pace is measured on whole days, through `paceThrough` (by default `asOf`; the day before
    /// when the report is made during `asOf` itself, whose work is still going on) — unless
    /// nothing was done before `asOf`, when `asOf` is all there is to go by.
    public static func make(
        done: [CivilDate: Int], target: PlanTarget?, asOf: CivilDate, paceThrough: CivilDate? = nil, calendar: WorkingCalendar
    ) -> ProgressForecast {
        var measuredTo = min(paceThrough ?? asOf, asOf)
        if !done.contains(where: { $0.key <= measuredTo && $0.value != 0 }) { measuredTo = asOf }
        let firstActivity = done.filter { $0.key <= measuredTo && $0.value != 0 }.keys.min()
        // Weekly windows (end - 7, end], newest first, counted from the first day of work.
        var weeks: [(done: Int, workingDays: Int)] = []
        if let firstActivity {
            for index in 0..<windows {
                let end = measuredTo.adding(days: -7 * index)
                guard end >= firstActivity else { break }
                let start = max(end.adding(days: -7), firstActivity.adding(days: -1))
                let days = calendar.workingDays(after: start, through: end)
                var sum = 0
                var day = start.adding(days: 1)
                while day <= end {
                    sum += done[day] ?? 0
                    day = day.adding(days: 1)
                }
                weeks.append((sum, days))
            }
        }
        func pace(_ windows: ArraySlice<(done: Int, workingDays: Int)>) -> Double? {
            let days = windows.reduce(0) { $0 + $1.workingDays }
            return days == 0 ? nil : Double(windows.reduce(0) { $0 + $1.done }) / Double(days)
        }
        let pace7 = weeks.isEmpty ? nil : pace(weeks.prefix(1))
        let pace28 = weeks.isEmpty ? nil : pace(weeks.prefix(4))
        let sampled = weeks.filter { $0.workingDays > 0 }

        guard let target else {
            return ProgressForecast(
                pace7: pace7, pace28: pace28, requiredPace: nil, remaining: nil, finish: nil, finishEarliest: nil,
                finishLatest: nil, beyondHorizon: false, status: .noPlan, daysLate: nil, weeksUsed: sampled.count)
        }
        let total = done.filter { $0.key <= asOf }.values.reduce(0, +)
        let remaining = max(0, target.records - total)
        let daysToDue = calendar.workingDays(after: asOf, through: target.due)
        let required: Double? = remaining == 0 ? 0 : (daysToDue == 0 ? nil : Double(remaining) / Double(daysToDue))
        if remaining == 0 {
            return ProgressForecast(
                pace7: pace7, pace28: pace28, requiredPace: 0, remaining: 0, finish: nil, finishEarliest: nil,
                finishLatest: nil, beyondHorizon: false, status: .done, daysLate: nil, weeksUsed: sampled.count)
        }
        let pointPace = pace28 ?? pace7 ?? 0
        guard pointPace > 0 else {
            let overdue = asOf > target.due ? target.due.days(to: asOf) : nil
            return ProgressForecast(
                pace7: pace7, pace28: pace28, requiredPace: required, remaining: remaining, finish: nil, finishEarliest: nil,
                finishLatest: nil, beyondHorizon: false, status: overdue == nil ? .noPace : .late, daysLate: overdue,
                weeksUsed: sampled.count)
        }
        let horizon = calendar.nextWorkingDays(after: asOf, count: horizonWorkingDays)
        func finishDay(pace: Double) -> CivilDate? {
            guard pace > 0 else { return nil }
            let needed = Int((Double(remaining) / pace).rounded(.up))
            return needed <= horizon.count ? horizon[max(0, needed - 1)] : nil
        }
        let point = finishDay(pace: pointPace)

        // Bootstrap the pooled pace of weekly windows drawn with replacement.
        var random = SeededRandom(seed: seed)
        var workingDaysNeeded: [Int] = []
        workingDaysNeeded.reserveCapacity(draws)
        for _ in 0..<draws {
            var sum = 0
            var days = 0
            for _ in sampled.indices {
                let week = sampled[Int(random.next() % UInt64(sampled.count))]
                sum += week.done
                days += week.workingDays
            }
            workingDaysNeeded.append(sum == 0 ? Int.max : Int((Double(remaining) * Double(days) / Double(sum)).rounded(.up)))
        }
        workingDaysNeeded.sort()
        func day(_ needed: Int) -> CivilDate? { needed <= horizon.count ? horizon[max(0, needed - 1)] : nil }
        let pointNeeded = Int((Double(remaining) / pointPace).rounded(.up))
        // The 10th and 90th percentiles: the 100th and the 900th of the 1 000 sorted draws.
        let fast = min(workingDaysNeeded[draws / 10 - 1], pointNeeded)
        let slow = max(workingDaysNeeded[draws * 9 / 10 - 1], pointNeeded)
        let earliest = day(fast)
        let latest = day(slow)

        let status: Status
        var daysLate: Int?
        if let point, point > target.due {
            status = .late
            daysLate = target.due.days(to: point)
        } else if point == nil {
            status = .late
            daysLate = nil
        } else if latest.map({ $0 > target.due }) ?? true {
            status = .atRisk
        } else {
            status = .onTrack
        }
        return ProgressForecast(
            pace7: pace7, pace28: pace28, requiredPace: required, remaining: remaining, finish: point,
            finishEarliest: earliest, finishLatest: latest, beyondHorizon: latest == nil, status: status,
            daysLate: daysLate, weeksUsed: sampled.count)
    }
}
