/// Something a district's workspace holds that the province's database already has: `hotich store
/// copy` refuses the whole copy while there is one. Named by identifiers, never by content.
public enum WorkspaceCopyConflict: Sendable, Hashable, Comparable {
    /// The same register book (office, kind, year, volume) was received in the province already.
    case book(office: String, kind: String, year: Int, volume: Int)
    /// A batch of this id is there already.
    case batch(id: String)
    /// The same scans (by content digest) were received there as another batch.
    case batchContent(id: String)
    /// A record of this id is there already.
    case record(id: String)
    /// An export package of this id is there already.
    case exportPackage(id: String)
    /// This workspace's trail (known by its first event) was copied there before.
    case alreadyCopied

    private var order: (Int, String) {
        switch self {
        case .alreadyCopied: (0, "")
        case .book(let office, let kind, let year, let volume): (1, "\(office) \(kind) \(year) \(volume)")
        case .batch(let id): (2, id)
        case .batchContent(let id): (3, id)
        case .record(let id): (4, id)
        case .exportPackage(let id): (5, id)
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }
}

/// What `hotich store copy` did: rows copied per table, what it merged or left behind, and the
/// district trail it kept.
public struct WorkspaceCopyResult: Sendable, Equatable {
    /// The district's office.
    public var office: String
    /// Rows copied, by table.
    public var rows: [String: Int]
    /// Users the province did not have, with the role they were given.
    public var usersAdded: [CopiedUser]
    /// Users whose name the province already had: the district's work now counts under that user,
    /// who keeps the province's role.
    public var usersMerged: [CopiedUser]
    /// Users copied without their operating-system account, which another province user has.
    public var loginsDropped: [String]
    /// The district's plans left out because the province has plans for the same office.
    public var plansLeft: Int
    /// The district's calendar corrections left out (the province keeps one calendar).
    public var calendarDaysLeft: Int
    /// Files claimed by a keyer at the time of the copy: claims are not copied.
    public var claimsLeft: Int
    /// Scan files copied into the province's folder.
    public var scanFiles: Int
    /// The district's trail, kept beside the province's: its events and last hash.
    public var events: Int
    public var headHash: String

    public init(
        office: String, rows: [String: Int], usersAdded: [CopiedUser], usersMerged: [CopiedUser], loginsDropped: [String], plansLeft: Int, calendarDaysLeft: Int,
        claimsLeft: Int, scanFiles: Int, events: Int, headHash: String
    ) {
        self.office = office
        self.rows = rows
        self.usersAdded = usersAdded
        self.usersMerged = usersMerged
        self.loginsDropped = loginsDropped
        self.plansLeft = plansLeft
        self.calendarDaysLeft = calendarDaysLeft
        self.claimsLeft = claimsLeft
        self.scanFiles = scanFiles
        self.events = events
        self.headHash = headHash
    }
}

/// A district's user as `store copy` took them: their role in the province and in the district.
/// A district administrator is copied as a supervisor: the province's administrators are its own.
public struct CopiedUser: Sendable, Equatable {
    public var name: String
    public var role: String
    public var roleInDistrict: String

    public init(name: String, role: String, roleInDistrict: String) {
        self.name = name
        self.role = role
        self.roleInDistrict = roleInDistrict
    }
}
