import Foundation

extension Message {
    /// The sentence for a stored finding: a record diagnostic (kept as its JSON) or a batch check
    /// whose detail holds only numbers, paths and record ids.
    static func findingText(code: String, field: String?, detail: String, kind: RecordKind, in language: Language) -> String {
        let vi = language == .vietnamese
        if let diagnostic = try? JSONDecoder().decode(Diagnostic.self, from: Data(detail.utf8)) {
            return Message.diagnostic(diagnostic, kind: kind).text(in: language)
        }
        // Sequence details are `year:rest`.
        let parts = detail.split(separator: ":", maxSplits: 1).map(String.init)
        let year = parts.first ?? ""
        let rest = parts.count > 1 ? parts[1] : ""
        switch code {
        case "sequence-gap":
            let bounds = rest.split(separator: "-").map(String.init)
            if bounds.count == 2, bounds[0] == bounds[1] {
                return vi ? "Thiếu số đăng ký \(bounds[0]) của năm \(year) (chưa nhận, bỏ sót hay sổ nhảy số?)"
                    : "Registration number \(bounds[0]) of \(year) is missing (not yet received, skipped, or skipped in the book?)"
            }
            let range = bounds.joined(separator: "–")
            return vi ? "Thiếu các số đăng ký \(range) của năm \(year) (chưa nhận, bỏ sót hay sổ nhảy số?)"
                : "Registration numbers \(range) of \(year) are missing (not yet received, skipped, or skipped in the book?)"
        case "sequence-duplicate":
            let numbers = rest.split(separator: ":").map(String.init)
            return vi ? "Số đăng ký \(numbers.first ?? "?") của năm \(year) có ở \(numbers.last ?? "?") bản ghi"
                : "Registration number \(numbers.first ?? "?") of \(year) appears in \(numbers.last ?? "?") records"
        case "sequence-out-of-order":
            let numbers = rest.split(separator: "<").map(String.init)
            return vi ? "Số \(numbers.first ?? "?") đứng sau số \(numbers.last ?? "?") trong sổ"
                : "Number \(numbers.first ?? "?") comes after number \(numbers.last ?? "?") in the book"
        case "sequence-date-goes-back":
            let numbers = rest.split(separator: ">").map(String.init)
            return vi ? "Ngày đăng ký của số \(numbers.first ?? "?") sớm hơn ngày của số \(numbers.last ?? "?")"
                : "The registration date of number \(numbers.first ?? "?") is before that of number \(numbers.last ?? "?")"
        case "file-without-record":
            return vi ? "Tệp quét \(detail) chưa có bản ghi nào (trang trống, bìa, hay bị bỏ sót?)"
                : "Scan file \(detail) has no record (blank page, cover, or missed?)"
        case "file-marked-by-operator":
            let parts = detail.split(separator: "|", maxSplits: 1).map(String.init)
            let kind = parts.first.flatMap(NonEntryKind.init(rawValue:))
            let path = parts.count > 1 ? parts[1] : detail
            let what = kind.map { Message.nonEntryKind($0).text(in: language) } ?? "?"
            return vi ? "Tệp quét \(path) được người nhập đánh dấu là \(what), không phải trường hợp đăng ký: đối chiếu với ảnh"
                : "Scan file \(path) was marked by an operator as \(what), not an entry: check it against the image"
        case "record-without-file":
            return vi ? "Bản ghi không gắn với tệp quét nào" : "The record is linked to no scan file"
        case "file-several-entries":
            let pieces = detail.split(separator: ":").map(String.init)
            return vi ? "Tệp quét \(pieces.first ?? "?") có \(pieces.last ?? "?") bản ghi (mỗi tệp thường là một mục)"
                : "Scan file \(pieces.first ?? "?") has \(pieces.last ?? "?") records (a file usually holds one entry)"
        case "personal-id-shared":
            // `batch|number` of the other record (an older workspace stored its id).
            let other = detail.split(separator: "|", maxSplits: 1).map(String.init)
            if other.count == 2 {
                return vi ? "Số định danh cá nhân này đã có ở bản ghi số \(other[1]) của lô \(other[0]), của một người khác"
                    : "This personal ID number is already on record no. \(other[1]) of batch \(other[0]), another person's"
            }
            return vi ? "Số định danh cá nhân này đã có ở bản ghi của một người khác"
                : "This personal ID number belongs to another person's record"
        case "personal-id-province":
            let codes = detail.split(separator: "/").map(String.init)
            return vi ? "Số định danh mang mã nơi đăng ký khai sinh \(codes.first ?? "?"), khác mã tỉnh của cơ quan đăng ký \(codes.last ?? "?")"
                : "The personal ID number carries birth-registration code \(codes.first ?? "?"), not the registering office's province \(codes.last ?? "?")"
        default:
            let label = field.flatMap { FieldCatalog.field($0, in: kind)?.label(in: language) } ?? ""
            return [code, label, detail].filter { !$0.isEmpty }.joined(separator: " · ")
        }
    }
}

