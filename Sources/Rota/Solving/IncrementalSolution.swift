import LinearProgramming

/// A solution of a ``RosterFormulation`` that takes changes to a few decisions and
/// reports their effect on every objective, in time proportional to the rows they touch.
///
/// It keeps every row's activity and every objective's value. ``apply(_:skipping:)`` sets
/// some columns, then brings each auxiliary whose defining rows moved back to its least
/// feasible value (the same rule as ``RosterFormulation/complete(_:)``), in creation
/// order, until nothing moves; it answers whether every touched row still holds.
/// ``undo(to:)`` rolls back to a mark, so a caller can try a change, read the objectives
/// and keep or drop it. This is what lets the schedule search weigh thousands of
/// one-person changes a second where re-completing the whole roster costs O(nonzeros)
/// each.
///
/// Values drift by rounding under long runs of changes; ``values`` is meant to be
/// cleaned (``RosterFormulation/cleaned(_:)``) before anyone else uses it.
struct IncrementalSolution {
    let formulation: RosterFormulation
    private(set) var values: [Double]
    private(set) var activity: [Double]
    /// The tracked objectives' values at ``values``.
    private(set) var objectiveValues: [Double]
    /// Dense coefficients by column, one array per tracked objective.
    private let coefficients: [[Double]]

    // The matrix by column.
    private let columnStart: [Int]
    private let columnRows: [Int]
    private let columnValues: [Double]
    private let rowLower: [Double]
    private let rowUpper: [Double]
    /// Row → the auxiliary (by creation position) it defines, or −1.
    private let definedBy: [Int]
    private let auxiliaryColumn: [Int]
    private let auxiliaryRows: [[(row: Int, coefficient: Double)]]
    private let auxiliaryFloor: [Double]
    private let auxiliaryIntegral: [Bool]

    // Scratch.
    private var log: [(column: Int, old: Double)] = []
    private var pendingMark: [Bool]
    private var touchedStamp: [Int]
    private var stamp = 0
    private var touched: [Int] = []

    /// Starts from `values` (a feasible, completed solution) tracking `objectives`.
    /// O(nonzeros + columns × objectives).
    init(formulation: RosterFormulation, values: [Double], objectives: [LinearExpression]) {
        self.formulation = formulation
        let model = formulation.model
        self.values = values
        activity = model.rowActivities(values)
        objectiveValues = objectives.map { $0.value(at: values) }
        coefficients = objectives.map { $0.denseCoefficients(count: model.variableCount) }
        // Transpose the rows.
        var counts = [Int](repeating: 0, count: model.variableCount + 1)
        var lower = [Double](repeating: 0, count: model.constraintCount)
        var upper = [Double](repeating: 0, count: model.constraintCount)
        model.forEachRow { r, columns, _, lo, up in
            for c in columns { counts[c + 1] += 1 }
            lower[r] = lo
            upper[r] = up
        }
        for j in 0..<model.variableCount { counts[j + 1] += counts[j] }
        var next = counts
        var rows = [Int](repeating: 0, count: counts.last ?? 0)
        var coefs = [Double](repeating: 0, count: counts.last ?? 0)
        model.forEachRow { r, columns, values, _, _ in
            for (c, a) in zip(columns, values) {
                rows[next[c]] = r
                coefs[next[c]] = a
                next[c] += 1
            }
        }
        columnStart = counts
        columnRows = rows
        columnValues = coefs
        rowLower = lower
        rowUpper = upper
        var definedBy = [Int](repeating: -1, count: model.constraintCount)
        var auxiliaryRows: [[(row: Int, coefficient: Double)]] = []
        for (position, (column, defining)) in formulation.auxiliaries.enumerated() {
            var list: [(row: Int, coefficient: Double)] = []
            for r in defining {
                definedBy[r] = position
                let row = model.row(r)
                let a = zip(row.columns, row.values).reduce(0.0) { $0 + ($1.0 == column ? $1.1 : 0) }
                if a != 0 { list.append((r, a)) }
            }
            auxiliaryRows.append(list)
        }
        self.definedBy = definedBy
        self.auxiliaryRows = auxiliaryRows
        auxiliaryColumn = formulation.auxiliaries.map(\.column)
        auxiliaryFloor = formulation.auxiliaries.map { max(model.variable(VariableID($0.column)).lowerBound, 0) }
        auxiliaryIntegral = formulation.auxiliaries.map { model.variable(VariableID($0.column)).kind.isIntegral }
        pendingMark = [Bool](repeating: false, count: formulation.auxiliaries.count)
        touchedStamp = [Int](repeating: 0, count: model.constraintCount)
    }

