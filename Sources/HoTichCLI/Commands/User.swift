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
        subcommands: [Add.self, List.self, Login.self, Passphrase.self])

    /// `hotich user add NAME --role ROLE`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Thêm người dùng / add a user (admin).")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Tên đăng nhập / user name (letters, digits, . - _).")
        var name: String

        @Option(help: "Vai trò / role: operator | verifier | supervisor | admin.")
        var role: Role

        @Option(help: "Tài khoản hệ điều hành người này dùng / the operating-system account this user works from.")
        var login: String?

        func run() throws {
            let row = try global.session().addUser(name: name, role: role, login: login)
            Console.current.line(Message.userAdded(name: row.name, role: row.role).text(in: global.language))
            if let login {
                Console.current.line(Message.identity(.loginBound(user: row.name, login: login)).text(in: global.language))
                if getpwnam(login) == nil { Console.current.line(Message.identity(.accountUnknownHere(login)).text(in: global.language)) }
            }
        }
    }

    /// `hotich user login NAME ACCOUNT`.
    struct Login: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Gắn người dùng với tài khoản hệ điều hành / bind a user to an operating-system account (admin).")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Người dùng / user name.")
        var name: String

        @Argument(help: "Tài khoản hệ điều hành / operating-system account.")
        var account: String

        func run() throws {
            try global.session().bindLogin(user: name, login: account)
            Console.current.line(Message.identity(.loginBound(user: name, login: account)).text(in: global.language))
            if getpwnam(account) == nil { Console.current.line(Message.identity(.accountUnknownHere(account)).text(in: global.language)) }
        }
    }

    /// `hotich user passphrase [NAME]`.
    struct Passphrase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Đặt mật khẩu / set a passphrase (your own; anyone's for an admin).",
            discussion: "Mật khẩu cho phép làm việc với tư cách người này từ tài khoản khác (--as). / A passphrase lets this user act from another account (--as).")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Người dùng (mặc định: chính mình) / user name (default: yourself).")
        var name: String?

        @Option(name: .customLong("new-passphrase-fd"), help: "Đọc mật khẩu mới từ mô tả tệp này / read the new passphrase from this file descriptor.")
        var newPassphraseDescriptor: Int32?

        func run() throws {
            let language = global.language
            let session = try global.session()
            let target = name ?? session.user.name
            let passphrase: String
            if let descriptor = newPassphraseDescriptor {
                passphrase = try PassphraseInput.read(descriptor: descriptor)
            } else {
                guard let first = PassphraseInput.ask(Message.identity(.newPassphrasePrompt(user: target)).text(in: language)),
                      let again = PassphraseInput.ask(Message.identity(.repeatPassphrasePrompt).text(in: language))
                else { throw HoTichError(.identity(.passphraseUnreadable)) }
                guard first == again else { throw HoTichError(.identity(.passphrasesDiffer)) }
                passphrase = first
            }
            try session.setPassphrase(for: target, passphrase)
            Console.current.line(Message.identity(.passphraseSet(user: target)).text(in: language))
        }
    }

    /// `hotich user list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Danh sách người dùng / list users.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let language = global.language
            let session = try global.session()
            let users = try session.users()
            let withPassphrase = try session.usersWithPassphrase()
            let table = DataTable(
                labels: [.name, .role, .login, .passphrase, .createdAt], language: language,
                rows: users.map { user in
                    [.text(user.name), .coded(user.role.rawValue, label: Message.role(user.role).text(in: language)),
                     user.login.map(Cell.text) ?? .empty, withPassphrase.contains(user.name)
                        ? .coded("yes", label: language == .vietnamese ? "có" : "yes") : .coded("no", label: language == .vietnamese ? "không" : "no"), .text(user.createdAt)]
                })
            Console.current.out(table.render(output.format, language: language))
        }
    }
}
