/// What keying proposes from a place as it is typed: the administrative unit of a field whose
/// Ministry column holds it (`nksNoiSinhDVHC`, the province of `nksNoiSinh`), and a line naming
/// the units the place resolves to, for the operator to see before going on.
public enum PlaceProposals {
    /// Fields that hold the province of another (place) field: unit field → place field.
    public static let unitFields: [String: String] = ["nksNoiSinhDVHC": "nksNoiSinh"]

    /// The value proposed for `key` from the values keyed so far: the province (as the list
    /// names it, "Tỉnh Quảng Nam") the place resolves to on the registration date; `nil` when
    /// `key` is not a unit field or the place names no one province.
    public static func proposal(for key: String, values: [String: FieldValue], coder: PlaceCoder) -> FieldValue? {
        guard let source = unitFields[key], let text = values[source]?.text else { return nil }
        let resolution = coder.resolve(text, registered: registeredDate(values))
        guard let province = resolution.resolved?.province ?? resolution.sharedProvince else { return nil }
        return .filled(province.fullName)
    }

    /// The line shown after a place is keyed: its units and how sure that is; `nil` for a place
    /// that names nothing in the list (the rules say so at the end of the record).
    public static func note(for text: String, values: [String: FieldValue], coder: PlaceCoder) -> PlaceMessage? {
        let resolution = coder.resolve(text, registered: registeredDate(values))
        guard let best = resolution.candidates.first else { return nil }
        let units = [best.commune, best.district, best.province].compactMap { $0 }.map { "\($0.code) \($0.fullName)" }
        return .placeProposal(resolution.confidence, units: units.joined(separator: ", "), others: resolution.candidates.count - 1)
    }

    private static func registeredDate(_ values: [String: FieldValue]) -> PartialDate? {
        values["ngayDangKy"]?.text.flatMap { PartialDate($0) }
    }
}
