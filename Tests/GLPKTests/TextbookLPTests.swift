import GLPK
import LinearProgramming
import Testing

@Suite("Textbook LPs")
struct TextbookLPTests {
    let solver = GLPKSolver()

    /// Hillier & Lieberman's Wyndor Glass: max 3x + 5y, x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18.
    @Test(arguments: [false, true])
    func wyndorGlass(presolve: Bool) throws {
        var m = Model(sense: .maximize)
        let x = m.addVariable(name: "x", objective: 3), y = m.addVariable(name: "y", objective: 5)
        m.addConstraint(1 * x, .lessOrEqual(4), name: "plant1")
        m.addConstraint(2 * y, .lessOrEqual(12), name: "plant2")
        m.addConstraint(3 * x + 2 * y, .lessOrEqual(18), name: "plant3")
        let r = try solver.solve(m, options: SolveOptions(presolve: presolve))
        #expect(r.status == .optimal)
        #expect(abs(r.objective! - 36) < 1e-9)
        #expect(abs(r.value(x) - 2) < 1e-9 && abs(r.value(y) - 6) < 1e-9)
        let duals = try #require(r.duals)
        #expect(zip(duals, [0, 1.5, 1]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(try #require(r.reducedCosts).allSatisfy { abs($0) < 1e-9 })
        #expect(r.gap == 0)
    }

    /// A grown LP started from the smaller LP's optimal basis (new column out of the basis)
    /// reaches the same optimum as a cold start; a singular basis falls back to a cold start.
    @Test func startingFromABasis() throws {
        var m = Model()
        let x = m.addVariable(objective: 2), y = m.addVariable(objective: 3)
        m.addConstraint(1 * x + 1 * y, .greaterOrEqual(4))
        m.addConstraint(1 * x + 3 * y, .greaterOrEqual(6))
        let first = try solver.solve(m, options: SolveOptions())
        let basis = try #require(first.basis)
        #expect(basis.columns == [.basic, .basic])
        // A third, cheaper column: min … + z, with z in both rows.
        var grown = Model()
        let a = grown.addVariable(objective: 2), b = grown.addVariable(objective: 3), z = grown.addVariable(objective: 2)
        grown.addConstraint(1 * a + 1 * b + 1 * z, .greaterOrEqual(4))
        grown.addConstraint(1 * a + 3 * b + 2 * z, .greaterOrEqual(6))
        let cold = try solver.solve(grown, options: SolveOptions())
        var options = SolveOptions()
        options.startingBasis = Basis(rows: basis.rows, columns: basis.columns + [.atLower])
        let warm = try solver.solve(grown, options: options)
        #expect(warm.status == .optimal && abs(warm.objective! - cold.objective!) < 1e-9)
        #expect(cold.objective! < first.objective! - 1e-9)
        options.startingBasis = Basis(rows: [.basic, .basic], columns: [.basic, .basic, .basic])  // too many basics
        let fallback = try solver.solve(grown, options: options)
        #expect(fallback.status == .optimal && abs(fallback.objective! - cold.objective!) < 1e-9)
    }

