import Foundation

/// A backend that solves a ``Model``.
///
/// Implementations are `Sendable` values: one solver may serve many solves at once from
/// many tasks, and each solve is independent of the others.
///
/// Three tiers of outcome:
/// - a caller's bug in the model's data (NaN, crossed bounds, an unknown variable) is a
///   thrown ``ModelValidationError`` that lists every problem;
/// - what the solver finds (optimal, infeasible, time limit, cancelled) is a returned
///   ``SolveResult``, never a throw;
/// - a broken invariant inside the backend is a precondition failure.
public protocol Solver: Sendable {
    /// Solves `model` on the calling thread and returns when done.
    ///
    /// Cancellation comes through ``SolveOptions/cancellation``.
    func solve(_ model: Model, options: SolveOptions) throws(ModelValidationError) -> SolveResult

    /// Solves `model` without blocking the caller's task, on a thread of its own, and
    /// stops promptly when the task is cancelled (returning the best solution so far).
    func solve(_ model: Model, options: SolveOptions) async throws(ModelValidationError) -> SolveResult

    /// Frees any thread-local state the backend keeps for the current thread. Rota calls
    /// it as the last act of a thread it created for solving. The default does nothing.
    func releaseThreadState()
}

extension Solver {
    public func solve(_ model: Model) throws(ModelValidationError) -> SolveResult {
        try solve(model, options: SolveOptions())
    }

    public func solve(_ model: Model, options: SolveOptions) async throws(ModelValidationError) -> SolveResult {
        var options = options
        let token = options.cancellation ?? CancellationToken()
        options.cancellation = token
        let prepared = options
        return try await runOnDedicatedThread(cancelling: token) { () throws(ModelValidationError) in
            defer { self.releaseThreadState() }
            return try self.solve(model, options: prepared)
        }
    }

    /// Does nothing; see ``Solver/releaseThreadState()``.
    public func releaseThreadState() {}
}

/// Runs blocking work on a new thread, so that long native work never occupies the Swift
/// concurrency pool, and cancels `token` when the calling task is cancelled.
///
/// The work itself must watch `token` (solvers do, through
/// ``SolveOptions/cancellation``).
public func runOnDedicatedThread<T: Sendable, E: Error>(
    cancelling token: CancellationToken,
    _ body: @escaping @Sendable () throws(E) -> T
) async throws(E) -> T {
    let outcome: Result<T, E> = await withTaskCancellationHandler {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                let result: Result<T, E>
                do throws(E) {
                    result = .success(try body())
                } catch {
                    result = .failure(error)
                }
                continuation.resume(returning: result)
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
    } onCancel: {
        token.cancel()
    }
    return try outcome.get()
}
