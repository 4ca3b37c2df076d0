import GLPK
import LinearProgramming
import Testing

/// `Model.dominatedParallelColumns`: fixing the listed columns at 0 keeps the optimum of
/// the model (brute force over every 0/1 point) and of its LP relaxation (GLPK), on seeded
/// random models shaped like event roles: candidates for a role share its capped row, some
/// of them also sit in a conflict row of their own (and so are not parallel), and every
/// candidate of an event shares its team row.
@Suite("Parallel columns fixed at 0")
struct ParallelColumnsTests {
    static func eventRoles(seed: UInt64) -> Model {
        var rng = SeededGenerator(seed: seed)
        var m = Model(name: "roles-\(seed)")
        var all: [VariableID] = []
        for role in 0..<3 {
            let candidates = (0..<Int.random(in: 2...4, using: &rng)).map { k in
                m.addVariable(name: "y_\(role)_\(k)", kind: .binary, objective: Double(Int.random(in: -6...2, using: &rng)))
            }
            m.addConstraint(terms: candidates.map { LinearTerm($0) }, .lessOrEqual(Double(Int.random(in: 1...2, using: &rng))))
            all += candidates
        }
        // Some candidates have another option the same day: a conflict row of their own.
        for _ in 0..<2 {
            let other = m.addVariable(name: "x_\(m.variableCount)", kind: .binary, objective: Double(Int.random(in: -4...0, using: &rng)))
            let y = all.randomElement(using: &rng)!
            m.addConstraint(terms: [LinearTerm(y), LinearTerm(other)], .lessOrEqual(1))
        }
        // The event's team: at most this many in all.
        m.addConstraint(terms: all.map { LinearTerm($0) }, .lessOrEqual(Double(Int.random(in: 2...4, using: &rng))))
        return m
    }

    /// The least objective over every 0/1 point that satisfies the model. O(2^columns).
    static func bruteForce(_ m: Model) -> Double {
        var best = Double.infinity
        let n = m.variableCount
        var x = [Double](repeating: 0, count: n)
        for mask in 0..<(1 << n) {
            for j in 0..<n { x[j] = (mask >> j) & 1 == 1 ? 1 : 0 }
            let bounded = (0..<n).allSatisfy { x[$0] <= m.variable(VariableID($0)).upperBound }
            if bounded, m.maximumViolation(x) <= 1e-9 { best = min(best, m.objectiveValue(x)) }
        }
        return best
    }

    @Test func fixingThemKeepsTheOptimumAndTheLP() throws {
        var fixed = 0
        for seed in UInt64(0)..<40 {
            let m = Self.eventRoles(seed: seed)
            let dominated = m.dominatedParallelColumns()
            fixed += dominated.count
            let reduced = m.fixingDominatedParallelColumns()
            #expect(Self.bruteForce(reduced) == Self.bruteForce(m), "seed \(seed): the integer optimum")
            let lp = try GLPKSolver().solve(m.relaxed), lpReduced = try GLPKSolver().solve(reduced.relaxed)
            let a = try #require(lp.objective), b = try #require(lpReduced.objective)
            #expect(abs(a - b) <= 1e-7, "seed \(seed): LP \(a) against \(b)")
            for j in dominated { #expect(reduced.variable(VariableID(j)).upperBound == 0) }
        }
        #expect(fixed > 0, "some candidates are dominated")
    }

    /// Columns that differ in one row are not parallel, and a group whose rows leave room
    /// for all of them keeps them all.
    @Test func onlyParallelColumnsBeyondTheRoomGo() {
        var m = Model(name: "room")
        let a = m.addVariable(name: "a", kind: .binary, objective: 1)
        let b = m.addVariable(name: "b", kind: .binary, objective: 2)
        let c = m.addVariable(name: "c", kind: .binary, objective: 0)
        m.addConstraint(terms: [LinearTerm(a), LinearTerm(b), LinearTerm(c)], .lessOrEqual(1))
        m.addConstraint(terms: [LinearTerm(c)], .lessOrEqual(1))
        // a and b are parallel, c is not; the row leaves room for one of a and b: b (dearer) goes.
        #expect(m.dominatedParallelColumns() == [b.index])
        var roomy = Model(name: "roomy")
        let p = roomy.addVariable(name: "p", kind: .binary, objective: 1)
        let q = roomy.addVariable(name: "q", kind: .binary, objective: 2)
        roomy.addConstraint(terms: [LinearTerm(p), LinearTerm(q)], .lessOrEqual(2))
        #expect(roomy.dominatedParallelColumns().isEmpty)
    }
}
