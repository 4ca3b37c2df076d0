import LinearProgramming

/// `min-hours-per-day`: on a day the volunteer works, at least
/// ``ContractLimits/minHoursPerDay`` hours.
///
/// Rows: hours of the day ≥ minimum × the day's work indicator. Schedule models: the limit
/// removes the choices of a day whose total is shorter than it (one item a day: the items
/// shorter than it).
struct MinHoursPerDayRule: Rule {
    var ids: [RuleID] { [.minHoursPerDay] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        guard let m = b.problem.volunteers[v].limits.minHoursPerDay, m > 0 else { return }
        for d in b.dayItems[v].indices where !b.dayItems[v][d].isEmpty {
            var e = LinearExpression(terms: b.terms(b.dayItems[v][d], \.hours))
            e.add(b.work(v, d), scaledBy: -m)
            b.model.addConstraint(e, .greaterOrEqual(0))
        }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        guard let m = c.limits.minHoursPerDay else { return }
        for (d, h) in c.hoursByDay.enumerated() where c.worked[d] && h < m - 1e-9 {
            c.fail(&findings, .minHoursPerDay, d, "\(h) h on a working day, at least \(m)")
        }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        (s.limits.minHoursPerDay ?? 0) > 0 ? .filtersOptions : .notBinding
    }
}
