import GRDB
public import HoTichModel

public protocol UserReading {
    /// The user called `name`.
    func user(named name: String) throws -> User?
    /// Every user, by name.
    func users() throws -> [User]
}

public protocol UserWriting {
    /// Adds a user (names are unique: a second one with the same name is refused by the store).
    /// - Returns: the user with its id.
    func insertUser(_ user: User) throws -> User
}

extension SQLiteTransaction: UserReading, UserWriting {
    public func user(named name: String) throws -> User? {
        try User.filter(User.Columns.name == name).fetchOne(db)
    }

    public func users() throws -> [User] {
        try User.order(User.Columns.name).fetchAll(db)
    }

    public func insertUser(_ user: User) throws -> User {
        var user = user
        try user.insert(db)
        return user
    }
}

/// Who acts from which account, and the hashes of their passphrases.
public protocol IdentityReading {
    /// The user bound to the operating-system account `login`.
    func user(login: String) throws -> User?
    /// The stored hash of `userId`'s passphrase (``PassphraseHash`` text), if they set one.
    func passphraseHash(user userId: Int64) throws -> String?
}

public protocol IdentityWriting {
    /// Binds (or, with nil, unbinds) `userId` to the account `login`.
    func setLogin(user userId: Int64, _ login: String?) throws
    /// Stores the hash of `userId`'s new passphrase.
    func setPassphraseHash(user userId: Int64, _ hash: String, by actor: String, at time: String) throws
}

extension SQLiteTransaction: IdentityReading, IdentityWriting {
    public func user(login: String) throws -> User? {
        try User.filter(Column("login") == login).fetchOne(db)
    }

    public func passphraseHash(user userId: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT hash FROM userPassphrase WHERE userId = ?", arguments: [userId])
    }

    public func setLogin(user userId: Int64, _ login: String?) throws {
        try db.execute(sql: "UPDATE user SET login = ? WHERE id = ?", arguments: [login, userId])
    }

    public func setPassphraseHash(user userId: Int64, _ hash: String, by actor: String, at time: String) throws {
        try db.execute(sql: """
            INSERT INTO userPassphrase (userId, hash, setAt, setBy) VALUES (?, ?, ?, ?)
            ON CONFLICT (userId) DO UPDATE SET hash = excluded.hash, setAt = excluded.setAt, setBy = excluded.setBy
            """, arguments: [userId, hash, time, actor])
    }
}
