import RotaGLPK
import LinearProgramming
import Testing
@testable import Rota

/// The solver's rosters, checked by the independent checker on seeded random problems.
@Suite("Solver output passes the checker")
struct SolverPropertyTests {
    static let options = RosterSolveOptions(timeLimit: 30, relativeGap: 0)

    @Test(arguments: 0..<150)
    func solverRosterHasNoHardViolationAndAgreesWithTheFormulation(seed: UInt64) throws {
        let problem = RandomProblems.make(seed: seed, tiny: false)
        let roster = try RosterSolver().solve(problem, options: Self.options)
        let hard = roster.limitViolations.filter { !$0.isElastic }
        #expect(hard.isEmpty, "seed \(seed): \(hard)")

        // The formulation's own penalty for each rule, at the solver's roster, equals the checker's.
        let formulation = RosterFormulation(problem: problem)
        let x = formulation.complete(formulation.decisions(for: roster.assignments.map(\.key)))
        #expect(formulation.model.maximumViolation(x) <= 1e-6, "seed \(seed): the roster is not a point of the model")
        let rules = Set(formulation.rules.keys).union(roster.objective.byRule.keys)
        for rule in rules {
            let mip = formulation.rules[rule]?.value(at: x) ?? 0
            let checker = roster.objective.byRule[rule] ?? 0
            #expect(abs(mip - checker) <= 1e-6 * max(1, abs(checker)), "seed \(seed), rule \(rule): formulation \(mip), checker \(checker)")
        }
    }

    /// The objective target a sub-MIP gets from a stage's bound is the highest value that
    /// closes the stage: it closes, and a value a little above it does not.
    @Test(arguments: 0..<200)
    func theClosingValueIsTheHighestValueThatClosesTheStage(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let bound = [0, 1, -1, 1e7][Int(seed % 4)] + Double.random(in: -1_000...1_000, using: &rng)
        let gap = [0, 1e-4, 0.01, 0.02, 0.5][Int.random(in: 0..<5, using: &rng)]
        let target = try #require(stageClosingValue(bound: bound, relativeGap: gap))
        #expect(target >= bound)
        #expect(stageCloses(target, bound: bound, relativeGap: gap), "bound \(bound), gap \(gap): \(target) does not close")
        let above = target + 1e-4 * max(1, abs(target))
        #expect(!stageCloses(above, bound: bound, relativeGap: gap), "bound \(bound), gap \(gap): \(above) closes too")
        #expect(stageClosingValue(bound: nil, relativeGap: gap) == nil)
    }

    @Test func sameInputGivesTheSameRoster() throws {
        let problem = HotlineScenario.make(days: 7, volunteers: 40, events: 2, seed: 3)
        let a = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 30))
        let b = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 30))
        #expect(a.assignments == b.assignments)
        #expect(a.objective == b.objective)
    }

    @Test func zeroTimeLimitStillReturnsARosterWithItsShortfall() throws {
        let problem = HotlineScenario.make(days: 3, volunteers: 20, events: 1, seed: 5)
        let roster = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 0, improve: false))
        #expect(roster.statistics.status == .feasible)
        #expect(roster.limitViolations.filter { !$0.isElastic }.isEmpty)
        // Whatever was not staffed is reported, with a reason.
        #expect(roster.objective.coverage == 0 || !roster.unfilled.isEmpty)
    }
}

/// Brute force over every roster of tiny problems.
@Suite("Solver equals brute force on tiny problems")
struct BruteForceTests {
    /// The best (hard, coverage, soft) over every subset of the individually possible assignments.
    static func bruteForce(_ problem: RosterProblem) -> ObjectiveBreakdown? {
        let checker = RosterChecker(problem: problem)
        let candidates = RandomProblems.allAssignments(problem).filter { a in
            checker.check([a]).violations.allSatisfy { $0.isElastic || $0.rule.rawValue.hasPrefix("min-") }
        }
        // A helper fails its test, never the whole run: nil makes the caller's #require fail.
        guard candidates.count <= 16 else {
            Issue.record("too many candidates for brute force: \(candidates.count)")
            return nil
        }
        var best: ObjectiveBreakdown?
        for mask in 0..<(1 << candidates.count) {
            let chosen = candidates.indices.filter { mask & (1 << $0) != 0 }.map { candidates[$0] }
            let report = checker.check(chosen)
            guard report.violations.allSatisfy({ $0.isElastic }) else { continue }
            let o = report.objective
            if let b = best {
                if better(o, than: b, mode: problem.rules.objective) { best = o }
            } else {
                best = o
            }
        }
        return best
    }

