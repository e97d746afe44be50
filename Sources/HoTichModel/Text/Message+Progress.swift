/// The words of the progress, weekly and people's reports: column labels, risk, holidays, and
/// the sentences of the weekly review, in Vietnamese and English side by side.
public enum ProgressLabel: String, Sendable, CaseIterable {
    case unit, entries, keyed, verified, exported, accepted, plan, start, due, percentOfPlan
    case pace7, pace28, requiredPace, finish, finishEarliest, finishLatest, status, daysLate
    case doneInPeriod, verifiedInPeriod, keyingsInPeriod
    case keyings, fields, activeHours, recordsPerHour, fieldsPerHour, errors, errorsPerThousand, shareCorrected, decisions
    case damagedFiles, possibleDuplicates, onHold, rejectedReceipts, openDecisions, entriesNotKeyed
    case revision, setBy, setAt, supersededAt, day, working, reason, holiday

    public func text(in language: Language) -> String {
        let (vi, en) = words
        return language == .vietnamese ? vi : en
    }

    private var words: (String, String) {
        switch self {
        case .unit: ("Đơn vị", "Unit")
        case .entries: ("Đã nhận", "Received")
        case .keyed: ("Đã nhập", "Keyed")
        case .verified: ("Đã kiểm tra", "Verified")
        case .exported: ("Đã xuất", "Exported")
        case .accepted: ("TW đã nhận", "Accepted")
        case .plan: ("Kế hoạch", "Plan")
        case .start: ("Bắt đầu", "Start")
        case .due: ("Hạn", "Due")
        case .percentOfPlan: ("% KH", "% of plan")
        case .pace7: ("BQ/ngày 7N", "Per day 7d")
        case .pace28: ("BQ/ngày 28N", "Per day 28d")
        case .requiredPace: ("Cần/ngày", "Needed/day")
        case .finish: ("Dự kiến xong", "Forecast")
        case .finishEarliest: ("Sớm nhất", "Earliest")
        case .finishLatest: ("Muộn nhất", "Latest")
        case .status: ("Đánh giá", "Status")
        case .daysLate: ("Chậm (ngày)", "Days late")
        case .doneInPeriod: ("Trong kỳ", "In period")
        case .verifiedInPeriod: ("Kiểm tra trong tuần", "Verified this week")
        case .keyingsInPeriod: ("Nhập trong tuần", "Keyed this week")
        case .keyings: ("Bản ghi đã nhập", "Records keyed")
        case .fields: ("Trường", "Fields")
        case .activeHours: ("Giờ làm việc", "Active hours")
        case .recordsPerHour: ("Bản ghi/giờ", "Records/hour")
        case .fieldsPerHour: ("Trường/giờ", "Fields/hour")
        case .errors: ("Lỗi", "Errors")
        case .errorsPerThousand: ("Lỗi/1000 trường", "Errors/1000 fields")
        case .shareCorrected: ("% bản ghi phải sửa", "% records corrected")
        case .decisions: ("Trường đã phân xử", "Fields decided")
        case .damagedFiles: ("Tệp hỏng", "Damaged files")
        case .possibleDuplicates: ("Nghi trùng", "Possible duplicates")
        case .onHold: ("Tạm dừng", "On hold")
        case .rejectedReceipts: ("TW từ chối", "Rejected by receipt")
        case .openDecisions: ("Chờ phân xử", "Awaiting arbitration")
        case .entriesNotKeyed: ("Chưa nhập", "Not yet keyed")
        case .revision: ("Lần", "Revision")
        case .setBy: ("Người đặt", "Set by")
        case .setAt: ("Lúc đặt", "Set at")
        case .supersededAt: ("Thay bằng lần sau lúc", "Superseded at")
        case .day: ("Ngày", "Day")
        case .working: ("Làm việc", "Working")
        case .reason: ("Lý do", "Reason")
        case .holiday: ("Ngày lễ", "Holiday")
        }
    }
}

