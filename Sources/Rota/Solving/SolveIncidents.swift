import LinearProgramming
import Synchronization

/// What went wrong inside a solve's heuristics without stopping it: a step whose model the
/// solver refused (a bug in the heuristic that built it, never the user's input). The step
/// is skipped, the search goes on with the best roster so far, and every incident is
/// reported in ``RosterStatistics/incidents`` (and `roster.json`) and logged, instead of
/// being swallowed or ending the process.
final class SolveIncidents: Sendable {
    private let entries = Mutex<[String]>([])

    func record(_ text: String) { entries.withLock { $0.append(text) } }

    var all: [String] { entries.withLock { $0 } }
}

extension Solver {
    /// Solves one heuristic step's model. An error is recorded under `step` in the solve's
    /// incidents and logged, and `nil` comes back so the caller skips the step.
    func solveStep(_ model: Model, options: SolveOptions, step: String, reporting: RosterSolveOptions) -> SolveResult? {
        do {
            return try solve(model, options: options)
        } catch {
            reporting.incidents?.record("\(step): \(error)")
            reporting.logger?.error("\(step): the solver refused the step's model: \(error)")
            return nil
        }
    }
}
