extension Message {
    /// The sentence for a finding, from its typed detail: a record diagnostic, or a batch check
    /// whose detail holds only numbers, paths and registration numbers.
    static func findingText(_ detail: FindingDetail, kind: RecordKind, in language: Language) -> String {
        let vi = language == .vietnamese
        switch detail {
        case .diagnostic(let diagnostic):
            return Message.diagnostic(diagnostic, kind: kind).text(in: language)
        case .gap(let year, let from, let to) where from == to:
            return vi ? "Thiếu số đăng ký \(from) của năm \(year) (chưa nhận, bỏ sót hay sổ nhảy số?)"
                : "Registration number \(from) of \(year) is missing (not yet received, skipped, or skipped in the book?)"
        case .gap(let year, let from, let to):
            return vi ? "Thiếu các số đăng ký \(from)–\(to) của năm \(year) (chưa nhận, bỏ sót hay sổ nhảy số?)"
                : "Registration numbers \(from)–\(to) of \(year) are missing (not yet received, skipped, or skipped in the book?)"
        case .repeatedNumber(let year, let number, let count):
            return vi ? "Số đăng ký \(number) của năm \(year) có ở \(count) bản ghi"
                : "Registration number \(number) of \(year) appears in \(count) records"
        case .outOfOrder(_, let number, let previous):
            return vi ? "Số \(number) đứng sau số \(previous) trong sổ" : "Number \(number) comes after number \(previous) in the book"
        case .dateGoesBack(_, let number, let previous):
            return vi ? "Ngày đăng ký của số \(number) sớm hơn ngày của số \(previous)"
                : "The registration date of number \(number) is before that of number \(previous)"
        case .fileWithoutRecord(let path):
            return vi ? "Tệp quét \(path) chưa có bản ghi nào (trang trắng, bìa, hay bị bỏ sót?)"
                : "Scan file \(path) has no record (blank page, cover, or missed?)"
        case .recordWithoutFile:
            return vi ? "Bản ghi không gắn với tệp quét nào" : "The record is linked to no scan file"
        case .fileWithSeveralEntries(let path, let count):
            return vi ? "Tệp quét \(path) có \(count) bản ghi (mỗi tệp thường là một mục)"
                : "Scan file \(path) has \(count) records (a file usually holds one entry)"
        case .personalIDShared(let batch?, let number?):
            return vi ? "Số định danh cá nhân này đã có ở bản ghi số \(number) của lô \(batch), của một người khác"
                : "This personal ID number is already on record no. \(number) of batch \(batch), another person's"
        case .personalIDShared:
            return vi ? "Số định danh cá nhân này đã có ở bản ghi của một người khác"
                : "This personal ID number belongs to another person's record"
        case .personalIDProvince(let encoded, let office):
            return vi ? "Số định danh mang mã nơi đăng ký khai sinh \(encoded), khác mã tỉnh của cơ quan đăng ký \(office)"
                : "The personal ID number carries birth-registration code \(encoded), not the registering office's province \(office)"
        case .fileMarkedByOperator(let kind, let path):
            let what = Message.nonEntryKind(kind).text(in: language)
            return vi ? "Tệp quét \(path) được người nhập đánh dấu là \(what), không phải trường hợp đăng ký: đối chiếu với ảnh"
                : "Scan file \(path) was marked by an operator as \(what), not an entry: check it against the image"
        case .placeUnresolved(let candidates) where candidates > 1:
            return vi ? "Địa danh khớp với \(candidates) đơn vị hành chính như nhau: ghi rõ hơn (xã, huyện, tỉnh) hoặc xác nhận là đúng như sổ ghi"
                : "The place fits \(candidates) administrative units equally: write it more fully (commune, district, province) or confirm it is as the register says"
        case .placeUnresolved:
            return vi ? "Địa danh không khớp đơn vị hành chính nào có hiệu lực vào ngày đăng ký: kiểm tra chính tả, hoặc xác nhận là đúng như sổ ghi"
                : "The place names no administrative unit in force on the registration date: check the spelling, or confirm it is as the register says"
        case .placeNotOnDate(let era, let code):
            return vi ? "Địa danh là đơn vị \(code) (danh mục \(era)), không có hiệu lực vào ngày đăng ký: kiểm tra ngày đăng ký hoặc địa danh"
                : "The place is unit \(code) (list \(era)), not in force on the registration date: check the registration date or the place"
        }
    }

