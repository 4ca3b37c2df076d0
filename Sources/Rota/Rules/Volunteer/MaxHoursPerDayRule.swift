import LinearProgramming

/// `max-hours-per-day`: at most ``ContractLimits/maxHoursPerDay`` hours of assignments
/// starting on one day.
///
/// Rows: one per day whose items could exceed it. Schedule models: the limit removes the
/// options longer than it, and the counting model's choices of several items whose total
/// exceeds it.
struct MaxHoursPerDayRule: Rule {
    var ids: [RuleID] { [.maxHoursPerDay] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        guard let m = b.problem.volunteers[v].limits.maxHoursPerDay else { return }
        for ids in b.dayItems[v] where ids.reduce(0.0, { $0 + b.items[$1].hours }) > m {
            b.model.addConstraint(terms: b.terms(ids, \.hours), .lessOrEqual(m))
        }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        guard let m = c.limits.maxHoursPerDay else { return }
        for (d, h) in c.hoursByDay.enumerated() where c.worked[d] && h > m + 1e-9 {
            c.fail(&findings, .maxHoursPerDay, d, "\(h) h, at most \(m)")
        }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        s.limits.maxHoursPerDay == nil ? .notBinding : .filtersOptions
    }
}
