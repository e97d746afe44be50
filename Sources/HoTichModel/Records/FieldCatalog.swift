/// The fields of each record kind, in the order the register prints them.
///
/// This catalog is the single source for keying prompts, import columns, validation, the
/// comparison of two keyings and the export mapping. Keys follow the Ministry's digitization
/// templates (reference: moj-fields.md §2–§4); labels are those printed on the registers.
public enum FieldCatalog {
    /// The fields of `kind`, in register order.
    public static func fields(for kind: RecordKind) -> [FieldDefinition] {
        switch kind {
        case .birth: birth
        case .death: death
        case .marriage: marriage
        case .maritalStatus: maritalStatus
        case .parentChild: parentChild
        }
    }

    /// The field with `key` in `kind`, if any.
    public static func field(_ key: String, in kind: RecordKind) -> FieldDefinition? {
        index[kind]?[key]
    }

    private static let index: [RecordKind: [String: FieldDefinition]] = Dictionary(
        uniqueKeysWithValues: RecordKind.allCases.map { kind in
            (kind, Dictionary(uniqueKeysWithValues: fields(for: kind).map { ($0.key, $0) }))
        })

    /// The key of the field naming the main person of a record (for search and duplicates).
    public static func subjectNameKey(for kind: RecordKind) -> String {
        switch kind {
        case .birth: "nksHoTen"
        case .death: "nktHoTen"
        case .marriage: "chongHoTen"
        case .maritalStatus: "nxnHoTen"
        case .parentChild: "ncHoTen"
        }
    }

    /// The key of the main person's birth date.
    public static func subjectBirthDateKey(for kind: RecordKind) -> String {
        switch kind {
        case .birth: "nksNgaySinh"
        case .death: "nktNgaySinh"
        case .marriage: "chongNgaySinh"
        case .maritalStatus: "nxnNgaySinh"
        case .parentChild: "ncNgaySinh"
        }
    }

    /// The key of the main person's personal ID number: the first personal-ID field in the group
    /// of the main person's name (`nksSoDinhDanh` in a birth), if the kind has one.
    public static func subjectPersonalIDKey(for kind: RecordKind) -> String? {
        subjectPersonalIDKeys[kind] ?? nil
    }

    private static let subjectPersonalIDKeys: [RecordKind: String?] = Dictionary(
        uniqueKeysWithValues: RecordKind.allCases.map { kind in
            let group = field(subjectNameKey(for: kind), in: kind)?.group
            return (kind, fields(for: kind).first { $0.group == group && $0.type == .personalID }?.key)
        })

    // MARK: - Blocks shared by several kinds

    private static let vietNam = FieldValue.filled("Việt Nam")
    private static let none = FieldValue.blank

    /// Số, quyển số, trang số, ngày đăng ký, then the kind's registration type.
    private static func registerHead(loaiDangKy: CodeList?) -> [FieldDefinition] {
        var fields: [FieldDefinition] = [
            .init("so", "Số", "Number", .registrationNumber, group: .register, required: true),
            .init("quyenSo", "Quyển số", "Volume", .volume, group: .register, required: true),
            .init("trangSo", "Trang số", "Page", .page, group: .register),
            .init("ngayDangKy", "Ngày, tháng, năm đăng ký", "Registration date", .date, group: .register, required: true),
        ]
        if let loaiDangKy {
            fields.append(.init("loaiDangKy", "Loại đăng ký", "Registration type", .code(loaiDangKy), group: .register, required: true))
        }
        return fields
    }

    /// Nơi đăng ký, người ký, chức vụ, người thực hiện, ghi chú.
    private static func registerTail(placeKey: String = "noiDangKy", placeLabel: String = "Nơi đăng ký") -> [FieldDefinition] {
        [
            .init(placeKey, placeLabel, "Registry office", .text, group: .register, required: true),
            .init("nguoiKy", "Người ký", "Signed by", .personName, group: .register),
            .init("chucVuNguoiKy", "Chức vụ người ký", "Signer's title", .text, group: .register),
            .init("nguoiThucHien", "Cán bộ hộ tịch thực hiện", "Civil-status officer", .personName, group: .register),
            .init("ghiChu", "Ghi chú", "Notes", .text, group: .register, maxLength: 2000, defaultValue: none),
        ]
    }

