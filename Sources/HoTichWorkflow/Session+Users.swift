import Logging
public import HoTichModel
import HoTichStore

extension Session {
    /// Adds a user with a role, acting from the operating-system account `login` when given.
    /// Administrators only.
    @discardableResult
    public func addUser(name: String, role: Role, login: String? = nil) throws -> User {
        try require(.manageUsers)
        guard UserName.isValid(name) else { throw HoTichError(.invalidUserName(name)) }
        if let login, !UserName.isValid(login) { throw HoTichError(.identity(.invalidLogin(login))) }
        let actor = user.name
        let row = try workspace.store.write { tx in
            if try tx.user(named: name) != nil { throw HoTichError(.userAlreadyExists(name)) }
            if let login, let holder = try tx.user(login: login) { throw HoTichError(.identity(.loginTaken(login: login, user: holder.name))) }
            let now = Timestamp.now()
            let row = try tx.insertUser(User(id: nil, name: name, role: role, createdAt: now, createdBy: actor, login: login))
            try tx.appendAudit(AuditEntry(actor: actor, action: .userAdd, subject: name, toState: role.rawValue, reason: login), at: now)
            return row
        }
        workspace.logger.info("user added", metadata: ["role": "\(role.rawValue)"])
        return row
    }

    /// Binds the user `name` to the operating-system account `login` (nil unbinds). Administrators only.
    public func bindLogin(user name: String, login: String?) throws {
        try require(.manageUsers)
        if let login, !UserName.isValid(login) { throw HoTichError(.identity(.invalidLogin(login))) }
        let actor = user.name
        try workspace.store.write { tx in
            guard let target = try tx.user(named: name), let id = target.id else { throw HoTichError(.unknownUser(name)) }
            if let login, let holder = try tx.user(login: login), holder.id != id {
                throw HoTichError(.identity(.loginTaken(login: login, user: holder.name)))
            }
            try tx.setLogin(user: id, login)
            try tx.appendAudit(
                AuditEntry(actor: actor, action: .userLogin, subject: name, fromState: target.login, toState: login), at: Timestamp.now())
        }
    }

    /// Sets the passphrase of the user `name`: one's own, or anyone's for an administrator.
    public func setPassphrase(for name: String, _ passphrase: String) throws {
        if name != user.name { try require(.manageUsers) }
        let hash = try PassphraseHash.make(passphrase)
        let actor = user.name
        try workspace.store.write { tx in
            guard let id = try tx.user(named: name)?.id else { throw HoTichError(.unknownUser(name)) }
            let now = Timestamp.now()
            try tx.setPassphraseHash(user: id, hash, by: actor, at: now)
            try tx.appendAudit(AuditEntry(actor: actor, action: .userPassphrase, subject: name), at: now)
        }
        workspace.logger.info("passphrase set")
    }

    /// Every user, by name.
    public func users() throws -> [User] {
        try workspace.store.read { tx in try tx.users() }
    }

    /// The names of the users who have set a passphrase.
    public func usersWithPassphrase() throws -> Set<String> {
        try workspace.store.read { tx in
            Set(try tx.users().filter { user in try user.id.flatMap { try tx.passphraseHash(user: $0) } != nil }.map(\.name))
        }
    }
}
