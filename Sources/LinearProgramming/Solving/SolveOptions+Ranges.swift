extension SolveOptions {
    /// The longest time limit any layer accepts, in seconds (about 11.6 days): the library's
    /// roster and matching solves and every command's `--time-limit`.
    public static let maximumTimeLimit = 1_000_000.0

    /// Why `seconds` is not a time limit (not a number from 0 to ``maximumTimeLimit``), or
    /// `nil`. The one range check the solve options of every layer share.
    package static func timeLimitIssue(_ seconds: Double) -> String? {
        seconds >= 0 && seconds <= maximumTimeLimit
            ? nil : "must be a number of seconds from 0 to \(Int(maximumTimeLimit)), not \(seconds)"
    }

    /// Why `gap` is not a relative gap (a fraction from 0 to 1), or `nil`.
    package static func relativeGapIssue(_ gap: Double) -> String? {
        gap >= 0 && gap <= 1 ? nil : "must be a fraction from 0 to 1, not \(gap)"
    }
}

/// A limit as people write it, the same in every locale: `1000000`, not `1e+06` or
/// `1,000,000`. For the range messages of the domains' validation.
package func wholeText(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