    /// The identity-document fields of a person block.
    private static func identityDocument(_ p: String, group: FieldGroup, otherDocument: Bool, issued: Bool) -> [FieldDefinition] {
        var fields: [FieldDefinition] = [
            .init("\(p)LoaiGiayToTuyThan", "Loại giấy tờ tùy thân", "Identity document type", .code(CodeLists.loaiGiayToTuyThan), group: group),
        ]
        if otherDocument {
            fields.append(.init("\(p)GiayToKhac", "Tên giấy tờ khác", "Other document name", .text, group: group, defaultValue: none))
        }
        fields.append(.init("\(p)SoGiayToTuyThan", "Số giấy tờ tùy thân", "Identity document number", .documentNumber, group: group))
        if issued {
            fields += [
                .init("\(p)NgayCapGiayToTuyThan", "Ngày cấp", "Issued on", .date, group: group),
                .init("\(p)NoiCapGiayToTuyThan", "Nơi cấp", "Issued by", .text, group: group),
            ]
        }
        return fields
    }

    /// Nationality, other nationality, residence type and place.
    private static func citizenship(_ p: String, group: FieldGroup) -> [FieldDefinition] {
        [
            .init("\(p)DanToc", "Dân tộc", "Ethnicity", .code(CodeLists.danToc), group: group),
            .init("\(p)QuocTich", "Quốc tịch", "Nationality", .code(CodeLists.quocTich), group: group, defaultValue: vietNam),
            .init("\(p)QuocTichKhac", "Quốc tịch khác", "Other nationality", .code(CodeLists.quocTich), group: group, defaultValue: none),
        ]
    }

    private static func residence(_ p: String, group: FieldGroup) -> [FieldDefinition] {
        [
            .init("\(p)LoaiCuTru", "Loại cư trú", "Residence type", .code(CodeLists.loaiCuTru), group: group),
            .init("\(p)NoiCuTru", "Nơi cư trú", "Residence", .place, group: group),
        ]
    }

    /// A parent of a birth record: name, birth date (often a year), ethnicity, nationality, residence, ID.
    private static func birthParent(_ p: String, _ who: String, _ whoEN: String, group: FieldGroup) -> [FieldDefinition] {
        [
            .init("\(p)SoDinhDanhCaNhan", "Số định danh cá nhân của \(who)", "\(whoEN)'s personal ID number", .personalID, group: group),
            .init("\(p)HoTen", "Họ, chữ đệm, tên \(who)", "\(whoEN)'s full name", .personName, group: group),
            .init("\(p)NgaySinh", "Năm sinh", "\(whoEN)'s year or date of birth", .date, group: group),
        ]
            + citizenship(p, group: group) + residence(p, group: group)
            + identityDocument(p, group: group, otherDocument: false, issued: false)
    }

    /// The requester block; `relation` holds the keys of the relation fields.
    private static func requester(relations: [(String, String, String)]) -> [FieldDefinition] {
        [.init("nycHoTen", "Họ, chữ đệm, tên người đi đăng ký", "Requester's full name", .personName, group: .requester)]
            + relations.map { .init($0.0, $0.1, $0.2, .text, group: .requester) }
            + identityDocument("nyc", group: .requester, otherDocument: true, issued: true)
    }

    private static let foreignRegistration: [FieldDefinition] = [
        .init("soDangKyNuocNgoai", "Số đăng ký ở nước ngoài", "Number registered abroad", .text, group: .foreign, defaultValue: none),
        .init("ngayDangKyNuocNgoai", "Ngày đăng ký ở nước ngoài", "Date registered abroad", .date, group: .foreign, defaultValue: none),
        .init("cqNuocNgoaiDaDangKy", "Cơ quan nước ngoài đã đăng ký", "Foreign authority", .text, group: .foreign, defaultValue: none),
        .init("qgNuocNgoaiDaDangKy", "Quốc gia nơi đã đăng ký", "Country of registration", .code(CodeLists.quocTich), group: .foreign, defaultValue: none),
    ]

