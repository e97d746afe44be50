import GRDB
import Logging
public import HoTichModel
public import HoTichStore

extension Session {
    /// Adds a user with a role. Administrators only.
    @discardableResult
    public func addUser(name: String, role: Role) throws -> UserRow {
        try require(.manageUsers)
        guard UserName.isValid(name) else { throw HoTichError(.invalidUserName(name)) }
        let actor = user.name
        let row = try workspace.store.write { db in
            if try UserRow.filter(UserRow.Columns.name == name).fetchCount(db) > 0 {
                throw HoTichError(.userAlreadyExists(name))
            }
            let now = Timestamp.now()
            var row = UserRow(id: nil, name: name, role: role, createdAt: now, createdBy: actor)
            try row.insert(db)
            try AuditTrail.append(
                AuditEntry(actor: actor, action: "user-add", subject: name, toState: role.rawValue), at: now, in: db)
            return row
        }
        workspace.logger.info("user added", metadata: ["role": "\(role.rawValue)"])
        return row
    }

    /// Every user, by name.
    public func users() throws -> [UserRow] {
        try workspace.store.read { db in
            try UserRow.order(UserRow.Columns.name).fetchAll(db)
        }
    }
}
