import Logging
public import HoTichModel
import HoTichStore

extension Session {
    /// Adds a user with a role. Administrators only.
    @discardableResult
    public func addUser(name: String, role: Role) throws -> User {
        try require(.manageUsers)
        guard UserName.isValid(name) else { throw HoTichError(.invalidUserName(name)) }
        let actor = user.name
        let row = try workspace.store.write { tx in
            if try tx.user(named: name) != nil { throw HoTichError(.userAlreadyExists(name)) }
            let now = Timestamp.now()
            let row = try tx.insertUser(User(id: nil, name: name, role: role, createdAt: now, createdBy: actor))
            try tx.appendAudit(AuditEntry(actor: actor, action: .userAdd, subject: name, toState: role.rawValue), at: now)
            return row
        }
        workspace.logger.info("user added", metadata: ["role": "\(role.rawValue)"])
        return row
    }

    /// Every user, by name.
    public func users() throws -> [User] {
        try workspace.store.read { tx in try tx.users() }
    }
}