    /// min 2x + 3y, x + y ≥ 4, x + 3y ≥ 6: optimum 9 at (3, 1), duals 1.5 and 0.5.
    @Test func coveringMinimisation() throws {
        var m = Model()
        let x = m.addVariable(objective: 2), y = m.addVariable(objective: 3)
        m.addConstraint(1 * x + 1 * y, .greaterOrEqual(4))
        m.addConstraint(1 * x + 3 * y, .greaterOrEqual(6))
        let r = try solver.solve(m)
        #expect(r.status == .optimal)
        #expect(abs(r.objective! - 9) < 1e-9)
        #expect(abs(r.value(x) - 3) < 1e-9 && abs(r.value(y) - 1) < 1e-9)
        #expect(zip(r.duals!, [1.5, 0.5]).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    /// A reduced cost: in max x + y with x ≤ 1, y ≤ 1 and an extra variable z of profit
    /// −1 sitting at 0, z's reduced cost is −1.
    @Test func reducedCostOfANonbasicColumn() throws {
        var m = Model(sense: .maximize)
        let x = m.addVariable(upperBound: 1, objective: 1), y = m.addVariable(upperBound: 1, objective: 1)
        let z = m.addVariable(objective: -1)
        m.addConstraint(1 * x + 1 * y + 1 * z, .lessOrEqual(5))
        let r = try solver.solve(m)
        #expect(r.status == .optimal && abs(r.objective! - 2) < 1e-9)
        #expect(abs(r.reducedCosts![z.index] + 1) < 1e-9)
    }

    @Test func objectiveConstantAndFreeAndRangedRows() throws {
        var m = Model()
        let x = m.addVariable(lowerBound: -.infinity, upperBound: .infinity, objective: 1)
        m.objectiveConstant = 10
        m.addConstraint(1 * x, .range(-3, 7))
        let r = try solver.solve(m)
        #expect(r.status == .optimal)
        #expect(abs(r.objective! - 7) < 1e-9)
        #expect(abs(r.value(x) + 3) < 1e-9)
    }

    @Test(arguments: [false, true])
    func infeasibleLP(presolve: Bool) throws {
        var m = Model()
        let x = m.addVariable(), y = m.addVariable()
        m.addConstraint(1 * x + 1 * y, .lessOrEqual(1))
        m.addConstraint(1 * x + 1 * y, .greaterOrEqual(2))
        let r = try solver.solve(m, options: SolveOptions(presolve: presolve))
        #expect(r.status == .infeasible)
        #expect(r.values.isEmpty)
    }

    @Test(arguments: [false, true])
    func unboundedLP(presolve: Bool) throws {
        var m = Model(sense: .maximize)
        let x = m.addVariable(objective: 1), y = m.addVariable()
        m.addConstraint(1 * x - 1 * y, .lessOrEqual(1))
        let r = try solver.solve(m, options: SolveOptions(presolve: presolve))
        #expect(r.status == .unbounded)
    }

    @Test func emptyModelIsTriviallyOptimal() throws {
        var m = Model()
        m.objectiveConstant = 4
        let r = try solver.solve(m)
        #expect(r.status == .optimal)
        #expect(r.objective == 4)
    }
}

@Suite("MIP outcomes")
struct MIPOutcomeTests {
    let solver = GLPKSolver()

    @Test(arguments: [false, true])
    func integerInfeasible(presolve: Bool) throws {
        var m = Model()
        let x = m.addVariable(kind: .integer, lowerBound: 0, upperBound: 10)
        m.addConstraint(2 * x, .equal(1))
        let r = try solver.solve(m, options: SolveOptions(presolve: presolve))
        #expect(r.status == .infeasible)
    }

    @Test func fractionalBoundsWithNoIntegerInside() throws {
        var m = Model()
        m.addVariable(kind: .integer, lowerBound: 0.2, upperBound: 0.8)
        #expect(try solver.solve(m).status == .infeasible)
    }

    @Test func unboundedRelaxation() throws {
        var m = Model(sense: .maximize)
        let x = m.addVariable(kind: .integer, objective: 1), y = m.addVariable(kind: .integer)
        m.addConstraint(1 * x - 1 * y, .lessOrEqual(0))
        let r = try solver.solve(m)
        #expect(r.status == .infeasibleOrUnbounded)
    }

    @Test func mipReportsBoundAndZeroGapWhenOptimal() throws {
        var m = Model(sense: .maximize)
        let x = m.addVariable(kind: .integer, upperBound: 10, objective: 1)
        let y = m.addVariable(kind: .integer, upperBound: 10, objective: 1)
        m.addConstraint(2 * x + 2 * y, .lessOrEqual(7))
        let r = try solver.solve(m)
        #expect(r.status == .optimal)
        #expect(r.objective == 3)
        #expect(r.bestBound == 3)
        #expect(r.gap == 0)
        #expect(r.duals == nil)
    }
}
