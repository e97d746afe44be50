import HoTichModel

/// A small, fast, seeded random generator (SplitMix64), so a seed always gives the same data.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An index drawn with the given cumulative weights.
    mutating func pick(cumulative: [Double]) -> Int {
        let total = cumulative.last ?? 1
        let draw = Double.random(in: 0..<total, using: &self)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > draw { high = mid } else { low = mid + 1 }
        }
        return low
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }
}

/// Vietnamese names with realistic frequencies, places, dates and ID numbers.
struct SyntheticPeople {
    /// Family names and their approximate shares (Nguyễn about 38 %).
    static let surnames: [(String, Double)] = [
        ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 4.2), ("Huỳnh", 1.9), ("Phan", 4.5),
        ("Vũ", 3.9), ("Võ", 1.9), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3),
        ("Dương", 1), ("Lý", 0.5), ("Đào", 0.4), ("Đinh", 0.4), ("Lương", 0.3), ("Trịnh", 0.3), ("Mai", 0.3),
        ("Cao", 0.3), ("Tạ", 0.2), ("Hà", 0.3), ("Lâm", 0.2), ("Tô", 0.2), ("Trương", 0.4), ("Châu", 0.2),
    ]
    static let maleMiddle = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quốc", "Hoàng", "Thành", "Công", "Hữu", "Ngọc", "Xuân", "Thanh", "Gia"]
    static let femaleMiddle = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Bảo", "Mỹ", "Khánh", "Hồng"]
    static let maleGiven = [
        "Anh", "Hùng", "Dũng", "Tuấn", "Nam", "Long", "Minh", "Huy", "Hải", "Sơn", "Thắng", "Cường", "Đức", "Phúc",
        "Khoa", "Bảo", "Đạt", "Kiên", "Trung", "Quang", "Tùng", "Thành", "Hiếu", "Lâm", "Tâm", "Toàn", "Vinh", "Bình",
    ]
    static let femaleGiven = [
        "Anh", "Linh", "Hương", "Lan", "Hoa", "Mai", "Ngọc", "Trang", "Thảo", "Hà", "Thu", "Yến", "Nga", "Hằng",
        "Phương", "Loan", "Hạnh", "Vy", "Hân", "Tâm", "Nhung", "Huyền", "Dung", "Oanh", "Quyên", "Vân", "Châu", "My",
    ]
    /// Communes and districts, as the registers write them (Quảng Nam and Hà Nội).
    static let places = [
        "xã Tam Xuân 1, huyện Núi Thành, tỉnh Quảng Nam", "xã Tam Anh Nam, huyện Núi Thành, tỉnh Quảng Nam",
        "xã Bình Triều, huyện Thăng Bình, tỉnh Quảng Nam", "xã Duy Sơn, huyện Duy Xuyên, tỉnh Quảng Nam",
        "phường An Mỹ, thành phố Tam Kỳ, tỉnh Quảng Nam", "xã Điện Hòa, thị xã Điện Bàn, tỉnh Quảng Nam",
        "phường Cẩm Phô, thành phố Hội An, tỉnh Quảng Nam", "xã Quế Xuân 1, huyện Quế Sơn, tỉnh Quảng Nam",
        "phường Phúc Xá, quận Ba Đình, thành phố Hà Nội", "phường Trúc Bạch, quận Ba Đình, thành phố Hà Nội",
        "xã Tân Triều, huyện Thanh Trì, thành phố Hà Nội", "phường Hàng Bạc, quận Hoàn Kiếm, thành phố Hà Nội",
    ]
    static let birthPlaces = [
        "Trạm y tế xã", "Bệnh viện đa khoa huyện", "Bệnh viện Phụ sản", "Bệnh viện đa khoa tỉnh", "Tại nhà",
    ]

    static let surnameWeights: [Double] = cumulative(surnames.map(\.1))

    static func cumulative(_ weights: [Double]) -> [Double] {
        var total = 0.0
        return weights.map { total += $0; return total }
    }

    var random: SeededGenerator

    mutating func surname() -> String { Self.surnames[random.pick(cumulative: Self.surnameWeights)].0 }

    mutating func name(male: Bool, surname given: String? = nil) -> String {
        let family = given ?? surname()
        let middle = (male ? Self.maleMiddle : Self.femaleMiddle).randomElement(using: &random) ?? "Văn"
        let first = (male ? Self.maleGiven : Self.femaleGiven).randomElement(using: &random) ?? "An"
        return "\(family) \(middle) \(first)"
    }

    mutating func place() -> String { Self.places.randomElement(using: &random) ?? Self.places[0] }

    /// A birth date as a pre-2016 book writes it: about 70 % full, 10 % month and year, 20 % year only
    /// before 2000; always full from 2016 on.
    mutating func birthDate(year: Int, before registration: (day: Int, month: Int)) -> String {
        let month = Int.random(in: 1...registration.month, using: &random)
        let day = Int.random(in: 1...(month == registration.month ? max(1, registration.day) : 28), using: &random)
        let full = "\(day < 10 ? "0" : "")\(day).\(month < 10 ? "0" : "")\(month).\(year)"
        guard year < 2016 else { return full }
        let draw = Double.random(in: 0..<1, using: &random)
        if draw < (year < 2000 ? 0.2 : 0.05) { return "\(year)" }
        if draw < (year < 2000 ? 0.3 : 0.08) { return "\(month < 10 ? "0" : "")\(month).\(year)" }
        return full
    }

    /// A personal ID number consistent with sex and birth year, registered in `province`.
    mutating func personalID(male: Bool, year: Int, province: String) -> String {
        let centuryDigit = (year / 100 - 19) * 2 + (male ? 0 : 1)
        let serial = Int.random(in: 0..<1_000_000, using: &random)
        let serialText = String(serial)
        return province + String(centuryDigit) + String(year % 100 < 10 ? "0\(year % 100)" : "\(year % 100)")
            + String(repeating: "0", count: 6 - serialText.count) + serialText
    }
}
