import GRDB
import Logging
public import HoTichModel
public import HoTichStore

extension Session {
    /// Adds a user with a role. Administrators only.
    @discardableResult
    public func addUser(name: String, role: Role) throws -> User {
        try require(.manageUsers)
        guard UserName.isValid(name) else { throw HoTichError(.invalidUserName(name)) }
        let actor = user.name
        let row = try workspace.sqlite.databaseWrite { db in
            if try User.filter(User.Columns.name == name).fetchCount(db) > 0 {
                throw HoTichError(.userAlreadyExists(name))
            }
            let now = Timestamp.now()
            var row = User(id: nil, name: name, role: role, createdAt: now, createdBy: actor)
            try row.insert(db)
            try AuditTrail.append(
                AuditEntry(actor: actor, action: .userAdd, subject: name, toState: role.rawValue), at: now, in: db)
            return row
        }
        workspace.logger.info("user added", metadata: ["role": "\(role.rawValue)"])
        return row
    }

    /// Every user, by name.
    public func users() throws -> [User] {
        try workspace.sqlite.databaseRead { db in
            try User.order(User.Columns.name).fetchAll(db)
        }
    }
}
