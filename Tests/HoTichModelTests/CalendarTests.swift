import HoTichModel
import Testing

@Suite struct CalendarTests {
    func day(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    /// Published dates of Tết and Giỗ Tổ (Vietnamese calendar, UTC+7), against the bundled table.
    @Test(arguments: [
        ("2007", "2007-02-17"), ("2020", "2020-01-25"), ("2023", "2023-01-22"), ("2024", "2024-02-10"), ("2025", "2025-01-29"),
        ("2026", "2026-02-17"), ("2027", "2027-02-06"), ("2030", "2030-02-02"), ("2053", "2053-02-18"),
    ])
    func lunarNewYearFallsOnItsPublishedDay(_ year: String, _ date: String) {
        #expect(PublicHolidays.lunarNewYear(in: Int(year)!) == day(date))
    }

    @Test(arguments: [
        ("2020", "2020-04-02"), ("2022", "2022-04-10"), ("2023", "2023-04-29"), ("2024", "2024-04-18"), ("2025", "2025-04-07"),
        ("2026", "2026-04-26"),
    ])
    func hungKingsDayFallsOnItsPublishedDay(_ year: String, _ date: String) {
        #expect(PublicHolidays.hungKingsDay(in: Int(year)!) == day(date))
    }

    @Test func theTableCoversEveryYearInUseAndTetIsAlwaysInItsSeason() {
        for year in PublicHolidays.lunarYears {
            let tet = try! #require(PublicHolidays.lunarNewYear(in: year))
            #expect(tet >= CivilDate(year: year, month: 1, day: 21)! && tet <= CivilDate(year: year, month: 2, day: 20)!, "\(year)")
        }
        #expect(PublicHolidays.lunarYears.contains(2000) && PublicHolidays.lunarYears.contains(2060))
    }

    /// Tết 2026 (Tuesday 17 February): Monday 16 to Friday 20 off, so a fortnight has five working days.
    @Test func workingDaysAcrossTet() {
        let calendar = WorkingCalendar()
        #expect(calendar.workingDays(after: day("2026-02-13"), through: day("2026-02-27")) == 5)
        for off in ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"] {
            #expect(!calendar.isWorkingDay(day(off)))
            #expect(calendar.holiday(on: day(off)) == .tet)
        }
        #expect(calendar.isWorkingDay(day("2026-02-23")))
    }

    /// Tết 2027 (Saturday 6 February): the two holidays on the weekend are given back on Wednesday and Thursday.
    @Test func holidaysOnAWeekendAreCompensatedOnTheNextWorkingDays() {
        let calendar = WorkingCalendar()
        #expect(calendar.workingDays(after: day("2027-02-04"), through: day("2027-02-12")) == 1)
        #expect(!calendar.isWorkingDay(day("2027-02-10")) && !calendar.isWorkingDay(day("2027-02-11")))
        #expect(calendar.isWorkingDay(day("2027-02-12")))
        // 1 May 2027 is a Saturday: Monday 3 May is off.
        #expect(!calendar.isWorkingDay(day("2027-05-03")))
    }

    @Test func nationalDayTakesTheDayThatJoinsAWeekend() {
        #expect(PublicHolidays.holidays(in: 2025).contains { $0.day == day("2025-09-01") })  // Tuesday 2/9: Monday 1/9
        #expect(PublicHolidays.holidays(in: 2027).contains { $0.day == day("2027-09-03") })  // Thursday 2/9: Friday 3/9
        #expect(PublicHolidays.holidays(in: 2026).contains { $0.day == day("2026-09-03") })  // Wednesday 2/9: Thursday 3/9
    }

    @Test func aWorkspaceCorrectionOverridesTheCalendar() {
        let entries = [
            WorkingCalendar.Entry(day: day("2026-02-14"), working: true, reason: "làm bù", setBy: "giamsat", setAt: "t"),
            WorkingCalendar.Entry(day: day("2026-02-23"), working: false, reason: "nghỉ bù", setBy: "giamsat", setAt: "t"),
        ]
        let calendar = WorkingCalendar(entries: entries)
        #expect(calendar.isWorkingDay(day("2026-02-14")))
        #expect(!calendar.isWorkingDay(day("2026-02-23")))
        #expect(calendar.workingDays(after: day("2026-02-13"), through: day("2026-02-27")) == 5)
    }

    @Test func datesWeeksAndTheVietnameseDay() {
        #expect(CivilDate.isoWeek("2026-W48")?.monday == day("2026-11-23"))
        #expect(CivilDate.isoWeek("2020-W53")?.monday == day("2020-12-28"))
        #expect(CivilDate.isoWeek("2021-W53") == nil)
        #expect(CivilDate.isoWeek("2026-48") == nil && CivilDate.isoWeek("2026-W00") == nil)
        #expect(day("2026-11-27").isoWeekText == "2026-W48")
        #expect(day("2027-01-01").isoWeekText == "2026-W53")
        #expect(CivilDate(timestamp: "2026-11-27T16:59:59.999Z") == day("2026-11-27"))
        #expect(CivilDate(timestamp: "2026-11-27T17:00:00.000Z") == day("2026-11-28"))
        #expect(CivilDate(iso: "2027-02-29") == nil && CivilDate(iso: "2028-02-29") != nil && CivilDate(iso: "2026-1-01") == nil)
        #expect(day("2026-11-29").weekday == 7 && day("2026-11-29").isWeekend && !day("2026-11-27").isWeekend)
        #expect(day("2026-11-27").vietnamese == "27/11/2026")
    }

    @Test func weeksAndHolidaysAtTheEdgesOfTheCalendar() {
        #expect(CivilDate(year: 9999, month: 12, day: 31)!.isoWeek.year == 9999)
        #expect(CivilDate(year: 1, month: 1, day: 1)!.isoWeek.week >= 1)
        #expect(CivilDate.isoWeek("9999-W52") == nil && CivilDate.isoWeek("0001-W01") == nil && CivilDate.isoWeek("2100-W52") != nil)
        let calendar = WorkingCalendar()
        // Outside the lunar table the Gregorian holidays still hold.
        #expect(!calendar.isWorkingDay(day("2061-01-03")) || day("2061-01-03").isWeekend == false && calendar.holiday(on: day("2061-01-01")) == .newYear)
        #expect(calendar.holiday(on: day("1999-09-02")) == .nationalDay && calendar.holiday(on: day("2061-01-01")) == .newYear)
    }
}
