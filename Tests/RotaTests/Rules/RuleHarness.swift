import RotaGLPK
import GLPK
import LinearProgramming
import Testing
@testable import Rota

/// The one test every rule's suite runs: on a seeded random small problem with the rule
/// switched on, its rows, its check and its schedule-model treatment agree.
///
/// 1. **Rows = checker**, on every subset of the problem's items: the rows hold (with every
///    auxiliary at its least value, ``RosterFormulation/complete(_:)``) exactly when the
///    checker finds no broken rule but elastic ones; where they hold, each of the rule's
///    penalties in the model equals the checker's, and so do the whole objectives.
/// 2. **Brute force = branch-and-cut**: the cheapest roster by the checker over all
///    subsets is GLPK's optimum of the weighted model.
/// 3. **Schedule model**: each volunteer a schedule model covers gets, for random option
///    costs, the cheapest schedule the rows accept (exact when the model prices exactly,
///    otherwise a valid bound and a feasible path); a volunteer whose rules the catalog
///    says no model keeps is covered by none.
///
/// Returns how often the rule decided something (a subset it refused, a non-zero penalty),
/// so that each suite can require its rule to have been exercised at all.
enum RuleHarness {
    /// The most items a problem may have: 2^items subsets are checked.
    static let maximumItems = 11

    /// A small problem: `volunteers` people with one skill, 1–2 templates on one line
    /// (windows that meet, overlap and cross midnight), 4–6 days from a Thursday (a weekend
    /// inside), one coverage requirement per template and weighted objective; no limits.
    static func base(seed: UInt64, volunteers: Int = 1) -> (RosterProblem, SeededGenerator) {
        var rng = SeededGenerator(seed: seed &* 7_919 &+ 13)
        let windows = [(8 * 60, 14 * 60), (13 * 60, 20 * 60), (20 * 60, 26 * 60), (14 * 60, 22 * 60), (9 * 60, 12 * 60)]
        let templateCount = Int.random(in: 1...2, using: &rng)
        let chosen = windows.shuffled(using: &rng).prefix(templateCount)
        let templates = chosen.enumerated().map { t, w in
            ShiftTemplate(id: "t\(t)", line: "hotline", site: t == 0 ? "centre" : "town",
                          window: DailyWindow(start: TimeOfDay(minutes: w.0), end: TimeOfDay(minutes: w.1 % 1440)), requiredSkill: "legal")
        }
        let days = min(Int.random(in: 4...6, using: &rng), maximumItems / (templateCount * volunteers))
        let start = CalendarDate(year: 2026, month: 3, day: 5)  // a Thursday
        let coverage = templates.map { t in
            CoverageRequirement(id: "c-\(t.id)", target: .shift(template: t.id), minimum: 1, maximum: 1,
                                underWeight: Double(Int.random(in: 1...9, using: &rng)), overWeight: 1)
        }
        let people = (0..<volunteers).map { v in
            Volunteer(id: "v\(v)", skills: ["legal": 1], homeSite: "centre")
        }
        var rules = RuleSettings()
        rules.objective = .weighted
        rules.weights.hard = 100
        rules.weights.homeArea = 0
        rules.weights.fairness = 0
        let sites = [Site(id: "city"), Site(id: "centre", parent: "city"), Site(id: "town", parent: "city"), Site(id: "village", parent: "town")]
        let problem = RosterProblem(name: "rule-\(seed)", horizon: Horizon(start: start, days: days, timeZone: "UTC"), sites: sites,
                                    skills: ["legal"], volunteers: people, templates: Array(templates), coverage: coverage, rules: rules)
        return (problem, rng)
    }

