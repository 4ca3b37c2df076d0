internal import CGLPK
import Foundation
import LinearProgramming
import Logging

/// The `Solver` backed by GLPK's simplex and branch-and-cut.
///
/// ## Safety
/// GLPK calls `abort()` on invalid arguments. `GLPKSolver` therefore validates the
/// whole model and its options in Swift first (`Model.validate(options:)`)
/// and passes GLPK only indices, counts and numbers it has checked. Names never reach
/// GLPK, so their length and characters cannot trip it either.
///
/// ## Threads and GLPK's environment
/// GLPK keeps its environment (memory accounting, terminal hooks) in thread-local
/// storage. Every solve creates its `glp_prob`, uses it and deletes it on one thread,
/// inside one synchronous call, on every path (a `defer`), so problems never cross
/// threads.
/// - The synchronous ``solve(_:options:)`` runs on the caller's thread. GLPK's small
///   per-thread environment stays allocated for that thread's later solves; it is never
///   freed from a `deinit`.
/// - The async ``solve(_:options:)`` runs on a thread of its own and calls
///   `glp_free_env` as that thread's last GLPK call, after the problem is deleted, so no
///   environment outlives its thread.
///
/// Terminal output is switched off unless `SolveOptions.logLevel` asks
/// for it; then, with a `SolveOptions.logger`, GLPK's lines are
/// routed to that logger instead of standard output.
public struct GLPKSolver: Solver {
    /// GLPK-specific tuning of the branch-and-cut search.
    public struct Configuration: Sendable, Hashable {
        public enum Branching: Sendable, Hashable {
            case firstFractional, lastFractional, mostFractional, driebeckTomlin, hybridPseudocost
        }
        public enum Backtracking: Sendable, Hashable {
            case depthFirst, breadthFirst, bestLocalBound, bestProjection
        }
        public var branching: Branching = .driebeckTomlin
        public var backtracking: Backtracking = .bestLocalBound
        /// GLPK's feasibility pump heuristic.
        public var feasibilityPump = false
        /// GLPK's proximity search heuristic.
        public var proximitySearch = false
        /// Gomory mixed-integer cuts, for models of at most ``gomoryColumnLimit`` columns.
        public var gomoryCuts = true
        /// GLPK generates Gomory cuts from every fractional row of the optimal tableau in one
        /// uninterruptible pass (no callback, no time-limit check): on a 50,000-column roster
        /// that pass alone ran for over ten minutes. Above this many columns they are off.
        public var gomoryColumnLimit = 20_000
        public var mirCuts = true
        public var coverCuts = true
        public var cliqueCuts = true
        /// Use the dual simplex for LPs (often faster on covering models).
        public var dualSimplex = false
        /// Simplex iterations between two checks for cancellation.
        public var simplexChunk: Int = 2_000

        public init() {}
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public func solve(_ model: Model, options: SolveOptions) throws(ModelValidationError) -> SolveResult {
        try model.validate(options: options)
        return GLPKRun(model: model, options: options, configuration: configuration).run()
    }

    /// Frees GLPK's environment for the current thread (`glp_free_env`). Rota calls this
    /// only as the last GLPK call of a thread it created, after every problem on that
    /// thread has been deleted.
    public func releaseThreadState() {
        glp_free_env()
    }
}
