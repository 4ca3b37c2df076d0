/// Seconds elapsed since it was started, on the monotonic `ContinuousClock`.
///
/// Solvers and heuristics measure their time limits with it; one place converts a
/// `Duration` to seconds.
public struct Stopwatch: Sendable {
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    public init() { start = clock.now }

    /// Seconds since ``init()``.
    public var elapsed: Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
