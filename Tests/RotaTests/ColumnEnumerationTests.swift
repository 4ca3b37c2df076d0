import GLPK
import LinearProgramming
import Testing
@testable import Rota

/// Column enumeration (``CountedSchedule/enumerate(costs:within:most:)`` and
/// ``ColumnGeneration/enumerateAndSolve(upper:improvement:from:solver:until:proving:elapsed:options:)``):
/// the schedules listed are exactly those within the gap, and the master over them proves
/// the optimum.
@Suite("Column enumeration lists every schedule within the gap and proves the optimum")
struct ColumnEnumerationTests {
    /// On the counted one-volunteer problems (and several items a day), the schedules
    /// within Δ of the cheapest are exactly the feasible schedules that brute force prices
    /// within Δ, for random option costs and a random Δ; a limit below their number gives `nil`.
    @Test(arguments: 0..<60)
    func listsExactlyTheSchedulesWithinTheGap(seed: UInt64) throws {
        var problem = CountedProblems.make(seed: seed)
        let several = seed % 3 == 0
        if several {
            // Several items a day over four days: every subset of the items is checked.
            problem.volunteers[0].limits.maxShiftsPerDay = 2
            problem.horizon = Horizon(start: problem.horizon.start, days: 4, timeZone: "UTC")
            problem.events = problem.events.filter { problem.horizon.index(of: $0.date) != nil }
        }
        let formulation = RosterFormulation(problem: problem)
        let search = ScheduleSearch(formulation: formulation, objectives: [formulation.weightedObjective], seed: seed)
        let dp = try #require(search.schedules.first, "seed \(seed): unsupported")
        let counted = try #require(dp.counted)
        var rng = SeededGenerator(seed: seed &+ 11)
        let costs = (0..<dp.optionCount).map { _ in Double(Int.random(in: -60...20, using: &rng)) }
        let costOf = Dictionary(uniqueKeysWithValues: (0..<dp.optionCount).map { (dp.item[$0], costs[$0]) })
        let feasible = several ? Self.feasibleSubsets(formulation) : ScheduleProblems.feasibleSchedules(formulation)
        let priced = feasible.map { s in (s, s.reduce(0.0) { $0 + costOf[$1]! } + search.ownCost(s, 0)) }
        let cheapest = try #require(priced.map(\.1).min())
        #expect(abs(counted.shortestPath(costs: costs).value - cheapest) < 1e-6)
        let gap = Double(Int.random(in: 0...40, using: &rng))
        let expected = Set(priced.filter { $0.1 <= cheapest + gap + 1e-9 }.map { $0.0.sorted() })
        let listed = try #require(counted.enumerate(costs: costs, within: cheapest + gap, most: 100_000))
        let schedules = listed.map { $0.map { dp.item[$0] }.sorted() }
        #expect(Set(schedules) == expected, "seed \(seed): \(schedules.count) listed, \(expected.count) within \(gap)")
        #expect(schedules.count == Set(schedules).count, "seed \(seed): a schedule listed twice")
        if expected.count > 1 { #expect(counted.enumerate(costs: costs, within: cheapest + gap, most: expected.count - 1) == nil) }
    }

    /// Every subset of the one volunteer's items that keeps the rows (at most 2^14).
    static func feasibleSubsets(_ formulation: RosterFormulation) -> [[Int]] {
        let mine = formulation.itemsByVolunteer[0]
        precondition(mine.count <= 14, "too many items for brute force")
        return (0..<(1 << mine.count)).compactMap { mask in
            let schedule = mine.indices.filter { mask & (1 << $0) != 0 }.map { mine[$0] }
            var x = [Double](repeating: 0, count: formulation.model.variableCount)
            for id in schedule { x[formulation.items[id].column] = 1 }
            return formulation.model.maximumViolation(formulation.complete(x)) <= 1e-9 ? schedule : nil
        }
    }

    /// Three counted volunteers sharing the cover: after column generation converges,
    /// enumeration from the empty roster proves the MIP's optimum.
    @Test(arguments: 0..<12)
    func provesTheOptimum(seed: UInt64) throws {
        try provesTheOptimum(seed: seed, improvement: 1e-6)
    }

    /// With "better" meaning better by a whole point (as for an objective whose values are
    /// integers), the master MIPs stop once their bound is within a point of their roster
    /// and the last one, over the list that holds every better roster, runs presolved:
    /// the value claimed is a roster's, and no roster is better by a point. Fails if a
    /// master MIP claimed a bound it did not reach (a false proof shows as a claimed value
    /// a point or more above brute force's optimum).
    @Test(arguments: 0..<12)
    func provesTheOptimumToAPoint(seed: UInt64) throws {
        try provesTheOptimum(seed: seed, improvement: 1)
    }

    /// The master MIP asked to prove its roster to a point, warm-started from the empty
    /// roster, presolved without a start, or both raced on two threads, claims optimality
    /// only for a roster within a point of the master's exact optimum over the same pool. Fails if the MIP stopped
    /// short of the bound it claims (the empty roster is points above the optimum).
    @Test(arguments: 0..<12)
    func aMasterMIPProvenToAPointIsWithinAPoint(seed: UInt64) throws {
        let (_, _, columns, empty, options) = try Self.relaxed(seed: seed)
        var exact = options
        exact.relativeGap = 0
        let best = try #require(columns.solveMasterExactly(from: empty, solver: GLPKSolver(), until: nil, elapsed: { 0 }, options: exact).value)
        for start in [ColumnGeneration.MasterStart.incumbent, .presolved, .raced] {
            let toAPoint = columns.solveMasterExactly(from: empty, solver: GLPKSolver(), until: nil, elapsed: { 0 }, options: exact,
                                                      improvement: 1, start: start)
            let value = try #require(toAPoint.value, "seed \(seed): no roster")
            #expect(toAPoint.optimal, "seed \(seed), \(start): not proven")
            #expect(value >= best - 1e-6 && value < best + 1, "seed \(seed), \(start): \(value) claimed, the optimum over the pool is \(best)")
        }
    }

    /// Three counted volunteers sharing the cover, with column generation run from the
    /// empty roster (whose schedules are in the pool) to convergence.
    static func relaxed(seed: UInt64) throws
        -> (RosterFormulation, ScheduleSearch, ColumnGeneration, empty: [Double], RosterSolveOptions) {
        let formulation = RosterFormulation(problem: CountedProblems.make(seed: seed, volunteers: 3))
        let search = ScheduleSearch(formulation: formulation, objectives: [formulation.weightedObjective], seed: seed)
        var columns = try #require(ColumnGeneration(search: search))
        let empty = formulation.complete([Double](repeating: 0, count: formulation.model.variableCount))
        columns.add(schedulesOf: empty)
        let options = RosterSolveOptions(timeLimit: nil)
        _ = columns.solveRelaxation(solver: GLPKSolver(), until: nil, elapsed: { 0 }, options: options)
        return (formulation, search, columns, empty, options)
    }

    private func provesTheOptimum(seed: UInt64, improvement: Double) throws {
        let (formulation, search, relaxed, empty, options) = try Self.relaxed(seed: seed)
        var columns = relaxed
        let optimum = try ScheduleProblems.weightedOptimum(formulation)
        try #require(columns.converged)
        // From the first dive's roster, as the solve does.
        var rng: SeededGenerator? = nil
        let start = columns.dive(solver: GLPKSolver(), until: nil, elapsed: { 0 }, options: options, rng: &rng) ?? empty
        let enumerated = columns.enumerateAndSolve(upper: search.guideValue(start), improvement: improvement, from: start, solver: GLPKSolver(),
                                                   until: nil, elapsed: { 0 }, options: options)
        let found = try #require(enumerated, "seed \(seed): too many schedules within the gap")
        let proven = try #require(found.optimum, "seed \(seed): not proven")
        if improvement < 1e-3 {
            #expect(abs(proven - optimum) < 1e-6, "seed \(seed): enumeration proves \(proven), the MIP's optimum is \(optimum)")
        } else {
            #expect(proven >= optimum - 1e-6 && proven < optimum + improvement, "seed \(seed): enumeration claims \(proven), the MIP's optimum is \(optimum)")
        }
        let roster = found.roster ?? start
        #expect(formulation.model.maximumViolation(roster) <= 1e-7)
        #expect(abs(formulation.weightedObjective.value(at: roster) - proven) < 1e-6, "seed \(seed): the roster is not the proven optimum")
    }
}
