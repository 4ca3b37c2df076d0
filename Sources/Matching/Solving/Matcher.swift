import GLPK
import LinearProgramming

/// Why a participant ended up without (enough) partners.
public enum UnmatchedReason: String, Hashable, Sendable, Codable {
    /// No one on the other side passes the eligibility filters.
    case noEligiblePartner = "no-eligible-partner"
    /// Every eligible partner is already at capacity.
    case partnersAtCapacity = "partners-at-capacity"
    /// A group quota stopped the pair.
    case quota = "quota"
    /// (Left side) fewer partners than the participant's minimum.
    case belowMinimum = "below-minimum"
}

/// A pair in the matching.
public struct MatchedPair: Hashable, Sendable {
    public var left: String
    public var right: String
    public var score: Double
    /// Whether the pair was already in place (``MatchingProblem/existing``).
    public var existing: Bool
}

/// A participant left unmatched, or below their minimum.
public struct UnmatchedParticipant: Hashable, Sendable {
    public enum Side: String, Hashable, Sendable { case left, right }
    public var side: Side
    public var id: String
    public var reason: UnmatchedReason
    public var mustMatch: Bool
    /// Partners assigned (0 for the right side).
    public var partners: Int
}

/// The top alternatives for one participant.
public struct Shortlist: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var partner: String
        public var score: Double
        public var chosen: Bool
    }
    public var side: UnmatchedParticipant.Side
    public var id: String
    public var entries: [Entry]
}

/// How much of one group (a category, a township) was matched.
public struct GroupCoverage: Hashable, Sendable {
    public var attribute: String
    public var value: String
    public var total: Int
    public var matched: Int
    public var fraction: Double { total == 0 ? 1 : Double(matched) / Double(total) }
}

/// The outcome of ``Matcher/solve(_:reportGroups:options:)``.
public struct MatchingResult: Sendable {
    public var pairs: [MatchedPair]
    public var unmatched: [UnmatchedParticipant]
    public var shortlists: [Shortlist]
    /// Right-side coverage per value of each requested attribute.
    public var coverage: [GroupCoverage]
    public var totalScore: Double
    /// Existing pairs that were not kept.
    public var brokenExisting: [Pair]
    public var status: SolveStatus
    public var seconds: Double
    public var eligiblePairs: Int
    public var variables: Int
    public var constraints: Int
    /// True when solved as a pure LP (no quotas), whose optimum is integral.
    public var solvedAsLP: Bool
}

/// Solves capacitated bipartite matchings exactly.
///
/// Without quotas the model has only degree and capacity rows: its matrix is the
/// incidence matrix of a bipartite graph (plus slack columns), which is totally
/// unimodular, so the LP optimum at a simplex vertex is integral and the LP *is* the
/// exact solution. Quotas add side constraints; the same model then becomes a MIP with
/// binary pair variables.
///
/// The objective maximises Σ (M·priority + score) over chosen pairs, minus M per missing
/// partner below a left participant's minimum, where M exceeds the whole range of total
/// scores: one more (priority-weighted) match always wins over any score change. Must-match
/// participants weigh 10 × their priority.
public struct Matcher: Sendable {
    public var solver: any Solver
    public init(solver: any Solver = GLPKSolver()) { self.solver = solver }

    /// The built model and what its columns mean.
    public struct Formulation: Sendable {
        public var model: Model
        public var graph: CandidateGraph
        /// Column of each edge.
        public var edgeColumns: [Int]
        public var usesIntegers: Bool
        /// Column of each left participant's below-minimum slack, if it has a minimum.
        var shortColumns: [Int?] = []
        /// Per edge: the must-match weight (multiplied by the separating constant M) and the
        /// score part of its objective coefficient.
        var edgeWeights: [Double] = []
        var edgeScores: [Double] = []
    }

