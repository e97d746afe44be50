import HoTichModel

/// The charts of the progress page, as inline SVG: each with a title and a description that say
/// in words what it shows, a `viewBox` so it scales to a phone, and colours that keep a contrast of
/// at least 4.5:1 against white. Risk is never told by colour alone: each bar carries its words.
enum ProgressCharts {
    static let ink = "#1f2328"
    static let grid = "#d0d7de"
    static let muted = "#57606a"
    static let verifiedColour = "#0550ae"
    static let exportedColour = "#1a7f37"
    static let planColour = "#57606a"
    static let coneColour = "#f2cc60"

    static func colour(_ status: ProgressForecast.Status) -> String {
        switch status {
        case .done: "#0550ae"
        case .onTrack: "#1a7f37"
        case .atRisk: "#9a6700"
        case .late: "#cf222e"
        case .noPace, .noPlan: "#57606a"
        }
    }

    // MARK: - Burn-up

    /// Cumulative verified and exported records against the plan line, with the forecast range as
    /// a cone from today to the target.
    static func burnUp(_ report: ProgressReport, language: Language, id: String) -> String {
        let vi = language == .vietnamese
        let width = 720.0, height = 340.0, left = 72.0, right = 20.0, top = 20.0, bottom = 48.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let overall = report.overall
        let target = overall.target
        let forecast = overall.forecast
        let days = report.daily.keys.sorted()
        // From the first work (or the plan's start) to the due date or the slow end of the forecast,
        // never starting after today nor spanning more than a few years around it.
        let firstDay = max(
            min([days.first, target?.start].compactMap { $0 }.min() ?? report.asOf.adding(days: -28), report.asOf),
            report.asOf.adding(days: -5 * 366))
        var lastDay = max(report.asOf, target?.due ?? report.asOf)
        if let latest = forecast.finishLatest { lastDay = max(lastDay, latest) }
        lastDay = min(lastDay, report.asOf.adding(days: 3 * 366))
        if lastDay <= firstDay { lastDay = firstDay.adding(days: 7) }
        // Cumulative counts, one point a day — or one every few days over long spans, so that the
        // page stays small (at most about 600 points a line).
        var verified = 0, exported = 0
        for (day, counters) in report.daily where day < firstDay {
            verified += counters.verified
            exported += counters.exported
        }
        var verifiedPoints: [(CivilDate, Int)] = [(firstDay.adding(days: -1), verified)]
        var exportedPoints: [(CivilDate, Int)] = [(firstDay.adding(days: -1), exported)]
        let every = max(1, firstDay.days(to: report.asOf) / 600 + 1)
        var day = firstDay
        while day <= report.asOf {
            if let counters = report.daily[day] {
                verified += counters.verified
                exported += counters.exported
            }
            if firstDay.days(to: day) % every == every - 1 || day == report.asOf {
                verifiedPoints.append((day, verified))
                exportedPoints.append((day, exported))
            }
            day = day.adding(days: 1)
        }
        let maxValue = max(1, target?.records ?? 0, verified, exported)
        let step = niceStep(Double(maxValue) / 5)
        let yMax = (Double(maxValue) / step).rounded(.up) * step
        let span = Double(firstDay.adding(days: -1).days(to: lastDay))
        func x(_ day: CivilDate) -> Double { left + Double(firstDay.adding(days: -1).days(to: day)) / span * plotWidth }
        func y(_ value: Double) -> Double { top + plotHeight - value / yMax * plotHeight }
        func points(_ list: [(CivilDate, Int)]) -> String {
            list.map { "\(HTMLText.coordinate(x($0.0))),\(HTMLText.coordinate(y(Double($0.1))))" }.joined(separator: " ")
        }

        var svg = ""
        // Grid and axes.
        var value = 0.0
        while value <= yMax + 0.5 {
            let yy = HTMLText.coordinate(y(value))
            svg += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(yy)\" y2=\"\(yy)\" stroke=\"\(grid)\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(yy)\" text-anchor=\"end\" dominant-baseline=\"middle\" font-size=\"12\" fill=\"\(ink)\">"
                + "\(Int64(value).grouped(in: language))</text>"
            value += step
        }
        for tick in dateTicks(from: firstDay, to: lastDay) {
            let xx = HTMLText.coordinate(x(tick))
            svg += "<line x1=\"\(xx)\" x2=\"\(xx)\" y1=\"\(top + plotHeight)\" y2=\"\(top + plotHeight + 5)\" stroke=\"\(ink)\"/>"
            let anchor = x(tick) > width - right - 24 ? "end" : "middle"
            svg += "<text x=\"\(xx)\" y=\"\(top + plotHeight + 20)\" text-anchor=\"\(anchor)\" font-size=\"12\" fill=\"\(ink)\">"
                + "\(tickLabel(tick, span: Int(span)))</text>"
        }
        svg += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(top + plotHeight)\" y2=\"\(top + plotHeight)\" stroke=\"\(ink)\"/>"

        // The plan line, the forecast cone, the actuals, and today.
        if let target {
            let start = target.start ?? firstDay
            let shownStart = min(max(start, firstDay), lastDay)
            let startValue = Double(target.records) * fraction(start, target.due, shownStart)
            svg += "<line class=\"plan\" x1=\"\(HTMLText.coordinate(x(shownStart)))\" y1=\"\(HTMLText.coordinate(y(startValue)))\" "
                + "x2=\"\(HTMLText.coordinate(x(min(target.due, lastDay))))\" "
                + "y2=\"\(HTMLText.coordinate(y(Double(target.records) * fraction(start, target.due, min(target.due, lastDay)))))\" "
                + "stroke=\"\(planColour)\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
            let dueX = HTMLText.coordinate(x(min(target.due, lastDay)))
            svg += "<line x1=\"\(dueX)\" x2=\"\(dueX)\" y1=\"\(top)\" y2=\"\(top + plotHeight)\" stroke=\"\(planColour)\" stroke-width=\"1\"/>"
            let anchor = x(min(target.due, lastDay)) > width - right - 60 ? "end" : "middle"
            svg += "<text x=\"\(dueX)\" y=\"\(top - 6)\" text-anchor=\"\(anchor)\" font-size=\"12\" fill=\"\(ink)\">"
                + "\(vi ? "Hạn" : "Due") \(vi ? target.due.vietnamese : target.due.iso)</text>"
            if let earliest = forecast.finishEarliest {
                let latest = min(forecast.finishLatest ?? lastDay, lastDay)
                let origin = "\(HTMLText.coordinate(x(report.asOf))),\(HTMLText.coordinate(y(Double(verified))))"
                let goal = HTMLText.coordinate(y(Double(target.records)))
                svg += "<polygon class=\"cone\" points=\"\(origin) \(HTMLText.coordinate(x(min(earliest, lastDay)))),\(goal) "
                    + "\(HTMLText.coordinate(x(latest))),\(goal)\" fill=\"\(coneColour)\" fill-opacity=\"0.45\" stroke=\"#9a6700\" stroke-width=\"1\"/>"
                if let finish = forecast.finish {
                    svg += "<line x1=\"\(HTMLText.coordinate(x(report.asOf)))\" y1=\"\(HTMLText.coordinate(y(Double(verified))))\" "
                        + "x2=\"\(HTMLText.coordinate(x(min(finish, lastDay))))\" y2=\"\(goal)\" stroke=\"#9a6700\" stroke-width=\"2\" stroke-dasharray=\"2 3\"/>"
                }
            }
        }
        svg += "<polyline class=\"exported\" points=\"\(points(exportedPoints))\" fill=\"none\" stroke=\"\(exportedColour)\" stroke-width=\"2\" stroke-dasharray=\"8 3\"/>"
        svg += "<polyline class=\"verified\" points=\"\(points(verifiedPoints))\" fill=\"none\" stroke=\"\(verifiedColour)\" stroke-width=\"3\"/>"
        let todayX = HTMLText.coordinate(x(report.asOf))
        svg += "<line x1=\"\(todayX)\" x2=\"\(todayX)\" y1=\"\(top)\" y2=\"\(top + plotHeight)\" stroke=\"\(ink)\" stroke-width=\"1\" stroke-dasharray=\"1 3\"/>"

        let title = vi ? "Biểu đồ tích lũy: bản ghi đã kiểm tra và đã xuất so với kế hoạch" : "Burn-up: records verified and exported against the plan"
        var description = vi
            ? "Đến \(report.asOf.vietnamese): \(verified.grouped(in: language)) bản ghi đã kiểm tra, \(exported.grouped(in: language)) đã xuất"
            : "By \(report.asOf.iso): \(verified.grouped(in: language)) records verified, \(exported.grouped(in: language)) exported"
        if let target {
            description += vi
                ? "; kế hoạch \(target.records.grouped(in: language)) trước \(target.due.vietnamese)"
                : "; plan \(target.records.grouped(in: language)) by \(target.due.iso)"
        }
        if let finish = forecast.finish, let earliest = forecast.finishEarliest {
            let latest = forecast.finishLatest.map { vi ? $0.vietnamese : $0.iso } ?? (vi ? "ngoài 10 năm" : "beyond ten years")
            description += vi
                ? "; dự kiến xong \(finish.vietnamese) (khoảng \(earliest.vietnamese) – \(latest))."
                : "; forecast to finish on \(finish.iso) (range \(earliest.iso) – \(latest))."
        } else {
            description += "."
        }
        return figure(id: id, width: width, height: height, title: title, description: description, body: svg, legend: [
            (verifiedColour, vi ? "Đã kiểm tra (tích lũy)" : "Verified (cumulative)", "solid"),
            (exportedColour, vi ? "Đã xuất (tích lũy)" : "Exported (cumulative)", "dashed"),
            (planColour, vi ? "Đường kế hoạch" : "Plan line", "dashed"),
            (coneColour, vi ? "Khoảng dự báo (80%)" : "Forecast range (80%)", "area"),
        ])
    }

