import HoTichModel
import Testing

@Suite struct MinistryLayoutTests {
    @Test(arguments: RecordKind.allCases)
    func everyFieldOfTheCatalogHasOneColumn(_ kind: RecordKind) {
        let columns = MinistryLayout.columns(for: kind)
        #expect(Set(columns).count == columns.count, "no column twice")
        #expect(Set(columns) == Set(FieldCatalog.fields(for: kind).map(\.key)))
    }

    @Test func theColumnCountsAreTheMinistrysWithTheNewerTemplatesColumns() {
        // Bến Tre's export (2024): KS 60, KT 48, KH 44, CMC 50, HN 35; KS adds three personal ID
        // numbers of newer templates, CMC the parents' and child's sex.
        #expect(RecordKind.allCases.map { MinistryLayout.columns(for: $0).count } == [63, 48, 44, 35, 52])
        #expect(MinistryLayout.columns(for: .birth).prefix(10) == [
            "so", "quyenSo", "trangSo", "ngayDangKy", "loaiDangKy", "noiDangKy", "nguoiKy", "chucVuNguoiKy", "nguoiThucHien", "ghiChu",
        ])
        #expect(MinistryLayout.columns(for: .marriage)[8] == "ngayXacLapQuanHeHonNhan")
        #expect(MinistryLayout.columns(for: .parentChild)[5...6] == ["quyetDinhSo", "loaiXacNhan"])
        #expect(MinistryLayout.columns(for: .maritalStatus)[4] == "noiCap")
    }

    @Test func aTemplateIsCheckedByNameAndLabel() {
        let header = ["STT", "Số", "quyenSo", "ngayDangKy", "loaiDangKy", "noiDangKy", "NKSHOTEN", "nksGioiTinh", "nksNgaySinh", "nksNoiSinh"]
        guard case .success(let columns) = MinistryLayout.columns(for: .birth, template: header) else {
            Issue.record("a template with every required column is accepted")
            return
        }
        #expect(columns == [nil, "so", "quyenSo", "ngayDangKy", "loaiDangKy", "noiDangKy", "nksHoTen", "nksGioiTinh", "nksNgaySinh", "nksNoiSinh"])
        #expect(MinistryLayout.columns(for: .birth, template: header + ["tenKhac"]) == .failure(.unknownColumns(["tenKhac"])))
        #expect(MinistryLayout.columns(for: .birth, template: Array(header.dropLast())) == .failure(.missingColumns(["nksNoiSinh"])))
        #expect(MinistryLayout.columns(for: .birth, template: header + ["so"]) == .failure(.duplicateColumn("so")))
    }

    @Test func cellsAreWrittenTheWayTheMinistrysSheetHoldsThem() throws {
        let field = { (key: String) in FieldCatalog.field(key, in: .birth)! }
        #expect(MinistryLayout.cell(.filled("Đăng ký lại"), field: field("loaiDangKy")) == "2")
        #expect(MinistryLayout.cell(.filled("Nữ"), field: field("nksGioiTinh")) == "2")
        #expect(MinistryLayout.cell(.filled("Kinh"), field: field("nksDanToc")) == "Kinh")
        #expect(MinistryLayout.cell(.filled("Việt Nam"), field: field("nksQuocTich")) == "Việt Nam")
        #expect(MinistryLayout.cell(.filled("05.2017"), field: field("nksNgaySinh")) == "05.2017")
        #expect(MinistryLayout.cell(.uncertain("1990"), field: field("meNgaySinh")) == "1990")
        #expect(MinistryLayout.cell(.blank, field: field("ghiChu")) == "")
        #expect(MinistryLayout.cell(.blank, field: field("nksNoiSinh")) == "-", "a required column is never empty")
        #expect(MinistryLayout.cell(.illegible, field: field("nksQueQuan")) == "")
        #expect(MinistryLayout.CellState(.uncertain("1990")) == .uncertain && MinistryLayout.CellState(.illegible) == .illegible)
        #expect(MinistryLayout.CellState(.blank) == nil && MinistryLayout.CellState(.filled("x")) == nil)
    }

    @Test func bundleNamesRoundTripAndAnOfficeGetsAPrefix() {
        let name = MinistryBundleName("xalocthuan_hbd_tbt.CMC.2006.01.xlsx")
        #expect(name == MinistryBundleName(prefix: "xalocthuan_hbd_tbt", kind: .parentChild, yearOpened: 2006, volume: 1))
        #expect(name?.fileName("zip") == "xalocthuan_hbd_tbt.CMC.2006.01.zip")
        #expect(MinistryBundleName("/tmp/a.b.KS.2017.01.xlsx")?.prefix == "ab", "the place part is cleaned to letters, digits, _ and -")
        for bad in ["KS.2017.01.xlsx", "x.KZ.2017.01.xlsx", "x.KS.17.01.xlsx", "x.KS.2017.0001.xlsx", "x.KS.2017.00.xlsx"] {
            #expect(MinistryBundleName(bad) == nil, "\(bad)")
        }
        #expect(MinistryBundleName.defaultPrefix(officeName: "UBND phường Phúc Xá", office: OfficeCode(literal: "00001"), province: "01")
                == "phuongphucxa_00001_hn")
        #expect(MinistryBundleName.defaultPrefix(officeName: nil, office: OfficeCode(literal: "20245"), province: nil) == "20245")
    }
}
