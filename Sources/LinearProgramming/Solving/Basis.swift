/// Where the simplex method keeps one row or column: in the basis, or out of it at one of
/// its bounds.
public enum BasisStatus: Sendable, Hashable {
    case basic
    case atLower
    case atUpper
    /// A free variable out of the basis (at zero).
    case free
    /// A fixed variable (or equality row) out of the basis.
    case fixed
}

/// A simplex basis: one status per row and per column.
///
/// An optimal LP's ``SolveResult/basis`` can start the next LP through
/// ``SolveOptions/startingBasis``. Column generation re-solves a master LP that grows by
/// a few columns a round: started from the last basis, with the new columns out of it
/// at their lower bounds, the simplex needs a handful of pivots where a solve from
/// scratch needs thousands. A basis that does not fit (wrong counts) is refused by
/// validation; one that fits but is singular is replaced by the backend's own start.
public struct Basis: Sendable, Hashable {
    public var rows: [BasisStatus]
    public var columns: [BasisStatus]
    public init(rows: [BasisStatus], columns: [BasisStatus]) {
        self.rows = rows
        self.columns = columns
    }
}
