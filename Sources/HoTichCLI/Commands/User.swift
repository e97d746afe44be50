import Foundation
import ArgumentParser
import HoTichModel
import HoTichExchange
import HoTichWorkflow

/// `hotich user`: the people of a workspace and their roles.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Người dùng và vai trò / users and roles.",
        subcommands: [Add.self, List.self])

    /// `hotich user add NAME --role ROLE`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Thêm người dùng / add a user (admin).")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Tên đăng nhập / user name (letters, digits, . - _).")
        var name: String

        @Option(help: "Vai trò / role: operator | verifier | supervisor | admin.")
        var role: Role

        func run() throws {
            let row = try global.session().addUser(name: name, role: role)
            Console.current.line(Message.userAdded(name: row.name, role: row.role).text(in: global.language))
        }
    }

    /// `hotich user list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Danh sách người dùng / list users.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let language = global.language
            let users = try global.session().users()
            let table = DataTable(
                labels: [.name, .role, .createdAt], language: language,
                rows: users.map { user in
                    [.text(user.name), .coded(user.role.rawValue, label: Message.role(user.role).text(in: language)),
                     .text(user.createdAt)]
                })
            Console.current.out(table.render(output.format, language: language))
        }
    }
}
