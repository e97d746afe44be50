#!/usr/bin/env python3
"""Prints the Gregorian dates of the Vietnamese lunar new year (1/1) and of the Hùng Kings'
commemoration (10/3) for a range of years, as the table in
Sources/HoTichModel/Calendar/LunarDates.swift holds them.

The Vietnamese lunar calendar is computed for Hanoi time (UTC+7): a month begins on the day of
the new moon, month 11 is the one holding the winter solstice, and in a year of 13 months the
first month without a major solar term is the leap month. New moons and the sun's longitude are
those of Jean Meeus, "Astronomical Algorithms" (2nd ed., 1998), ch. 49 (new moon, main terms)
and ch. 25 (sun, low accuracy); the rules are as the Vietnamese calendar applies them since 1968
(see Hồ Ngọc Đức, "Âm lịch Việt Nam", and Reingold & Dershowitz, "Calendrical Calculations").

Usage: scripts/lunar-dates.py [FIRST LAST]   (default 1990 2080)
"""
import math
import sys

ZONE = 7.0  # Hanoi, UTC+7
SYNODIC = 29.530588853
EPOCH_NEW_MOON = 2415021.076998695  # the new moon of 1900-01-01, Julian day


def julian_day(year, month, day):
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jd = day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045
    if jd < 2299161:
        jd = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return jd


def civil_date(jd):
    if jd > 2299160:
        a = jd + 32044
        b = (4 * a + 3) // 146097
        c = a - (b * 146097) // 4
    else:
        b = 0
        c = jd + 32082
    d = (4 * c + 3) // 1461
    e = c - (1461 * d) // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = b * 100 + d - 4800 + m // 10
    return year, month, day


def new_moon_day(k):
    """The local day (Julian day number) of the k-th new moon after 1900-01-01."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 -= 0.4068 * math.sin(mpr * dr) + 0.0161 * math.sin(dr * 2 * mpr)
    c1 -= 0.0004 * math.sin(dr * 3 * mpr)
    c1 += 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 -= 0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 -= 0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 += 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return math.floor(jd1 + c1 - delta_t + 0.5 + ZONE / 24)


def sun_sector(jdn):
    """Which twelfth of the ecliptic (0–11) the sun is in at the start of local day `jdn`."""
    t = (jdn - 2451545.5 - ZONE / 24) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    lon = (l0 + dl) * dr
    lon -= math.pi * 2 * math.floor(lon / (math.pi * 2))
    return math.floor(lon / math.pi * 6)


def month_11(year):
    """The first day of lunar month 11 (the month of the winter solstice) of `year`."""
    k = math.floor((julian_day(year, 12, 31) - 2415021) / SYNODIC)
    start = new_moon_day(k)
    if sun_sector(start) >= 9:
        start = new_moon_day(k - 1)
    return start


def leap_month_offset(a11):
    k = math.floor((a11 - EPOCH_NEW_MOON) / SYNODIC + 0.5)
    i = 1
    arc = sun_sector(new_moon_day(k + i))
    while True:
        last = arc
        i += 1
        arc = sun_sector(new_moon_day(k + i))
        if arc == last or i >= 14:
            break
    return i - 1


def lunar_to_civil(day, month, year):
    """The Gregorian date of day/month (not the leap month) of lunar year `year`."""
    if month < 11:
        a11, b11 = month_11(year - 1), month_11(year)
    else:
        a11, b11 = month_11(year), month_11(year + 1)
    k = math.floor(0.5 + (a11 - EPOCH_NEW_MOON) / SYNODIC)
    off = (month - 11) % 12
    if b11 - a11 > 365 and off >= leap_month_offset(a11):
        off += 1
    return civil_date(new_moon_day(k + off) + day - 1)


def main():
    first, last = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) == 3 else (1990, 2080)
    for year in range(first, last + 1):
        tet = lunar_to_civil(1, 1, year)
        hung = lunar_to_civil(10, 3, year)
        print("%d %04d-%02d-%02d %04d-%02d-%02d" % (year, *tet, *hung))


if __name__ == "__main__":
    main()
