import GLPK
import LinearProgramming
import Testing

/// `Model.components()` and `ComponentSolver`: on seeded random models made of
/// independent blocks (with fixed columns and constant rows between them), solving block
/// by block gives what GLPK gives on the whole model: the same status and optimum, a
/// feasible point, and for an LP duals and reduced costs that prove it (c − Aᵀy, and the
/// dual objective equal to the primal).
@Suite("Solving block by block")
struct ComponentSolverTests {
    /// `blocks` independent blocks of 2–5 columns and 1–4 rows each, every row inside its
    /// block, and a block of one column in no row; a few fixed columns that appear in every block's first row (constants, which
    /// must not join the blocks); and a row of constants only.
    static func blockModel(seed: UInt64, blocks: Int, integer: Bool) -> (model: Model, blocks: [[Int]]) {
        var rng = SeededGenerator(seed: seed)
        var m = Model(name: "blocks-\(seed)")
        let fixed = (0..<2).map { k in
            m.addVariable(name: "f\(k)", kind: .continuous, lowerBound: Double(k + 1), upperBound: Double(k + 1),
                          objective: Double(Int.random(in: -2...2, using: &rng)))
        }
        var columns: [[Int]] = []
        for b in 0..<blocks {
            let xs = (0..<Int.random(in: 2...5, using: &rng)).map { k in
                m.addVariable(name: "x_\(b)_\(k)", kind: integer ? .integer : .continuous, lowerBound: 0,
                              upperBound: Double(Int.random(in: 1...3, using: &rng)),
                              objective: Double(Int.random(in: -5...4, using: &rng)))
            }
            columns.append(xs.map(\.index))
            for r in 0..<Int.random(in: 1...4, using: &rng) {
                var terms = xs.filter { _ in Bool.random(using: &rng) }.map { LinearTerm($0, Double(Int.random(in: 1...3, using: &rng))) }
                if terms.isEmpty { terms = [LinearTerm(xs[0])] }
                if r == 0 { terms += fixed.map { LinearTerm($0, 1) } }
                // Chain the block's columns so that it is one block, not several.
                if r == 0 { terms += xs.map { LinearTerm($0, 0.5) } }
                m.addConstraint(terms: terms, .range(Double(Int.random(in: 0...2, using: &rng)), Double(Int.random(in: 5...9, using: &rng))))
            }
        }
        m.addConstraint(terms: fixed.map { LinearTerm($0) }, .lessOrEqual(10))
        // A free column in no row: a block of its own, with no rows.
        let loose = m.addVariable(name: "loose", kind: integer ? .integer : .continuous, lowerBound: 0, upperBound: 2,
                                  objective: Double(Int.random(in: -2...2, using: &rng)))
        columns.append([loose.index])
        return (m, columns)
    }

    @Test func blocksPartitionTheFreeColumnsAndTheirRows() {
        for seed in UInt64(0)..<20 {
            let (m, columns) = Self.blockModel(seed: seed, blocks: 4, integer: false)
            let found = m.components()
            #expect(Set(found.map(\.columns)) == Set(columns), "seed \(seed)")
            let rows = found.flatMap(\.rows)
            #expect(Set(rows).count == rows.count, "seed \(seed): a row in two blocks")
            #expect(rows.count + m.rowsWithoutFreeColumns().count == m.constraintCount, "seed \(seed)")
            #expect(m.rowsWithoutFreeColumns() == [m.constraintCount - 1], "seed \(seed): the row of constants")
            #expect(found.map(\.nonzeros) == found.map(\.nonzeros).sorted(), "seed \(seed): smallest first")
        }
        // A row that holds a column of each of two blocks makes them one.
        var (m, _) = Self.blockModel(seed: 1, blocks: 2, integer: false)
        let joined = m.components()
        m.addConstraint(terms: [LinearTerm(VariableID(joined[0].columns[0])), LinearTerm(VariableID(joined[1].columns[0]))], .lessOrEqual(3))
        #expect(m.components().count == joined.count - 1)
    }

    @Test func lpBlockByBlockIsTheWholeLP() throws {
        for seed in UInt64(0)..<40 {
            let (m, _) = Self.blockModel(seed: seed, blocks: 3, integer: false)
            let whole = try GLPKSolver().solve(m)
            let split = try ComponentSolver(GLPKSolver()).solve(m)
            #expect(split.status == whole.status, "seed \(seed)")
            guard whole.status == .optimal, let a = whole.objective, let b = split.objective else { continue }
            #expect(abs(a - b) <= 1e-7, "seed \(seed): \(a) against \(b)")
            #expect(m.maximumViolation(split.values) <= 1e-7, "seed \(seed)")
            #expect(abs(m.objectiveValue(split.values) - b) <= 1e-7, "seed \(seed)")
            let duals = try #require(split.duals), reduced = try #require(split.reducedCosts)
            // c − Aᵀy, column by column, and strong duality: the dual objective is the optimum.
            var costs = (0..<m.variableCount).map { m.variable(VariableID($0)).objectiveCoefficient }
            var dualObjective = m.objectiveConstant
            for (i, row) in m.constraints.enumerated() {
                for t in row.terms { costs[t.variable.index] -= t.coefficient * duals[i] }
                if duals[i] > 1e-9 { dualObjective += duals[i] * row.lowerBound }
                if duals[i] < -1e-9 { dualObjective += duals[i] * row.upperBound }
            }
            for j in 0..<m.variableCount {
                #expect(abs(costs[j] - reduced[j]) <= 1e-7, "seed \(seed): reduced cost of column \(j)")
                let v = m.variable(VariableID(j))
                dualObjective += reduced[j] * (reduced[j] > 0 ? v.lowerBound : v.upperBound)
            }
            #expect(abs(dualObjective - b) <= 1e-6, "seed \(seed): dual objective \(dualObjective) against \(b)")
            #expect(split.basis?.columns.count == m.variableCount)
        }
    }