    /// Builds the model for `problem`. O(L + R + E).
    public func formulate(_ problem: MatchingProblem) -> Formulation {
        let graph = CandidateGraph(problem)
        let existing = Set(problem.existing)
        let bonus = problem.edgesBonus(graph, existing: existing)
        let usesIntegers = !problem.quotas.isEmpty
        let scores = graph.edges.indices.map { graph.edges[$0].score + bonus[$0] }
        let m = Self.separatingConstant(problem, graph, scores: scores, rights: problem.right.indices)
        var model = Model(name: problem.name, sense: .maximize)
        var columns: [Int] = []
        columns.reserveCapacity(graph.edges.count)
        var weights: [Double] = []
        var shortColumns = [Int?](repeating: nil, count: problem.left.count)
        for (k, e) in graph.edges.enumerated() {
            let r = problem.right[e.right]
            let weight = r.priority * (r.mustMatch ? 10 : 1)
            weights.append(weight)
            columns.append(model.addVariable(name: "p_\(e.left)_\(e.right)", kind: usesIntegers ? .binary : .continuous,
                                             lowerBound: 0, upperBound: 1, objective: m * weight + scores[k]).index)
        }
        for (r, p) in problem.right.enumerated() where !graph.byRight[r].isEmpty {
            model.addConstraint(terms: graph.byRight[r].map { LinearTerm(VariableID(columns[$0])) }, .lessOrEqual(Double(p.maximumPartners)))
        }
        for (l, p) in problem.left.enumerated() {
            let terms = graph.byLeft[l].map { LinearTerm(VariableID(columns[$0])) }
            if p.minimumPartners > 0 {
                let short = model.addVariable(name: "short_\(l)", lowerBound: 0, upperBound: Double(p.minimumPartners),
                                              objective: -m * max(p.priority, 1e-3))
                shortColumns[l] = short.index
                // Two rows keep the matrix totally unimodular: a repeated row and a slack column.
                model.addConstraint(terms: terms + [LinearTerm(short)], .greaterOrEqual(Double(p.minimumPartners)))
            }
            if !terms.isEmpty {
                model.addConstraint(terms: terms, .lessOrEqual(Double(p.maximumPartners)))
            }
        }
        for q in problem.quotas {
            var groups: [String: [Int]] = [:]
            for (k, e) in graph.edges.enumerated() {
                let person = q.side == .left ? problem.left[e.left] : problem.right[e.right]
                if let v = person.text[q.attribute] { groups[v, default: []].append(k) }
            }
            for value in groups.keys.sorted() where groups[value]!.count > q.maximum {
                model.addConstraint(terms: groups[value]!.map { LinearTerm(VariableID(columns[$0])) }, .lessOrEqual(Double(q.maximum)),
                                    name: "quota_\(q.attribute)_\(value)")
            }
        }
        return Formulation(model: model, graph: graph, edgeColumns: columns, usesIntegers: usesIntegers,
                           shortColumns: shortColumns, edgeWeights: weights, edgeScores: scores)
    }

    /// Solves `problem`. `reportGroups` names right-side text attributes to report coverage
    /// by (for example `category` and `township` for household visits).
    public func solve(_ problem: MatchingProblem, reportGroups: [String] = [], options: SolveOptions = SolveOptions()) throws(MatchingProblemError) -> MatchingResult {
        try problem.validate()
        let f = formulate(problem)
        var result: SolveResult
        if f.usesIntegers {
            do {
                result = try solver.solve(f.model, options: options)
            } catch {
                preconditionFailure("the matching formulation built an invalid model: \(error)")
            }
        } else {
            result = solveByComponents(problem, f, options: options)
        }
        var solvedAsLP = !f.usesIntegers
        if solvedAsLP, result.status.hasSolution, !f.edgeColumns.allSatisfy({ abs(result.values[$0] - result.values[$0].rounded()) <= 1e-6 }) {
            // Total unimodularity guarantees an integral vertex; numerical trouble is the only
            // way here. Fall back to the MIP rather than round.
            var mip = f.model
            for c in f.edgeColumns { mip.setKind(VariableID(c), .binary) }
            do { result = try solver.solve(mip, options: options) } catch { preconditionFailure("\(error)") }
            solvedAsLP = false
        }
        return assemble(problem, f, result, reportGroups: reportGroups, solvedAsLP: solvedAsLP)
    }