    // MARK: - Percent of plan

    /// One bar per unit: verified as a percentage of its plan, coloured and labelled by risk.
    static func percentBars(_ rows: [ProgressReport.Row], language: Language, id: String) -> String {
        let vi = language == .vietnamese
        let planned = rows.filter { $0.target != nil }
        let shown = Array(planned.prefix(40))
        let width = 720.0, rowHeight = 30.0, left = 150.0, right = 250.0, top = 10.0
        let height = top * 2 + rowHeight * Double(max(1, shown.count))
        let barWidth = width - left - right
        var svg = ""
        for (index, row) in shown.enumerated() {
            let percent = row.percentOfPlan ?? 0
            let yy = top + Double(index) * rowHeight
            let length = barWidth * min(1, percent / 100)
            svg += "<text x=\"\(left - 8)\" y=\"\(HTMLText.coordinate(yy + 15))\" text-anchor=\"end\" dominant-baseline=\"middle\" font-size=\"12\" fill=\"\(ink)\">"
                + "\(HTMLText.escaped(row.unit.text(in: language)))</text>"
            svg += "<rect x=\"\(left)\" y=\"\(HTMLText.coordinate(yy + 5))\" width=\"\(HTMLText.coordinate(barWidth))\" height=\"20\" fill=\"#eaeef2\"/>"
            svg += "<rect class=\"bar \(row.forecast.status.rawValue)\" x=\"\(left)\" y=\"\(HTMLText.coordinate(yy + 5))\" "
                + "width=\"\(HTMLText.coordinate(length))\" height=\"20\" fill=\"\(colour(row.forecast.status))\"/>"
            svg += "<text x=\"\(HTMLText.coordinate(left + barWidth + 8))\" y=\"\(HTMLText.coordinate(yy + 15))\" dominant-baseline=\"middle\" font-size=\"12\" fill=\"\(ink)\">"
                + "\(percent.decimal(1, in: language))% · \(HTMLText.escaped(row.forecast.status.text(in: language)))</text>"
        }
        if shown.isEmpty {
            svg += "<text x=\"\(width / 2)\" y=\"25\" text-anchor=\"middle\" font-size=\"13\" fill=\"\(ink)\">"
                + (vi ? "Chưa có kế hoạch nào." : "No plan set yet.") + "</text>"
        }
        let title = vi ? "Tỷ lệ hoàn thành kế hoạch theo đơn vị" : "Share of plan done, by unit"
        var description = shown.map { row in
            "\(row.unit.text(in: language)): \((row.percentOfPlan ?? 0).decimal(1, in: language))%, \(row.forecast.status.text(in: language))"
        }.joined(separator: "; ")
        if planned.count > shown.count {
            description += vi ? "; và \(planned.count - shown.count) đơn vị khác trong bảng." : "; and \(planned.count - shown.count) more units in the table."
        }
        return figure(id: id, width: width, height: height, title: title, description: description.isEmpty ? title : description, body: svg, legend: [])
    }

