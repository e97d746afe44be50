/// Checks of a whole record: required fields, then the cross-field rules of its kind.
///
/// Cross-field problems are warnings: the register may really say so, and the verifier decides.
public enum RecordRules {
    /// Minimum marriage ages (Luật Hôn nhân và gia đình: men 20, women 18).
    public static let marriageAge = (husband: 20, wife: 18)

    /// Every diagnostic of a complete record, field rules included.
    public static func check(_ fields: [String: FieldValue], kind: RecordKind, bookYear: Int? = nil) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for field in FieldCatalog.fields(for: kind) {
            guard let value = fields[field.key] else {
                if field.required { diagnostics.append(Diagnostic(.error, field: field.key, .missingRequired)) }
                continue
            }
            diagnostics += FieldRules.check(value, for: field).diagnostics
        }
        for key in fields.keys where FieldCatalog.field(key, in: kind) == nil {
            diagnostics.append(Diagnostic(.error, field: key, .unknownField))
        }
        diagnostics += crossFieldChecks(fields, kind: kind, bookYear: bookYear)
        return diagnostics
    }

    /// Required fields that `fields` does not state at all (a field marked blank is stated).
    public static func missingRequired(_ fields: [String: FieldValue], kind: RecordKind) -> [Diagnostic] {
        FieldCatalog.fields(for: kind).compactMap { field in
            field.required && fields[field.key] == nil ? Diagnostic(.error, field: field.key, .missingRequired) : nil
        }
    }

    /// The cross-field rules alone.
    public static func crossFieldChecks(_ fields: [String: FieldValue], kind: RecordKind, bookYear: Int? = nil) -> [Diagnostic] {
        func date(_ key: String) -> PartialDate? { fields[key]?.text.flatMap { PartialDate($0) } }
        var out: [Diagnostic] = []
        let registered = date("ngayDangKy")

        func registeredAfter(_ key: String) {
            if let registered, let event = date(key), registered.isCertainlyBefore(event) == true {
                out.append(Diagnostic(.warning, field: "ngayDangKy", .registeredBeforeEvent(event: key)))
            }
        }
        func bornBefore(parent: String, child: String) {
            if let parentBirth = date(parent), let childBirth = date(child),
               parentBirth.isCertainlyBefore(childBirth) != true, parentBirth.year >= childBirth.year {
                out.append(Diagnostic(.warning, field: parent, .parentNotBornBeforeChild))
            }
        }
        func personalID(_ idKey: String, birth: String, sex: String?, fixedSex: PersonalIDNumber.Sex? = nil) {
            guard let number = fields[idKey]?.text.flatMap(PersonalIDNumber.init) else { return }
            let expectedSex: PersonalIDNumber.Sex? = fixedSex ?? sex.flatMap { key in
                switch fields[key]?.text.flatMap(CodeLists.gioiTinh.entry(matching:))?.code {
                case "1": .male
                case "2": .female
                default: nil
                }
            }
            if let expectedSex, expectedSex != number.sex {
                out.append(Diagnostic(.warning, field: idKey, .personalIDSexMismatch))
            }
            if let born = date(birth), born.year != number.birthYear {
                out.append(Diagnostic(.warning, field: idKey, .personalIDYearMismatch(encoded: number.birthYear)))
            }
        }

        if let registered, let bookYear, registered.year < bookYear || registered.year > bookYear + 1 {
            out.append(Diagnostic(.warning, field: "ngayDangKy", .registrationYearOutsideBook(bookYear: bookYear)))
        }
        switch kind {
        case .birth:
            registeredAfter("nksNgaySinh")
            bornBefore(parent: "meNgaySinh", child: "nksNgaySinh")
            bornBefore(parent: "chaNgaySinh", child: "nksNgaySinh")
            personalID("nksSoDinhDanh", birth: "nksNgaySinh", sex: "nksGioiTinh")
            personalID("meSoDinhDanhCaNhan", birth: "meNgaySinh", sex: nil, fixedSex: .female)
            personalID("chaSoDinhDanhCaNhan", birth: "chaNgaySinh", sex: nil, fixedSex: .male)
        case .death:
            registeredAfter("nktNgayChet")
            if let born = date("nktNgaySinh"), let died = date("nktNgayChet"), died.isCertainlyBefore(born) == true {
                out.append(Diagnostic(.warning, field: "nktNgayChet", .deathBeforeBirth))
            }
        case .marriage:
            if let registered {
                for (key, minimum) in [("chongNgaySinh", marriageAge.husband), ("voNgaySinh", marriageAge.wife)] {
                    if let born = date(key) {
                        let age = born.years(until: registered)
                        if age < minimum { out.append(Diagnostic(.warning, field: key, .underMarriageAge(age: age, minimum: minimum))) }
                    }
                }
            }
        case .maritalStatus:
            registeredAfter("nxnNgaySinh")
        case .parentChild:
            registeredAfter("ncNgaySinh")
            bornBefore(parent: "cmNgaySinh", child: "ncNgaySinh")
        }
        return out
    }
}