    func assemble(_ problem: MatchingProblem, _ f: Formulation, _ result: SolveResult, reportGroups: [String], solvedAsLP: Bool) -> MatchingResult {
        let graph = f.graph
        let chosen: [Bool] = f.edgeColumns.map { result.status.hasSolution && result.values[$0] > 0.5 }
        let existing = Set(problem.existing)
        var pairs: [MatchedPair] = []
        var leftDegree = [Int](repeating: 0, count: problem.left.count)
        var rightDegree = [Int](repeating: 0, count: problem.right.count)
        for (k, e) in graph.edges.enumerated() where chosen[k] {
            let pair = Pair(left: problem.left[e.left].id, right: problem.right[e.right].id)
            pairs.append(MatchedPair(left: pair.left, right: pair.right, score: e.score, existing: existing.contains(pair)))
            leftDegree[e.left] += 1
            rightDegree[e.right] += 1
        }
        pairs.sort { ($0.left, $0.right) < ($1.left, $1.right) }
        var unmatched: [UnmatchedParticipant] = []
        for (r, p) in problem.right.enumerated() where rightDegree[r] == 0 && p.maximumPartners > 0 {
            let edges = graph.byRight[r]
            let reason: UnmatchedReason
            if edges.isEmpty {
                reason = .noEligiblePartner
            } else if edges.allSatisfy({ leftDegree[graph.edges[$0].left] >= problem.left[graph.edges[$0].left].maximumPartners }) {
                reason = .partnersAtCapacity
            } else {
                reason = .quota
            }
            unmatched.append(UnmatchedParticipant(side: .right, id: p.id, reason: reason, mustMatch: p.mustMatch, partners: 0))
        }
        for (l, p) in problem.left.enumerated() where leftDegree[l] < p.minimumPartners {
            let reason: UnmatchedReason = graph.byLeft[l].isEmpty ? .noEligiblePartner : .belowMinimum
            unmatched.append(UnmatchedParticipant(side: .left, id: p.id, reason: reason, mustMatch: p.mustMatch, partners: leftDegree[l]))
        }
        let k = problem.shortlistSize
        func shortlist(_ side: UnmatchedParticipant.Side, _ id: String, _ edges: [Int], partner: (CandidateGraph.Edge) -> String) -> Shortlist {
            let top = edges.sorted { a, b in
                let x = graph.edges[a], y = graph.edges[b]
                return x.score != y.score ? x.score > y.score : partner(x) < partner(y)
            }.prefix(k)
            return Shortlist(side: side, id: id, entries: top.map { Shortlist.Entry(partner: partner(graph.edges[$0]), score: graph.edges[$0].score, chosen: chosen[$0]) })
        }
        var shortlists: [Shortlist] = []
        if k > 0 {
            for (r, p) in problem.right.enumerated() { shortlists.append(shortlist(.right, p.id, graph.byRight[r]) { problem.left[$0.left].id }) }
            for (l, p) in problem.left.enumerated() { shortlists.append(shortlist(.left, p.id, graph.byLeft[l]) { problem.right[$0.right].id }) }
        }
        var coverage: [GroupCoverage] = []
        for attribute in reportGroups {
            var total: [String: Int] = [:], matched: [String: Int] = [:]
            for (r, p) in problem.right.enumerated() {
                guard let v = p.text[attribute] else { continue }
                total[v, default: 0] += 1
                if rightDegree[r] > 0 { matched[v, default: 0] += 1 }
            }
            for v in total.keys.sorted() { coverage.append(GroupCoverage(attribute: attribute, value: v, total: total[v]!, matched: matched[v] ?? 0)) }
        }
        let kept = Set(pairs.map { Pair(left: $0.left, right: $0.right) })
        return MatchingResult(
            pairs: pairs, unmatched: unmatched, shortlists: shortlists, coverage: coverage,
            totalScore: pairs.reduce(0) { $0 + $1.score }, brokenExisting: problem.existing.filter { !kept.contains($0) }.sorted(),
            status: result.status, seconds: result.seconds, eligiblePairs: graph.edges.count,
            variables: f.model.variableCount, constraints: f.model.constraintCount, solvedAsLP: solvedAsLP)
    }
}

extension MatchingProblem {
    /// The stability bonus of each edge: ``stabilityThreshold`` for existing pairs.
    func edgesBonus(_ graph: CandidateGraph, existing: Set<Pair>) -> [Double] {
        guard !existing.isEmpty, stabilityThreshold > 0 else { return Array(repeating: 0, count: graph.edges.count) }
        return graph.edges.map { existing.contains(Pair(left: left[$0.left].id, right: right[$0.right].id)) ? stabilityThreshold : 0 }
    }
}

