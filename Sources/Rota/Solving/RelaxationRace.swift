import Foundation
import LinearProgramming
import Synchronization

/// The compact model's LP-guided start (``RelaxationStartStep``: the stage's LP, a bound,
/// and RENS around it, a roster, then a short fix-and-optimise) on a second core while
/// column generation runs on the first, for a large model's last stage.
///
/// Column generation's master LP is one thread of GLPK's simplex; its pricing, the part
/// that uses both cores, takes a few hundredths of a second a round. On a long horizon
/// with many volunteers its rounds are most of the time (`rota generate` XL: 70 rounds,
/// 10 s to within 2 %), while the compact LP, solved once since its conflicts are clique
/// rows (``ConflictCover``), gives nearly the same bound (245.33 against the pattern LP's
/// 245.45) in 2.2 s, and RENS and fix-and-optimise around it a roster within 2 % at
/// 2.7 s. On a month with fairness targets and events (the county family's 306-volunteer
/// month) it is the other way round: the LP takes 5 s and RENS's roster is 25 % worse
/// than column generation's. Neither can be told in advance, so both run, when pricing
/// leaves the second core idle (``TimeShares/relaxationRaceSweepShare``).
///
/// **Who wins, deterministically.** The LP-guided start *closes the stage* when its own
/// roster is within the stage's gap of its own LP bound: that depends on it alone, not on
/// the clock. When it closes the stage it stops column generation, and the stage keeps
/// its roster and its bound (what column generation had reached when it stopped depends
/// on when that was, and is set aside). Otherwise column generation runs to its own end,
/// the stage waits for the LP-guided start, and takes the better roster and the better
/// bound of the two. So a run that no deadline cuts short gives the same roster whichever
/// thread is faster; the cost is the wait when column generation finishes first (the
/// LP and RENS of a model this size, a fraction of what column generation took).
final class RelaxationRace: Sendable {
    /// What the LP-guided start found: a roster (when it improved on the start) and its
    /// LP bound; and whether the two close the stage.
    struct Outcome: Sendable {
        var values: [Double]?
        var bound: Double?
        var closes: Bool
    }

    /// Fix-and-optimise after RENS, in the race, for at most this share of the time the
    /// LP and RENS took.
    static let searchShare = 1.0

    private let thread: SecondThread<Outcome>
    /// Column generation's token, a child of the solve's: the LP-guided start cancels it
    /// when it closes the stage. (The LP-guided start's own token is another child of the
    /// solve's, so a cancelled solve stops both.)
    let columnGenerationToken: CancellationToken

    /// Starts the LP-guided start from `incumbent` on a thread of its own.
    /// - Parameters:
    ///   - lpAhead: the stage's LP, solved ahead (``StageLPAhead``), to take instead of
    ///     solving it again.
    ///   - closes: whether a roster's value and a bound close the stage (the stage's gap).
    init(formulation: RosterFormulation, model: Model, objective: LinearExpression, solver: any Solver, seed: UInt64,
         incumbent: [Double], deadline: Double?, stopwatch: Stopwatch, options: RosterSolveOptions, lpAhead: StageLPAhead? = nil,
         closes: @escaping @Sendable (Double, Double?) -> Bool) {
        let columnGenerationToken = CancellationToken(parent: options.cancellation)
        self.columnGenerationToken = columnGenerationToken
        thread = SecondThread(parent: options.cancellation, releasing: solver) { token in
            let threadOptions = options.onSecondThread(token)
            // A search of its own, without the schedule search (whose state column
            // generation uses on the other thread).
            var step = RelaxationStartStep(search: FixAndOptimise(formulation: formulation, model: model, objective: objective,
                                                                  solver: solver, seed: seed))
            step.search.lpAhead = lpAhead
            // The LP and RENS began when the LP did, if it was solved ahead.
            let began = min(stopwatch.elapsed, lpAhead?.startedAt ?? .infinity)
            var result = step.run(from: incumbent, StepBudget(deadline: deadline, bound: nil, elapsed: { stopwatch.elapsed },
                                                              options: threadOptions, progress: nil))
            if let bound = result.bound, !token.isCancelled, !closes(objective.value(at: result.values ?? incumbent), bound) {
                // RENS's roster is a start: fix-and-optimise around it, for at most as long
                // as the LP and RENS took (a quick LP, a short search), stopping once it
                // closes the stage against the LP's bound.
                let searchEnd = stopwatch.elapsed + (stopwatch.elapsed - began) * Self.searchShare
                var neighbourhoods = NeighbourhoodSearch(search: step.search)
                let improved = neighbourhoods.run(from: result.values ?? incumbent, StepBudget(
                    deadline: deadline.map { min($0, searchEnd) } ?? searchEnd, bound: bound, elapsed: { stopwatch.elapsed },
                    options: threadOptions, progress: nil))
                if let values = improved.values { result.values = values }
            }
            let value = objective.value(at: result.values ?? incumbent)
            let closed = !token.isCancelled && result.bound != nil && closes(value, result.bound)
            if closed { columnGenerationToken.cancel() }
            return Outcome(values: result.values, bound: result.bound, closes: closed)
        }
    }

    /// Waits for the LP-guided start and returns what it found.
    func join() -> Outcome { thread.join() }
}
