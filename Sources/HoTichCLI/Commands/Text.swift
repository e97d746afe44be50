import ArgumentParser
import Foundation
import HoTichModel
import HoTichWorkflow

/// `hotich text`: files of text typed in the encodings before Unicode. Needs no workspace.
struct TextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Chuyển văn bản bảng mã cũ (TCVN3, VNI) sang Unicode / convert legacy TCVN3/VNI text to Unicode.",
        subcommands: [TextConvert.self])
}

/// `hotich text convert FILE [--from auto|tcvn3|vni] --out FILE`.
struct TextConvert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Ghi lại tệp CSV/XLSX sang Unicode / write a CSV or XLSX file again in Unicode.",
        discussion: "Ví dụ / example:  hotich text convert so-cu.csv --out so-cu-unicode.csv")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Tệp CSV hoặc XLSX / a CSV or XLSX file.")
    var file: String

    @Option(help: "Bảng mã của tệp / the file's encoding: auto | tcvn3 | vni (default auto).")
    var from: TextEncodingChoice = .auto

    @Option(help: "Tệp ghi ra (.csv hoặc .xlsx) / the file to write (.csv or .xlsx).")
    var out: String

    func validate() throws {
        guard from != .utf8 else { throw ValidationError("--from: auto | tcvn3 | vni") }
    }

    func run() throws {
        let language = global.language
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let input = URL(fileURLWithPath: file, relativeTo: cwd).standardizedFileURL
        let output = URL(fileURLWithPath: out, relativeTo: cwd).standardizedFileURL
        guard let report = try TextFileConversion.convert(input, from: from, to: output) else {
            Console.current.line(Message.place(.textNothingToConvert(path: input.path)).text(in: language))
            return
        }
        TextConversionLines.print(report, language: language)
        Console.current.line(Message.place(.textConvertedFile(path: output.path)).text(in: language))
    }
}
