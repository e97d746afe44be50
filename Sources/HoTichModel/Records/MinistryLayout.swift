/// The Ministry's import spreadsheet: the columns of each record kind in the order its import takes
/// them, and how a stored value is written into a cell and read back from one.
///
/// The order is the digitization systems' export order (Bến Tre's server, 2024: KS 60 columns,
/// KT 48, KH 44, CMC 50, HN 35), with the columns newer templates add (personal ID numbers of the
/// child and parents, the parents' sex in recognitions) placed beside their block. A province whose
/// template differs gives its own header row (`--template`), which ``columns(for:template:)`` checks.
public enum MinistryLayout {
    /// The field keys of `kind`, in the Ministry's column order.
    public static func columns(for kind: RecordKind) -> [String] {
        switch kind {
        case .birth: birth
        case .death: death
        case .marriage: marriage
        case .maritalStatus: maritalStatus
        case .parentChild: parentChild
        }
    }

    /// What is wrong with a template's header row for `kind`.
    public enum TemplateProblem: Error, Sendable, Equatable {
        /// Headers that name no field of the kind (as written, trimmed).
        case unknownColumns([String])
        /// Required fields the template has no column for.
        case missingColumns([String])
        /// A field named by two columns.
        case duplicateColumn(String)
    }

    /// The field keys of a template's header row, in its order: each header is a field key of
    /// `kind` (any case) or the register's label of one; a row counter (`STT`) is kept as `nil`.
    public static func columns(for kind: RecordKind, template header: [String]) -> Result<[String?], TemplateProblem> {
        let fields = FieldCatalog.fields(for: kind)
        var byLabel: [String: [FieldDefinition]] = [:]
        for field in fields { byLabel[VietnameseText.folded(field.label), default: []].append(field) }
        var mapped: [String?] = []
        var unknown: [String] = []
        var seen: Set<String> = []
        for cell in header {
            let name = VietnameseText.normalized(cell)
            if name.isEmpty || rowCounters.contains(VietnameseText.folded(name)) {
                mapped.append(nil)
                continue
            }
            guard let field = fields.first(where: { $0.key.lowercased() == name.lowercased() })
                ?? byLabel[VietnameseText.folded(name)].flatMap({ $0.count == 1 ? $0[0] : nil })
            else {
                unknown.append(name)
                continue
            }
            guard seen.insert(field.key).inserted else { return .failure(.duplicateColumn(field.key)) }
            mapped.append(field.key)
        }
        if !unknown.isEmpty { return .failure(.unknownColumns(unknown)) }
        let missing = fields.filter { $0.required && !seen.contains($0.key) }.map(\.key)
        if !missing.isEmpty { return .failure(.missingColumns(missing)) }
        return .success(mapped)
    }

    /// Headers of row-counter columns, folded.
    public static let rowCounters: Set<String> = ["stt", "so thu tu"]

    // MARK: - Cells

    /// The text of a stored value in the Ministry's sheet: dates as written (`dd.mm.yyyy`,
    /// `mm.yyyy` or `yyyy`), code fields as their numeric code (ethnicity and nationality as their
    /// names), everything else as stored; a value read with doubt as the value read. A value blank in
    /// the register is an empty cell, or `-` in a required column (which the Ministry's import
    /// refuses empty); an illegible value is an empty cell. The notes sheet lists the cells whose
    /// state the value alone does not say (``CellState``).
    public static func cell(_ value: FieldValue?, field: FieldDefinition) -> String {
        if case .blank? = value, field.required { return "-" }
        guard let text = value?.text else { return "" }
        guard case .code(let list) = field.type, !namedLists.contains(list.id) else { return text }
        return list.entry(matching: text)?.code ?? text
    }

    /// Code lists the Ministry's sheets carry by name, not by code.
    public static let namedLists: Set<String> = [CodeLists.danToc.id, CodeLists.quocTich.id]

    /// A value's state as the notes sheet lists it, for the cells whose value alone does not say it.
    public enum CellState: String, Sendable, CaseIterable {
        /// Read with doubt: the cell holds the value read.
        case uncertain = "?"
        /// Written but not readable: the cell is empty.
        case illegible = "."

        /// The state of `value` when the notes sheet must list it.
        public init?(_ value: FieldValue?) {
            switch value {
            case .uncertain?: self = .uncertain
            case .illegible?: self = .illegible
            case .blank?, .filled?, nil: return nil
            }
        }
    }

    // MARK: - Column orders

    /// Số, quyển số, trang số, ngày đăng ký, loại đăng ký (after which some kinds insert their own).
    private static let head = ["so", "quyenSo", "trangSo", "ngayDangKy", "loaiDangKy"]
    private static let tail = ["noiDangKy", "nguoiKy", "chucVuNguoiKy", "nguoiThucHien", "ghiChu"]
    private static let foreign = ["soDangKyNuocNgoai", "ngayDangKyNuocNgoai", "cqNuocNgoaiDaDangKy", "qgNuocNgoaiDaDangKy"]
    private static let requester = [
        "nycHoTen", "nycQuanHe", "nycLoaiGiayToTuyThan", "nycGiayToKhac", "nycSoGiayToTuyThan", "nycNgayCapGiayToTuyThan",
        "nycNoiCapGiayToTuyThan",
    ]

