// swift-tools-version: 6.1
//
// libFuzzer targets for Rota's readers: a package of its own, because a fuzz target has no
// `main` (libFuzzer supplies it) and builds only with `-sanitize=fuzzer`. Run them with
// `scripts/fuzz.sh SECONDS` from the repository's root; see docs/fuzzing.md.
import PackageDescription

let targets = ["FuzzScenario", "FuzzVolunteerCSV", "FuzzPairing", "FuzzCurtois", "FuzzRoster", "FuzzChanges", "FuzzManifest", "FuzzPlan"]

let package = Package(
    name: "RotaFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Rota", path: "..")],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "Rota", package: "Rota"),
                .product(name: "RotaIO", package: "Rota"),
                .product(name: "Matching", package: "Rota"),
                .product(name: "RotaGLPK", package: "Rota"),
            ]
        ),
    ] + targets.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                "FuzzSupport",
                .product(name: "Rota", package: "Rota"),
                .product(name: "RotaIO", package: "Rota"),
                .product(name: "Matching", package: "Rota"),
                .product(name: "LinearProgramming", package: "Rota"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    }
)
