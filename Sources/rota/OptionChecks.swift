import ArgumentParser
import LinearProgramming
import Rota
import RotaIO

/// The ranges of the options every solving command shares, checked before anything runs
/// so that no option value reaches the library unchecked.
enum OptionChecks {
    /// `--time-limit`: seconds from 0 to `SolveOptions.maximumTimeLimit`, as the library checks it.
    static func timeLimit(_ value: Double) throws {
        if let why = SolveOptions.timeLimitIssue(value) { throw ValidationError("--time-limit \(why)") }
    }

    /// The longest `--stamp`.
    static let maximumStampLength = 200

    /// `--stamp`: one printable ASCII line, as `rota batch plan` writes it.
    static func stamp(_ value: String) throws {
        guard !value.isEmpty, value.count <= maximumStampLength, value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && $0.value < 127 }) else {
            throw ValidationError("--stamp must be 1 to \(maximumStampLength) printable ASCII characters without spaces")
        }
    }

    /// The longest reminder: four weeks before, in minutes.
    static let maximumReminderMinutes = 28 * 24 * 60

    /// `--reminders`: `1d,1h`, `30m`, `none`, as minutes before the start.
    static func reminders(_ value: String) throws -> [Int] {
        if value.lowercased() == "none" { return [] }
        return try value.split(separator: ",").map { part in
            let t = part.trimmingCharacters(in: .whitespaces).lowercased()
            let unit: Int? = t.hasSuffix("d") ? 1_440 : t.hasSuffix("h") ? 60 : t.hasSuffix("m") ? 1 : nil
            guard let unit, let n = Int(t.dropLast()), n > 0, n <= maximumReminderMinutes / unit else {
                throw ValidationError("--reminders takes lead times like 1d,1h or 30m (at most 28d), or none; not '\(part)'")
            }
            return n * unit
        }
    }

    /// `--csv-locale`: `en` or `zh-CN`, or `nil` for the scenario's.
    static func csvLocale(_ value: String?) throws -> RosterLocale? {
        guard let value else { return nil }
        guard let locale = RosterLocale(rawValue: value) else { throw ValidationError("--csv-locale must be en or zh-CN, not '\(value)'") }
        return locale
    }

    /// `--gap`: a fraction from 0 to 1.
    static func gap(_ value: Double) throws {
        if let why = SolveOptions.relativeGapIssue(value) { throw ValidationError("--gap \(why) (0.01 = 1%)") }
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
