/// One block of a block-diagonal model: columns and rows that share no nonzero with any
/// other block's. See ``Model/components()``.
public struct ModelComponent: Sendable, Hashable {
    /// The block's free columns, ascending.
    public var columns: [Int]
    /// The block's rows (every row with a nonzero in a free column of the block), ascending.
    public var rows: [Int]
    /// The block's nonzeros in free columns: its size, for ordering and sharing time.
    public var nonzeros: Int
}

extension Model {
    /// Whether column `j` is fixed (its bounds equal): a constant, not a decision.
    func isFixed(_ j: Int) -> Bool { columnLower[j] == columnUpper[j] }

    /// The model's independent blocks: the connected components of the graph whose nodes
    /// are the free columns and whose edges are the rows that hold two of them. A fixed
    /// column (equal bounds) is a constant and joins nothing; a row with no free column
    /// belongs to no block (``rowsWithoutFreeColumns()``).
    ///
    /// A model whose blocks share nothing is solved exactly by solving each block on its
    /// own, and that can be much faster than solving them together: GLPK's primal simplex
    /// on `rota generate` XL's LP (a 25,872-column block of shifts and 399 small blocks of
    /// events, which no row links) takes 2.2 s together and 0.7 s block by block, and a
    /// branch-and-bound tree over independent blocks multiplies their trees.
    ///
    /// Blocks are ordered by nonzeros, then by first column (deterministic). A column
    /// that is free but in no row is a block of its own. O(nonzeros × α(columns)).
    public func components() -> [ModelComponent] {
        // Union-find over columns: every row links its free columns to its first one.
        var parent = Array(0..<variableCount)
        func find(_ j: Int) -> Int {
            var root = j
            while parent[root] != root { root = parent[root] }
            var node = j
            while parent[node] != root { (node, parent[node]) = (parent[node], root) }
            return root
        }
        for i in 0..<constraintCount {
            var first = -1
            for k in rowStart[i]..<rowStart[i + 1] where !isFixed(rowColumns[k]) {
                let j = rowColumns[k]
                if first < 0 { first = find(j); continue }
                let root = find(j)
                if root != first { parent[root] = first }
            }
        }
        var block = [Int](repeating: -1, count: variableCount)
        var components: [ModelComponent] = []
        for j in 0..<variableCount where !isFixed(j) {
            let root = find(j)
            if block[root] < 0 {
                block[root] = components.count
                components.append(ModelComponent(columns: [], rows: [], nonzeros: 0))
            }
            block[j] = block[root]
            components[block[j]].columns.append(j)
        }
        for i in 0..<constraintCount {
            var owner = -1, count = 0
            for k in rowStart[i]..<rowStart[i + 1] where !isFixed(rowColumns[k]) {
                owner = block[rowColumns[k]]
                count += 1
            }
            guard owner >= 0 else { continue }
            components[owner].rows.append(i)
            components[owner].nonzeros += count
        }
        return components.sorted { ($0.nonzeros, $0.columns[0]) < ($1.nonzeros, $1.columns[0]) }
    }

    /// The rows that hold no free column: constants, satisfied or not whatever the blocks
    /// do. O(nonzeros).
    public func rowsWithoutFreeColumns() -> [Int] {
        (0..<constraintCount).filter { i in !(rowStart[i]..<rowStart[i + 1]).contains { !isFixed(rowColumns[$0]) } }
    }

    /// The model of one block: its columns and rows, every fixed column's value (its
    /// bound) moved into the rows' bounds, and no objective constant (the whole model's
    /// objective is the blocks' plus the constant and the fixed columns' cost).
    /// O(the block's nonzeros, counting fixed columns' in its rows).
    public func submodel(_ component: ModelComponent) -> Model {
        var sub = Model(name: name + "-block", sense: sense)
        var position = [Int: Int](minimumCapacity: component.columns.count)
        for j in component.columns {
            position[j] = sub.addVariable(name: columnNames[j], kind: columnKinds[j], lowerBound: columnLower[j],
                                          upperBound: columnUpper[j], objective: objective[j]).index
        }
        var terms: [LinearTerm] = []
        for i in component.rows {
            terms.removeAll(keepingCapacity: true)
            var fixed = 0.0
            for k in rowStart[i]..<rowStart[i + 1] {
                let j = rowColumns[k]
                if let p = position[j] { terms.append(LinearTerm(VariableID(p), rowValues[k])) } else { fixed += rowValues[k] * columnLower[j] }
            }
            sub.addConstraint(terms: terms, .range(rowLower[i] - fixed, rowUpper[i] - fixed), name: rowNames[i])
        }
        return sub
    }
}
