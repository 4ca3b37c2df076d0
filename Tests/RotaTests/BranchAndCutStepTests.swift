import GLPK
import LinearProgramming
import Testing
@testable import Rota

/// Branch-and-cut run for its bound after column generation on a small model searches
/// presolved, without the incumbent as a start: its bound must still be a bound, and what
/// it returns a roster no worse than the incumbent.
@Suite("Branch-and-cut presolved for its bound")
struct PresolvedBranchAndCutTests {
    @Test(arguments: UInt64(0)..<8)
    func itsBoundIsValidAndItsRosterNoWorse(seed: UInt64) throws {
        let formulation = ScheduleProblems.sharingTheCover(seed: seed, caps: true)
        let objective = formulation.weightedObjective
        var model = formulation.model
        model.setObjective(objective, sense: .minimize)
        let optimum = try ScheduleProblems.weightedOptimum(formulation)
        let empty = formulation.complete([Double](repeating: 0, count: model.variableCount))
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