    /// A court or authority statement annotated in the margin: flag, note date, basis; and its cancellation.
    private static func declaration(_ base: String, _ label: String, _ englishLabel: String, cancelDateKey: String? = nil) -> [FieldDefinition] {
        [
            .init(base, label, englishLabel, .code(CodeLists.tuyenBo), group: .annotation, defaultValue: none),
            .init("\(base)NgayGhiChuTuyenBo", "\(label): ngày ghi chú", "\(englishLabel): note date", .date, group: .annotation, defaultValue: none),
            .init("\(base)CanCuTuyenBo", "\(label): căn cứ", "\(englishLabel): legal basis", .text, group: .annotation, defaultValue: none),
            .init("\(base)NgayGhiChuHuyTuyenBo", "\(label): ngày ghi chú hủy", "\(englishLabel): cancellation note date", .date, group: .annotation, defaultValue: none),
            .init(cancelDateKey ?? "\(base)CanCuHuyTuyenBo", "\(label): căn cứ hủy", "\(englishLabel): cancellation basis", .text, group: .annotation, defaultValue: none),
        ]
    }

    // MARK: - Khai sinh

    static let birth: [FieldDefinition] =
        registerHead(loaiDangKy: CodeLists.loaiDangKyKS)
        + [
            .init("nksSoDinhDanh", "Số định danh cá nhân", "Personal ID number", .personalID, group: .subject),
            .init("nksHoTen", "Họ, chữ đệm, tên", "Full name", .personName, group: .subject, required: true),
            .init("nksGioiTinh", "Giới tính", "Sex", .code(CodeLists.gioiTinh), group: .subject, required: true),
            .init("nksNgaySinh", "Ngày, tháng, năm sinh", "Date of birth", .date, group: .subject, required: true),
            .init("nksNgaySinhBangChu", "Ngày, tháng, năm sinh (bằng chữ)", "Date of birth in words", .text, group: .subject),
            .init("nksNoiSinh", "Nơi sinh", "Place of birth", .place, group: .subject, required: true),
            .init("nksNoiSinhDVHC", "Nơi sinh (tỉnh)", "Place of birth (province)", .place, group: .subject),
            .init("nksQueQuan", "Quê quán", "Native place", .place, group: .subject),
        ]
        + citizenship("nks", group: .subject)
        + [.init("nksLoaiKhaiSinh", "Loại khai sinh", "Birth case", .code(CodeLists.nksLoaiKhaiSinh), group: .subject)]
        + birthParent("me", "mẹ", "Mother", group: .mother)
        + birthParent("cha", "cha", "Father", group: .father)
        + requester(relations: [("nycQuanHe", "Quan hệ với người được khai sinh", "Relationship to the child")])
        + registerTail()
        + declaration("nksMatTich", "Tuyên bố mất tích", "Declared missing")
        + declaration("nksHanCheNangLucHanhVi", "Hạn chế năng lực hành vi dân sự", "Restricted legal capacity",
                      cancelDateKey: "nksHanCheNangLucHanhViNgayCanCuHuyTuyenBo")
        + foreignRegistration

    // MARK: - Khai tử

