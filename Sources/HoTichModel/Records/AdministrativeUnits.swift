/// Provinces and centrally governed cities (đơn vị hành chính cấp tỉnh), for coding the places a
/// register names.
///
/// The bundled list is the one of QĐ 124/2004/QĐ-TTg, in force for registrations up to 30 June 2025:
/// the 63 units, plus Hà Tây (28), merged into Hà Nội in 2008, whose code was valid for what was
/// registered there before. Codes are lifetime identifiers: a unit that is merged keeps or loses
/// its code, never gets another. The 34 units of the reorganisation of 1 July 2025 (QĐ 19/2025/QĐ-TTg)
/// are not bundled, so a place registered from that day on is not coded: its text as written stays
/// the record, as for any place the list cannot name.
public enum AdministrativeUnits {
    /// The province list of QĐ 124/2004/QĐ-TTg.
    public static let provinces = CodeList(id: "dvhc.tinh", version: "QD124-2004", entries: [
        .init("01", "Hà Nội"), .init("02", "Hà Giang"), .init("04", "Cao Bằng"), .init("06", "Bắc Kạn"),
        .init("08", "Tuyên Quang"), .init("10", "Lào Cai"), .init("11", "Điện Biên"), .init("12", "Lai Châu"),
        .init("14", "Sơn La"), .init("15", "Yên Bái"), .init("17", "Hoà Bình"), .init("19", "Thái Nguyên"),
        .init("20", "Lạng Sơn"), .init("22", "Quảng Ninh"), .init("24", "Bắc Giang"), .init("25", "Phú Thọ"),
        .init("26", "Vĩnh Phúc"), .init("27", "Bắc Ninh"), .init("28", "Hà Tây"), .init("30", "Hải Dương"),
        .init("31", "Hải Phòng"), .init("33", "Hưng Yên"), .init("34", "Thái Bình"), .init("35", "Hà Nam"),
        .init("36", "Nam Định"), .init("37", "Ninh Bình"), .init("38", "Thanh Hoá"), .init("40", "Nghệ An"),
        .init("42", "Hà Tĩnh"), .init("44", "Quảng Bình"), .init("45", "Quảng Trị"), .init("46", "Thừa Thiên Huế"),
        .init("48", "Đà Nẵng"), .init("49", "Quảng Nam"), .init("51", "Quảng Ngãi"), .init("52", "Bình Định"),
        .init("54", "Phú Yên"), .init("56", "Khánh Hoà"), .init("58", "Ninh Thuận"), .init("60", "Bình Thuận"),
        .init("62", "Kon Tum"), .init("64", "Gia Lai"), .init("66", "Đắk Lắk"), .init("67", "Đắk Nông"),
        .init("68", "Lâm Đồng"), .init("70", "Bình Phước"), .init("72", "Tây Ninh"), .init("74", "Bình Dương"),
        .init("75", "Đồng Nai"), .init("77", "Bà Rịa - Vũng Tàu"), .init("79", "Hồ Chí Minh"), .init("80", "Long An"),
        .init("82", "Tiền Giang"), .init("83", "Bến Tre"), .init("84", "Trà Vinh"), .init("86", "Vĩnh Long"),
        .init("87", "Đồng Tháp"), .init("89", "An Giang"), .init("91", "Kiên Giang"), .init("92", "Cần Thơ"),
        .init("93", "Hậu Giang"), .init("94", "Sóc Trăng"), .init("95", "Bạc Liêu"), .init("96", "Cà Mau"),
    ])

    /// The province a place names as its last part ("…, quận Ba Đình, Hà Nội", "tỉnh Nghệ An",
    /// "TP. Hồ Chí Minh"), coded by the list in force on the registration date; `nil` when the last
    /// part is not a province's name, or the date is past the bundled list (or before it is known).
    ///
    /// Only the last comma-separated part is read, and it must be the whole name: "Bệnh viện Phụ sản
    /// Hà Nội" names a hospital, not a province, and is not coded. A wrong code would be worse than none.
    public static func province(of place: String, registered date: PartialDate?) -> CodeList.Entry? {
        guard let date, isWithinBundledList(date) else { return nil }
        guard let last = place.split(separator: ",").last else { return nil }
        return byKey[key(of: String(last))]
    }

    /// Whether a registration on `date` falls in the time of the bundled list (up to 30 June 2025).
    static func isWithinBundledList(_ date: PartialDate) -> Bool {
        if date.year != 2025 { return date.year < 2025 }
        guard let month = date.month else { return false }
        return month <= 6
    }

    /// A place's last part reduced to letters and digits, without the words naming the level
    /// ("tỉnh", "thành phố", "TP."): "TP. Hồ Chí Minh" and "thành phố Hồ Chí Minh" both give "hochiminh".
    static func key(of part: String) -> String {
        var folded = Substring(VietnameseText.folded(part))
        for prefix in ["thanh pho ", "tinh ", "t.p. ", "t.p.", "tp. ", "tp.", "tp "] where folded.hasPrefix(prefix) {
            folded = folded.dropFirst(prefix.count)
            break
        }
        return String(folded.unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
    }

    /// Names as they are written for the same units.
    private static let aliases: [String: String] = ["hcm": "79", "tphcm": "79", "hue": "46", "brvt": "77"]

    private static let byKey: [String: CodeList.Entry] = {
        var index: [String: CodeList.Entry] = [:]
        for entry in provinces.entries { index[key(of: entry.label)] = entry }
        for (alias, code) in aliases {
            index[alias] = provinces.entries.first { $0.code == code }
        }
        return index
    }()
}
