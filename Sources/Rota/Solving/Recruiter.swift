import LinearProgramming

/// Whom to recruit: the volunteer profiles that would remove the most unfilled hours per
/// added person. `rota recruit`.
///
/// 1. The LP relaxation of the roster's model is solved once; the dual of each coverage
///    row (`count + under ≥ minimum`) is what one more person in that slot is worth.
/// 2. A profile is a shift template worked on a group of weekdays (Monday–Friday, the
///    weekend, or every day): a person with its skill, available exactly then, working at
///    most one shift a day and at most as many hours a week as the scenario's volunteers
///    typically may. Its worth is the best such person's sum of duals over the slots their
///    shifts cover; the hours it would fill are the unfilled hours of those slots.
/// 3. The best profiles are **confirmed**: the scenario is solved again with that many
///    such volunteers added, and the unfilled hours before and after are reported.
///
/// This is the dual price of demand, read as a recruiting plan; none of the peers has it.
public struct Recruiter: Sendable {
    public var solver: RosterSolver

    public init(solver: RosterSolver) { self.solver = solver }

    /// A profile of volunteer to recruit.
    public struct Profile: Sendable, Hashable {
        /// The shift template they would work.
        public var template: String
        public var line: String?
        public var skill: String?
        public var window: DailyWindow
        public var weekdays: Set<Weekday>
        /// A name for the weekday group: `Mon–Fri`, `Sat–Sun`, `every day`.
        public var days: String
    }

    /// One recommendation.
    public struct Recommendation: Sendable {
        public var profile: Profile
        /// The dual worth of one such person (the objective's decrease the LP predicts).
        public var worthPerPerson: Double
        /// Unfilled hours one such person could fill, by the duals' choice of shifts.
        public var hoursPerPerson: Double
        /// Unfilled hours on the profile's days and shift: what people of it could fill at most.
        public var reachableHours: Double
        /// How many to add: enough for the unfilled hours the profile can reach.
        public var people: Int
        /// Unfilled hours of the scenario before and after adding `people` such volunteers,
        /// from a real re-solve; `nil` when not confirmed.
        public var unfilledBefore: Double
        public var unfilledAfter: Double?
    }

    /// The most people recommended for one profile.
    public static let maximumPeoplePerProfile = 5
    /// Weekday groups a profile may have.
    static let dayGroups: [(String, Set<Weekday>)] = [
        ("Mon–Fri", [.monday, .tuesday, .wednesday, .thursday, .friday]), ("Sat–Sun", [.saturday, .sunday]), ("every day", Set(Weekday.allCases)),
    ]
    /// Duals below this are no demand.
    static let dualTolerance = 1e-6

    /// Unfilled hours of coverage slots in `roster` (events excluded: a recruit covers the hotline).
    public static func unfilledHours(_ unfilled: [UnfilledDemand]) -> Double {
        unfilled.reduce(0) { total, u in
            if case .slot = u.kind { return total + Double(u.interval.length) / 60 * Double(u.missing) }
            return total
        }
    }

