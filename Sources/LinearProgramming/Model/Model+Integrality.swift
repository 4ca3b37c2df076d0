extension Model {
    /// Whether `objective` takes an integer value at an optimal solution of this MIP, so
    /// that any valid lower bound `b` on its minimum can be raised to ⌈b⌉.
    ///
    /// A sufficient condition, checked in O(nonzeros):
    /// 1. the objective's constant and coefficients are integers, and every integer
    ///    column's finite bounds are integers;
    /// 2. every continuous column has integer finite bounds and appears in at most one
    ///    row, with coefficient +1 or −1;
    /// 3. every row that holds a continuous column has integer coefficients and integer
    ///    finite sides.
    ///
    /// Why it suffices: with the integer columns fixed at integers, what is left splits
    /// into one small LP per row over that row's continuous columns (each appears in no
    /// other row). Such an LP — one row of ±1 coefficients and box bounds, all integral —
    /// has a totally unimodular matrix and integral data, so an integral optimal vertex;
    /// the objective, with integer coefficients, is then an integer there. Rows without a
    /// continuous column constrain only integer columns and need no condition.
    public func objectiveIsIntegral(_ objective: LinearExpression) -> Bool {
        func integral(_ v: Double) -> Bool { !v.isFinite || v == v.rounded() }
        guard integral(objective.constant), objective.constant.isFinite else { return false }
        for t in objective.terms where t.coefficient != 0 {
            guard t.coefficient.isFinite, t.coefficient == t.coefficient.rounded() else { return false }
        }
        var rowsOfColumn = [Int](repeating: 0, count: variableCount)
        for j in 0..<variableCount {
            guard integral(columnLower[j]), integral(columnUpper[j]) else { return false }
        }
        for i in 0..<constraintCount {
            let range = rowStart[i]..<rowStart[i + 1]
            var holdsContinuous = false
            for k in range where !columnKinds[rowColumns[k]].isIntegral {
                holdsContinuous = true
                rowsOfColumn[rowColumns[k]] += 1
                guard abs(rowValues[k]) == 1, rowsOfColumn[rowColumns[k]] <= 1 else { return false }
            }
            guard holdsContinuous else { continue }
            guard integral(rowLower[i]), integral(rowUpper[i]) else { return false }
            for k in range { guard rowValues[k] == rowValues[k].rounded() else { return false } }
        }
        return true
    }
}
