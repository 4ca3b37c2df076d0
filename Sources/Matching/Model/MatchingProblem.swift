import LinearProgramming

/// A hard rule a pair must satisfy to be considered at all.
public enum EligibilityFilter: Hashable, Sendable {
    /// Both sides have the same value of a text attribute (same county, same township).
    case sameText(String)
    /// `left.text[leftKey] == right.text[rightKey]` (for example a required gender).
    case textEquals(left: String, right: String)
    /// Every item of `right.sets[rightKey]` is in `left.sets[leftKey]` (the case's
    /// specialty is one the lawyer covers; the girl's needs are skills the mentor has).
    case covers(left: String, right: String)
    /// The two sets share at least one item (a common language).
    case overlaps(left: String, right: String)
    /// At most this many kilometres apart (pairs without locations fail).
    case maxDistance(Double)
}

/// One weighted term of the compatibility score. The score of a pair is the sum of its
/// terms; the formula is part of the input file, visible and tunable by coordinators.
public enum ScoreTerm: Hashable, Sendable {
    /// −weight × kilometres apart.
    case distance(weight: Double)
    /// weight × number of items the two sets share (interests).
    case shared(left: String, right: String, weight: Double)
    /// weight × |A ∩ B| / |A ∪ B| (availability overlap).
    case overlapFraction(left: String, right: String, weight: Double)
    /// weight when the two text attributes are equal (language, township).
    case sameText(left: String, right: String, weight: Double)
    /// −weight × |left.numbers[key] − right.numbers[key]| (age difference).
    case numberDifference(left: String, right: String, weight: Double)
    /// weight × right.numbers[key] (urgency of a case).
    case rightNumber(key: String, weight: Double)
}

/// A cap on how many pairs a group may take (a side constraint, which makes the problem a MIP).
public struct GroupQuota: Hashable, Sendable {
    public enum Side: Hashable, Sendable { case left, right }
    public var side: Side
    /// The text attribute that defines the groups (for example `supervisor`).
    public var attribute: String
    /// Most pairs per group value.
    public var maximum: Int
    public init(side: Side, attribute: String, maximum: Int) {
        self.side = side
        self.attribute = attribute
        self.maximum = maximum
    }
}

/// An existing pair, for stable re-runs.
public struct Pair: Hashable, Sendable, Comparable {
    public var left: String
    public var right: String
    public init(left: String, right: String) {
        self.left = left
        self.right = right
    }
    public static func < (a: Pair, b: Pair) -> Bool { (a.left, a.right) < (b.left, b.right) }
}

/// A capacitated bipartite matching problem.
///
/// Objective, in order: match as many participants as possible (weighted by
/// ``Participant/priority``, must-match participants first), then maximise the total
/// compatibility score. Both are combined with a weight proven large enough: one more
/// (priority-weighted) match always outweighs any change in total score.
public struct MatchingProblem: Sendable {
    public var name: String
    /// The providing side: mentors, officials, lawyers.
    public var left: [Participant]
    /// The receiving side: mentees, households, cases.
    public var right: [Participant]
    public var filters: [EligibilityFilter]
    public var score: [ScoreTerm]
    /// A constant added to every pair's score.
    public var baseScore: Double
    public var quotas: [GroupQuota]
    /// Pairs already in place.
    public var existing: [Pair]
    /// An existing pair is kept unless replacing it gains more than this much score.
    public var stabilityThreshold: Double
    /// How many alternatives each shortlist holds.
    public var shortlistSize: Int

    public init(
        name: String = "matching", left: [Participant], right: [Participant], filters: [EligibilityFilter] = [],
        score: [ScoreTerm] = [], baseScore: Double = 0, quotas: [GroupQuota] = [], existing: [Pair] = [],
        stabilityThreshold: Double = 0, shortlistSize: Int = 3
    ) {
        self.name = name
        self.left = left
        self.right = right
        self.filters = filters
        self.score = score
        self.baseScore = baseScore
        self.quotas = quotas
        self.existing = existing
        self.stabilityThreshold = stabilityThreshold
        self.shortlistSize = shortlistSize
    }
}

/// Everything wrong with a ``MatchingProblem``.
public struct MatchingProblemError: Error, Sendable, CustomStringConvertible {
    public struct Issue: Hashable, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }
    public var issues: [Issue]
    public var description: String { "invalid matching problem:\n" + issues.map { "  - \($0)" }.joined(separator: "\n") }
}

