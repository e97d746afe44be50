public import Foundation

/// Keyed entries of the sample book, as a contractor's spreadsheet would hold them: the demo
/// imports pass 1 and pass 2 from these CSV files, and the tests use them as real input.
///
/// Pass 2 is the same book keyed by another person, with the slips a second operator makes
/// (a tone mark, a digit, a different spelling of a place), so verification has work to do.
/// The committed copies live in `fixtures/keying/`.
public enum SampleKeyings {
    /// The columns, by the Ministry's field names.
    public static let header = [
        "STT", "so", "quyenSo", "trangSo", "ngayDangKy", "loaiDangKy", "noiDangKy", "nguoiKy", "chucVuNguoiKy",
        "nguoiThucHien", "nksHoTen", "nksGioiTinh", "nksNgaySinh", "nksNoiSinh", "nksQueQuan", "nksDanToc",
        "nksQuocTich", "meHoTen", "meNgaySinh", "meDanToc", "meNoiCuTru", "chaHoTen", "chaNgaySinh", "chaDanToc",
        "chaNoiCuTru", "nycHoTen", "nycQuanHe", "ghiChu",
    ]

    struct Entry {
        let child: String, sex: String, born: String, place: String
        let mother: String, motherBorn: String, father: String, fatherBorn: String
        let requester: String, relation: String, note: String
    }

    static let entries: [Entry] = [
        .init(child: "Nguyễn Minh Anh", sex: "2", born: "28.12.2016", place: "Bệnh viện Phụ sản Hà Nội",
              mother: "Trần Thị Hương", motherBorn: "1990", father: "Nguyễn Văn Dũng", fatherBorn: "1988",
              requester: "Nguyễn Văn Dũng", relation: "Cha", note: "-"),
        .init(child: "Lê Hoàng Nam", sex: "1", born: "01.01.2017", place: "Bệnh viện Bạch Mai",
              mother: "Phạm Thị Lan", motherBorn: "1993", father: "Lê Văn Hùng", fatherBorn: "1991",
              requester: "Phạm Thị Lan", relation: "Mẹ", note: "-"),
        .init(child: "Trần Gia Bảo", sex: "1", born: "04.01.2017", place: "Bệnh viện Phụ sản Hà Nội",
              mother: "Đỗ Thị Thu", motherBorn: "1995", father: "Trần Quốc Tuấn", fatherBorn: "1994",
              requester: "Trần Quốc Tuấn", relation: "Cha", note: "-"),
        .init(child: "Phạm Ngọc Hân", sex: "2", born: "20.01.2017", place: "Trạm y tế phường Phúc Xá",
              mother: "Vũ Thị Mai", motherBorn: "1989", father: "Phạm Đức Thắng", fatherBorn: "1987",
              requester: "Phạm Đức Thắng", relation: "Cha", note: "-"),
        .init(child: "Hoàng Đức Minh", sex: "1", born: "15.02.2017", place: "Bệnh viện Xanh Pôn",
              mother: "Bùi Thị Ngọc", motherBorn: "1992", father: "Hoàng Văn Long", fatherBorn: "1990",
              requester: "Hoàng Văn Long", relation: "Cha", note: "-"),
        .init(child: "Vũ Khánh Linh", sex: "2", born: "01.03.2017", place: "Bệnh viện Phụ sản Hà Nội",
              mother: "Ngô Thị Hà", motherBorn: "1994", father: "Vũ Mạnh Cường", fatherBorn: "1992",
              requester: "Ngô Thị Hà", relation: "Mẹ", note: "-"),
        .init(child: "Đặng Quang Huy", sex: "1", born: "10.03.2017", place: "Bệnh viện Bạch Mai",
              mother: "Hồ Thị Yến", motherBorn: "1991", father: "Đặng Văn Toàn", fatherBorn: "1989",
              requester: "Đặng Văn Toàn", relation: "Cha", note: "-"),
        .init(child: "Bùi Thảo Vy", sex: "2", born: "02.04.2017", place: "Bệnh viện Phụ sản Hà Nội",
              mother: "Dương Thị Nga", motherBorn: "1996", father: "Bùi Văn Sơn", fatherBorn: "1993",
              requester: "Bùi Văn Sơn", relation: "Cha", note: "-"),
        .init(child: "Đỗ Tuấn Kiệt", sex: "1", born: "21.04.2017", place: "Bệnh viện Xanh Pôn",
              mother: "Lý Thị Hoa", motherBorn: "1990", father: "Đỗ Minh Khoa", fatherBorn: "1986",
              requester: "Lý Thị Hoa", relation: "Mẹ", note: "-"),
        .init(child: "Hồ Bảo Ngọc", sex: "2", born: "11.05.2017", place: "Bệnh viện Phụ sản Hà Nội",
              mother: "Nguyễn Thị Thanh", motherBorn: ".", father: "Hồ Văn Phúc", fatherBorn: "1985",
              requester: "Hồ Văn Phúc", relation: "Cha", note: "Năm sinh của mẹ bị nhòe mực"),
        .init(child: "Ngô Thành Đạt", sex: "1", born: "30.05.2017", place: "Bệnh viện Bạch Mai",
              mother: "Trịnh Thị Loan", motherBorn: "1993", father: "Ngô Văn Bình", fatherBorn: "1990?",
              requester: "Ngô Văn Bình", relation: "Cha", note: "-"),
        .init(child: "Dương Mỹ Tâm", sex: "2", born: "19.06.2017", place: "Trạm y tế phường Phúc Xá",
              mother: "Phan Thị Hằng", motherBorn: "1997", father: "-", fatherBorn: "-",
              requester: "Phan Thị Hằng", relation: "Mẹ", note: "-"),
    ]