extension ProgressForecast.Status {
    public func text(in language: Language) -> String {
        let vietnamese = language == .vietnamese
        switch self {
        case .done: return vietnamese ? "Đã đạt" : "Done"
        case .onTrack: return vietnamese ? "Đúng tiến độ" : "On track"
        case .atRisk: return vietnamese ? "Có nguy cơ chậm" : "At risk"
        case .late: return vietnamese ? "Sẽ chậm" : "Late"
        case .noPace: return vietnamese ? "Chưa có nhịp độ" : "No pace yet"
        case .noPlan: return vietnamese ? "Chưa có kế hoạch" : "No plan"
        }
    }
}

extension PublicHolidays.Holiday {
    public func text(in language: Language) -> String {
        let vietnamese = language == .vietnamese
        switch self {
        case .newYear: return vietnamese ? "Tết Dương lịch" : "New Year's Day"
        case .tet: return vietnamese ? "Tết Nguyên đán" : "Lunar New Year (Tết)"
        case .hungKings: return vietnamese ? "Giỗ Tổ Hùng Vương" : "Hùng Kings' Commemoration"
        case .reunification: return vietnamese ? "Ngày Giải phóng miền Nam" : "Reunification Day"
        case .labourDay: return vietnamese ? "Quốc tế Lao động" : "International Labour Day"
        case .nationalDay: return vietnamese ? "Quốc khánh" : "National Day"
        }
    }
}

extension ProgressUnit {
    /// The unit as people read it: an office code, "20245 · Khai sinh", a batch, a person.
    public func text(in language: Language) -> String {
        switch self {
        case .all: language == .vietnamese ? "Toàn bộ" : "All"
        case .office(let office): office.value
        case .officeKind(let office, let kind): "\(office.value) · \(Message.kind(kind).text(in: language))"
        case .batch(let id): id
        case .person(let name): name
        }
    }
}

extension WeeklyReview {
    /// Why a unit at risk is at risk, in a sentence.
    public static func reason(for row: ProgressReport.Row, in language: Language) -> String {
        let vi = language == .vietnamese
        let forecast = row.forecast
        let pace = (forecast.pace28 ?? 0).decimal(1, in: language)
        let needed = forecast.requiredPace.map { $0.decimal(1, in: language) }
        let due = row.target.map { vi ? $0.due.vietnamese : $0.due.iso } ?? ""
        switch forecast.status {
        case .late:
            if let finish = forecast.finish, let days = forecast.daysLate {
                let when = vi ? finish.vietnamese : finish.iso
                let late = days.grouped(in: language)
                return vi
                    ? "Theo nhịp \(pace) bản ghi/ngày làm việc sẽ xong ngày \(when), chậm \(late) ngày so với hạn \(due)"
                        + (needed.map { "; cần \($0)/ngày" } ?? "")
                    : "At \(pace) records per working day it finishes on \(when), \(late) days after the due date \(due)"
                        + (needed.map { "; \($0) a day are needed" } ?? "")
            }
            if forecast.finish == nil, forecast.pace28 != nil, forecast.daysLate == nil {
                return vi ? "Theo nhịp \(pace) bản ghi/ngày sẽ không xong trong 10 năm; hạn \(due)"
                    : "At \(pace) records a day it would not finish within ten years; due \(due)"
            }
            let overdue = (forecast.daysLate ?? 0).grouped(in: language)
            return vi ? "Đã quá hạn \(due) \(overdue) ngày mà chưa xong và không còn nhịp độ"
                : "\(overdue) days past the due date \(due), unfinished and with no pace"
        case .atRisk:
            let latest = forecast.finishLatest.map { vi ? $0.vietnamese : $0.iso } ?? (vi ? "ngoài 10 năm" : "beyond ten years")
            return vi
                ? "Dự kiến kịp hạn \(due), nhưng nếu nhịp độ giảm như các tuần chậm nhất thì có thể xong muộn tới \(latest)"
                : "Forecast in time for \(due), but at the pace of the slowest weeks it may finish as late as \(latest)"
        case .noPace:
            return vi ? "Không có bản ghi nào được kiểm tra trong 28 ngày qua; hạn \(due)"
                : "No record verified in the last 28 days; due \(due)"
        case .done, .onTrack, .noPlan:
            return ""
        }
    }
}
