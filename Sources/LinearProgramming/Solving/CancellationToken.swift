import Synchronization

/// A thread-safe flag that asks a running solve to stop.
///
/// Pass one in ``SolveOptions/cancellation``, then call ``cancel()`` from any thread
/// (a signal handler's dispatch source, a UI button, another task). The solver checks it
/// between simplex chunks and at every branch-and-bound callback, and returns the best
/// solution found so far.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Requests cancellation. Idempotent.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// Whether ``cancel()`` has been called.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
