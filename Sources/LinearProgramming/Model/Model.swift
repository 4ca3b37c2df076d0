/// Whether the objective is minimised or maximised.
public enum ObjectiveSense: Sendable, Hashable {
    case minimize
    case maximize
}

/// A linear or mixed-integer program: columns (variables), rows (constraints) and a
/// linear objective.
///
/// `Model` is a value type and `Sendable`: build it on any thread, hand it to a
/// ``Solver``, keep a copy to re-solve later. Rows are stored in compressed sparse row
/// form, so a model costs O(variables + constraints + nonzeros) memory and every
/// `add…` call is amortised O(1) per term.
///
/// Nothing is checked while you build; ``validate(options:)`` (which every solver calls
/// first) lists every problem at once, so bad data surfaces as one thrown
/// ``ModelValidationError`` instead of a crash inside a C library.
///
/// ```swift
/// var model = Model(name: "diet", sense: .maximize)
/// let x = model.addVariable(name: "x", lowerBound: 0, objective: 3)
/// let y = model.addVariable(name: "y", lowerBound: 0, objective: 5)
/// model.addConstraint(1 * x, .lessOrEqual(4), name: "plant1")
/// model.addConstraint(2 * y, .lessOrEqual(12), name: "plant2")
/// model.addConstraint(3 * x + 2 * y, .lessOrEqual(18), name: "plant3")
/// ```
public struct Model: Sendable {
    /// A name for the model, used in exports and logs.
    public var name: String
    /// Whether to minimise or maximise the objective.
    public var sense: ObjectiveSense
    /// A constant added to the objective.
    public var objectiveConstant: Double = 0

    // Columns, one entry each.
    var columnNames: [String] = []
    var columnKinds: [VariableKind] = []
    var columnLower: [Double] = []
    var columnUpper: [Double] = []
    var objective: [Double] = []

    // Rows in compressed sparse row form: row i's entries are
    // rowColumns[rowStart[i]..<rowStart[i+1]].
    var rowNames: [String] = []
    var rowLower: [Double] = []
    var rowUpper: [Double] = []
    var rowStart: [Int] = [0]
    var rowColumns: [Int] = []
    var rowValues: [Double] = []

    // Scratch map column → position in the row being added, or -1. Sized to the
    // column count; only entries touched by a row are set and then reset, which keeps
    // merging repeated variables linear in the row's length.
    private var scratch: [Int] = []

    /// Creates an empty model.
    public init(name: String = "model", sense: ObjectiveSense = .minimize) {
        self.name = name
        self.sense = sense
    }

    // MARK: Sizes

    /// The number of variables (columns).
    public var variableCount: Int { columnKinds.count }
    /// The number of constraints (rows).
    public var constraintCount: Int { rowLower.count }
    /// The number of stored nonzero coefficients in the constraint matrix.
    public var nonzeroCount: Int { rowValues.count }
    /// Whether any variable is integer or binary.
    public var isMixedInteger: Bool { columnKinds.contains { $0.isIntegral } }

    // MARK: Building

    /// Adds a variable and returns its handle. O(1) amortised.
    ///
    /// - Parameters:
    ///   - name: a name for exports and error messages.
    ///   - kind: continuous, integer or binary.
    ///   - lowerBound: `-Double.infinity` for none. Defaults to 0.
    ///   - upperBound: `Double.infinity` for none. A binary variable's bounds are
    ///     intersected with [0, 1].
    ///   - objective: the variable's coefficient in the objective.
    @discardableResult
    public mutating func addVariable(
        name: String = "",
        kind: VariableKind = .continuous,
        lowerBound: Double = 0,
        upperBound: Double = .infinity,
        objective: Double = 0
    ) -> VariableID {
        let id = VariableID(columnKinds.count)
        columnNames.append(name)
        columnKinds.append(kind)
        if kind == .binary {
            columnLower.append(lowerBound.isNaN ? lowerBound : Swift.max(lowerBound, 0))
            columnUpper.append(upperBound.isNaN ? upperBound : Swift.min(upperBound, 1))
        } else {
            columnLower.append(lowerBound)
            columnUpper.append(upperBound)
        }
        self.objective.append(objective)
        scratch.append(-1)
        return id
    }

    /// Adds a row `bounds.lower ≤ Σ aᵢ·xᵢ ≤ bounds.upper`.
    ///
    /// The expression's constant moves to the bounds; repeated variables are summed
    /// and exact zeros dropped. O(terms).
    @discardableResult
    public mutating func addConstraint(
        _ expression: LinearExpression,
        _ bounds: ConstraintBounds,
        name: String = ""
    ) -> ConstraintID {
        addConstraint(terms: expression.terms, bounds, constant: expression.constant, name: name)
    }

    /// Adds a row from raw terms. See ``addConstraint(_:_:name:)``.
    @discardableResult
    public mutating func addConstraint(
        terms: some Sequence<LinearTerm>,
        _ bounds: ConstraintBounds,
        constant: Double = 0,
        name: String = ""
    ) -> ConstraintID {
        let id = ConstraintID(rowLower.count)
        let start = rowColumns.count
        for term in terms {
            let column = term.variable.index
            if scratch.indices.contains(column) {
                let position = scratch[column]
                if position >= 0 {
                    rowValues[position] += term.coefficient
                    continue
                }
                scratch[column] = rowColumns.count
            }
            // An out-of-range column is kept as is; validate() reports it.
            rowColumns.append(column)
            rowValues.append(term.coefficient)
        }
        // Reset the scratch entries and drop exact zeros, in one pass.
        var write = start
        for read in start..<rowColumns.count {
            let column = rowColumns[read]
            if scratch.indices.contains(column) { scratch[column] = -1 }
            if rowValues[read] != 0 || rowValues[read].isNaN {
                rowColumns[write] = column
                rowValues[write] = rowValues[read]
                write += 1
            }
        }
        rowColumns.removeSubrange(write...)
        rowValues.removeSubrange(write...)
        rowStart.append(rowColumns.count)
        let (lower, upper) = bounds.interval
        rowLower.append(lower - constant)
        rowUpper.append(upper - constant)
        rowNames.append(name)
        return id
    }

