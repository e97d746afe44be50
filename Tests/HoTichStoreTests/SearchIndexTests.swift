import GRDB
@testable import HoTichStore
import HoTichModel
import Testing

/// The index folds in SQLite what `VietnameseText.folded` folds in Swift: every letter, both cases.
@Suite struct SearchIndexTests {
    @Test func sqliteFoldsEveryVietnameseLetterAsSwiftDoes() throws {
        let queue = try DatabaseQueue()
        let letters = Array("aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ")
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(name, tokenize = 'unicode61 remove_diacritics 2', content = '')")
            for (index, letter) in letters.enumerated() {
                for (offset, text) in [String(letter), String(letter).uppercased()].enumerated() {
                    // As the index stores a name: `x` + the letter + `x`, one syllable.
                    try db.execute(
                        sql: "INSERT INTO t (rowid, name) SELECT ?, \(SearchIndex.name("json_object('n', '=' || ?)", "'$.n'"))",
                        arguments: [index * 2 + offset + 1, "x\(text)x"])
                }
            }
            for (index, letter) in letters.enumerated() {
                let folded = "x" + VietnameseText.folded(String(letter)) + "x"
                let rows = try Int.fetchAll(db, sql: "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid", arguments: ["\"\(folded)\""])
                #expect(rows.contains(index * 2 + 1) && rows.contains(index * 2 + 2), "\(letter) → \(folded)")
            }
        }
    }
}
