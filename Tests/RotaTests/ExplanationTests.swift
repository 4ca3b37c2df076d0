import LinearProgramming
import RotaGLPK
import Testing
@testable import Rota

/// The explanations of unfilled demand, the what-if questions behind them and `rota cover`
/// agree with the independent checker run on the whole roster: a volunteer said to be kept
/// out by a rule breaks that rule when added, one said to be free breaks none, and every
/// allowed cover candidate is a roster the checker accepts.
@Suite("Explanations and cover agree with the checker")
struct ExplanationTests {
    static func signature(_ v: RuleViolation) -> String { "\(v.rule)|\(v.volunteer ?? "")|\(v.date?.description ?? "")" }

    /// Violations of `assignments` that `base` does not have.
    static func newViolations(_ checker: RosterChecker, _ base: CheckReport, _ assignments: [Assignment]) -> [RuleViolation] {
        let was = Set(base.violations.map(signature))
        return checker.check(assignments).violations.filter { !was.contains(signature($0)) }
    }

    @Test(arguments: 1...16 as ClosedRange<UInt64>)
    func everyReasonIsTheCheckersAndEveryCandidateIsValid(seed: UInt64) throws {
        var problem = RandomProblems.make(seed: seed, tiny: false)
        // Raise demand so that some of it goes unfilled.
        problem.coverage = problem.coverage.map { var c = $0; c.minimum += 2; c.maximum = c.maximum.map { $0 + 2 }; return c }
        let roster = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 5))
        let checker = RosterChecker(problem: problem)
        let base = checker.check(roster.assignments)
        var explainer = RosterExplainer(problem: problem, assignments: roster.assignments)
        var advisor = CoverAdvisor(problem: problem, assignments: roster.assignments)
        #expect(!roster.unfilled.isEmpty, "seed \(seed): nothing unfilled, so nothing tested")
        var asked = 0
        defer { #expect(asked > 0 || roster.unfilled.allSatisfy { explainer.options(for: $0).isEmpty }) }
        for u in roster.unfilled {
            let e = explainer.explain(u)
            let options = explainer.options(for: u)
            asked += options.count
            #expect(e.qualified == options.count)
            #expect(e.free.count + e.blocked.reduce(0) { $0 + $1.volunteers.count } == e.qualified)
            let byVolunteer = Dictionary(options.map { ($0.volunteer, $0.options) }, uniquingKeysWith: { a, _ in a })
            for id in e.free {
                let fits = byVolunteer[id]!.contains { Self.newViolations(checker, base, roster.assignments + [$0]).isEmpty }
                #expect(fits, "seed \(seed): \(id) said free for \(u) but every option breaks a rule")
            }
            for group in e.blocked {
                for id in group.volunteers {
                    for option in byVolunteer[id]! {
                        // Their own rules, or the place's (a line's phones, a capped role).
                        let broken = Self.newViolations(checker, base, roster.assignments + [option])
                            .filter { $0.volunteer == id || RosterExplainer.placeRules.contains($0.rule) }
                        #expect(!broken.isEmpty, "seed \(seed): \(id) said kept out (\(group.reason)) of \(u) but \(option.key) breaks nothing")
                    }
                }
            }
            for c in advisor.candidates(for: u) where c.isAllowed {
                var changed = roster.assignments
                if let h = c.handOver { changed.removeAll { $0.key == h.gives }; changed.append(h.to) }
                changed.append(c.takes)
                #expect(Self.newViolations(checker, base, changed).isEmpty, "seed \(seed): candidate \(c.takes.key) breaks a rule")
                let change = checker.check(changed).objective.total - base.objective.total
                #expect(abs(change - c.objectiveChange) < 1e-6)
            }
        }
    }

    /// One slot, five qualified volunteers, each kept out by a different rule.
    @Test
    func reasonsAreNamed() throws {
        let monday = CalendarDate(year: 2026, month: 3, day: 2)
        let day = DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 16))
        let late = DailyWindow(start: TimeOfDay(hour: 16), end: TimeOfDay(hour: 22))
        var onLeave = Volunteer(id: "leave", skills: ["x": 1])
        onLeave.availability.exceptions = [DatedException(date: monday.adding(days: 2), available: false)]
        var eveningsOnly = Volunteer(id: "evenings", skills: ["x": 1])
        eveningsOnly.availability.weekly = [WeeklyWindow(days: Set(Weekday.allCases), window: late)]
        var capped = Volunteer(id: "capped", skills: ["x": 1])
        capped.limits.maxHoursPerWeek = 16
        var busy = Volunteer(id: "busy", skills: ["x": 1])
        busy.limits.maxShiftsPerDay = 1
        let free = Volunteer(id: "free", skills: ["x": 1])
        let unqualified = Volunteer(id: "nope", skills: ["y": 1])
        let problem = RosterProblem(
            name: "why", horizon: Horizon(start: monday, days: 7), skills: ["x", "y"],
            volunteers: [onLeave, eveningsOnly, capped, busy, free, unqualified],
            templates: [ShiftTemplate(id: "day", line: "L", window: day, requiredSkill: "x"),
                        ShiftTemplate(id: "late", line: "M", window: late, requiredSkill: "x")],
            coverage: [CoverageRequirement(id: "c", target: .slots(line: "L", skill: nil, window: day, slotMinutes: 60),
                                           days: DaySelector(dates: [monday.adding(days: 2)]), minimum: 1)])
        var whatIf = WhatIf(problem: problem, assignments: [])
        let wednesday = monday.adding(days: 2)
        let roster = [whatIf.shift(volunteer: "capped", template: 0, day: 0), whatIf.shift(volunteer: "capped", template: 0, day: 1),
                      whatIf.shift(volunteer: "busy", template: 1, day: 2)]
        whatIf = WhatIf(problem: problem, assignments: roster)
        #expect(!whatIf.effect(of: "capped", adding: [whatIf.shift(volunteer: "capped", template: 0, day: 2)]).isAllowed)
        var explainer = RosterExplainer(problem: problem, assignments: roster)
        let report = RosterChecker(problem: problem).check(roster)
        let gap = try #require(report.unfilled.first { $0.date == wednesday })
        let e = explainer.explain(gap)
        #expect(e.qualified == 5)
        let reasons: [BlockReason: [String]] = Dictionary(e.blocked.map { ($0.reason, $0.volunteers) }, uniquingKeysWith: +)
        #expect(reasons[.onLeave] == ["leave"])
        #expect(reasons[.notAvailableThen] == ["evenings"])
        #expect(reasons[.weeklyLimit] == ["capped"])
        #expect(reasons[.alreadyWorking] == ["busy"])
        #expect(e.free == ["free"])

        // Cover: the free volunteer first; the busy one by a move of two (someone takes
        // their late shift), the capped one not at all within the rules.
        var advisor = CoverAdvisor(problem: problem, assignments: roster)
        let candidates = advisor.candidates(for: gap)
        #expect(candidates.first?.takes.volunteer == "free")
        #expect(candidates.contains { $0.isAllowed && $0.takes.volunteer == "busy" && $0.handOver != nil })
        #expect(candidates.contains { !$0.isAllowed && $0.takes.volunteer == "capped" && $0.breaks.contains { $0.rule == .maxHoursPerWeek } })
    }

    /// The what-if check of one volunteer alone leaves the demand rules out (on a
    /// 3,000-volunteer county, diagnosing every slot and event team of each lone volunteer
    /// was most of an explanation's 28 s): its answers are those of the same check with
    /// them, the rules that judge demand saying nothing of one volunteer's own roster.
    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func leavingDemandOutOfTheOneVolunteerCheckChangesNoAnswer(seed: UInt64) throws {
        let problem = RandomProblems.make(seed: seed, tiny: false)
        let roster = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 2))
        var whatIf = WhatIf(problem: problem, assignments: roster.assignments)
        var asked = 0
        for volunteer in problem.volunteers {
            var alone = problem
            alone.volunteers = [volunteer]
            alone.coverage = []
            alone.rules.pinned = problem.rules.pinned.filter { $0.volunteer == volunteer.id }
            alone.rules.baseline = problem.rules.baseline.filter { $0.volunteer == volunteer.id }
            let judging = RosterChecker(problem: alone)
            let mine = whatIf.assignments(of: volunteer.id)
            let before = judging.check(mine)
            let was = Set(before.violations.map(WhatIf.signature))
            for t in problem.templates.indices {
                for day in stride(from: 0, to: problem.horizon.days, by: 3) {
                    let option = whatIf.shift(volunteer: volunteer.id, template: t, day: day)
                    guard !mine.contains(where: { $0.key == option.key }) else { continue }
                    let effect = whatIf.effect(of: volunteer.id, adding: [option])
                    let after = judging.check(mine + [option])
                    let breaks = after.violations.filter { !was.contains(WhatIf.signature($0)) }
                    #expect(effect.breaks.map(WhatIf.signature).sorted() == breaks.map(WhatIf.signature).sorted(), "seed \(seed): \(option.key)")
                    let a = WhatIf.nonCoverage(after.objective.byRule), b = WhatIf.nonCoverage(before.objective.byRule)
                    for rule in Set(a.keys).union(b.keys) {
                        #expect(abs((a[rule] ?? 0) - (b[rule] ?? 0) - (effect.ruleChanges[rule] ?? 0)) < 1e-9, "seed \(seed): \(rule)")
                    }
                    asked += 1
                }
            }
        }
        #expect(asked > 0)
        // The demand rules do judge a lone volunteer when asked to: every slot is short.
        if !problem.coverage.isEmpty, let first = problem.volunteers.first {
            var alone = problem
            alone.volunteers = [first]
            #expect(RosterChecker(problem: alone).check([]).objective.coverage > 0)
            #expect(RosterChecker(problem: alone).check([], judgingDemand: false).objective.coverage == 0)
        }
    }

    @Test
    func aComparisonNamesWhatAnEditBreaksAndTheObjectivesChange() throws {
        let problem = RandomProblems.make(seed: 7, tiny: false)
        let roster = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 5))
        var edited = roster.assignments
        let first = try #require(edited.first)
        edited.append(first)  // the same assignment twice
        let c = RosterComparison(problem: problem, published: roster.assignments, edited: edited)
        #expect(c.newViolations.contains { $0.rule == .duplicate })
        #expect(c.added.isEmpty && c.removed.isEmpty)
        let removed = Array(roster.assignments.dropFirst())
        let d = RosterComparison(problem: problem, published: roster.assignments, edited: removed)
        #expect(d.removed == [first.key])
        #expect(abs(d.totalChange - (d.edited.objective.total - d.published.objective.total)) < 1e-9)
        #expect(abs(d.ruleChanges.reduce(0) { $0 + $1.change } - d.totalChange) < 1e-6)
    }
}

