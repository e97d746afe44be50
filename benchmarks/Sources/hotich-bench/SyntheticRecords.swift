import Foundation
import HoTichModel
import HoTichStore
import HoTichWorkflow

/// `records` records in batches of `perBatch` (volumes 101 on of office 20999), each keyed once by
/// the bulk writer as `quantri`, and verified one by one by `giamsat` when `verified`.
func loadSyntheticRecords(into workspace: Workspace, records: Int, perBatch: Int, verified: Bool) throws {
    let names = ["NGUYỄN VĂN AN", "TRẦN THỊ BÌNH", "LÊ HOÀNG CƯỜNG", "PHẠM THỊ DUNG", "ĐẶNG THÙY DƯƠNG"]
    for batchIndex in 0..<max(1, records / perBatch) {
        let id = "KS-20999-2017-\(batchIndex + 101)"
        try workspace.store.write { tx in
            let now = Timestamp.now()
            let bookId = try tx.bookId(for: BookIdentity(office: OfficeCode(literal: "20999"), kind: .birth, year: 2017, volume: batchIndex + 101))
            let files = (1...perBatch).map { number in
                ScanFile(id: nil, batchId: id, path: String(format: "KS.2017.%03d.2017-01-05.%07d.pdf", batchIndex + 101, number), bytes: 1_000,
                         sha256: String(format: "%064d", batchIndex * 10_000_000 + number), format: .pdf, usable: true,
                         nameNumber: "\(number)", nameDate: "05.01.2017")
            }
            var batch = Batch(
                id: id, bookId: bookId, sequence: 1, policy: .review, state: .received, heldFrom: nil, sourcePath: "/tmp", sourceKind: .folder,
                storedRoot: "/tmp", fileCount: perBatch, totalBytes: Int64(perBatch * 1_000), contentDigest: "bench-\(id)-\(UUID().uuidString)",
                receivedAt: now, receivedBy: "giamsat", updatedAt: now)
            try tx.insertBatch(batch, files: files, issues: [])
            let stored = try tx.scanFiles(batch: id)
            let writer = try tx.bulkKeyingWriter(
                batch: id, kind: .birth, office: OfficeCode(literal: "20999"), pass: 1, operator: "quantri", source: "bench.csv", at: now)
            for (index, file) in stored.enumerated() {
                let recordID = UUID().uuidString.lowercased()
                let fields: [String: FieldValue] = [
                    "so": .filled(String(index + 1)), "quyenSo": .filled(String(format: "%02d/2017", batchIndex + 101)),
                    "ngayDangKy": .filled("05.01.2017"), "loaiDangKy": .filled("Đăng ký đúng hạn"), "noiDangKy": .filled("UBND xã thử nghiệm"),
                    "nksHoTen": .filled(names[index % names.count]), "nksGioiTinh": .filled("Nam"), "nksNgaySinh": .filled("02.01.2017"),
                    "nksNoiSinh": .filled("Trạm y tế xã"), "meHoTen": .filled(names[(index + 1) % names.count]),
                ]
                try writer.insertCreating(
                    id: recordID, scanFileId: file.id, entryKey: "file:\(file.id ?? 0)", registrationYear: 2017, number: String(index + 1),
                    subjectName: VietnameseText.folded(names[index % names.count]), subjectBirthYear: 2017, subjectPersonalID: nil,
                    fields: PackedFieldSet(fields))
                try writer.appendAudit(action: .importFile, subject: recordID, reason: nil)
            }
            try writer.finish()
            guard verified else { return }
            for recordID in try tx.recordIds(batch: id, status: .keyed) {
                try tx.setStatus(record: recordID, .verified, verifiedBy: "giamsat", at: now)
            }
            batch.state = .verified
            batch.updatedAt = now
            try tx.updateBatch(batch)
            try tx.appendAudit(AuditEntry(actor: "giamsat", action: .verify, batchId: id), at: now)
        }
    }
}
