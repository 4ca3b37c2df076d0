import Foundation
import LinearProgramming
import Synchronization

/// The LP-guided start's LP (``FixAndOptimise/stageLP(until:elapsed:options:)``), solved
/// ahead on a second core while the first builds the first roster, for a large model with
/// one stage (the weighted objective).
///
/// The LP does not depend on any roster, only on the stage's objective, which a solve of
/// one stage knows from the start. On `rota generate` XL the schedule sweep that builds
/// the first roster takes 0.3 s and the LP 0.7 s: solved after the sweep, the LP-guided
/// start closes the stage at 1.5 s; solved beside it, sooner. The LP-guided start (in
/// ``RelaxationRace``, or later in the stage) takes it from here, waiting for it if it is
/// still running; a stage that will not need it stops it (``stop()``), and the solve
/// waits for its thread before it returns (``finish()``).
///
/// Deterministic: the LP is the same whenever it is solved, and whoever takes it waits
/// for it rather than solving another.
final class StageLPAhead: Sendable {
    private let thread: SecondThread<SolveResult?>
    /// When the LP started, by the solve's stopwatch.
    let startedAt: Double

    /// Starts solving the LP of `model` under `objective` on a thread of its own, until
    /// `deadline`.
    init(model: Model, objective: LinearExpression, solver: any Solver, deadline: Double?,
         stopwatch: Stopwatch, options: RosterSolveOptions) {
        startedAt = stopwatch.elapsed
        thread = SecondThread(parent: options.cancellation, releasing: solver) { token in
            var stageModel = model
            stageModel.setObjective(objective, sense: .minimize)
            return FixAndOptimise.stageLP(of: stageModel, solver: solver, until: deadline, elapsed: { stopwatch.elapsed },
                                          options: options.onSecondThread(token))
        }
    }

    /// The LP's result (`nil` when it was refused), once it is solved: waits for it.
    /// Any number of calls, from any thread.
    func result() -> SolveResult? { thread.join() }

    /// Asks the LP to stop, without waiting for it: GLPK's simplex looks at the token
    /// between chunks of iterations, which on a month's LP can take most of a second,
    /// and the caller (column generation, about to start) should not wait that long.
    func stop() { thread.stop() }

    /// Stops the LP if it is still running and waits for its thread: the solve returns
    /// only when every thread it started has ended.
    func finish() {
        stop()
        _ = result()
    }
}
