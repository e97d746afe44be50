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
            let range = rest.replacingOccurrences(of: "-", with: "–")
            return vi ? "Thiếu số đăng ký \(range) của năm \(year) (chưa nhận, bỏ sót hay sổ nhảy số?)"
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
        case "record-without-file":
            return vi ? "Bản ghi không gắn với tệp quét nào" : "The record is linked to no scan file"
        case "file-several-entries":
            let pieces = detail.split(separator: ":").map(String.init)
            return vi ? "Tệp quét \(pieces.first ?? "?") có \(pieces.last ?? "?") bản ghi (mỗi tệp thường là một mục)"
                : "Scan file \(pieces.first ?? "?") has \(pieces.last ?? "?") records (a file usually holds one entry)"
        case "personal-id-shared":
            return vi ? "Số định danh cá nhân này đã có ở bản ghi của một người khác (\(detail))"
                : "This personal ID number belongs to another person's record (\(detail))"
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