    static let death: [FieldDefinition] =
        registerHead(loaiDangKy: CodeLists.loaiDangKyKT)
        + [
            .init("nktHoTen", "Họ, chữ đệm, tên người chết", "Deceased's full name", .personName, group: .subject, required: true),
            .init("nktGioiTinh", "Giới tính", "Sex", .code(CodeLists.gioiTinh), group: .subject, required: true),
            .init("nktNgaySinh", "Ngày, tháng, năm sinh", "Date of birth", .date, group: .subject),
        ]
        + citizenship("nkt", group: .subject) + residence("nkt", group: .subject)
        + identityDocument("nkt", group: .subject, otherDocument: true, issued: true)
        + [
            .init("nktNgayChet", "Ngày, tháng, năm chết", "Date of death", .date, group: .subject, required: true),
            .init("nktNgayChetGhiBangChu", "Ngày chết (bằng chữ)", "Date of death in words", .text, group: .subject),
            .init("nktGioPhutChet", "Giờ, phút chết", "Time of death", .time, group: .subject),
            .init("nktNoiChet", "Nơi chết", "Place of death", .place, group: .subject, required: true),
            .init("nktNguyenNhanChet", "Nguyên nhân chết", "Cause of death", .text, group: .subject),
            .init("nktTinhTrangTuyenBoViecChet", "Tuyên bố chết", "Declared dead", .code(CodeLists.tinhTrangTuyenBoViecChet), group: .annotation, defaultValue: none),
            .init("nktNgayGhiChuTuyenBoViecChet", "Tuyên bố chết: ngày ghi chú", "Declared dead: note date", .date, group: .annotation, defaultValue: none),
            .init("nktCanCuTuyenBoViecChet", "Tuyên bố chết: căn cứ", "Declared dead: basis", .text, group: .annotation, defaultValue: none),
            .init("nktNgayGhiChuHuyTuyenBoViecChet", "Hủy tuyên bố chết: ngày ghi chú", "Cancelled: note date", .date, group: .annotation, defaultValue: none),
            .init("nktCanCuHuyTuyenBoViecChet", "Hủy tuyên bố chết: căn cứ", "Cancelled: basis", .text, group: .annotation, defaultValue: none),
            .init("gbtLoai", "Loại giấy báo tử", "Death notice type", .code(CodeLists.gbtLoai), group: .deathNotice),
            .init("gbtSo", "Số giấy báo tử", "Death notice number", .text, group: .deathNotice),
            .init("gbtNgay", "Ngày cấp giấy báo tử", "Death notice date", .date, group: .deathNotice),
            .init("gbtCoQuanCap", "Cơ quan cấp giấy báo tử", "Death notice issued by", .text, group: .deathNotice),
        ]
        + requester(relations: [("nycQuanHe", "Quan hệ với người chết", "Relationship to the deceased")])
        + registerTail()
        + foreignRegistration

    // MARK: - Kết hôn

    private static func spouse(_ p: String, _ who: String, _ whoEN: String, group: FieldGroup) -> [FieldDefinition] {
        [
            .init("\(p)HoTen", "Họ, chữ đệm, tên \(who)", "\(whoEN)'s full name", .personName, group: group, required: true),
            .init("\(p)NgaySinh", "Ngày, tháng, năm sinh", "\(whoEN)'s date of birth", .date, group: group, required: true),
        ]
            + citizenship(p, group: group) + residence(p, group: group)
            + identityDocument(p, group: group, otherDocument: true, issued: true)
    }

    static let marriage: [FieldDefinition] =
        registerHead(loaiDangKy: CodeLists.loaiDangKyKH)
        + spouse("chong", "chồng", "Husband", group: .husband)
        + spouse("vo", "vợ", "Wife", group: .wife)
        + registerTail()
        + [
            .init("ngayXacLapQuanHeHonNhan", "Ngày xác lập quan hệ hôn nhân", "Marriage established on", .date, group: .register),
            .init("tinhTrangKetHon", "Tình trạng kết hôn", "Marriage status", .code(CodeLists.tinhTrangKetHon), group: .annotation, defaultValue: none),
            .init("huyKetHonNgayGhiChu", "Hủy kết hôn: ngày ghi chú", "Annulment note date", .date, group: .annotation, defaultValue: none),
            .init("huyKetHonCanCu", "Hủy kết hôn: căn cứ", "Annulment basis", .text, group: .annotation, defaultValue: none),
            .init("congNhanKetHonNgayGhiChu", "Công nhận kết hôn: ngày ghi chú", "Recognition note date", .date, group: .annotation, defaultValue: none),
            .init("congNhanKetHonCanCu", "Công nhận kết hôn: căn cứ", "Recognition basis", .text, group: .annotation, defaultValue: none),
        ]
        + foreignRegistration

