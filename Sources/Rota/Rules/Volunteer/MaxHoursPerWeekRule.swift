import LinearProgramming

/// `max-hours-per-week`: at most ``ContractLimits/maxHoursPerWeek`` hours in each
/// calendar week of the horizon (partial weeks at the ends included).
///
/// Rows: one per week whose items could exceed it. Schedule models: the counting model
/// keeps the week's hours in the path's state (in whole minutes); the sequence model has
/// no weekly count and declines a volunteer whose cap can bind.
struct MaxHoursPerWeekRule: Rule {
    var ids: [RuleID] { [.maxHoursPerWeek] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        guard let m = b.problem.volunteers[v].limits.maxHoursPerWeek else { return }
        for week in b.problem.horizon.weeks {
            let ids = week.days.flatMap { b.dayItems[v][$0] }
            if b.mostHours(v, days: week.days) > m { b.model.addConstraint(terms: b.terms(ids, \.hours), .lessOrEqual(m)) }
        }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        guard let m = c.limits.maxHoursPerWeek else { return }
        for week in c.index.weeks {
            let h = week.days.reduce(0.0) { $0 + c.hoursByDay[$1] }
            if h > m + 1e-9 { c.fail(&findings, .maxHoursPerWeek, week.days.lowerBound, "\(h) h in the week, at most \(m)") }
        }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        guard let m = s.limits.maxHoursPerWeek else { return .notBinding }
        let binds = s.problem.horizon.weeks.contains { week in
            week.days.flatMap { s.byDay[$0] }.reduce(0.0) { $0 + s.items[$1].hours } > m
        }
        switch model {
        case .sequence: return binds ? .unsupported : .notBinding
        case .counting: return !isWholeMinutes(m) ? .unsupported : binds ? .kept : .notBinding
        }
    }
}

/// Whether `hours` is a whole number of minutes (the counting model counts in minutes).
func isWholeMinutes(_ hours: Double) -> Bool { (hours * 60).rounded() == hours * 60 }
