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
