package import HoTichModel

/// The weekly review as Markdown: what a supervisor pastes into an e-mail or a ticket.
package enum WeeklyMarkdown {
    package static func render(_ review: WeeklyReview, office: String, generatedAt: String, language: Language) -> String {
        let wording = WeeklyWording(review: review, language: language)
        var out = "# \(MarkdownText.escaped(wording.title(office: office)))\n\n"
        out += "\(wording.period) · \(wording.madeAt(generatedAt))\n\n"
        out += wording.summary + "\n\n"
        out += "## \(wording.progressHeading)\n\n" + ProgressTables.weekly(review, language: language).renderMarkdown(language: language) + "\n"
        out += "## \(wording.qualityHeading)\n\n" + ProgressTables.quality(review, language: language).renderMarkdown(language: language) + "\n"
        out += "## \(wording.riskHeading)\n\n"
        let risk = ProgressTables.atRisk(review, language: language)
        out += risk.rows.isEmpty ? wording.noRisk + "\n\n" : risk.renderMarkdown(language: language) + "\n"
        out += "## \(wording.awaitingHeading)\n\n"
        let awaiting = ProgressTables.awaiting(review, language: language)
        out += awaiting.rows.isEmpty ? wording.nothingAwaits + "\n\n" : awaiting.renderMarkdown(language: language) + "\n"
        out += "## \(wording.auditHeading)\n\n" + wording.audit + "\n\n"
        out += "---\n\n" + wording.method + "\n"
        return out
    }
}

/// The sentences the weekly review says in both of its forms.
struct WeeklyWording {
    let review: WeeklyReview
    let language: Language
    var vi: Bool { language == .vietnamese }

    func title(office: String) -> String {
        let period = review.isoWeek.map { vi ? "tuần \($0)" : "week \($0)" }
            ?? (vi ? "từ \(review.first.vietnamese) đến \(review.last.vietnamese)" : "\(review.first.iso) to \(review.last.iso)")
        return vi ? "Báo cáo tiến độ số hóa sổ hộ tịch — \(office) — \(period)"
            : "Civil-status register digitization progress — \(office) — \(period)"
    }

    var period: String {
        vi ? "Từ \(review.first.vietnamese) đến \(review.last.vietnamese)" : "From \(review.first.iso) to \(review.last.iso)"
    }

    var summary: String {
        let overall = review.progress.overall
        let week = overall.period?.verified ?? 0
        let inPeriod = review.isoWeek == nil ? (vi ? "Trong kỳ" : "In the period") : (vi ? "Tuần này" : "This week")
        var text = vi
            ? "\(inPeriod) kiểm tra xong \(week.grouped(in: language)) bản ghi; tổng cộng \(overall.total.verified.grouped(in: language)) đã kiểm tra, \(overall.total.exported.grouped(in: language)) đã xuất, \(overall.total.accepted.grouped(in: language)) được hệ thống trung ương tiếp nhận."
            : "\(inPeriod) \(week.grouped(in: language)) records were verified; in all \(overall.total.verified.grouped(in: language)) verified, \(overall.total.exported.grouped(in: language)) exported, \(overall.total.accepted.grouped(in: language)) accepted by the central system."
        if let target = overall.target, let percent = overall.percentOfPlan {
            text += vi
                ? " Đạt \(percent.decimal(1, in: language))% kế hoạch \(target.records.grouped(in: language)) bản ghi (hạn \(target.due.vietnamese)): \(overall.forecast.status.text(in: language).lowercased())."
                : " That is \(percent.decimal(1, in: language))% of the plan of \(target.records.grouped(in: language)) records (due \(target.due.iso)): \(overall.forecast.status.text(in: language).lowercased())."
            if let finish = overall.forecast.finish, let earliest = overall.forecast.finishEarliest {
                let latest = overall.forecast.finishLatest.map { vi ? $0.vietnamese : $0.iso } ?? (vi ? "ngoài 10 năm" : "beyond ten years")
                let weeks = overall.forecast.weeksUsed
                text += vi
                    ? " Theo nhịp 28 ngày qua dự kiến xong ngày \(finish.vietnamese) (khoảng \(earliest.vietnamese) – \(latest), ước lượng từ \(weeks) tuần số liệu)."
                    : " At the pace of the last 28 days it finishes on \(finish.iso) (range \(earliest.iso) – \(latest), from \(weeks) \(weeks == 1 ? "week" : "weeks") of data)."
            }
        }
        let atRisk = review.unitsAtRisk.count
        if atRisk > 0 {
            text += vi ? " \(atRisk.grouped(in: language)) đơn vị có nguy cơ không kịp hạn."
                : atRisk == 1 ? " 1 unit may miss its due date." : " \(atRisk.grouped(in: language)) units may miss their due date."
        }
        return text
    }

