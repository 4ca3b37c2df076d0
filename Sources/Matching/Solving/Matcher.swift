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
    /// How the matching was solved.
    public var method: MatchingMethod
}

/// The algorithm behind a ``MatchingResult``.
public enum MatchingMethod: String, Hashable, Sendable {
    /// Without quotas: an exact minimum-cost flow (network simplex), integral by construction.
    case networkSimplex = "network-simplex"
    /// With quotas: the model's MIP, solved by the ``Matcher/solver``.
    case mixedInteger = "mixed-integer"
}

/// Solves capacitated bipartite matchings exactly.
///
/// Without quotas the model has only degree and capacity rows: its matrix is the
/// incidence matrix of a bipartite graph (plus slack columns), which is totally
/// unimodular, so the problem is a minimum-cost flow and is solved as one, exactly and
/// in integers, by a network simplex per connected component (see
/// `solveByFlow`). Quotas add side constraints; the same model then becomes a MIP
/// with binary pair variables, solved by ``solver``.
///
/// The objective maximises Σ (M·priority + score) over chosen pairs, minus M per missing
/// partner below a left participant's minimum, where M exceeds the whole range of total
/// scores: one more (priority-weighted) match always wins over any score change. Must-match
/// participants weigh 10 × their priority.
public struct Matcher: Sendable {
    public var solver: any Solver
    /// A matcher over `solver` (used with quotas); `Matcher()` (GLPK) comes with the `RotaGLPK` module.
    public init(solver: any Solver) { self.solver = solver }

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
        let m = Self.separatingConstant(problem, graph, scores: scores)
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
        // Options are checked like the problem: a bad time limit or gap is an error, never a trap.
        if let t = options.timeLimit, let why = SolveOptions.timeLimitIssue(t) {
            throw MatchingProblemError(issues: [.init(path: "options.timeLimit", message: why)])
        }
        if let why = SolveOptions.relativeGapIssue(options.relativeGap) {
            throw MatchingProblemError(issues: [.init(path: "options.relativeGap", message: why)])
        }
        let f = formulate(problem)
        let result: SolveResult
        if f.usesIntegers {
            do {
                result = try solver.solve(f.model, options: options)
            } catch {
                // The formulation builds valid models from a valid problem: a refusal is the
                // plugged-in solver's (or a bug), reported to the caller, never a trap.
                throw MatchingProblemError(issues: [.init(path: "solver", message: "the solver refused the matching model: \(error)")])
            }
        } else {
            result = solveByFlow(problem, f, options: options)
        }
        return assemble(problem, f, result, reportGroups: reportGroups, method: f.usesIntegers ? .mixedInteger : .networkSimplex)
    }

    func assemble(_ problem: MatchingProblem, _ f: Formulation, _ result: SolveResult, reportGroups: [String], method: MatchingMethod) -> MatchingResult {
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
            variables: f.model.variableCount, constraints: f.model.constraintCount, method: method)
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
    /// Solves a matching without quotas as a minimum-cost flow, one connected component of
    /// the candidate graph at a time, with ``NetworkSimplex``.
    ///
    /// Without quotas the matching is a flow: source → left participant (an arc of capacity
    /// `minimumPartners` that earns the below-minimum weight, and one for the rest up to
    /// `maximumPartners`) → right participant (one arc per eligible pair) → sink (capacity
    /// `maximumPartners`), plus a bypass arc from source to sink for flow left unmatched.
    /// Nothing links two components, so the optimum is the union of the components'
    /// optima; a county blocked by township becomes sixty small networks.
    ///
    /// Costs are exact integers compared lexicographically, (priority weight, score): one
    /// more priority-weighted match always wins over any score, as the separating constant
    /// of the LP formulation says, but with no large coefficients. Priorities are resolved
    /// to 1/1000 and scores to 10⁻⁶ (coarser only if a model is so large that finer units
    /// could overflow 64-bit sums). O(E α(E)) to find the components, plus the pivots.
    func solveByFlow(_ problem: MatchingProblem, _ f: Formulation, options: SolveOptions) -> SolveResult {
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
        let units = FlowUnits(problem, f)
        var values = [Double](repeating: 0, count: f.model.variableCount)
        let stopwatch = Stopwatch()
        var termination = SolveTermination.completed
        func shouldStop() -> Bool {
            if options.cancellation?.isCancelled == true { termination = .cancelled; return true }
            if let limit = options.timeLimit, stopwatch.elapsed > limit { termination = .timeLimit; return true }
            return false
        }
        var leftDegree = [Int](repeating: 0, count: leftCount)
        var rightDegree = [Int](repeating: 0, count: problem.right.count)
        var local = [Int](repeating: -1, count: leftCount + problem.right.count)
        for root in order {
            let edges = componentEdges[root]!
            // Nodes: 0 source, 1 sink, then the component's participants in first-seen order.
            var nodes: [Int] = []
            for k in edges {
                for x in [graph.edges[k].left, leftCount + graph.edges[k].right] where local[x] < 0 {
                    local[x] = 2 + nodes.count
                    nodes.append(x)
                }
            }
            var network = NetworkSimplex(nodeCount: 2 + nodes.count)
            var supply = 0
            for x in nodes {
                if x < leftCount {
                    let p = problem.left[x]
                    if p.minimumPartners > 0 {
                        network.addArc(from: 0, to: local[x], capacity: p.minimumPartners, cost: .init(primary: -units.shortWeight(p), secondary: 0))
                    }
                    network.addArc(from: 0, to: local[x], capacity: p.maximumPartners - p.minimumPartners, cost: .zero)
                    supply += p.maximumPartners
                } else {
                    network.addArc(from: local[x], to: 1, capacity: problem.right[x - leftCount].maximumPartners, cost: .zero)
                }
            }
            let firstEdgeArc = network.arcCount
            for k in edges {
                let e = graph.edges[k]
                network.addArc(from: local[e.left], to: local[leftCount + e.right], capacity: 1,
                               cost: .init(primary: -units.weight(f.edgeWeights[k]), secondary: -units.score(f.edgeScores[k])))
            }
            network.addArc(from: 0, to: 1, capacity: supply, cost: .zero)
            network.setSupply(0, supply)
            network.setSupply(1, -supply)
            let outcome = network.solve(shouldStop: shouldStop)
            for (i, k) in edges.enumerated() where network.flows[firstEdgeArc + i] > 0 {
                let e = graph.edges[k]
                // A stopped network may still route flow through its artificial arcs; never
                // let that exceed a capacity.
                guard outcome == .optimal || (leftDegree[e.left] < problem.left[e.left].maximumPartners
                                              && rightDegree[e.right] < problem.right[e.right].maximumPartners) else { continue }
                values[f.edgeColumns[k]] = 1
                leftDegree[e.left] += 1
                rightDegree[e.right] += 1
            }
            for x in nodes { local[x] = -1 }
            if outcome != .optimal { break }
        }
        for (l, c) in f.shortColumns.enumerated() {
            if let c { values[c] = Double(max(0, problem.left[l].minimumPartners - leftDegree[l])) }
        }
        return SolveResult(status: termination == .completed ? .optimal : .feasible, termination: termination,
                           objective: f.model.objectiveValue(values), values: values, seconds: stopwatch.elapsed)
    }

    /// The integer units of the flow costs: priority weights in thousandths and scores in
    /// millionths, coarsened where needed so that no path cost can overflow.
    struct FlowUnits {
        let weightScale: Double
        let scoreScale: Double

        init(_ problem: MatchingProblem, _ f: Formulation) {
            // Path sums stay below 2⁵⁸ when every cost is below 2⁵⁸ / (nodes + 2).
            let bound = Double(1 << 58) / Double(problem.left.count + problem.right.count + 4)
            let maxWeight = max(f.edgeWeights.map(abs).max() ?? 0, problem.left.map { max($0.priority, 1e-3) }.max() ?? 0)
            let maxScore = f.edgeScores.map(abs).max() ?? 0
            weightScale = maxWeight > 0 ? min(1e3, bound / maxWeight) : 1e3
            scoreScale = maxScore > 0 ? min(1e6, bound / maxScore) : 1e6
        }

        func weight(_ w: Double) -> Int { Int((w * weightScale).rounded()) }
        func score(_ s: Double) -> Int { Int((s * scoreScale).rounded()) }
        /// The weight of one missing partner below a left participant's minimum.
        func shortWeight(_ p: Participant) -> Int { max(1, weight(max(p.priority, 1e-3))) }
    }

    /// The separating constant M: larger than any change the pairs can make to the total
    /// score, so one more person matched always outweighs any score. `scores` is per edge.
    /// O(edges).
    static func separatingConstant(_ problem: MatchingProblem, _ graph: CandidateGraph, scores: [Double]) -> Double {
        var m = 1.0
        for r in problem.right.indices {
            let best = graph.byRight[r].map { abs(scores[$0]) }.max() ?? 0
            m += 2 * best * Double(max(problem.right[r].maximumPartners, 1))
        }
        return m
    }
}
