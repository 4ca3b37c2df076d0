// swift-tools-version: 6.1
//
// Rota: volunteer rosters and matchings as linear and integer programs, solved with GLPK.
// The layering is described in docs/ARCHITECTURE.md; keep the two in step.
import PackageDescription

let package = Package(
    name: "Rota",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
        .library(name: "GLPK", targets: ["GLPK"]),
        .library(name: "Rota", targets: ["Rota"]),
        .library(name: "Matching", targets: ["Matching"]),
        .library(name: "RotaIO", targets: ["RotaIO"]),
        .library(name: "RotaGLPK", targets: ["RotaGLPK"]),
        .executable(name: "rota", targets: ["rota"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.17.0"),
    ],
    targets: [
        // 1. The C library, as the system provides it. No pkg-config: Debian ships no .pc file.
        .systemLibrary(
            name: "CGLPK",
            path: "Sources/CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        // 2. Pure-Swift LP/MIP model, results, the Solver protocol and LP-file export.
        .target(
            name: "LinearProgramming",
            dependencies: [.product(name: "Logging", package: "swift-log")]
        ),
        // 3. The GLPK backend: the only importer of CGLPK.
        .target(
            name: "GLPK",
            dependencies: [
                "CGLPK",
                "LinearProgramming",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // 4. The rostering domain: model, rules, formulation, solve, checker, replanning.
        //    Depends on the Solver protocol only: a program can link it without GLPK.
        .target(
            name: "Rota",
            dependencies: ["LinearProgramming", .product(name: "Logging", package: "swift-log")]
        ),
        // 5. Capacitated bipartite matching: mentors, household visits, case referral.
        .target(
            name: "Matching",
            dependencies: ["LinearProgramming"]
        ),
        // 6. The one place GLPK is wired in as the default solver of Rota and Matching.
        .target(
            name: "RotaGLPK",
            dependencies: ["Rota", "Matching", "GLPK", "LinearProgramming"]
        ),
        // 7. Files: scenarios in, rosters out. Knows nothing of GLPK.
        .target(
            name: "RotaIO",
            dependencies: [
                "Rota",
                "Matching",
                "LinearProgramming",
                .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                // SHA-256 of a batch plan's manifest and inputs, to tell a stale roster.
                .product(name: "Crypto", package: "swift-crypto"),
                // .xlsx volunteer and pairing sheets: the archive, and its XML parts.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ]
        ),
        // 8. The command line: argument parsing and printing only.
        .executableTarget(
            name: "rota",
            dependencies: [
                "Rota",
                "RotaGLPK",
                "Matching",
                "RotaIO",
                "LinearProgramming",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "lp-example",
            dependencies: ["LinearProgramming", "GLPK"],
            path: "Examples/lp-example"
        ),
        .executableTarget(
            name: "hotline-week",
            dependencies: ["Rota", "RotaGLPK"],
            path: "Examples/hotline-week"
        ),
        // Models the test targets share (hard instances for limits and cancellation); tests only.
        .target(name: "TestSupport", dependencies: ["LinearProgramming"], path: "Tests/TestSupport"),
        .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming"]),
        .testTarget(name: "GLPKTests", dependencies: ["GLPK", "LinearProgramming", "TestSupport"]),
        .testTarget(name: "RotaTests", dependencies: ["Rota", "RotaGLPK", "GLPK", "LinearProgramming", "TestSupport"]),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "RotaGLPK", "GLPK", "LinearProgramming"]),
        .testTarget(
            name: "RotaIOTests",
            dependencies: ["RotaIO", "Rota", "RotaGLPK", "LinearProgramming", "GLPK", .product(name: "Yams", package: "Yams"), "rota"],
            exclude: ["Fixtures", "Golden"]
        ),
    ]
)
