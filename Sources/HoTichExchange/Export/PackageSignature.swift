import Crypto
public import Foundation

/// Ed25519 signatures of export packages: a key pair made by `hotich keys generate`, the manifest
/// signed by `hotich export --sign KEY` (a detached `manifest.xml.sig` of 64 raw bytes in the
/// package, the public key's fingerprint in the manifest), checked by `hotich validate --key PUB`
/// — or, without hotich, by OpenSSL 3:
///
/// ```sh
/// openssl pkeyutl -verify -pubin -inkey hotich.pub -rawin -in manifest.xml -sigfile manifest.xml.sig
/// ```
///
/// The manifest holds every file's size and SHA-256, so a signed manifest vouches for the whole
/// package. Keys are PEM files OpenSSL reads: PKCS #8 for the private key, SubjectPublicKeyInfo
/// for the public one.
public enum PackageSignature {
    /// The detached signature's file name in a package.
    public static let fileName = "manifest.xml.sig"

    /// A new key pair, as the PEM texts of its private and public keys.
    public static func generate() -> (privatePEM: String, publicPEM: String) {
        let key = Curve25519.Signing.PrivateKey()
        return (pem(privatePrefix + key.rawRepresentation, label: "PRIVATE KEY"), publicPEM(key.publicKey))
    }

    /// The public key's PEM text.
    static func publicPEM(_ key: Curve25519.Signing.PublicKey) -> String {
        pem(publicPrefix + key.rawRepresentation, label: "PUBLIC KEY")
    }

    /// The public key's fingerprint: `sha256:` and the SHA-256 of its DER form, in hex (what
    /// `openssl pkey -pubin -in KEY -outform DER | sha256sum` prints).
    static func fingerprint(_ key: Curve25519.Signing.PublicKey) -> String {
        "sha256:" + SHA256.hash(data: publicPrefix + key.rawRepresentation).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads a private key file (PEM, PKCS #8, Ed25519).
    static func privateKey(pem text: String) throws(PackageSignatureError) -> Curve25519.Signing.PrivateKey {
        guard let der = der(text, label: "PRIVATE KEY"), der.count == privatePrefix.count + 32, der.starts(with: privatePrefix),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: der.dropFirst(privatePrefix.count))
        else { throw .notAKey }
        return key
    }

    /// Reads a public key file (PEM, SubjectPublicKeyInfo, Ed25519).
    static func publicKey(pem text: String) throws(PackageSignatureError) -> Curve25519.Signing.PublicKey {
        guard let der = der(text, label: "PUBLIC KEY"), der.count == publicPrefix.count + 32, der.starts(with: publicPrefix),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: der.dropFirst(publicPrefix.count))
        else { throw .notAKey }
        return key
    }

    /// The signature of `manifest`'s bytes (64 bytes, Ed25519 as RFC 8032 defines it).
    static func sign(_ manifest: Data, with key: Curve25519.Signing.PrivateKey) throws -> Data {
        try key.signature(for: manifest)
    }

    /// Whether `signature` is `key`'s signature of `manifest`.
    static func verify(_ manifest: Data, signature: Data, with key: Curve25519.Signing.PublicKey) -> Bool {
        key.isValidSignature(signature, for: manifest)
    }

    /// The DER headers of an Ed25519 key (OID 1.3.101.112) in PKCS #8 and in SubjectPublicKeyInfo.
    private static let privatePrefix = Data([0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20])
    private static let publicPrefix = Data([0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00])

    private static func pem(_ der: Data, label: String) -> String {
        let base64 = der.base64EncodedString()
        var lines: [String] = []
        var index = base64.startIndex
        while index < base64.endIndex {
            let end = base64.index(index, offsetBy: 64, limitedBy: base64.endIndex) ?? base64.endIndex
            lines.append(String(base64[index..<end]))
            index = end
        }
        return "-----BEGIN \(label)-----\n" + lines.joined(separator: "\n") + "\n-----END \(label)-----\n"
    }

    private static func der(_ text: String, label: String) -> Data? {
        guard text.utf8.count < 4_096 else { return nil }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = lines.firstIndex(of: "-----BEGIN \(label)-----"), let end = lines.firstIndex(of: "-----END \(label)-----"), begin < end
        else { return nil }
        return Data(base64Encoded: lines[(begin + 1)..<end].joined())
    }
}

/// Why a key or a signature cannot be used.
public enum PackageSignatureError: Error, Sendable, Equatable {
    /// The file is not an Ed25519 key in PEM.
    case notAKey
}

/// A private key ready to sign manifests.
public struct PackageSigner: Sendable {
    let key: Curve25519.Signing.PrivateKey

    /// - Throws: ``PackageSignatureError/notAKey`` for anything but an Ed25519 private key in PEM.
    public init(pem: String) throws(PackageSignatureError) {
        key = try PackageSignature.privateKey(pem: pem)
    }

    /// The fingerprint of the public key that checks this key's signatures.
    public var fingerprint: String { PackageSignature.fingerprint(key.publicKey) }

    public func sign(_ manifest: Data) throws -> Data {
        try PackageSignature.sign(manifest, with: key)
    }
}

/// A public key ready to check manifests' signatures.
public struct PackageVerifier: Sendable {
    let key: Curve25519.Signing.PublicKey

    /// - Throws: ``PackageSignatureError/notAKey`` for anything but an Ed25519 public key in PEM.
    public init(pem: String) throws(PackageSignatureError) {
        key = try PackageSignature.publicKey(pem: pem)
    }

    public var fingerprint: String { PackageSignature.fingerprint(key) }

    public func verify(_ manifest: Data, signature: Data) -> Bool {
        PackageSignature.verify(manifest, signature: signature, with: key)
    }
}
