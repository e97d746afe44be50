import HoTichPostgres
public import HoTichModel

extension PostgresTransaction: WorkspaceReading, WorkspaceWriting {
    public func workspaceInfo() throws -> WorkspaceInfo? {
        guard let row = try execute(#"SELECT "officeCode", "name", "createdAt", "identity" FROM "workspace" WHERE "id" = 1"#).first else {
            return nil
        }
        return WorkspaceInfo(
            officeCode: try row.value("officeCode", table: "workspace", { OfficeCode($0) }), name: try row.decode("name"),
            createdAt: try row.required("createdAt"), identity: try row.value("identity", table: "workspace", IdentityMode.init(rawValue:)))
    }

    public func office(_ code: OfficeCode) throws -> Office? {
        guard let row = try execute(#"SELECT "code", "name", "province" FROM "office" WHERE "code" = $1"#, [code.value]).first else {
            return nil
        }
        return Office(code: code, name: try row.decode("name"), province: try row.decode("province"))
    }

    public func initializeWorkspace(_ info: WorkspaceInfo, office: Office) throws {
        try execute(
            #"INSERT INTO "workspace" ("id", "officeCode", "name", "createdAt", "identity") VALUES (1, $1, $2, $3, $4)"#,
            [info.officeCode.value, info.name, info.createdAt, info.identity.rawValue])
        try execute(
            #"INSERT INTO "office" ("code", "name", "province") VALUES ($1, $2, $3)"#, [office.code.value, office.name, office.province])
    }
}
