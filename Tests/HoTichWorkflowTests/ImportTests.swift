import Foundation
import GRDB
import HoTichModel
import HoTichStore
import HoTichWorkflow
import HoTichTestSupport
import Testing
import ZIPFoundation


/// Writes CSV text as UTF-8.
func writeCSV(_ text: String, _ name: String, in folder: URL) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
}

@Suite struct ImportTests {
    @Test func theSampleSheetImportsAndTheBatchIsKeyedAfterBothPasses() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let folder = try test.deliveries()
        try SampleKeyings.write(into: folder)
        let first = try test.operatorSession.importKeyings(
            ImportRequest(batchID: batch.id, file: folder.appendingPathComponent(SampleKeyings.fileName(pass: 1))))
        #expect(first.read == 12 && first.imported == 12 && first.rejected == 0 && first.alreadyPresent == 0)
        #expect(try test.batchState(batch.id) == .keying)
        #expect(try test.supervisor.batchDetail(batch.id).keying
                == KeyingProgress(records: 12, recordsWithoutFile: 0, filesKeyed: [12, 0], drafts: 0, keyableFiles: 12, filesNotEntries: 0))
        let records = try test.records(batch.id)
        #expect(records.count == 12)
        // Rows are matched to their scan files by the number in the file name.
        #expect(records.allSatisfy { $0.scanFileId != nil && $0.entryKey.hasPrefix("file:") })
        let tenth = try #require(records.first { $0.number == "10" })
        #expect(tenth.fields["meNgaySinh"] == .illegible)
        #expect(tenth.fields["nksGioiTinh"] == .filled("Nữ"))
        #expect(tenth.fields["nksHoTen"] == .filled("HỒ BẢO NGỌC"))
        #expect(try #require(records.first { $0.number == "11" }).fields["chaNgaySinh"] == .uncertain("1990"))
        #expect(try #require(records.first { $0.number == "12" }).fields["chaHoTen"] == .blank)
        // What search and the natural key read is derived from the values, as for a record keyed by hand.
        #expect(tenth.subjectName == "ho bao ngoc" && tenth.registrationYear == 2017 && tenth.version == 1)
        #expect(tenth.status == .keyed && tenth.officeCode.value == "00001" && tenth.kind == .birth)
        let keyings = try test.keyings(batch.id)
        #expect(keyings.count == 12 && keyings.allSatisfy { $0.state == .complete && $0.operator == "nhaplieu" && $0.pass == 1 })
        #expect(keyings.allSatisfy { $0.source.hasPrefix("import:") && $0.position > 40 })
        // One audit event per record, on the chain.
        let keyed = try test.supervisor.auditEvents(batch: batch.id).filter { $0.action.rawValue == "key" }
        #expect(Set(keyed.map(\.subject)) == Set(records.map(\.id)) && keyed.count == 12)
        #expect(try test.supervisor.verifyAuditTrail().isSound)
        // The sheet's columns are in register order; the stored field set is the canonical one.
        let stored = try test.column("SELECT fields FROM record WHERE batchId = ? ORDER BY number", [batch.id])
        #expect(stored == records.map { FieldSetJSON.encode($0.fields) })

        let second = try test.addOperator("nhaplieu2").importKeyings(
            ImportRequest(batchID: batch.id, file: folder.appendingPathComponent(SampleKeyings.fileName(pass: 2)), pass: 2))
        #expect(second.imported == 12)
        #expect(try test.records(batch.id).count == 12)
        #expect(try test.keyings(batch.id).count == 24)
        #expect(try test.batchState(batch.id) == .keyed)
    }

    @Test func reImportingTheSameFileDuplicatesNothing() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let folder = try test.deliveries()
        try SampleKeyings.write(into: folder)
        let request = ImportRequest(batchID: batch.id, file: folder.appendingPathComponent(SampleKeyings.fileName(pass: 1)))
        _ = try test.operatorSession.importKeyings(request)
        let again = try test.operatorSession.importKeyings(request)
        #expect(again.read == 12 && again.imported == 0 && again.alreadyPresent == 12)
        #expect(again.seenBefore?.by == "nhaplieu")
        #expect(try test.records(batch.id).count == 12)
    }

    @Test func allOrNothingRefusesTheWholeFileAndSaysWhyPerRow() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let before = try test.snapshot()
        let folder = try test.deliveries()
        var rows = SampleKeyings.rows(pass: 1)
        rows[3][12] = "31.13.2017"                                   // row 4: not a date
        rows[5][11] = "7"                                            // row 6: unknown sex code
        rows[7][10] = ""                                             // row 8: required name missing
        rows[9][10] = String(repeating: "A", count: 120)             // row 10: too long
        rows[11][1] = "02"                                           // row 12: number 02 again
        let csv = rows.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }.joined(separator: "\n")
        let url = try writeCSV(csv, "loi.csv", in: folder)
        let report = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: url))
        #expect(report.read == 12 && report.imported == 0 && report.rejected == 5)
        #expect(report.problems.map { "\($0.row) \($0.column) \($0.code)" } == [
            "4 nksNgaySinh not-a-date", "6 nksGioiTinh unknown-code", "8 nksHoTen missing-required",
            "10 nksHoTen too-long", "12 so duplicate-number",
        ])
        #expect(report.problems[0].message.text(in: .english) == "row 4, column nksNgaySinh: Date of birth: not a date (dd.mm.yyyy, mm.yyyy or yyyy)")
        #expect(report.rejectsFile == nil)
        #expect(try test.snapshot() == before)
        #expect(try test.batchState(batch.id) == .received)
    }

    /// The reject file holds the refused rows as they were (same columns, order, separator and
    /// byte-order mark), with the row number and the reasons in columns added at the end; corrected
    /// in a spreadsheet, it imports as it is and the batch completes.
    @Test func partialImportsTheGoodRowsAndTheRejectFileImportsOnceCorrected() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook(policy: .review)
        let folder = try test.deliveries()
        var rows = SampleKeyings.rows(pass: 1)
        rows[2][12] = "hôm qua"
        rows[9][11] = "7"
        let csv = rows.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ";") }.joined(separator: "\r\n")
        let url = try writeCSV("\u{FEFF}" + csv, "mot-phan.csv", in: folder)
        let report = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: url, partial: true))
        #expect(report.read == 12 && report.imported == 10 && report.rejected == 2)
        #expect(report.read == report.imported + report.rejected + report.alreadyPresent)
        let rejectsURL = try #require(report.rejectsFile)
        let bytes = try Data(contentsOf: rejectsURL)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "the source's byte-order mark")
        let rejects = try String(contentsOf: rejectsURL, encoding: .utf8)
        let lines = rejects.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 3)
        #expect(lines[0] == SampleKeyings.header.joined(separator: ";") + ";Dòng trong tệp gốc (hotich);Lý do từ chối (hotich)")
        #expect(lines[1].hasPrefix(rows[2].map { $0.contains(";") ? "\"\($0)\"" : $0 }.joined(separator: ";") + ";3;"))
        #expect(lines[1].contains("hôm qua") && lines[1].contains("dòng 3, cột nksNgaySinh"))
        #expect(lines[2].contains(";10;dòng 10, cột nksGioiTinh"))
        let mode = try FileManager.default.attributesOfItem(atPath: rejectsURL.path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the reject file holds personal data: its owner's only")
        #expect(try test.records(batch.id).count == 10)
        #expect(try test.batchState(batch.id) == .keying)

        // The operator corrects the two cells in the spreadsheet and imports the reject file as it is.
        let corrected = rejects.replacingOccurrences(of: "hôm qua", with: "03.01.2017")
            .replacingOccurrences(of: ";7;" + rows[9][12], with: ";2;" + rows[9][12])
        try Data(corrected.utf8).write(to: rejectsURL)
        let again = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: rejectsURL))
        #expect(again.read == 2 && again.imported == 2 && again.rejected == 0, "\(again.problems.map { $0.message.text(in: .english) })")
        #expect(try test.records(batch.id).count == 12)
        #expect(try test.batchState(batch.id) == .keyed)
    }

    /// The reject file never replaces the file being imported, nor a file hotich did not write; a
    /// reject file imported again with errors left keeps the first source's row numbers and
    /// replaces hotich's columns rather than adding more.
    @Test func theRejectFileOverwritesNothingButAnEarlierRejectFile() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook(policy: .review)
        let folder = try test.deliveries()
        var rows = SampleKeyings.rows(pass: 1)
        rows[4][12] = "không rõ"
        rows[6][11] = "9"
        let url = try writeCSV(csvText(rows), "nguon.csv", in: folder)
        let before = try Data(contentsOf: url)
        #expect(throws: HoTichError(.importRejectsIsSource(path: url.path))) {
            try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: url, partial: true, rejectsFile: url))
        }
        #expect(try Data(contentsOf: url) == before)
        let notes = try writeCSV("ghi chú quan trọng\n", "ghi-chu.csv", in: folder)
        #expect(throws: HoTichError(.importRejectsWouldOverwrite(path: notes.path))) {
            try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: url, partial: true, rejectsFile: notes))
        }
        #expect(try test.records(batch.id).isEmpty, "nothing imported when the reject file cannot be written")
        let first = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: url, partial: true))
        let rejectsURL = try #require(first.rejectsFile)
        // The operator corrects only one of the two rows and imports the reject file again.
        let text = try String(contentsOf: rejectsURL, encoding: .utf8).replacingOccurrences(of: "không rõ", with: "04.02.2017")
        let corrected = try writeCSV(text, "sua-lan-1.csv", in: folder)
        let second = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: corrected, partial: true))
        #expect(second.imported == 1 && second.rejected == 1)
        let again = try String(contentsOf: try #require(second.rejectsFile), encoding: .utf8).components(separatedBy: "\r\n")
        #expect(again[0].components(separatedBy: "(hotich)").count == 3, "two columns of hotich's, not four")
        #expect(again[1].contains(",6,"), "the row keeps its number in the first source")
        // The first reject file may be replaced by the next import of the source.
        _ = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: url, partial: true))
    }

    /// A draft opened and left with nothing typed does not make an import refuse its entry once
    /// its file is released (or its claim expired).
    @Test func anEmptyDraftDoesNotBlockAnImportOnceReleased() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook(policy: .review)
        let task = try #require(try test.operatorSession.startKeying(batch: batch.id, pass: 1))
        let folder = try test.deliveries()
        try SampleKeyings.write(into: folder)
        let sheet = folder.appendingPathComponent(SampleKeyings.fileName(pass: 1))
        let held = try test.addOperator("nhaplieu3").importKeyings(ImportRequest(batchID: batch.id, file: sheet, partial: true))
        #expect(held.rejected == 1 && held.problems.first?.code == "being-keyed", "the file is held")
        _ = try test.supervisor.releaseClaim(batch: batch.id, path: task.file.path)
        let freed = try test.workspace.session(as: "nhaplieu3").importKeyings(ImportRequest(batchID: batch.id, file: sheet))
        #expect(freed.imported == 1 && freed.alreadyPresent == 11)
        #expect(try test.batchState(batch.id) == .keyed)
    }

    @Test func aWorkbooksRejectsBecomeACSVThatExcelOpensAsUTF8() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook(policy: .review)
        let folder = try test.deliveries()
        var rows = SampleKeyings.rows(pass: 1)
        rows[4][12] = "không rõ"
        let url = folder.appendingPathComponent("so-lieu.xlsx")
        try writeXLSX(rows, to: url)
        let report = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: url, partial: true, language: .english))
        #expect(report.rejected == 1)
        let bytes = try Data(contentsOf: try #require(report.rejectsFile))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let rejects = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(rejects.hasPrefix("STT,so,quyenSo,"))
        #expect(rejects.contains(",Row in the source (hotich),Rejected because (hotich)\r\n"))
        #expect(rejects.contains("không rõ"))
    }

    @Test func aRejectFileThatCannotBeWrittenImportsNothing() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let before = try test.snapshot()
        let folder = try test.deliveries()
        var rows = SampleKeyings.rows(pass: 1)
        rows[2][12] = "hôm qua"
        let csv = rows.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }.joined(separator: "\n")
        let url = try writeCSV(csv, "mot-phan.csv", in: folder)
        let nowhere = folder.appendingPathComponent("khong-co/rejects.csv")
        #expect(throws: HoTichError(.fileCopyFailed(nowhere.path))) {
            try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: url, partial: true, rejectsFile: nowhere))
        }
        #expect(try test.snapshot() == before)
    }

    @Test func anXLSXWorkbookImportsLikeCSV() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let folder = try test.deliveries()
        var rows = SampleKeyings.rows(pass: 1)
        rows[1][12] = "42732"   // Excel stored 28.12.2016 as a serial date
        let url = folder.appendingPathComponent("so-lieu.xlsx")
        try writeXLSX(rows, to: url)
        let report = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: url))
        #expect(report.imported == 12, "\(report.problems.map { $0.message.text(in: .english) })")
        let first = try #require(try test.records(batch.id).first { $0.number == "01" })
        #expect(first.fields["nksNgaySinh"] == .filled("28.12.2016"))
        #expect(first.fields["nksHoTen"] == .filled("NGUYỄN MINH ANH"))
    }

    @Test func headersByRegisterLabelAreAccepted() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let folder = try test.deliveries()
        let csv = """
            Số,Quyển số,"Ngày, tháng, năm đăng ký",Loại đăng ký,Nơi đăng ký,"Họ, chữ đệm, tên",Giới tính,"Ngày, tháng, năm sinh",Nơi sinh
            01,01/2017,05.01.2017,1,UBND phường Phúc Xá,NGUYỄN MINH ANH,2,28.12.2016,Bệnh viện Phụ sản Hà Nội
            """
        let report = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: try writeCSV(csv, "nhan.csv", in: folder)))
        #expect(report.imported == 1)
    }

    @Test func badFilesAreNamedWithAHint() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let folder = try test.deliveries()
        // "Nguyên" in an 8-bit encoding: the byte 0xEA alone is not UTF-8.
        let latin1 = folder.appendingPathComponent("tcvn3.csv")
        try Data(Array((SampleKeyings.header.joined(separator: ",") + "\n01,01/2017,Nguy").utf8) + [0xEA, 0x6E, 0x0A]).write(to: latin1)
        #expect(throws: HoTichError(.importNotUTF8(path: latin1.path))) {
            try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: latin1))
        }
        let header = SampleKeyings.header.joined(separator: ",") + ",tenLa"
        #expect(throws: HoTichError(.importUnknownColumns(["tenLa"]))) {
            try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: try writeCSV(header + "\n", "cot-la.csv", in: folder)))
        }
        #expect(throws: HoTichError(.importMissingColumns(["nksNoiSinh"]))) {
            try test.operatorSession.importKeyings(ImportRequest(
                batchID: batch.id, file: try writeCSV(SampleKeyings.header.filter { $0 != "nksNoiSinh" }.joined(separator: ",") + "\n", "thieu.csv", in: folder)))
        }
        #expect(throws: HoTichError(.importUnknownFormat(path: folder.appendingPathComponent("anh.pdf").path))) {
            try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: try writeCSV("%PDF-1.4", "anh.pdf", in: folder)))
        }
        #expect(throws: HoTichError(.importNoHeader(path: folder.appendingPathComponent("rong.csv").path))) {
            try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: try writeCSV("\n\n", "rong.csv", in: folder)))
        }
    }

    @Test func passTwoBySamePersonIsRejectedRowByRow() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let folder = try test.deliveries()
        try SampleKeyings.write(into: folder)
        _ = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: folder.appendingPathComponent(SampleKeyings.fileName(pass: 1))))
        let report = try test.operatorSession.importKeyings(
            ImportRequest(batchID: batch.id, file: folder.appendingPathComponent(SampleKeyings.fileName(pass: 2)), pass: 2, partial: true))
        #expect(report.rejected == 12 && report.imported == 0)
        #expect(report.problems.allSatisfy { $0.code == "same-person" })
    }
}

