import Foundation
import GLPK
import LinearProgramming
import Synchronization
import Testing

@Suite("Concurrent solves")
struct ConcurrencyTests {
    static func models() -> [Model] {
        (0..<8).map { k in
            var rng = SeededGenerator(seed: 500 + UInt64(k))
            var m = Model(name: "multi-knapsack-\(k)", sense: .maximize)
            let x = (0..<30).map { _ in m.addVariable(kind: .binary, objective: Double(Int.random(in: 10...60, using: &rng))) }
            for _ in 0..<3 {
                m.addConstraint(terms: x.map { LinearTerm($0, Double(Int.random(in: 5...40, using: &rng))) }, .lessOrEqual(250))
            }
            return m
        }
    }

    @Test func eightAsyncSolvesMatchSequentialSolves() async throws {
        let solver = GLPKSolver()
        let models = Self.models()
        let sequential = try models.map { try solver.solve($0) }
        let concurrent = try await withThrowingTaskGroup(of: (Int, SolveResult).self) { group in
            for (k, m) in models.enumerated() { group.addTask { (k, try await solver.solve(m, options: SolveOptions())) } }
            var out = [SolveResult?](repeating: nil, count: models.count)
            for try await (k, r) in group { out[k] = r }
            return out.map { $0! }
        }
        for k in models.indices {
            #expect(sequential[k].status == .optimal)
            #expect(concurrent[k].status == sequential[k].status)
            #expect(concurrent[k].objective == sequential[k].objective)
            #expect(concurrent[k].values == sequential[k].values)
        }
    }

    @Test func eightThreadsSolvingSynchronouslyMatchSequentialSolves() throws {
        let solver = GLPKSolver()
        let models = Self.models()
        let sequential = try models.map { try solver.solve($0).objective }
        let results = Mutex<[Double?]>(Array(repeating: nil, count: models.count))
        DispatchQueue.concurrentPerform(iterations: models.count) { k in
            let r = try? solver.solve(models[k])
            results.withLock { $0[k] = r?.objective }
        }
        #expect(results.withLock { $0 } == sequential)
    }
}
