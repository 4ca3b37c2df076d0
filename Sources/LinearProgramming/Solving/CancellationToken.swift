import Synchronization

/// A thread-safe flag that asks a running solve to stop.
///
/// Pass one in ``SolveOptions/cancellation``, then call ``cancel()`` from any thread
/// (a signal handler's dispatch source, a UI button, another task). The solver checks it
/// between simplex chunks and at every branch-and-bound callback, and returns the best
/// solution found so far.
///
/// A token made with a `parent` is cancelled when the parent is, and can also be cancelled
/// on its own without touching the parent: two solves racing on one model each get a
/// child of the caller's token, so the first to finish stops the other while the caller
/// can still stop both.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)
    private let parent: CancellationToken?

    /// A token of its own, or one that is also cancelled whenever `parent` is.
    public init(parent: CancellationToken? = nil) { self.parent = parent }

    /// Requests cancellation (of this token and its children, not of its parent). Idempotent.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// Whether ``cancel()`` has been called on this token or on any of its ancestors.
    /// O(depth of the chain).
    public var isCancelled: Bool { flag.load(ordering: .relaxed) || parent?.isCancelled == true }
}
