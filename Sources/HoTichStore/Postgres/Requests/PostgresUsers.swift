import HoTichPostgres
public import HoTichModel

extension PostgresTransaction: UserReading, UserWriting, IdentityReading, IdentityWriting {
    private static let userColumns = #""id", "name", "role", "createdAt", "createdBy", "login""#

    private func user(from row: PostgresRow) throws -> User {
        User(
            id: try row.required("id"), name: try row.required("name"), role: try row.value("role", table: "user", Role.init(rawValue:)),
            createdAt: try row.required("createdAt"), createdBy: try row.decode("createdBy"), login: try row.decode("login"))
    }

    public func user(named name: String) throws -> User? {
        try execute(#"SELECT \#(Self.userColumns) FROM "user" WHERE "name" = $1"#, [name]).first.map(user(from:))
    }

    public func users() throws -> [User] {
        // Names compare byte by byte, as in SQLite, whatever the database's collation.
        try execute(#"SELECT \#(Self.userColumns) FROM "user" ORDER BY "name" COLLATE "C""#).map(user(from:))
    }

    public func insertUser(_ user: User) throws -> User {
        var user = user
        let row = try execute(
            #"INSERT INTO "user" ("name", "role", "createdAt", "createdBy", "login") VALUES ($1, $2, $3, $4, $5) RETURNING "id""#,
            [user.name, user.role.rawValue, user.createdAt, user.createdBy, user.login])
        user.id = try row.first?.required("id")
        return user
    }

    public func user(login: String) throws -> User? {
        try execute(#"SELECT \#(Self.userColumns) FROM "user" WHERE "login" = $1"#, [login]).first.map(user(from:))
    }

    public func passphraseHash(user userId: Int64) throws -> String? {
        try execute(#"SELECT "hash" FROM "userPassphrase" WHERE "userId" = $1"#, [userId]).first?.decode("hash")
    }

    public func setLogin(user userId: Int64, _ login: String?) throws {
        try execute(#"UPDATE "user" SET "login" = $1 WHERE "id" = $2"#, [login, userId])
    }

    public func setPassphraseHash(user userId: Int64, _ hash: String, by actor: String, at time: String) throws {
        try execute(
            #"""
            INSERT INTO "userPassphrase" ("userId", "hash", "setAt", "setBy") VALUES ($1, $2, $3, $4)
            ON CONFLICT ("userId") DO UPDATE SET "hash" = excluded."hash", "setAt" = excluded."setAt", "setBy" = excluded."setBy"
            """#, [userId, hash, time, actor])
    }
}
