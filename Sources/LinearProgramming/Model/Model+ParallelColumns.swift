extension Model {
    /// The columns that some optimum leaves at 0 because *parallel* columns (the same kind,
    /// bounds [0, 1], and the same coefficient in every row) that cost no more can take
    /// their place: of a group of parallel columns, a row in which the group's sum cannot
    /// exceed K whatever the other columns do keeps only the K cheapest (ties to the lower
    /// index); the others are listed.
    ///
    /// Any solution (integer or fractional) that puts weight on a listed column can move it
    /// to a kept column of its group that has room: every row's activity stays the same and
    /// the objective does not get worse, so fixing the listed columns at 0 keeps an optimum
    /// of the model and of its LP relaxation. A volunteer who could fill a role of an event
    /// on a day when nothing else constrains them is such a column: only the cheapest of
    /// those candidates matter, as many as the role's cap (`rota generate` XL: 5,520 of the
    /// 11,274 event-role columns).
    ///
    /// O(nonzeros + columns × log columns).
    public func dominatedParallelColumns() -> [Int] {
        // Each row's least and greatest activity over every column's bounds.
        var least = [Double](repeating: 0, count: constraintCount)
        var most = [Double](repeating: 0, count: constraintCount)
        var byColumn = [[(row: Int, value: Double)]](repeating: [], count: variableCount)
        for i in 0..<constraintCount {
            for k in rowStart[i]..<rowStart[i + 1] {
                let j = rowColumns[k], a = rowValues[k]
                least[i] += a > 0 ? a * columnLower[j] : a * columnUpper[j]
                most[i] += a > 0 ? a * columnUpper[j] : a * columnLower[j]
                byColumn[j].append((i, a))
            }
        }
        var groups: [ParallelColumnKey: [Int]] = [:]
        for j in 0..<variableCount where columnLower[j] == 0 && columnUpper[j] == 1 && !byColumn[j].isEmpty {
            let key = ParallelColumnKey(kind: columnKinds[j], rows: byColumn[j].map(\.row), values: byColumn[j].map(\.value))
            groups[key, default: []].append(j)
        }
        let cost: (Int) -> Double = { [sense, objective] j in sense == .minimize ? objective[j] : -objective[j] }
        var dominated: [Int] = []
        for (key, members) in groups where members.count > 1 {
            // The most the group can hold: each member contributes nothing at 0, so a row
            // caps the group's sum by its room beyond the others' least (or most) activity.
            var room = Double(members.count)
            for (i, a) in zip(key.rows, key.values) {
                if a > 0, rowUpper[i].isFinite, least[i].isFinite { room = min(room, (rowUpper[i] - least[i]) / a) }
                if a < 0, rowLower[i].isFinite, most[i].isFinite { room = min(room, (most[i] - rowLower[i]) / -a) }
            }
            let kept = max(0, Int((room + Self.parallelRoomTolerance).rounded(.down)))
            guard kept < members.count else { continue }
            let ordered = members.sorted { (cost($0), $0) < (cost($1), $1) }
            dominated += ordered[kept...]
        }
        return dominated.sorted()
    }

    /// The model with ``dominatedParallelColumns()`` fixed at 0: the same optimal value,
    /// and every solution of it a solution of the model. O(nonzeros + columns × log columns).
    public func fixingDominatedParallelColumns() -> Model {
        var copy = self
        for j in dominatedParallelColumns() { copy.columnUpper[j] = 0 }
        return copy
    }

    /// Slack in reading a row's room as a whole number of columns.
    static let parallelRoomTolerance = 1e-9
}

/// A column's kind and its coefficients, row by row: parallel columns share it.
private struct ParallelColumnKey: Hashable {
    var kind: VariableKind
    var rows: [Int]
    var values: [Double]
}
