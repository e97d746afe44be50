/// Vietnam's public holidays, as the Labour Code 2019 (Bộ luật Lao động, Art. 112) sets them, with
/// the compensating day off when a holiday falls on a weekend (Decree 145/2020/NĐ-CP, Art. 58).
///
/// - 1 January (Tết Dương lịch);
/// - Tết Nguyên đán, five days: the last day of the lunar year and the first four of the new one;
/// - 10th day of the 3rd lunar month (Giỗ Tổ Hùng Vương);
/// - 30 April and 1 May;
/// - 2 September and one day next to it.
///
/// Each year the Prime Minister fixes which day before Tết and which day next to 2 September are
/// off, and often swaps a working Saturday for a bridging day. This type follows the usual
/// pattern (the day before Tết; 1 or 3 September, whichever joins a weekend); a workspace corrects
/// any year's actual decision with its own calendar entries (``WorkingCalendar``).
public enum PublicHolidays {
    /// The years whose lunar holidays are known (the span of the bundled table).
    public static var lunarYears: ClosedRange<Int> { LunarDates.years }

    /// The first day of the lunar year (Tết Nguyên đán) in `year`, where the table knows it.
    public static func lunarNewYear(in year: Int) -> CivilDate? { LunarDates.byYear[year]?.tet }

    /// The Hùng Kings' Commemoration (10th day of the 3rd lunar month) in `year`, where known.
    public static func hungKingsDay(in year: Int) -> CivilDate? { LunarDates.byYear[year]?.hungKings }

    /// The public holidays of `year` with their names, before compensation for weekends. Years
    /// outside ``lunarYears`` get only the holidays of the Gregorian calendar.
    public static func holidays(in year: Int) -> [(day: CivilDate, name: Holiday)] {
        var days: [(CivilDate, Holiday)] = []
        func add(_ month: Int, _ day: Int, _ name: Holiday) {
            if let date = CivilDate(year: year, month: month, day: day) { days.append((date, name)) }
        }
        add(1, 1, .newYear)
        if let lunar = LunarDates.byYear[year] {
            for offset in -1...3 { days.append((lunar.tet.adding(days: offset), .tet)) }
            days.append((lunar.hungKings, .hungKings))
        }
        add(4, 30, .reunification)
        add(5, 1, .labourDay)
        add(9, 2, .nationalDay)
        if let september2 = CivilDate(year: year, month: 9, day: 2) {
            // Monday to Sunday: the extra day that joins the holiday to a weekend where one is near.
            let extra = [3, 1, 3, 3, 1, 1, 3][september2.weekday - 1]
            add(9, extra, .nationalDay)
        }
        return days.sorted { $0.0 < $1.0 }
    }

    /// The days off of `year`: the holidays, and for each holiday on a Saturday or Sunday the next
    /// working day after it.
    public static func daysOff(in year: Int) -> [CivilDate: Holiday] {
        var off: [CivilDate: Holiday] = [:]
        let holidays = holidays(in: year)
        for (day, name) in holidays { off[day] = name }
        for (day, name) in holidays where day.isWeekend {
            var compensation = day.adding(days: 1)
            while compensation.isWeekend || off[compensation] != nil { compensation = compensation.adding(days: 1) }
            off[compensation] = name
        }
        return off
    }

    /// A public holiday, by what it commemorates.
    public enum Holiday: String, Sendable, Codable, CaseIterable {
        case newYear, tet, hungKings, reunification, labourDay, nationalDay
    }
}