    /// The rows of one pass, header first.
    public static func rows(pass: Int) -> [[String]] {
        var rows = [header]
        for (index, entry) in entries.enumerated() {
            let number = index + 1
            let date = SampleScans.registrationDates[index].split(separator: "-")
            var row = [
                "\(number)", number < 10 ? "0\(number)" : "\(number)", "01/2017", "\(number)",
                "\(date[2]).\(date[1]).\(date[0])", "1", "UBND phường Phúc Xá", "Trần Văn Thành",
                "Phó Chủ tịch UBND phường", "Lê Thị Minh", entry.child.uppercased(), entry.sex, entry.born, entry.place,
                "phường Phúc Xá, quận Ba Đình, Hà Nội", "Kinh", "Việt Nam", entry.mother, entry.motherBorn, "Kinh",
                "phường Phúc Xá, quận Ba Đình, Hà Nội", entry.father, entry.fatherBorn,
                entry.father == "-" ? "-" : "Kinh", entry.father == "-" ? "-" : "phường Phúc Xá, quận Ba Đình, Hà Nội",
                entry.requester, entry.relation, entry.note,
            ]
            if pass == 2 {
                // The second operator's slips.
                switch number {
                case 3: row[10] = "TRẦN GIA BẢO".replacingOccurrences(of: "BẢO", with: "BẢ0")  // letter O keyed as zero
                case 5: row[12] = "15.02.2016"
                case 8: row[14] = "P. Phúc Xá, Q. Ba Đình, Hà Nội"
                default: break
                }
                row[0] = "\(number)"
            }
            rows.append(row)
        }
        return rows
    }

    /// The CSV text of one pass (UTF-8, comma separated, CRLF, fields quoted where needed).
    public static func csv(pass: Int) -> String {
        rows(pass: pass).map { row in
            row.map { cell in
                cell.contains(",") || cell.contains("\"") ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }

    /// File name of a pass's CSV under `fixtures/keying/`.
    public static func fileName(pass: Int) -> String { "KS-00001-2017-01.pass\(pass).csv" }

    /// Writes both passes into `folder`.
    public static func write(into folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for pass in [1, 2] {
            try Data(csv(pass: pass).utf8).write(to: folder.appendingPathComponent(fileName(pass: pass)))
        }
    }
}