@Suite struct ImportMatchingTests {
    @Test func aNumberUsedInTwoYearsIsMatchedByItsDate() throws {
        let test = try TestWorkspace()
        let folder = try test.deliveries()
        // A book opened in 2017 and carried into 2018: numbering restarts at 01.
        try write(SampleScans.pdf(text: "a"), "KS.2017.01.2017-12-20.01.pdf", in: folder)
        try write(SampleScans.pdf(text: "b"), "KS.2017.01.2018-01-03.01.pdf", in: folder)
        let batch = try #require(try test.supervisor.receive(IntakeRequest(source: folder, book: SampleScans.book)).batch)
        let csv = """
            so,quyenSo,ngayDangKy,loaiDangKy,noiDangKy,nksHoTen,nksGioiTinh,nksNgaySinh,nksNoiSinh
            01,01/2017,20.12.2017,1,UBND,AN,1,01.12.2017,Hà Nội
            01,01/2017,03.01.2018,1,UBND,BÌNH,2,01.01.2018,Hà Nội
            """
        let report = try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: try writeCSV(csv, "hai-nam.csv", in: folder)))
        #expect(report.imported == 2)
        let files = try test.supervisor.batchDetail(batch.id).files
        let byName = Dictionary(uniqueKeysWithValues: try test.records(batch.id).map { ($0.fields["nksHoTen"]?.text ?? "", $0.scanFileId) })
        #expect(byName["AN"] == files.first { $0.path.contains("2017-12-20") }?.id)
        #expect(byName["BÌNH"] == files.first { $0.path.contains("2018-01-03") }?.id)
    }
}