    // MARK: - Weekly throughput

    /// Records verified in each of the last twelve weeks (Monday to Sunday) up to the report's day.
    static func weeklyThroughput(_ report: ProgressReport, language: Language, id: String) -> String {
        let vi = language == .vietnamese
        let lastMonday = report.asOf.monday
        let weeks: [(monday: CivilDate, verified: Int)] = (0..<12).reversed().map { back in
            let monday = lastMonday.adding(days: -7 * back)
            var sum = 0
            for offset in 0..<7 where monday.adding(days: offset) <= report.asOf {
                sum += report.daily[monday.adding(days: offset)]?.verified ?? 0
            }
            return (monday, sum)
        }
        let width = 720.0, height = 260.0, left = 64.0, right = 16.0, top = 24.0, bottom = 44.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let maxValue = max(1, weeks.map(\.verified).max() ?? 1)
        let step = niceStep(Double(maxValue) / 4)
        let yMax = (Double(maxValue) / step).rounded(.up) * step
        let slot = plotWidth / Double(weeks.count)
        var svg = ""
        var value = 0.0
        while value <= yMax + 0.5 {
            let yy = HTMLText.coordinate(top + plotHeight - value / yMax * plotHeight)
            svg += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(yy)\" y2=\"\(yy)\" stroke=\"\(grid)\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(yy)\" text-anchor=\"end\" dominant-baseline=\"middle\" font-size=\"12\" fill=\"\(ink)\">\(Int64(value).grouped(in: language))</text>"
            value += step
        }
        for (index, week) in weeks.enumerated() {
            let barHeight = Double(week.verified) / yMax * plotHeight
            let xx = left + Double(index) * slot + slot * 0.15
            svg += "<rect class=\"week\" x=\"\(HTMLText.coordinate(xx))\" y=\"\(HTMLText.coordinate(top + plotHeight - barHeight))\" "
                + "width=\"\(HTMLText.coordinate(slot * 0.7))\" height=\"\(HTMLText.coordinate(barHeight))\" fill=\"\(verifiedColour)\"/>"
            svg += "<text x=\"\(HTMLText.coordinate(xx + slot * 0.35))\" y=\"\(HTMLText.coordinate(top + plotHeight - barHeight - 4))\" "
                + "text-anchor=\"middle\" font-size=\"11\" fill=\"\(ink)\">\(week.verified.grouped(in: language))</text>"
            svg += "<text x=\"\(HTMLText.coordinate(xx + slot * 0.35))\" y=\"\(HTMLText.coordinate(top + plotHeight + 18))\" "
                + "text-anchor=\"middle\" font-size=\"11\" fill=\"\(ink)\">W\(week.monday.isoWeek.week)</text>"
        }
        svg += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(top + plotHeight)\" y2=\"\(top + plotHeight)\" stroke=\"\(ink)\"/>"
        let title = vi ? "Số bản ghi kiểm tra xong mỗi tuần (12 tuần gần nhất)" : "Records verified each week (last 12 weeks)"
        let description = weeks.map { "\($0.monday.isoWeekText): \($0.verified.grouped(in: language))" }.joined(separator: "; ")
        return figure(id: id, width: width, height: height, title: title, description: description, body: svg, legend: [])
    }

