@testable import LinearProgramming
import RotaGLPK
import Testing
@testable import Rota

/// An understaffed problem is still solved, and every gap is reported with its cause.
@Suite("Understaffing and unfilled reasons")
struct UnderstaffingTests {
    static func problem() -> RosterProblem {
        let monday = CalendarDate(year: 2026, month: 3, day: 2)
        let window = DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 16))
        return RosterProblem(
            name: "short", horizon: Horizon(start: monday, days: 3),
            sites: [Site(id: "centre")],
            skills: ["legal", "psych", "caring"],
            volunteers: [
                // Has psych but is away on every day.
                Volunteer(id: "p1", skills: ["psych": 1], availability: Availability(weekly: [WeeklyWindow(days: [.saturday], window: window)])),
                // Two caring volunteers who may each work one day only.
                Volunteer(id: "c1", skills: ["caring": 1], limits: ContractLimits(maxHoursPerPeriod: 8)),
                Volunteer(id: "c2", skills: ["caring": 1], limits: ContractLimits(maxHoursPerPeriod: 8)),
            ],
            templates: [
                ShiftTemplate(id: "legal-day", line: "legal", site: "centre", window: window, requiredSkill: "legal"),
                ShiftTemplate(id: "psych-day", line: "psych", site: "centre", window: window, requiredSkill: "psych"),
                ShiftTemplate(id: "care-day", line: "care", site: "centre", window: window, requiredSkill: "caring"),
            ],
            coverage: [
                CoverageRequirement(id: "legal", target: .slots(line: "legal", skill: nil, window: window, slotMinutes: 60), minimum: 1),
                CoverageRequirement(id: "psych", target: .slots(line: "psych", skill: nil, window: window, slotMinutes: 60), minimum: 1),
                CoverageRequirement(id: "care", target: .slots(line: "care", skill: nil, window: window, slotMinutes: 60), minimum: 1),
                // The legal line also wants someone 16:00–18:00, when no shift runs.
                CoverageRequirement(id: "legal-late", target: .slots(line: "legal", skill: nil,
                    window: DailyWindow(start: TimeOfDay(hour: 16), end: TimeOfDay(hour: 18)), slotMinutes: 60), minimum: 1),
            ])
    }

    @Test func everyGapComesBackWithItsReason() throws {
        let roster = try RosterSolver().solve(Self.problem(), options: RosterSolveOptions(timeLimit: 20))
        #expect(roster.statistics.status == .optimal)
        func reasons(_ requirement: String) -> Set<UnfilledReason> {
            Set(roster.unfilled.filter { if case let .slot(r, _, _) = $0.kind { r == requirement } else { false } }.map(\.reason))
        }
        #expect(reasons("legal") == [.nobodyQualified])
        #expect(reasons("psych") == [.qualifiedUnavailable])
        #expect(reasons("care") == [.limits])
        #expect(reasons("legal-late") == [.noShiftCovers])
        // Caring is staffed on two of three days; the third day is one merged gap 08:00–16:00.
        let care = roster.unfilled.filter { if case let .slot(r, _, _) = $0.kind { r == "care" } else { false } }
        #expect(care.count == 1)
        #expect(care.first?.interval.length == 8 * 60)
        #expect(roster.assignments.count == 2)
        #expect(roster.limitViolations.isEmpty)
    }

    @Test func anEmptyCorpsStillGetsARoster() throws {
        var problem = Self.problem()
        problem.volunteers = []
        let roster = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 5))
        #expect(roster.assignments.isEmpty)
        #expect(roster.unfilled.count == 4 * 3)
        #expect(roster.objective.coverage > 0)
    }

    @Test func minimumsThatCannotBeMetAreReportedNotFatal() throws {
        var problem = Self.problem()
        problem.volunteers[0].limits.minHoursPerPeriod = 10
        problem.rules.pinned = [AssignmentKey(volunteer: "c1", target: .shift(template: "legal-day", date: problem.horizon.start))]
        let roster = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 10))
        #expect(Set(roster.limitViolations.map(\.rule)) == [.minHoursPerPeriod, .pinned])
        #expect(roster.objective.hard > 0)
    }
}

