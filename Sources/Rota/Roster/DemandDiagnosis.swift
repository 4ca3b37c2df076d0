/// Explains unmet demand: which slots a requirement has, and why a slot or event role
/// could not be filled. Used by the checker and by roster assembly.
struct DemandDiagnosis {
    let index: ProblemIndex
    var problem: RosterProblem { index.problem }

    /// The slots of `req` on `day`, in horizon minutes. A `.shift` requirement has one
    /// slot: the shift itself.
    func slots(of req: CoverageRequirement, day: Int) -> [MinuteInterval] {
        switch req.target {
        case let .slots(_, _, window, slotMinutes):
            let w = window.interval(onDay: day)
            let step = max(slotMinutes, 1)
            return stride(from: w.start, to: w.end, by: step).map { MinuteInterval($0, min($0 + step, w.end)) }
        case let .shift(templateID):
            guard let t = index.templateIndex[templateID] else { return [] }
            return [index.interval(template: t, day: day)]
        }
    }

    /// Template instances (template, day) that could count towards `req` at `slot` of `day`.
    func coveringInstances(of req: CoverageRequirement, day: Int, slot: MinuteInterval) -> [(template: Int, day: Int)] {
        switch req.target {
        case let .slots(line, skill, _, _):
            var result: [(Int, Int)] = []
            for d in [day - 1, day] where d >= 0 {
                let date = problem.horizon.date(d)
                for (t, template) in problem.templates.enumerated()
                where template.line == line && (skill == nil || template.requiredSkill == skill) && template.isOffered(on: date) {
                    let i = index.interval(template: t, day: d)
                    if i.start <= slot.start && i.end >= slot.end { result.append((t, d)) }
                }
            }
            return result
        case let .shift(templateID):
            guard let t = index.templateIndex[templateID], problem.templates[t].isOffered(on: problem.horizon.date(day)) else { return [] }
            return [(t, day)]
        }
    }

    func reason(requirement req: CoverageRequirement, day: Int, slot: MinuteInterval) -> UnfilledReason {
        let instances = coveringInstances(of: req, day: day, slot: slot)
        if instances.isEmpty { return .noShiftCovers }
        var anyQualified = false
        for (t, d) in instances {
            let template = problem.templates[t]
            for (v, volunteer) in problem.volunteers.enumerated() where volunteer.has(skill: template.requiredSkill, level: template.minimumLevel) {
                anyQualified = true
                if index.available[v].contains(index.interval(template: t, day: d)) { return .limits }
            }
        }
        return anyQualified ? .qualifiedUnavailable : .nobodyQualified
    }

    func reason(event e: Int, skills: [String]) -> UnfilledReason {
        guard let interval = index.interval(event: e) else { return .noShiftCovers }
        let site = problem.events[e].site
        var anyQualified = false
        for (v, volunteer) in problem.volunteers.enumerated() where skills.contains(where: { volunteer.has(skill: $0) }) {
            anyQualified = true
            let travelOK = volunteer.limits.maxTravelMinutes.map { index.travelFromHome(volunteer: v, site: site) <= $0 } ?? true
            if travelOK && index.available[v].contains(interval) { return .limits }
        }
        return anyQualified ? .qualifiedUnavailable : .nobodyQualified
    }

    /// Joins back-to-back slots of the same demand with the same shortfall and reason.
    static func merge(_ items: [UnfilledDemand]) -> [UnfilledDemand] {
        var result: [UnfilledDemand] = []
        for item in items {
            if var last = result.last, last.kind == item.kind, last.date == item.date, last.needed == item.needed,
               last.assigned == item.assigned, last.reason == item.reason, last.interval.end == item.interval.start {
                last.interval.end = item.interval.end
                result[result.count - 1] = last
            } else {
                result.append(item)
            }
        }
        return result
    }
}
