import Foundation
import LinearProgramming
import Synchronization

/// A piece of a solve run on a thread of its own (``SolveRace/startThread(_:)``), with
/// the scaffolding every such piece needs in one place: a cancellation token of its own
/// (a child of the solve's, so a stopped solve stops it too), its result behind a lock,
/// the solver's thread state released on the thread that used it (GLPK creates, uses and
/// frees each problem on one thread), and a latch to wait for the end.
///
/// ``RelaxationRace``, ``PatternRINSRace``, ``StageLPAhead`` and
/// ``Solver/race(_:options:step:reporting:proves:)`` are built on it; each adds only what
/// its own piece does and how the solve takes its result.
///
/// The body must not throw away the token it is given: it is how ``stop()`` and a
/// cancelled solve reach the work.
final class SecondThread<Value: Sendable>: Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let outcome = Mutex<Value?>(nil)
    /// The piece's own token, a child of the one it was started under.
    let token: CancellationToken

    /// Starts `body` on a thread of its own with a new child of `parent` as its token.
    /// When `body` returns, its value is stored, `solver`'s state on that thread is
    /// released (``Solver/releaseThreadState()``), and only then is the end signalled:
    /// a caller that has waited (``join()``) may free what the thread used.
    init(parent: CancellationToken?, releasing solver: any Solver,
         _ body: @escaping @Sendable (CancellationToken) -> Value) {
        let token = CancellationToken(parent: parent)
        self.token = token
        SolveRace.startThread { [self] in
            let value = body(token)
            outcome.withLock { $0 = value }
            solver.releaseThreadState()
            finished.signal()
        }
    }

    /// Asks the piece to stop, without waiting for it (it looks at its token when it can:
    /// GLPK's simplex between chunks of iterations).
    func stop() { token.cancel() }

    /// The piece's value if it has already finished, without waiting.
    var finishedValue: Value? { outcome.withLock { $0 } }

    /// Waits for the piece to finish and returns its value. Any number of calls, from any
    /// thread: the end is a latch (the semaphore is passed on).
    func join() -> Value {
        finished.wait()
        finished.signal()
        guard let value = outcome.withLock({ $0 }) else {
            preconditionFailure("a finished thread always stores its value before it signals")
        }
        return value
    }
}
