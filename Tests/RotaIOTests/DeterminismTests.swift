import RotaGLPK
import Foundation
import LinearProgramming
import Matching
import Testing
import Rota
@testable import RotaIO

/// The domain is safe to use from many tasks at once, and the same input gives the same
/// output: concurrent solves equal sequential ones, and the command line writes the same
/// bytes twice.
@Suite("Concurrency and determinism", .serialized)
struct DeterminismTests {
    /// How many solves run at once.
    static let concurrentSolves = 8

    @Test func concurrentRosterSolvesEqualTheSequentialOne() async throws {
        let problem = try ScenarioLoader.load(path: Fixtures.path("mutation/base.yaml")).problem
        let options = RosterSolveOptions(timeLimit: 30, relativeGap: 0)
        let sequential = try await Task.detached { try RosterSolver().solve(problem, options: options) as Roster }.value
        #expect(sequential.statistics.provenOptimal)
        let rosters = try await withThrowingTaskGroup(of: Roster.self) { group in
            for _ in 0..<Self.concurrentSolves {
                group.addTask { try await RosterSolver().solve(problem, options: options) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(rosters.count == Self.concurrentSolves)
        for roster in rosters {
            #expect(roster.assignments == sequential.assignments)
            #expect(roster.objective.total == sequential.objective.total)
        }
    }

    @Test func concurrentMatcherSolvesEqualTheSequentialOne() async throws {
        let pairing = try PairingLoader.load(path: SchemaTests.repository.appendingPathComponent("Examples/household-visits/pairing.yaml").path)
        let problem = pairing.problem, groups = pairing.reportGroups
        let sequential = try Matcher().solve(problem, reportGroups: groups, options: SolveOptions(timeLimit: 60))
        let results = try await withThrowingTaskGroup(of: MatchingResult.self) { group in
            for _ in 0..<Self.concurrentSolves {
                group.addTask {
                    try await Task.detached { try Matcher().solve(problem, reportGroups: groups, options: SolveOptions(timeLimit: 60)) }.value
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for result in results {
            #expect(result.pairs == sequential.pairs)
            #expect(result.totalScore == sequential.totalScore)
        }
    }

    @Test func theCommandLineWritesIdenticalBytesTwiceWithoutTimings() throws {
        let a = Rota.temporaryDirectory(), b = Rota.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: a)
            try? FileManager.default.removeItem(atPath: b)
        }
        let scenario = Fixtures.path("mutation/base.yaml")
        for out in [a, b] {
            let r = try Rota.run(["solve", scenario, "--no-timings", "--quiet", "--out", out])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let first = AllOrNothingOutputTests.contents(URL(fileURLWithPath: a)), second = AllOrNothingOutputTests.contents(URL(fileURLWithPath: b))
        #expect(!first.isEmpty)
        #expect(first == second, "differing files: \(first.keys.filter { first[$0] != second[$0] }.sorted())")
    }
}
