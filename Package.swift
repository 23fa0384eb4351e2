// swift-tools-version:6.0
import PackageDescription

// One module per concern (see README "Architecture"). No package dependencies:
// SQLite comes in through the CSQLite system library target.
// Linux only: file, process and signal handling call Glibc directly, and no other
// platform is built or tested, so none is declared.
let package = Package(
    name: "energobill",
    products: [
        .executable(name: "energobill", targets: ["energobill"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "BillingCore"),
        .target(name: "BillingInput", dependencies: ["BillingCore"]),
        .target(name: "BillingStore", dependencies: ["CSQLite", "BillingCore"]),
        .target(name: "BillingRender", dependencies: ["BillingCore"]),
        .target(
            name: "BillingPipeline",
            dependencies: ["BillingCore", "BillingInput", "BillingStore", "BillingRender"]
        ),
        .target(name: "BillingGenerator", dependencies: ["BillingCore", "BillingInput"]),
        .executableTarget(
            name: "energobill",
            dependencies: ["BillingCore", "BillingInput", "BillingStore", "BillingPipeline", "BillingGenerator"]
        ),
        .testTarget(name: "BillingCoreTests", dependencies: ["BillingCore"]),
        .testTarget(name: "BillingInputTests", dependencies: ["BillingInput"]),
        .testTarget(name: "BillingStoreTests", dependencies: ["BillingStore"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "BillingRenderTests", dependencies: ["BillingRender", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "BillingPipelineTests", dependencies: ["BillingPipeline"]),
        .testTarget(name: "BillingGeneratorTests", dependencies: ["BillingGenerator", "BillingCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["BillingCore", "TestSupport"], exclude: ["Golden", "Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
