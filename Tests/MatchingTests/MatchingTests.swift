import RotaGLPK
import GLPK
@testable import LinearProgramming
import Testing
@testable import Matching

enum RandomMatching {
    static func make(seed: UInt64, left: Int, right: Int, quotas: Bool) -> MatchingProblem {
        var rng = SeededGenerator(seed: seed)
        func pick<T>(_ a: [T]) -> T { a[Int.random(in: 0..<a.count, using: &rng)] }
        let counties = ["east", "west"]
        let interests = ["reading", "music", "sport", "art", "cooking"]
        var mentors: [Participant] = []
        for i in 0..<left {
            let minP = Int.random(in: 0...1, using: &rng)
            mentors.append(Participant(
                id: "m\(i)", text: ["county": pick(counties), "supervisor": "s\(i % 2)", "language": pick(["zh", "yue"])],
                numbers: ["age": Double(Int.random(in: 30...60, using: &rng))],
                sets: ["interests": Set(interests.filter { _ in Bool.random(using: &rng) }), "skills": Set(["care", "study"].filter { _ in Bool.random(using: &rng) })],
                location: Location(x: Double.random(in: 0...20, using: &rng), y: Double.random(in: 0...20, using: &rng)),
                minimumPartners: minP, maximumPartners: Int.random(in: max(minP, 1)...2, using: &rng)))
        }
        var mentees: [Participant] = []
        for i in 0..<right {
            mentees.append(Participant(
                id: "g\(i)", text: ["county": pick(counties), "language": pick(["zh", "yue"]), "category": pick(["left-behind", "difficulty"])],
                numbers: ["age": Double(Int.random(in: 8...17, using: &rng)), "urgency": Double(Int.random(in: 0...3, using: &rng))],
                sets: ["interests": Set(interests.filter { _ in Bool.random(using: &rng) }), "needs": Set(["care", "study"].filter { _ in Int.random(in: 0..<3, using: &rng) == 0 })],
                location: Location(x: Double.random(in: 0...20, using: &rng), y: Double.random(in: 0...20, using: &rng)),
                mustMatch: Int.random(in: 0..<4, using: &rng) == 0, priority: Double(Int.random(in: 1...2, using: &rng))))
        }
        var filters: [EligibilityFilter] = [.covers(left: "skills", right: "needs")]
        if Bool.random(using: &rng) { filters.append(.sameText("county")) }
        if Bool.random(using: &rng) { filters.append(.maxDistance(15)) }
        return MatchingProblem(
            name: "random-\(seed)", left: mentors, right: mentees, filters: filters,
            score: [.distance(weight: 0.5), .shared(left: "interests", right: "interests", weight: 2),
                    .sameText(left: "language", right: "language", weight: 3), .numberDifference(left: "age", right: "age", weight: 0.1),
                    .rightNumber(key: "urgency", weight: 1)],
            baseScore: 5, quotas: quotas ? [GroupQuota(side: .left, attribute: "supervisor", maximum: 2)] : [], shortlistSize: 2)
    }

    /// (weighted matches − shortfall, total score) of a set of chosen edges, as the matcher ranks them.
    static func value(_ p: MatchingProblem, _ g: CandidateGraph, _ chosen: [Int]) -> (Double, Double) {
        var weighted = 0.0, score = 0.0
        var leftDegree = [Int](repeating: 0, count: p.left.count)
        for k in chosen {
            let e = g.edges[k]
            let r = p.right[e.right]
            weighted += r.priority * (r.mustMatch ? 10 : 1)
            score += e.score
            leftDegree[e.left] += 1
        }
        for (l, person) in p.left.enumerated() { weighted -= Double(max(0, person.minimumPartners - leftDegree[l])) * max(person.priority, 1e-3) }
        return (weighted, score)
    }