    /// Ranks profiles for `problem`, whose current roster leaves `unfilled` (a roster's
    /// ``Roster/unfilled``, or a ``CheckReport``'s), and confirms the best `confirm` of them
    /// by re-solving with `options`.
    public func recommend(_ problem: RosterProblem, unfilled: [UnfilledDemand], top: Int = 5, confirm: Int = 3,
                          options: RosterSolveOptions = RosterSolveOptions()) throws(RosterProblemError) -> [Recommendation] {
        try problem.validate()
        let formulation = RosterFormulation(problem: problem)
        let lp = formulation.weightedModel.relaxed
        guard let result = solver.solver.solveStep(lp, options: SolveOptions(timeLimit: options.timeLimit), step: "recruit: the LP relaxation", reporting: options),
              let duals = result.duals else { return [] }
        // The dual of every coverage row, shared evenly by the slots it stands for (slots
        // with the same covering shifts share a row, so what one more person on one of
        // those shifts is worth is the row's dual, whichever slots it is split over).
        let diagnosis = DemandDiagnosis(index: formulation.index)
        var worth: [(requirement: Int, day: Int, slot: MinuteInterval, dual: Double)] = []
        for (column, rows) in formulation.auxiliaries where rows.count == 1 {
            guard let members = formulation.coverageSlots[column], duals.indices.contains(rows[0]),
                  duals[rows[0]] > Self.dualTolerance else { continue }
            let share = duals[rows[0]] / Double(members.count)
            for m in members {
                let slots = diagnosis.slots(of: problem.coverage[m.requirement], day: m.day)
                guard slots.indices.contains(m.slot) else { continue }
                worth.append((m.requirement, m.day, slots[m.slot], share))
            }
        }
        // A slot no volunteer can reach has no row (its shortfall is a constant of the
        // model): one more person there is worth the whole price of a missing one.
        let rowed = Set(worth.map { "\($0.requirement)|\($0.day)|\($0.slot.start)" })
        let weights = problem.rules.weights
        let staffed = Set(formulation.items.compactMap { item in item.template.map { $0 * problem.horizon.days + item.day } })
        for (r, req) in problem.coverage.enumerated() where req.minimum > 0 {
            let price = req.underWeight * req.priority * weights.coverage
            guard price > Self.dualTolerance else { continue }
            for d in 0..<problem.horizon.days where req.days.contains(problem.horizon.date(d)) {
                for slot in diagnosis.slots(of: req, day: d) where !rowed.contains("\(r)|\(d)|\(slot.start)") {
                    let reachable = diagnosis.coveringInstances(of: req, day: d, slot: slot).contains {
                        staffed.contains($0.template * problem.horizon.days + $0.day)
                    }
                    if !reachable { worth.append((r, d, slot, price)) }
                }
            }
        }
        // What one more person on shift instance (template, day) is worth: the duals of the
        // slots it covers. O(rows × covering instances).
        let days = problem.horizon.days
        var worthOf: [Int: Double] = [:]
        for w in worth {
            for (t, d) in diagnosis.coveringInstances(of: problem.coverage[w.requirement], day: w.day, slot: w.slot) {
                worthOf[t * days + d, default: 0] += w.dual
            }
        }
        // Unfilled hours per (day, minute) of each line, from the roster.
        var unfilledAt: [Int: [(interval: MinuteInterval, line: String?, missing: Int)]] = [:]
        for u in unfilled {
            guard case let .slot(_, line, _) = u.kind, let d = problem.horizon.index(of: u.date) else { continue }
            unfilledAt[d, default: []].append((u.interval, line, u.missing))
        }
        let weeklyHours = Self.typicalWeeklyHours(problem)
        var recommendations: [Recommendation] = []
        for (t, template) in problem.templates.enumerated() {
            for (label, weekdays) in Self.dayGroups {
                var byWeek: [Int: [(worth: Double, hours: Double)]] = [:]
                for d in 0..<problem.horizon.days {
                    let date = problem.horizon.date(d)
                    guard weekdays.contains(date.weekday), template.isOffered(on: date) else { continue }
                    let shift = formulation.index.interval(template: t, day: d)
                    let value = worthOf[t * days + d] ?? 0
                    guard value > Self.dualTolerance else { continue }
                    // One person fills one place in each unfilled minute of the shift.
                    var covered = Set<Int>()
                    for u in unfilledAt[d] ?? [] where u.line == template.line {
                        let from = max(u.interval.start, shift.start), to = min(u.interval.end, shift.end)
                        if from < to { covered.formUnion(from..<to) }
                    }
                    let hours = Double(covered.count) / 60
                    byWeek[d / 7, default: []].append((value, hours))
                }
                // One person works their best days, as many as the typical weekly hours allow.
                let perWeek = max(1, Int((weeklyHours / max(template.hours, 1)).rounded(.down)))
                var value = 0.0, hours = 0.0, reachable = 0.0
                for days in byWeek.values {
                    let best = days.sorted { $0.worth > $1.worth }.prefix(perWeek)
                    value += best.reduce(0) { $0 + $1.worth }
                    hours += best.reduce(0) { $0 + $1.hours }
                    reachable += days.reduce(0) { $0 + $1.hours }
                }
                // A profile that fills no unfilled hour is no recruit (its worth is soft).
                guard value > Self.dualTolerance, hours > 0 else { continue }
                let people = hours > 0 ? min(Self.maximumPeoplePerProfile, Int((reachable / hours).rounded(.up))) : 1
                recommendations.append(Recommendation(
                    profile: Profile(template: template.id, line: template.line, skill: template.requiredSkill, window: template.window, weekdays: weekdays, days: label),
                    worthPerPerson: value, hoursPerPerson: hours, reachableHours: reachable, people: max(1, people), unfilledBefore: Self.unfilledHours(unfilled)))
            }
        }
        // The most hours per person first, then the most hours within reach, then worth; of
        // one template only its best weekday group is kept.
        recommendations.sort {
            ($0.hoursPerPerson, $0.reachableHours, $0.worthPerPerson, $1.profile.template, $1.profile.days)
                > ($1.hoursPerPerson, $1.reachableHours, $1.worthPerPerson, $0.profile.template, $0.profile.days)
        }
        var seen = Set<String>()
        recommendations = recommendations.filter { seen.insert($0.profile.template).inserted }
        recommendations = Array(recommendations.prefix(top))
        for i in recommendations.indices.prefix(confirm) {
            let added = try solver.solve(Self.adding(recommendations[i].profile, count: recommendations[i].people, to: problem), options: options)
            recommendations[i].unfilledAfter = Self.unfilledHours(added.unfilled)
        }
        return recommendations
    }

    /// The median of the volunteers' weekly hour caps, or a 5-day week of the longest
    /// template when nobody has a cap.
    static func typicalWeeklyHours(_ problem: RosterProblem) -> Double {
        let caps = problem.volunteers.compactMap(\.limits.maxHoursPerWeek).sorted()
        if !caps.isEmpty { return caps[caps.count / 2] }
        return 5 * (problem.templates.map(\.hours).max() ?? 8)
    }

    /// `problem` with `count` new volunteers of `profile` (ids `recruit-<template>-<n>`).
    public static func adding(_ profile: Profile, count: Int, to problem: RosterProblem) -> RosterProblem {
        var changed = problem
        let template = problem.templates.first { $0.id == profile.template }
        for n in 1...max(1, count) {
            var limits = ContractLimits()
            limits.maxShiftsPerDay = 1
            limits.maxHoursPerWeek = typicalWeeklyHours(problem)
            var skills: [String: Int] = [:]
            if let s = profile.skill { skills[s] = max(template?.minimumLevel ?? 1, 1) }
            changed.volunteers.append(Volunteer(
                id: "recruit-\(profile.template)-\(n)", name: "recruit \(n) (\(profile.template), \(profile.days))", skills: skills,
                availability: Availability(weekly: [WeeklyWindow(days: profile.weekdays, window: profile.window)]), limits: limits))
        }
        return changed
    }
}