    /// A point to roll back to.
    var mark: Int { log.count }

    /// Forgets the undo history: everything applied so far stays.
    mutating func commit() { log.removeAll(keepingCapacity: true) }

    /// Rolls back every change made since `mark`.
    mutating func undo(to mark: Int) {
        while log.count > mark {
            let (column, old) = log.removeLast()
            write(column, old)
        }
    }

    /// Sets `changes` (column, value), recomputes the auxiliaries they reach, and returns
    /// whether every row touched (that `checking` selects, when given) still holds.
    /// Auxiliaries owned by `skipping` (a volunteer, see ``RosterFormulation``) are left as
    /// they are: pricing one person's items against everyone else uses that.
    /// O(rows touched × their length).
    @discardableResult
    mutating func apply(
        _ changes: some Sequence<(Int, Double)>, skipping owner: Int? = nil, checking include: ((Int) -> Bool)? = nil
    ) -> Bool {
        stamp += 1
        touched.removeAll(keepingCapacity: true)
        var pending: [Int] = []
        for (column, value) in changes { set(column, value, &pending) }
        // Rounds in creation order: an auxiliary depends only on earlier columns, and one
        // whose inputs move again is simply queued again.
        while !pending.isEmpty {
            var round = pending
            pending.removeAll(keepingCapacity: true)
            round.sort()
            for a in round {
                pendingMark[a] = false
                if formulation.auxiliaryOwners[a] == owner { continue }
                let column = auxiliaryColumn[a]
                var least = auxiliaryFloor[a]
                for (r, coefficient) in auxiliaryRows[a] {
                    let rest = activity[r] - coefficient * values[column]
                    if coefficient > 0, rowLower[r] > -.infinity { least = max(least, (rowLower[r] - rest) / coefficient) }
                    if coefficient < 0, rowUpper[r] < .infinity { least = max(least, (rowUpper[r] - rest) / coefficient) }
                }
                if auxiliaryIntegral[a] { least = (least - 1e-9).rounded(.up) }
                if abs(least - values[column]) > 1e-12 { set(column, least, &pending) }
            }
        }
        for r in touched where include?(r) ?? true {
            let tolerance = 1e-6 * max(1, abs(activity[r]))
            if activity[r] < rowLower[r] - tolerance || activity[r] > rowUpper[r] + tolerance { return false }
        }
        return true
    }

    /// Sets one column, logging the old value, and queues the auxiliaries its rows define.
    private mutating func set(_ column: Int, _ value: Double, _ pending: inout [Int]) {
        let old = values[column]
        if old == value { return }
        log.append((column, old))
        write(column, value)
        for k in columnStart[column]..<columnStart[column + 1] {
            let r = columnRows[k]
            if touchedStamp[r] != stamp {
                touchedStamp[r] = stamp
                touched.append(r)
            }
            let a = definedBy[r]
            if a >= 0, auxiliaryColumn[a] != column, !pendingMark[a] {
                pendingMark[a] = true
                pending.append(a)
            }
        }
    }

    /// Writes one column's value and carries it into row activities and objectives.
    private mutating func write(_ column: Int, _ value: Double) {
        let delta = value - values[column]
        values[column] = value
        for k in columnStart[column]..<columnStart[column + 1] { activity[columnRows[k]] += columnValues[k] * delta }
        for o in coefficients.indices where coefficients[o][column] != 0 { objectiveValues[o] += coefficients[o][column] * delta }
    }
}

/// Whether `a` is lexicographically better than `b` (earlier entries dominate), beyond a
/// relative tolerance.
func lexicographicallyBetter(_ a: [Double], than b: [Double]) -> Bool {
    for (x, y) in zip(a, b) {
        let tolerance = 1e-7 * max(1, abs(y))
        if x < y - tolerance { return true }
        if x > y + tolerance { return false }
    }
    return false
}
