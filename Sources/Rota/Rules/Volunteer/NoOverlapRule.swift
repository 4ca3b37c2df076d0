import LinearProgramming

/// `overlap`: a volunteer does one thing at a time.
///
/// Rows: one conflict clique per maximal set of the volunteer's items that share a
/// moment, found by a sweep over the items sorted by start (interval graphs have at most
/// one maximal clique per item, so this is O(items) cliques, far tighter than pairs),
/// written with the volunteer's other conflicts as clique rows (``ConflictCover``).
/// Schedule models: kept (a path takes one choice a day, and the items of a choice keep
/// apart; see ``MaxShiftsPerDayRule``).
struct NoOverlapRule: Rule {
    var ids: [RuleID] { [.overlap] }

    func buildVolunteer(_ b: inout Builder, _ v: Int) {
        var active: [Int] = []
        var grew = false
        for id in b.itemsByVolunteer[v] {
            let start = b.items[id].interval.start
            let kept = active.filter { b.items[$0].interval.end > start }
            if kept.count < active.count && grew {
                b.conflictClique(active)
                grew = false
            }
            active = kept
            active.append(id)
            grew = true
        }
        if grew { b.conflictClique(active) }
    }

    func check(volunteer c: VolunteerCheck, into findings: inout CheckFindings) {
        for (i, a) in c.mine.enumerated() {
            for b in c.mine[(i + 1)...] {
                if b.interval.start >= a.interval.end { break }  // sorted by start: none later overlaps a
                c.fail(&findings, .overlap, a.day, "two assignments overlap")
            }
        }
    }

    func treatment(in model: ScheduleModelKind, _ s: ScheduleContext) -> ScheduleTreatment { .kept }
}
