/// The code lists of the Ministry's digitization templates (reference: moj-fields.md §4).
///
/// Lists whose values rest on a single unconfirmed source carry a `-provisional` version, so that
/// exports and reports show which codes still need an official template to confirm them.
public enum CodeLists {
    public static let gioiTinh = CodeList(id: "gioiTinh", version: "2024", entries: [
        .init("1", "Nam"), .init("2", "Nữ"), .init("3", "Không xác định"),
    ])

    public static let loaiDangKyKS = CodeList(id: "loaiDangKy.KS", version: "2024", entries: [
        .init("1", "Đăng ký đúng hạn"), .init("2", "Đăng ký lại"),
        .init("3", "Ghi vào sổ việc khai sinh đã đăng ký ở cơ quan có thẩm quyền nước ngoài"),
        .init("4", "Đăng ký quá hạn"), .init("5", "Cấp bản chính giấy khai sinh"), .init("6", "Không xác định"),
    ])

    public static let loaiDangKyKT = CodeList(id: "loaiDangKy.KT", version: "2024-provisional", entries: [
        .init("0", "Không có thông tin"), .init("1", "Đăng ký đúng hạn"), .init("2", "Đăng ký lại"),
        .init("3", "Ghi vào sổ việc khai tử đã đăng ký ở nước ngoài"), .init("4", "Đăng ký quá hạn"),
    ])

    public static let loaiDangKyKH = CodeList(id: "loaiDangKy.KH", version: "2024-provisional", entries: [
        .init("1", "Đăng ký lần đầu"), .init("2", "Đăng ký lại"),
    ])

    public static let loaiDangKyCMC = CodeList(id: "loaiDangKy.CMC", version: "2024-provisional", entries: [
        .init("0", "Không có thông tin"), .init("1", "Đăng ký mới"),
        .init("2", "Ghi vào sổ việc nhận cha, mẹ, con đã đăng ký ở nước ngoài"),
    ])

    public static let loaiXacNhan = CodeList(id: "loaiXacNhan", version: "2024-provisional", entries: [
        .init("1", "Cha nhận con"), .init("2", "Mẹ nhận con"), .init("3", "Con nhận cha"), .init("4", "Con nhận mẹ"),
    ])

    public static let loaiCuTru = CodeList(id: "loaiCuTru", version: "2024", entries: [
        .init("0", "Không có thông tin"), .init("1", "Thường trú"), .init("2", "Tạm trú"),
    ])

    public static let loaiGiayToTuyThan = CodeList(id: "loaiGiayToTuyThan", version: "2024", entries: [
        .init("1", "Giấy chứng minh nhân dân"), .init("2", "Hộ chiếu"), .init("3", "Thẻ thường trú"),
        .init("4", "Thẻ căn cước công dân"), .init("5", "Giấy chứng minh quân đội nhân dân"),
        .init("6", "Giấy chứng minh sĩ quan quân đội"), .init("7", "Giấy chứng minh công an nhân dân"),
        .init("8", "Giấy tờ khác"),
    ])

    public static let nksLoaiKhaiSinh = CodeList(id: "nksLoaiKhaiSinh", version: "2024", entries: [
        .init("1", "Đã xác định được cả cha lẫn mẹ"), .init("2", "Chưa xác định được mẹ"),
        .init("3", "Chưa xác định được cha"), .init("4", "Chưa xác định được cả cha lẫn mẹ"),
        .init("5", "Trẻ bị bỏ rơi"),
    ])

    public static let tuyenBo = CodeList(id: "tuyenBo", version: "2024", entries: [
        .init("1", "Tuyên bố"), .init("2", "Hủy tuyên bố"),
    ])

    public static let gbtLoai = CodeList(id: "gbtLoai", version: "2024-provisional", entries: [
        .init("0", "Không có thông tin"), .init("1", "Giấy báo tử"),
        .init("2", "Giấy xác nhận thi hành án tử hình"), .init("3", "Bản án, quyết định của Tòa án tuyên bố đã chết"),
        .init("4", "Văn bản xác nhận của công an hoặc kết quả giám định pháp y"),
        .init("5", "Văn bản xác định nguyên nhân chết của y tế cấp huyện"),
        .init("6", "Biên bản xác nhận việc chết"), .init("7", "Văn bản xác nhận của người làm chứng"),
    ])

    public static let nxnLoaiMucDichSuDung = CodeList(id: "nxnLoaiMucDichSuDung", version: "2024-provisional", entries: [
        .init("1", "Kết hôn trong nước với người Việt Nam"), .init("2", "Kết hôn trong nước với người nước ngoài"),
        .init("3", "Kết hôn ở nước ngoài với người Việt Nam"), .init("4", "Kết hôn ở nước ngoài với người nước ngoài"),
        .init("5", "Mục đích khác"),
    ])

