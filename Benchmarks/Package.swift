// swift-tools-version: 6.1
//
// Rota's benchmark suite (ordo-one/benchmark). A package of its own, so the library never
// depends on the benchmark harness. Run from this directory:
//
//   swift package benchmark                          # S, M, L and the mentor matching
//   ROTA_BENCH_XL=1 swift package benchmark          # adds XL and the household matching
//
// See "Benchmarks" in the README for reading the output.
import PackageDescription

let package = Package(
    name: "RotaBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Rota", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "RotaSuite",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Rota", package: "Rota"),
                .product(name: "RotaIO", package: "Rota"),
                .product(name: "Matching", package: "Rota"),
                .product(name: "LinearProgramming", package: "Rota"),
                .product(name: "GLPK", package: "Rota"),
                .product(name: "RotaGLPK", package: "Rota"),
            ],
            path: "Benchmarks/RotaSuite",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
