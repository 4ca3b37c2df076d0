/// One person or household on either side of a matching: a mentor, a girl in difficulty,
/// an official, a household, a lawyer, a case.
///
/// Attributes are free-form so one engine serves every pairing: `text` (county, gender,
/// category), `numbers` (age, urgency), `sets` (interests, languages, specialties,
/// available half-days) and an optional location in kilometres.
public struct Participant: Identifiable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var text: [String: String]
    public var numbers: [String: Double]
    public var sets: [String: Set<String>]
    /// Planar coordinates in kilometres (for example from a local projection).
    public var location: Location?
    /// Least and most partners. A mentor might take 1–2 girls; a mentee takes at most 1.
    public var minimumPartners: Int
    public var maximumPartners: Int
    /// Whether this participant must be matched (a must-visit household, an urgent case).
    /// When it cannot be, it is reported unmatched with the reason; the matching still comes back.
    public var mustMatch: Bool
    /// Weight of matching this participant at all, relative to others (default 1).
    public var priority: Double

    public init(
        id: String, name: String? = nil, text: [String: String] = [:], numbers: [String: Double] = [:],
        sets: [String: Set<String>] = [:], location: Location? = nil, minimumPartners: Int = 0, maximumPartners: Int = 1,
        mustMatch: Bool = false, priority: Double = 1
    ) {
        self.id = id
        self.name = name ?? id
        self.text = text
        self.numbers = numbers
        self.sets = sets
        self.location = location
        self.minimumPartners = minimumPartners
        self.maximumPartners = maximumPartners
        self.mustMatch = mustMatch
        self.priority = priority
    }
}

/// A point in kilometres.
public struct Location: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
    public func distance(to other: Location) -> Double { ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot() }
}
