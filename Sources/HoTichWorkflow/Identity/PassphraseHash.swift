import Crypto
import CryptoExtras
import Foundation
public import HoTichModel

/// A user's passphrase as the workspace keeps it: salted and stretched with scrypt, its parameters
/// written beside it so that they can be raised later without breaking stored hashes.
///
/// The text is `scrypt$N$r$p$SALT$HASH` (salt and hash in base64): N = 2^15, r = 8, p = 1 take
/// about 32 MiB and a tenth of a second, once per command that acts as another user.
public enum PassphraseHash {
    /// The shortest passphrase accepted.
    public static let minimumLength = 10
    /// The longest passphrase read (a file descriptor could hand over anything).
    public static let maximumLength = 1024

    static let rounds = 1 << 15
    static let blockSize = 8
    static let parallelism = 1
    static let saltBytes = 16
    static let hashBytes = 32

    /// The stored text of a new passphrase.
    /// - Throws: ``HoTichError`` `.identity(.passphraseTooShort)` for one that is short, longer than
    ///   ``maximumLength``, or made of fewer than five different characters ("aaaaaaaaaa", spaces).
    public static func make(_ passphrase: String) throws -> String {
        let letters = Set(passphrase.filter { !$0.isWhitespace })
        guard passphrase.count >= minimumLength, passphrase.count <= maximumLength, letters.count >= 5 else {
            throw HoTichError(.identity(.passphraseTooShort(minimum: minimumLength)))
        }
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<saltBytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let hash = try derive(passphrase, salt: salt, rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        return "scrypt$\(rounds)$\(blockSize)$\(parallelism)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
    }

    /// Whether `passphrase` is the one `stored` was made from (false for text that is not a hash).
    public static func matches(_ passphrase: String, _ stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let rounds = Int(parts[1]), let blockSize = Int(parts[2]),
              let parallelism = Int(parts[3]), let salt = Data(base64Encoded: parts[4]), let expected = Data(base64Encoded: parts[5]),
              // Parameters are bounded: a hash edited to ask for gigabytes is refused, not obeyed.
              (1 << 10...1 << 20).contains(rounds), rounds & (rounds - 1) == 0, (1...32).contains(blockSize), (1...16).contains(parallelism),
              expected.count == hashBytes, passphrase.utf8.count <= maximumLength * 4,
              let actual = try? derive(passphrase, salt: Array(salt), rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        else { return false }
        // Compared in constant time: the HMACs of both under a one-off key, by swift-crypto's comparison.
        let key = SymmetricKey(size: .bits256)
        return HMAC<SHA256>.isValidAuthenticationCode(
            HMAC<SHA256>.authenticationCode(for: actual, using: key), authenticating: Array(expected), using: key)
    }

    private static func derive(_ passphrase: String, salt: [UInt8], rounds: Int, blockSize: Int, parallelism: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(passphrase.precomposedStringWithCanonicalMapping.utf8), salt: salt, outputByteCount: hashBytes,
            rounds: rounds, blockSize: blockSize, parallelism: parallelism, maxMemory: 256 << 20)
        return key.withUnsafeBytes { Array($0) }
    }
}
