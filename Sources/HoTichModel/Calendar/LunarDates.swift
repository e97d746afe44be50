/// The Gregorian dates of the Vietnamese lunar new year (Tết Nguyên đán, 1st day of the 1st lunar
/// month) and of the Hùng Kings' commemoration (Giỗ Tổ Hùng Vương, 10th day of the 3rd lunar
/// month), 2000–2060: the two public holidays that move with the lunar calendar.
///
/// Source: computed by `scripts/lunar-dates.py 2000 2060` for Hanoi time (UTC+7), the time the
/// Vietnamese calendar has used since 1968 (Hồ Ngọc Đức, "Âm lịch Việt Nam"; new moons and solar
/// terms after J. Meeus, "Astronomical Algorithms", 2nd ed.). It is why Tết 2007 falls on 17 Feb
/// and Tết 2030 on 2 Feb here, a day before China's. Checked in the tests against published dates
/// (Tết 1985, 2007, 2023–2027, 2030, 2053; Giỗ Tổ 2020, 2022–2026).
enum LunarDates {
    /// The years the table covers.
    static let years = 2000...2060

    /// `year tết hùngKings`, one year a line.
    static let table = """
        2000 2000-02-05 2000-04-14
        2001 2001-01-24 2001-04-03
        2002 2002-02-12 2002-04-22
        2003 2003-02-01 2003-04-11
        2004 2004-01-22 2004-04-28
        2005 2005-02-09 2005-04-18
        2006 2006-01-29 2006-04-07
        2007 2007-02-17 2007-04-26
        2008 2008-02-07 2008-04-15
        2009 2009-01-26 2009-04-04
        2010 2010-02-14 2010-04-23
        2011 2011-02-03 2011-04-12
        2012 2012-01-23 2012-03-31
        2013 2013-02-10 2013-04-19
        2014 2014-01-31 2014-04-09
        2015 2015-02-19 2015-04-28
        2016 2016-02-08 2016-04-16
        2017 2017-01-28 2017-04-06
        2018 2018-02-16 2018-04-25
        2019 2019-02-05 2019-04-14
        2020 2020-01-25 2020-04-02
        2021 2021-02-12 2021-04-21
        2022 2022-02-01 2022-04-10
        2023 2023-01-22 2023-04-29
        2024 2024-02-10 2024-04-18
        2025 2025-01-29 2025-04-07
        2026 2026-02-17 2026-04-26
        2027 2027-02-06 2027-04-16
        2028 2028-01-26 2028-04-04
        2029 2029-02-13 2029-04-23
        2030 2030-02-02 2030-04-12
        2031 2031-01-23 2031-04-01
        2032 2032-02-11 2032-04-19
        2033 2033-01-31 2033-04-09
        2034 2034-02-19 2034-04-28
        2035 2035-02-08 2035-04-17
        2036 2036-01-28 2036-04-06
        2037 2037-02-15 2037-04-24
        2038 2038-02-04 2038-04-13
        2039 2039-01-24 2039-04-03
        2040 2040-02-12 2040-04-20
        2041 2041-02-01 2041-04-10
        2042 2042-01-22 2042-04-29
        2043 2043-02-10 2043-04-19
        2044 2044-01-30 2044-04-07
        2045 2045-02-17 2045-04-26
        2046 2046-02-06 2046-04-15
        2047 2047-01-26 2047-04-04
        2048 2048-02-14 2048-04-22
        2049 2049-02-02 2049-04-11
        2050 2050-01-23 2050-04-01
        2051 2051-02-11 2051-04-20
        2052 2052-02-01 2052-04-09
        2053 2053-02-18 2053-04-28
        2054 2054-02-08 2054-04-17
        2055 2055-01-28 2055-04-06
        2056 2056-02-15 2056-04-24
        2057 2057-02-04 2057-04-13
        2058 2058-01-24 2058-04-02
        2059 2059-02-12 2059-04-21
        2060 2060-02-02 2060-04-10
        """

    /// Tết and Giỗ Tổ by year, read once.
    static let byYear: [Int: (tet: CivilDate, hungKings: CivilDate)] = {
        var dates: [Int: (tet: CivilDate, hungKings: CivilDate)] = [:]
        for line in table.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let year = Int(parts[0]), let tet = CivilDate(iso: String(parts[1])),
                  let hung = CivilDate(iso: String(parts[2]))
            else { preconditionFailure("LunarDates.table: malformed line") }
            dates[year] = (tet, hung)
        }
        return dates
    }()
}
