// swift-tools-version:6.1
import PackageDescription

/// Settings shared by every Swift target: Swift 6 language mode plus the upcoming
/// features the model packages (swift-log, Hummingbird) turn on.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "hotich",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hotich", targets: ["hotich"]),
        .library(name: "HoTichModel", targets: ["HoTichModel"]),
        .library(name: "HoTichWorkflow", targets: ["HoTichWorkflow"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // MARK: - C bindings

        /// libxml2 through pkg-config. Only `HoTichXML` may import it (see docs/architecture.md).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),

        /// zlib's CRC-32 through pkg-config, for the zips hotich writes itself.
        .systemLibrary(
            name: "CZlibChecksum",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        /// libpq, PostgreSQL's own C client, through pkg-config. Only `HoTichPostgres` may import it.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),

        // MARK: - Libraries

        /// The administrative-unit catalog of both eras is bundled as data files
        /// (`tools/admin-units/build.py` makes them), read on first use.
        .target(
            name: "HoTichModel",
            resources: [.copy("Resources/AdministrativeUnits")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HoTichXML",
            dependencies: ["CLibXML2"],
            swiftSettings: swiftSettings
        ),
        /// zlib's CRC-32 behind a Swift API; like HoTichXML, no Foundation.
        .target(
            name: "HoTichChecksum",
            dependencies: ["CZlibChecksum"],
            swiftSettings: swiftSettings
        ),
        /// libpq behind a Swift API (connections, parameters, COPY, retried transactions); like
        /// HoTichXML, no Foundation, and no SQL of hotich's own: that is HoTichStore's.
        .target(
            name: "HoTichPostgres",
            dependencies: ["CLibPQ"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HoTichStore",
            dependencies: [
                "HoTichModel",
                "HoTichPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C interface, for the bulk import's statements (BulkKeyingWriter).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HoTichExchange",
            dependencies: [
                "HoTichModel",
                "HoTichXML",
                "HoTichChecksum",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HoTichWorkflow",
            dependencies: [
                "HoTichModel",
                "HoTichStore",
                "HoTichExchange",
                // Only for the XML writer's error type, read by FileSystemFailure; never CLibXML2.
                "HoTichXML",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                // scrypt, for users' passphrases (PassphraseHash).
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HoTichCLI",
            dependencies: [
                "HoTichModel",
                "HoTichExchange",
                "HoTichWorkflow",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "hotich",
            dependencies: ["HoTichCLI"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Benchmarks

        /// Synthetic workspaces and measurements; run through `benchmarks/run`.
        .executableTarget(
            name: "hotich-bench",
            dependencies: [
                "HoTichModel", "HoTichStore", "HoTichExchange", "HoTichWorkflow", "HoTichPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "benchmarks/Sources/hotich-bench",
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests

        .testTarget(
            name: "HoTichModelTests",
            dependencies: ["HoTichModel"],
            // Read through #filePath (legacy-letters.tsv, made by tools/legacy-encodings/make-vectors.py).
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HoTichXMLTests",
            dependencies: ["HoTichXML"],
            swiftSettings: swiftSettings
        ),
        /// Files the reader and import tests write from raw parts (workbooks, zips).
        .target(
            name: "HoTichTestSupport",
            dependencies: ["CZlibChecksum", "HoTichPostgres", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/HoTichTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HoTichStoreTests",
            dependencies: [
                "HoTichModel", "HoTichStore", "HoTichPostgres", "HoTichTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HoTichExchangeTests",
            dependencies: [
                // The workflow only for its sample scans, keyings and schema examples (Samples/).
                "HoTichModel", "HoTichExchange", "HoTichWorkflow", "HoTichTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HoTichWorkflowTests",
            dependencies: [
                "HoTichModel", "HoTichStore", "HoTichExchange", "HoTichWorkflow", "HoTichTestSupport", "HoTichPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HoTichCLITests",
            dependencies: [
                "hotich", "HoTichCLI", "HoTichModel", "HoTichStore", "HoTichWorkflow", "HoTichExchange", "HoTichTestSupport", "HoTichPostgres",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
