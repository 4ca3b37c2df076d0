import LinearProgramming

/// Column enumeration: once the pattern LP has converged and a roster is within a small gap
/// of its bound, every schedule that could belong to a better roster is listed, and the
/// master MIP over them is exact — its optimum is the optimum, proven.
///
/// At any multipliers π on the linking rows, every roster x satisfies
/// `z(x) ≥ L(π) + Σ_v (rc_v(x_v) − min_v)`, where `L` is the Lagrangian bound, `rc_v` a
/// schedule's reduced cost and `min_v` the volunteer's cheapest (each term of the sum is
/// non-negative). A roster better than the incumbent `U` therefore uses, for every
/// volunteer, a schedule within `U − L(π)` of their cheapest. When each volunteer's
/// schedule model is exact (the counting model: ``CountedSchedule/enumerate(costs:within:most:)``),
/// those schedules can all be listed; with the incumbent's own schedules in the pool too,
/// the master MIP over the pool contains every roster at least as good as `U`, so its
/// proven optimum is the stage's (Baldacci, Christofides and Mingozzi's exact method for
/// set partitioning, in rostering form). Where a volunteer has more such schedules than
/// ``enumerationLimitPerVolunteer`` or the pool would pass ``enumerationLimit``, or a
/// volunteer's model prices a rule, nothing is claimed and nothing is added.
extension ColumnGeneration {
    /// At most this many schedules a volunteer, and in the whole enumeration: past them
    /// the gap is too wide for enumeration to pay, and branch-and-cut or the heuristics
    /// get the time. Measured on the county family's 60-volunteer week: its whole gap
    /// (9.7 points) admits 4,742 schedules and a master MIP of 3–5 s; an eighth of what
    /// is left after the first master MIP (1.1) admits 1,481, whose MIP finds the optimum
    /// in 0.35 s, and 1,675 within 2.2 and 1,778 within 2.7 prove it in 0.7 s more. The
    /// whole list is what bounds the MIP; one volunteer may hold a good part of it: on a
    /// generated week of the family (`county_generate.py s 12`) one volunteer has 2,098 of
    /// the 9,727 schedules within the whole gap, whose MIP proves the optimum in 0.4 s.
    static let enumerationLimitPerVolunteer = 10_000
    static let enumerationLimit = 40_000

    /// What ``enumerateAndSolve(upper:improvement:from:solver:until:proving:elapsed:options:)`` found: the best
    /// roster over the enumerated pool (if the MIP found one), and whether its value is
    /// proven optimal (then it is also the bound, on the weighted objective).
    struct Enumeration {
        var roster: [Double]?
        var optimum: Double?
        /// Schedules listed in the last round.
        var schedules = 0
    }

