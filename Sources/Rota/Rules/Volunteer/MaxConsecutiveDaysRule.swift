import LinearProgramming

/// `max-consecutive-days`: at most ``ContractLimits/maxConsecutiveDays`` working days in a row.
///
/// Rows: one sliding window of k + 1 days per start, on the days' work indicators, where
/// more than k of its days have items (no other can bind). Schedule
/// models: the run of working days is kept in the path's state.
struct MaxConsecutiveDaysRule: Rule {
    var ids: [RuleID] { [.maxConsecutiveDays] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        let D = b.problem.horizon.days
        guard let k = b.problem.volunteers[v].limits.maxConsecutiveDays, k >= 0, D > k else { return }
        // Only windows with more than k days the volunteer could work can bind, and a
        // window whose workable days are the last written window's is that row again.
        let workable = b.dayItems[v].map { !$0.isEmpty }
        var written: ClosedRange<Int>? = nil
        for start in 0...(D - k - 1) {
            let days = (start...(start + k)).filter { workable[$0] }
            guard days.count > k, let first = days.first, let last = days.last else { continue }
            if let w = written, w == first...last { continue }
            var e = LinearExpression()
            for d in days { e.add(b.work(v, d)) }
            b.model.addConstraint(e, .lessOrEqual(Double(k)))
            written = first...last
        }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        guard let m = c.limits.maxConsecutiveDays else { return }
        for run in c.runs where run.working && run.days.count > m {
            c.fail(&findings, .maxConsecutiveDays, run.days.lowerBound, "\(run.days.count) working days in a row, at most \(m)")
        }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        guard let k = s.limits.maxConsecutiveDays, k < s.byDay.count else { return .notBinding }
        return .kept
    }
}
