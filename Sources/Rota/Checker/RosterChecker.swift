/// A hard rule that an assignment list breaks.
public struct RuleViolation: Hashable, Sendable, CustomStringConvertible {
    /// A stable rule name such as `overlap` or `max-consecutive-days`.
    public var rule: String
    public var volunteer: String?
    public var date: CalendarDate?
    public var message: String

    public init(rule: String, volunteer: String? = nil, date: CalendarDate? = nil, message: String) {
        self.rule = rule
        self.volunteer = volunteer
        self.date = date
        self.message = message
    }

    /// Rules that the solver may break when nothing else is possible (a minimum of hours
    /// that availability cannot meet, a pin that conflicts with another rule). Rota reports
    /// them in ``Roster/limitViolations``; every other hard rule is never broken.
    public static let elasticRules: Set<String> = ["min-hours-per-week", "min-hours-per-period", "pinned"]

    /// Whether this violation is of an elastic rule.
    public var isElastic: Bool { Self.elasticRules.contains(rule) }

    public var description: String {
        var s = "[\(rule)]"
        if let volunteer { s += " \(volunteer)" }
        if let date { s += " \(date)" }
        return s + ": " + message
    }
}

/// What ``RosterChecker`` found.
public struct CheckReport: Sendable {
    /// Every hard rule broken. Empty for a valid roster.
    public var violations: [RuleViolation]
    /// The objective, recomputed rule by rule.
    public var objective: ObjectiveBreakdown
    /// Demand not met, with the reason.
    public var unfilled: [UnfilledDemand]
    public var totals: [VolunteerTotals]
    /// Whether no hard rule is broken.
    public var isValid: Bool { violations.isEmpty }
}

/// Validates any assignment list against a problem through its own code, independent
/// of the MIP formulation, and recomputes the objective rule by rule.
///
/// Use it on rosters from Rota, from another tool or edited by hand. It never trusts the
/// times written in an assignment: it recomputes them from the template or event and
/// reports a mismatch.
///
/// Complexity: O(A log A + V·D + S·A_line) for A assignments, V volunteers, D days and S
/// coverage slots.
public struct RosterChecker: Sendable {
    public let index: ProblemIndex
    var problem: RosterProblem { index.problem }

    public init(problem: RosterProblem) { self.index = ProblemIndex(problem) }
    public init(index: ProblemIndex) { self.index = index }

    /// Rule names that belong to the hard tier of the objective.
    public static let hardTierRules: Set<String> = ["limits.min-hours", "pins"]
    /// Rule names that belong to the coverage tier.
    public static let coverageTierRules: Set<String> = ["coverage.under", "coverage.over", "events.under", "events.team-size"]