    /// Runs the three checks on `base` changed by `configure`; returns how often `rule`
    /// decided something. Records a test issue for every disagreement.
    @discardableResult
    static func verify(_ rule: RuleID, seed: UInt64, volunteers: Int = 1,
                       configure: (inout RosterProblem, inout SeededGenerator) -> Void) throws -> Int {
        var (problem, rng) = base(seed: seed, volunteers: volunteers)
        configure(&problem, &rng)
        try problem.validate()
        let formulation = RosterFormulation(problem: problem)
        let items = formulation.items
        guard items.count <= maximumItems + 4 else {
            Issue.record("seed \(seed): \(items.count) items, too many for brute force")
            return 0
        }
        let unit = try #require(RuleCatalog.unit(for: rule), "no unit owns \(rule)")
        let checker = RosterChecker(index: formulation.index)
        let objective = formulation.weightedObjective
        var exercised = 0
        var best: Double? = nil

        // 1. Rows and checker on every subset.
        for mask in 0..<(1 << items.count) {
            var x = [Double](repeating: 0, count: formulation.model.variableCount)
            for (i, item) in items.enumerated() where mask & (1 << i) != 0 { x[item.column] = 1 }
            let full = formulation.complete(x)
            let rowsHold = formulation.model.maximumViolation(full) <= 1e-6
            let report = checker.check(formulation.assignments(from: full))
            let broken = report.violations.filter { !$0.isElastic }
            if broken.contains(where: { unit.ids.contains($0.rule) }) || report.violations.contains(where: { unit.ids.contains($0.rule) }) { exercised += 1 }
            #expect(rowsHold == broken.isEmpty,
                    "seed \(seed), subset \(mask): rows \(rowsHold ? "hold" : "break") but the checker finds \(broken)")
            guard rowsHold, broken.isEmpty else { continue }
            for id in unit.ids {
                let modelled = formulation.rules[id.rawValue]?.value(at: full) ?? 0
                let checked = report.objective.byRule[id.rawValue] ?? 0
                if abs(checked) > 1e-9 { exercised += 1 }
                #expect(abs(modelled - checked) < 1e-6, "seed \(seed), subset \(mask): \(id) is \(modelled) in the model, \(checked) by the checker")
            }
            let total = report.objective.hard + report.objective.coverage + report.objective.soft
            #expect(abs(objective.value(at: full) - total) < 1e-6, "seed \(seed), subset \(mask): objective \(objective.value(at: full)) against \(total)")
            best = min(best ?? .infinity, total)
        }

        // 2. Brute force against branch-and-cut.
        let optimum = try #require(try GLPKSolver().solve(formulation.weightedModel, options: SolveOptions(relativeGap: 0)).objective)
        let brute = try #require(best, "seed \(seed): no roster keeps the rules (the model is feasible by construction)")
        #expect(abs(optimum - brute) < 1e-6, "seed \(seed): GLPK \(optimum), brute force \(brute)")

        // 3. The schedule models.
        let search = ScheduleSearch(formulation: formulation, objectives: [objective], seed: seed)
        for v in problem.volunteers.indices where !formulation.itemsByVolunteer[v].isEmpty {
            let refused = ScheduleModelKind.allCases.allSatisfy { RuleCatalog.refusal(in: $0, formulation: formulation, volunteer: v) != nil }
            guard let k = search.schedules.firstIndex(where: { $0.volunteer == v }) else { continue }
            #expect(!refused, "seed \(seed): volunteer \(v) is covered although the catalog refuses both models")
            let dp = search.schedules[k]
            let model: ScheduleModelKind = dp.counted == nil ? .sequence : .counting
            #expect(unit.treatment(in: model, ScheduleContext(formulation: formulation, volunteer: v)) != .unsupported)
            try expectCheapestSchedule(dp, k, search, formulation, volunteer: v, seed: seed)
        }
        return exercised
    }

    /// The model's cheapest path for random option costs against brute force over the
    /// volunteer's schedules that keep every row (everyone else off).
    static func expectCheapestSchedule(_ dp: ScheduleDP, _ k: Int, _ search: ScheduleSearch, _ formulation: RosterFormulation,
                                       volunteer v: Int, seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &+ 101)
        let costs = (0..<dp.optionCount).map { _ in Double(Int.random(in: -30...20, using: &rng)) }
        var costOf: [Int: Double] = [:]
        for o in 0..<dp.optionCount { costOf[dp.item[o]] = costs[o] }
        let own = formulation.auxiliaries.indices.filter { formulation.auxiliaryOwners[$0] == v }.map { formulation.auxiliaries[$0].column }
        let mine = formulation.itemsByVolunteer[v]
        var feasible: [(schedule: [Int], cost: Double)] = []
        for mask in 0..<(1 << mine.count) {
            let schedule = mine.indices.filter { mask & (1 << $0) != 0 }.map { mine[$0] }
            var x = [Double](repeating: 0, count: formulation.model.variableCount)
            for id in schedule { x[formulation.items[id].column] = 1 }
            let full = formulation.complete(x)
            guard formulation.model.maximumViolation(full) <= 1e-9 else { continue }
            // An item the model filtered out (a per-day limit) is never in a feasible schedule.
            guard schedule.allSatisfy({ costOf[$0] != nil }) else {
                Issue.record("seed \(seed): a feasible schedule \(schedule.map { formulation.items[$0].interval }) takes an item the schedule model removed (options \(dp.item.map { formulation.items[$0].interval }))")
                return
            }
            feasible.append((schedule.sorted(), schedule.reduce(0.0) { $0 + costOf[$1]! } + own.reduce(0.0) { $0 + search.guide[$1] * full[$1] }))
        }
        let brute = try #require(feasible.map(\.cost).min())
        let found = dp.best(costs: costs, shortfallRate: search.shortfallRates[k])
        #expect(found.bound <= brute + 1e-6, "seed \(seed): the bound \(found.bound) is above the cheapest schedule \(brute)")
        guard let path = found.best else {
            #expect(!dp.pricesExactly, "seed \(seed): an exact model found no path")
            return
        }
        let schedule = path.path.filter { $0 >= 0 }.map { dp.item[$0] }.sorted()
        let match = feasible.first { $0.schedule == schedule }
        #expect(match != nil, "seed \(seed): the path \(schedule) breaks a row")
        if let match { #expect(abs(match.cost - path.cost) < 1e-6, "seed \(seed): the path costs \(path.cost) in the model, \(match.cost) by the rows") }
        if dp.pricesExactly { #expect(abs(path.cost - brute) < 1e-6, "seed \(seed): path \(path.cost), brute force \(brute)") }
    }
}

