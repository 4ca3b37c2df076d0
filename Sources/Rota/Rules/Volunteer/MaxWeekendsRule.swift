import LinearProgramming

/// `max-weekends`: at most ``ContractLimits/maxWeekends`` weekends with any work.
///
/// Rows: a weekend indicator per weekend (≥ each of its days' work) and one count row.
/// Schedule models: the sequence model keeps the weekends worked in its state; the
/// counting model declines a volunteer whose limit can bind.
struct MaxWeekendsRule: Rule {
    var ids: [RuleID] { [.maxWeekends] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        guard let m = b.problem.volunteers[v].limits.maxWeekends else { return }
        var count = LinearExpression()
        for weekend in b.problem.horizon.weekends {
            let days = weekend.filter { !b.dayItems[v][$0].isEmpty }
            if days.isEmpty { continue }
            if days.count == 1 {
                count.add(b.work(v, days[0]))
            } else {
                let works = days.map { b.work(v, $0) }
                let z = b.auxiliary("we_\(v)_\(weekend[0])", kind: .binary, upper: 1) { b, z in
                    for w in works { b.model.addConstraint(w - LinearExpression(z), .lessOrEqual(0)) }
                }
                count.add(z)
            }
        }
        if count.terms.count > m { b.model.addConstraint(count, .lessOrEqual(Double(m))) }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        if let m = c.limits.maxWeekends, c.weekendsWorked > m {
            c.fail(&findings, .maxWeekends, nil, "\(c.weekendsWorked) weekends worked, at most \(m)")
        }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        guard let m = s.limits.maxWeekends, m < s.problem.horizon.weekends.count else { return .notBinding }
        return model == .sequence ? .kept : .unsupported
    }
}