extension Message {
    /// What kind of finding a code is, in a few words, for summary tables (the stable code stays
    /// in JSON and CSV).
    static func findingKindText(_ code: String, in language: Language) -> String {
        let labels: [String: (vi: String, en: String)] = [
            "missing-required": ("thiếu trường bắt buộc", "required field missing"),
            "too-long": ("giá trị quá dài", "value too long"),
            "forbidden-characters": ("ký tự hỏng", "broken characters"),
            "not-a-date": ("không phải ngày", "not a date"),
            "impossible-date": ("ngày không có thật", "impossible date"),
            "not-a-time": ("không phải giờ phút", "not a time"),
            "unknown-code": ("mã không có trong danh mục", "code not in its list"),
            "not-a-personal-id": ("số định danh sai dạng", "malformed personal ID"),
            "personal-id-sex-mismatch": ("số định danh khác giới tính", "personal ID against sex"),
            "personal-id-year-mismatch": ("số định danh khác năm sinh", "personal ID against birth year"),
            "document-number-shape": ("số giấy tờ sai dạng", "malformed document number"),
            "registration-number-shape": ("số đăng ký sai dạng", "malformed registration number"),
            "volume-shape": ("quyển số sai dạng", "malformed volume"),
            "page-shape": ("trang số sai dạng", "malformed page"),
            "unknown-field": ("trường không có trong mẫu", "field not in the template"),
            "registered-before-event": ("đăng ký trước sự kiện", "registered before the event"),
            "parent-not-born-before-child": ("cha/mẹ không sinh trước con", "parent not born before the child"),
            "under-marriage-age": ("dưới tuổi kết hôn", "under marriage age"),
            "death-before-birth": ("chết trước khi sinh", "death before birth"),
            "registration-year-outside-book": ("năm đăng ký ngoài sổ", "registration year outside the book"),
            "sequence-gap": ("thiếu số đăng ký", "registration numbers missing"),
            "sequence-duplicate": ("số đăng ký dùng hai lần", "registration number used twice"),
            "sequence-out-of-order": ("số sai thứ tự trong sổ", "number out of order in the book"),
            "sequence-date-goes-back": ("ngày đăng ký lùi lại", "registration date goes back"),
            "file-without-record": ("tệp quét chưa có bản ghi", "scan file without a record"),
            "record-without-file": ("bản ghi không có tệp quét", "record without a scan file"),
            "file-several-entries": ("tệp có nhiều bản ghi", "file with several records"),
            "file-marked-by-operator": ("tệp người nhập đánh dấu không phải trường hợp", "file an operator marked as not an entry"),
            "personal-id-shared": ("số định danh của người khác", "personal ID of another person"),
            "personal-id-province": ("số định danh mã tỉnh khác", "personal ID of another province"),
        ]
        guard let label = labels[code] else { return code }
        return language == .vietnamese ? label.vi : label.en
    }
}
