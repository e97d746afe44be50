import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

/// `hotich keys`: the key pair that signs export packages. Needs no workspace.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Khóa ký gói xuất / the key pair that signs export packages.", subcommands: [KeysGenerate.self])
}

/// `hotich keys generate --out PREFIX`: PREFIX.key (private, owner-only) and PREFIX.pub.
struct KeysGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Tạo cặp khóa Ed25519 / make an Ed25519 key pair: PREFIX.key (private, 0600) and PREFIX.pub.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Tên tệp khóa, không có đuôi / the key files' name without extension.")
    var out: String

    func validate() throws {
        let trimmed = out.trimmingCharacters(in: .whitespaces)
        var isFolder: ObjCBool = false
        if trimmed.isEmpty || trimmed.hasSuffix("/") || (FileManager.default.fileExists(atPath: trimmed, isDirectory: &isFolder) && isFolder.boolValue) {
            throw ValidationError(global.language == .vietnamese
                ? "--out: tên tệp khóa không có đuôi, ví dụ khoa/so-tu-phap (tạo so-tu-phap.key và so-tu-phap.pub)."
                : "--out: the key files' name without extension, for example keys/office (makes office.key and office.pub).")
        }
    }

    func run() throws {
        let prefix = URL(fileURLWithPath: out, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        let made = try KeyFile.generate(prefix: prefix)
        Console.current.line(Message.signature(.keysGenerated(
            privatePath: made.privateKey.path, publicPath: made.publicKey.path, fingerprint: made.fingerprint)).text(in: global.language))
    }
}