    /// What kind of finding a code is, in a few words, for summary tables (the stable code stays
    /// in JSON and CSV).
    static func findingKindText(_ code: FindingCode, in language: Language) -> String {
        let vi = language == .vietnamese
        switch code {
        case .missingRequired: return vi ? "thiếu trường bắt buộc" : "required field missing"
        case .tooLong: return vi ? "giá trị quá dài" : "value too long"
        case .forbiddenCharacters: return vi ? "ký tự hỏng" : "broken characters"
        case .notADate: return vi ? "không phải ngày" : "not a date"
        case .impossibleDate: return vi ? "ngày không có thật" : "impossible date"
        case .notATime: return vi ? "không phải giờ phút" : "not a time"
        case .unknownCode: return vi ? "mã không có trong danh mục" : "code not in its list"
        case .notAPersonalID: return vi ? "số định danh sai dạng" : "malformed personal ID"
        case .personalIDSexMismatch: return vi ? "số định danh khác giới tính" : "personal ID against sex"
        case .personalIDYearMismatch: return vi ? "số định danh khác năm sinh" : "personal ID against birth year"
        case .documentNumberShape: return vi ? "số giấy tờ sai dạng" : "malformed document number"
        case .registrationNumberShape: return vi ? "số đăng ký sai dạng" : "malformed registration number"
        case .volumeShape: return vi ? "quyển số sai dạng" : "malformed volume"
        case .pageShape: return vi ? "trang số sai dạng" : "malformed page"
        case .unknownField: return vi ? "trường không có trong mẫu" : "field not in the template"
        case .registeredBeforeEvent: return vi ? "đăng ký trước sự kiện" : "registered before the event"
        case .parentNotBornBeforeChild: return vi ? "cha/mẹ không sinh trước con" : "parent not born before the child"
        case .underMarriageAge: return vi ? "dưới tuổi kết hôn" : "under marriage age"
        case .deathBeforeBirth: return vi ? "chết trước khi sinh" : "death before birth"
        case .registrationYearOutsideBook: return vi ? "năm đăng ký ngoài sổ" : "registration year outside the book"
        case .sequenceGap: return vi ? "thiếu số đăng ký" : "registration numbers missing"
        case .sequenceDuplicate: return vi ? "số đăng ký dùng hai lần" : "registration number used twice"
        case .sequenceOutOfOrder: return vi ? "số sai thứ tự trong sổ" : "number out of order in the book"
        case .sequenceDateGoesBack: return vi ? "ngày đăng ký lùi lại" : "registration date goes back"
        case .fileWithoutRecord: return vi ? "tệp quét chưa có bản ghi" : "scan file without a record"
        case .recordWithoutFile: return vi ? "bản ghi không có tệp quét" : "record without a scan file"
        case .fileWithSeveralEntries: return vi ? "tệp có nhiều bản ghi" : "file with several records"
        case .personalIDShared: return vi ? "số định danh của người khác" : "personal ID of another person"
        case .personalIDProvince: return vi ? "số định danh mã tỉnh khác" : "personal ID of another province"
        case .fileMarkedByOperator: return vi ? "tệp người nhập đánh dấu không phải trường hợp" : "file an operator marked as not an entry"
        case .placeUnresolved: return vi ? "địa danh chưa xác định được" : "place not resolved"
        case .placeNotOnDate: return vi ? "địa danh không có vào ngày đăng ký" : "place not in force on the date"
        }
    }
}
