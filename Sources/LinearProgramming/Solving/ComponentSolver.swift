/// A ``Solver`` that solves a model block by block: each of its independent blocks
/// (``Model/components()``) is handed to `base` on its own, and the answers are put
/// together. A model of one block goes to `base` whole.
///
/// The answer is the same as `base`'s on the whole model, block by block: the optimum of
/// a block-diagonal model is its blocks' optima side by side, and so are an LP's duals,
/// reduced costs and basis. What changes is the work: a simplex over blocks that share no
/// row needs more iterations together than apart, and a branch-and-bound tree over
/// independent blocks multiplies their trees. `rota generate` XL's LP is a block of shifts
/// and 399 small blocks of event teams: GLPK's primal simplex takes 2.2 s on it whole and
/// 0.7 s block by block.
///
/// How the options are shared:
/// - **Time.** Blocks are solved smallest first; each may use the time left in proportion
///   to its nonzeros among the blocks not yet solved (at least ``leastBlockSeconds``), and
///   what it leaves passes on.
/// - **Gap.** Each block is solved to ``SolveOptions/relativeGap``; the reported bound is
///   the sum of the blocks' (when every block has one), so the reported gap is the whole
///   model's, which is within the requested gap when no block's objective is negative.
/// - **Warm start and starting basis** are cut into each block's part.
/// - **Objective target.** With a warm start, a block's target is what it must reach for
///   the whole to meet the target, the other blocks at their answers or starts; once the
///   whole meets it, the blocks left keep their starts. Without one, blocks get no target.
/// - **Progress** reports the whole model's incumbent (the blocks solved, the one being
///   solved, and the starts of those to come; none without a warm start while blocks
///   remain) and its bound once the last block is being solved.
///
/// Fixed columns (equal bounds) are constants and keep their bound. A row with no free
/// column that its constants violate makes the model infeasible: `base` is given the
/// whole model, to say so in its own words.
public struct ComponentSolver: Solver {
    /// The solver each block goes to.
    public let base: any Solver

    public init(_ base: any Solver) {
        self.base = base
    }

    public func releaseThreadState() { base.releaseThreadState() }

    public func solve(_ model: Model, options: SolveOptions) throws(ModelValidationError) -> SolveResult {
        try model.validate(options: options)
        let blocks = model.components()
        guard blocks.count > 1, constantRowsHold(model) else { return try base.solve(model, options: options) }
        var merge = BlockMerge(model: model, options: options, blocks: blocks)
        for index in blocks.indices {
            if merge.targetMet {
                merge.keepStart(of: index)
                continue
            }
            let sub = model.submodel(blocks[index])
            let result = try base.solve(sub, options: merge.options(for: index))
            guard merge.add(result, of: index) else { break }
        }
        return merge.result()
    }

    /// Whether every row with no free column holds at the fixed columns' values.
    private func constantRowsHold(_ model: Model) -> Bool {
        model.rowsWithoutFreeColumns().allSatisfy { i in
            let row = model.row(i)
            // Every column of the row is fixed: its activity is Σ a·(the fixed value).
            let activity = zip(row.columns, row.values).reduce(0) { $0 + $1.1 * model.columnLower[$1.0] }
            return activity >= row.lower - Self.constantRowTolerance && activity <= row.upper + Self.constantRowTolerance
        }
    }

    /// How far a row of constants may miss its bounds and still hold (round-off).
    static let constantRowTolerance = 1e-9
    /// The least time a block is given (while that much is left), however small its share:
    /// a solver's clock counts milliseconds, and a block of a few nonzeros in a model of
    /// hundreds of thousands would otherwise get none and leave the model unsolved.
    public static let leastBlockSeconds = 0.05
}

/// The whole model's answer, put together block by block (``ComponentSolver``).
private struct BlockMerge {
    let model: Model
    let whole: SolveOptions
    let blocks: [ModelComponent]
    let stopwatch = Stopwatch()
    let isLP: Bool
    var values: [Double]
    var duals: [Double]?
    var basis: Basis?
    /// The objective constant and the fixed columns' cost, then each answered block's.
    var objective: Double
    var bound: Double?
    /// Each block's warm-start objective, when there is a warm start.
    let startObjectives: [Double]?
    var allOptimal = true
    var terminations: Set<SolveTermination> = []
    var nodes = 0, iterations = 0
    var failure: SolveResult?
    var targetMet = false

    init(model: Model, options: SolveOptions, blocks: [ModelComponent]) {
        self.model = model
        whole = options
        self.blocks = blocks
        isLP = !model.isMixedInteger
        values = (0..<model.variableCount).map { model.isFixed($0) ? model.columnLower[$0] : 0 }
        objective = model.objectiveValue(values)
        bound = objective
        if isLP {
            duals = [Double](repeating: 0, count: model.constraintCount)
            basis = Basis(rows: [BasisStatus](repeating: .basic, count: model.constraintCount),
                          columns: (0..<model.variableCount).map { model.isFixed($0) ? .fixed : .atLower })
        }
        startObjectives = options.warmStart.map { start in
            blocks.map { block in block.columns.reduce(0) { $0 + model.objective[$1] * start[$1] } }
        }
    }

