/// Who could take a shift or an unfilled slot, ranked by what it does to the objective:
/// `rota cover`.
///
/// Each candidate is one volunteer taking one assignment, or a **move of two**: volunteer
/// A, who is kept out by one of their own assignments (already working that day, at the
/// weekly limit, too little rest, too many days in a row), takes it and volunteer B takes
/// A's conflicting assignment. Every candidate is the roster with the change applied and
/// checked whole by ``RosterChecker``: one that breaks a hard rule is listed with what
/// breaks, never as a plain option.
///
/// Complexity: for Q qualified volunteers, Q one-volunteer checks and Q full checks; moves
/// of two at most ``maximumMoves`` full checks more.
public struct CoverAdvisor: Sendable {
    /// One way to cover it.
    public struct Candidate: Sendable, Hashable {
        /// A move of two: the assignment the first volunteer gives up, and who takes it.
        public struct HandOver: Sendable, Hashable {
            public var gives: AssignmentKey
            public var to: Assignment
        }
        /// The assignment that covers the demand.
        public var takes: Assignment
        public var handOver: HandOver?
        /// Hard rules the roster would break with this change that it does not break now.
        public var breaks: [RuleViolation]
        /// The objective's change (negative: better), rule by rule.
        public var ruleChanges: [String: Double]
        public var objectiveChange: Double
        /// Whether the roster stays within every hard rule.
        public var isAllowed: Bool { breaks.isEmpty }
        /// How many people the change asks something of: one, or two for a move of two.
        public var peopleDisturbed: Int { handOver == nil ? 1 : 2 }
    }

    /// How far from the demand's date a conflicting assignment may be handed over.
    static let moveWindowDays = 7
    /// The most moves of two checked whole for one question.
    public static let maximumMoves = 300
    /// Reasons a move of two can lift: a conflict with one of the volunteer's own assignments.
    static let liftable: Set<BlockReason> = [.alreadyWorking, .dailyLimit, .weeklyLimit, .periodLimit, .rest, .daysInARow, .shiftTypeLimit, .weekendLimit]

    public let problem: RosterProblem
    let assignments: [Assignment]
    let checker: RosterChecker
    let baseline: CheckReport
    var explainer: RosterExplainer

    public init(problem: RosterProblem, assignments: [Assignment]) {
        self.problem = problem
        self.assignments = assignments
        self.explainer = RosterExplainer(problem: problem, assignments: assignments)
        // One index of the problem serves the whole-roster checks and the explainer's.
        self.checker = RosterChecker(index: explainer.index)
        self.baseline = checker.check(assignments)
    }

    /// The roster's unfilled demand, as the checker finds it (the order of `roster.json`).
    public var unfilled: [UnfilledDemand] { baseline.unfilled }

    /// The change of applying `remove` and `add`, checked whole.
    func judge(takes: Assignment, handOver: Candidate.HandOver? = nil) -> Candidate {
        var changed = assignments
        var add = [takes]
        if let h = handOver {
            changed.removeAll { $0.key == h.gives }
            add.append(h.to)
        }
        let report = checker.check(changed + add)
        func signature(_ v: RuleViolation) -> String { "\(v.rule)|\(v.volunteer ?? "")|\(v.date?.description ?? "")" }
        let was = Set(baseline.violations.map(signature))
        let breaks = report.violations.filter { !was.contains(signature($0)) }
        var changes: [String: Double] = [:]
        for rule in Set(report.objective.byRule.keys).union(baseline.objective.byRule.keys) {
            let d = (report.objective.byRule[rule] ?? 0) - (baseline.objective.byRule[rule] ?? 0)
            if abs(d) > 1e-9 { changes[rule] = d }
        }
        return Candidate(takes: takes, handOver: handOver, breaks: breaks, ruleChanges: changes,
                         objectiveChange: report.objective.total - baseline.objective.total)
    }

