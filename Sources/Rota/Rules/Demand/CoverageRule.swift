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
    var judgesDemand: Bool { true }

    /// Slots whose head-counts are the same expression (the same covering shift instances)
    /// share their rows: shortfall rows with the same minimum are one row whose slack costs
    /// the sum of theirs (k slots each short by one cost k times one), hard maxima one row
    /// at the least maximum, excess rows with the same maximum one row. The model is the
    /// same at every integer point and in its LP, with far fewer rows: a hotline's hourly
    /// slots between the same template boundaries (08–12 of 08–12 and 08–15 shifts) are one
    /// row instead of four (county m-2: 2,744 hourly shortfall rows become 824). Rows come
    /// in the order their first slot is met. O(slots × covering instances + nonzeros).
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
        var under = SlotRows<UnderKey>(), over = SlotRows<OverKey>(), capped = SlotRows<[Int]>()
        for (r, req) in problem.coverage.enumerated() {
            let underCost = req.underWeight * req.priority * weight
            let overCost = req.overWeight * req.priority * weight
            let isShift = if case .shift = req.target { true } else { false }
            for d in 0..<D where req.days.contains(horizon.date(d)) {
                for (s, slot) in diagnosis.slots(of: req, day: d).enumerated() {
                    // The staffed shift instances that count at this slot: its head-count's key.
                    let instances = diagnosis.coveringInstances(of: req, day: d, slot: slot)
                        .map { $0.template * D + $0.day }.filter { byInstance[$0] != nil }.sorted()
                    let member = CoverageSlot(requirement: r, day: d, slot: s)
                    let hours = Double(slot.length) / 60
                    if req.minimum > 0 {
                        if instances.isEmpty {
                            b.constant(.coverageUnder, underCost * Double(req.minimum))
                            b.unfilledConstantHours += Double(req.minimum) * hours
                        } else if underCost > 0 {
                            under.add(UnderKey(instances: instances, isShift: isShift, minimum: req.minimum), member, bound: 0, cost: underCost, hours: hours)
                        }
                    }
                    guard let m = req.maximum, !instances.isEmpty else { continue }
                    if req.hardMaximum {
                        capped.add(instances, member, bound: m, cost: 0, hours: hours)
                    } else if overCost > 0 {
                        over.add(OverKey(instances: instances, isShift: isShift, maximum: m), member, bound: m, cost: overCost, hours: hours)
                    }
                }
            }
        }
        // A slot's head-count: each instance's items, or (for line slots) one integer
        // column per instance that several items share, so a row has a handful of terms.
        func count(_ instances: [Int], isShift: Bool, _ b: inout Builder) -> LinearExpression {
            var count = LinearExpression()
            for key in instances {
                let ids = byInstance[key]!
                if isShift {
                    count.add(LinearExpression(terms: b.terms(ids)))
                    continue
                }
                if headCount[key] == nil {
                    if ids.count == 1 {
                        headCount[key] = LinearExpression(terms: b.terms(ids))
                    } else {
                        let n = b.auxiliary("n_\(key / D)_\(key % D)", kind: .integer, upper: Double(ids.count)) { b, n in
                            b.model.addConstraint(terms: b.terms(ids) + [LinearTerm(n, -1)], .equal(0))
                        }
                        headCount[key] = LinearExpression(n)
                    }
                }
                count.add(headCount[key]!)
            }
            return count
        }
        for group in under.groups {
            let (key, first) = (group.key, group.members[0])
            let c = count(key.instances, isShift: key.isShift, &b)
            let u = b.auxiliary("under_\(first.requirement)_\(first.day)_\(first.slot)", upper: Double(key.minimum)) { b, u in
                b.model.addConstraint(c + LinearExpression(u), .greaterOrEqual(Double(key.minimum)))
            }
            b.penalize(.coverageUnder, u.index, group.cost)
            b.demandHours.append((u.index, group.hours))
            b.coverageSlots[u.index] = group.members
        }
        for group in capped.groups {
            // A fixed number of phones: a hard row on the items themselves (whoever checks
            // one person's option sees it directly), no slack, and none where it cannot bind.
            let ids = group.key.flatMap { byInstance[$0]! }
            guard ids.count > group.bound else { continue }
            b.model.addConstraint(LinearExpression(terms: b.terms(ids)), .lessOrEqual(Double(group.bound)))
        }
        for group in over.groups {
            let (key, first) = (group.key, group.members[0])
            let c = count(key.instances, isShift: key.isShift, &b)
            let o = b.auxiliary("over_\(first.requirement)_\(first.day)_\(first.slot)") { b, o in
                b.model.addConstraint(c - LinearExpression(o), .lessOrEqual(Double(key.maximum)))
            }
            b.penalize(.coverageOver, o.index, group.cost)
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

/// One slot of one coverage requirement on one day: `slot` indexes
/// ``DemandDiagnosis/slots(of:day:)``.
struct CoverageSlot: Sendable, Hashable {
    var requirement: Int
    var day: Int
    var slot: Int
}

/// The shortfall row a slot joins: its covering instances and its minimum.
private struct UnderKey: Hashable {
    var instances: [Int]
    var isShift: Bool
    var minimum: Int
}

/// The excess row a slot joins: its covering instances and its maximum.
private struct OverKey: Hashable {
    var instances: [Int]
    var isShift: Bool
    var maximum: Int
}

/// Slots gathered into rows by key, in the order each key is first met: each row's members,
/// the least bound (a hard maximum's), and the summed cost and hours. O(1) per slot.
private struct SlotRows<Key: Hashable> {
    struct Group {
        var key: Key
        var members: [CoverageSlot]
        var bound: Int
        var cost: Double
        var hours: Double
    }
    private(set) var groups: [Group] = []
    private var position: [Key: Int] = [:]

    mutating func add(_ key: Key, _ member: CoverageSlot, bound: Int, cost: Double, hours: Double) {
        if let k = position[key] {
            groups[k].members.append(member)
            groups[k].bound = min(groups[k].bound, bound)
            groups[k].cost += cost
            groups[k].hours += hours
        } else {
            position[key] = groups.count
            groups.append(Group(key: key, members: [member], bound: bound, cost: cost, hours: hours))
        }
    }
}
