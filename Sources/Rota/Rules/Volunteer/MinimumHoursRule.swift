import LinearProgramming

/// `min-hours-per-week` and `min-hours-per-period`: at least ``ContractLimits/minHoursPerWeek``
/// hours in each complete calendar week and ``ContractLimits/minHoursPerPeriod`` over the
/// horizon. Elastic: when availability or other rules cannot meet a minimum, the shortfall
/// is paid at the hard tier's weight per hour and reported (``RuleID/isElastic``).
///
/// Rows: hours + shortfall ≥ minimum, one per complete week and one for the period.
/// Schedule models: the counting model counts the week's and the period's hours and pays
/// the shortfall at the week's or the horizon's end; the sequence model pays the period's
/// shortfall at the path's end and declines a volunteer with a weekly minimum.
struct MinimumHoursRule: Rule {
    var ids: [RuleID] { [.minHoursPerWeek, .minHoursPerPeriod] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        let limits = b.problem.volunteers[v].limits
        let weight = b.problem.rules.weights.hard
        var spans: [(days: Range<Int>, hours: Double, isPeriod: Bool)] = []
        if let m = limits.minHoursPerWeek, m > 0 {
            for week in b.problem.horizon.weeks where week.isComplete { spans.append((week.days, m, false)) }
        }
        if let m = limits.minHoursPerPeriod, m > 0 { spans.append((0..<b.problem.horizon.days, m, true)) }
        for (days, m, isPeriod) in spans {
            let ids = days.flatMap { b.dayItems[v][$0] }
            let hours = b.terms(ids, \.hours)
            let s = b.auxiliary("short_\(v)_\(days.lowerBound)", upper: m) { b, s in
                b.model.addConstraint(terms: hours + [LinearTerm(s)], .greaterOrEqual(m))
            }
            b.penalize(isPeriod ? .minHoursPerPeriod : .minHoursPerWeek, s.index, weight)
            if isPeriod {
                b.periodShortfall[v] = s.index
            } else {
                b.weekShortfall[v, default: []].append(RosterFormulation.WeekShortfall(days: days, hours: m, column: s.index))
            }
        }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        if let m = c.limits.minHoursPerWeek {
            var shortfall = 0.0
            for week in c.index.weeks where week.isComplete {
                let h = week.days.reduce(0.0) { $0 + c.hoursByDay[$1] }
                if h < m - 1e-9 {
                    c.fail(&findings, .minHoursPerWeek, week.days.lowerBound, "\(h) h in the week, at least \(m)")
                    shortfall += m - h
                }
            }
            findings.add(.minHoursPerWeek, c.weights.hard * shortfall)
        }
        if let m = c.limits.minHoursPerPeriod, c.total < m - 1e-9 {
            c.fail(&findings, .minHoursPerPeriod, nil, "\(c.total) h, at least \(m)")
            findings.add(.minHoursPerPeriod, c.weights.hard * (m - c.total))
        }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        let weekly = (s.limits.minHoursPerWeek ?? 0) > 0 && s.problem.horizon.weeks.contains(where: \.isComplete)
        let period = (s.limits.minHoursPerPeriod ?? 0) > 0
        if model == .sequence && weekly { return .unsupported }
        return weekly || period ? .kept : .notBinding
    }
}
