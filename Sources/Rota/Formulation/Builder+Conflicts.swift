import LinearProgramming

/// Conflicts: pairs of one volunteer's items that may not both be taken.
///
/// Several rules forbid two items together: ``NoOverlapRule`` (they share a moment),
/// ``RestRule`` (too close), ``ForbiddenSequenceRule`` (a night then an early shift) and
/// ``MaxShiftsPerDayRule`` at one a day. Each rule states its conflicts, as cliques (sets
/// of items no two of which may be taken together) or as pairs; the builder then writes
/// the volunteer's conflicts as few, strong rows: a greedy cover of the conflict graph's
/// edges by maximal cliques, each one row `Σ x ≤ 1`.
///
/// A clique row is as strong as all its pairs together and, in the LP, stronger: on a
/// hotline with at most one shift a day and 11 hours' rest, the six pairs between
/// yesterday's two late shifts and today's three early ones, and the pairs and overlap
/// rows within each day, were 15 rows a day per person; the cover writes two (today's
/// shifts; yesterday's late ones with today's early ones), whose LP admits no
/// half-and-half across the night. The integer points are the same: every emitted clique
/// is a set of pairwise conflicts, and every conflict lies in an emitted clique.
///
/// O(conflicts × degree²) per volunteer; the degree is the number of items one item
/// conflicts with, a handful around its day.
struct ConflictCover {
    /// Declared cliques (item ids), in the order the rules gave them.
    private var cliques: [[Int]] = []
    /// Declared pairs (item ids).
    private var pairs: [(Int, Int)] = []

    var isEmpty: Bool { cliques.isEmpty && pairs.isEmpty }

    mutating func clique(_ ids: [Int]) {
        if ids.count >= 2 { cliques.append(ids) }
    }

    mutating func pair(_ a: Int, _ b: Int) {
        if a != b { pairs.append((a, b)) }
    }

    /// The rows: maximal cliques that together hold every declared conflict, each with at
    /// least one conflict that no earlier row holds. Declared cliques are extended and
    /// written first, largest first (ties in declaration order), then each pair not yet
    /// held grows its own clique. Members are extended in `order` (the volunteer's items
    /// by start), so the rows are the same on every run.
    func rows(order: [Int]) -> [[Int]] {
        guard !isEmpty else { return [] }
        var position: [Int: Int] = [:]
        for (k, id) in order.enumerated() { position[id] = k }
        let n = order.count
        var neighbours = Array(repeating: Set<Int>(), count: n)
        func link(_ a: Int, _ b: Int) {
            guard a != b else { return }
            neighbours[a].insert(b)
            neighbours[b].insert(a)
        }
        let local: [[Int]] = cliques.map { c in Array(Set(c.compactMap { position[$0] })).sorted() }
        for c in local {
            for (i, a) in c.enumerated() { for b in c[(i + 1)...] { link(a, b) } }
        }
        let localPairs: [(Int, Int)] = pairs.compactMap { p in
            guard let a = position[p.0], let b = position[p.1], a != b else { return nil }
            return (min(a, b), max(a, b))
        }
        for (a, b) in localPairs { link(a, b) }

        var held = Array(repeating: Set<Int>(), count: n)  // a → the b > a whose pair a row holds
        func isHeld(_ a: Int, _ b: Int) -> Bool { held[min(a, b)].contains(max(a, b)) }
        var rows: [[Int]] = []
        func emit(_ seed: [Int]) {
            // Grow to a maximal clique: candidates adjacent to every member, added in order.
            var members = seed
            var candidates = neighbours[seed[0]]
            for m in seed.dropFirst() { candidates.formIntersection(neighbours[m]) }
            for c in candidates.sorted() where members.allSatisfy({ neighbours[c].contains($0) }) {
                members.append(c)
            }
            members.sort()
            var holdsNew = false
            for (i, a) in members.enumerated() {
                for b in members[(i + 1)...] where held[a].insert(b).inserted { holdsNew = true }
            }
            if holdsNew { rows.append(members.map { order[$0] }) }
        }
        let bySize = local.indices.sorted { (local[$1].count, $0) < (local[$0].count, $1) }
        for k in bySize where local[k].count >= 2 {
            let c = local[k]
            if c.indices.contains(where: { i in c[(i + 1)...].contains { !isHeld(c[i], $0) } }) { emit(c) }
        }
        for (a, b) in localPairs where !isHeld(a, b) { emit([a, b]) }
        return rows
    }
}

extension Builder {
    /// Items `ids` of the volunteer being built: no two may be taken together.
    mutating func conflictClique(_ ids: [Int]) { conflicts.clique(ids) }

    /// Items `a` and `b` of the volunteer being built may not both be taken.
    mutating func conflictPair(_ a: Int, _ b: Int) { conflicts.pair(a, b) }

    /// Writes volunteer `v`'s conflicts as clique rows and clears them.
    mutating func writeConflicts(_ v: Int) {
        for row in conflicts.rows(order: itemsByVolunteer[v]) {
            model.addConstraint(terms: terms(row), .lessOrEqual(1))
        }
        conflicts = ConflictCover()
    }
}
