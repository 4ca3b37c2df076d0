import LinearProgramming

/// `max-shifts-per-day`: at most ``ContractLimits/maxShiftsPerDay`` assignments starting
/// on one day.
///
/// Rows: one per day with more items than the limit; at one a day, the day's items are a
/// conflict clique written with the volunteer's others (``ConflictCover``). Schedule
/// models: the sequence model takes at most one option a day, so it keeps this rule when
/// the limit is 1 or when no two items of a day keep apart (one at a time anyway) and
/// declines a volunteer who may take several a day. The counting model offers each day's
/// *choices* — one item, or up to the limit of items that keep apart, within the day's
/// hour limits (``ScheduleContext/choices(on:budget:)``) — and declines only past
/// ``ScheduleContext/choiceBudget`` choices on a day. The per-day hour limits are then
/// kept on a choice's total: two short items may together meet a daily minimum that each
/// alone misses (this rule's suite found exactly that).
struct MaxShiftsPerDayRule: Rule {
    var ids: [RuleID] { [.maxShiftsPerDay] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        guard let m = b.problem.volunteers[v].limits.maxShiftsPerDay else { return }
        for ids in b.dayItems[v] where ids.count > m {
            if m == 1 {
                b.conflictClique(ids)
            } else {
                b.model.addConstraint(terms: b.terms(ids), .lessOrEqual(Double(m)))
            }
        }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        guard let m = c.limits.maxShiftsPerDay else { return }
        for (d, n) in c.countByDay.enumerated() where n > m { c.fail(&findings, .maxShiftsPerDay, d, "\(n) assignments, at most \(m)") }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        if s.severalADay {
            guard model == .counting else { return .unsupported }
            for d in s.optionsByDay.indices where s.choices(on: d) == nil { return .unsupported }
            return .kept
        }
        return s.allByDay.contains { $0.count > 1 } ? .kept : .notBinding
    }
}