    // MARK: - Pieces

    private static func figure(
        id: String, width: Double, height: Double, title: String, description: String, body: String,
        legend: [(colour: String, label: String, style: String)]
    ) -> String {
        var html = "<figure>\n<svg id=\"\(id)\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
            + "aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"DejaVu Sans, Noto Sans, Arial, sans-serif\">"
            + "<title id=\"\(id)-title\">\(HTMLText.escaped(title))</title><desc id=\"\(id)-desc\">\(HTMLText.escaped(description))</desc>"
            + "<rect width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#ffffff\"/>"
            + body + "</svg>\n"
        if !legend.isEmpty {
            html += "<ul class=\"legend\">" + legend.map { item in
                "<li><span class=\"swatch \(item.style)\" style=\"--swatch: \(item.colour)\"></span>\(HTMLText.escaped(item.label))</li>"
            }.joined() + "</ul>\n"
        }
        html += "<figcaption>\(HTMLText.escaped(title)). \(HTMLText.escaped(description))</figcaption>\n</figure>\n"
        return html
    }

    /// Where along the plan line `day` is, from `start` (0) to `due` (1).
    private static func fraction(_ start: CivilDate, _ due: CivilDate, _ day: CivilDate) -> Double {
        let total = start.days(to: due)
        return total <= 0 ? 1 : min(1, max(0, Double(start.days(to: day)) / Double(total)))
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 1 else { return 1 }
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * power >= raw { return factor * power }
        return 10 * power
    }

    /// The first of each month (or each Monday, over short spans; each quarter over long ones).
    private static func dateTicks(from start: CivilDate, to end: CivilDate) -> [CivilDate] {
        let span = start.days(to: end)
        if span <= 70 {
            var ticks: [CivilDate] = []
            var day = start.monday < start ? start.monday.adding(days: 7) : start.monday
            while day <= end { ticks.append(day); day = day.adding(days: 7) }
            return ticks
        }
        let every = span > 720 ? 6 : (span > 360 ? 3 : 1)
        var ticks: [CivilDate] = []
        var year = start.year, month = start.month
        while true {
            month += 1
            if month > 12 { month = 1; year += 1 }
            guard let day = CivilDate(year: year, month: month, day: 1), day <= end else { break }
            if (month - 1) % every == 0 { ticks.append(day) }
        }
        return ticks
    }

    private static func tickLabel(_ day: CivilDate, span: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return span <= 70 ? "\(two(day.day))/\(two(day.month))" : "\(two(day.month))/\(day.year)"
    }
}
