/// What hotich says about legacy text and about places, in Vietnamese and English side by side.
/// Like every message it names columns, rows, codes and counts, never a cell's content: the
/// examples of a conversion are printed by the command itself, beside these lines.
public enum PlaceMessage: Sendable, Equatable {
    // MARK: Legacy text
    /// `auto` could not tell these columns' encoding (letters, A, B…).
    case encodingUnclear(path: String, columns: [String])
    /// A file was read through a legacy encoding: how many cells changed.
    case textConverted(form: LegacyTextForm, cells: Int)
    /// One converted column.
    case textConvertedColumn(column: String, encoding: LegacyEncoding, confidence: Int, cells: Int, kept: Int)
    /// Capitals TCVN3 lost: restored from the words around them, and letters that may still have been capitals.
    case textCapitals(column: String, restored: Int, uncertain: Int)
    /// Bytes the encoding has no letter for.
    case textUnmappedBytes(column: String, count: Int)
    /// A converted file was written.
    case textConvertedFile(path: String)
    /// Nothing in the file needed converting.
    case textNothingToConvert(path: String)
    /// `text convert --out` names the file being converted, or an unknown format.
    case textOutputInvalid(path: String)

    // MARK: Reference data
    case referenceDataMissing(file: String)
    case unitNotFound(code: String)
    case invalidLevel(String)
    /// `ref resolve`: how sure the reading is and of how many candidates.
    case placeResolution(PlaceResolution.Confidence, candidates: Int)
    /// Keying: the units a place just keyed resolves to (codes and the list's names).
    case placeProposal(PlaceResolution.Confidence, units: String, others: Int)

    public func text(in language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .encodingUnclear(let path, let columns):
            let list = Self.list(columns)
            return vi
                ? "Không rõ bảng mã của \(TerminalText.escaped(path)), cột \(list): có thể là Unicode, TCVN3 hay VNI. Hãy chỉ rõ: --encoding utf8|tcvn3|vni khi nhập (key import, batch adopt), --from tcvn3|vni khi chuyển (text convert); xem trước bằng: hotich text convert TỆP --from tcvn3 --out THỬ.csv."
                : "Cannot tell the encoding of \(TerminalText.escaped(path)), column \(list): it may be Unicode, TCVN3 or VNI. Say which: --encoding utf8|tcvn3|vni to import (key import, batch adopt), --from tcvn3|vni to convert (text convert); try it first with: hotich text convert FILE --from tcvn3 --out TRY.csv."
        case .textConverted(let form, let cells):
            let how = form == .bytes
                ? (vi ? "tệp không phải UTF-8 (bảng mã 8 bit cũ)" : "the file is not UTF-8 (an old 8-bit encoding)")
                : (vi ? "tệp UTF-8 chứa chữ gõ bằng phông cũ" : "a UTF-8 file holding text typed in an old font")
            return vi ? "Đã chuyển sang Unicode \(cells.grouped(in: language)) ô: \(how)." : "Converted \(cells.grouped(in: language)) cells to Unicode: \(how)."
        case .textConvertedColumn(let column, let encoding, let confidence, let cells, let kept):
            let keptText = kept == 0 ? "" : (vi ? "; \(kept.grouped(in: language)) ô đã là Unicode, giữ nguyên" : "; \(kept.grouped(in: language)) cells already Unicode, kept")
            return vi
                ? "  Cột \(column): \(Self.name(encoding)), \(cells.grouped(in: language)) ô (độ tin cậy \(confidence)%)\(keptText)."
                : "  Column \(column): \(Self.name(encoding)), \(cells.grouped(in: language)) cells (confidence \(confidence)%)\(keptText)."
        case .textCapitals(let column, let restored, let uncertain):
            return vi
                ? "  Cột \(column): TCVN3 không giữ chữ hoa có dấu (phông .VnTimeH); đã khôi phục \(restored.grouped(in: language)) chữ hoa theo các chữ bên cạnh; \(uncertain.grouped(in: language)) chữ có dấu còn lại để chữ thường, có thể vốn là chữ hoa: hãy soát lại."
                : "  Column \(column): TCVN3 does not keep capitals with diacritics (.VnTimeH fonts); \(restored.grouped(in: language)) capitals restored from the letters around them; \(uncertain.grouped(in: language)) other letters with diacritics left in lower case may have been capitals: check them."
        case .textUnmappedBytes(let column, let count):
            return vi
                ? "  Cột \(column): \(count.grouped(in: language)) byte không ứng với chữ nào của bảng mã, giữ nguyên như Windows-1252."
                : "  Column \(column): \(count.grouped(in: language)) bytes stand for no letter of the encoding, kept as Windows-1252 shows them."
        case .textConvertedFile(let path):
            return vi ? "Đã ghi tệp Unicode: \(TerminalText.escaped(path))" : "Unicode file written: \(TerminalText.escaped(path))"
        case .textNothingToConvert(let path):
            return vi ? "\(TerminalText.escaped(path)) đã là Unicode: không có gì để chuyển." : "\(TerminalText.escaped(path)) is already Unicode: nothing to convert."
        case .textOutputInvalid(let path):
            return vi
                ? "Không ghi được vào \(TerminalText.escaped(path)): cần một tệp .csv hoặc .xlsx khác tệp đang chuyển."
                : "Cannot write to \(TerminalText.escaped(path)): give a .csv or .xlsx file other than the one being converted."
        case .referenceDataMissing(let file):
            return vi
                ? "Thiếu dữ liệu danh mục hành chính (\(file)): thư mục hotich_HoTichModel.resources phải nằm cạnh tệp chạy hotich. Cài lại hotich."
                : "The administrative-unit reference data is missing (\(file)): the hotich_HoTichModel.resources folder must sit beside the hotich binary. Reinstall hotich."
        case .unitNotFound(let code):
            return vi ? "Không có đơn vị hành chính mã \(code)." : "No administrative unit has the code \(code)."
        case .invalidLevel(let value):
            return vi ? "Cấp không hợp lệ: \(value) (province, district hoặc commune)." : "Invalid level: \(value) (province, district or commune)."
        case .placeProposal(let confidence, let units, let others):
            let more = others == 0 ? "" : (vi ? " (và \(others) khả năng khác)" : " (and \(others) other readings)")
            return "→ \(units): \(Self.word(confidence, vi: vi))\(more)"
        case .placeResolution(let confidence, let candidates):
            return "\(Self.word(confidence, vi: vi)) (\(candidates) \(vi ? "khả năng" : candidates == 1 ? "candidate" : "candidates"))"
        }
    }

    static func name(_ encoding: LegacyEncoding) -> String {
        switch encoding {
        case .tcvn3: "TCVN3 (ABC)"
        case .vni: "VNI-Windows"
        }
    }

    public static func word(_ confidence: PlaceResolution.Confidence, vi: Bool) -> String {
        switch confidence {
        case .certain: vi ? "chắc chắn" : "certain"
        case .probable: vi ? "nhiều khả năng" : "probable"
        case .ambiguous: vi ? "chưa rõ: nhiều đơn vị cùng khớp" : "ambiguous: several units fit"
        case .unresolved: vi ? "không tìm thấy trong danh mục" : "not found in the list"
        }
    }

    private static func list(_ items: [String]) -> String {
        let shown = items.prefix(Message.listLimit).joined(separator: ", ")
        return items.count > Message.listLimit ? shown + " … (+\(items.count - Message.listLimit))" : shown
    }
}

