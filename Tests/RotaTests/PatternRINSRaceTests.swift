import GLPK
import LinearProgramming
import Testing
@testable import Rota

/// ``PatternRINSRace``: RINS around the pattern LP on a thread of its own finds what it
/// finds inline, roster for roster (the dives beside it cannot change it), and it reports
/// that it closed the stage exactly when its own test says so, never after a cancelled solve.
@Suite("RINS around the pattern LP beside the dives")
struct PatternRINSRaceTests {
    /// A converged, fractional pattern LP of a seeded problem, its empty roster and its
    /// stage search; `nil` when the seed's LP is integral or inexactly priced.
    private func fractionalCase(seed: UInt64) throws -> (FixAndOptimise, [Double], [Double], LinearExpression, RosterFormulation)? {
        // Min–max fairness splits the pattern LP (as in PatternNeighbourhoodTests).
        let formulation = ScheduleProblems.sharingTheCover(seed: seed, caps: false, fairness: .maxDeviation)
        let objective = formulation.weightedObjective
        let search = ScheduleSearch(formulation: formulation, objectives: [objective], seed: seed)
        guard search.schedules.allSatisfy(\.pricesExactly) else { return nil }
        var columns = try #require(ColumnGeneration(search: search))
        let empty = formulation.complete([Double](repeating: 0, count: formulation.model.variableCount))
        columns.add(schedulesOf: empty)
        _ = columns.solveRelaxation(solver: GLPKSolver(), until: nil, elapsed: { 0 }, options: RosterSolveOptions(timeLimit: nil))
        guard columns.converged, columns.isFractional else { return nil }
        let neighbourhoods = FixAndOptimise(formulation: formulation, model: formulation.model, objective: objective, solver: GLPKSolver(), seed: seed)
        return (neighbourhoods, columns.relaxationItemValues, empty, objective, formulation)
    }

    @Test func itFindsWhatItFindsInlineAndClosesOnlyByItsOwnTest() throws {
        var cases = 0, improved = 0
        for seed in UInt64(0)..<12 {
            guard let (search, items, empty, objective, formulation) = try fractionalCase(seed: seed) else { continue }
            cases += 1
            let options = RosterSolveOptions(timeLimit: nil)
            let inline = search.patternNeighbourhood(items, current: empty, until: nil, elapsed: { 0 }, options: options, progress: nil)
            let open = PatternRINSRace(search: search, itemValues: items, current: empty, now: 0, deadline: nil, options: options,
                                       target: nil, closes: { _ in false }).join()
            #expect(open.values == inline, "seed \(seed): the same roster on its own thread")
            #expect(!open.closes, "seed \(seed)")
            if let values = open.values {
                improved += 1
                #expect(formulation.model.maximumViolation(values) <= 1e-7, "seed \(seed)")
                #expect(objective.value(at: values) < objective.value(at: empty), "seed \(seed)")
            }
            // A stage already closed: it stops at once and says so.
            let closed = PatternRINSRace(search: search, itemValues: items, current: empty, now: 0, deadline: nil, options: options,
                                         target: nil, closes: { _ in true }).join()
            #expect(closed.closes, "seed \(seed)")
            #expect(closed.values == nil, "seed \(seed): nothing searched once the stage is closed")
        }
        #expect(cases > 0 && improved > 0, "\(cases) fractional cases, \(improved) improved")
    }

    /// A cancelled solve stops it, and it then closes nothing.
    @Test func aCancelledSolveClosesNothing() throws {
        let (search, items, empty, _, _) = try #require(try (UInt64(0)..<12).lazy.compactMap { try fractionalCase(seed: $0) }.first)
        let token = CancellationToken()
        token.cancel()
        let race = PatternRINSRace(search: search, itemValues: items, current: empty, now: 0, deadline: nil,
                                   options: RosterSolveOptions(timeLimit: nil, cancellation: token), target: nil, closes: { _ in true })
        let outcome = race.join()
        #expect(!outcome.closes)
        #expect(outcome.values == nil)
    }
}
