import GLPK
import LinearProgramming
import Testing
@testable import Rota

/// ``RelaxationRace``: the LP-guided start on a thread of its own. Its bound is a bound,
/// its roster a roster no worse than the start, and it stops column generation (cancels
/// its token) exactly when it closes the stage by itself, never otherwise.
@Suite("The LP-guided start racing column generation")
struct RelaxationRaceTests {
    @Test(arguments: UInt64(0)..<6)
    func itStopsColumnGenerationOnlyWhenItClosesTheStage(seed: UInt64) throws {
        let (formulation, objective, optimum, empty) = try ScheduleProblems.weightedCase(seed: seed)
        for closes in [false, true] {
            let race = RelaxationRace(formulation: formulation, model: formulation.model, objective: objective, solver: GLPKSolver(),
                                      seed: seed, incumbent: empty, deadline: nil, stopwatch: Stopwatch(),
                                      options: RosterSolveOptions(timeLimit: nil), closes: { _, _ in closes })
            let outcome = race.join()
            let bound = try #require(outcome.bound, "seed \(seed): the LP bounds the stage")
            #expect(bound <= optimum + 1e-6 * max(1, abs(optimum)), "seed \(seed): bound \(bound) above the optimum \(optimum)")
            if let values = outcome.values {
                #expect(formulation.model.maximumViolation(values) <= 1e-7)
                #expect(objective.value(at: values) <= objective.value(at: empty) + 1e-9)
            }
            #expect(outcome.closes == closes, "seed \(seed): the stage closes when its test says so")
            #expect(race.columnGenerationToken.isCancelled == outcome.closes, "seed \(seed): column generation stopped iff the stage closed")
        }
    }

    /// A cancelled solve stops the LP-guided start too, and it then closes nothing.
    @Test func aCancelledSolveClosesNothing() throws {
        let formulation = ScheduleProblems.sharingTheCover(seed: 1, caps: true)
        let token = CancellationToken()
        token.cancel()
        let empty = formulation.complete([Double](repeating: 0, count: formulation.model.variableCount))
        let race = RelaxationRace(formulation: formulation, model: formulation.model, objective: formulation.weightedObjective,
                                  solver: GLPKSolver(), seed: 1, incumbent: empty, deadline: nil, stopwatch: Stopwatch(),
                                  options: RosterSolveOptions(timeLimit: nil, cancellation: token), closes: { _, _ in true })
        #expect(!race.join().closes)
    }
}
