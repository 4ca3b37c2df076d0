import LinearProgramming

/// The weekly hour cap (``MaxHoursPerWeekRule``) as paths: an extended formulation of one
/// person's week that branch-and-cut solves instead of the cap's single row.
///
/// A volunteer who takes at most one item a day and may work at most `m` hours in a week
/// has, as the week's decisions, a walk through the days: each day off, or one item, its
/// length added to the hours so far, never past `m`. The network has a node per (day,
/// hours so far) and an arc per (node, length of an item that fits); a unit of flow from
/// (first day, 0) picks one walk. Rows tie each (day, length) to the items of that length:
/// their sum is the flow on that day's arcs of that length. At every 0/1 point the model
/// is the same (every week within the cap is a walk, and every walk within it), but the
/// LP can no longer take 10/7 of a 7-hour shift under a 10-hour cap: the flow's LP is the
/// convex hull of the walks, which is what column generation's pattern LP gives for this
/// rule. On a generated county week (`county_generate.py s 33`), the compact LP is 66,994,
/// and with paths 76,489 (the pattern LP's value); GLPK's branch-and-cut then proves the
/// optimum in about 1 s, where it stays 27 % short after 3 s without them.
///
/// Where one week holds all of a volunteer's items (a week's roster), a walk's end is their
/// total hours, and their deviation from a target (``FairnessRule``'s total deviation) is
/// bounded by the walks' own: the LP can no longer meet a 6-hour target with 6/7 of a
/// 7-hour shift.
///
/// Built only where it pays: weeks where the cap can bind (the rule writes its row there),
/// for volunteers with at most one item a day and a cap in whole minutes, and within
/// ``maximumArcs`` arcs a week. The network's size is O(days × states × lengths), with
/// states the distinct sums of lengths up to the cap.
struct HourPaths: Sendable {
    /// The model with the paths' columns and rows appended (the original columns first,
    /// unchanged).
    let model: Model
    /// The original model's column count.
    let originalColumns: Int
    private let networks: [Network]

    /// One volunteer's week: per day with items, its lengths (minutes) with their item
    /// columns, and the arcs out of each state.
    private struct Network: Sendable {
        struct Stage: Sendable {
            /// Each length on the day, with the columns of the items of that length.
            var lengths: [(minutes: Int, columns: [Int])]
            /// State (minutes so far) → (length index or −1 for the day off, arc column).
            var arcs: [Int: [(length: Int, column: Int)]]
        }
        var stages: [Stage]
    }

    /// The most arcs one volunteer's week may have; beyond it the cap keeps its row only.
    static let maximumArcs = 4_000

    /// The paths of every qualifying volunteer-week of `formulation`, appended to `model`
    /// (the stage's model: the formulation's columns, perhaps more rows); `nil` when no
    /// week qualifies. O(the networks' arcs + the formulation's items).
    /// - Parameter pricingTargets: whether a week that holds all of a volunteer's items also
    ///   bounds their deviation from a target (tests turn it off to see what it adds).
    init?(formulation: RosterFormulation, model: Model, pricingTargets: Bool = true) {
        let problem = formulation.index.problem
        var extended = model
        var networks: [Network] = []
        for (v, volunteer) in problem.volunteers.enumerated() {
            guard let cap = volunteer.limits.maxHoursPerWeek, isWholeMinutes(cap) else { continue }
            let capMinutes = Int((cap * 60).rounded())
            var byDay: [Int: [Int]] = [:]
            for id in formulation.itemsByVolunteer[v] { byDay[formulation.items[id].day, default: []].append(id) }
            for week in problem.horizon.weeks {
                let days = week.days.filter { byDay[$0] != nil }
                // One item a day at most, and a cap that can bind (items are whole minutes).
                guard days.allSatisfy({ byDay[$0]!.count <= 1 || volunteer.limits.maxShiftsPerDay == 1 }) else { continue }
                let most = days.reduce(0) { sum, d in sum + byDay[d]!.map { formulation.items[$0].interval.length }.max()! }
                guard most > capMinutes else { continue }
                // A week that holds every item of the volunteer ends in their total hours:
                // their deviation from a target (FairnessRule's total deviation) is at
                // least the walks' average deviation.
                let fairness = pricingTargets && days.count == byDay.count
                    ? formulation.fairnessDeviation[v].flatMap { d in volunteer.preferences.targetHours.map { (d.over, d.under, $0) } } : nil
                guard let network = Self.network(v: v, days: days, byDay: byDay, cap: capMinutes, fairness: fairness,
                                                 formulation: formulation, into: &extended)
                else { continue }
                networks.append(network)
            }
        }
        guard !networks.isEmpty else { return nil }
        self.model = extended
        self.originalColumns = model.variableCount
        self.networks = networks
    }