@Suite("Problem validation")
struct ProblemValidationTests {
    @Test func everyIssueIsListedWithPathsAndSuggestions() throws {
        var problem = UnderstaffingTests.problem()
        problem.volunteers.append(Volunteer(id: "c1", skills: ["caring": 1]))
        problem.volunteers[0].skills["psyhc"] = 1
        problem.volunteers[1].homeSite = "centr"
        problem.volunteers[2].limits.minHoursPerWeek = 30
        problem.volunteers[2].limits.maxHoursPerWeek = 20
        problem.templates[0].requiredSkill = "lgal"
        problem.coverage[0].maximum = -1
        problem.horizon.timeZone = "Mars/Olympus"
        let error = #expect(throws: RosterProblemError.self) { try problem.validate() }
        let issues = try #require(error).issues
        let text = issues.map(\.description)
        #expect(issues.count == 7, "\(text)")
        #expect(text.contains { $0.hasPrefix("volunteers[3].id: duplicate id 'c1'") })
        #expect(text.contains { $0.contains("volunteers[0].skills.psyhc") && $0.contains("did you mean 'psych'") })
        #expect(text.contains { $0.contains("volunteers[1].homeSite") && $0.contains("did you mean 'centre'") })
        #expect(text.contains { $0.contains("volunteers[2].limits.hoursPerWeek") })
        #expect(text.contains { $0.contains("templates[0].skill") && $0.contains("did you mean 'legal'") })
        #expect(text.contains { $0.contains("coverage[0].maximum") })
        #expect(text.contains { $0.contains("horizon.timeZone") })
    }

    @Test func solveRefusesAnInvalidProblemWithoutCrashing() {
        var problem = UnderstaffingTests.problem()
        problem.horizon.days = 0
        #expect(throws: RosterProblemError.self) { _ = try RosterSolver().solve(problem) }
    }
}

@Suite("Minimal-change replanning")
struct ReplanningTests {
    @Test func aDropOutIsRepairedWithFewChanges() throws {
        let problem = HotlineScenario.make(days: 7, volunteers: 45, events: 1, seed: 9)
        let options = RosterSolveOptions(timeLimit: 30)
        let published = try RosterSolver().solve(problem, options: options)
        let counts = Dictionary(grouping: published.assignments, by: \.volunteer).mapValues(\.count)
        let leaver = try #require(counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key)
        var changed = problem
        changed.volunteers.removeAll { $0.id == leaver }
        let result = try Replanner().replan(changed, published: published.assignments.map(\.key), options: options)

        let lost = published.assignments.filter { $0.volunteer == leaver }
        #expect(!lost.isEmpty)
        #expect(Set(result.removed) .isSuperset(of: lost.map(\.key)))
        #expect(!result.roster.assignments.contains { $0.volunteer == leaver })
        // Coverage is no worse than before, apart from what the leaver alone could do.
        #expect(result.roster.objective.coverage <= published.objective.coverage + Double(lost.count) * 10 * 2 * 7 + 1e-6)
        // The rest of the roster barely moves: changes are at most a few per lost assignment.
        let changes = result.added.count + result.removed.count
        #expect(changes <= 4 * lost.count, "changes \(changes) for \(lost.count) lost assignments")
        #expect(result.kept.count >= published.assignments.count - 3 * lost.count)
        #expect(result.roster.limitViolations.isEmpty)
    }

    @Test func frozenAssignmentsStay() throws {
        let problem = HotlineScenario.make(days: 4, volunteers: 30, events: 0, seed: 4)
        let published = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 20))
        let frozen = published.assignments.filter { $0.date == problem.horizon.start }.map(\.key)
        var changed = problem
        changed.coverage = changed.coverage.map { var c = $0; c.minimum = 2; c.maximum = 3; return c }
        let result = try Replanner().replan(changed, published: published.assignments.map(\.key), frozen: frozen)
        let now = Set(result.roster.assignments.map(\.key))
        #expect(frozen.allSatisfy { now.contains($0) })
    }
}

/// A solver that refuses every model, as a broken backend would.
struct RefusingSolver: Solver {
    func solve(_ model: Model, options: SolveOptions) throws(ModelValidationError) -> SolveResult {
        throw ModelValidationError(problems: [.init(kind: .invalidOption, message: "refused for the test")])
    }
}

@Suite("A solver that refuses")
struct RefusingSolverTests {
    @Test func theSolveStillReturnsACheckedRosterAndReportsTheIncidents() throws {
        let roster = try RosterSolver(solver: RefusingSolver()).solve(UnderstaffingTests.problem(), options: RosterSolveOptions(timeLimit: 5))
        #expect(!roster.statistics.incidents.isEmpty)
        #expect(roster.statistics.incidents.allSatisfy { $0.contains("refused for the test") })
        #expect(roster.limitViolations.isEmpty)
        #expect(!roster.unfilled.isEmpty)
    }
}

@Suite("The constructive first roster")
struct ConstructiveRosterTests {
    @Test func aZeroTimeLimitStillGivesAUsableRoster() throws {
        let problem = UnderstaffingTests.problem()
        let zero = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 0))
        let full = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 20))
        #expect(!zero.assignments.isEmpty)
        #expect(zero.limitViolations.isEmpty)
        // The empty roster leaves every slot unfilled; the constructive one fills what it can.
        let empty = RosterChecker(problem: problem).check([])
        #expect(zero.objective.coverage < empty.objective.coverage)
        #expect(zero.objective.total >= full.objective.total)
    }
}
