import LinearProgramming

/// `max-shifts-per-template`: at most a volunteer's cap of each shift template over the
/// horizon (``ContractLimits/maxShiftsPerTemplate``, or the template's own default).
///
/// Rows: one per capped template with more items than the cap (a cap of 0 leaves the
/// volunteer no column for that template at all). Schedule models: the sequence model
/// counts capped templates where it can and prices the rest; the counting model declines
/// a volunteer whose cap can bind.
struct MaxShiftsPerTemplateRule: Rule {
    var ids: [RuleID] { [.maxShiftsPerTemplate] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        var byTemplate: [Int: [Int]] = [:]
        for id in b.itemsByVolunteer[v] { if let t = b.items[id].template { byTemplate[t, default: []].append(id) } }
        for t in byTemplate.keys.sorted() {
            if let cap = b.index.cap(volunteer: v, template: t), byTemplate[t]!.count > cap {
                b.model.addConstraint(terms: b.terms(byTemplate[t]!), .lessOrEqual(Double(cap)))
            }
        }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        for (t, n) in c.templateCounts.sorted(by: { $0.key < $1.key }) {
            if let cap = c.index.cap(volunteer: c.v, template: t), n > cap {
                c.fail(&findings, .maxShiftsPerTemplate, nil, "\(n) × '\(c.problem.templates[t].id)', at most \(cap)")
            }
        }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        var perTemplate: [Int: Int] = [:]
        for id in s.formulation.itemsByVolunteer[s.v] { if let t = s.items[id].template { perTemplate[t, default: 0] += 1 } }
        let binds = perTemplate.contains { t, n in (s.index.cap(volunteer: s.v, template: t)).map { $0 < n } ?? false }
        guard binds else { return .notBinding }
        return model == .sequence ? .priced : .unsupported
    }
}