    /// Builds one week's network into `model`, or returns `nil` (and leaves `model` as it
    /// was) when it would have more than ``maximumArcs`` arcs.
    private static func network(
        v: Int, days: [Int], byDay: [Int: [Int]], cap: Int, fairness: (over: Int, under: Int, target: Double)?,
        formulation: RosterFormulation, into model: inout Model
    ) -> Network? {
        // The stages and the states reachable at each, before writing anything.
        var stages: [Network.Stage] = []
        var states: Set<Int> = [0]
        var arcCount = 0
        var reachable: [[Int]] = []
        for d in days {
            var lengths: [Int: [Int]] = [:]
            for id in byDay[d]! { lengths[formulation.items[id].interval.length, default: []].append(formulation.items[id].column) }
            let sorted = lengths.keys.sorted()
            stages.append(Network.Stage(lengths: sorted.map { ($0, lengths[$0]!) }, arcs: [:]))
            let ordered = states.sorted()
            reachable.append(ordered)
            var next: Set<Int> = []
            for s in ordered {
                next.insert(s)
                arcCount += 1
                for m in sorted where s + m <= cap {
                    next.insert(s + m)
                    arcCount += 1
                }
            }
            if arcCount > maximumArcs { return nil }
            states = next
        }
        // Arcs: the day off keeps the state, an item adds its length.
        var into: [[Int: [Int]]] = Array(repeating: [:], count: days.count + 1)
        for (k, ordered) in reachable.enumerated() {
            for s in ordered {
                var out: [(length: Int, column: Int)] = []
                let off = model.addVariable(name: "p_\(v)_\(days[k])_\(s)_off", kind: .continuous, lowerBound: 0, upperBound: 1).index
                out.append((-1, off))
                into[k + 1][s, default: []].append(off)
                for (l, length) in stages[k].lengths.enumerated() where s + length.minutes <= cap {
                    let arc = model.addVariable(name: "p_\(v)_\(days[k])_\(s)_\(length.minutes)", kind: .continuous, lowerBound: 0, upperBound: 1).index
                    out.append((l, arc))
                    into[k + 1][s + length.minutes, default: []].append(arc)
                }
                stages[k].arcs[s] = out
            }
        }
        // One walk: a unit out of the first node, and what enters a node leaves it.
        model.addConstraint(terms: stages[0].arcs[0]!.map { LinearTerm(VariableID($0.column)) }, .equal(1), name: "p_\(v)_\(days[0])_start")
        for k in 1..<days.count {
            for s in reachable[k] {
                let terms = (into[k][s] ?? []).map { LinearTerm(VariableID($0)) } + stages[k].arcs[s]!.map { LinearTerm(VariableID($0.column), -1) }
                model.addConstraint(terms: terms, .equal(0), name: "p_\(v)_\(days[k])_\(s)")
            }
        }
        // The items of each (day, length) are the flow on that day's arcs of that length
        // (states in order, so that the row is the same on every run).
        for (k, stage) in stages.enumerated() {
            for (l, length) in stage.lengths.enumerated() {
                let arcs = reachable[k].flatMap { stage.arcs[$0]!.filter { $0.length == l }.map(\.column) }
                let terms = length.columns.map { LinearTerm(VariableID($0)) } + arcs.map { LinearTerm(VariableID($0), -1) }
                model.addConstraint(terms: terms, .equal(0), name: "p_\(v)_\(days[k])_\(length.minutes)_items")
            }
        }
        // Each walk's end is the week's hours: over ≥ Σ (hours − target)⁺ · walk, under ≥
        // Σ (target − hours)⁺ · walk. At a 0/1 point the walk taken states the deviation;
        // in the LP, a mix of walks pays each one's.
        if let fairness {
            let ends = into[days.count].sorted { $0.key < $1.key }
            var over = [LinearTerm(VariableID(fairness.over))], under = [LinearTerm(VariableID(fairness.under))]
            for (s, arcs) in ends {
                let hours = Double(s) / 60
                for arc in arcs {
                    if hours > fairness.target { over.append(LinearTerm(VariableID(arc), -(hours - fairness.target))) }
                    if hours < fairness.target { under.append(LinearTerm(VariableID(arc), -(fairness.target - hours))) }
                }
            }
            model.addConstraint(terms: over, .greaterOrEqual(0), name: "p_\(v)_over")
            model.addConstraint(terms: under, .greaterOrEqual(0), name: "p_\(v)_under")
        }
        return Network(stages: stages)
    }

    /// `values` (a point of the original model) with each network's walk appended: the
    /// warm start for the extended model. A week over its cap has no walk; its arcs stay 0.
    /// O(the networks' stages).
    func extend(_ values: [Double]) -> [Double] {
        var x = values + [Double](repeating: 0, count: model.variableCount - originalColumns)
        for network in networks {
            var s = 0
            for stage in network.stages {
                let taken = stage.lengths.firstIndex { $0.columns.contains { values[$0] > 0.5 } } ?? -1
                guard let arc = stage.arcs[s]?.first(where: { $0.length == taken }) else { break }
                x[arc.column] = 1
                if taken >= 0 { s += stage.lengths[taken].minutes }
            }
        }
        return x
    }

    /// The original model's part of a point of the extended one.
    func project(_ values: [Double]) -> [Double] { Array(values.prefix(originalColumns)) }
}
