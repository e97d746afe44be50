import ArgumentParser
import Foundation
import HoTichModel

/// `places`: the administrative-unit catalog and place resolution. Loads the bundled catalog
/// (time and memory), then resolves N written places drawn from it — communes of both eras
/// written the ways registers write them (kind words, abbreviations, dashes, a level left out, a
/// village first, no diacritics, capitals), plus ambiguous and unknown ones — on one core, first
/// with the resolver alone (every place worked out), then through the export's caching coder.
/// Also the legacy-text converter on mojibake cells.
struct PlacesBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "places", abstract: "Measure the catalog and place resolution.")

    @Option(help: "Written places to resolve.") var places = 100_000
    @Option(help: "Random seed.") var seed: UInt64 = 17

    func run() throws {
        let before = Measure.peakMemoryMiB
        let (catalog, loadSeconds) = try Measure.time { try AdministrativeUnitCatalog.bundled() }
        let loadedMiB = Measure.peakMemoryMiB - before
        Measure.report("catalog load", String(format: "%.1f", loadSeconds * 1000), "ms", "\(catalog.units.count) unit spans")
        Measure.report("catalog memory", String(format: "%.1f", loadedMiB), "MiB", "peak RSS growth while loading")

        var random = SeededRandom(seed: seed)
        let communes = catalog.units.filter { $0.level == .commune }
        var written: [(String, PartialDate?)] = []
        written.reserveCapacity(places)
        for index in 0..<places {
            let commune = communes[Int(random.next() % UInt64(communes.count))]
            let district = catalog.district(of: commune)
            let province = catalog.province(of: commune)
            let year = commune.era == .from2025 ? 2026 : 1995 + Int(random.next() % 29)
            let date = PartialDate("\(1 + Int(random.next() % 28)).\(1 + Int(random.next() % 12)).\(year)")
            let c = "\(commune.kind.lowercased()) \(commune.name)"
            let d = district.map { "\($0.kind.lowercased()) \($0.name)" }
            let p = province.map(\.name) ?? ""
            let text: String
            switch index % 10 {
            case 0: text = [c, d, p].compactMap { $0 }.joined(separator: ", ")
            case 1: text = [commune.name, district?.name, p].compactMap { $0 }.joined(separator: " - ")
            case 2: text = "Thôn \(index % 9 + 1), " + [commune.name, district?.name].compactMap { $0 }.joined(separator: ", ")
            case 3: text = VietnameseText.folded([c, d, p].compactMap { $0 }.joined(separator: ", "))
            case 4: text = [c, d, p].compactMap { $0 }.joined(separator: ", ").uppercased()
            case 5: text = "Tổ \(index % 20 + 1), khu phố 3, " + [c, p].joined(separator: ", ")
            case 6: text = c  // ambiguous more often than not
            case 7: text = "Bệnh viện Đa khoa \(p)"
            case 8: text = [commune.name, p, "Việt Nam"].joined(separator: ", ")
            default: text = "X. \(commune.name), H. \(district?.name ?? ""), T. \(p)"
            }
            written.append((text, date))
        }

        let resolver = PlaceResolver(catalog: catalog)
        var resolved = 0
        let (_, seconds) = Measure.time {
            for (text, date) in written where resolver.resolve(text, registered: date).resolved != nil { resolved += 1 }
        }
        Measure.report(
            "place resolution", String(format: "%.0f", Double(places) / seconds), "places/s",
            "\(places) places, one core, no cache; \(resolved * 100 / max(places, 1))% resolved to one unit")

        let coder = PlaceCoder(catalog: catalog)
        let (_, cached) = Measure.time {
            for (text, date) in written { _ = coder.resolve(text, registered: date) }
            for (text, date) in written { _ = coder.resolve(text, registered: date) }
        }
        Measure.report("place coding (export)", String(format: "%.0f", Double(2 * places) / cached), "places/s", "the export's coder, each place twice")

        let cells = written.prefix(20_000).map { LegacyEncoding.windows1252Text(of: legacyBytes($0.0)) }
        var converted = 0
        let (_, legacySeconds) = Measure.time {
            var survey = LegacyTextSurvey(form: .unicode)
            for cell in cells { survey.add([cell]) }
            for cell in cells where LegacyEncoding.tcvn3.convert(cell) != nil { converted += 1 }
        }
        Measure.report("legacy text", String(format: "%.0f", Double(cells.count) / legacySeconds), "cells/s", "TCVN3 mojibake surveyed and converted, \(converted) cells")
    }

    /// A text in TCVN3 bytes, by decoding every byte and keeping the first that gives each letter.
    private func legacyBytes(_ text: String) -> [UInt8] {
        text.flatMap { character -> [UInt8] in
            if character.isASCII { return Array(String(character).utf8) }
            let lower = Character(character.lowercased())
            return Self.tcvn3[lower].map { [$0] } ?? Array(String(character).utf8)
        }
    }

    private static let tcvn3: [Character: UInt8] = {
        var table: [Character: UInt8] = [:]
        for byte in UInt8(0x80)...UInt8(0xFF) {
            let text = LegacyEncoding.tcvn3.decode([byte]).text
            if let letter = text.first, text.count == 1, letter.isLetter, table[letter] == nil { table[letter] = byte }
        }
        return table
    }()
}
