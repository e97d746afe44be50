public import Foundation

/// Why the bundled reference data cannot be read: an installation without its resources folder
/// (`hotich_HoTichModel.resources`, which must sit beside the `hotich` binary), or a damaged file.
public enum ReferenceDataError: Error, Sendable, Equatable {
    case missing(file: String)
    case damaged(file: String, line: Int)
}

extension AdministrativeUnitCatalog {
    /// The catalog of the files bundled with hotich, read on first use (some 15 000 units, a few
    /// tens of milliseconds) and kept for the life of the process.
    public static func bundled() throws(ReferenceDataError) -> AdministrativeUnitCatalog {
        try loaded.get()
    }

    private static let loaded: Result<AdministrativeUnitCatalog, ReferenceDataError> = {
        guard let folder = BundledResources.folder("AdministrativeUnits") else {
            return .failure(.missing(file: "AdministrativeUnits"))
        }
        return Result { () throws(ReferenceDataError) in try load(from: folder) }
    }()

    /// Reads the catalog's files from `folder` (the layout `tools/admin-units/build.py` writes).
    public static func load(from folder: URL) throws(ReferenceDataError) -> AdministrativeUnitCatalog {
        var units: [AdministrativeUnit] = []
        for (file, era) in [("units-2004.tsv", AdministrativeUnit.Era.before2025), ("units-2025.tsv", .from2025)] {
            for (line, fields) in try rows(of: folder, file, columns: 7) {
                guard let levelNumber = Int(fields[1]), let level = AdministrativeUnit.Level(rawValue: levelNumber),
                      fields[0].count == level.codeLength, fields[0].allSatisfy(\.isASCII), !fields[3].isEmpty,
                      let from = date(fields[5]), let to = date(fields[6])
                else { throw .damaged(file: file, line: line) }
                units.append(AdministrativeUnit(
                    code: fields[0], level: level, kind: fields[2], name: fields[3], parentCode: fields[4].isEmpty ? nil : fields[4],
                    validFrom: from.value, validTo: to.value, era: era))
            }
        }
        var successions: [(old: String, new: String, whole: Bool)] = []
        for (line, fields) in try rows(of: folder, "succession-2025.tsv", columns: 4) {
            guard fields[3] == "0" || fields[3] == "1" else { throw .damaged(file: "succession-2025.tsv", line: line) }
            successions.append((fields[1], fields[2], fields[3] == "1"))
        }
        var former: [FormerProvince] = []
        for (line, fields) in try rows(of: folder, "historical-names.tsv", columns: 7) {
            guard let from = date(fields[2]), let to = date(fields[3]) else { throw .damaged(file: "historical-names.tsv", line: line) }
            let list = { (text: String) in text.split(whereSeparator: { $0 == "," || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            former.append(FormerProvince(
                name: fields[0], kind: fields[1], validFrom: from.value, validTo: to.value, codes: list(fields[4]), aliases: list(fields[5]),
                source: fields[6]))
        }
        let versions = try self.versions(in: folder)
        return AdministrativeUnitCatalog(units: units, formerProvinces: former, successions: successions, versions: versions)
    }

    /// The list versions, from the folder's `VERSION` file: its `list-2004 TOKEN` and `list-2025 TOKEN` lines.
    private static func versions(in folder: URL) throws(ReferenceDataError) -> [AdministrativeUnit.Era: String] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("VERSION"), encoding: .utf8) else {
            throw .missing(file: "VERSION")
        }
        var versions: [AdministrativeUnit.Era: String] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count == 2, words[0].hasPrefix("list-"), let era = AdministrativeUnit.Era(rawValue: String(words[0].dropFirst(5)))
            else { continue }
            versions[era] = String(words[1])
        }
        guard versions.count == 2 else { throw .damaged(file: "VERSION", line: 1) }
        return versions
    }

    /// The data rows of a TSV file: comment lines (`#`) and the header skipped; each row with
    /// its line number, split into exactly `columns` fields.
    private static func rows(of folder: URL, _ file: String, columns: Int) throws(ReferenceDataError) -> [(Int, [String])] {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(file)), data.count < 16 << 20 else {
            throw .missing(file: file)
        }
        // Scanned as bytes: splitting Data into slices costs more than the rest of the load.
        let bytes = [UInt8](data)
        var rows: [(Int, [String])] = []
        var sawHeader = false
        var lineNumber = 0
        var damaged: Int?
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                var end = start
                while end < buffer.count && buffer[end] != UInt8(ascii: "\n") { end += 1 }
                lineNumber += 1
                defer { start = end + 1 }
                if end == start || buffer[start] == UInt8(ascii: "#") { continue }
                if !sawHeader { sawHeader = true; continue }
                var fields: [String] = []
                fields.reserveCapacity(columns)
                var fieldStart = start
                for position in start...end where position == end || buffer[position] == UInt8(ascii: "\t") {
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[fieldStart..<position]), as: UTF8.self))
                    fieldStart = position + 1
                }
                guard fields.count == columns else {
                    damaged = lineNumber
                    return
                }
                rows.append((lineNumber, fields))
            }
        }
        if let damaged { throw .damaged(file: file, line: damaged) }
        return rows
    }

    /// An ISO date, or empty for none; `nil` for anything else.
    private static func date(_ text: String) -> (value: CivilDate?, Void)? {
        if text.isEmpty { return (nil, ()) }
        guard let date = CivilDate(iso: text) else { return nil }
        return (date, ())
    }
}

/// Where the files bundled with hotich are: `HOTICH_RESOURCES` when set, else the resources
/// folder beside the running binary (where `swift build` puts it, and where an installation must).
/// SwiftPM's own `Bundle.module` is not asked: it stops the process when the folder is missing,
/// where hotich says what is missing instead.
enum BundledResources {
    static let bundleName = "hotich_HoTichModel.resources"

    static func folder(_ name: String) -> URL? {
        var bases: [URL] = []
        if let override = ProcessInfo.processInfo.environment["HOTICH_RESOURCES"], !override.isEmpty {
            bases.append(URL(fileURLWithPath: override))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        bases += [executable.appendingPathComponent(bundleName), Bundle.main.bundleURL.appendingPathComponent(bundleName)]
        for base in bases {
            let folder = base.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue { return folder }
        }
        return nil
    }
}