/// Files longer than what the reading thread may check ahead of the writer (a few thousand rows).
@Suite struct LongImportTests {
    /// The sample's first row repeated with numbers 1...count; `change` edits a row's cells by its number.
    static func csv(rows count: Int, change: (Int, inout [String]) -> Void = { _, _ in }) -> String {
        let template = SampleKeyings.rows(pass: 1)[1]
        var lines = [SampleKeyings.header.joined(separator: ",")]
        for number in 1...count {
            var row = template
            row[0] = "\(number)"
            row[1] = number < 10 ? "0\(number)" : "\(number)"
            row[3] = "\(number)"
            change(number, &row)
            lines.append(row.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func rowsComeThroughInOrderAndEachRejectNamesItsRow() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let folder = try test.deliveries()
        let csv = Self.csv(rows: 3_000) { number, row in
            if number == 2_500 { row[11] = "9" }  // not a sex code
        }
        let report = try test.operatorSession.importKeyings(
            ImportRequest(batchID: batch.id, file: try writeCSV(csv, "dai.csv", in: folder), partial: true))
        #expect(report.read == 3_000 && report.imported == 2_999 && report.rejected == 1)
        // Row 2 500 of the register is line 2 501 of the file, after the header.
        #expect(report.problems.map(\.row) == [2_501])
        #expect(report.problems.first?.column == "nksGioiTinh")
        let numbers = Set(try test.records(batch.id).compactMap(\.number))
        #expect(numbers.count == 2_999 && !numbers.contains("2500") && numbers.contains("3000"))
    }

    @Test func aByteThatIsNotUTF8FarIntoTheFileImportsNothing() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook()
        let folder = try test.deliveries()
        let good = Array(Self.csv(rows: 2_900).utf8)
        let url = folder.appendingPathComponent("hong.csv")
        try Data(good + Array("2901,2901,01/2017,2901,28.12.2016,1,UBND,Nguy".utf8) + [0xEA, 0x6E, 0x0A]).write(to: url)
        #expect(throws: HoTichError(.importNotUTF8(path: url.path))) {
            try test.operatorSession.importKeyings(ImportRequest(batchID: batch.id, file: url, partial: true))
        }
        #expect(try test.records(batch.id).isEmpty)
    }

