public import Foundation
public import HoTichExchange
public import HoTichModel

/// Key files: made by `hotich keys generate`, read for `export --sign` and `validate --key`.
public enum KeyFile {
    /// A small file's bytes (a key, a signature): a regular file, links followed, of at most 4 KiB.
    static func readSmall(_ url: URL) -> Data? {
        let resolved = url.resolvingSymlinksInPath()
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved.path),
              attributes[.type] as? FileAttributeType == .typeRegular, (attributes[.size] as? Int ?? .max) <= 4_096
        else { return nil }
        return try? Data(contentsOf: resolved)
    }

    /// A key file's text (PEM).
    static func read(_ url: URL) -> String? {
        readSmall(url).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes a new file that is its owner's from the moment it exists (created 0600 by `open`,
    /// never made first and narrowed after), and never over another file or a link.
    static func writeOwnerOnly(_ data: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST || errno == ELOOP { throw HoTichError(.signature(.keyFileExists(path: url.path))) }
            throw HoTichError(.fileSystemFailure(path: url.path, problem: errno == EACCES ? .noPermission : errno == ENOENT ? .notFound : .other))
        }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count, fsync(descriptor) == 0 else {
            throw HoTichError(.fileSystemFailure(path: url.path, problem: errno == ENOSPC ? .diskFull : .other))
        }
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
        try writeOwnerOnly(Data(privatePEM.utf8), to: privateURL)
        do {
            // The public key is for sending: readable by others, written like the private one.
            try writeOwnerOnly(Data(publicPEM.utf8), to: publicURL)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: publicURL.path)
        } catch {
            try? FileManager.default.removeItem(at: privateURL)
            throw error
        }
        let fingerprint = try PackageVerifier(pem: publicPEM).fingerprint
        return (privateURL, publicURL, fingerprint)
    }

    /// Reads a public key for checking packages.
    public static func verifier(_ key: URL) throws -> PackageVerifier {
        guard let text = read(key), let verifier = try? PackageVerifier(pem: text) else {
            throw HoTichError(.signature(.keyUnreadable(path: key.path)))
        }
        return verifier
    }

    /// Checks a package folder's signature against the public key in `key`, and that the folder
    /// holds nothing the signed manifest does not list (a file added beside signed ones is not
    /// theirs). The files' sizes and hashes are the manifest's own check (`hotich validate`).
    public static func verifyPackage(_ folder: URL, key: URL) throws -> SignatureMessage {
        try verifyPackage(folder, with: verifier(key))
    }

    public static func verifyPackage(_ folder: URL, with verifier: PackageVerifier) -> SignatureMessage {
        let manifestURL = folder.appendingPathComponent(PackageManifest.fileName)
        guard let manifest = try? Data(contentsOf: manifestURL),
              let signature = readSmall(folder.appendingPathComponent(PackageSignature.fileName)),
              let named = PackageManifest.signingKey(in: manifest)
        else { return .missing }
        guard named == verifier.fingerprint else { return .otherKey(expected: verifier.fingerprint, named: named) }
        guard verifier.verify(manifest, signature: signature) else { return .invalid }
        let listed = Set(PackageManifest.paths(in: manifest) + [PackageManifest.fileName, PackageSignature.fileName])
        let present = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let unlisted = present.filter { !listed.contains($0) }
        guard unlisted.isEmpty else { return .unlisted(count: unlisted.count) }
        return .valid(fingerprint: named)
    }
}