    /// Lists every schedule within a gap Δ of each volunteer's cheapest at the last
    /// relaxation's duals, adds them to the pool and solves the master MIP over the pool to
    /// optimality; proven when Δ covers every roster better than the MIP's (`upper`, the
    /// incumbent's weighted value, less `improvement`, what "better" means: 1 for an
    /// integral objective). Δ starts at an eighth of the gap and doubles while the MIP's
    /// roster leaves the proof open: the optimum's schedules lie within its own gap to the
    /// bound of their cheapest (the excesses sum to at most that gap), far fewer
    /// schedules than the incumbent's gap admits, and each better roster narrows the gap
    /// still needed. `nil` when enumeration does not apply or the first list is too large.
    /// O(rounds × (volunteers × days × states × choices + schedules listed × days + one MIP)).
    mutating func enumerateAndSolve(
        upper: Double, improvement: Double, from current: [Double], solver: any Solver, until deadline: Double?, proving proofDeadline: Double? = nil,
        elapsed: () -> Double, options: RosterSolveOptions
    ) -> Enumeration? {
        guard converged, let pi = relaxationDuals, search.schedules.allSatisfy({ $0.counted != nil }) else { return nil }
        let start = elapsed()
        let count = search.schedules.count
        let search = self.search, itemLinks = self.itemLinks, items = formulation.items
        // Each volunteer's cheapest schedule at π: the Lagrangian bound.
        let optionCosts = search.schedules.map { Self.optionCosts($0, at: pi, guide: search.guide, items: items, itemLinks: itemLinks) }
        let cheapest = (0..<count).map { s in search.schedules[s].counted!.shortestPath(costs: optionCosts[s]).value }
        let bound = lagrangian(at: pi, pricing: cheapest)
        guard bound.isFinite else { return nil }
        var result = Enumeration()
        var incumbent = current, value = upper
        var gap = (value - improvement - bound) / Self.firstGapDivisor
        while true {
            let needed = value - improvement - bound
            // No roster is better than the incumbent by `improvement`: it is optimal.
            if needed < 0 {
                result.optimum = value
                return result
            }
            gap = min(gap, needed)
            // Out of time: what the rounds so far found (nothing, before the first).
            guard deadline.map({ elapsed() < $0 }) ?? true, options.cancellation?.isCancelled != true else { return result.schedules > 0 ? result : nil }
            // Every volunteer's schedules within the gap, on all cores (`nil`: past a limit).
            func list(within: Double) -> (lists: [[[Int]]?], listed: Int?) {
                let lists = concurrentMap(count) { s -> [[Int]]? in
                    let dp = search.schedules[s]
                    return dp.counted!.enumerate(costs: optionCosts[s], within: cheapest[s] + within, most: Self.enumerationLimitPerVolunteer)?
                        .map { path in path.map { dp.item[$0] } }
                }
                var listed = 0
                for list in lists {
                    guard let list, listed + list.count <= Self.enumerationLimit else { return (lists, nil) }
                    listed += list.count
                }
                return (lists, listed)
            }
            var (results, listedWithin) = list(within: gap)
            // Listing is cheap next to the MIP: when the whole gap admits few more
            // schedules than this round's, one MIP over them proves the optimum at once.
            if gap < needed, let partial = listedWithin {
                let whole = list(within: needed)
                if let all = whole.listed, Double(all) <= Self.wholeGapGrowth * Double(partial) {
                    (results, listedWithin) = whole
                    gap = needed
                }
            }
            // A volunteer past their limit (`nil`) or a list past the whole limit ends it.
            guard let listed = listedWithin else {
                options.logger?.debug("column enumeration: too many schedules within \(gap), \(String(format: "%.2f", elapsed() - start)) s")
                return result.schedules > 0 ? result : nil
            }
            var added = 0
            for s in 0..<count { for schedule in results[s]! where add(schedule, for: s) { added += 1 } }
            // The incumbent's schedules too: the MIP then holds it and every roster it lists.
            add(schedulesOf: incumbent)
            result.schedules = listed
            var exact = options
            exact.relativeGap = 0
            // The list that holds every better roster is a proof once its MIP is solved:
            // that MIP gets the time until `proofDeadline` (what dives would otherwise
            // spend on rosters no better than the MIP's, on a generated county week 10 s).
            let complete = gap >= needed
            let solved = solveMasterExactly(from: incumbent, solver: solver, until: complete ? (proofDeadline ?? deadline) : deadline, elapsed: elapsed,
                                            options: exact, improvement: improvement, start: complete ? .raced : .incumbent)
            options.logger?.debug("column enumeration: \(listed) schedules within \(gap) of the cheapest (bound \(bound)), \(added) new; master MIP \(solved.value.map { "\($0)" } ?? "none")\(solved.optimal ? " (optimal over them)" : ""), \(String(format: "%.2f", elapsed() - start)) s")
            if let roster = solved.roster, let v = solved.value, v < value {
                incumbent = roster
                value = v
                result.roster = roster
            }
            guard solved.optimal else { return result }
            // Every roster better than the MIP's by `improvement` lies within the gap listed.
            if value - improvement - bound <= gap {
                result.optimum = value
                return result
            }
            gap *= 2
        }
    }

    /// The first gap listed is the incumbent's over this: an eighth. Measured on the
    /// county week: a quarter (2.2, 1,675 schedules) took a MIP of 1.4–2.1 s where an
    /// eighth and two doublings took 1.0 s in all; the MIP's effort grows far faster than
    /// the schedules listed.
    static let firstGapDivisor = 8.0

    /// The whole gap is listed at once when it admits at most this many times the
    /// schedules of the round's gap. Listing takes milliseconds; each MIP takes seconds. On
    /// a generated county week (`county_generate.py s 30`) an eighth of the gap (60.9) lists
    /// 23,986 schedules and the whole (487.5) 24,805: four MIPs over nearly the same list
    /// took 8.4 s, where one over the whole list proves the optimum in 0.6–4 s.
    static let wholeGapGrowth = 1.25
}