@Suite("Recruiting for the open gaps")
struct RecruiterTests {
    /// Two lines; nobody can take the evening line, and the day line is short on weekdays.
    static func problem() -> RosterProblem {
        let monday = CalendarDate(year: 2026, month: 3, day: 2)
        let day = DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(hour: 15))
        let evening = DailyWindow(start: TimeOfDay(hour: 15), end: TimeOfDay(hour: 22))
        var volunteers: [Volunteer] = []
        for i in 0..<1 {
            var v = Volunteer(id: "v\(i)", skills: ["legal": 1])
            v.limits.maxHoursPerWeek = 21
            volunteers.append(v)
        }
        return RosterProblem(
            name: "recruit", horizon: Horizon(start: monday, days: 14), skills: ["legal", "psy"], volunteers: volunteers,
            templates: [ShiftTemplate(id: "legal-am", line: "legal", window: day, requiredSkill: "legal"),
                        ShiftTemplate(id: "psy-pm", line: "psy", window: evening, requiredSkill: "psy")],
            coverage: [CoverageRequirement(id: "legal", target: .slots(line: "legal", skill: nil, window: day, slotMinutes: 60), minimum: 1, underWeight: 10),
                       CoverageRequirement(id: "psy", target: .slots(line: "psy", skill: nil, window: evening, slotMinutes: 60), minimum: 1, underWeight: 10)])
    }

    @Test
    func theProfileNobodyHasComesFirstAndTheResolveConfirmsIt() throws {
        let problem = Self.problem()
        let options = RosterSolveOptions(timeLimit: 10)
        let roster = try RosterSolver().solve(problem, options: options)
        let before = UnfilledTotals(roster.unfilled).all.personHours
        // Every evening, and the mornings one person at 21 h a week cannot fill.
        let expected: Double = 14 * 7 + (14 - 3 * 2) * 7
        #expect(before == expected)
        let advice = try Recruiter().recommend(problem, assignments: roster.assignments, top: 2, confirm: 2, options: options)
        #expect(advice.unfilledBefore == expected)
        #expect(advice.nothingToRecommend == nil)
        // The evenings first (98 person-hours): a psy volunteer any evening, three of them
        // for 49 hours a week at the typical 21; then the mornings' 56 with a legal one.
        let psy = try #require(advice.recommendations.first)
        #expect(psy.profile.skills == ["psy": 1])
        #expect(psy.reachablePersonHours == 98)
        #expect(psy.people == 3)
        #expect(psy.profile.availability == [WeeklyWindow(days: Set(Weekday.allCases), window: DailyWindow(start: TimeOfDay(hour: 15), end: TimeOfDay(hour: 22)))])
        let legal = try #require(advice.recommendations.dropFirst().first)
        #expect(legal.profile.skills == ["legal": 1])
        #expect(legal.reachablePersonHours == 56)
        for r in [psy, legal] {
            let after = try #require(r.unfilledAfter)
            #expect(after < before, "\(r.profile.skills)")
            #expect(before - after <= r.reachablePersonHours + 1e-9)
        }
        // The recruits really are volunteers of the profile.
        let added = Recruiter.adding(psy.profile, count: 2, to: problem)
        #expect(added.volunteers.count == 3)
        #expect(added.volunteers.last?.has(skill: "psy") == true)
        try added.validate()
    }
}