    @Test func mipBlockByBlockIsTheWholeMIP() throws {
        var solved = 0
        for seed in UInt64(100)..<140 {
            let (m, _) = Self.blockModel(seed: seed, blocks: 3, integer: true)
            let whole = try GLPKSolver().solve(m)
            let split = try ComponentSolver(GLPKSolver()).solve(m)
            #expect(split.status == whole.status, "seed \(seed)")
            guard whole.status == .optimal, let a = whole.objective, let b = split.objective else { continue }
            solved += 1
            #expect(abs(a - b) <= 1e-7, "seed \(seed): \(a) against \(b)")
            #expect(split.bestBound == split.objective)
            #expect(m.maximumViolation(split.values) <= 1e-7, "seed \(seed)")
        }
        #expect(solved > 20, "most seeds are feasible")
    }

    /// An infeasible block makes the model infeasible; a row of constants that does not
    /// hold goes to the base solver whole, which says so.
    @Test func anInfeasibleBlockOrConstantRowIsTheModels() throws {
        var (m, columns) = Self.blockModel(seed: 3, blocks: 3, integer: false)
        m.addConstraint(terms: [LinearTerm(VariableID(columns[1][0]))], .greaterOrEqual(100))
        #expect(try ComponentSolver(GLPKSolver()).solve(m).status == .infeasible)
        var (c, _) = Self.blockModel(seed: 3, blocks: 3, integer: false)
        c.addConstraint(terms: [LinearTerm(VariableID(0))], .greaterOrEqual(5))
        #expect(try ComponentSolver(GLPKSolver()).solve(c).status == .infeasible)
    }

    /// With a warm start and a target that the start of one block and a better answer in
    /// another meet, the blocks after it keep their start, and the whole meets the target.
    @Test func aTargetMetStopsTheBlocksAfterIt() throws {
        for seed in UInt64(200)..<220 {
            let (m, _) = Self.blockModel(seed: seed, blocks: 3, integer: true)
            let whole = try GLPKSolver().solve(m)
            guard whole.status == .optimal, let best = whole.objective else { continue }
            // The optimum itself is a start that meets any target it reaches.
            var options = SolveOptions(warmStart: whole.values)
            options.objectiveTarget = best + 1
            let split = try ComponentSolver(GLPKSolver()).solve(m, options: options)
            let value = try #require(split.objective)
            #expect(value <= best + 1 + 1e-9, "seed \(seed)")
            #expect(split.termination == .targetReached, "seed \(seed)")
            #expect(m.maximumViolation(split.values) <= 1e-7)
        }
    }

    /// A bad model is refused for the whole model, every problem listed, before any block.
    @Test func aBadModelIsRefusedWhole() {
        var (m, _) = Self.blockModel(seed: 5, blocks: 3, integer: false)
        m.setObjectiveCoefficient(VariableID(3), .nan)
        m.setBounds(VariableID(4), lower: 2, upper: 1)
        #expect {
            _ = try ComponentSolver(GLPKSolver()).solve(m)
        } throws: { error in
            (error as? ModelValidationError)?.problems.count == 2
        }
    }

    /// Under a short time limit, a model of one large block and many tiny ones still gets
    /// every block solved: a tiny block's share of the time is never less than a solver's
    /// clock can count.
    @Test func tinyBlocksGetTimeToo() throws {
        var m = Model(name: "tiny-and-large")
        var large: [VariableID] = []
        for k in 0..<400 { large.append(m.addVariable(name: "l\(k)", upperBound: 1, objective: Double(k % 7) - 3)) }
        for k in 0..<399 { m.addConstraint(terms: [LinearTerm(large[k]), LinearTerm(large[k + 1])], .lessOrEqual(1)) }
        for k in 0..<200 {
            let a = m.addVariable(name: "a\(k)", upperBound: 1, objective: -1), b = m.addVariable(name: "b\(k)", upperBound: 1, objective: -2)
            m.addConstraint(terms: [LinearTerm(a), LinearTerm(b)], .lessOrEqual(1))
        }
        let whole = try GLPKSolver().solve(m)
        let split = try ComponentSolver(GLPKSolver()).solve(m, options: SolveOptions(timeLimit: 0.2))
        #expect(split.status == .optimal)
        #expect(abs((split.objective ?? 0) - (whole.objective ?? 1)) <= 1e-7)
    }
}
