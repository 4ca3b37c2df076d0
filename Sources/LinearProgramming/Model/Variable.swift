/// A handle to one variable (column) of a ``Model``.
///
/// A `VariableID` is the column's position in the model that created it. It is only
/// meaningful for that model: using it with another model is reported by
/// ``Model/validate(options:)`` as an unknown variable, never a crash.
public struct VariableID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The zero-based column index.
    public let index: Int

    /// Creates a handle for the column at `index`.
    public init(_ index: Int) { self.index = index }

    public static func < (lhs: VariableID, rhs: VariableID) -> Bool { lhs.index < rhs.index }
    public var description: String { "x\(index)" }
}

/// The domain of a variable.
public enum VariableKind: Sendable, Hashable, CaseIterable {
    /// Any real value between the bounds.
    case continuous
    /// Any whole number between the bounds.
    case integer
    /// 0 or 1. The bounds of a binary variable are intersected with [0, 1].
    case binary

    /// Whether the variable must take a whole-number value.
    public var isIntegral: Bool { self != .continuous }
}

/// A read-only view of one column of a ``Model``.
public struct Variable: Sendable, Hashable {
    public var id: VariableID
    public var name: String
    public var kind: VariableKind
    /// The lower bound; `-Double.infinity` for none.
    public var lowerBound: Double
    /// The upper bound; `Double.infinity` for none.
    public var upperBound: Double
    /// The coefficient of this variable in the objective.
    public var objectiveCoefficient: Double
}
