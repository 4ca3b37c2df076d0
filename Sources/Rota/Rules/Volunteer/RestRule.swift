import LinearProgramming

/// `rest`: between two assignments that do not overlap, at least the volunteer's rest
/// (``RuleSettings/minRestMinutes`` between two shifts) and the travel time between their
/// sites.
///
/// Rows: one conflict for each two items that do not overlap but are closer than that
/// (items further apart than the longest rest or travel need none), written with the
/// volunteer's other conflicts as clique rows (``ConflictCover``): yesterday's late
/// shifts and today's early ones are one row, not one per pair. Schedule models:
/// kept through which option of yesterday may precede which of today
/// (``RosterFormulation/mayFollow(_:_:)``), and between two items of one day by which
/// may be taken together (``RosterFormulation/keepsApart(_:_:)``); a volunteer whose items two days apart could
/// still be too close is declined.
struct RestRule: Rule {
    var ids: [RuleID] { [.rest] }

    /// The longest week in minutes: the checker looks no further ahead for a rest.
    static let checkReach = 7 * 1440

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        let mine = b.itemsByVolunteer[v]
        let reach = max(b.index.minRest(volunteer: v), b.maxTravel)
        guard reach > 0 else { return }
        for (k, a) in mine.enumerated() {
            let ia = b.items[a]
            for other in mine[(k + 1)...] {
                let ib = b.items[other]
                if ib.interval.start >= ia.interval.end + reach { break }
                if ib.interval.start < ia.interval.end { continue }  // overlapping: a clique holds it
                let gap = b.index.requiredGap(volunteer: v, from: ia.site, to: ib.site, bothShifts: ia.template != nil && ib.template != nil)
                if ib.interval.start < ia.interval.end + gap {
                    b.conflictPair(a, other)
                }
            }
        }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        for (i, a) in c.mine.enumerated() {
            for b in c.mine[(i + 1)...] {
                if b.interval.start >= a.interval.end + Self.checkReach { break }
                if a.interval.overlaps(b.interval) { continue }  // NoOverlapRule's
                let needed = c.index.requiredGap(volunteer: c.v, from: a.site, to: b.site, bothShifts: a.template != nil && b.template != nil)
                if b.interval.start < a.interval.end + needed {
                    c.fail(&findings, .rest, b.day, "only \(b.interval.start - a.interval.end) min between assignments, \(needed) needed")
                }
            }
        }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment {
        let items = s.items
        switch model {
        case .sequence:
            // Items two days apart must never interact: the latest end plus the longest gap
            // stays before the earliest start two days later.
            var minStart = Int.max, maxEnd = Int.min
            for (d, ids) in s.byDay.enumerated() {
                for id in ids {
                    minStart = min(minStart, items[id].interval.start - d * 1440)
                    maxEnd = max(maxEnd, items[id].interval.end - d * 1440)
                }
            }
            guard minStart <= maxEnd else { return .notBinding }
            let sites = Set(s.formulation.itemsByVolunteer[s.v].map { items[$0].site })
            var reach = s.index.minRest(volunteer: s.v)
            for a in sites { for b in sites { reach = max(reach, s.index.requiredGap(volunteer: s.v, from: a, to: b, bothShifts: true)) } }
            return maxEnd + reach <= 2 * 1440 + minStart ? .kept : .unsupported
        case .counting:
            let D = s.byDay.count
            for d in 0..<max(D - 2, 0) {
                for a in s.optionsByDay[d] {
                    for b in s.optionsByDay[d + 2] where !s.formulation.mayFollow(a, b) { return .unsupported }
                }
            }
            return .kept
        }
    }
}
