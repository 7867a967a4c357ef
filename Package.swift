// swift-tools-version:6.0
// The ledger: an event-sourced, tamper-evident ledger for annual operating plans.
// Swift 6.0 or later (the standard library's Int128). No package dependencies: the
// toolchain's Foundation and XCTest, and our own C targets.
import PackageDescription

let package = Package(
    name: "ledger",
    products: [
        .executable(name: "ledger", targets: ["ledger"]),
        .executable(name: "ledger-bench", targets: ["ledger-bench"]),
        // Reliability campaigns (RELIABILITY.md): drives the built `ledger` binary.
        .executable(name: "ledger-campaign", targets: ["ledger-campaign"]),
    ],
    targets: [
        // SHA-256 with the CPU's SHA instructions (x86-64 SHA-NI), chosen at run time.
        .target(name: "CSHA256"),
        // SHA-512 and Ed25519 (RFC 8032) for the ledger's SSH signatures. Optimised in
        // debug builds too, so the test suite does not crawl through elliptic curves.
        .target(name: "CEd25519", exclude: ["README.md"],
                cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]),
        // Pure: SHA-512, Ed25519, OpenSSH public keys and SSHSIG signatures. No I/O, no clock.
        .target(name: "LedgerCrypto", dependencies: ["CEd25519", "CSHA256"], exclude: ["README.md"]),
        // The edge of signing: ssh-agent, ssh-keygen, key-file checks (I/O).
        // ssh-keygen runs as a child through LedgerToolSupport's PipedProcess.
        .target(name: "LedgerSigning", dependencies: ["LedgerCrypto", "LedgerToolSupport"], exclude: ["README.md"]),
        // Pure core: events, figures, decide/evolve, projections. No I/O, no clock.
        // Its hashes (the one SHA-256) and the signature checks verify replays come from LedgerCrypto.
        .target(name: "LedgerCore", dependencies: ["LedgerCrypto"], exclude: ["README.md"]),
        // The edge: journal file, lock, fsync, checkpoints, snapshot files.
        .target(name: "LedgerStore", dependencies: ["LedgerCore", "LedgerCrypto"], exclude: ["README.md"]),
        // Pure renderers: projection -> text, JSON, CSV, HTML.
        .target(name: "LedgerReports", dependencies: ["LedgerCore", "LedgerWorkbook"], exclude: ["README.md"]),
        // Pure importers: a spreadsheet's text in, commands and findings out.
        .target(name: "LedgerImport", dependencies: ["LedgerCore", "LedgerWorkbook"], exclude: ["README.md"]),
        // Pure workbooks: .xlsx written and read with our own ZIP, CRC-32, DEFLATE and XML.
        .target(name: "LedgerWorkbook", exclude: ["README.md"]),
        // The use cases (append, reports, snapshot, verify, import, ...) and the one loader
        // that owns the read strategy; wires the store, the renderers and the importers.
        .target(name: "LedgerApp", dependencies: ["LedgerCore", "LedgerStore", "LedgerReports", "LedgerImport", "LedgerCrypto", "LedgerSigning"], exclude: ["README.md", "Catalogue/README.md"]),
        // Argument parsing declared once per command, the CLI's words, exit codes.
        .target(name: "LedgerCLI", dependencies: ["LedgerCore", "LedgerReports", "LedgerApp"], exclude: ["README.md"]),
        // Linked with the Swift runtime statically: the installed binary starts as fast as it can
        // (dynamic linking costs about a quarter of a small command; BENCHMARKS.md).
        .executableTarget(name: "ledger", dependencies: ["LedgerCLI"], linkerSettings: [.unsafeFlags(["-static-stdlib"])]),
        // What the benchmark and the campaigns share: the seeded generator, child
        // processes, the POSIX file layer and the small argument parser. Ours: nothing.
        .target(name: "LedgerToolSupport", exclude: ["README.md"]),
        // The benchmark: a generator of synthetic ledgers through the real append
        // path, and whole-process measurements against SQLite and the machine's floors.
        .target(name: "LedgerBench", dependencies: ["LedgerCore", "LedgerCrypto", "LedgerStore", "LedgerToolSupport"], exclude: ["README.md"]),
        .executableTarget(name: "ledger-bench", dependencies: ["LedgerBench"]),
        // Crash, concurrency, tamper, bad-input and resource-fault campaigns against the
        // built `ledger` binary, run as child processes (RELIABILITY.md).
        .target(name: "LedgerCampaign", dependencies: ["LedgerCore", "LedgerToolSupport"], exclude: ["README.md"]),
        .executableTarget(name: "ledger-campaign", dependencies: ["LedgerCampaign", "LedgerToolSupport"]),
        .testTarget(name: "LedgerCoreTests", dependencies: ["LedgerCore", "LedgerToolSupport", "LedgerCrypto"]),
        .testTarget(name: "LedgerAppTests", dependencies: ["LedgerApp", "LedgerCore", "LedgerReports", "LedgerStore", "LedgerCrypto", "LedgerSigning"]),
        .testTarget(name: "LedgerStoreTests", dependencies: ["LedgerStore", "LedgerCore", "LedgerToolSupport"]),
        // The renderers on hand-built views: text tables, CSV, JSON and each report's text.
        .testTarget(name: "LedgerReportsTests", dependencies: ["LedgerReports", "LedgerCore", "LedgerWorkbook"]),
        .testTarget(name: "LedgerCLITests", dependencies: ["LedgerCLI", "LedgerCore", "LedgerWorkbook", "LedgerCampaign", "LedgerCrypto"], exclude: ["Golden"]),
        .testTarget(name: "LedgerImportTests", dependencies: ["LedgerImport", "LedgerCore", "LedgerCLI", "LedgerWorkbook"], exclude: ["Seeds", "Workbooks"]),
        .testTarget(name: "LedgerWorkbookTests", dependencies: ["LedgerWorkbook"], exclude: ["Fixtures"]),
        .testTarget(name: "LedgerBenchTests", dependencies: ["LedgerBench", "LedgerCore", "LedgerStore", "LedgerCrypto"]),
        // Bounded versions of the six campaigns; they need the `ledger` binary built beside them.
        .testTarget(name: "LedgerCampaignTests", dependencies: ["LedgerCampaign"]),
        .testTarget(name: "LedgerToolSupportTests", dependencies: ["LedgerToolSupport"]),
        // RFC 8032 and FIPS 180-4 vectors, python3's hashlib, and OpenSSH's own tools.
        .testTarget(name: "LedgerCryptoTests", dependencies: ["LedgerCrypto", "LedgerSigning", "CEd25519", "LedgerToolSupport"], exclude: ["README.md"]),
    ],
    // The code needs Swift 6's standard library (Int128); it is written in the Swift 5 language mode.
    swiftLanguageModes: [.v5]
)
