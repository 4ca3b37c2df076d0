extension Model {
    /// The model as CPLEX-LP text, which GLPK (`glpsol --lp`) and HiGHS read.
    ///
    /// - Names are kept where the format allows them; other characters become `_`, a
    ///   name that would start with a digit or a period gets a prefix, and a clash or
    ///   an empty name falls back to `x<column>` / `r<row>`.
    /// - The format has no ranged rows: a row with two different finite bounds is
    ///   written as two rows, `name_lo` and `name_hi`. Free rows are left out.
    /// - A nonzero ``objectiveConstant`` is written as a variable fixed at 1, named
    ///   `objconst`, because readers disagree about constants in the objective.
    ///
    /// O(variables + nonzeros). The model need not be valid; call
    /// ``validate(options:)`` first if readers must accept the text.
    public func cplexLPText() -> String {
        var names = LPNames()
        let columnLabels = (0..<variableCount).map { names.unique(columnNames[$0], fallback: "x\($0)") }
        let constantLabel = objectiveConstant != 0 ? names.unique("objconst", fallback: "objconst\(variableCount)") : nil

        var out = "\\ Model: \(LPNames.sanitize(name))\n"
        out += "\\ \(variableCount) variables, \(constraintCount) constraints, \(nonzeroCount) nonzeros\n"
        out += sense == .minimize ? "Minimize\n" : "Maximize\n"
        var line = LineWriter(head: " obj:")
        var wroteTerm = false
        for j in 0..<variableCount where objective[j] != 0 {
            line.append(term: objective[j], columnLabels[j], into: &out)
            wroteTerm = true
        }
        if let constantLabel {
            line.append(term: objectiveConstant, constantLabel, into: &out)
            wroteTerm = true
        }
        if !wroteTerm, let first = columnLabels.first { line.append(term: 0, first, into: &out) }
        line.finish(into: &out)

        out += "Subject To\n"
        var rowNames = LPNames()
        for i in 0..<constraintCount {
            let lower = rowLower[i], upper = rowUpper[i]
            if lower == -.infinity && upper == .infinity { continue }
            let label = rowNames.unique(self.rowNames[i], fallback: "r\(i)")
            let range = rowStart[i]..<rowStart[i + 1]
            func emit(_ name: String, _ op: String, _ rhs: Double) {
                var w = LineWriter(head: " \(name):")
                if range.isEmpty, let first = columnLabels.first {
                    w.append(term: 0, first, into: &out)
                }
                for k in range { w.append(term: rowValues[k], columnLabels[rowColumns[k]], into: &out) }
                w.finish(into: &out, suffix: " \(op) \(LPNames.number(rhs))")
            }
            if lower == upper {
                emit(label, "=", lower)
            } else if lower == -.infinity {
                emit(label, "<=", upper)
            } else if upper == .infinity {
                emit(label, ">=", lower)
            } else {
                emit(rowNames.unique(label + "_lo", fallback: "r\(i)_lo"), ">=", lower)
                emit(rowNames.unique(label + "_hi", fallback: "r\(i)_hi"), "<=", upper)
            }
        }

        out += "Bounds\n"
        for j in 0..<variableCount {
            let l = columnLower[j], u = columnUpper[j], x = columnLabels[j]
            switch (l == -.infinity, u == .infinity) {
            case (true, true): out += " \(x) free\n"
            case (false, true): out += " \(x) >= \(LPNames.number(l))\n"
            case (true, false): out += " -inf <= \(x) <= \(LPNames.number(u))\n"
            case (false, false):
                out += l == u ? " \(x) = \(LPNames.number(l))\n" : " \(LPNames.number(l)) <= \(x) <= \(LPNames.number(u))\n"
            }
        }
        if let constantLabel { out += " \(constantLabel) = 1\n" }

        let integers = (0..<variableCount).filter { columnKinds[$0].isIntegral }
        if !integers.isEmpty {
            // Binary columns are written as general integers with their [0, 1] bounds
            // above, which every reader understands the same way.
            out += "General\n"
            for j in integers { out += " \(columnLabels[j])\n" }
        }
        out += "End\n"
        return out
    }
}

/// Accumulates ` +3 x -2 y` terms, breaking lines so no line grows past 200 characters.
private struct LineWriter {
    var current: String
    init(head: String) { current = head }

    mutating func append(term coefficient: Double, _ name: String, into out: inout String) {
        let sign = coefficient < 0 || (coefficient == 0 && coefficient.sign == .minus) ? "-" : "+"
        let piece = " \(sign) \(LPNames.number(abs(coefficient))) \(name)"
        if current.utf8.count + piece.utf8.count > 200 {
            out += current + "\n"
            current = "   "
        }
        current += piece
    }

    mutating func finish(into out: inout String, suffix: String = "") {
        out += current + suffix + "\n"
    }
}

/// Symbolic names as the CPLEX-LP format allows them.
struct LPNames {
    private var used: Set<String> = []

    static let allowed: Set<Character> = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!\"#$%&()/,.;?@_'{}|~")

    static func sanitize(_ raw: String) -> String {
        var s = String(raw.map { allowed.contains($0) ? $0 : "_" }.prefix(200))
        if let first = s.first, first.isNumber || first == "." { s = "_" + s }
        return s
    }

    /// `raw`, sanitised, unless that is empty, a keyword-like token, or taken; then `fallback`.
    mutating func unique(_ raw: String, fallback: String) -> String {
        var candidate = Self.sanitize(raw)
        let lower = candidate.lowercased()
        if candidate.isEmpty || used.contains(candidate) || Self.reserved.contains(lower) || Self.looksNumeric(lower) {
            candidate = fallback
        }
        var n = 1
        let base = candidate
        while used.contains(candidate) { candidate = "\(base)_\(n)"; n += 1 }
        used.insert(candidate)
        return candidate
    }

    static let reserved: Set<String> = [
        "minimize", "minimum", "min", "maximize", "maximum", "max", "subject", "such", "s.t.", "st.", "st",
        "bounds", "bound", "general", "generals", "gen", "integer", "integers", "int", "binary", "binaries",
        "bin", "infinity", "inf", "free", "end", "obj",
    ]

    /// Names such as `e5` or `E12` read as exponents after a number in some readers.
    static func looksNumeric(_ s: String) -> Bool {
        guard let first = s.first, first == "e" else { return false }
        return s.dropFirst().allSatisfy(\.isNumber) && s.count > 1
    }

    /// A number in a form every LP reader parses exactly (round-trip precision).
    static func number(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
