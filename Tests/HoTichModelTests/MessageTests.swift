import HoTichModel
import Testing

@Suite struct MessageTests {
    @Test func theSameMessageInBothLanguages() {
        let message = Message.batchNotFound("KS-00001-2017-01-1")
        #expect(message.text(in: .vietnamese) == "Không có lô KS-00001-2017-01-1. Xem các lô bằng `hotich batch list`.")
        #expect(message.text(in: .english) == "There is no batch KS-00001-2017-01-1. See `hotich batch list`.")
    }

    @Test func permissionRefusalNamesTheRoleNeeded() {
        let message = Message.permissionDenied(user: "lan", role: .operator, permission: .receiveBatch)
        #expect(message.text(in: .vietnamese).contains("cần vai trò giám sát"))
        #expect(message.text(in: .english).contains("needs the supervisor role"))
    }

    @Test func languageDefaultsToVietnamese() {
        #expect(Language(code: nil) == .vietnamese)
        #expect(Language(code: "fr") == .vietnamese)
        #expect(Language(code: "en") == .english)
        #expect(Language(code: "en_US.UTF-8") == .english)
    }

    @Test func usageProblemsAndFailuresHaveTheirOwnCategory() {
        #expect(HoTichError(.invalidOfficeCode("x")).category == .usage)
        #expect(HoTichError(.reasonRequired(action: .returnToKeying)).category == .usage)
        #expect(HoTichError(.batchNotFound("x")).category == .failure)
        #expect(HoTichError(.workspaceBusy).category == .failure)
    }

    @Test func numbersAreGroupedPerLanguage() {
        #expect(1_234_567.grouped(in: .vietnamese) == "1.234.567")
        #expect(1_234_567.grouped(in: .english) == "1,234,567")
        #expect(999.grouped(in: .english) == "999")
        #expect(Int64(-1000).grouped(in: .english) == "-1,000")
    }

    @Test func everyLabelHasTextInBothLanguages() {
        for label in Message.Label.allCases {
            #expect(!Message.label(label).text(in: .vietnamese).isEmpty)
            #expect(!Message.label(label).text(in: .english).isEmpty)
        }
    }

    @Test func everyDemoStepIsSaidInBothLanguagesAndTheyDiffer() {
        for step in Message.DemoStep.allCases {
            let vietnamese = Message.demoStep(step).text(in: .vietnamese)
            let english = Message.demoStep(step).text(in: .english)
            #expect(vietnamese.hasPrefix("▸ ") && english.hasPrefix("▸ ") && vietnamese.count > 10 && vietnamese != english)
            #expect(vietnamese.unicodeScalars.contains { $0.value > 0x7F }, "Vietnamese text has its diacritics: \(vietnamese)")
        }
    }
}

@Suite struct PermissionTests {
    @Test func dutiesStaySeparate() {
        #expect(Permission.manageUsers.allowedRoles == [.admin])
        #expect(Permission.receiveBatch.allowedRoles == [.supervisor, .admin])
        #expect(Permission.keyRecords.allowedRoles == [.operator])
        #expect(Permission.arbitrate.allowedRoles == [.verifier])
        #expect(Permission.viewWork.allowedRoles == Set(Role.allCases))
    }

    @Test func refusalsNameAWorkingRole() {
        #expect(Permission.receiveBatch.requiredRole == .supervisor)
        #expect(Permission.manageUsers.requiredRole == .admin)
        #expect(Permission.arbitrate.requiredRole == .verifier)
    }
}
