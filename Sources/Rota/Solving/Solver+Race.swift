import Foundation
import LinearProgramming
import Synchronization

/// Whether this machine has the cores to race two solves (``Solver/race(_:options:step:reporting:proves:)``)
/// without slowing either: two or more.
enum SolveRace {
    static var isPossible: Bool { ProcessInfo.processInfo.activeProcessorCount >= coresNeeded }
    static let coresNeeded = 2
    /// The stack of a racing solve's own thread (GLPK's branch-and-cut recurses).
    static let threadStackBytes = 16 << 20
    /// Relative round-off under which a raced search's roster counts as no better than
    /// the roster it started from.
    static let tieTolerance = 1e-9

    /// Runs `body` on a `Thread` of its own (never a shared pool's, so that a stop signal's
    /// handler on the global queue is never held up), with ``threadStackBytes`` of stack.
    static func startThread(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.stackSize = threadStackBytes
        thread.start()
    }

    /// Whether `result` holds no roster better than `startValue` (the value, in the raced
    /// model, of the roster the searches started from). A proof that also passes this may
    /// stop the other searches: the roster kept is then the start, whichever search won.
    static func keepsTheStart(_ result: SolveResult, startValue: Double) -> Bool {
        (result.objective ?? -.infinity) >= startValue - tieTolerance * max(1, abs(startValue))
    }
}

extension Solver {
    /// Solves `model` once for each of `variants`, all at once: the first on the calling
    /// thread, each other on a thread of its own (never a shared pool's, so that a long
    /// solve cannot hold up work queued there, such as a stop signal's handler), which
    /// ends with ``Solver/releaseThreadState()``: GLPK creates, uses and frees each problem
    /// on one thread. Each solve gets a child of its variant's cancellation token
    /// (``CancellationToken/init(parent:)``), so the caller can still stop them all; the
    /// first whose result `proves` (what the caller needs: usually a proven optimum) stops
    /// the others, which return what they have. Results come back in the order of
    /// `variants`, `nil` where the solver refused the model (recorded as an incident, as
    /// ``solveStep(_:options:step:reporting:)``).
    ///
    /// Which result proves first depends on the clock, so a caller picks among the
    /// results by what they hold, not by the order they finished in, and lets a result
    /// stop the others only when what it holds is the same whoever wins (a proof that the
    /// start is optimal): same input and seed, same roster.
    func race(_ model: Model, options variants: [SolveOptions], step: String, reporting: RosterSolveOptions,
              proves: @escaping @Sendable (SolveResult) -> Bool) -> [SolveResult?] {
        precondition(!variants.isEmpty, "a race needs at least one solve")
        let tokens = variants.map { CancellationToken(parent: $0.cancellation) }
        @Sendable func run(_ i: Int, token: CancellationToken) -> SolveResult? {
            var options = variants[i]
            options.cancellation = token
            let result = solveStep(model, options: options, step: step, reporting: reporting)
            if let result, result.status.hasSolution, proves(result) {
                for (j, other) in tokens.enumerated() where j != i { other.cancel() }
            }
            return result
        }
        // Each other variant runs on a thread of its own, under a child of its token in
        // `tokens`: the winner cancels that token, and so stops it.
        let others = variants.indices.dropFirst().map { i in
            SecondThread(parent: tokens[i], releasing: self) { token in run(i, token: token) }
        }
        return [run(0, token: tokens[0])] + others.map { $0.join() }
    }
}

extension RosterSolveOptions {
    /// The options of a search on a second thread: `token` (a child of the solve's token) to
    /// stop it, and GLPK's own log off, so that it does not interleave with the first
    /// thread's.
    func onSecondThread(_ token: CancellationToken) -> RosterSolveOptions {
        var o = self
        o.cancellation = token
        o.logLevel = .off
        return o
    }
}
