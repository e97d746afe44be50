import Foundation
import HoTichPostgres
import HoTichTestSupport
import Testing

/// libpq through HoTichPostgres, against a real server: values, failures, COPY, retries.
@Suite(.postgresAvailable)
struct PostgresConnectionTests {
    @Test func valuesGoAndComeBackExactlyAsParameters() throws {
        try PostgresServer.withDatabase { database in
            let connection = try PostgresConnection(connectionString: database)
            try connection.execute(#"CREATE TABLE "t" ("name" TEXT, "n" BIGINT, "ok" BOOLEAN)"#)
            // A name with every tone, in NFC, and a would-be injection: parameters are never SQL.
            let name = "Nguyễn Thị Ánh Hồng'); DROP TABLE t; --"
            try connection.execute(#"INSERT INTO "t" VALUES ($1, $2, $3), ($4, $5, $6)"#, [name, Int64.max, true, PostgresNull(), -1, false])
            let rows = try connection.execute(#"SELECT "name", "n", "ok" FROM "t" ORDER BY "n""#)
            #expect(rows.count == 2)
            #expect(try rows[0].decode("name", as: String.self) == nil)
            #expect(try rows[0].required("n", as: Int.self) == -1)
            #expect(try rows[0].required("ok", as: Bool.self) == false)
            #expect(try rows[1].required("name", as: String.self) == name)
            #expect(try rows[1].required("name", as: String.self).unicodeScalars.elementsEqual(name.unicodeScalars))
            #expect(try rows[1].required("n", as: Int64.self) == Int64.max)
            #expect(throws: PostgresDecodingError.self) { try rows[1].required("missing", as: String.self) }
        }
    }

    @Test func aFailureHoldsItsCodeAndNamesButNeverTheValues() throws {
        try PostgresServer.withDatabase { database in
            let connection = try PostgresConnection(connectionString: database)
            try connection.execute(#"CREATE TABLE "person" ("name" TEXT CONSTRAINT "person_name" UNIQUE)"#)
            try connection.execute(#"INSERT INTO "person" VALUES ($1)"#, ["Trần Văn Bảy"])
            let error = try #require(throws: PostgresError.self) {
                try connection.execute(#"INSERT INTO "person" VALUES ($1)"#, ["Trần Văn Bảy"])
            }
            #expect(error.isUniqueViolation)
            #expect(error.table == "person")
            #expect(error.constraint == "person_name")
            // The server's detail says "Key (name)=(Trần Văn Bảy) already exists": none of it is kept.
            #expect(!String(describing: error).contains("Trần"))
            #expect(!String(reflecting: error).contains("Trần"))
            // The connection is still usable after a failed statement.
            #expect(try connection.execute("SELECT 1 AS one").first?.required("one", as: Int.self) == 1)
        }
    }

    @Test func copyLoadsEveryRowWithTabsNewlinesBackslashesAndNulls() throws {
        try PostgresServer.withDatabase { database in
            let connection = try PostgresConnection(connectionString: database)
            try connection.execute(#"CREATE TABLE "t" ("id" BIGINT, "text" TEXT)"#)
            let awkward = ["a\tb", "dòng 1\ndòng 2", #"C:\scans\KS"#, "\r", "\\N", "Đặng Thùy Dương"]
            var rows: [[String?]] = awkward.enumerated().map { [String($0.offset), $0.element] }
            rows.append(["99", nil])
            rows += (100..<20_100).map { [String($0), String(repeating: "ư", count: $0 % 50)] }
            let loaded = try connection.copy(#"COPY "t" ("id", "text") FROM STDIN"#, rows: rows)
            #expect(loaded == rows.count)
            let back = try connection.execute(#"SELECT "id", "text" FROM "t" ORDER BY "id""#)
            #expect(back.count == rows.count)
            for (index, value) in awkward.enumerated() {
                #expect(try back[index].decode("text", as: String.self) == value)
            }
            #expect(try back[awkward.count].decode("text", as: String.self) == nil)
        }
    }

    @Test func aCopyThatFailsLoadsNothingAndTheConnectionGoesOn() throws {
        try PostgresServer.withDatabase { database in
            let connection = try PostgresConnection(connectionString: database)
            try connection.execute(#"CREATE TABLE "t" ("id" BIGINT PRIMARY KEY)"#)
            let error = try #require(throws: PostgresError.self) {
                try connection.copy(#"COPY "t" ("id") FROM STDIN"#, rows: [["1"], ["2"], ["1"]])
            }
            #expect(error.isUniqueViolation)
            #expect(try connection.execute(#"SELECT COUNT(*) AS n FROM "t""#).first?.required("n", as: Int.self) == 0)
        }
    }

    @Test func aSerializationFailureRunsTheTransactionAgain() throws {
        try PostgresServer.withDatabase { database in
            let first = try PostgresConnection(connectionString: database)
            let second = try PostgresConnection(connectionString: database)
            try first.execute(#"CREATE TABLE "counter" ("id" INT PRIMARY KEY, "value" INT)"#)
            try first.execute(#"INSERT INTO "counter" VALUES (1, 0)"#)
            var attempts = 0
            try first.transaction(.serializable) { connection in
                attempts += 1
                let value = try connection.execute(#"SELECT "value" FROM "counter" WHERE "id" = 1"#).first!.required("value", as: Int.self)
                if attempts == 1 {
                    // Another client changes the row after this transaction read it: its update must fail, and run again.
                    try second.execute(#"UPDATE "counter" SET "value" = "value" + 10 WHERE "id" = 1"#)
                }
                try connection.execute(#"UPDATE "counter" SET "value" = $1 WHERE "id" = 1"#, [value + 1])
            }
            #expect(attempts == 2)
            #expect(try first.execute(#"SELECT "value" FROM "counter""#).first?.required("value", as: Int.self) == 11)
        }
    }

    @Test func aConnectionThatFailsSaysWhyWithoutItsPassword() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotich-no-server-\(UUID().uuidString)").path
        let error = try #require(throws: PostgresError.self) {
            try PostgresConnection(connectionString: "postgresql://clerk:s3cret-pass@/province?host=\(folder)&connect_timeout=2")
        }
        #expect(error.kind == .connection)
        #expect(!String(describing: error).contains("s3cret"))
        let described = try #require(PostgresConnection.describe("postgresql://clerk:s3cret-pass@db.sotp.gov.vn:5433/province"))
        #expect(described == "clerk@db.sotp.gov.vn:5433/province")
        #expect(PostgresConnection.describe("host=x port=") != nil)
        #expect(PostgresConnection.describe("postgresql://[bad") == nil)
        // A password with an unescaped `@`: libpq reads its tail as part of the host, never shown.
        let tail = try #require(PostgresConnection.describe("postgres://hotich:Matkhau@2024@localhost:1/hotich"))
        #expect(!tail.contains("2024") && !tail.contains("Matkhau"))
    }
}
