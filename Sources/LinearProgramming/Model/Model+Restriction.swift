/// A model with some columns fixed and substituted out, and the map back.
public struct RestrictedModel: Sendable {
    /// The smaller model over the free columns only.
    public var model: Model
    /// For each column of ``model``, its column in the original model.
    public var originalColumns: [Int]

    /// The original model's values: `base` with the free columns taken from `values`.
    public func expand(_ values: [Double], into base: [Double]) -> [Double] {
        var full = base
        for (k, j) in originalColumns.enumerated() { full[j] = values[k] }
        return full
    }

    /// The free columns' entries of a full-length vector.
    public func restrict(_ full: [Double]) -> [Double] { originalColumns.map { full[$0] } }
}

extension Model {
    /// The model with every column where `free` is false fixed at its value in `values`:
    /// fixed columns are substituted into row bounds and the objective constant, and rows
    /// left with no free column are dropped.
    ///
    /// This is what a large-neighbourhood search solves: the sub-model's size depends on
    /// the neighbourhood, not on the whole model, so a solver's every LP is small.
    /// O(variables + nonzeros).
    ///
    /// - Precondition: `free` and `values` have one entry per column. A dropped row is
    ///   not re-checked: `values` should satisfy it (it does when `values` is feasible).
    public func restricted(free: [Bool], values: [Double]) -> RestrictedModel {
        precondition(free.count == variableCount && values.count == variableCount, "one entry per column expected")
        var sub = Model(name: name + "-restricted", sense: sense)
        var newIndex = [Int](repeating: -1, count: variableCount)
        var original: [Int] = []
        var constant = objectiveConstant
        for j in 0..<variableCount {
            if free[j] {
                newIndex[j] = sub.addVariable(name: columnNames[j], kind: columnKinds[j], lowerBound: columnLower[j],
                                              upperBound: columnUpper[j], objective: objective[j]).index
                original.append(j)
            } else {
                constant += objective[j] * values[j]
            }
        }
        sub.objectiveConstant = constant
        var terms: [LinearTerm] = []
        for i in 0..<constraintCount {
            terms.removeAll(keepingCapacity: true)
            var fixed = 0.0
            for k in rowStart[i]..<rowStart[i + 1] {
                let j = rowColumns[k]
                if newIndex[j] >= 0 { terms.append(LinearTerm(VariableID(newIndex[j]), rowValues[k])) } else { fixed += rowValues[k] * values[j] }
            }
            guard !terms.isEmpty else { continue }
            sub.addConstraint(terms: terms, .range(rowLower[i] - fixed, rowUpper[i] - fixed), name: rowNames[i])
        }
        return RestrictedModel(model: sub, originalColumns: original)
    }
}

extension Model {
    /// The LP relaxation: the same model with every integer and binary column made
    /// continuous (binary bounds stay [0, 1]). O(variables).
    public var relaxed: Model {
        var copy = self
        for j in 0..<variableCount where columnKinds[j].isIntegral { copy.columnKinds[j] = .continuous }
        return copy
    }
}
