/// What hotich says about who is acting: accounts, passphrases, throw-away workspaces.
public enum IdentityMessage: Sendable, Equatable {
    /// The account running hotich is bound to no user of the workspace.
    case accountNotBound(login: String)
    /// Acting as `user` from another account needs their passphrase, and none could be asked for.
    case passphraseNeeded(user: String)
    case passphraseWrong(user: String)
    /// `user` has no passphrase: they act only from their own account.
    case noPassphrase(user: String, login: String?)
    case passphraseTooShort(minimum: Int)
    case passphrasesDiffer
    /// The file descriptor given for a passphrase could not be read.
    case passphraseUnreadable
    case passphraseSet(user: String)
    case loginBound(user: String, login: String)
    /// Another user is already bound to the account.
    case loginTaken(login: String, user: String)
    case invalidLogin(String)
    /// A throw-away workspace believes the name it is given.
    case namesOnly
    /// The prompt for a passphrase.
    case passphrasePrompt(user: String)
    case newPassphrasePrompt(user: String)
    case repeatPassphrasePrompt
    /// `init --group` names a group the system does not know, or one the account is not in.
    case unknownGroup(String)
    case notInGroup(String)
    /// A user was bound to an account this machine does not have (yet).
    case accountUnknownHere(String)

    public func text(in language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .accountNotBound(let login):
            return vi
                ? "Tài khoản hệ điều hành \(TerminalText.escaped(login)) chưa gắn với người dùng nào của không gian làm việc này. Quản trị viên gắn bằng: hotich user add TÊN --role VAI_TRÒ --login \(TerminalText.escaped(login))"
                : "The operating-system account \(TerminalText.escaped(login)) is bound to no user of this workspace. An administrator binds it with: hotich user add NAME --role ROLE --login \(TerminalText.escaped(login))"
        case .passphraseNeeded(let user):
            return vi
                ? "Làm việc với tư cách \(TerminalText.escaped(user)) từ tài khoản khác cần mật khẩu của \(TerminalText.escaped(user)): chạy lệnh trong cửa sổ dòng lệnh để được hỏi, hoặc đưa qua --passphrase-fd N."
                : "Acting as \(TerminalText.escaped(user)) from another account needs \(TerminalText.escaped(user))'s passphrase: run the command in a terminal to be asked, or give it through --passphrase-fd N."
        case .passphraseWrong(let user):
            return vi ? "Mật khẩu của \(TerminalText.escaped(user)) không đúng." : "Wrong passphrase for \(TerminalText.escaped(user))."
        case .noPassphrase(let user, let login):
            let from = login.map { TerminalText.escaped($0) } ?? (vi ? "(chưa gắn)" : "(none bound)")
            return vi
                ? "\(TerminalText.escaped(user)) chưa đặt mật khẩu: chỉ làm việc được từ tài khoản của mình, \(from). Đặt bằng: hotich user passphrase"
                : "\(TerminalText.escaped(user)) has no passphrase: they act only from their own account, \(from). Set one with: hotich user passphrase"
        case .passphraseTooShort(let minimum):
            return vi ? "Mật khẩu phải dài từ \(minimum) đến 1 024 ký tự, có ít nhất 5 ký tự khác nhau (không kể dấu cách)."
                : "A passphrase needs \(minimum) to 1,024 characters, at least 5 of them different (spaces aside)."
        case .passphrasesDiffer:
            return vi ? "Hai lần nhập mật khẩu không giống nhau." : "The two passphrases differ."
        case .passphraseUnreadable:
            return vi ? "Không đọc được mật khẩu từ --passphrase-fd." : "Cannot read a passphrase from --passphrase-fd."
        case .passphraseSet(let user):
            return vi ? "Đã đặt mật khẩu cho \(TerminalText.escaped(user))." : "Passphrase set for \(TerminalText.escaped(user))."
        case .loginBound(let user, let login):
            return vi ? "\(TerminalText.escaped(user)) làm việc từ tài khoản \(TerminalText.escaped(login))." : "\(TerminalText.escaped(user)) acts from account \(TerminalText.escaped(login))."
        case .loginTaken(let login, let user):
            return vi ? "Tài khoản \(TerminalText.escaped(login)) đã gắn với \(TerminalText.escaped(user))." : "Account \(TerminalText.escaped(login)) is already bound to \(TerminalText.escaped(user))."
        case .invalidLogin(let login):
            return vi ? "Tên tài khoản không hợp lệ: \(TerminalText.escaped(login))." : "Not an account name: \(TerminalText.escaped(login))."
        case .namesOnly:
            return vi
                ? "Không gian làm việc thử nghiệm: tin tên người dùng được đưa (--as), không xác thực. Không dùng cho dữ liệu thật."
                : "Throw-away workspace: the user name given (--as) is believed, not authenticated. Not for real data."
        case .passphrasePrompt(let user):
            return vi ? "Mật khẩu của \(TerminalText.escaped(user)): " : "Passphrase for \(TerminalText.escaped(user)): "
        case .newPassphrasePrompt(let user):
            return vi ? "Mật khẩu mới của \(TerminalText.escaped(user)): " : "New passphrase for \(TerminalText.escaped(user)): "
        case .repeatPassphrasePrompt:
            return vi ? "Nhập lại: " : "Again: "
        case .accountUnknownHere(let login):
            return vi ? "Lưu ý: máy này chưa có tài khoản \(TerminalText.escaped(login)); người dùng chỉ làm việc được khi tài khoản đó có."
                : "Note: this machine has no account \(TerminalText.escaped(login)) yet; the user can act only once it exists."
        case .unknownGroup(let group):
            return vi ? "Hệ điều hành không có nhóm \(TerminalText.escaped(group))." : "The operating system has no group \(TerminalText.escaped(group))."
        case .notInGroup(let group):
            return vi ? "Tài khoản đang chạy không thuộc nhóm \(TerminalText.escaped(group)): không chia sẻ không gian làm việc cho nhóm này được."
                : "The account running this is not in group \(TerminalText.escaped(group)): it cannot share the workspace with it."
        }
    }
}
