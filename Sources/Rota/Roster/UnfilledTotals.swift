/// What a roster leaves open, added up by kind, every unit of demand counted once: the
/// figures a summary prints ("12 gaps, about 40 person-hours").
///
/// An event short of people appears in ``Roster/unfilled`` once per role it is short of
/// and, when its minimum team size is not met either, once more for the team. The team's
/// entry counts only the people it needs beyond its roles' shortfalls: an event that asks
/// for 2 legal and 1 health with a team of at least 3, and has nobody, is 3 people short,
/// not 6.
///
/// Complexity: O(entries).
public struct UnfilledTotals: Sendable, Hashable {
    /// The kinds of demand a summary tells apart.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
        /// A line's slots (the hotline).
        case lineSlots = "line-slots"
        /// A shift template's own head-count (a care station's shift).
        case shiftCoverage = "shift-coverage"
        /// An event's role.
        case eventRoles = "event-roles"
        /// An event's minimum team size, beyond its roles' shortfalls.
        case eventTeamSize = "event-team-size"

        public static func < (a: Kind, b: Kind) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

        /// The kind of an unfilled entry.
        public init(_ u: UnfilledDemand) {
            switch u.kind {
            case let .slot(_, line, _): self = line == nil ? .shiftCoverage : .lineSlots
            case .eventRole: self = .eventRoles
            case .eventTeamSize: self = .eventTeamSize
            }
        }
    }

    /// One kind's figures.
    public struct Figures: Sendable, Hashable {
        /// Entries of ``Roster/unfilled`` of this kind that leave someone missing once
        /// counted alone (a team entry that its roles already account for has none).
        public var gaps = 0
        /// People missing, summed over the entries (a slot entry's people are missing for
        /// its whole interval).
        public var people = 0
        /// People missing times hours.
        public var personHours = 0.0
    }

    /// Figures by kind; kinds with nothing open are left out.
    public var byKind: [Kind: Figures]

    /// The figures of every kind added up.
    public var all: Figures {
        byKind.values.reduce(into: Figures()) { sum, f in
            sum.gaps += f.gaps
            sum.people += f.people
            sum.personHours += f.personHours
        }
    }

    /// The people each entry of `unfilled` adds to the totals, in its order: its
    /// ``UnfilledDemand/missing``, except an event team's entry, which adds only what its
    /// roles' entries do not already count.
    public static func uniqueMissing(_ unfilled: [UnfilledDemand]) -> [Int] {
        var roleShort: [String: Int] = [:]
        for u in unfilled { if case let .eventRole(e, _) = u.kind { roleShort[e, default: 0] += u.missing } }
        return unfilled.map { u in
            if case let .eventTeamSize(e) = u.kind { return max(0, u.missing - roleShort[e, default: 0]) }
            return u.missing
        }
    }

    /// The totals of `unfilled` (a roster's or a check's list).
    public init(_ unfilled: [UnfilledDemand]) {
        var byKind: [Kind: Figures] = [:]
        for (u, people) in zip(unfilled, Self.uniqueMissing(unfilled)) where people > 0 {
            var f = byKind[Kind(u), default: Figures()]
            f.gaps += 1
            f.people += people
            f.personHours += Double(people) * Double(u.interval.length) / 60
            byKind[Kind(u)] = f
        }
        self.byKind = byKind
    }
}