    public func check(_ assignments: [Assignment]) -> CheckReport {
        var violations: [RuleViolation] = []
        var byRule: [String: Double] = [:]
        func add(_ rule: String, _ value: Double) { if value != 0 { byRule[rule, default: 0] += value } }
        let horizon = problem.horizon
        let weights = problem.rules.weights

        // 1. Resolve every assignment on its own.
        struct Resolved {
            var v: Int
            var day: Int
            var interval: MinuteInterval
            var template: Int?
            var event: Int?
            var skill: String?
            var site: String?
            var line: String?
        }
        var resolved: [Resolved] = []
        var seenKeys = Set<AssignmentKey>()
        for a in assignments {
            func fail(_ rule: String, _ message: String) {
                violations.append(RuleViolation(rule: rule, volunteer: a.volunteer, date: a.date, message: message))
            }
            if !seenKeys.insert(a.key).inserted { fail("duplicate", "the same assignment appears twice"); continue }
            guard let v = index.volunteerIndex[a.volunteer] else { fail("unknown-volunteer", "no volunteer '\(a.volunteer)'"); continue }
            let volunteer = problem.volunteers[v]
            var r: Resolved
            switch a.target {
            case let .shift(templateID, date):
                guard let t = index.templateIndex[templateID] else { fail("unknown-template", "no shift template '\(templateID)'"); continue }
                guard let day = horizon.index(of: date) else { fail("outside-horizon", "\(date) is outside the horizon"); continue }
                let template = problem.templates[t]
                if !template.isOffered(on: date) { fail("not-offered", "shift '\(templateID)' is not offered on \(date)") }
                if !volunteer.has(skill: template.requiredSkill, level: template.minimumLevel) {
                    fail("skill", "shift '\(templateID)' needs \(template.requiredSkill ?? "")≥\(template.minimumLevel)")
                }
                r = Resolved(v: v, day: day, interval: index.interval(template: t, day: day), template: t,
                             skill: template.requiredSkill, site: template.site, line: template.line)
            case let .event(eventID, skill):
                guard let e = index.eventIndex[eventID] else { fail("unknown-event", "no event '\(eventID)'"); continue }
                let event = problem.events[e]
                guard let interval = index.interval(event: e), let day = horizon.index(of: event.date) else {
                    fail("outside-horizon", "event '\(eventID)' is outside the horizon"); continue
                }
                if event.team[skill] == nil { fail("event-role", "event '\(eventID)' needs no '\(skill)'") }
                if !volunteer.has(skill: skill) { fail("skill", "event '\(eventID)' role needs '\(skill)'") }
                r = Resolved(v: v, day: day, interval: interval, event: e, skill: skill, site: event.site)
            }
            if a.interval != r.interval {
                fail("times", "recorded \(a.interval.start)–\(a.interval.end) but the \(r.template != nil ? "shift" : "event") runs \(r.interval.start)–\(r.interval.end) (horizon minutes)")
            }
            if !index.available[v].contains(r.interval) { fail("availability", "not available for the whole assignment") }
            if let cap = volunteer.limits.maxTravelMinutes, index.travelFromHome(volunteer: v, site: r.site) > cap {
                fail("travel", "travel \(index.travelFromHome(volunteer: v, site: r.site)) min exceeds the cap of \(cap)")
            }
            if problem.rules.forbidden.contains(a.key) { fail("forbidden", "this assignment is forbidden") }
            resolved.append(r)
        }

        // 2. Per volunteer: overlaps, rest, daily/weekly/period limits, runs, weekends, caps, sequences.
        var byVolunteer = [[Int]](repeating: [], count: problem.volunteers.count)
        for (k, r) in resolved.enumerated() { byVolunteer[r.v].append(k) }
        var totals: [VolunteerTotals] = []
        let weeks = horizon.weeks
        let weekends = horizon.weekends
        for v in problem.volunteers.indices {
            let volunteer = problem.volunteers[v]
            let limits = volunteer.limits
            let mine = byVolunteer[v].sorted { (resolved[$0].interval.start, resolved[$0].interval.end) < (resolved[$1].interval.start, resolved[$1].interval.end) }
            func fail(_ rule: String, _ day: Int?, _ message: String) {
                violations.append(RuleViolation(rule: rule, volunteer: volunteer.id, date: day.map(horizon.date), message: message))
            }
            // Overlap, rest and travel between every pair close enough to matter.
            for (i, a) in mine.enumerated() {
                for b in mine[(i + 1)...] {
                    let ra = resolved[a], rb = resolved[b]
                    let gapNeeded = index.requiredGap(volunteer: v, from: ra.site, to: rb.site, bothShifts: ra.template != nil && rb.template != nil)
                    if rb.interval.start >= ra.interval.end + max(gapNeeded, 0) { if rb.interval.start >= ra.interval.end + 7 * 1440 { break } else { continue } }
                    if ra.interval.overlaps(rb.interval) {
                        fail("overlap", ra.day, "two assignments overlap")
                    } else {
                        fail("rest", rb.day, "only \(rb.interval.start - ra.interval.end) min between assignments, \(gapNeeded) needed")
                    }
                }
            }
            var hoursByDay = [Double](repeating: 0, count: horizon.days)
            var countByDay = [Int](repeating: 0, count: horizon.days)
            var templatesByDay = [[Int]](repeating: [], count: horizon.days)
            var linesByDay = [Set<String>](repeating: [], count: horizon.days)
            var templateCounts: [Int: Int] = [:]
            var shifts = 0, events = 0
            for k in mine {
                let r = resolved[k]
                hoursByDay[r.day] += Double(r.interval.length) / 60
                countByDay[r.day] += 1
                if let t = r.template {
                    templatesByDay[r.day].append(t)
                    templateCounts[t, default: 0] += 1
                    shifts += 1
                    if let line = r.line { linesByDay[r.day].insert(line) }
                } else {
                    events += 1
                }
            }
            let worked = countByDay.map { $0 > 0 }
            let total = hoursByDay.reduce(0, +)
            for d in 0..<horizon.days where worked[d] {
                if let m = limits.maxShiftsPerDay, countByDay[d] > m { fail("max-shifts-per-day", d, "\(countByDay[d]) assignments, at most \(m)") }
                if let m = limits.maxHoursPerDay, hoursByDay[d] > m + 1e-9 { fail("max-hours-per-day", d, "\(hoursByDay[d]) h, at most \(m)") }
                if let m = limits.minHoursPerDay, hoursByDay[d] < m - 1e-9 { fail("min-hours-per-day", d, "\(hoursByDay[d]) h on a working day, at least \(m)") }
            }
            var minHoursShortfall = 0.0
            for week in weeks {
                let h = week.days.reduce(0.0) { $0 + hoursByDay[$1] }
                if let m = limits.maxHoursPerWeek, h > m + 1e-9 { fail("max-hours-per-week", week.days.lowerBound, "\(h) h in the week, at most \(m)") }
                if let m = limits.minHoursPerWeek, week.isComplete, h < m - 1e-9 {
                    fail("min-hours-per-week", week.days.lowerBound, "\(h) h in the week, at least \(m)")
                    minHoursShortfall += m - h
                }
            }
            if let m = limits.maxHoursPerPeriod, total > m + 1e-9 { fail("max-hours-per-period", nil, "\(total) h, at most \(m)") }
            if let m = limits.minHoursPerPeriod, total < m - 1e-9 {
                fail("min-hours-per-period", nil, "\(total) h, at least \(m)")
                minHoursShortfall += m - total
            }
            add("limits.min-hours", weights.hard * minHoursShortfall)

            // Runs of working days and days off; runs touching either edge are exempt from minimums.
            var d = 0
            while d < horizon.days {
                var e = d
                while e + 1 < horizon.days && worked[e + 1] == worked[d] { e += 1 }
                let length = e - d + 1
                let touchesEdge = d == 0 || e == horizon.days - 1
                if worked[d] {
                    if let m = limits.maxConsecutiveDays, length > m { fail("max-consecutive-days", d, "\(length) working days in a row, at most \(m)") }
                    if let m = limits.minConsecutiveDays, length < m, !touchesEdge { fail("min-consecutive-days", d, "\(length) working days in a row, at least \(m)") }
                } else if let m = limits.minConsecutiveDaysOff, length < m, !touchesEdge {
                    fail("min-consecutive-days-off", d, "\(length) days off in a row, at least \(m)")
                }
                d = e + 1
            }
            let weekendsWorked = weekends.filter { $0.contains { worked[$0] } }.count
            if let m = limits.maxWeekends, weekendsWorked > m { fail("max-weekends", nil, "\(weekendsWorked) weekends worked, at most \(m)") }
            for (t, n) in templateCounts.sorted(by: { $0.key < $1.key }) {
                if let cap = index.cap(volunteer: v, template: t), n > cap {
                    fail("max-shifts-per-template", nil, "\(n) × '\(problem.templates[t].id)', at most \(cap)")
                }
            }
            for s in problem.rules.forbiddenSequences {
                guard let t1 = index.templateIndex[s.first], let t2 = index.templateIndex[s.second] else { continue }
                for d in 0..<max(horizon.days - 1, 0) where templatesByDay[d].contains(t1) && templatesByDay[d + 1].contains(t2) {
                    fail("forbidden-sequence", d, "'\(s.first)' followed by '\(s.second)' the next day")
                }
            }

            // Soft rules for this volunteer.
            var requestPenalty = 0.0
            let allTemplates = mine.compactMap { resolved[$0].template }
            for r in volunteer.preferences.requests {
                let t = r.template.flatMap { index.templateIndex[$0] }
                if let date = r.date {
                    guard let d = horizon.index(of: date) else { continue }
                    let hit = t.map { templatesByDay[d].contains($0) } ?? worked[d]
                    if hit != r.wantsToWork { requestPenalty += r.weight }
                } else if let t {
                    requestPenalty += r.weight * Double(allTemplates.filter { r.wantsToWork ? $0 != t : $0 == t }.count)
                }
            }
            add("requests", weights.requests * requestPenalty)
            add("avoided-sites", weights.avoidedSites * Double(mine.filter { index.avoids(volunteer: v, site: resolved[$0].site) }.count))
            add("undesired-times", weights.undesiredTimes * Double(mine.filter { index.undesired[v].intersects(resolved[$0].interval) }.count))
            add("preferred-sites", weights.preferredSites * Double(mine.filter { index.awayFromPreferred(volunteer: v, site: resolved[$0].site) }.count))
            add("preferred-times", weights.preferredTimes * Double(mine.filter { index.outsidePreferredTimes(volunteer: v, resolved[$0].interval) }.count))
            add("home-area", weights.homeArea * Double(mine.reduce(0) { $0 + index.homeDistance(volunteer: v, site: resolved[$1].site) }))
            if weights.continuity > 0 {
                var switches = 0
                for d in 0..<max(horizon.days - 1, 0) where worked[d] && worked[d + 1] && !linesByDay[d].isSubset(of: linesByDay[d + 1]) {
                    switches += 1
                }
                add("continuity", weights.continuity * Double(switches))
            }
            totals.append(VolunteerTotals(volunteer: volunteer.id, hours: total, shifts: shifts, events: events, weekends: weekendsWorked))
        }

        // Fairness.
        if weights.fairness > 0 {
            let deviations = problem.volunteers.enumerated().compactMap { v, vol in
                vol.preferences.targetHours.map { abs(totals[v].hours - $0) }
            }
            let value = problem.rules.fairness == .totalDeviation ? deviations.reduce(0, +) : (deviations.max() ?? 0)
            add("fairness", weights.fairness * value)
        }

        // Pins and the replanning baseline.
        let present = Set(assignments.map(\.key))
        let broken = problem.rules.pinned.filter { !present.contains($0) }
        for p in broken { violations.append(RuleViolation(rule: "pinned", volunteer: p.volunteer, message: "pinned assignment \(p.target) is missing")) }
        add("pins", weights.hard * Double(broken.count))
        if !problem.rules.baseline.isEmpty {
            let baseline = Set(problem.rules.baseline)
            let eventDates = Dictionary(problem.events.map { ($0.id, $0.date) }, uniquingKeysWith: { a, _ in a })
            let changed = baseline.subtracting(present).union(present.subtracting(baseline))
            add("changes", changed.sorted().reduce(0) { $0 + problem.rules.changeWeight(of: $1, eventDate: { eventDates[$0] }) })
        }

        // 3. Coverage and events.
        let diagnosis = DemandDiagnosis(index: index)
        var unfilled: [UnfilledDemand] = []
        var shiftAssignments: [Int: [Int]] = [:]  // day → resolved indices of shifts
        for (k, r) in resolved.enumerated() where r.template != nil { shiftAssignments[r.day, default: []].append(k) }
        for req in problem.coverage {
            let priority = req.priority * weights.coverage
            for day in 0..<horizon.days where req.days.contains(horizon.date(day)) {
                for slot in diagnosis.slots(of: req, day: day) {
                    let count: Int
                    switch req.target {
                    case let .slots(line, skill, _, _):
                        count = ((shiftAssignments[day - 1] ?? []) + (shiftAssignments[day] ?? [])).filter { k in
                            let r = resolved[k]
                            let template = problem.templates[r.template!]
                            return template.line == line && (skill == nil || template.requiredSkill == skill)
                                && r.interval.start <= slot.start && r.interval.end >= slot.end
                        }.count
                    case let .shift(templateID):
                        let t = index.templateIndex[templateID]
                        count = (shiftAssignments[day] ?? []).filter { resolved[$0].template == t }.count
                    }
                    let under = max(0, req.minimum - count)
                    add("coverage.under", req.underWeight * priority * Double(under))
                    if let m = req.maximum, req.hardMaximum, count > m {
                        violations.append(RuleViolation(rule: "max-head-count", date: horizon.date(day),
                                                        message: "'\(req.id)' has \(count) people at \(slot), at most \(m)"))
                    } else if let m = req.maximum, !req.hardMaximum {
                        add("coverage.over", req.overWeight * priority * Double(max(0, count - m)))
                    }
                    if under > 0 {
                        unfilled.append(UnfilledDemand(
                            kind: .slot(requirement: req.id, line: req.lineName, skill: req.skillName),
                            date: horizon.date(day), interval: slot, needed: req.minimum, assigned: count,
                            reason: diagnosis.reason(requirement: req, day: day, slot: slot)))
                    }
                }
            }
        }
        for (e, event) in problem.events.enumerated() {
            guard let interval = index.interval(event: e) else { continue }
            let mine = resolved.filter { $0.event == e }
            let priority = event.priority * weights.events
            for skill in event.teamSkills {
                let n = mine.filter { $0.skill == skill }.count
                let need = event.team[skill]!
                add("events.under", priority * Double(max(0, need - n)))
                if event.capsRoles, n > need {
                    violations.append(RuleViolation(rule: "max-role-size", date: event.date,
                                                    message: "event '\(event.id)' has \(n) people as '\(skill)', at most \(need)"))
                }
                if n < need {
                    unfilled.append(UnfilledDemand(kind: .eventRole(event: event.id, skill: skill), date: event.date, interval: interval,
                                                   needed: need, assigned: n, reason: diagnosis.reason(event: e, skills: [skill])))
                }
            }
            if mine.count < event.minTeamSize {
                add("events.team-size", priority * Double(event.minTeamSize - mine.count))
                unfilled.append(UnfilledDemand(kind: .eventTeamSize(event: event.id), date: event.date, interval: interval,
                                               needed: event.minTeamSize, assigned: mine.count, reason: diagnosis.reason(event: e, skills: event.teamSkills)))
            }
            if let m = event.maxTeamSize, mine.count > m {
                violations.append(RuleViolation(rule: "max-team-size", date: event.date, message: "event '\(event.id)' has \(mine.count) people, at most \(m)"))
            }
        }

        var hard = 0.0, coverage = 0.0, soft = 0.0
        for (rule, value) in byRule {
            if Self.hardTierRules.contains(rule) { hard += value } else if Self.coverageTierRules.contains(rule) { coverage += value } else { soft += value }
        }
        return CheckReport(
            violations: violations,
            objective: ObjectiveBreakdown(byRule: byRule, hard: hard, coverage: coverage, soft: soft),
            unfilled: DemandDiagnosis.merge(unfilled), totals: totals)
    }
}

extension CoverageRequirement {
    var lineName: String? {
        if case let .slots(line, _, _, _) = target { return line }
        return nil
    }
    var skillName: String? {
        if case let .slots(_, skill, _, _) = target { return skill }
        return nil
    }
}
