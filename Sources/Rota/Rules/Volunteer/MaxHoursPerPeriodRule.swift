import LinearProgramming

/// `max-hours-per-period`: at most ``ContractLimits/maxHoursPerPeriod`` hours over the
/// horizon.
///
/// Rows: one, when the volunteer's items could exceed it. Schedule models: the sequence
/// model counts minutes up to its resolution and prices what it cannot count; the counting
/// model keeps the total in the path's state (in whole minutes).
struct MaxHoursPerPeriodRule: Rule {
    var ids: [RuleID] { [.maxHoursPerPeriod] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        guard let m = b.problem.volunteers[v].limits.maxHoursPerPeriod else { return }
        let mine = b.itemsByVolunteer[v]
        if b.mostHours(v, days: 0..<b.problem.horizon.days) > m { b.model.addConstraint(terms: b.terms(mine, \.hours), .lessOrEqual(m)) }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        if let m = c.limits.maxHoursPerPeriod, c.total > m + 1e-9 { c.fail(&findings, .maxHoursPerPeriod, nil, "\(c.total) h, at most \(m)") }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        guard let m = s.limits.maxHoursPerPeriod else { return .notBinding }
        if model == .counting && !isWholeMinutes(m) { return .unsupported }
        return .kept
    }
}
