public import Foundation
public import HoTichModel

/// The sample scans that `hotich demo` and the tests use: small, deterministic, real files.
///
/// The committed `fixtures/scans/` folder is this generator's output; a test keeps the two equal,
/// and `hotich dev-fixtures --out fixtures` writes them again.
public enum SampleScans {
    /// What the demo's supervisor types when putting the sample batch on hold (stored as typed,
    /// in the registers' language).
    public static let holdReason = "Chờ bổ sung trang bìa sổ"
    /// What the demo's verifier types when a warning checked against the image stands.
    public static let acknowledgement = "Đã đối chiếu với ảnh: sổ ghi đúng như vậy"

    /// The sample office: phường Phúc Xá (Hà Nội), code 00001 in the national list.
    public static let office = OfficeCode(literal: "00001")

    /// The sample book: births, opened 2017, volume 01.
    public static var book: BookIdentity { BookIdentity(office: office, kind: .birth, year: 2017, volume: 1) }

    /// Registration dates of the twelve sample entries, in register order.
    static let registrationDates = [
        "2017-01-05", "2017-01-05", "2017-01-12", "2017-02-03", "2017-02-20", "2017-03-07",
        "2017-03-21", "2017-04-11", "2017-05-02", "2017-05-30", "2017-06-14", "2017-07-03",
    ]

    /// Folder name of the clean book under `fixtures/scans/`.
    public static let goodFolderName = "KS-00001-2017-01"
    /// Folder name of the flawed delivery under `fixtures/scans/`.
    public static let flawedFolderName = "KS-00001-2017-01-flawed"

    /// Writes the clean book: twelve one-page PDFs named in the Ministry's convention.
    /// - Returns: the folder written.
    @discardableResult
    public static func writeGoodBook(into parent: URL) throws -> URL {
        let folder = parent.appendingPathComponent(goodFolderName, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (index, date) in registrationDates.enumerated() {
            let number = index + 1
            let name = "KS.2017.01.\(date).\(number < 10 ? "0" : "")\(number).pdf"
            try Data(pdf(text: "So ho tich khai sinh 2017 quyen 01 - so \(number) - ngay \(date)").utf8)
                .write(to: folder.appendingPathComponent(name))
        }
        return folder
    }

    /// Writes a delivery with one of each file problem intake must catch: an empty file, a file
    /// that is not a scan, the same scan twice, a name from another volume, an impossible date,
    /// and a `Thumbs.db` that is set aside.
    @discardableResult
    public static func writeFlawedBook(into parent: URL) throws -> URL {
        let folder = parent.appendingPathComponent(flawedFolderName, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func write(_ name: String, _ content: String) throws {
            try Data(content.utf8).write(to: folder.appendingPathComponent(name))
        }
        try write("KS.2017.01.2017-08-01.13.pdf", pdf(text: "So 13"))
        try write("KS.2017.01.2017-08-01.13-ban-sao.pdf", pdf(text: "So 13"))
        try write("KS.2017.01.2017-08-09.14.pdf", "")
        try write("KS.2017.01.2017-02-30.15.pdf", pdf(text: "So 15"))
        try write("KS.2017.02.2017-09-12.16.pdf", pdf(text: "So 16"))
        try write("ghi-chu.txt", "Danh sách tệp đã quét ngày 12/9\n")
        try write("Thumbs.db", "thumbnail cache")
        return folder
    }

    /// A minimal, valid one-page PDF 1.4 showing `text` (ASCII), with a correct cross-reference table.
    public static func pdf(text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
        let stream = "BT /F1 14 Tf 40 780 Td (\(escaped)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            out += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out
    }
}