    /// Rows that match no scan file can only be keyed by import: a returned one is keyed again by
    /// importing its row, not left as a draft nobody can reach.
    @Test func aReturnedEntryWithoutAScanFileIsKeyedAgainByImport() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook(policy: .review)
        let folder = try test.deliveries()
        let first = try test.operatorSession.importKeyings(
            ImportRequest(batchID: batch.id, file: try writeCSV(Self.csv(rows: 14), "so-1.csv", in: folder)))
        #expect(first.imported == 14)
        #expect(try test.batchState(batch.id) == .keyed)
        #expect(try test.supervisor.returnToKeying(batch: batch.id, numbers: ["14"], reason: "Nơi sinh cần nhập lại") == 1)
        #expect(try test.batchState(batch.id) == .keying)

        // Row 13 is there already; row 14 is the returned entry, keyed again with another birth place.
        let corrected = Self.csv(rows: 14) { number, row in if number == 14 { row[13] = "Bệnh viện Việt Đức" } }
        let again = try test.addOperator("nhaplieu2").importKeyings(
            ImportRequest(batchID: batch.id, file: try writeCSV(corrected, "so-2.csv", in: folder), partial: true))
        #expect(again.imported == 1 && again.alreadyPresent == 13 && again.rejected == 0, "\(again.problems)")
        let fourteenth = try #require(try test.records(batch.id).first { $0.number == "14" })
        let keyings = try test.keyings(batch.id).filter { $0.recordId == fourteenth.id }
        #expect(keyings.count == 1 && keyings[0].state == .complete && keyings[0].operator == "nhaplieu2")
        #expect(keyings[0].fields["nksNoiSinh"] == .filled("Bệnh viện Việt Đức"))
        #expect(try test.batchState(batch.id) == .keyed)
        #expect(try test.supervisor.auditEvents(batch: batch.id).contains { ($0.reason ?? "").contains("keyed again after a return") })
        #expect(try test.supervisor.verifyAuditTrail().isSound)
    }

    @Test func aRefusalWhileRowsAreStillBeingReadEndsTheImport() throws {
        let test = try TestWorkspace()
        let batch = try test.receiveGoodBook(policy: .review)
        let folder = try test.deliveries()
        try SampleKeyings.write(into: folder)
        _ = try test.operatorSession.importKeyings(
            ImportRequest(batchID: batch.id, file: folder.appendingPathComponent(SampleKeyings.fileName(pass: 1))))
        try test.verifier.apply(.startVerification, to: batch.id)
        // Rows 1–12 are there already; row 13 would add to a batch being verified. The reading thread,
        // waiting thousands of rows ahead by then, must stop: the import waits for it to end.
        #expect(throws: HoTichError(.batchNotKeyable(batchID: batch.id, state: .verifying))) {
            try test.operatorSession.importKeyings(
                ImportRequest(batchID: batch.id, file: try writeCSV(Self.csv(rows: 20_000), "muon.csv", in: folder)))
        }
        #expect(try test.records(batch.id).count == 12)
    }
}
