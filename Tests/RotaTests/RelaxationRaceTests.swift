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

    /// ``StageLPAhead``: the LP solved ahead is the LP the LP-guided start solves itself,
    /// and the race that takes it finds what it finds without it, roster for roster.
    @Test(arguments: UInt64(0)..<4)
    func theLPSolvedAheadIsTheLPAndChangesNothing(seed: UInt64) throws {
        let (formulation, objective, _, empty) = try ScheduleProblems.weightedCase(seed: seed)
        let options = RosterSolveOptions(timeLimit: nil)
        let search = FixAndOptimise(formulation: formulation, model: formulation.model, objective: objective, solver: GLPKSolver(), seed: seed)
        let own = try #require(search.stageLP(until: nil, elapsed: { 0 }, options: options))
        let ahead = StageLPAhead(model: formulation.model, objective: objective, solver: GLPKSolver(),
                                 deadline: nil, stopwatch: Stopwatch(), options: options)
        let taken = try #require(ahead.result())
        #expect(taken.status == .optimal && own.status == .optimal)
        #expect(taken.values == own.values, "seed \(seed): the same LP point")
        #expect(ahead.result()?.objective == own.objective, "seed \(seed): a second call returns it too")
        func race(_ lp: StageLPAhead?) -> RelaxationRace.Outcome {
            RelaxationRace(formulation: formulation, model: formulation.model, objective: objective, solver: GLPKSolver(), seed: seed,
                           incumbent: empty, deadline: nil, stopwatch: Stopwatch(), options: options, lpAhead: lp,
                           closes: { _, _ in false }).join()
        }
        let with = race(ahead), without = race(nil)
        #expect(with.values == without.values, "seed \(seed): the same roster")
        #expect(with.bound == without.bound, "seed \(seed): the same bound")
        ahead.finish()
    }

    /// An LP solved ahead and stopped (a stage that raced nothing) leaves the LP-guided
    /// start to solve its own: it still bounds the stage.
    @Test func aStoppedLPIsSolvedAgain() throws {
        let (formulation, objective, optimum, empty) = try ScheduleProblems.weightedCase(seed: 2)
        let token = CancellationToken()
        token.cancel()
        let stopped = StageLPAhead(model: formulation.model, objective: objective, solver: GLPKSolver(),
                                   deadline: nil, stopwatch: Stopwatch(), options: RosterSolveOptions(timeLimit: nil, cancellation: token))
        stopped.finish()
        #expect(stopped.result()?.status != .optimal, "a cancelled LP has no optimum")
        var search = FixAndOptimise(formulation: formulation, model: formulation.model, objective: objective, solver: GLPKSolver(), seed: 2)
        search.lpAhead = stopped
        let start = search.relaxationStart(empty, until: nil, elapsed: { 0 }, options: RosterSolveOptions(timeLimit: nil), progress: nil)
        let bound = try #require(start.bound, "the LP-guided start solved the LP itself")
        #expect(bound <= optimum + 1e-6 * max(1, abs(optimum)))
    }
}
