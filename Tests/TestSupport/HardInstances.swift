import LinearProgramming

/// Market-split problems (Cornuéjols & Dawande): a handful of equality rows over many
/// binaries. Their LP bound is 0 and stays 0 deep into the tree, so branch-and-bound
/// cannot finish them in seconds: the right test bed for time limits and cancellation.
/// Shared by the GLPK and Rota tests (module `TestSupport`, used by tests only).
public enum HardInstances {
    public static func marketSplit(rows: Int = 6, columns: Int = 50, seed: UInt64 = 7) -> Model {
        var rng = SeededGenerator(seed: seed)
        var m = Model(name: "market-split")
        let x = (0..<columns).map { m.addVariable(name: "x\($0)", kind: .binary) }
        for i in 0..<rows {
            var e = LinearExpression()
            var total = 0.0
            for j in 0..<columns {
                let a = Double(Int.random(in: 0..<100, using: &rng))
                e.add(x[j], a)
                total += a
            }
            let plus = m.addVariable(name: "over\(i)", objective: 1)
            let minus = m.addVariable(name: "under\(i)", objective: 1)
            e.add(plus, 1)
            e.add(minus, -1)
            m.addConstraint(e, .equal((total / 2).rounded(.down)), name: "split\(i)")
        }
        return m
    }

    /// The all-zero choice with the slacks that make it feasible.
    public static func trivialStart(_ m: Model) -> [Double] {
        var values = [Double](repeating: 0, count: m.variableCount)
        for c in m.constraints {
            // The last two terms of each row are its over (+1) and under (−1) slacks;
            // with every x at 0 the over slack takes the whole right-hand side.
            let over = c.terms[c.terms.count - 2].variable
            values[over.index] = c.lowerBound
        }
        return values
    }
}