extension MatchingProblem {
    /// The largest number each kind of field accepts: generous for any real pairing, small
    /// enough that scores, separating constants and the flow's integer costs stay finite
    /// and exact, and that the distance grid's cells fit in an `Int`.
    public enum Limits {
        /// A coordinate's absolute value.
        public static let coordinate = 1e7
        /// The smallest positive `maxDistance` (a grid cell of that side).
        public static let minimumDistance = 1e-3
        /// An attribute number's absolute value (an age, an urgency).
        public static let number = 1e9
        /// A score weight's or the base score's absolute value.
        public static let weight = 1e6
        /// A participant's priority.
        public static let priority = 1e3
        /// Partners per participant, a quota's maximum and the shortlist's length.
        public static let count = 1_000_000
    }

    /// Checks ids, capacities, weights, ranges and references; throws every issue at once.
    public func validate() throws(MatchingProblemError) {
        var issues: [MatchingProblemError.Issue] = []
        func issue(_ p: String, _ m: String) { issues.append(.init(path: p, message: m)) }
        func within(_ p: String, _ v: Double, _ limit: Double) {
            if !(abs(v) <= limit) { issue(p, "must be a number from -\(wholeText(limit)) to \(wholeText(limit)), not \(v)") }
        }
        for (side, people) in [("left", left), ("right", right)] {
            var seen: [String: Int] = [:]
            for (i, p) in people.enumerated() {
                if p.id.isEmpty { issue("\(side)[\(i)].id", "an id must not be empty") }
                if let first = seen[p.id] { issue("\(side)[\(i)].id", "duplicate id '\(p.id)' (first at \(side)[\(first)])") } else { seen[p.id] = i }
                if p.minimumPartners < 0 || p.minimumPartners > Limits.count { issue("\(side)[\(i)].minimumPartners", "must be from 0 to \(Limits.count), not \(p.minimumPartners)") }
                if p.maximumPartners > Limits.count { issue("\(side)[\(i)].maximumPartners", "must be at most \(Limits.count), not \(p.maximumPartners)") }
                if p.maximumPartners < p.minimumPartners { issue("\(side)[\(i)].maximumPartners", "is below the minimum \(p.minimumPartners)") }
                if !(p.priority >= 0 && p.priority <= Limits.priority) { issue("\(side)[\(i)].priority", "must be a number from 0 to \(wholeText(Limits.priority)), not \(p.priority)") }
                if let l = p.location { within("\(side)[\(i)].x", l.x, Limits.coordinate); within("\(side)[\(i)].y", l.y, Limits.coordinate) }
                for (k, v) in p.numbers.sorted(by: { $0.key < $1.key }) { within("\(side)[\(i)].\(k)", v, Limits.number) }
            }
        }
        for (i, t) in score.enumerated() {
            let w: Double = switch t {
            case let .distance(w), let .shared(_, _, w), let .overlapFraction(_, _, w), let .sameText(_, _, w),
                 let .numberDifference(_, _, w), let .rightNumber(_, w): w
            }
            within("score[\(i)].weight", w, Limits.weight)
        }
        within("baseScore", baseScore, Limits.weight)
        for (i, f) in filters.enumerated() {
            // 0 switches the filter off; a positive radius is the side of the distance grid's cells.
            if case let .maxDistance(d) = f, !(d == 0 || d >= Limits.minimumDistance && d <= 2 * Limits.coordinate) {
                issue("filters[\(i)].maxDistance", "must be 0 or from \(Limits.minimumDistance) to \(wholeText((2 * Limits.coordinate))), not \(d)")
            }
        }
        for (i, q) in quotas.enumerated() where q.maximum < 0 || q.maximum > Limits.count { issue("quotas[\(i)].maximum", "must be from 0 to \(Limits.count), not \(q.maximum)") }
        if !(stabilityThreshold >= 0 && stabilityThreshold <= Limits.weight) { issue("stability.threshold", "must be a number from 0 to \(wholeText(Limits.weight)), not \(stabilityThreshold)") }
        if shortlistSize < 0 || shortlistSize > Limits.count { issue("shortlist", "must be from 0 to \(Limits.count), not \(shortlistSize)") }
        let leftIDs = Set(left.map(\.id)), rightIDs = Set(right.map(\.id))
        for (i, p) in existing.enumerated() {
            if !leftIDs.contains(p.left) { issue("existing[\(i)].left", "unknown participant '\(p.left)'") }
            if !rightIDs.contains(p.right) { issue("existing[\(i)].right", "unknown participant '\(p.right)'") }
        }
        if !issues.isEmpty { throw MatchingProblemError(issues: issues) }
    }
}