/// The column headers of `hotich ref` and `hotich text`.
public enum PlaceLabel: String, Sendable, CaseIterable {
    case code, level, kind, name, parent, province, validFrom, validTo, successors, predecessors, list, confidence
    case commune, district, successorCommune, successorProvince

    public func text(in language: Language) -> String {
        let (vi, en) = words
        return language == .vietnamese ? vi : en
    }

    private var words: (String, String) {
        switch self {
        case .code: ("Mã", "Code")
        case .level: ("Cấp", "Level")
        case .kind: ("Loại", "Kind")
        case .name: ("Tên", "Name")
        case .parent: ("Trực thuộc", "Part of")
        case .province: ("Tỉnh/thành phố", "Province")
        case .validFrom: ("Từ ngày", "Valid from")
        case .validTo: ("Đến ngày", "Valid to")
        case .successors: ("Đơn vị kế thừa (từ 1/7/2025)", "Successors (from 1 July 2025)")
        case .predecessors: ("Đơn vị trước 1/7/2025", "Predecessors (before 1 July 2025)")
        case .list: ("Danh mục", "List")
        case .confidence: ("Mức chắc chắn", "Confidence")
        case .commune: ("Xã/phường", "Commune")
        case .district: ("Quận/huyện", "District")
        case .successorCommune: ("Xã/phường từ 1/7/2025", "Commune from 1 July 2025")
        case .successorProvince: ("Tỉnh/thành phố từ 1/7/2025", "Province from 1 July 2025")
        }
    }

    /// A level as a word.
    public static func level(_ level: AdministrativeUnit.Level, in language: Language) -> String {
        let vi = language == .vietnamese
        switch level {
        case .province: return vi ? "tỉnh" : "province"
        case .district: return vi ? "huyện" : "district"
        case .commune: return vi ? "xã" : "commune"
        }
    }
}
