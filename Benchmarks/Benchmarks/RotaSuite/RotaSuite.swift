import Benchmark
import Foundation
import GLPK
import LinearProgramming
import Matching
import Rota
import RotaGLPK
import RotaIO

// Generated counties (see `rota generate`), each measured for model build time, LP
// relaxation time and time to the target gap, with peak resident memory, plus the
// matching cases. Each scenario is written to a temporary directory once and loaded
// through the same loader the CLI uses.

/// Target gap and time limit per size, from the table.
let targets: [CountyGenerator.Size: (gap: Double, seconds: Double)] = [
    .s: (1e-4, 1), .m: (0.01, 20), .l: (0.02, 120), .xl: (0.10, 900),
]

func load(_ size: CountyGenerator.Size) -> RosterProblem {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rota-bench-\(size.rawValue)-\(getpid())")
    let files = CountyGenerator.files(size: size, seed: 1).filter { !$0.path.contains("/") }
    try! AtomicWriter.write(files.map { ($0.path, Data($0.contents.utf8)) }, into: directory.path)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try! ScenarioLoader.load(path: directory.appendingPathComponent("scenario.yaml").path).problem
}

func matching(_ files: [CountyGenerator.File]) -> LoadedPairing {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rota-bench-pairing-\(getpid())-\(files[0].path.hashValue)")
    try! AtomicWriter.write(files.map { ($0.path, Data($0.contents.utf8)) }, into: directory.path)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try! PairingLoader.load(path: directory.appendingPathComponent(files[0].path).path)
}

let benchmarks: @Sendable () -> Void = {
    let includeXL = ProcessInfo.processInfo.environment["ROTA_BENCH_XL"] != nil
    let sizes: [CountyGenerator.Size] = includeXL ? [.s, .m, .l, .xl] : [.s, .m, .l]
    let metrics: [BenchmarkMetric] = [.wallClock, .peakMemoryResident]

    for size in sizes {
        let name = size.rawValue.uppercased()
        let target = targets[size]!
        let few = Benchmark.Configuration(metrics: metrics, timeUnits: .milliseconds, maxDuration: .seconds(30), maxIterations: size == .s ? 10 : 3)
        let once = Benchmark.Configuration(metrics: metrics, timeUnits: .milliseconds, maxDuration: .seconds(1), maxIterations: 1)

        Benchmark("County \(name): build model", configuration: few) { benchmark, problem in
            for _ in benchmark.scaledIterations { blackHole(RosterFormulation(problem: problem)) }
        } setup: { load(size) }

        Benchmark("County \(name): LP relaxation", configuration: few) { benchmark, model in
            for _ in benchmark.scaledIterations { blackHole(try! GLPKSolver().solve(model, options: SolveOptions())) }
        } setup: {
            let formulation = RosterFormulation(problem: load(size))
            return formulation.weightedModel.relaxed
        }

        Benchmark("County \(name): solve to \(target.gap * 100)% gap", configuration: once) { benchmark, problem in
            for _ in benchmark.scaledIterations {
                let roster = try! RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: target.seconds, relativeGap: target.gap))
                blackHole(roster)
            }
        } setup: { load(size) }
    }

    let once = Benchmark.Configuration(metrics: metrics, timeUnits: .milliseconds, maxDuration: .seconds(1), maxIterations: 1)
    Benchmark("Matching: mentors 3000 x 4500", configuration: once) { benchmark, pairing in
        for _ in benchmark.scaledIterations { blackHole(try! Matcher().solve(pairing.problem)) }
    } setup: { matching(CountyGenerator.mentorPairing(mentors: 3_000, girls: 4_500, townships: 60, seed: 1)) }
    if includeXL {
        Benchmark("Matching: household visits 10000 x 60000", configuration: once) { benchmark, pairing in
            for _ in benchmark.scaledIterations { blackHole(try! Matcher().solve(pairing.problem, options: SolveOptions(timeLimit: 600))) }
        } setup: { matching(CountyGenerator.householdVisits(officials: 10_000, households: 60_000, townships: 60, seed: 1)) }
    }
}
