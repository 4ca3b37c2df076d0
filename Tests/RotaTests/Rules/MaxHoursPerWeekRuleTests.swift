import GLPK
import LinearProgramming
import Testing
@testable import Rota

/// ``MaxHoursPerWeekRule``: its rows, its check and its schedule-model treatment agree on seeded random
/// problems, and brute force confirms the optimum (see ``RuleHarness``).
@Suite("Rule max-hours-per-week: hours a week at most")
struct MaxHoursPerWeekRuleTests {
    @Test func rowsCheckerAndScheduleModelAgree() throws {
        try RuleHarness.verifyAll(.maxHoursPerWeek, volunteers: 1) { p, rng in
            RuleHarness.setTemplates(&p, [(480, 720 + 60 * Int.random(in: 0...3, using: &rng))], rng: &rng)
            RuleHarness.setHorizon(&p, start: RuleHarness.thursday, days: 9)
            p.volunteers[0].limits.maxHoursPerWeek = Double(Int.random(in: 4...24, using: &rng))
            p.volunteers[0].limits.maxShiftsPerDay = 1
        }
    }
}

/// ``HourPaths``: the weekly cap as walks through the days, for branch-and-cut. On seeded
/// problems with shifts of two lengths: every roster that keeps the rows extends to a point
/// of the paths' model, the paths' model has the same optimum, and its LP is never weaker
/// and on some problems stronger than the cap's row. Mutants that let a walk pass the cap,
/// or leave out the rows that tie items to arcs, leave the LP as weak as the row's and fail
/// the last check; walks stopped short of the cap lose rosters and fail the first.
@Suite("Rule max-hours-per-week: the cap as paths")
struct HourPathsTests {
    @Test func thePathsKeepTheRostersAndTightenTheLP() throws {
        var tighter = 0, built = 0, tighterWithTarget = 0
        // Half the problems lie in one week and have a target of hours (FairnessRule's
        // total deviation), which the walks' ends then price too.
        for seed in UInt64(0)..<16 {
            let withTarget = seed % 2 == 1
            var (problem, rng) = RuleHarness.base(seed: seed, volunteers: 1)
            RuleHarness.setTemplates(&problem, [(480, 720), (840, 1260)], rng: &rng)
            RuleHarness.setHorizon(&problem, start: withTarget ? RuleHarness.monday : RuleHarness.thursday, days: 9)
            problem.volunteers[0].limits.maxHoursPerWeek = Double(Int.random(in: 5...13, using: &rng))
            problem.volunteers[0].limits.maxShiftsPerDay = 1
            if withTarget {
                problem.rules.weights.fairness = 50
                problem.rules.fairness = .totalDeviation
                problem.volunteers[0].preferences.targetHours = Double(Int.random(in: 3...14, using: &rng))
            }
            try problem.validate()
            let formulation = RosterFormulation(problem: problem)
            let model = formulation.weightedModel
            guard let paths = HourPaths(formulation: formulation, model: model) else { continue }
            built += 1
            // Every roster that keeps the rows is a walk.
            let items = formulation.items
            for mask in 0..<(1 << items.count) {
                var x = [Double](repeating: 0, count: model.variableCount)
                for (i, item) in items.enumerated() where mask & (1 << i) != 0 { x[item.column] = 1 }
                let full = formulation.complete(x)
                guard model.maximumViolation(full) <= 1e-7 else { continue }
                #expect(paths.model.maximumViolation(paths.extend(full)) <= 1e-7, "seed \(seed), subset \(mask): no walk for a roster within the cap")
            }
            let exact = SolveOptions(relativeGap: 0)
            let optimum = try #require(try GLPKSolver().solve(model, options: exact).objective)
            let extended = try GLPKSolver().solve(paths.model, options: exact)
            let pathsOptimum = try #require(extended.objective)
            #expect(abs(optimum - pathsOptimum) <= 1e-6, "seed \(seed): \(optimum) against \(pathsOptimum) with paths")
            #expect(formulation.model.maximumViolation(formulation.cleaned(paths.project(extended.values))) <= 1e-7, "seed \(seed)")
            let lp = try #require(try GLPKSolver().solve(model.relaxed).objective)
            let pathsLP = try #require(try GLPKSolver().solve(paths.model.relaxed).objective)
            #expect(pathsLP >= lp - 1e-7, "seed \(seed): the paths' LP \(pathsLP) below the row's \(lp)")
            if pathsLP > lp + 1e-6 { tighter += 1 }
            if withTarget, let capOnly = HourPaths(formulation: formulation, model: model, pricingTargets: false) {
                let capOnlyLP = try #require(try GLPKSolver().solve(capOnly.model.relaxed).objective)
                #expect(pathsLP >= capOnlyLP - 1e-7, "seed \(seed): the target's rows weaken the LP")
                if pathsLP > capOnlyLP + 1e-6 { tighterWithTarget += 1 }
            }
        }
        #expect(built > 0 && tighter > 0, "\(built) problems with paths, \(tighter) with a tighter LP")
        #expect(tighterWithTarget > 0, "pricing the target at the walks' ends never tightened the LP")
    }
}
