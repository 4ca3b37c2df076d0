import LinearProgramming

/// `coverage.under`, `coverage.over` and `max-head-count`: each coverage requirement's
/// head-count in each of its slots (a line's hour, or a template's shift) against its
/// minimum (shortfall at `underWeight` × priority × ``RuleWeights/coverage`` a head) and
/// its maximum: penalised excess, or a hard cap with ``CoverageRequirement/hardMaximum``
/// (a hotline's fixed number of phones).
///
/// Rows: one head-count variable per shift instance shared by every slot it covers, so a
/// slot row has a handful of terms however many volunteers could work it; a hard maximum
/// is stated on the items themselves, so that whoever checks one person's option against
/// it (the schedule search, column generation's rounding) sees the row directly. Schedule
/// models: master rows; their duals price each option.
struct CoverageRule: Rule {
    var ids: [RuleID] { [.coverageUnder, .coverageOver, .maxHeadCount] }

    func buildShared(_ b: inout Builder) {
        let problem = b.problem
        let horizon = problem.horizon
        let D = horizon.days
        // Items per shift instance (template × day).
        var byInstance: [Int: [Int]] = [:]
        for (id, item) in b.items.enumerated() { if let t = item.template { byInstance[t * D + item.day, default: []].append(id) } }
        var headCount: [Int: LinearExpression] = [:]
        let diagnosis = DemandDiagnosis(index: b.index)
        let weight = problem.rules.weights.coverage
        for (r, req) in problem.coverage.enumerated() {
            let underCost = req.underWeight * req.priority * weight
            let overCost = req.overWeight * req.priority * weight
            for d in 0..<D where req.days.contains(horizon.date(d)) {
                for (s, slot) in diagnosis.slots(of: req, day: d).enumerated() {
                    var count = LinearExpression()
                    var people = LinearExpression()
                    for (t, day) in diagnosis.coveringInstances(of: req, day: d, slot: slot) {
                        let key = t * D + day
                        guard let ids = byInstance[key] else { continue }
                        if req.hardMaximum { people.add(LinearExpression(terms: b.terms(ids))) }
                        if case .shift = req.target {
                            count.add(LinearExpression(terms: b.terms(ids)))
                            continue
                        }
                        if headCount[key] == nil {
                            if ids.count == 1 {
                                headCount[key] = LinearExpression(terms: b.terms(ids))
                            } else {
                                let n = b.auxiliary("n_\(t)_\(day)", kind: .integer, upper: Double(ids.count)) { b, n in
                                    b.model.addConstraint(terms: b.terms(ids) + [LinearTerm(n, -1)], .equal(0))
                                }
                                headCount[key] = LinearExpression(n)
                            }
                        }
                        count.add(headCount[key]!)
                    }
                    if req.minimum > 0 {
                        if count.terms.isEmpty || underCost == 0 {
                            if count.terms.isEmpty {
                                b.constant(.coverageUnder, underCost * Double(req.minimum))
                                b.unfilledConstantHours += Double(req.minimum * slot.length) / 60
                            }
                        } else {
                            let u = b.auxiliary("under_\(r)_\(d)_\(s)", upper: Double(req.minimum)) { b, u in
                                b.model.addConstraint(count + LinearExpression(u), .greaterOrEqual(Double(req.minimum)))
                            }
                            b.penalize(.coverageUnder, u.index, underCost)
                            b.demandHours.append((u.index, Double(slot.length) / 60))
                        }
                    }
                    if let m = req.maximum, req.hardMaximum, people.terms.count > m {
                        // A fixed number of phones: a hard row, no slack.
                        b.model.addConstraint(people, .lessOrEqual(Double(m)))
                    } else if let m = req.maximum, overCost > 0, !count.terms.isEmpty {
                        let o = b.auxiliary("over_\(r)_\(d)_\(s)") { b, o in
                            b.model.addConstraint(count - LinearExpression(o), .lessOrEqual(Double(m)))
                        }
                        b.penalize(.coverageOver, o.index, overCost)
                    }
                }
            }
        }
    }

    func check(roster c: RosterCheck, into findings: inout CheckFindings) {
        let problem = c.problem
        let horizon = problem.horizon
        let diagnosis = DemandDiagnosis(index: c.index)
        var shiftAssignments: [Int: [Int]] = [:]  // day → resolved indices of shifts
        for (k, r) in c.resolved.enumerated() where r.template != nil { shiftAssignments[r.day, default: []].append(k) }
        for req in problem.coverage {
            let priority = req.priority * c.weights.coverage
            for day in 0..<horizon.days where req.days.contains(horizon.date(day)) {
                for slot in diagnosis.slots(of: req, day: day) {
                    let count: Int
                    switch req.target {
                    case let .slots(line, skill, _, _):
                        count = ((shiftAssignments[day - 1] ?? []) + (shiftAssignments[day] ?? [])).filter { k in
                            let r = c.resolved[k]
                            let template = problem.templates[r.template!]
                            return template.line == line && (skill == nil || template.requiredSkill == skill)
                                && r.interval.start <= slot.start && r.interval.end >= slot.end
                        }.count
                    case let .shift(templateID):
                        let t = c.index.templateIndex[templateID]
                        count = (shiftAssignments[day] ?? []).filter { c.resolved[$0].template == t }.count
                    }
                    let under = max(0, req.minimum - count)
                    findings.add(.coverageUnder, req.underWeight * priority * Double(under))
                    if let m = req.maximum, req.hardMaximum, count > m {
                        findings.fail(.maxHeadCount, date: horizon.date(day), "'\(req.id)' has \(count) people at \(slot), at most \(m)")
                    } else if let m = req.maximum, !req.hardMaximum {
                        findings.add(.coverageOver, req.overWeight * priority * Double(max(0, count - m)))
                    }
                    if under > 0 {
                        findings.unfilled.append(UnfilledDemand(
                            kind: .slot(requirement: req.id, line: req.lineName, skill: req.skillName),
                            date: horizon.date(day), interval: slot, needed: req.minimum, assigned: count,
                            reason: diagnosis.reason(requirement: req, day: day, slot: slot)))
                    }
                }
            }
        }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        s.problem.coverage.isEmpty ? .notBinding : .master
    }
}
