/// Everything wrong with a model or its solve options, found in one pass.
///
/// Solvers throw this before they touch any native code, so that bad numbers in a
/// caller's data can never reach a C library that would abort the process.
public struct ModelValidationError: Error, Sendable, CustomStringConvertible {
    /// One problem, named by row and column.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// What kind of problem this is; tests and callers can match on it.
        public enum Kind: Sendable, Hashable {
            case nonFiniteObjectiveCoefficient
            case nonFiniteObjectiveConstant
            case nonFiniteCoefficient
            case unknownVariable
            case invalidVariableBounds
            case invalidConstraintBounds
            case tooLarge
            case invalidOption
            case invalidWarmStart
        }
        public var kind: Kind
        public var message: String
        public var description: String { message }
    }

    /// Every problem found, in model order.
    public var problems: [Problem]

    public var description: String {
        let head = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "invalid model (\(head)):\n" + problems.map { "  - \($0.message)" }.joined(separator: "\n")
    }
}

extension Model {
    /// The largest row or column count a solver backend accepts (GLPK indexes with `int`).
    public static let maximumDimension = Int(Int32.max) - 1

    /// Displays column `j` as `'name' (column j)`.
    func columnLabel(_ j: Int) -> String {
        columnNames.indices.contains(j) && !columnNames[j].isEmpty
            ? "column '\(columnNames[j])' (#\(j))" : "column #\(j)"
    }

    func rowLabel(_ i: Int) -> String {
        !rowNames[i].isEmpty ? "row '\(rowNames[i])' (#\(i))" : "row #\(i)"
    }

    /// Checks the model and `options` and throws one error listing every problem.
    ///
    /// Checked: finite objective and matrix coefficients; known variables in every row;
    /// bounds that are not NaN, not `+∞` below or `-∞` above, and not crossed; sizes a
    /// backend can index; option values; the warm start's length and values.
    /// O(variables + nonzeros).
    public func validate(options: SolveOptions = SolveOptions()) throws(ModelValidationError) {
        var problems: [ModelValidationError.Problem] = []
        func report(_ kind: ModelValidationError.Problem.Kind, _ message: String) {
            problems.append(.init(kind: kind, message: message))
        }
        func checkBounds(_ lower: Double, _ upper: Double) -> String? {
            if lower.isNaN || upper.isNaN { return "a bound is NaN" }
            if lower == .infinity { return "lower bound is +infinity" }
            if upper == -.infinity { return "upper bound is -infinity" }
            if lower > upper { return "lower bound \(lower) exceeds upper bound \(upper)" }
            return nil
        }

        if variableCount > Self.maximumDimension || constraintCount > Self.maximumDimension
            || nonzeroCount > Self.maximumDimension {
            report(.tooLarge, "model has \(variableCount) columns, \(constraintCount) rows and \(nonzeroCount) nonzeros; at most \(Self.maximumDimension) of each are supported")
        }
        if !objectiveConstant.isFinite {
            report(.nonFiniteObjectiveConstant, "objective constant is \(objectiveConstant)")
        }
        for j in 0..<variableCount {
            if !objective[j].isFinite {
                report(.nonFiniteObjectiveCoefficient, "\(columnLabel(j)): objective coefficient is \(objective[j])")
            }
            if let why = checkBounds(columnLower[j], columnUpper[j]) {
                report(.invalidVariableBounds, "\(columnLabel(j)): \(why)")
            }
        }
        for i in 0..<constraintCount {
            for k in rowStart[i]..<rowStart[i + 1] {
                let j = rowColumns[k]
                if !(0..<variableCount).contains(j) {
                    report(.unknownVariable, "\(rowLabel(i)): refers to variable #\(j), but the model has \(variableCount) variables")
                } else if !rowValues[k].isFinite {
                    report(.nonFiniteCoefficient, "\(rowLabel(i)), \(columnLabel(j)): coefficient is \(rowValues[k])")
                }
            }
            if let why = checkBounds(rowLower[i], rowUpper[i]) {
                report(.invalidConstraintBounds, "\(rowLabel(i)): \(why)")
            }
        }

        if let limit = options.timeLimit, !(limit >= 0) {
            report(.invalidOption, "time limit must be a non-negative number of seconds, not \(limit)")
        }
        if !(options.relativeGap >= 0) || options.relativeGap.isInfinite {
            report(.invalidOption, "relative gap must be a finite non-negative fraction, not \(options.relativeGap)")
        }
        if let target = options.objectiveTarget, !target.isFinite {
            report(.invalidOption, "objective target must be a finite number, not \(target)")
        }
        if let start = options.warmStart {
            if start.count != variableCount {
                report(.invalidWarmStart, "warm start has \(start.count) values, but the model has \(variableCount) variables")
            } else {
                for (j, v) in start.enumerated() where !v.isFinite {
                    report(.invalidWarmStart, "warm start value for \(columnLabel(j)) is \(v)")
                }
            }
        }
        if let basis = options.startingBasis, basis.rows.count != constraintCount || basis.columns.count != variableCount {
            report(.invalidOption, "starting basis has \(basis.rows.count) rows and \(basis.columns.count) columns, but the model has \(constraintCount) and \(variableCount)")
        }
        if !problems.isEmpty { throw ModelValidationError(problems: problems) }
    }
}
