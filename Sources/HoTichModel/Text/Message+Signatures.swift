/// What hotich says about signing keys and signed packages, in Vietnamese and English side by side.
public enum SignatureMessage: Sendable, Equatable {
    /// A key file cannot be read as an Ed25519 key in PEM.
    case keyUnreadable(path: String)
    /// `keys generate` would overwrite a file.
    case keyFileExists(path: String)
    case keysGenerated(privatePath: String, publicPath: String, fingerprint: String)
    /// An export's manifest was signed.
    case signed(fingerprint: String)
    /// The package is signed by the key given, and its signature holds.
    case valid(fingerprint: String)
    /// The package has no signature, or the manifest names no signing key.
    case missing
    /// The manifest names another key than the one given.
    case otherKey(expected: String, named: String)
    /// The signature does not match the manifest: the manifest changed, or another key signed it.
    case invalid
    /// The signature holds, but the folder has entries the signed manifest does not list.
    case unlisted(count: Int)

    public func text(in language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .keyUnreadable(let path):
            return vi ? "Không đọc được khóa Ed25519 (PEM) trong \(TerminalText.escaped(path))."
                : "\(TerminalText.escaped(path)) holds no Ed25519 key in PEM."
        case .keyFileExists(let path):
            return vi ? "Đã có tệp \(TerminalText.escaped(path)); không ghi đè khóa. Chọn tên khác."
                : "\(TerminalText.escaped(path)) exists; a key is never overwritten. Choose another name."
        case .keysGenerated(let privatePath, let publicPath, let fingerprint):
            return vi
                ? "Đã tạo cặp khóa. Khóa bí mật (chỉ chủ sở hữu đọc được, không gửi ai): \(TerminalText.escaped(privatePath)). Khóa công khai (gửi cho nơi nhận): \(TerminalText.escaped(publicPath)). Dấu vân tay: \(fingerprint)"
                : "Key pair made. Private key (owner-only, never sent): \(TerminalText.escaped(privatePath)). Public key (for receivers): \(TerminalText.escaped(publicPath)). Fingerprint: \(fingerprint)"
        case .signed(let fingerprint):
            return vi ? "Đã ký manifest (manifest.xml.sig) bằng khóa \(fingerprint)." : "Manifest signed (manifest.xml.sig) with key \(fingerprint)."
        case .valid(let fingerprint):
            return vi
                ? "Chữ ký hợp lệ: manifest do khóa \(fingerprint) ký, và gói không có gì ngoài các tệp manifest liệt kê (kích thước và mã băm của chúng được kiểm ở trên)."
                : "Signature valid: the manifest was signed by key \(fingerprint), and the package holds nothing it does not list (their sizes and hashes are checked above)."
        case .missing:
            return vi ? "Gói không có chữ ký (manifest.xml.sig) hoặc manifest không nêu khóa ký." : "The package has no signature (manifest.xml.sig), or its manifest names no signing key."
        case .otherKey(let expected, let named):
            return vi ? "Manifest nêu khóa ký \(named), không phải khóa đã cho \(expected)." : "The manifest names signing key \(named), not the key given, \(expected)."
        case .unlisted(let count):
            return vi
                ? "Gói có \(count) tệp hoặc thư mục mà manifest đã ký không liệt kê: không phải của người ký. Không dùng gói này."
                : "The package holds \(count) files or folders the signed manifest does not list: not the signer's. Do not use this package."
        case .invalid:
            return vi ? "Chữ ký KHÔNG hợp lệ: manifest đã bị sửa hoặc do khóa khác ký. Không dùng gói này." : "Signature INVALID: the manifest was changed or signed by another key. Do not use this package."
        }
    }
}