    /// When the report was made, in Vietnam's time (`generatedAt` is a stored UTC time).
    func madeAt(_ generatedAt: String) -> String {
        guard let day = CivilDate(timestamp: generatedAt), generatedAt.count >= 16,
              let hour = Int(generatedAt.dropFirst(11).prefix(2)), let minute = Int(generatedAt.dropFirst(14).prefix(2))
        else { return (vi ? "Lập lúc " : "Made at ") + generatedAt }
        let local = (hour + 7) % 24
        let clock = "\(local < 10 ? "0" : "")\(local):\(minute < 10 ? "0" : "")\(minute)"
        return vi ? "Lập lúc \(clock) ngày \(day.vietnamese) (giờ Việt Nam)" : "Made at \(clock) on \(day.iso) (Vietnam time, UTC+7)"
    }

    var progressHeading: String { vi ? "Tiến độ theo đơn vị" : "Progress by unit" }
    var qualityHeading: String {
        review.isoWeek == nil
            ? (vi ? "Chất lượng kiểm tra trong kỳ" : "Verification quality in the period")
            : (vi ? "Chất lượng kiểm tra trong tuần" : "Verification quality this week")
    }
    var riskHeading: String { vi ? "Đơn vị có nguy cơ chậm" : "Units at risk" }
    var noRisk: String { vi ? "Không có đơn vị nào có nguy cơ chậm." : "No unit is at risk." }
    var awaitingHeading: String { vi ? "Việc chờ quyết định" : "Awaiting a decision" }
    var nothingAwaits: String { vi ? "Không có việc nào chờ quyết định." : "Nothing awaits a decision." }
    var auditHeading: String { vi ? "Nhật ký kiểm toán" : "Audit trail" }

    var audit: String {
        vi ? "Đến lúc lập báo cáo, nhật ký có \(review.auditHead.events.grouped(in: language)) sự kiện; mã băm cuối: `\(review.auditHead.hash)`. Đối chiếu bằng `hotich audit verify`."
            : "When this report was made the audit trail held \(review.auditHead.events.grouped(in: language)) events; last hash: `\(review.auditHead.hash)`. Check it with `hotich audit verify`."
    }

    var method: String {
        vi ? "Cách tính: “đã kiểm tra” là bản ghi đã được xác nhận giá trị (đối chiếu hai lần nhập, soát, hay lấy mẫu). Nhịp độ là số bản ghi kiểm tra xong trên mỗi ngày làm việc (trừ thứ Bảy, Chủ nhật, ngày lễ và Tết theo âm lịch). Ngày dự kiến xong theo nhịp 28 ngày qua; khoảng dự báo 80% lấy theo phương pháp bootstrap trên nhịp của 8 tuần gần nhất."
            : "Method: “verified” means a record whose values a verification settled (two passes compared, review, or sampling). Pace is records verified per working day (weekends, public holidays and the lunar Tết excluded). The forecast uses the pace of the last 28 days; the 80% range is a bootstrap over the pace of the last 8 weeks."
    }
}
