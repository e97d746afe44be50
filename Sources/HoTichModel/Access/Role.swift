/// What a user of a workspace is allowed to do.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// Nhập liệu: keys entries from scans.
    case `operator`
    /// Kiểm tra, đối chiếu: reviews and arbitrates against the image.
    case verifier
    /// Giám sát: receives batches, assigns work, returns and holds batches, approves exports.
    case supervisor
    /// Quản trị: manages users.
    case admin
}

/// An action that needs a role. Each command checks one before it changes anything.
public enum Permission: String, Sendable, CaseIterable {
    case manageUsers
    /// Upkeep of the workspace database itself (compacting it).
    case maintainWorkspace
    case receiveBatch
    case changeBatchState
    case keyRecords
    case arbitrate
    case verify
    case decideDuplicates
    case export
    case viewWork

    /// The roles allowed to perform the action.
    ///
    /// Duties stay separate: an administrator manages users and may also act as a supervisor,
    /// but keying belongs to operators and arbitration to verifiers only, so nobody can
    /// settle a disagreement over their own keying.
    public var allowedRoles: Set<Role> {
        switch self {
        case .manageUsers, .maintainWorkspace: [.admin]
        case .receiveBatch, .changeBatchState: [.supervisor, .admin]
        case .keyRecords: [.operator]
        case .arbitrate: [.verifier]
        case .verify: [.verifier, .supervisor]
        case .decideDuplicates: [.supervisor]
        case .export: [.supervisor, .admin]
        case .viewWork: Set(Role.allCases)
        }
    }

    /// The role named in the refusal message: the first role that may do it.
    public var requiredRole: Role {
        Role.allCases.first { allowedRoles.contains($0) && $0 != .admin } ?? .admin
    }
}