    /// Sets the objective to `expression`, replacing all objective coefficients and the
    /// constant. O(variables + terms).
    public mutating func setObjective(_ expression: LinearExpression, sense: ObjectiveSense) {
        self.sense = sense
        for i in objective.indices { objective[i] = 0 }
        objectiveConstant = expression.constant
        for t in expression.terms where objective.indices.contains(t.variable.index) {
            objective[t.variable.index] += t.coefficient
        }
    }

    /// Sets one objective coefficient.
    public mutating func setObjectiveCoefficient(_ variable: VariableID, _ value: Double) {
        precondition(objective.indices.contains(variable.index), "unknown variable \(variable)")
        objective[variable.index] = value
    }

    /// Changes a variable's bounds (for instance to fix it while re-solving).
    public mutating func setBounds(_ variable: VariableID, lower: Double, upper: Double) {
        precondition(columnLower.indices.contains(variable.index), "unknown variable \(variable)")
        columnLower[variable.index] = lower
        columnUpper[variable.index] = upper
    }

    /// Changes a variable's kind; used to relax integrality.
    public mutating func setKind(_ variable: VariableID, _ kind: VariableKind) {
        precondition(columnKinds.indices.contains(variable.index), "unknown variable \(variable)")
        columnKinds[variable.index] = kind
    }

    // MARK: Reading

    /// The variable with handle `id`.
    public func variable(_ id: VariableID) -> Variable {
        precondition(columnKinds.indices.contains(id.index), "unknown variable \(id)")
        let j = id.index
        return Variable(
            id: id, name: columnNames[j], kind: columnKinds[j],
            lowerBound: columnLower[j], upperBound: columnUpper[j],
            objectiveCoefficient: objective[j])
    }

    /// All variables, in column order.
    public var variables: [Variable] { (0..<variableCount).map { variable(VariableID($0)) } }

    /// The constraint with handle `id`.
    public func constraint(_ id: ConstraintID) -> Constraint {
        precondition(rowLower.indices.contains(id.index), "unknown constraint \(id)")
        let i = id.index
        let range = rowStart[i]..<rowStart[i + 1]
        return Constraint(
            id: id, name: rowNames[i],
            terms: range.map { LinearTerm(VariableID(rowColumns[$0]), rowValues[$0]) },
            lowerBound: rowLower[i], upperBound: rowUpper[i])
    }

    /// Row `i` without copying: its columns, values and bounds. O(1).
    public func row(_ i: Int) -> (columns: ArraySlice<Int>, values: ArraySlice<Double>, lower: Double, upper: Double) {
        let range = rowStart[i]..<rowStart[i + 1]
        return (rowColumns[range], rowValues[range], rowLower[i], rowUpper[i])
    }

    /// All constraints, in row order.
    public var constraints: [Constraint] { (0..<constraintCount).map { constraint(ConstraintID($0)) } }

    /// Calls `body` with each row's column indices and values, without copying.
    /// This is how solvers read the matrix. O(nonzeros).
    public func forEachRow(
        _ body: (_ row: Int, _ columns: ArraySlice<Int>, _ values: ArraySlice<Double>, _ lower: Double, _ upper: Double) throws -> Void
    ) rethrows {
        for i in 0..<constraintCount {
            let range = rowStart[i]..<rowStart[i + 1]
            try body(i, rowColumns[range], rowValues[range], rowLower[i], rowUpper[i])
        }
    }

    /// The objective value of `values` (indexed by column).
    public func objectiveValue(_ values: [Double]) -> Double {
        var sum = objectiveConstant
        for j in 0..<Swift.min(values.count, objective.count) { sum += objective[j] * values[j] }
        return sum
    }

    /// The activity `Σ aᵢ·xᵢ` of every row at `values`. O(nonzeros).
    public func rowActivities(_ values: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: constraintCount)
        for i in 0..<constraintCount {
            var sum = 0.0
            for k in rowStart[i]..<rowStart[i + 1] where values.indices.contains(rowColumns[k]) {
                sum += rowValues[k] * values[rowColumns[k]]
            }
            result[i] = sum
        }
        return result
    }

    /// The largest violation by `values` of any bound, row or integrality requirement,
    /// or 0 when `values` is feasible. O(variables + nonzeros).
    public func maximumViolation(_ values: [Double]) -> Double {
        guard values.count == variableCount else { return .infinity }
        var worst = 0.0
        for j in 0..<variableCount {
            let v = values[j]
            if !v.isFinite { return .infinity }
            worst = Swift.max(worst, columnLower[j] - v, v - columnUpper[j])
            if columnKinds[j].isIntegral { worst = Swift.max(worst, abs(v - v.rounded())) }
        }
        for (i, activity) in rowActivities(values).enumerated() {
            worst = Swift.max(worst, rowLower[i] - activity, activity - rowUpper[i])
        }
        return worst
    }
}
