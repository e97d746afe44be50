package import HoTichModel

/// The tables of the progress, weekly and people's reports, the same for the terminal, CSV, JSON,
/// Markdown and the HTML page: stable English keys for machines, labels in the user's language.
package enum ProgressTables {
    static func columns(_ labels: [ProgressLabel], _ language: Language) -> [(key: String, header: String)] {
        labels.map { ($0.rawValue, $0.text(in: language)) }
    }

    static func date(_ day: CivilDate?, _ language: Language) -> Cell {
        guard let day else { return .empty }
        return .coded(day.iso, label: language == .vietnamese ? day.vietnamese : day.iso)
    }

    static func decimal(_ value: Double?, _ digits: Int = 1) -> Cell {
        guard let value, value.isFinite else { return .empty }
        return .decimal(value, digits: digits)
    }

    static func unit(_ unit: ProgressUnit, _ language: Language) -> Cell {
        .coded(unit.description, label: unit.text(in: language))
    }

    static func status(_ status: ProgressForecast.Status, _ language: Language) -> Cell {
        .coded(status.rawValue, label: status.text(in: language))
    }

    /// `hotich report progress`: one line per unit, then the whole workspace.
    package static func progress(_ report: ProgressReport, language: Language) -> DataTable {
        let people = report.grouping == .operator
        var labels: [ProgressLabel] = people
            ? [.unit, .keyings, .fields, .verified]
            : [.unit, .entries, .keyed, .verified, .exported, .accepted]
        if report.from != nil { labels.append(.doneInPeriod) }
        labels += people ? [.pace7, .pace28] : [
            .plan, .due, .percentOfPlan, .pace7, .pace28, .requiredPace, .finish, .finishEarliest, .finishLatest, .status, .daysLate,
        ]
        var rows = report.rows
        if !people { rows.append(report.overall) }
        return DataTable(columns: columns(labels, language), rows: rows.map { row in
            var cells: [Cell] = [unit(row.unit, language)]
            let total = row.total
            if people {
                cells += [.number(Int64(total.keyings)), .number(Int64(total.fields)), .number(Int64(total.verified))]
            } else {
                cells += [total.entries, total.keyed, total.verified, total.exported, total.accepted].map { .number(Int64($0)) }
            }
            if let period = row.period { cells.append(.number(Int64(people ? period.keyings : period.verified))) }
            let forecast = row.forecast
            cells += [decimal(forecast.pace7), decimal(forecast.pace28)]
            if !people {
                cells.insert(contentsOf: [
                    row.target.map { .number(Int64($0.records)) } ?? .empty, date(row.target?.due, language), decimal(row.percentOfPlan),
                ], at: cells.count - 2)
                cells += [
                    decimal(forecast.requiredPace), date(forecast.finish, language), date(forecast.finishEarliest, language),
                    forecast.beyondHorizon && forecast.finishEarliest != nil
                        ? .coded("beyond", label: language == .vietnamese ? "ngoài 10 năm" : "beyond 10 years")
                        : date(forecast.finishLatest, language),
                    status(forecast.status, language), forecast.daysLate.map { .number(Int64($0)) } ?? .empty,
                ]
            }
            return cells
        })
    }

    /// The weekly review's main table: done this week and in all against the plan.
    package static func weekly(_ review: WeeklyReview, language: Language) -> DataTable {
        let labels: [ProgressLabel] = [
            .unit, .verifiedInPeriod, .keyed, .verified, .exported, .accepted, .plan, .due, .percentOfPlan, .pace28, .requiredPace,
            .finish, .status, .daysLate,
        ]
        return DataTable(columns: columns(labels, language), rows: (review.progress.rows + [review.progress.overall]).map { row in
            [
                unit(row.unit, language), .number(Int64(row.period?.verified ?? 0)), .number(Int64(row.total.keyed)),
                .number(Int64(row.total.verified)), .number(Int64(row.total.exported)), .number(Int64(row.total.accepted)),
                row.target.map { .number(Int64($0.records)) } ?? .empty, date(row.target?.due, language), decimal(row.percentOfPlan),
                decimal(row.forecast.pace28), decimal(row.forecast.requiredPace), date(row.forecast.finish, language),
                status(row.forecast.status, language), row.forecast.daysLate.map { .number(Int64($0)) } ?? .empty,
            ]
        })
    }

    /// Units at risk, with the reason in words.
    package static func atRisk(_ review: WeeklyReview, language: Language) -> DataTable {
        DataTable(columns: columns([.unit, .status, .reason], language), rows: review.unitsAtRisk.map { row in
            [unit(row.unit, language), status(row.forecast.status, language), .text(WeeklyReview.reason(for: row, in: language))]
        })
    }

    /// What waits for a decision, batch by batch.
    package static func awaiting(_ review: WeeklyReview, language: Language) -> DataTable {
        let labels: [ProgressLabel] = [
            .unit, .damagedFiles, .possibleDuplicates, .onHold, .rejectedReceipts, .openDecisions, .entriesNotKeyed,
        ]
        let yes = language == .vietnamese ? "có" : "yes"
        return DataTable(columns: columns(labels, language), rows: review.awaiting.map { item in
            [
                .text(item.batchId), .number(Int64(item.damagedFiles)), .number(Int64(item.possibleDuplicates)),
                item.onHold ? .coded("true", label: yes) : .empty, .number(Int64(item.rejectedReceipts)),
                .number(Int64(item.openDecisions)), .number(Int64(item.entriesNotKeyed)),
            ]
        })
    }

    /// The week's verification quality, as label–value lines.
    package static func quality(_ review: WeeklyReview, language: Language) -> DataTable {
        let vi = language == .vietnamese
        let quality = review.quality
        let lines: [(String, String, Cell)] = [
            ("fieldsKeyed", vi ? "Trường đã nhập trong tuần" : "Fields keyed this week", .number(Int64(quality.fieldsKeyed))),
            ("conflicts", vi ? "Chênh lệch giữa hai lần nhập" : "Conflicts between the passes", .number(Int64(quality.conflicts))),
            ("conflictsPerThousandFields", vi ? "Chênh lệch trên 1000 trường" : "Conflicts per 1000 fields", decimal(quality.conflictsPerThousandFields, 2)),
            ("batchesReturned", vi ? "Lô bị trả về nhập lại" : "Batches returned to keying", .number(Int64(quality.batchesReturned))),
            ("sampleLotsDecided", vi ? "Lô kiểm tra theo mẫu đã kết luận" : "Sampled lots decided", .number(Int64(quality.sampleLotsDecided))),
            ("sampleLotsRejected", vi ? "Lô kiểm tra theo mẫu bị loại" : "Sampled lots rejected", .number(Int64(quality.sampleLotsRejected))),
        ]
        return DataTable(
            columns: [("measure", vi ? "Chỉ số" : "Measure"), ("value", vi ? "Giá trị" : "Value")],
            rows: lines.map { [.coded($0.0, label: $0.1), $0.2] })
    }

    /// `hotich report operators`.
    package static func operators(_ figures: [OperatorFigures], language: Language) -> DataTable {
        let labels: [ProgressLabel] = [
            .unit, .keyings, .fields, .activeHours, .recordsPerHour, .fieldsPerHour, .errors, .errorsPerThousand, .shareCorrected,
            .decisions,
        ]
        return DataTable(columns: columns(labels, language), rows: figures.map { person in
            [
                .text(person.name), .number(Int64(person.keyings)), .number(Int64(person.fields)), .decimal(person.activeHours, digits: 2),
                decimal(person.recordsPerHour), decimal(person.fieldsPerHour), .number(Int64(person.errors)),
                decimal(person.errorsPerThousandFields, 2), decimal(person.shareCorrected.map { $0 * 100 }), .number(Int64(person.decisions)),
            ]
        })
    }

    /// `hotich plan list`.
    package static func plans(_ plans: [ProgressPlan], language: Language) -> DataTable {
        let labels: [ProgressLabel] = [.unit, .plan, .start, .due, .revision, .setBy, .setAt, .supersededAt]
        return DataTable(columns: columns(labels, language), rows: plans.map { plan in
            [
                unit(plan.unit, language), .number(Int64(plan.records)), date(plan.start, language), date(plan.due, language),
                .plainNumber(Int64(plan.revision)), .text(plan.setBy), .text(plan.setAt), plan.supersededAt.map { .text($0) } ?? .empty,
            ]
        })
    }

    /// `hotich calendar list`: the year's days off and the workspace's corrections.
    package static func calendar(year: Int, calendar: WorkingCalendar, entries: [WorkingCalendar.Entry], language: Language) -> DataTable {
        var days: [CivilDate: Cell] = [:]
        for (day, holiday) in PublicHolidays.daysOff(in: year) {
            days[day] = .coded(holiday.rawValue, label: holiday.text(in: language))
        }
        let corrections = Dictionary(entries.filter { $0.day.year == year }.map { ($0.day, $0) }, uniquingKeysWith: { _, last in last })
        let yes = language == .vietnamese ? "có" : "yes", no = language == .vietnamese ? "không" : "no"
        return DataTable(
            columns: columns([.day, .holiday, .working, .reason, .setBy], language),
            rows: Set(days.keys).union(corrections.keys).sorted().map { day in
                let working = calendar.isWorkingDay(day)
                return [
                    date(day, language), days[day] ?? .empty, .coded(working ? "true" : "false", label: working ? yes : no),
                    corrections[day].map { .text($0.reason) } ?? .empty, corrections[day].map { .text($0.setBy) } ?? .empty,
                ]
            })
    }
}
