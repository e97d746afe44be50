public import Foundation
import HoTichExchange
public import HoTichModel

/// Key files: made by `hotich keys generate`, read for `export --sign` and `validate --key`.
public enum KeyFile {
    /// A key file's text: a regular file of at most 4 KiB (a PEM key is a few hundred bytes).
    static func read(_ url: URL) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              attributes[.type] as? FileAttributeType == .typeRegular, (attributes[.size] as? Int ?? .max) <= 4_096
        else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }

    /// Makes an Ed25519 key pair: `PREFIX.key` (private, 0600) and `PREFIX.pub` (public), never
    /// over an existing file. - Returns: the public key's fingerprint.
    public static func generate(prefix: URL) throws -> (privateKey: URL, publicKey: URL, fingerprint: String) {
        let privateURL = URL(fileURLWithPath: prefix.path + ".key")
        let publicURL = URL(fileURLWithPath: prefix.path + ".pub")
        for url in [privateURL, publicURL] where FileManager.default.fileExists(atPath: url.path) {
            throw HoTichError(.signature(.keyFileExists(path: url.path)))
        }
        let (privatePEM, publicPEM) = PackageSignature.generate()
        guard FileManager.default.createFile(atPath: privateURL.path, contents: Data(privatePEM.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw HoTichError(.fileSystemFailure(path: privateURL.path, problem: .notFound))
        }
        guard FileManager.default.createFile(atPath: publicURL.path, contents: Data(publicPEM.utf8), attributes: [.posixPermissions: 0o644]) else {
            try? FileManager.default.removeItem(at: privateURL)
            throw HoTichError(.fileSystemFailure(path: publicURL.path, problem: .notFound))
        }
        let fingerprint = try PackageVerifier(pem: publicPEM).fingerprint
        return (privateURL, publicURL, fingerprint)
    }

    /// Checks a package folder's signature against the public key in `key`.
    public static func verifyPackage(_ folder: URL, key: URL) throws -> SignatureMessage {
        guard let text = read(key), let verifier = try? PackageVerifier(pem: text) else {
            throw HoTichError(.signature(.keyUnreadable(path: key.path)))
        }
        let manifestURL = folder.appendingPathComponent(PackageManifest.fileName)
        guard let manifest = try? Data(contentsOf: manifestURL),
              let signature = try? Data(contentsOf: folder.appendingPathComponent(PackageSignature.fileName)),
              let named = PackageManifest.signingKey(in: manifest)
        else { return .missing }
        guard named == verifier.fingerprint else { return .otherKey(expected: verifier.fingerprint, named: named) }
        return verifier.verify(manifest, signature: signature) ? .valid(fingerprint: named) : .invalid
    }
}
