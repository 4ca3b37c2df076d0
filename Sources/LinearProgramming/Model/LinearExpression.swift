/// One term of a linear expression: `coefficient × variable`.
public struct LinearTerm: Sendable, Hashable {
    public var variable: VariableID
    public var coefficient: Double

    public init(_ variable: VariableID, _ coefficient: Double = 1) {
        self.variable = variable
        self.coefficient = coefficient
    }
}

/// A sparse linear expression `Σ aᵢ·xᵢ + c`.
///
/// Expressions keep their terms in the order they were added, and may hold the same
/// variable more than once; ``Model/addConstraint(_:_:name:)`` merges repeated variables
/// when the expression becomes a row. Building an expression term by term is O(1)
/// amortised per term.
///
/// ```swift
/// var model = Model()
/// let x = model.addVariable(name: "x")
/// let y = model.addVariable(name: "y", kind: .integer)
/// let e: LinearExpression = 3 * x + 2 * y - 1
/// ```
public struct LinearExpression: Sendable, Hashable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public var terms: [LinearTerm]
    public var constant: Double

    public init(terms: [LinearTerm] = [], constant: Double = 0) {
        self.terms = terms
        self.constant = constant
    }

    public init(_ variable: VariableID) { self.init(terms: [LinearTerm(variable)]) }
    public init(floatLiteral value: Double) { self.init(constant: value) }
    public init(integerLiteral value: Int) { self.init(constant: Double(value)) }

    /// Adds `coefficient × variable` to the expression.
    public mutating func add(_ variable: VariableID, _ coefficient: Double = 1) {
        terms.append(LinearTerm(variable, coefficient))
    }

    /// Adds every term and the constant of `other`.
    public mutating func add(_ other: LinearExpression, scaledBy factor: Double = 1) {
        terms.reserveCapacity(terms.count + other.terms.count)
        for t in other.terms { terms.append(LinearTerm(t.variable, t.coefficient * factor)) }
        constant += other.constant * factor
    }

    /// Evaluates the expression at `values`, indexed by ``VariableID/index``.
    /// Terms whose variable is out of range count as zero.
    public func value(at values: [Double]) -> Double {
        var sum = constant
        for t in terms where values.indices.contains(t.variable.index) {
            sum += t.coefficient * values[t.variable.index]
        }
        return sum
    }

    /// The coefficients as a dense array over `count` columns (repeated variables summed),
    /// for code that reads them by column in a hot loop. The constant is left out. O(count + terms).
    public func denseCoefficients(count: Int) -> [Double] {
        var dense = [Double](repeating: 0, count: count)
        for t in terms { dense[t.variable.index] += t.coefficient }
        return dense
    }
}

// MARK: - Operators

public func * (lhs: Double, rhs: VariableID) -> LinearExpression {
    LinearExpression(terms: [LinearTerm(rhs, lhs)])
}

public func * (lhs: Double, rhs: LinearExpression) -> LinearExpression {
    var r = LinearExpression()
    r.add(rhs, scaledBy: lhs)
    return r
}

public func + (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
    var r = lhs
    r.add(rhs)
    return r
}

public func + (lhs: LinearExpression, rhs: VariableID) -> LinearExpression {
    var r = lhs
    r.add(rhs)
    return r
}

public func - (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
    var r = lhs
    r.add(rhs, scaledBy: -1)
    return r
}

public func - (lhs: LinearExpression, rhs: VariableID) -> LinearExpression {
    var r = lhs
    r.add(rhs, -1)
    return r
}

public prefix func - (operand: LinearExpression) -> LinearExpression { -1 * operand }

public func += (lhs: inout LinearExpression, rhs: LinearExpression) { lhs.add(rhs) }
public func += (lhs: inout LinearExpression, rhs: VariableID) { lhs.add(rhs) }
public func -= (lhs: inout LinearExpression, rhs: LinearExpression) { lhs.add(rhs, scaledBy: -1) }

extension LinearExpression {
    /// The least value the expression can take within the variables' bounds in `model`,
    /// ignoring every constraint: a valid (if weak) lower bound for any solution, and an
    /// exact one when each term can sit at its best bound at once, as penalty slacks can.
    /// `nil` when a bound it needs is infinite. O(terms).
    public func floor(in model: Model) -> Double? {
        var sum = constant
        for t in terms where t.coefficient != 0 {
            let v = model.variable(t.variable)
            let best = t.coefficient > 0 ? v.lowerBound : v.upperBound
            guard best.isFinite else { return nil }
            sum += t.coefficient * best
        }
        return sum
    }
}
