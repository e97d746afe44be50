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
    /// Take in a book keyed in an earlier round (`batch adopt`).
    case adoptBooks
    /// Return, hold and release batches.
    case changeBatchState
    /// Change how a batch is verified (before keying starts).
    case changePolicy
    /// Mark scan files that hold no entry, and clear such marks.
    case markFiles
    /// Free a file held by an absent operator.
    case releaseClaims
    case keyRecords
    /// Settle conflicts, doubts and errors against the image, acknowledge warnings.
    case arbitrate
    /// Check records against the image (review, or an acceptance sample).
    case review
    /// Run verification over a batch (and the duplicate search).
    case verify
    /// Draw an acceptance sample.
    case drawSample
    /// Correct or withdraw an exported record.
    case correctRecords
    case decideDuplicates
    case export
    /// Record what a receipt from the central system says.
    case recordReceipts
    case viewWork
    /// Set plans and the workspace's working calendar.
    case planWork
    /// See other people's figures (speed, active hours, error rates).
    case viewTeamFigures
    /// Recompute the progress summary from the data.
    case rebuildSummaries

    /// The roles allowed to perform the action.
    ///
    /// Duties stay separate: an administrator manages users and may also act as a supervisor,
    /// but keying belongs to operators and arbitration to verifiers only, so nobody can
    /// settle a disagreement over their own keying.
    public var allowedRoles: Set<Role> {
        switch self {
        case .manageUsers, .maintainWorkspace: [.admin]
        case .receiveBatch, .adoptBooks, .changeBatchState, .changePolicy, .markFiles, .releaseClaims: [.supervisor, .admin]
        case .keyRecords: [.operator]
        case .arbitrate, .review: [.verifier]
        case .verify, .drawSample, .correctRecords: [.verifier, .supervisor]
        case .decideDuplicates: [.supervisor]
        case .export, .recordReceipts: [.supervisor, .admin]
        case .viewWork: Set(Role.allCases)
        case .planWork, .viewTeamFigures, .rebuildSummaries: [.supervisor, .admin]
        }
    }

    /// The role named in the refusal message: the first role that may do it.
    public var requiredRole: Role {
        Role.allCases.first { allowedRoles.contains($0) && $0 != .admin } ?? .admin
    }
}
