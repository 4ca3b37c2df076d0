import LinearProgramming

/// `max-shifts-per-day`: at most ``ContractLimits/maxShiftsPerDay`` assignments starting
/// on one day.
///
/// Rows: one per day with more items than the limit. Schedule models: a path takes at
/// most one option a day, so they keep this rule when the limit is 1 or when a day's items
/// all overlap (one at a time anyway); a volunteer who may take several items a day is
/// declined. The test looks at every item of the day, before the per-day hour limits
/// filter them: two short items may together meet a daily minimum that each alone misses
/// (its suite found exactly that).
struct MaxShiftsPerDayRule: Rule {
    var ids: [RuleID] { [.maxShiftsPerDay] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        guard let m = b.problem.volunteers[v].limits.maxShiftsPerDay else { return }
        for ids in b.dayItems[v] where ids.count > m {
            b.model.addConstraint(terms: b.terms(ids), .lessOrEqual(Double(m)))
        }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        guard let m = c.limits.maxShiftsPerDay else { return }
        for (d, n) in c.countByDay.enumerated() where n > m { c.fail(&findings, .maxShiftsPerDay, d, "\(n) assignments, at most \(m)") }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        var several = false
        for ids in s.allByDay where ids.count > 1 {
            several = true
            guard s.limits.maxShiftsPerDay != 1 else { continue }
            let starts = ids.map { s.items[$0].interval.start }, ends = ids.map { s.items[$0].interval.end }
            if starts.max()! >= ends.min()! { return .unsupported }
        }
        return several ? .kept : .notBinding
    }
}