@Suite("Score analysis")
struct ScoreAnalysisTests {
    /// Per-assignment rules add up: a volunteer's penalty under each of them is the sum of
    /// what their assignments cost; and the volunteers' shares of a per-volunteer rule add
    /// up to the roster's total.
    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func costsAddUpToTheCheckersTotals(seed: UInt64) throws {
        let problem = RandomProblems.make(seed: seed, tiny: false)
        let roster = try RosterSolver().solve(problem, options: RosterSolveOptions(timeLimit: 5))
        var explainer = RosterExplainer(problem: problem, assignments: roster.assignments)
        let byVolunteer = explainer.penaltiesByVolunteer()
        let byAssignment = explainer.penaltiesByAssignment()
        let additive = ["home-area", "avoided-sites", "undesired-times", "preferred-sites", "preferred-times"]
        for volunteer in problem.volunteers {
            let mine = roster.assignments.filter { $0.volunteer == volunteer.id }
            for rule in additive {
                let sum = mine.reduce(0.0) { $0 + (byAssignment[$1.key]?[rule] ?? 0) }
                #expect(abs(sum - (byVolunteer[volunteer.id]?[rule] ?? 0)) < 1e-9, "seed \(seed) \(volunteer.id) \(rule)")
            }
        }
        let total = RosterChecker(problem: problem).check(roster.assignments).objective.byRule
        for rule in additive + (problem.rules.fairness == .totalDeviation ? ["fairness"] : []) {
            let shares = byVolunteer.values.reduce(0.0) { $0 + ($1[rule] ?? 0) }
            #expect(abs(shares - (total[rule] ?? 0)) < 1e-6, "seed \(seed) \(rule)")
        }
    }
}