    public static let tinhTrangKetHon = CodeList(id: "tinhTrangKetHon", version: "2024-provisional", entries: [
        .init("1", "Đã ly hôn"), .init("2", "Đã hủy việc kết hôn"), .init("3", "Đã được công nhận việc kết hôn"),
        .init("4", "Không có thông tin"),
    ])

    public static let tinhTrangTuyenBoViecChet = CodeList(id: "tinhTrangTuyenBoViecChet", version: "2024-provisional", entries: [
        .init("1", "Tuyên bố đã chết"), .init("2", "Hủy tuyên bố đã chết"),
    ])

    /// The 54 ethnic groups in the national order, plus foreigners and unknown. Subgroup names
    /// written in old registers ("Ba Na (Bơ-nâm)") are kept as written.
    public static let danToc = CodeList(id: "danToc", version: "QD121-1979", entries: [
        .init("01", "Kinh"), .init("02", "Tày"), .init("03", "Thái"), .init("04", "Hoa"), .init("05", "Khơ-me"),
        .init("06", "Mường"), .init("07", "Nùng"), .init("08", "H'Mông"), .init("09", "Dao"), .init("10", "Gia-rai"),
        .init("11", "Ngái"), .init("12", "Ê-đê"), .init("13", "Ba na"), .init("14", "Xơ-Đăng"), .init("15", "Sán Chay"),
        .init("16", "Cơ-ho"), .init("17", "Chăm"), .init("18", "Sán Dìu"), .init("19", "Hrê"), .init("20", "Mnông"),
        .init("21", "Ra-glai"), .init("22", "Xtiêng"), .init("23", "Bru-Vân Kiều"), .init("24", "Thổ"),
        .init("25", "Giáy"), .init("26", "Cơ-tu"), .init("27", "Giẻ Triêng"), .init("28", "Mạ"), .init("29", "Khơ-mú"),
        .init("30", "Co"), .init("31", "Tà-ôi"), .init("32", "Chơ-ro"), .init("33", "Kháng"), .init("34", "Xinh-mun"),
        .init("35", "Hà Nhì"), .init("36", "Chu ru"), .init("37", "Lào"), .init("38", "La Chí"), .init("39", "La Ha"),
        .init("40", "Phù Lá"), .init("41", "La Hủ"), .init("42", "Lự"), .init("43", "Lô Lô"), .init("44", "Chứt"),
        .init("45", "Mảng"), .init("46", "Pà Thẻn"), .init("47", "Cơ Lao"), .init("48", "Cống"), .init("49", "Bố Y"),
        .init("50", "Si La"), .init("51", "Pu Péo"), .init("52", "Brâu"), .init("53", "Ơ Đu"), .init("54", "Rơ măm"),
        .init("55", "Người nước ngoài"), .init("56", "Không rõ"),
    ], allowsUnlistedText: true)

    /// Nationalities as the digitization templates write them (names), with ISO 3166 alpha-2 codes.
    /// Names not in the list are kept as written.
    public static let quocTich = CodeList(id: "quocTich", version: "ISO3166-vi-2024", entries: [
        .init("VN", "Việt Nam"), .init("LA", "Lào"), .init("KH", "Campuchia"), .init("CN", "Trung Quốc"),
        .init("TW", "Đài Loan"), .init("KR", "Hàn Quốc"), .init("KP", "Triều Tiên"), .init("JP", "Nhật Bản"),
        .init("TH", "Thái Lan"), .init("MY", "Malaysia"), .init("SG", "Singapore"), .init("PH", "Philippines"),
        .init("ID", "Indonesia"), .init("MM", "Myanmar"), .init("IN", "Ấn Độ"), .init("RU", "Nga"),
        .init("UA", "Ukraina"), .init("PL", "Ba Lan"), .init("CZ", "Séc"), .init("DE", "Đức"), .init("FR", "Pháp"),
        .init("GB", "Anh"), .init("IT", "Ý"), .init("NL", "Hà Lan"), .init("BE", "Bỉ"), .init("CH", "Thụy Sĩ"),
        .init("SE", "Thụy Điển"), .init("NO", "Na Uy"), .init("DK", "Đan Mạch"), .init("FI", "Phần Lan"),
        .init("US", "Hoa Kỳ"), .init("CA", "Ca-na-đa"), .init("AU", "Úc"), .init("NZ", "Niu Di-lân"),
        .init("CU", "Cu Ba"), .init("BR", "Bra-xin"), .init("ZA", "Nam Phi"),
    ], allowsUnlistedText: true)

    /// Every list, by identifier.
    public static let all: [String: CodeList] = Dictionary(uniqueKeysWithValues: [
        gioiTinh, loaiDangKyKS, loaiDangKyKT, loaiDangKyKH, loaiDangKyCMC, loaiXacNhan, loaiCuTru,
        loaiGiayToTuyThan, nksLoaiKhaiSinh, tuyenBo, gbtLoai, nxnLoaiMucDichSuDung, tinhTrangKetHon,
        tinhTrangTuyenBoViecChet, danToc, quocTich,
    ].map { ($0.id, $0) })
}
