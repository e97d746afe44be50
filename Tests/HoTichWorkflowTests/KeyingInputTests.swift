import HoTichModel
import HoTichWorkflow
import Testing

@Suite struct KeyingInputTests {
    func field(_ key: String) throws -> FieldDefinition { try #require(FieldCatalog.field(key, in: .birth)) }

    @Test func enterKeepsTheProposalOrSaysBlankForOptionalFields() throws {
        #expect(KeyingInput.interpret("", field: try field("so"), kind: .birth, proposal: .filled("05")) == .value(.filled("05"), notes: []))
        #expect(KeyingInput.interpret("", field: try field("nksQueQuan"), kind: .birth, proposal: nil) == .value(.blank, notes: []))
        guard case .rejected = KeyingInput.interpret("", field: try field("nksHoTen"), kind: .birth, proposal: nil) else {
            Issue.record("a required field without a proposal needs an answer")
            return
        }
    }

    @Test func marksForBlankIllegibleAndDoubt() throws {
        let name = try field("nksHoTen")
        #expect(KeyingInput.interpret("-", field: name, kind: .birth, proposal: nil) == .value(.blank, notes: []))
        #expect(KeyingInput.interpret(".", field: name, kind: .birth, proposal: nil) == .value(.illegible, notes: []))
        #expect(KeyingInput.interpret("Nguyễn Văn An?", field: name, kind: .birth, proposal: nil) == .value(.uncertain("Nguyễn Văn An"), notes: []))
        #expect(KeyingInput.interpret("?", field: try field("so"), kind: .birth, proposal: .filled("05")) == .value(.uncertain("05"), notes: []))
        #expect(KeyingInput.interpret("<", field: name, kind: .birth, proposal: nil) == .back)
        #expect(KeyingInput.interpret(":q", field: name, kind: .birth, proposal: nil) == .pause)
    }

    @Test func codeValuesByCodeWordOrPartialWord() throws {
        let ethnicity = try field("nksDanToc")
        #expect(KeyingInput.interpret("ede", field: ethnicity, kind: .birth, proposal: nil)
                == .value(.filled("Ê-đê"), notes: [.keyingCodeChosen("12 Ê-đê")]))
        #expect(KeyingInput.interpret("kinh", field: ethnicity, kind: .birth, proposal: nil) == .value(.filled("Kinh"), notes: []))
        guard case .choices(let entries) = KeyingInput.interpret("??", field: try field("nksGioiTinh"), kind: .birth, proposal: nil) else {
            Issue.record("?? lists the codes")
            return
        }
        #expect(entries.map(\.label) == ["Nam", "Nữ", "Không xác định"])
        guard case .choices(let several) = KeyingInput.interpret("la", field: ethnicity, kind: .birth, proposal: nil) else {
            Issue.record("an ambiguous word lists its matches")
            return
        }
        #expect(several.contains { $0.label == "La Chí" } && several.contains { $0.label == "Lào" })
        guard case .rejected = KeyingInput.interpret("9", field: try field("nksGioiTinh"), kind: .birth, proposal: nil) else {
            Issue.record("an unknown code is refused")
            return
        }
    }

    @Test func rejectedAnswersSayWhy() throws {
        guard case .rejected(let message) = KeyingInput.interpret("31/13/1990", field: try field("nksNgaySinh"), kind: .birth, proposal: nil) else {
            Issue.record("not a date")
            return
        }
        #expect(message.text(in: .english) == "Date of birth: not a date (dd.mm.yyyy, mm.yyyy or yyyy)")
        guard case .rejected = KeyingInput.interpret("An\u{1B}[2J", field: try field("nksHoTen"), kind: .birth, proposal: nil) else {
            Issue.record("control characters are refused")
            return
        }
        #expect(KeyingInput.interpret("30.02.2017", field: try field("nksNgaySinh"), kind: .birth, proposal: nil)
                == .value(.filled("30.02.2017"), notes: [.diagnostic(Diagnostic(.warning, field: "nksNgaySinh", .impossibleDate), kind: .birth)]))
    }

    @Test func proposalsCarryRepeatsAndFileNameFactsButNextNumber() {
        #expect(KeyingProposals.nextNumber(after: "09") == "10")
        #expect(KeyingProposals.nextNumber(after: "007/2017") == "008/2017")
        #expect(KeyingProposals.nextNumber(after: "x") == nil)
    }
}
