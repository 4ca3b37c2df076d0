import GLPK
import LinearProgramming
import Testing

/// Seeded random small MIPs, each checked against exhaustive enumeration.
@Suite("Random MIPs against brute force")
struct RandomMIPTests {
    let solver = GLPKSolver()

    /// Enumerates every point of a box of integer variables and returns the best
    /// feasible objective, or nil when none is feasible.
    static func bruteForce(_ model: Model, upper: [Int]) -> Double? {
        var best: Double?
        var point = [Double](repeating: 0, count: upper.count)
        func visit(_ j: Int) {
            if j == upper.count {
                guard model.maximumViolation(point) <= 1e-9 else { return }
                let v = model.objectiveValue(point)
                if let b = best {
                    best = model.sense == .minimize ? min(b, v) : max(b, v)
                } else {
                    best = v
                }
                return
            }
            for value in 0...upper[j] {
                point[j] = Double(value)
                visit(j + 1)
            }
        }
        visit(0)
        return best
    }

    static func knapsack(seed: UInt64) -> (Model, [Int]) {
        var rng = SeededGenerator(seed: seed)
        let n = Int.random(in: 3...10, using: &rng)
        var m = Model(name: "knapsack-\(seed)", sense: .maximize)
        var w = LinearExpression()
        var upper: [Int] = []
        var total = 0.0
        for j in 0..<n {
            let general = Int.random(in: 0..<4, using: &rng) == 0
            let ub = general ? 2 : 1
            let x = m.addVariable(name: "item\(j)", kind: general ? .integer : .binary,
                                  upperBound: Double(ub), objective: Double(Int.random(in: 1...30, using: &rng)))
            let weight = Double(Int.random(in: 1...20, using: &rng))
            total += weight * Double(ub)
            w.add(x, weight)
            upper.append(ub)
        }
        m.addConstraint(w, .lessOrEqual((total * Double.random(in: 0.2...0.7, using: &rng)).rounded()), name: "capacity")
        return (m, upper)
    }

    static func assignment(seed: UInt64) -> (Model, [Int]) {
        var rng = SeededGenerator(seed: seed)
        let n = Int.random(in: 2...4, using: &rng)
        var m = Model(name: "assignment-\(seed)")
        var x: [[VariableID]] = []
        for i in 0..<n {
            x.append((0..<n).map { j in
                m.addVariable(name: "a\(i)_\(j)", kind: .binary, objective: Double(Int.random(in: 1...50, using: &rng)))
            })
        }
        for i in 0..<n { m.addConstraint(terms: x[i].map { LinearTerm($0) }, .equal(1)) }
        for j in 0..<n { m.addConstraint(terms: (0..<n).map { LinearTerm(x[$0][j]) }, .equal(1)) }
        // Sometimes forbid a pair, which can make the problem infeasible.
        if Int.random(in: 0..<3, using: &rng) == 0 {
            for i in 0..<n { m.setBounds(x[i][0], lower: 0, upper: i == 0 ? 1 : 0) }
            m.setBounds(x[0][0], lower: 0, upper: 0)
        }
        return (m, [Int](repeating: 1, count: n * n))
    }

    static func setCover(seed: UInt64) -> (Model, [Int]) {
        var rng = SeededGenerator(seed: seed)
        let sets = Int.random(in: 3...10, using: &rng), elements = Int.random(in: 3...8, using: &rng)
        var m = Model(name: "cover-\(seed)")
        let x = (0..<sets).map { s in m.addVariable(name: "set\(s)", kind: .binary, objective: Double(Int.random(in: 1...9, using: &rng))) }
        for e in 0..<elements {
            let members = (0..<sets).filter { _ in Int.random(in: 0..<3, using: &rng) == 0 }
            m.addConstraint(terms: members.map { LinearTerm(x[$0]) }, .greaterOrEqual(1), name: "elem\(e)")
        }
        return (m, [Int](repeating: 1, count: sets))
    }

    func check(_ model: Model, _ upper: [Int], presolve: Bool, emphasis: SolveEmphasis = .balanced) throws {
        let expected = Self.bruteForce(model, upper: upper)
        var options = SolveOptions(presolve: presolve)
        options.emphasis = emphasis
        let r = try solver.solve(model, options: options)
        if let expected {
            #expect(r.status == .optimal, "\(model.name)")
            #expect(abs((r.objective ?? .nan) - expected) < 1e-6, "\(model.name): GLPK \(r.objective ?? .nan), brute force \(expected)")
            #expect(model.maximumViolation(r.values) <= 1e-6, "\(model.name)")
        } else {
            #expect(r.status == .infeasible, "\(model.name)")
        }
    }

    @Test(arguments: 0..<80)
    func knapsack(seed: UInt64) throws {
        let (m, u) = Self.knapsack(seed: seed)
        try check(m, u, presolve: seed % 2 == 0, emphasis: seed % 4 < 2 ? .balanced : .feasibility)
    }

    @Test(arguments: 0..<70)
    func assignment(seed: UInt64) throws {
        let (m, u) = Self.assignment(seed: 1000 + seed)
        try check(m, u, presolve: seed % 2 == 1)
    }

    @Test(arguments: 0..<70)
    func setCover(seed: UInt64) throws {
        let (m, u) = Self.setCover(seed: 2000 + seed)
        // The feasibility emphasis (GLPK's feasibility pump) must not change the optimum.
        try check(m, u, presolve: seed % 3 == 0, emphasis: seed % 2 == 0 ? .balanced : .feasibility)
    }

    /// Stopped by a relative gap, with or without the MIP presolver and from a warm start
    /// or none, the bound reported is a bound (never above brute force's optimum) and the
    /// incumbent is within the gap of it: what a caller that proves "no roster better by a
    /// point" from the gap relies on. Fails if the bound were the incumbent's own value.
    @Test(arguments: 0..<60)
    func aGapStopReportsAValidBound(seed: UInt64) throws {
        let (m, u) = seed % 2 == 0 ? Self.setCover(seed: 3000 + seed) : Self.knapsack(seed: 4000 + seed)
        // Some random covers cannot be covered: nothing to bound.
        guard let expected = Self.bruteForce(m, upper: u) else { return }
        let gap = [0.02, 0.1, 0.3][Int(seed % 3)]
        var options = SolveOptions(relativeGap: gap, presolve: seed % 4 < 2)
        if !options.presolve {
            // A feasible start: every variable at its upper bound covers every set (and a
            // knapsack's start is the empty one).
            options.warmStart = seed % 2 == 0 ? u.map(Double.init) : [Double](repeating: 0, count: m.variableCount)
        }
        let r = try solver.solve(m, options: options)
        let objective = try #require(r.objective, "\(m.name): no solution")
        if let bound = r.bestBound {
            let below = m.sense == .minimize ? bound <= expected + 1e-6 : bound >= expected - 1e-6
            #expect(below, "\(m.name): bound \(bound) beyond the optimum \(expected)")
            if r.termination == .gapReached {
                #expect(abs(objective - bound) <= gap * abs(objective) + 1e-6, "\(m.name): \(objective) not within \(gap) of \(bound)")
            }
        } else {
            #expect(r.status != .optimal, "\(m.name): optimal without a bound")
        }
    }
}
