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
}

extension Solver {
    public func solve(_ model: Model) throws(ModelValidationError) -> SolveResult {
        try solve(model, options: SolveOptions())
    }

    public func solve(_ model: Model, options: SolveOptions) async throws(ModelValidationError) -> SolveResult {
        try await runOnDedicatedThread(options: options) { options throws(ModelValidationError) in
            try self.solve(model, options: options)
        }
    }
}

/// Runs a blocking solve on a new thread, so that long native work never occupies the
/// Swift concurrency pool, and links the task's cancellation to the options' token.
///
/// `body` receives the options with a ``CancellationToken`` that is cancelled when the
/// calling task is. Backends use this to implement the async ``Solver/solve(_:options:)``.
public func runOnDedicatedThread(
    options: SolveOptions,
    _ body: @escaping @Sendable (SolveOptions) throws(ModelValidationError) -> SolveResult
) async throws(ModelValidationError) -> SolveResult {
    var options = options
    let token = options.cancellation ?? CancellationToken()
    options.cancellation = token
    let prepared = options
    let outcome: Result<SolveResult, ModelValidationError> = await withTaskCancellationHandler {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                let result: Result<SolveResult, ModelValidationError>
                do throws(ModelValidationError) {
                    result = .success(try body(prepared))
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
