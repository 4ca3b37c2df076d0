import ArgumentParser
import Rota

/// The ranges of the options every solving command shares, checked before anything runs
/// so that no option value reaches the library unchecked.
enum OptionChecks {
    /// The longest `--time-limit` accepted, in seconds (about 11.6 days).
    static let maximumTimeLimit = 1_000_000.0

    /// `--time-limit`: finite, from 0 to ``maximumTimeLimit``.
    static func timeLimit(_ value: Double) throws {
        guard value.isFinite, value >= 0, value <= maximumTimeLimit else {
            throw ValidationError("--time-limit must be a number of seconds from 0 to \(Int(maximumTimeLimit)), not \(value)")
        }
    }

    /// `--gap`: a fraction from 0 to 1.
    static func gap(_ value: Double) throws {
        guard value.isFinite, value >= 0, value <= 1 else {
            throw ValidationError("--gap must be a fraction from 0 to 1 (0.01 = 1%), not \(value)")
        }
    }
}

/// Validates `problem` (built by a benchmark importer from `file`), or prints every issue
/// against the file and exits 2: a benchmark file's numbers are checked like a scenario's.
func validateOrExit(_ problem: RosterProblem, file: String) throws {
    do throws(RosterProblemError) {
        try problem.validate()
    } catch {
        printError("\(file): \(error)")
        throw ExitCode(Exit.badInput)
    }
}