    static func better(_ a: ObjectiveBreakdown, than b: ObjectiveBreakdown, mode: ObjectiveMode) -> Bool {
        let eps = 1e-7
        if mode == .weighted { return a.total < b.total - eps }
        if abs(a.hard - b.hard) > eps { return a.hard < b.hard }
        if abs(a.coverage - b.coverage) > eps { return a.coverage < b.coverage }
        return a.soft < b.soft - eps
    }

    @Test(arguments: 0..<100)
    func tinyProblemMatchesBruteForce(seed: UInt64) throws {
        let problem = RandomProblems.make(seed: 10_000 + seed, tiny: true)
        let expected = try #require(Self.bruteForce(problem))
        let roster = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 30, relativeGap: 0))
        let got = roster.objective
        #expect(roster.limitViolations.allSatisfy { $0.isElastic }, "seed \(seed)")
        if problem.rules.objective == .weighted {
            #expect(abs(got.total - expected.total) <= 1e-5, "seed \(seed): solver \(got.total), brute force \(expected.total)")
        } else {
            #expect(abs(got.hard - expected.hard) <= 1e-5, "seed \(seed): hard \(got.hard) vs \(expected.hard)")
            #expect(abs(got.coverage - expected.coverage) <= 1e-5, "seed \(seed): coverage \(got.coverage) vs \(expected.coverage)")
            #expect(abs(got.soft - expected.soft) <= 1e-5, "seed \(seed): soft \(got.soft) vs \(expected.soft)")
        }
    }

    /// Random rosters: the model accepts exactly the rosters the checker accepts, and
    /// prices them the same.
    @Test(arguments: 0..<60)
    func modelAndCheckerAgreeOnRandomRosters(seed: UInt64) {
        let problem = RandomProblems.make(seed: 20_000 + seed, tiny: false)
        let formulation = RosterFormulation(problem: problem)
        let checker = RosterChecker(problem: problem)
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<30 {
            var x = [Double](repeating: 0, count: formulation.model.variableCount)
            for item in formulation.items where Int.random(in: 0..<4, using: &rng) == 0 { x[item.column] = 1 }
            x = formulation.complete(x)
            let feasible = formulation.model.maximumViolation(x) <= 1e-6
            let report = checker.check(formulation.assignments(from: x))
            let hard = report.violations.filter { !$0.isElastic }
            #expect(feasible == hard.isEmpty, "seed \(seed): model says \(feasible) \(Self.violatedRows(formulation.model, x)), checker says \(hard)")
            guard feasible else { continue }
            for rule in Set(formulation.rules.keys).union(report.objective.byRule.keys) {
                let mip = formulation.rules[rule]?.value(at: x) ?? 0
                let checked = report.objective.byRule[rule] ?? 0
                #expect(abs(mip - checked) <= 1e-6 * max(1, abs(checked)), "seed \(seed), rule \(rule): model \(mip), checker \(checked), requests \(problem.volunteers.map { $0.preferences.requests }) templates \(problem.templates.map { ($0.id, $0.window.description, $0.weekdays) }), roster \(formulation.assignments(from: x).map { "\($0.volunteer) \($0.target)" })")
            }
        }
    }

    static func violatedRows(_ m: Model, _ x: [Double]) -> [String] {
        let activity = m.rowActivities(x)
        return (0..<m.constraintCount).compactMap { i in
            let r = m.row(i)
            guard activity[i] < r.lower - 1e-6 || activity[i] > r.upper + 1e-6 else { return nil }
            let terms = zip(r.columns, r.values).map { "\($1)·\(m.variable(VariableID($0)).name)=\(x[$0])" }.joined(separator: " + ")
            return "[\(r.lower), \(r.upper)] ∌ \(terms)"
        }
    }
}