    private static func declaration(_ base: String, cancelBasis: String? = nil) -> [String] {
        [base, "\(base)NgayGhiChuTuyenBo", "\(base)CanCuTuyenBo", "\(base)NgayGhiChuHuyTuyenBo", cancelBasis ?? "\(base)CanCuHuyTuyenBo"]
    }

    private static func birthParent(_ p: String) -> [String] {
        ["\(p)SoDinhDanhCaNhan", "\(p)HoTen", "\(p)NgaySinh", "\(p)DanToc", "\(p)QuocTich", "\(p)QuocTichKhac", "\(p)LoaiCuTru",
         "\(p)NoiCuTru", "\(p)LoaiGiayToTuyThan", "\(p)SoGiayToTuyThan"]
    }

    /// A person's citizenship, residence and identity document, as the marriage, death, recognition
    /// and marital-status blocks list them.
    private static func person(_ p: String, nativePlace: Bool = false) -> [String] {
        ["\(p)DanToc", "\(p)QuocTich", "\(p)QuocTichKhac"] + (nativePlace ? ["\(p)QueQuan"] : [])
            + ["\(p)LoaiCuTru", "\(p)NoiCuTru", "\(p)LoaiGiayToTuyThan", "\(p)GiayToKhac", "\(p)SoGiayToTuyThan",
               "\(p)NgayCapGiayToTuyThan", "\(p)NoiCapGiayToTuyThan"]
    }

    static let birth: [String] =
        head + tail
        + ["nksSoDinhDanh", "nksHoTen", "nksGioiTinh", "nksNgaySinh", "nksNgaySinhBangChu", "nksNoiSinh", "nksNoiSinhDVHC",
           "nksQueQuan", "nksDanToc", "nksQuocTich", "nksQuocTichKhac", "nksLoaiKhaiSinh"]
        + declaration("nksMatTich")
        + declaration("nksHanCheNangLucHanhVi", cancelBasis: "nksHanCheNangLucHanhViNgayCanCuHuyTuyenBo")
        + birthParent("me") + birthParent("cha") + requester + foreign

    static let death: [String] =
        head + tail
        + ["nktHoTen", "nktGioiTinh", "nktNgaySinh"] + person("nkt")
        + ["nktNgayChet", "nktNgayChetGhiBangChu", "nktGioPhutChet", "nktNoiChet", "nktNguyenNhanChet",
           "nktTinhTrangTuyenBoViecChet", "nktNgayGhiChuTuyenBoViecChet", "nktCanCuTuyenBoViecChet",
           "nktNgayGhiChuHuyTuyenBoViecChet", "nktCanCuHuyTuyenBoViecChet", "gbtLoai", "gbtSo", "gbtNgay", "gbtCoQuanCap"]
        + requester + foreign

    static let marriage: [String] =
        head + ["noiDangKy", "nguoiKy", "chucVuNguoiKy", "ngayXacLapQuanHeHonNhan", "nguoiThucHien", "ghiChu"]
        + ["tinhTrangKetHon", "huyKetHonNgayGhiChu", "huyKetHonCanCu", "congNhanKetHonNgayGhiChu", "congNhanKetHonCanCu"]
        + ["chongHoTen", "chongNgaySinh"] + person("chong") + ["voHoTen", "voNgaySinh"] + person("vo") + foreign

    static let parentChild: [String] =
        head + ["quyetDinhSo", "loaiXacNhan"] + tail
        + ["cmHoTen", "cmGioiTinh", "cmNgaySinh"] + person("cm", nativePlace: true)
        + ["ncHoTen", "ncGioiTinh", "ncNgaySinh"] + person("nc", nativePlace: true)
        + ["nycHoTen", "nycQHNguoiDuocNhan", "nycQHNguoiNhan", "nycLoaiGiayToTuyThan", "nycGiayToKhac", "nycSoGiayToTuyThan",
           "nycNgayCapGiayToTuyThan", "nycNoiCapGiayToTuyThan"]
        + foreign

    static let maritalStatus: [String] =
        ["so", "quyenSo", "trangSo", "ngayDangKy", "noiCap", "nguoiKy", "chucVuNguoiKy", "nguoiThucHien", "ghiChu"]
        + ["nxnHoTen", "nxnGioiTinh", "nxnNgaySinh"] + person("nxn")
        + ["nxnThoiGianCuTruTai", "nxnThoiGianCuTruTu", "nxnThoiGianCuTruDen", "nxnTinhTrangHonNhan", "nxnLoaiMucDichSuDung",
           "nxnMucDichSuDung"]
        + requester
}
