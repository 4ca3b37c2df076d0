import LinearProgramming

/// `events.under`, `events.team-size`, `max-role-size` and `max-team-size`: an outreach
/// event's team — each role's head-count against its need (shortfall at priority ×
/// ``RuleWeights/events`` a head; capped with ``OutreachEvent/capsRoles``: 2 legal, 1
/// health, 3 caring, no role over-filled), the team's minimum size (penalised) and
/// maximum (hard).
///
/// Rows: one per role and one for the team. Schedule models: an event role is an option
/// of the volunteer's day in the counting model and the team's composition a master row;
/// the sequence model takes shifts only and declines a volunteer with event roles.
struct EventTeamsRule: Rule {
    var ids: [RuleID] { [.eventsUnder, .eventsTeamSize, .maxRoleSize, .maxTeamSize] }
    var judgesDemand: Bool { true }

    func buildShared(_ b: inout Builder) {
        let problem = b.problem
        var byEvent = [[Int]](repeating: [], count: problem.events.count)
        for (id, item) in b.items.enumerated() { if let e = item.event { byEvent[e].append(id) } }
        let weight = problem.rules.weights.events
        for (e, event) in problem.events.enumerated() where problem.horizon.index(of: event.date) != nil {
            let cost = event.priority * weight
            let ids = byEvent[e]
            let hours = Double(b.index.interval(event: e)?.length ?? 0) / 60
            for skill in event.teamSkills {
                let need = event.team[skill]!
                guard need > 0 else { continue }
                let role = ids.filter { b.items[$0].skill == skill }
                if event.capsRoles, role.count > need { b.model.addConstraint(terms: b.terms(role), .lessOrEqual(Double(need))) }
                if role.isEmpty || cost == 0 {
                    b.constant(.eventsUnder, cost * Double(need))
                    if role.isEmpty { b.unfilledConstantHours += Double(need) * hours }
                    continue
                }
                let u = b.auxiliary("eunder_\(e)_\(skill)", upper: Double(need)) { b, u in
                    b.model.addConstraint(terms: b.terms(role) + [LinearTerm(u)], .greaterOrEqual(Double(need)))
                }
                b.penalize(.eventsUnder, u.index, cost)
                b.demandHours.append((u.index, hours))
            }
            if event.minTeamSize > 0 {
                if ids.isEmpty || cost == 0 {
                    b.constant(.eventsTeamSize, cost * Double(event.minTeamSize))
                } else {
                    let u = b.auxiliary("esize_\(e)", upper: Double(event.minTeamSize)) { b, u in
                        b.model.addConstraint(terms: b.terms(ids) + [LinearTerm(u)], .greaterOrEqual(Double(event.minTeamSize)))
                    }
                    b.penalize(.eventsTeamSize, u.index, cost)
                }
            }
            if let m = event.maxTeamSize, ids.count > m {
                b.model.addConstraint(terms: b.terms(ids), .lessOrEqual(Double(m)))
            }
        }
    }

    func check(roster c: RosterCheck, into findings: inout CheckFindings) {
        let diagnosis = DemandDiagnosis(index: c.index)
        var byEvent = [[ResolvedAssignment]](repeating: [], count: c.problem.events.count)
        for r in c.resolved { if let e = r.event { byEvent[e].append(r) } }
        for (e, event) in c.problem.events.enumerated() {
            guard let interval = c.index.interval(event: e) else { continue }
            let mine = byEvent[e]
            let priority = event.priority * c.weights.events
            for skill in event.teamSkills {
                let n = mine.filter { $0.skill == skill }.count
                let need = event.team[skill]!
                findings.add(.eventsUnder, priority * Double(max(0, need - n)))
                if event.capsRoles, n > need {
                    findings.fail(.maxRoleSize, date: event.date, "event '\(event.id)' has \(n) people as '\(skill)', at most \(need)")
                }
                if n < need {
                    findings.unfilled.append(UnfilledDemand(kind: .eventRole(event: event.id, skill: skill), date: event.date, interval: interval,
                                                            needed: need, assigned: n, reason: diagnosis.reason(event: e, skills: [skill])))
                }
            }
            if mine.count < event.minTeamSize {
                findings.add(.eventsTeamSize, priority * Double(event.minTeamSize - mine.count))
                findings.unfilled.append(UnfilledDemand(kind: .eventTeamSize(event: event.id), date: event.date, interval: interval,
                                                        needed: event.minTeamSize, assigned: mine.count, reason: diagnosis.reason(event: e, skills: event.teamSkills)))
            }
            if let m = event.maxTeamSize, mine.count > m {
                findings.fail(.maxTeamSize, date: event.date, "event '\(event.id)' has \(mine.count) people, at most \(m)")
            }
        }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        let hasRoles = s.formulation.itemsByVolunteer[s.v].contains { s.items[$0].event != nil }
        guard hasRoles else { return .notBinding }
        return model == .sequence ? .unsupported : .master
    }
}