    static func feasible(_ p: MatchingProblem, _ g: CandidateGraph, _ chosen: [Int]) -> Bool {
        var leftDegree = [Int](repeating: 0, count: p.left.count), rightDegree = [Int](repeating: 0, count: p.right.count)
        for k in chosen { leftDegree[g.edges[k].left] += 1; rightDegree[g.edges[k].right] += 1 }
        if zip(leftDegree, p.left).contains(where: { $0 > $1.maximumPartners }) { return false }
        if zip(rightDegree, p.right).contains(where: { $0 > $1.maximumPartners }) { return false }
        for q in p.quotas {
            var counts: [String: Int] = [:]
            for k in chosen {
                let person = q.side == .left ? p.left[g.edges[k].left] : p.right[g.edges[k].right]
                if let v = person.text[q.attribute] { counts[v, default: 0] += 1 }
            }
            if counts.values.contains(where: { $0 > q.maximum }) { return false }
        }
        return true
    }
}

@Suite("Matching against brute force")
struct MatchingBruteForceTests {
    @Test(arguments: 0..<80)
    func smallMatchingIsOptimal(seed: UInt64) throws {
        let problem = RandomMatching.make(seed: seed, left: 3, right: 4, quotas: seed % 3 == 0)
        let graph = CandidateGraph(problem)
        try #require(graph.edges.count <= 12)
        var best: (Double, Double)?
        for mask in 0..<(1 << graph.edges.count) {
            let chosen = graph.edges.indices.filter { mask & (1 << $0) != 0 }
            guard RandomMatching.feasible(problem, graph, chosen) else { continue }
            let v = RandomMatching.value(problem, graph, chosen)
            if best == nil || v.0 > best!.0 + 1e-9 || (abs(v.0 - best!.0) <= 1e-9 && v.1 > best!.1 + 1e-9) { best = v }
        }
        let result = try Matcher().solve(problem)
        let chosen = graph.edges.indices.filter { k in result.pairs.contains { $0.left == problem.left[graph.edges[k].left].id && $0.right == problem.right[graph.edges[k].right].id } }
        let got = RandomMatching.value(problem, graph, chosen)
        #expect(RandomMatching.feasible(problem, graph, chosen), "seed \(seed)")
        #expect(abs(got.0 - best!.0) <= 1e-6, "seed \(seed): weighted matches \(got.0) vs \(best!.0)")
        #expect(abs(got.1 - best!.1) <= 1e-6, "seed \(seed): score \(got.1) vs \(best!.1)")
    }
}

@Suite("Matching properties")
struct MatchingPropertyTests {
    @Test(arguments: 0..<25)
    func lpPathIsIntegral(seed: UInt64) throws {
        let problem = RandomMatching.make(seed: 500 + seed, left: 25, right: 40, quotas: false)
        let f = Matcher().formulate(problem)
        #expect(!f.model.isMixedInteger)
        let lp = try GLPKSolver().solve(f.model)
        #expect(lp.status == .optimal)
        #expect(f.edgeColumns.allSatisfy { abs(lp.values[$0] - lp.values[$0].rounded()) <= 1e-9 }, "seed \(seed): fractional LP vertex")
        #expect(try Matcher().solve(problem).method == .networkSimplex)
    }

