import GLPK
import LinearProgramming
import TestSupport
import Testing
@testable import Rota

/// Branch-and-cut run for its bound after column generation on a small model searches
/// presolved, without the incumbent as a start: its bound must still be a bound, and what
/// it returns a roster no worse than the incumbent.
@Suite("Branch-and-cut presolved for its bound")
struct PresolvedBranchAndCutTests {
    @Test(arguments: UInt64(0)..<8)
    func itsBoundIsValidAndItsRosterNoWorse(seed: UInt64) throws {
        let (formulation, objective, optimum, empty) = try ScheduleProblems.weightedCase(seed: seed)
        var model = formulation.model
        model.setObjective(objective, sense: .minimize)
        for presolved in [false, true] {
            var step = BranchAndCutStep(solver: GLPKSolver(), formulation: formulation, model: model, objective: objective, label: "test")
            step.presolved = presolved
            let found = step.run(from: empty, StepBudget(deadline: nil, elapsed: { 0 }, options: RosterSolveOptions(timeLimit: nil)))
            let bound = try #require(found.bound, "seed \(seed), presolved \(presolved)")
            let tolerance = 1e-6 * max(1, abs(optimum))
            #expect(bound <= optimum + tolerance, "seed \(seed), presolved \(presolved): bound \(bound) above the optimum \(optimum)")
            #expect(bound >= optimum - tolerance, "seed \(seed), presolved \(presolved): a finished search proves the optimum, not \(bound)")
            let roster = try #require(found.values)
            #expect(model.maximumViolation(roster) <= 1e-7)
            #expect(abs(objective.value(at: roster) - optimum) <= tolerance)
        }
    }
}

/// Two solves raced on one model: the first to prove stops the other.
@Suite("Racing two solves")
struct SolveRaceTests {
    /// A market-split problem (``HardInstances``: an LP bound of 0 deep into the tree),
    /// solved twice: once for half a second, whose roster counts as a proof here, and
    /// once exactly, which would run for many seconds. Raced, the exact one is cancelled
    /// as soon as the other returns. Fails if the first proof does not stop the other (it
    /// would run to its 30 s limit).
    @Test func theFirstProofStopsTheOther() throws {
        let model = HardInstances.marketSplit()
        var quick = SolveOptions(warmStart: HardInstances.trivialStart(model))
        quick.timeLimit = 0.5
        var exact = SolveOptions(relativeGap: 0)
        exact.timeLimit = 30
        let clock = ContinuousClock.now
        let results = GLPKSolver().race(model, options: [quick, exact], step: "test", reporting: RosterSolveOptions(timeLimit: nil)) {
            $0.status.hasSolution
        }
        #expect(clock.duration(to: .now) < .seconds(20))
        #expect(results[0]?.termination == .timeLimit)
        #expect(results[1]?.termination == .cancelled)
    }

    /// Raced with a parent token already cancelled, neither solve searches.
    @Test func theCallersTokenStopsBoth() throws {
        let model = HardInstances.marketSplit()
        let caller = CancellationToken()
        caller.cancel()
        var exact = SolveOptions(relativeGap: 0, cancellation: caller)
        exact.timeLimit = 30
        let results = GLPKSolver().race(model, options: [exact, exact], step: "test", reporting: RosterSolveOptions(timeLimit: nil)) { _ in false }
        #expect(results.allSatisfy { $0?.status == .cancelled })
    }
}