    /// The options of block `index`: its time, its part of the starts, its target, and
    /// progress reported for the whole model.
    func options(for index: Int) -> SolveOptions {
        let block = blocks[index]
        var options = whole
        if let limit = whole.timeLimit {
            let left = max(0, limit - stopwatch.elapsed)
            let remaining = blocks[index...].reduce(0) { $0 + max($1.nonzeros, 1) }
            let share = left * Double(max(block.nonzeros, 1)) / Double(remaining)
            options.timeLimit = index == blocks.count - 1 ? left : min(left, max(share, ComponentSolver.leastBlockSeconds))
        }
        options.warmStart = whole.warmStart.map { start in block.columns.map { start[$0] } }
        options.startingBasis = whole.startingBasis.map { basis in
            Basis(rows: block.rows.map { basis.rows[$0] }, columns: block.columns.map { basis.columns[$0] })
        }
        let pending = startObjectives.map { $0[(index + 1)...].reduce(0, +) }
        options.objectiveTarget = whole.objectiveTarget.flatMap { target in pending.map { target - objective - $0 } }
        if let report = whole.progress {
            let done = objective, doneBound = bound, last = index == blocks.count - 1, started = stopwatch
            let doneNodes = nodes
            options.progress = { progress in
                let incumbent = progress.incumbent.flatMap { value in pending.map { done + value + $0 } ?? (last ? done + value : nil) }
                let bound = last ? progress.bound.flatMap { value in doneBound.map { $0 + value } } : nil
                let gap = incumbent.flatMap { i in bound.map { SolveResult.relativeGap(objective: i, bound: $0) } }
                report(SolveProgress(incumbent: incumbent, bound: bound, gap: gap, seconds: started.elapsed,
                                     nodes: doneNodes + progress.nodes, isNewIncumbent: progress.isNewIncumbent))
            }
        }
        return options
    }

    /// Takes block `index`'s answer; false when it ends the solve (no answer for the
    /// block, so none for the model).
    mutating func add(_ result: SolveResult, of index: Int) -> Bool {
        nodes += result.nodes
        iterations += result.iterations
        guard result.status.hasSolution, let value = result.objective else {
            failure = SolveResult(status: result.status, termination: result.termination, seconds: stopwatch.elapsed,
                                  nodes: nodes, iterations: iterations)
            return false
        }
        let block = blocks[index]
        for (k, j) in block.columns.enumerated() { values[j] = result.values[k] }
        if let rowDuals = result.duals, duals != nil { for (k, i) in block.rows.enumerated() { duals![i] = rowDuals[k] } }
        else { duals = nil }
        if let part = result.basis, basis != nil {
            for (k, i) in block.rows.enumerated() { basis!.rows[i] = part.rows[k] }
            for (k, j) in block.columns.enumerated() { basis!.columns[j] = part.columns[k] }
        } else { basis = nil }
        objective += value
        let blockBound = result.status == .optimal ? value : result.bestBound
        bound = bound.flatMap { total in blockBound.map { total + $0 } }
        if result.status != .optimal { allOptimal = false }
        terminations.insert(result.termination)
        if let target = whole.objectiveTarget, let starts = startObjectives {
            let whole = objective + starts[(index + 1)...].reduce(0, +)
            targetMet = model.sense == .minimize ? whole <= target : whole >= target
        }
        return true
    }

    /// Block `index` keeps its warm start: the whole already meets the target.
    mutating func keepStart(of index: Int) {
        guard let start = whole.warmStart, let starts = startObjectives else { return }
        for j in blocks[index].columns { values[j] = start[j] }
        objective += starts[index]
        bound = nil
        allOptimal = false
    }

    func result() -> SolveResult {
        if let failure { return failure }
        let termination: SolveTermination =
            if terminations.contains(.cancelled) { .cancelled }
            else if terminations.contains(.numericalFailure) { .numericalFailure }
            else if terminations.contains(.timeLimit) { .timeLimit }
            else if targetMet || terminations.contains(.targetReached) { .targetReached }
            else if terminations.contains(.gapReached) { .gapReached }
            else { .completed }
        var reducedCosts: [Double]?
        if let duals {
            // c − Aᵀy for every column, fixed ones included.
            var costs = model.objective
            for i in 0..<model.constraintCount where duals[i] != 0 {
                for k in model.rowStart[i]..<model.rowStart[i + 1] { costs[model.rowColumns[k]] -= model.rowValues[k] * duals[i] }
            }
            reducedCosts = costs
        }
        let reported = bound.map { model.sense == .minimize ? min($0, objective) : max($0, objective) }
        return SolveResult(status: allOptimal ? .optimal : .feasible, termination: termination, objective: objective,
                           bestBound: allOptimal ? objective : reported, values: values, duals: duals, reducedCosts: reducedCosts,
                           basis: basis, seconds: stopwatch.elapsed, nodes: nodes, iterations: iterations)
    }
}