    /// Candidates for unfilled entry `u` (in the order of ``unfilled``) in the order of
    /// ``ranks(_:before:lifts:)``; each volunteer once with their best option, and their best
    /// move of two where one lifts what keeps them out. Volunteers on leave that day are
    /// left out.
    public mutating func candidates(for u: UnfilledDemand) -> [Candidate] {
        candidates(options: explainer.options(for: u), date: u.date)
    }

    /// Candidates for the shifts of `line` that start at `start` on `date`, staffed or not:
    /// "who else could take it?" (usually one
    /// template; several are asked together, each volunteer with their best of them), with
    /// the templates asked about; `nil` when no such shift is offered that day.
    public mutating func candidates(line: String, date: CalendarDate, start: TimeOfDay) -> (templates: [String], candidates: [Candidate])? {
        guard let day = problem.horizon.index(of: date) else { return nil }
        let templates = templates(line: line, date: date, start: start)
        guard !templates.isEmpty else { return nil }
        let options = explainer.options(instances: templates.map { ($0, day) })
        return (templates.map { problem.templates[$0].id }, candidates(options: options, date: date))
    }

    /// The templates of `line` that start at `start` and are offered on `date`.
    func templates(line: String, date: CalendarDate, start: TimeOfDay) -> [Int] {
        problem.templates.indices.filter {
            problem.templates[$0].line == line && problem.templates[$0].window.start == start && problem.templates[$0].isOffered(on: date)
        }
    }

    /// Who could take `key`'s place when its volunteer gives it away ("who can swap with
    /// me?"): the roster without `key`, and the candidates for that shift instance or event
    /// role, its volunteer left out as a taker. A move of two in which the giver takes the
    /// taker's assignment in the way is a swap. `nil` when the roster has no such assignment.
    ///
    /// Build the advisor on the roster *with* `key`; the answer is judged on the roster without it.
    public func candidates(givingAway key: AssignmentKey) -> [Candidate]? {
        guard let given = assignments.first(where: { $0.key == key }) else { return nil }
        var without = CoverAdvisor(problem: problem, assignments: assignments.filter { $0.key != key })
        let options = without.explainer.options(forPlaceOf: key).filter { $0.volunteer != key.volunteer }
        return without.candidates(options: options, date: given.date)
    }

    /// The same for `volunteer`'s shift of `line` starting at `start` on `date`: the shift
    /// given away and the candidates; `nil` when they have no such shift.
    public func candidates(givingAway volunteer: String, line: String, date: CalendarDate, start: TimeOfDay) -> (shift: Assignment, candidates: [Candidate])? {
        let ids = Set(templates(line: line, date: date, start: start).map { problem.templates[$0].id })
        guard let shift = assignments.first(where: { a in
            guard a.volunteer == volunteer, case let .shift(template, d) = a.target else { return false }
            return d == date && ids.contains(template)
        }), let found = candidates(givingAway: shift.key) else { return nil }
        return (shift, found)
    }

