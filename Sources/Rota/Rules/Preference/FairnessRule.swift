import LinearProgramming

/// `fairness`: each volunteer's hours against their target (``Preferences/targetHours``),
/// at ``RuleWeights/fairness`` per hour of deviation: summed over volunteers
/// (``FairnessMeasure/totalDeviation``) or the largest (``FairnessMeasure/maxDeviation``).
///
/// Columns: hours over and under target per volunteer (and one maximum for min–max).
/// Schedule models: the counting model keeps the volunteer's total hours in its state and
/// pays the deviation at the path's end (total deviation); min–max links every volunteer,
/// so it and the sequence model decline a volunteer with a target under a non-zero weight.
struct FairnessRule: Rule {
    var ids: [RuleID] { [.fairness] }

    func buildShared(_ b: inout Builder) {
        let problem = b.problem
        let weight = problem.rules.weights.fairness
        guard weight != 0 else { return }
        var deviations: [(VariableID, VariableID)] = []
        for (v, volunteer) in problem.volunteers.enumerated() {
            guard let target = volunteer.preferences.targetHours else { continue }
            b.owner = v
            defer { b.owner = -1 }
            let hours = b.terms(b.itemsByVolunteer[v], \.hours)
            if hours.isEmpty {
                // Nothing can be scheduled: the whole target is a fixed deviation.
                if problem.rules.fairness == .totalDeviation { b.constant(.fairness, weight * abs(target)) }
                let m = b.auxiliary("dev_\(v)", lower: abs(target), upper: abs(target)) { _, _ in }
                deviations.append((m, m))
                continue
            }
            let plus = b.auxiliary("over_h_\(v)") { b, p in
                b.model.addConstraint(terms: hours + [LinearTerm(p, -1)], .lessOrEqual(target))
            }
            let minus = b.auxiliary("under_h_\(v)") { b, m in
                b.model.addConstraint(terms: hours + [LinearTerm(m, 1)], .greaterOrEqual(target))
            }
            deviations.append((plus, minus))
            b.fairnessDeviation[v] = (plus.index, minus.index)
            if problem.rules.fairness == .totalDeviation {
                b.penalize(.fairness, plus.index, weight)
                b.penalize(.fairness, minus.index, weight)
            }
        }
        if problem.rules.fairness == .maxDeviation, !deviations.isEmpty {
            let top = b.auxiliary("max_dev") { b, z in
                for (p, m) in deviations {
                    let terms = p == m ? [LinearTerm(z), LinearTerm(p, -1)] : [LinearTerm(z), LinearTerm(p, -1), LinearTerm(m, -1)]
                    b.model.addConstraint(terms: terms, .greaterOrEqual(0))
                }
            }
            b.penalize(.fairness, top.index, weight)
        }
    }

    func check(roster c: RosterCheck, into findings: inout CheckFindings) {
        guard c.weights.fairness > 0 else { return }
        let deviations = c.problem.volunteers.enumerated().compactMap { v, volunteer in
            volunteer.preferences.targetHours.map { abs(c.totals[v].hours - $0) }
        }
        let value = c.problem.rules.fairness == .totalDeviation ? deviations.reduce(0, +) : (deviations.max() ?? 0)
        findings.add(.fairness, c.weights.fairness * value)
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        guard s.problem.rules.weights.fairness != 0, s.volunteer.preferences.targetHours != nil else { return .notBinding }
        return model == .counting && s.problem.rules.fairness == .totalDeviation ? .kept : .unsupported
    }
}
