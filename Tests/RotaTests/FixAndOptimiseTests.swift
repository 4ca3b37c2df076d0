import GLPK
import LinearProgramming
import Testing
@testable import Rota

/// Fix-and-optimise draws half its neighbourhoods around what the incumbent pays for: a
/// window of days holding a short day, a group of volunteers starting with those who could
/// staff it. Random neighbourhoods miss a repair that needs a few given people (a county
/// month ended an event member short in one run of three).
@Suite("Fix-and-optimise draws neighbourhoods around defects")
struct FixAndOptimiseDefectTests {
    static let days = 14
    static let shortDay = 9
    /// The one volunteer who can work on ``shortDay``.
    static let repairer = 3

    /// Two weeks, one shift a day for one person, five volunteers of whom only
    /// ``repairer`` is free on ``shortDay``; and a roster that staffs every day but that one.
    static func shortOneDay() -> (FixAndOptimise, [Double]) {
        let start = CalendarDate(year: 2026, month: 3, day: 2)
        let template = ShiftTemplate(id: "day", line: "cover", window: DailyWindow(start: TimeOfDay(hour: 9), end: TimeOfDay(hour: 17)))
        let volunteers = (0..<5).map { v in
            var availability = Availability()
            if v != repairer { availability.exceptions = [DatedException(date: start.adding(days: shortDay), available: false)] }
            return Volunteer(id: "v\(v)", availability: availability, limits: ContractLimits(maxShiftsPerDay: 1))
        }
        var rules = RuleSettings()
        rules.objective = .weighted
        rules.weights.fairness = 0
        rules.weights.homeArea = 0
        let coverage = [CoverageRequirement(id: "c", target: .shift(template: "day"), minimum: 1, maximum: 1, underWeight: 5, overWeight: 1)]
        let problem = RosterProblem(name: "short-one-day", horizon: Horizon(start: start, days: days, timeZone: "UTC"), volunteers: volunteers,
                                    templates: [template], coverage: coverage, rules: rules)
        let formulation = RosterFormulation(problem: problem)
        var x = [Double](repeating: 0, count: formulation.model.variableCount)
        for item in formulation.items where item.day != shortDay && item.volunteer == item.day % 3 { x[item.column] = 1 }
        let search = FixAndOptimise(formulation: formulation, model: formulation.model, objective: formulation.weightedObjective,
                                    solver: GLPKSolver(), seed: 7)
        return (search, formulation.complete(x))
    }

    /// Around the roster's one defect, every window of two days holds the short day; drawn
    /// anywhere, some do not (so the first check can fail).
    @Test func aWindowAroundADefectHoldsItsDay() {
        let (start, roster) = Self.shortOneDay()
        var search = start
        let items = search.formulation.items
        search.targetFreeItems[0] = 2 * (items.count / Self.days)
        var random = search
        for draw in 0..<30 {
            let window = Set(search.neighbourhood(byDays: true, around: roster).map { items[$0].day })
            #expect(window.count == 2 && window.contains(Self.shortDay), "draw \(draw): days \(window.sorted())")
        }
        let missed = (0..<30).filter { _ in !random.neighbourhood(byDays: true).contains { items[$0].day == Self.shortDay } }
        #expect(!missed.isEmpty)
    }

    /// Around the defect, a group of one volunteer is the one who could repair it; drawn at
    /// random, some groups are someone else.
    @Test func aGroupAroundADefectStartsWithWhoCanRepairIt() {
        let (start, roster) = Self.shortOneDay()
        var search = start
        let items = search.formulation.items
        search.targetFreeItems[1] = 1
        var random = search
        for draw in 0..<30 {
            let group = Set(search.neighbourhood(byDays: false, around: roster).map { items[$0].volunteer })
            #expect(group == [Self.repairer], "draw \(draw): volunteers \(group.sorted())")
        }
        let others = (0..<30).filter { _ in random.neighbourhood(byDays: false).contains { items[$0].volunteer != Self.repairer } }
        #expect(!others.isEmpty)
    }

    /// Fix-and-optimise repairs the short day; around the repaired roster, which pays for
    /// nothing a day holds, windows are drawn anywhere (never empty).
    @Test func fixAndOptimiseRepairsTheShortDay() {
        let (start, roster) = Self.shortOneDay()
        var search = start
        let objective = search.formulation.weightedObjective
        let before = objective.value(at: roster)
        let repaired = search.improve(roster, until: nil, elapsed: { 0 }, options: RosterSolveOptions(timeLimit: nil), lowerBound: nil, progress: nil)
        #expect(objective.value(at: repaired) <= before - 5 + 1e-9)
        #expect(search.formulation.model.maximumViolation(repaired) <= 1e-7)
        #expect(!search.neighbourhood(byDays: true, around: repaired).isEmpty)
    }
}
