/// A snapshot of a MIP search, reported through ``SolveOptions/progress``.
public struct SolveProgress: Sendable, Hashable, CustomStringConvertible {
    /// The objective of the best solution so far, if any.
    public var incumbent: Double?
    /// The best proven bound on the optimum, if known.
    public var bound: Double?
    /// The relative gap between ``incumbent`` and ``bound``, if both are known.
    public var gap: Double?
    /// Seconds since the solve began.
    public var seconds: Double
    /// Branch-and-bound nodes created so far.
    public var nodes: Int
    /// Whether this report announces a new incumbent.
    public var isNewIncumbent: Bool

    public init(incumbent: Double?, bound: Double?, gap: Double?, seconds: Double, nodes: Int, isNewIncumbent: Bool) {
        self.incumbent = incumbent
        self.bound = bound
        self.gap = gap
        self.seconds = seconds
        self.nodes = nodes
        self.isNewIncumbent = isNewIncumbent
    }

    public var description: String {
        func f(_ v: Double?) -> String { v.map { String(format4: $0) } ?? "-" }
        let g = gap.map { String(format4: $0 * 100) + "%" } ?? "-"
        return "incumbent \(f(incumbent))  bound \(f(bound))  gap \(g)  nodes \(nodes)  \(String(format4: seconds))s"
    }
}

extension String {
    /// A short decimal rendering without Foundation: 4 significant decimals.
    init(format4 value: Double) {
        if !value.isFinite { self = "\(value)"; return }
        let scaled = (value * 10_000).rounded() / 10_000
        self = scaled == scaled.rounded() && abs(scaled) < 1e15 ? String(Int64(scaled)) : "\(scaled)"
    }
}
