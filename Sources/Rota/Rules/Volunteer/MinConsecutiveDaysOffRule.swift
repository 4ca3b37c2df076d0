import LinearProgramming

/// `min-consecutive-days-off`: a run of days off lasts at least
/// ``ContractLimits/minConsecutiveDaysOff`` (runs touching either end are exempt).
///
/// Rows: starting a rest on day d (worked d − 1) forbids work on d + 1 … d + k − 1.
/// Schedule models: the sequence model keeps the run in its state; the counting model
/// declines.
struct MinConsecutiveDaysOffRule: Rule {
    var ids: [RuleID] { [.minConsecutiveDaysOff] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        let D = b.problem.horizon.days
        guard let k = b.problem.volunteers[v].limits.minConsecutiveDaysOff, k > 1 else { return }
        for d in 1..<max(D, 1) {
            let yesterday = b.work(v, d - 1)
            guard !yesterday.terms.isEmpty else { continue }
            for j in 1..<min(k, D) where d + j < D {
                let later = b.work(v, d + j)
                guard !later.terms.isEmpty else { continue }
                let e = yesterday - b.work(v, d) + later
                b.model.addConstraint(e, .lessOrEqual(1))
            }
        }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        guard let m = c.limits.minConsecutiveDaysOff else { return }
        for run in c.runs where !run.working && run.days.count < m && !run.touchesEdge {
            c.fail(&findings, .minConsecutiveDaysOff, run.days.lowerBound, "\(run.days.count) days off in a row, at least \(m)")
        }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        guard let k = s.limits.minConsecutiveDaysOff, k > 1 else { return .notBinding }
        return model == .sequence ? .kept : .unsupported
    }
}
