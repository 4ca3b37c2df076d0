import LinearProgramming

/// `min-consecutive-days`: a run of working days lasts at least
/// ``ContractLimits/minConsecutiveDays`` (runs touching either end of the horizon are exempt).
///
/// Rows: starting a run on day d (off on d − 1) forces work on d + 1 … d + k − 1. Schedule
/// models: the sequence model keeps the run in its state; the counting model declines.
struct MinConsecutiveDaysRule: Rule {
    var ids: [RuleID] { [.minConsecutiveDays] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        let D = b.problem.horizon.days
        guard let k = b.problem.volunteers[v].limits.minConsecutiveDays, k > 1 else { return }
        for d in 1..<max(D, 1) {
            let today = b.work(v, d)
            guard !today.terms.isEmpty else { continue }
            for j in 1..<min(k, D) where d + j < D {
                let e = today - b.work(v, d - 1) - b.work(v, d + j)
                b.model.addConstraint(e, .lessOrEqual(0))
            }
        }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        guard let m = c.limits.minConsecutiveDays else { return }
        for run in c.runs where run.working && run.days.count < m && !run.touchesEdge {
            c.fail(&findings, .minConsecutiveDays, run.days.lowerBound, "\(run.days.count) working days in a row, at least \(m)")
        }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        guard let k = s.limits.minConsecutiveDays, k > 1 else { return .notBinding }
        return model == .sequence ? .kept : .unsupported
    }
}