extension RuleHarness {
    static let monday = CalendarDate(year: 2026, month: 3, day: 2)
    static let thursday = CalendarDate(year: 2026, month: 3, day: 5)

    /// Replaces the templates by one per window (minutes from midnight; an end past 1440
    /// crosses midnight), with their coverage, and keeps the items within budget.
    static func setTemplates(_ p: inout RosterProblem, _ windows: [(Int, Int)], lines: [String]? = nil, sites: [String]? = nil,
                             rng: inout SeededGenerator) {
        p.templates = windows.enumerated().map { t, w in
            ShiftTemplate(id: "t\(t)", line: lines?[t] ?? "hotline", site: sites?[t] ?? (t == 0 ? "centre" : "town"),
                          window: DailyWindow(start: TimeOfDay(minutes: w.0), end: TimeOfDay(minutes: w.1 % 1440)), requiredSkill: "legal")
        }
        p.coverage = p.templates.map { t in
            CoverageRequirement(id: "c-\(t.id)", target: .shift(template: t.id), minimum: 1, maximum: 1,
                                underWeight: Double(Int.random(in: 1...9, using: &rng)), overWeight: 1)
        }
        setHorizon(&p, start: p.horizon.start, days: p.horizon.days)
    }

    /// Sets the horizon, shortened so that volunteers × templates × days stays within budget.
    static func setHorizon(_ p: inout RosterProblem, start: CalendarDate, days: Int) {
        let perDay = max(1, p.templates.count * p.volunteers.count)
        p.horizon = Horizon(start: start, days: max(1, min(days, maximumItems / perDay)), timeZone: "UTC")
    }

    /// One requirement's pair of windows, from a fixed list: apart, meeting, overlapping,
    /// across midnight.
    static func windowPair(_ rng: inout SeededGenerator) -> [(Int, Int)] {
        let pairs = [[(480, 720), (840, 1200)], [(480, 840), (780, 1200)], [(840, 1320), (480, 840)], [(1200, 1560), (480, 720)]]
        return pairs[Int.random(in: 0..<pairs.count, using: &rng)]
    }

    /// Runs `verify` for seeds `0..<count` and requires the rule to have decided something.
    static func verifyAll(_ rule: RuleID, count: UInt64 = 10, volunteers: Int = 1,
                          configure: (inout RosterProblem, inout SeededGenerator) -> Void) throws {
        var exercised = 0
        for seed in 0..<count { exercised += try verify(rule, seed: seed, volunteers: volunteers, configure: configure) }
        #expect(exercised > 0, "\(rule) never refused a roster nor cost anything in \(count) problems: the suite tests nothing")
    }

    /// For a rule of who may take what: every assignment that could be written down has a
    /// column exactly when the checker admits it, and this rule refuses some of them.
    static func verifyEligibility(_ rule: RuleID, count: UInt64 = 10, volunteers: Int = 2,
                                  configure: (inout RosterProblem, inout SeededGenerator) -> Void) throws {
        var refused = 0
        for seed in 0..<count {
            var (problem, rng) = base(seed: seed, volunteers: volunteers)
            configure(&problem, &rng)
            try problem.validate()
            let formulation = RosterFormulation(problem: problem)
            let columns = Set(formulation.assignments(from: [Double](repeating: 1, count: formulation.model.variableCount)).map(\.key))
            let checker = RosterChecker(index: formulation.index)
            for a in RandomProblems.allAssignments(problem) {
                let violations = checker.check([a]).violations.filter { $0.rule.kind == .eligibility || $0.rule == .maxShiftsPerTemplate }
                if violations.contains(where: { $0.rule == rule }) { refused += 1 }
                #expect(columns.contains(a.key) == violations.isEmpty, "seed \(seed): \(a.key) has \(columns.contains(a.key) ? "a" : "no") column; the checker finds \(violations)")
            }
            _ = try verify(rule, seed: seed, volunteers: volunteers, configure: configure)
        }
        #expect(refused > 0, "\(rule) refused nothing in \(count) problems: the suite tests nothing")
    }
}