extension Matcher {
    /// Solves a matching without quotas one connected component of the candidate graph at
    /// a time (components batched up to about 20,000 edges per LP).
    ///
    /// Without quotas nothing links two components, so the optimum is the union of the
    /// components' optima. Each batch gets its own separating constant M, computed from its
    /// own right-hand participants, which keeps objective coefficients small enough for
    /// the simplex tolerances to see every difference in score. A county blocked by
    /// township becomes sixty small LPs instead of one with a quarter of a million columns.
    /// O(E α(E)) to find the components, plus the LPs.
    func solveByComponents(_ problem: MatchingProblem, _ f: Formulation, options: SolveOptions) -> SolveResult {
        let graph = f.graph
        let leftCount = problem.left.count
        // Union–find over left nodes 0..<L and right nodes L..<L+R.
        var parent = Array(0..<(leftCount + problem.right.count))
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for e in graph.edges {
            let a = find(e.left), b = find(leftCount + e.right)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var componentEdges: [Int: [Int]] = [:]
        var order: [Int] = []
        for (k, e) in graph.edges.enumerated() {
            let root = find(e.left)
            if componentEdges[root] == nil { order.append(root) }
            componentEdges[root, default: []].append(k)
        }
        var batches: [[Int]] = [[]]
        for root in order {
            if batches[batches.count - 1].count >= 20_000 { batches.append([]) }
            batches[batches.count - 1] += componentEdges[root]!
        }
        // Start with nothing matched: every minimum's slack at its largest.
        var values = [Double](repeating: 0, count: f.model.variableCount)
        for (l, c) in f.shortColumns.enumerated() { if let c { values[c] = Double(problem.left[l].minimumPartners) } }
        let stopwatch = Stopwatch()
        var status = SolveStatus.optimal
        var termination = SolveTermination.completed
        for batch in batches where !batch.isEmpty {
            var free = [Bool](repeating: false, count: f.model.variableCount)
            var lefts = Set<Int>(), rights = Set<Int>()
            for k in batch {
                free[f.edgeColumns[k]] = true
                lefts.insert(graph.edges[k].left)
                rights.insert(graph.edges[k].right)
            }
            for l in lefts { if let c = f.shortColumns[l] { free[c] = true } }
            let m = Self.separatingConstant(problem, graph, scores: f.edgeScores, rights: rights)
            var sub = f.model.restricted(free: free, values: values)
            var subColumn = [Int: Int]()
            for (i, j) in sub.originalColumns.enumerated() { subColumn[j] = i }
            for k in batch {
                sub.model.setObjectiveCoefficient(VariableID(subColumn[f.edgeColumns[k]]!), m * f.edgeWeights[k] + f.edgeScores[k])
            }
            for l in lefts { if let c = f.shortColumns[l] { sub.model.setObjectiveCoefficient(VariableID(subColumn[c]!), -m * max(problem.left[l].priority, 1e-3)) } }
            sub.model.objectiveConstant = 0
            var batchOptions = options
            if let limit = options.timeLimit { batchOptions.timeLimit = max(0, limit - stopwatch.elapsed) }
            let result: SolveResult
            do { result = try solver.solve(sub.model, options: batchOptions) } catch {
                preconditionFailure("the matching formulation built an invalid model: \(error)")
            }
            guard result.status.hasSolution else {
                status = result.status == .cancelled || result.termination == .timeLimit ? .feasible : result.status
                termination = result.termination
                break
            }
            if result.status != .optimal { status = .feasible; termination = result.termination }
            values = sub.expand(result.values, into: values)
        }
        return SolveResult(status: status, termination: termination, objective: f.model.objectiveValue(values), values: values,
                           seconds: stopwatch.elapsed)
    }

    /// The separating constant M for the right participants `rights`: larger than any
    /// change the pairs they can take part in can make to the total score, so one more
    /// person matched always outweighs any score. `scores` is per edge. O(edges of `rights`).
    static func separatingConstant(_ problem: MatchingProblem, _ graph: CandidateGraph, scores: [Double], rights: some Sequence<Int>) -> Double {
        var m = 1.0
        for r in rights {
            let best = graph.byRight[r].map { abs(scores[$0]) }.max() ?? 0
            m += 2 * best * Double(max(problem.right[r].maximumPartners, 1))
        }
        return m
    }
}
