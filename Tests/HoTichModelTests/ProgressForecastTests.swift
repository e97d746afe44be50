import HoTichModel
import Testing

/// Forecast arithmetic on synthetic histories: each working day's verified records, a target, a day.
@Suite struct ProgressForecastTests {
    let calendar = WorkingCalendar()
    func day(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    /// `perWeek[i]` records on each working day of the i-th of the weeks ending on `asOf` (oldest first).
    func history(asOf: CivilDate, perWeek: [Int]) -> [CivilDate: Int] {
        var done: [CivilDate: Int] = [:]
        for (index, perDay) in perWeek.enumerated() {
            let end = asOf.adding(days: -7 * (perWeek.count - 1 - index))
            for offset in 0..<7 {
                let date = end.adding(days: -offset)
                if calendar.isWorkingDay(date), perDay > 0 { done[date] = perDay }
            }
        }
        return done
    }

    @Test func aSteadyPaceFinishesOnTheWorkingDayItReachesTheTargetWithANarrowRange() {
        let asOf = day("2026-11-27")  // a Friday
        let done = history(asOf: asOf, perWeek: Array(repeating: 100, count: 8))
        let total = done.values.reduce(0, +)
        #expect(total == 4_000)
        let forecast = ProgressForecast.make(
            done: done, target: PlanTarget(records: total + 1_000, start: nil, due: day("2027-01-29")), asOf: asOf, calendar: calendar)
        #expect(forecast.pace7 == 100 && forecast.pace28 == 100)
        // 1 000 left at 100 a day: the 10th working day after Friday 27 November is Friday 11 December.
        #expect(forecast.finish == day("2026-12-11"))
        #expect(forecast.finishEarliest == forecast.finish && forecast.finishLatest == forecast.finish)
        #expect(forecast.status == .onTrack)
        #expect(forecast.remaining == 1_000 && forecast.weeksUsed == 8)
        // The working days from 28 November to 29 January: 44 (1 January off).
        #expect(forecast.requiredPace.map { abs($0 - 1_000.0 / 44) < 1e-9 } == true)
    }

    @Test func aSlowingPaceForecastsFromTheRecentWeeksAndWidensTheRange() {
        let asOf = day("2026-11-27")
        let done = history(asOf: asOf, perWeek: [200, 200, 200, 200, 50, 50, 50, 50])
        let due = day("2026-12-31")
        let forecast = ProgressForecast.make(done: done, target: PlanTarget(records: 20_000, start: nil, due: due), asOf: asOf, calendar: calendar)
        #expect(forecast.pace28 == 50 && forecast.pace7 == 50)
        // 20 000 − 5 000 = 15 000 left at 50 a day: 300 working days, far beyond the due date.
        let finish = try! #require(forecast.finish)
        #expect(forecast.status == .late)
        #expect(forecast.daysLate == due.days(to: finish))
        let earliest = try! #require(forecast.finishEarliest), latest = try! #require(forecast.finishLatest)
        #expect(earliest < finish, "faster weeks drawn make earlier finishes")
        #expect(latest >= finish)
        #expect(calendar.workingDays(after: asOf, through: finish) == 300)
    }

    @Test func anUnevenPaceThatIsInTimeOnAverageIsAtRisk() {
        let asOf = day("2026-11-27")
        let done = history(asOf: asOf, perWeek: [10, 190, 10, 190, 10, 190, 10, 190])
        // Pace 100 a day; 2 000 left → 20 working days, due with 5 to spare; slow draws miss it.
        let total = done.values.reduce(0, +)
        let due = calendar.nextWorkingDays(after: asOf, count: 25).last!
        let forecast = ProgressForecast.make(done: done, target: PlanTarget(records: total + 2_000, start: nil, due: due), asOf: asOf, calendar: calendar)
        #expect(forecast.pace28 == 100)
        #expect(forecast.status == .atRisk)
        #expect(try! #require(forecast.finishLatest) > due)
        #expect(try! #require(forecast.finish) <= due)
    }

    /// A week with Tết in it: the days off are not counted, so the pace per working day holds.
    @Test func aHolidayWeekDoesNotLowerThePace() {
        let asOf = day("2026-02-27")
        let done = history(asOf: asOf, perWeek: Array(repeating: 80, count: 8))
        #expect(done[day("2026-02-17")] == nil, "Tết: nothing done, nothing expected")
        let forecast = ProgressForecast.make(
            done: done, target: PlanTarget(records: 100_000, start: nil, due: day("2027-12-31")), asOf: asOf, calendar: calendar)
        #expect(forecast.pace28 == 80 && forecast.pace7 == 80)
        #expect(forecast.weeksUsed == 7, "the Tết week has no working day and is left out of the draws")
        #expect(forecast.finishEarliest == forecast.finishLatest)
    }

    @Test func noActivityYetHasNoPaceAndIsLateOnlyOnceTheDueDateHasPassed() {
        let target = PlanTarget(records: 500, start: nil, due: day("2026-12-31"))
        let early = ProgressForecast.make(done: [:], target: target, asOf: day("2026-11-27"), calendar: calendar)
        #expect(early.status == .noPace && early.finish == nil && early.pace28 == nil && early.remaining == 500)
        let overdue = ProgressForecast.make(done: [:], target: target, asOf: day("2027-01-10"), calendar: calendar)
        #expect(overdue.status == .late && overdue.daysLate == 10 && overdue.finish == nil)
        // Work that stopped more than 28 days ago leaves no pace either.
        let stopped = ProgressForecast.make(done: [day("2026-09-01"): 40], target: target, asOf: day("2026-11-27"), calendar: calendar)
        #expect(stopped.status == .noPace && stopped.pace28 == 0)
    }

    @Test func aPlanAlreadyMetIsDoneAndAUnitWithoutAPlanHasOnlyItsPace() {
        let asOf = day("2026-11-27")
        let done = history(asOf: asOf, perWeek: [100, 100])
        let met = ProgressForecast.make(done: done, target: PlanTarget(records: 800, start: nil, due: day("2026-11-01")), asOf: asOf, calendar: calendar)
        #expect(met.status == .done && met.remaining == 0 && met.daysLate == nil)
        let none = ProgressForecast.make(done: done, target: nil, asOf: asOf, calendar: calendar)
        #expect(none.status == .noPlan && none.pace7 == 100 && none.remaining == nil)
    }

    @Test func aPaceTooSlowForTenYearsIsReportedAsBeyondReach() {
        let asOf = day("2026-11-27")
        let done = [day("2026-11-20"): 1]
        let forecast = ProgressForecast.make(
            done: done, target: PlanTarget(records: 1_000_000, start: nil, due: day("2027-06-30")), asOf: asOf, calendar: calendar)
        #expect(forecast.status == .late && forecast.finish == nil && forecast.beyondHorizon)
    }

    @Test func daysAfterTheReportsDayAreIgnoredAndTheSameDataGivesTheSameRange() {
        let asOf = day("2026-11-27")
        var done = history(asOf: asOf, perWeek: [30, 120, 60, 90, 40, 110, 70, 80])
        let target = PlanTarget(records: 50_000, start: nil, due: day("2028-01-01"))
        let first = ProgressForecast.make(done: done, target: target, asOf: asOf, calendar: calendar)
        done[day("2026-12-01")] = 1_000_000
        let second = ProgressForecast.make(done: done, target: target, asOf: asOf, calendar: calendar)
        #expect(first == second)
    }

    @Test func activeTimeLeavesOutPausesLongerThanFiveMinutes() {
        let minute: Int64 = 60_000
        let times: [Int64] = [0, 1 * minute, 3 * minute, 13 * minute, 13 * minute + 30_000, 18 * minute + 30_000]
        // 1 + 2 + (10 excluded) + 0.5 + 5 (exactly five counts) = 8.5 minutes.
        #expect(ActiveTime.milliseconds(times) == 8 * minute + 30_000)
        #expect(ActiveTime.milliseconds([]) == 0 && ActiveTime.milliseconds([5]) == 0)
        let figures = OperatorFigures(
            name: "a", keyings: 40, fields: 1_200, typedKeyings: 30, typedFields: 900, activeMilliseconds: 2 * 3_600_000, errors: 6,
            recordsCorrected: 4, decisions: 0)
        #expect(figures.recordsPerHour == 15 && figures.fieldsPerHour == 450)
        #expect(figures.errorsPerThousandFields == 5 && figures.shareCorrected == 0.1)
    }

    @Test func plansCombineIntoTheTargetsOfOfficesAndTheWorkspace() {
        let a = OfficeCode("20245")!, b = OfficeCode("20246")!
        let plans = [
            ProgressPlan(office: a, kind: .birth, records: 100, start: nil, due: day("2027-01-31"), setBy: "g", setAt: "t", revision: 1),
            ProgressPlan(office: a, kind: .death, records: 50, start: nil, due: day("2027-03-31"), setBy: "g", setAt: "t", revision: 1),
            ProgressPlan(office: b, kind: nil, records: 70, start: nil, due: day("2027-02-28"), setBy: "g", setAt: "t", revision: 1),
            ProgressPlan(office: b, kind: .birth, records: 60, start: nil, due: day("2027-02-28"), setBy: "g", setAt: "t", revision: 1),
        ]
        let ks = PlanTarget.Scope(office: a, kind: .birth), kt = PlanTarget.Scope(office: a, kind: .death)
        #expect(PlanTarget.of(.office(a), plans: plans) == PlanTarget(records: 150, start: nil, due: day("2027-03-31"), scope: [ks, kt]))
        #expect(PlanTarget.of(.office(b), plans: plans)?.records == 70, "an office's own plan wins over its kinds'")
        #expect(PlanTarget.of(.officeKind(a, .birth), plans: plans)?.records == 100)
        #expect(PlanTarget.of(.all, plans: plans)
            == PlanTarget(records: 220, start: nil, due: day("2027-03-31"), scope: [ks, kt, PlanTarget.Scope(office: b, kind: nil)]))
        #expect(PlanTarget.of(.batch("x"), plans: plans) == nil)
    }

    /// Today's work is still going on: pace is measured to yesterday, unless today is all there is.
    @Test func paceIsMeasuredOnWholeDays() {
        let asOf = day("2026-11-27")
        var done = history(asOf: asOf.adding(days: -1), perWeek: [100, 100, 100, 100])
        done[asOf] = 10  // the morning of a Friday
        let target = PlanTarget(records: 100_000, start: nil, due: day("2027-12-31"))
        let measured = ProgressForecast.make(done: done, target: target, asOf: asOf, paceThrough: asOf.adding(days: -1), calendar: calendar)
        #expect(measured.pace7 == 100 && measured.pace28 == 100)
        let naive = ProgressForecast.make(done: done, target: target, asOf: asOf, calendar: calendar)
        #expect(try! #require(naive.pace7) < 100)
        let firstDay = ProgressForecast.make(done: [asOf: 10], target: target, asOf: asOf, paceThrough: asOf.adding(days: -1), calendar: calendar)
        #expect(firstDay.pace7 == 10, "work begun today is the only pace there is")
    }
}