    mutating func candidates(options: [(volunteer: String, options: [Assignment])], date: CalendarDate) -> [Candidate] {
        // Every option judged at once, on all cores (each a whole-roster check; the answers
        // come in the options' order, whatever order they finish in).
        let flat = options.flatMap(\.options)
        let advisor = self
        let allJudged = concurrentMap(flat.count) { advisor.judge(takes: flat[$0]) }
        // Each volunteer's best option, and the moves of two worth judging for those a
        // liftable rule keeps out (at most maximumMoves in all, in the volunteers' order).
        var bests: [Candidate] = []
        var proposals: [(owner: Int, move: Candidate.HandOver, takes: Assignment)] = []
        var next = 0
        for (volunteer, options) in options {
            let judged = allJudged[next..<(next + options.count)]
            next += options.count
            guard let best = judged.min(by: { ($0.breaks.count, $0.objectiveChange) < ($1.breaks.count, $1.objectiveChange) }) else { continue }
            // Someone on leave that day is no one to call: left out, not listed as breaking a rule.
            if !best.isAllowed, let v = explainer.index.volunteerIndex[volunteer],
               best.breaks.contains(where: { $0.volunteer == volunteer && BlockReason.of($0, volunteer: problem.volunteers[v], date: date) == .onLeave }) {
                continue
            }
            bests.append(best)
            if best.isAllowed || proposals.count >= Self.maximumMoves { continue }
            // A move of two: give up the assignment in the way and hand it to someone free.
            guard let v = explainer.index.volunteerIndex[volunteer] else { continue }
            let reasons = Set(best.breaks.filter { $0.volunteer == volunteer }.map { BlockReason.of($0, volunteer: problem.volunteers[v], date: date) })
            guard !reasons.isEmpty, reasons.isSubset(of: Self.liftable) else { continue }
            let nearby = explainer.whatIf.assignments(of: volunteer).filter { abs($0.date.daysSinceEpoch - date.daysSinceEpoch) <= Self.moveWindowDays }
            for gives in nearby where proposals.count < Self.maximumMoves {
                guard explainer.whatIf.effect(of: volunteer, adding: [best.takes], removing: [gives.key]).isAllowed else { continue }
                for other in problem.volunteers where other.id != volunteer && proposals.count < Self.maximumMoves {
                    var handed = gives
                    handed.volunteer = other.id
                    let qualified: Bool
                    switch gives.target {
                    case let .shift(t, _): qualified = problem.templates.first { $0.id == t }.map { other.has(skill: $0.requiredSkill, level: $0.minimumLevel) } ?? false
                    case let .event(_, skill): qualified = other.has(skill: skill)
                    }
                    guard qualified, !explainer.whatIf.assignments(of: other.id).contains(where: { $0.key == handed.key }),
                          explainer.whatIf.effect(of: other.id, adding: [handed]).isAllowed else { continue }
                    proposals.append((bests.count - 1, Candidate.HandOver(gives: gives.key, to: handed), best.takes))
                }
            }
        }
        let moved = concurrentMap(proposals.count) { advisor.judge(takes: proposals[$0].takes, handOver: proposals[$0].move) }
        // Of each volunteer's moves, the cheapest allowed one (the first of equals).
        var bestMove: [Int: Candidate] = [:]
        for (p, move) in zip(proposals, moved) where move.isAllowed {
            if bestMove[p.owner].map({ move.objectiveChange < $0.objectiveChange }) ?? true { bestMove[p.owner] = move }
        }
        var result: [Candidate] = []
        for (i, best) in bests.enumerated() {
            result.append(best)
            if let move = bestMove[i] { result.append(move) }
        }
        // Of those a rule keeps out, those a coordinator can do something about first: a
        // limit or a clash (liftable), before leave and availability.
        func lift(_ c: Candidate) -> Int {
            guard !c.isAllowed, let v = explainer.index.volunteerIndex[c.takes.volunteer] else { return 0 }
            let reasons = c.breaks.map { BlockReason.of($0, volunteer: problem.volunteers[v], date: date) }
            return reasons.allSatisfy { Self.liftable.contains($0) } ? 0 : 1
        }
        let lifts = Dictionary(result.map { ($0, lift($0)) }, uniquingKeysWith: { a, _ in a })
        return result.sorted { a, b in Self.ranks(a, before: b, lifts: lifts) }
    }

    /// The order candidates are listed in: within every hard rule first; then, of the
    /// allowed, the fewest people disturbed (one phone call before a move of two, whatever
    /// the cost), then the objective's change; of the rest, those kept out by a limit or a
    /// clash (which a coordinator can lift) before leave and availability, then the fewest
    /// rules broken. Ties go by volunteer id, so the order is the same on every run.
    static func ranks(_ a: Candidate, before b: Candidate, lifts: [Candidate: Int]) -> Bool {
        if a.isAllowed != b.isAllowed { return a.isAllowed }
        if !a.isAllowed, lifts[a] != lifts[b] { return lifts[a, default: 0] < lifts[b, default: 0] }
        return (a.peopleDisturbed, a.breaks.count, a.objectiveChange, a.takes.volunteer, a.handOver?.to.volunteer ?? "")
            < (b.peopleDisturbed, b.breaks.count, b.objectiveChange, b.takes.volunteer, b.handOver?.to.volunteer ?? "")
    }
}