    @Test(arguments: 0..<25)
    func capacitiesEligibilityAndQuotasAreNeverViolated(seed: UInt64) throws {
        let problem = RandomMatching.make(seed: 900 + seed, left: 20, right: 35, quotas: seed % 2 == 0)
        let result = try Matcher().solve(problem)
        let left = Dictionary(uniqueKeysWithValues: problem.left.map { ($0.id, $0) })
        let right = Dictionary(uniqueKeysWithValues: problem.right.map { ($0.id, $0) })
        for pair in result.pairs { #expect(CandidateGraph.eligible(left[pair.left]!, right[pair.right]!, problem.filters)) }
        let leftCount = Dictionary(grouping: result.pairs, by: \.left).mapValues(\.count)
        let rightCount = Dictionary(grouping: result.pairs, by: \.right).mapValues(\.count)
        for (id, n) in leftCount { #expect(n <= left[id]!.maximumPartners) }
        for (_, n) in rightCount { #expect(n <= 1) }
        for q in problem.quotas {
            let bySupervisor = Dictionary(grouping: result.pairs, by: { left[$0.left]!.text[q.attribute]! }).mapValues(\.count)
            #expect(bySupervisor.values.allSatisfy { $0 <= q.maximum })
        }
        // Every unmatched right participant is reported with a reason.
        let matched = Set(result.pairs.map(\.right))
        #expect(Set(result.unmatched.filter { $0.side == .right }.map(\.id)) == Set(problem.right.map(\.id)).subtracting(matched))
    }

    @Test func blockingFindsExactlyTheEligiblePairsOfTheFullProduct() {
        for seed in UInt64(0)..<20 {
            let problem = RandomMatching.make(seed: 300 + seed, left: 15, right: 25, quotas: false)
            let graph = CandidateGraph(problem)
            var expected = Set<[Int]>()
            for l in problem.left.indices {
                for r in problem.right.indices where CandidateGraph.eligible(problem.left[l], problem.right[r], problem.filters) { expected.insert([l, r]) }
            }
            #expect(Set(graph.edges.map { [$0.left, $0.right] }) == expected, "seed \(seed)")
        }
    }

    @Test func shortlistsAreRankedAndMarkTheChosenPartner() throws {
        let problem = RandomMatching.make(seed: 77, left: 10, right: 15, quotas: false)
        let result = try Matcher().solve(problem)
        let chosen = Set(result.pairs.map { "\($0.left)|\($0.right)" })
        for list in result.shortlists {
            #expect(list.entries.count <= problem.shortlistSize)
            #expect(zip(list.entries, list.entries.dropFirst()).allSatisfy { $0.score >= $1.score })
            for e in list.entries {
                let key = list.side == .right ? "\(e.partner)|\(list.id)" : "\(list.id)|\(e.partner)"
                #expect(e.chosen == chosen.contains(key))
            }
        }
    }

    @Test func aStableRerunKeepsTheExistingPairs() throws {
        var problem = RandomMatching.make(seed: 12, left: 12, right: 18, quotas: false)
        let first = try Matcher().solve(problem)
        // Small changes that shift scores a little: pairs would move without stability.
        for i in problem.right.indices { problem.right[i].numbers["age"]! += Double(i % 3) }
        problem.existing = first.pairs.map { Pair(left: $0.left, right: $0.right) }
        problem.stabilityThreshold = 5
        let second = try Matcher().solve(problem)
        #expect(second.brokenExisting.isEmpty, "\(second.brokenExisting)")
        #expect(Set(second.pairs.map { Pair(left: $0.left, right: $0.right) }).isSuperset(of: problem.existing))
        #expect(second.pairs.filter(\.existing).count == first.pairs.count)
    }

    @Test func mustMatchParticipantsComeFirstAndCoverageIsReported() throws {
        // One official with one visit; two households, the second must be visited.
        let official = Participant(id: "o1", text: ["township": "t1"], maximumPartners: 1)
        let households = [
            Participant(id: "h1", text: ["township": "t1", "category": "other"], numbers: ["urgency": 3]),
            Participant(id: "h2", text: ["township": "t1", "category": "left-behind"], mustMatch: true),
            Participant(id: "h3", text: ["township": "t2", "category": "left-behind"], mustMatch: true),
        ]
        let problem = MatchingProblem(left: [official], right: households, filters: [.sameText("township")],
                                      score: [.rightNumber(key: "urgency", weight: 10)])
        let result = try Matcher().solve(problem, reportGroups: ["category", "township"])
        #expect(result.pairs.map(\.right) == ["h2"])
        let reasons = Dictionary(uniqueKeysWithValues: result.unmatched.map { ($0.id, $0.reason) })
        #expect(reasons["h1"] == .partnersAtCapacity)
        #expect(reasons["h3"] == .noEligiblePartner)
        #expect(result.coverage.contains(GroupCoverage(attribute: "category", value: "left-behind", total: 2, matched: 1)))
        #expect(result.coverage.contains(GroupCoverage(attribute: "township", value: "t2", total: 1, matched: 0)))
    }

    @Test func invalidProblemsThrowEveryIssue() {
        let problem = MatchingProblem(left: [Participant(id: "a", minimumPartners: 2, maximumPartners: 1), Participant(id: "a")],
                                      right: [Participant(id: "b", numbers: ["age": .nan])], score: [.distance(weight: .infinity)],
                                      existing: [Pair(left: "zz", right: "b")])
        let error = #expect(throws: MatchingProblemError.self) { try problem.validate() }
        #expect(error?.issues.count == 5)
    }
}

@Suite("Matching as a network flow")
struct MatchingFlowTests {
    /// The per-component network simplex must reach the same optimum as one LP over the whole graph.
    @Test(arguments: 0..<15)
    func flowReachesTheMonolithicLPOptimum(seed: UInt64) throws {
        let problem = RandomMatching.make(seed: 900 + seed, left: 25, right: 40, quotas: false)
        let matcher = Matcher()
        let formulation = matcher.formulate(problem)
        let whole = try GLPKSolver().solve(formulation.model, options: SolveOptions())
        try #require(whole.status == .optimal)
        let graph = formulation.graph
        let wholeChosen = graph.edges.indices.filter { whole.values[formulation.edgeColumns[$0]] > 0.5 }
        let result = try matcher.solve(problem)
        #expect(result.status == .optimal)
        let chosen = graph.edges.indices.filter { k in result.pairs.contains { $0.left == problem.left[graph.edges[k].left].id && $0.right == problem.right[graph.edges[k].right].id } }
        #expect(RandomMatching.feasible(problem, graph, chosen), "seed \(seed)")
        let a = RandomMatching.value(problem, graph, chosen), b = RandomMatching.value(problem, graph, wholeChosen)
        #expect(abs(a.0 - b.0) <= 1e-6 && abs(a.1 - b.1) <= 1e-6, "seed \(seed): \(a) vs \(b)")
    }

    /// A cancelled solve still returns a matching that respects every capacity.
    @Test(arguments: 0..<5)
    func aCancelledFlowStillRespectsCapacities(seed: UInt64) throws {
        let problem = RandomMatching.make(seed: 300 + seed, left: 25, right: 40, quotas: false)
        let token = CancellationToken()
        token.cancel()
        let result = try Matcher().solve(problem, options: SolveOptions(cancellation: token))
        #expect(result.status == .feasible)
        let graph = CandidateGraph(problem)
        let chosen = graph.edges.indices.filter { k in result.pairs.contains { $0.left == problem.left[graph.edges[k].left].id && $0.right == problem.right[graph.edges[k].right].id } }
        #expect(RandomMatching.feasible(problem, graph, chosen))
    }
}

@Suite("Network simplex")
struct NetworkSimplexTests {
    /// A random transshipment network: the network simplex's cost must equal the LP optimum
    /// of the same flow problem, and its flows must satisfy bounds and conservation.
    @Test(arguments: 0..<30)
    func matchesTheLPOptimumOnRandomNetworks(seed: UInt64) throws {
        var rng = SeededGenerator(seed: 7_000 + seed)
        let n = Int.random(in: 3...12, using: &rng)
        var network = NetworkSimplex(nodeCount: n)
        var model = Model(name: "flow", sense: .minimize)
        var arcs: [(Int, Int, Int, Int)] = []
        for _ in 0..<Int.random(in: n...(4 * n), using: &rng) {
            let a = Int.random(in: 0..<n, using: &rng), b = Int.random(in: 0..<n, using: &rng)
            guard a != b else { continue }
            let cap = Int.random(in: 0...6, using: &rng), cost = Int.random(in: -5...9, using: &rng)
            arcs.append((a, b, cap, cost))
            network.addArc(from: a, to: b, capacity: cap, cost: .init(primary: cost, secondary: 0))
            model.addVariable(name: "x\(arcs.count)", lowerBound: 0, upperBound: Double(cap), objective: Double(cost))
        }
        // Supplies from a random feasible flow would be ideal; random supplies may be infeasible,
        // and then both must say so.
        var supply = [Int](repeating: 0, count: n)
        for _ in 0..<3 {
            let a = Int.random(in: 0..<n, using: &rng), b = Int.random(in: 0..<n, using: &rng)
            let amount = Int.random(in: 0...5, using: &rng)
            supply[a] += amount
            supply[b] -= amount
        }
        for v in 0..<n {
            network.setSupply(v, supply[v])
            let terms = arcs.indices.compactMap { i -> LinearTerm? in
                arcs[i].0 == v ? LinearTerm(VariableID(i), 1) : arcs[i].1 == v ? LinearTerm(VariableID(i), -1) : nil
            }
            if !terms.isEmpty || supply[v] != 0 { model.addConstraint(terms: terms, .equal(Double(supply[v]))) }
        }
        let outcome = network.solve()
        let lp = try GLPKSolver().solve(model)
        if lp.status == .optimal {
            #expect(outcome == .optimal, "seed \(seed)")
            #expect(Double(network.cost.primary) == (lp.objective ?? .nan).rounded(), "seed \(seed): \(network.cost.primary) vs \(lp.objective)")
            var balance = [Int](repeating: 0, count: n)
            for (i, arc) in arcs.enumerated() {
                #expect(network.flows[i] >= 0 && network.flows[i] <= arc.2)
                balance[arc.0] += network.flows[i]
                balance[arc.1] -= network.flows[i]
            }
            #expect(balance == supply, "seed \(seed)")
        } else {
            #expect(outcome == .infeasible, "seed \(seed): LP says \(lp.status)")
        }
    }

    /// Secondary costs only break ties among primary optima.
    @Test func costsAreLexicographic() {
        // Two parallel routes 0 → 1: primary 1/secondary −100 against primary 0/secondary 50.
        var network = NetworkSimplex(nodeCount: 2)
        network.addArc(from: 0, to: 1, capacity: 1, cost: .init(primary: 1, secondary: -100))
        network.addArc(from: 0, to: 1, capacity: 1, cost: .init(primary: 0, secondary: 50))
        network.addArc(from: 0, to: 1, capacity: 1, cost: .init(primary: 0, secondary: 40))
        network.setSupply(0, 2)
        network.setSupply(1, -2)
        #expect(network.solve() == .optimal)
        #expect(network.flows == [0, 1, 1])
        #expect(network.cost == .init(primary: 0, secondary: 90))
    }
}

/// A solver that refuses every model, as a broken backend would.
struct RefusingMatchingSolver: Solver {
    func solve(_ model: Model, options: SolveOptions) throws(ModelValidationError) -> SolveResult {
        throw ModelValidationError(problems: [.init(kind: .invalidOption, message: "refused for the test")])
    }
}

@Suite("A matching solver that refuses")
struct RefusingMatchingSolverTests {
    @Test func theRefusalIsAThrownErrorNotATrap() throws {
        let problem = MatchingProblem(name: "t", left: [Participant(id: "a", text: ["town": "x"])], right: [Participant(id: "b", text: ["town": "x"])],
                                      quotas: [GroupQuota(side: .right, attribute: "town", maximum: 1)])
        let error = #expect(throws: MatchingProblemError.self) { _ = try Matcher(solver: RefusingMatchingSolver()).solve(problem) }
        #expect(error?.issues.first?.path == "solver")
    }
}
