/// A person allowed to act in the workspace.
public struct User: Codable, Sendable, Equatable {
    public var id: Int64?
    public var name: String
    public var role: Role
    public var createdAt: String
    public var createdBy: String?
    /// The operating-system account this user acts from (accounts mode), if bound.
    public var login: String?

    public init(id: Int64?, name: String, role: Role, createdAt: String, createdBy: String?, login: String? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.login = login
    }
}

/// What the workspace says of itself: its registry office, its name, when it was made.
public struct WorkspaceInfo: Codable, Sendable, Equatable {
    public var id: Int = 1
    public var officeCode: OfficeCode
    public var name: String?
    public var createdAt: String
    /// How the acting user is known (see ``IdentityMode``).
    public var identity: IdentityMode

    public init(officeCode: OfficeCode, name: String?, createdAt: String, identity: IdentityMode = .accounts) {
        self.officeCode = officeCode
        self.name = name
        self.createdAt = createdAt
        self.identity = identity
    }
}
