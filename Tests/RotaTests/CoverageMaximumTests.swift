import RotaGLPK
import LinearProgramming
import Testing
@testable import Rota

/// The two hard coverage rules a real hotline has: a slot's hard maximum (a fixed number
/// of phones) and a capped role in an event team. For each, the formulation's rows and
/// the independent checker agree on every roster of a small problem, and the solve never
/// breaks them.
@Suite("Hard head-count maxima and capped event roles")
struct CoverageMaximumTests {
    static func problem() -> RosterProblem {
        let start = CalendarDate(year: 2027, month: 3, day: 1)
        let template = ShiftTemplate(id: "legal-am", line: "legal", window: DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 12)), requiredSkill: "legal")
        let coverage = CoverageRequirement(id: "legal", target: .slots(line: "legal", skill: nil, window: DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 12)), slotMinutes: 60),
                                           minimum: 1, maximum: 1, underWeight: 10, overWeight: 0, hardMaximum: true)
        let event = OutreachEvent(id: "visit", site: "township", date: start.adding(days: 1), window: DailyWindow(start: TimeOfDay(hour: 13), end: TimeOfDay(hour: 16)),
                                  team: ["legal": 1, "health": 1], minTeamSize: 0, capsRoles: true)
        let people = (0..<3).map { Volunteer(id: "v\($0)", skills: $0 == 2 ? ["legal": 1, "health": 1] : ["legal": 1], homeSite: "township") }
        var rules = RuleSettings(objective: .weighted)
        rules.weights.homeArea = 0
        rules.weights.events = 50
        return RosterProblem(name: "maxima", horizon: Horizon(start: start, days: 2, timeZone: "UTC"), sites: [Site(id: "township")],
                             skills: ["legal", "health"], volunteers: people, templates: [template], coverage: [coverage], events: [event], rules: rules)
    }

    /// Every subset of the items: the rows hold exactly when the checker finds neither rule broken.
    @Test
    func rowsAndCheckerAgreeOnEveryRoster() throws {
        let problem = Self.problem()
        try problem.validate()
        let formulation = RosterFormulation(problem: problem)
        let checker = RosterChecker(index: formulation.index)
        let n = formulation.items.count
        #expect(n > 0 && n <= 14)
        var broken = 0
        for mask in 0..<(1 << n) {
            var x = [Double](repeating: 0, count: formulation.model.variableCount)
            for k in 0..<n where mask & (1 << k) != 0 { x[formulation.items[k].column] = 1 }
            let report = checker.check(formulation.assignments(from: x))
            let rowsHold = formulation.model.maximumViolation(formulation.complete(x)) <= 1e-9
            let rules = Set(report.violations.map(\.rule.rawValue))
            // Other hard rules (one item a day: overlap) also break rows: compare where they hold.
            guard !rules.contains("overlap") else { continue }
            let capped = rules.contains("max-head-count") || rules.contains("max-role-size")
            if capped { broken += 1 }
            #expect(rowsHold == !capped, "mask \(mask): rows \(rowsHold), checker \(rules)")
        }
        #expect(broken > 0, "the enumeration never broke a maximum: the test could not fail")
    }

    @Test
    func solveKeepsBoth() throws {
        let roster = try RosterSolver().solve(Self.problem(), options: RosterSolveOptions(timeLimit: 10, relativeGap: 0))
        #expect(roster.limitViolations.isEmpty)
        let onLine = roster.assignments.filter { if case .shift = $0.target { return true } else { return false } }
        #expect(Dictionary(grouping: onLine, by: \.date).values.allSatisfy { $0.count == 1 })
        let roles = roster.assignments.compactMap { a -> String? in if case let .event(_, skill) = a.target { return skill } else { return nil } }
        #expect(roles.sorted() == ["health", "legal"])
    }
}