    // MARK: - Xác nhận tình trạng hôn nhân

    static let maritalStatus: [FieldDefinition] =
        registerHead(loaiDangKy: nil)
        + [
            .init("nxnHoTen", "Họ, chữ đệm, tên người được xác nhận", "Full name", .personName, group: .subject, required: true),
            .init("nxnGioiTinh", "Giới tính", "Sex", .code(CodeLists.gioiTinh), group: .subject),
            .init("nxnNgaySinh", "Ngày, tháng, năm sinh", "Date of birth", .date, group: .subject, required: true),
        ]
        + citizenship("nxn", group: .subject) + residence("nxn", group: .subject)
        + identityDocument("nxn", group: .subject, otherDocument: true, issued: true)
        + [
            .init("nxnThoiGianCuTruTai", "Thời gian cư trú tại", "Resided at", .text, group: .subject, defaultValue: none),
            .init("nxnThoiGianCuTruTu", "Cư trú từ ngày", "Resided from", .date, group: .subject, defaultValue: none),
            .init("nxnThoiGianCuTruDen", "Cư trú đến ngày", "Resided until", .date, group: .subject, defaultValue: none),
            .init("nxnTinhTrangHonNhan", "Tình trạng hôn nhân", "Marital status", .text, group: .subject, required: true, maxLength: 1000),
            .init("nxnLoaiMucDichSuDung", "Loại mục đích sử dụng", "Purpose type", .code(CodeLists.nxnLoaiMucDichSuDung), group: .subject),
            .init("nxnMucDichSuDung", "Mục đích sử dụng", "Purpose", .text, group: .subject),
        ]
        + requester(relations: [("nycQuanHe", "Quan hệ với người được xác nhận", "Relationship")])
        + registerTail(placeKey: "noiCap", placeLabel: "Cơ quan cấp")

    // MARK: - Nhận cha, mẹ, con

    private static func recognitionPerson(_ p: String, _ who: String, _ whoEN: String, group: FieldGroup) -> [FieldDefinition] {
        [
            .init("\(p)HoTen", "Họ, chữ đệm, tên \(who)", "\(whoEN)'s full name", .personName, group: group, required: true),
            .init("\(p)GioiTinh", "Giới tính", "\(whoEN)'s sex", .code(CodeLists.gioiTinh), group: group),
            .init("\(p)NgaySinh", "Ngày, tháng, năm sinh", "\(whoEN)'s date of birth", .date, group: group, required: true),
        ]
            + citizenship(p, group: group)
            + [.init("\(p)QueQuan", "Quê quán", "\(whoEN)'s native place", .place, group: group)]
            + residence(p, group: group)
            + identityDocument(p, group: group, otherDocument: true, issued: true)
    }

    static let parentChild: [FieldDefinition] =
        registerHead(loaiDangKy: CodeLists.loaiDangKyCMC)
        + [
            .init("quyetDinhSo", "Quyết định số", "Decision number", .text, group: .register, defaultValue: none),
            .init("loaiXacNhan", "Loại xác nhận", "Recognition type", .code(CodeLists.loaiXacNhan), group: .register, required: true),
        ]
        + recognitionPerson("cm", "cha/mẹ", "Parent", group: .parent)
        + recognitionPerson("nc", "con", "Child", group: .child)
        + requester(relations: [
            ("nycQHNguoiDuocNhan", "Quan hệ với người được nhận", "Relationship to the person recognised"),
            ("nycQHNguoiNhan", "Quan hệ với người nhận", "Relationship to the person recognising"),
        ])
        + registerTail()
        + foreignRegistration
}
