import LinearProgramming

/// `fairness`: each volunteer's hours against their target (``Preferences/targetHours``),
/// at ``RuleWeights/fairness`` per hour of deviation: summed over volunteers
/// (``FairnessMeasure/totalDeviation``) or the largest (``FairnessMeasure/maxDeviation``).
///
/// Total deviation: hours over and under target are each volunteer's own columns, at the
/// weight per hour; the counting model keeps the volunteer's total hours in its state and
/// pays the deviation at the path's end.
///
/// Min–max: one shared column `z` for the largest deviation, at the weight, and per
/// volunteer with a target two rows, `hours − z ≤ target` and `hours + z ≥ target`. No
/// column of the volunteer's own: each row is linear in their items, so column generation
/// keeps the rows in its master and prices their duals into each item's cost exactly
/// (``ScheduleTreatment/master`` in both schedule models). `z` is bounded by the largest
/// deviation any roster can have (a target, or all of a volunteer's items against it), so
/// the Lagrangian stays finite at every multiplier. The LP is the same as with a column
/// per deviation; there are 2 × (volunteers with a target) rows either way.
struct FairnessRule: Rule {
    var ids: [RuleID] { [.fairness] }

    func buildShared(_ b: inout Builder) {
        guard b.problem.rules.weights.fairness != 0 else { return }
        switch b.problem.rules.fairness {
        case .totalDeviation: buildTotal(&b)
        case .maxDeviation: buildLargest(&b)
        }
    }

    /// Over and under columns per volunteer, each paid at the weight. O(items).
    private func buildTotal(_ b: inout Builder) {
        let problem = b.problem
        let weight = problem.rules.weights.fairness
        for (v, volunteer) in problem.volunteers.enumerated() {
            guard let target = volunteer.preferences.targetHours else { continue }
            let hours = b.terms(b.itemsByVolunteer[v], \.hours)
            if hours.isEmpty {
                // Nothing can be scheduled: the whole target is a fixed deviation.
                b.constant(.fairness, weight * abs(target))
                continue
            }
            b.owner = v
            defer { b.owner = -1 }
            let plus = b.auxiliary("over_h_\(v)") { b, p in
                b.model.addConstraint(terms: hours + [LinearTerm(p, -1)], .lessOrEqual(target))
            }
            let minus = b.auxiliary("under_h_\(v)") { b, m in
                b.model.addConstraint(terms: hours + [LinearTerm(m, 1)], .greaterOrEqual(target))
            }
            b.fairnessDeviation[v] = (plus.index, minus.index)
            b.penalize(.fairness, plus.index, weight)
            b.penalize(.fairness, minus.index, weight)
        }
    }

    /// One shared column for the largest deviation, two rows per volunteer with a target. O(items).
    private func buildLargest(_ b: inout Builder) {
        var rows: [(target: Double, hours: [LinearTerm])] = []
        var floor = 0.0, ceiling = 0.0, anyTarget = false
        for (v, volunteer) in b.problem.volunteers.enumerated() {
            guard let target = volunteer.preferences.targetHours else { continue }
            anyTarget = true
            let hours = b.terms(b.itemsByVolunteer[v], \.hours)
            let most = hours.reduce(0) { $0 + max($1.coefficient, 0) }
            ceiling = max(ceiling, abs(target), abs(most - target))
            // Nothing can be scheduled: the whole target is a deviation every roster has.
            if hours.isEmpty { floor = max(floor, abs(target)) } else { rows.append((target, hours)) }
        }
        guard anyTarget else { return }
        let top = b.auxiliary("max_dev", lower: floor, upper: max(floor, ceiling)) { b, z in
            for (target, hours) in rows {
                b.model.addConstraint(terms: hours + [LinearTerm(z, -1)], .lessOrEqual(target))
                b.model.addConstraint(terms: hours + [LinearTerm(z, 1)], .greaterOrEqual(target))
            }
        }
        b.penalize(.fairness, top.index, b.problem.rules.weights.fairness)
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
        switch s.problem.rules.fairness {
        case .totalDeviation: return model == .counting ? .kept : .unsupported
        case .maxDeviation: return .master
        }
    }
}
