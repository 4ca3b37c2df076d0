/// A handle to one constraint (row) of a ``Model``.
public struct ConstraintID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The zero-based row index.
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (lhs: ConstraintID, rhs: ConstraintID) -> Bool { lhs.index < rhs.index }
    public var description: String { "r\(index)" }
}

/// The admissible range of a row's activity `Σ aᵢ·xᵢ`.
public enum ConstraintBounds: Sendable, Hashable {
    /// `activity ≤ value`
    case lessOrEqual(Double)
    /// `activity ≥ value`
    case greaterOrEqual(Double)
    /// `activity = value`
    case equal(Double)
    /// `lower ≤ activity ≤ upper`
    case range(Double, Double)
    /// No bound: the row only records an expression.
    case free

    /// The bounds as a pair, with ±infinity for a missing side.
    public var interval: (lower: Double, upper: Double) {
        switch self {
        case .lessOrEqual(let u): (-.infinity, u)
        case .greaterOrEqual(let l): (l, .infinity)
        case .equal(let v): (v, v)
        case .range(let l, let u): (l, u)
        case .free: (-.infinity, .infinity)
        }
    }
}

/// A read-only view of one row of a ``Model``.
public struct Constraint: Sendable, Hashable {
    public var id: ConstraintID
    public var name: String
    /// The row's terms, one per variable, in insertion order.
    public var terms: [LinearTerm]
    /// The lower bound of the activity; `-Double.infinity` for none.
    public var lowerBound: Double
    /// The upper bound of the activity; `Double.infinity` for none.
    public var upperBound: Double
}
