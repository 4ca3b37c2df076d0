import Foundation
import LinearProgramming

/// Everything wrong with a ``RosterProblem``, found in one pass.
public struct RosterProblemError: Error, Sendable, CustomStringConvertible {
    public struct Issue: Sendable, Hashable, CustomStringConvertible {
        /// Where in the problem, as a key path such as `volunteers[3].homeSite`.
        public var path: String
        public var message: String
        /// A likely intended value, for misspellings.
        public var suggestion: String?

        public init(path: String, message: String, suggestion: String? = nil) {
            self.path = path
            self.message = message
            self.suggestion = suggestion
        }

        public var description: String {
            "\(path): \(message)" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        }
    }

    public var issues: [Issue]
    public var description: String {
        "invalid problem (\(issues.count) issue\(issues.count == 1 ? "" : "s")):\n" + issues.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// Closest-match suggestions for misspelt names and keys.
public enum Suggestions {
    /// The candidate nearest to `word` by edit distance, if it is close enough to be a
    /// plausible typo (distance ≤ max(2, length/3)).
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        var best: (String, Int)?
        for c in candidates {
            let d = distance(word.lowercased(), c.lowercased())
            if best == nil || d < best!.1 || (d == best!.1 && c < best!.0) { best = (c, d) }
        }
        guard let (name, d) = best, d <= max(2, word.count / 3), d > 0 || name != word else { return nil }
        return name
    }

    /// Levenshtein distance over characters. O(|a|·|b|).
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &row)
        }
        return previous[b.count]
    }
}

extension RosterProblem {
    /// The longest horizon accepted, in days (ten years).
    public static let maximumHorizonDays = 3_660

    /// The largest number each kind of field accepts.
    ///
    /// The limits are generous for any real roster and small enough that every sum and
    /// product the formulation, the checker and the reports compute (hours × weights ×
    /// priorities over every slot of the horizon) stays finite and exact in 64 bits, and
    /// that no structure grows with a number's value instead of the problem's size.
    public enum Limits {
        /// Hours (per day, week or period, target hours): every hour of the longest horizon.
        public static let hours = 24.0 * Double(maximumHorizonDays)
        /// Minutes of rest or travel: a week.
        public static let minutes = 7 * 1_440
        /// Counts of days, shifts and weekends: the longest horizon's days.
        public static let count = maximumHorizonDays
        /// Head-counts (a slot's minimum and maximum, a team's roles and size).
        public static let headCount = 100_000
        /// A skill level.
        public static let skillLevel = 1_000
        /// A weight of the objective (per hour, per person, per request).
        public static let weight = 1e6
        /// A priority, which multiplies a requirement's weights.
        public static let priority = 1e3
    }

    /// Checks ids, references and numbers, and throws one error listing every issue.
    /// O(size of the problem).
    public func validate() throws(RosterProblemError) {
        var issues: [RosterProblemError.Issue] = []
        func issue(_ path: String, _ message: String, _ suggestion: String? = nil) {
            issues.append(.init(path: path, message: message, suggestion: suggestion))
        }
        func reference(_ path: String, _ kind: String, _ value: String, _ known: Set<String>) {
            if !known.contains(value) {
                issue(path, "unknown \(kind) '\(value)'", Suggestions.closest(to: value, among: known.sorted()))
            }
        }
        func unique<T>(_ items: [T], _ section: String, _ id: (T) -> String) -> Set<String> {
            var seen: [String: Int] = [:]
            for (i, item) in items.enumerated() {
                let key = id(item)
                if key.isEmpty { issue("\(section)[\(i)].id", "an id must not be empty") }
                if let first = seen[key] {
                    issue("\(section)[\(i)].id", "duplicate id '\(key)' (first used at \(section)[\(first)])")
                } else {
                    seen[key] = i
                }
            }
            return Set(seen.keys)
        }
        // Every number is checked against its kind's limit (``Limits``) as well as its sign.
        func nonNegative(_ path: String, _ value: Double?, atMost limit: Double) {
            if let value, !(value >= 0 && value <= limit) { issue(path, "must be a number from 0 to \(wholeText(limit)), not \(value)") }
        }
        func nonNegative(_ path: String, _ value: Int?, atMost limit: Int) {
            if let value, value < 0 || value > limit { issue(path, "must be a whole number from 0 to \(limit), not \(value)") }
        }
        func ordered(_ path: String, _ low: Double?, _ high: Double?) {
            if let low, let high, low > high { issue(path, "the minimum \(low) exceeds the maximum \(high)") }
        }

        // Horizon.
        if !horizon.start.isValid { issue("horizon.start", "not a real date: \(horizon.start)") }
        if horizon.days < 1 || horizon.days > Self.maximumHorizonDays {
            issue("horizon.days", "must be between 1 and \(Self.maximumHorizonDays), not \(horizon.days)")
        }
        if TimeZone(identifier: horizon.timeZone) == nil { issue("horizon.timeZone", "unknown time zone '\(horizon.timeZone)'") }

        // Ids.
        let siteIDs = unique(sites, "sites", \.id)
        let volunteerIDs = unique(volunteers, "volunteers", \.id)
        let templateIDs = unique(templates, "templates", \.id)
        let eventIDs = unique(events, "events", \.id)
        _ = unique(coverage, "coverage", \.id)
        var skillIDs = Set(skills)
        if skills.isEmpty { for v in volunteers { skillIDs.formUnion(v.skills.keys) } }
        let lines = Set(templates.compactMap(\.line))

        // Sites and travel.
        let byID = Dictionary(sites.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, site) in sites.enumerated() {
            if let parent = site.parent {
                reference("sites[\(i)].parent", "site", parent, siteIDs)
                var seen: Set<String> = [site.id]
                var cursor = byID[parent]
                while let c = cursor {
                    if !seen.insert(c.id).inserted { issue("sites[\(i)].parent", "the site tree has a cycle through '\(site.id)'"); break }
                    cursor = c.parent.flatMap { byID[$0] }
                }
            }
        }
        nonNegative("travel.minutesPerHop", travel.minutesPerHop, atMost: Limits.minutes)
        for from in travel.matrix.keys.sorted() {
            reference("travel.matrix.\(from)", "site", from, siteIDs)
            for to in travel.matrix[from]!.keys.sorted() {
                reference("travel.matrix.\(from).\(to)", "site", to, siteIDs)
                nonNegative("travel.matrix.\(from).\(to)", travel.matrix[from]![to]!, atMost: Limits.minutes)
            }
        }

        // Volunteers.
        for (i, v) in volunteers.enumerated() {
            let p = "volunteers[\(i)]"
            if let home = v.homeSite { reference("\(p).homeSite", "site", home, siteIDs) }
            for skill in v.skills.keys.sorted() {
                if !skills.isEmpty { reference("\(p).skills.\(skill)", "skill", skill, skillIDs) }
                if v.skills[skill]! < 1 || v.skills[skill]! > Limits.skillLevel { issue("\(p).skills.\(skill)", "a skill level must be from 1 to \(Limits.skillLevel), not \(v.skills[skill]!)") }
            }
            for (k, site) in v.preferences.avoidedSites.enumerated() { reference("\(p).preferences.avoidedSites[\(k)]", "site", site, siteIDs) }
            for (k, site) in v.preferences.preferredSites.enumerated() { reference("\(p).preferences.preferredSites[\(k)]", "site", site, siteIDs) }
            let l = v.limits
            for (name, keyPath) in ContractLimits.hourFields { nonNegative("\(p).limits.\(name)", l[keyPath: keyPath], atMost: Limits.hours) }
            for (name, keyPath) in ContractLimits.countFields {
                let minutes = name.hasSuffix("Minutes")
                nonNegative("\(p).limits.\(name)", l[keyPath: keyPath], atMost: minutes ? Limits.minutes : Limits.count)
            }
            ordered("\(p).limits.hoursPerDay", l.minHoursPerDay, l.maxHoursPerDay)
            ordered("\(p).limits.hoursPerWeek", l.minHoursPerWeek, l.maxHoursPerWeek)
            ordered("\(p).limits.hoursPerPeriod", l.minHoursPerPeriod, l.maxHoursPerPeriod)
            if let a = l.minConsecutiveDays, let b = l.maxConsecutiveDays, a > b {
                issue("\(p).limits.consecutiveDays", "the minimum run \(a) exceeds the maximum \(b)")
            }
            for t in l.maxShiftsPerTemplate.keys.sorted() {
                reference("\(p).limits.maxShiftsPerTemplate.\(t)", "shift template", t, templateIDs)
                nonNegative("\(p).limits.maxShiftsPerTemplate.\(t)", l.maxShiftsPerTemplate[t]!, atMost: Limits.count)
            }
            for (k, r) in v.preferences.requests.enumerated() {
                let rp = "\(p).preferences.requests[\(k)]"
                if let t = r.template { reference("\(rp).template", "shift template", t, templateIDs) }
                if let d = r.date, horizon.index(of: d) == nil { issue("\(rp).date", "\(d) is outside the horizon") }
                if r.date == nil && r.template == nil { issue(rp, "a request needs a date, a template or both") }
                nonNegative("\(rp).weight", r.weight, atMost: Limits.weight)
            }
            nonNegative("\(p).preferences.targetHours", v.preferences.targetHours, atMost: Limits.hours)
        }

        // Templates, coverage, events.
        for (i, t) in templates.enumerated() {
            let p = "templates[\(i)]"
            if let site = t.site { reference("\(p).site", "site", site, siteIDs) }
            if let skill = t.requiredSkill { reference("\(p).skill", "skill", skill, skillIDs) }
            if t.minimumLevel < 1 || t.minimumLevel > Limits.skillLevel { issue("\(p).minimumLevel", "must be from 1 to \(Limits.skillLevel), not \(t.minimumLevel)") }
            if t.onlyOnDates && t.dates.isEmpty { issue("\(p).dates", "a shift offered only on dates needs at least one date") }
        }
        for (i, c) in coverage.enumerated() {
            let p = "coverage[\(i)]"
            switch c.target {
            case let .slots(line, skill, _, slotMinutes):
                reference("\(p).line", "line", line, lines)
                if let skill { reference("\(p).skill", "skill", skill, skillIDs) }
                if slotMinutes <= 0 || slotMinutes > 1440 { issue("\(p).slotMinutes", "must be between 1 and 1440, not \(slotMinutes)") }
            case let .shift(template):
                reference("\(p).template", "shift template", template, templateIDs)
            }
            nonNegative("\(p).minimum", c.minimum, atMost: Limits.headCount)
            nonNegative("\(p).maximum", c.maximum, atMost: Limits.headCount)
            if let m = c.maximum, m >= 0, m < c.minimum { issue("\(p).maximum", "the maximum \(m) is below the minimum \(c.minimum)") }
            if c.hardMaximum, c.maximum == nil { issue("\(p).hardMaximum", "a hard maximum needs a maximum") }
            nonNegative("\(p).underWeight", c.underWeight, atMost: Limits.weight)
            nonNegative("\(p).overWeight", c.overWeight, atMost: Limits.weight)
            nonNegative("\(p).priority", c.priority, atMost: Limits.priority)
            for d in c.days.dates.sorted() where horizon.index(of: d) == nil { issue("\(p).dates", "\(d) is outside the horizon") }
        }
        for (i, e) in events.enumerated() {
            let p = "events[\(i)]"
            reference("\(p).site", "site", e.site, siteIDs)
            if horizon.index(of: e.date) == nil { issue("\(p).date", "\(e.date) is outside the horizon") }
            for skill in e.teamSkills {
                reference("\(p).team.\(skill)", "skill", skill, skillIDs)
                nonNegative("\(p).team.\(skill)", e.team[skill]!, atMost: Limits.headCount)
            }
            nonNegative("\(p).minTeamSize", e.minTeamSize, atMost: Limits.headCount)
            nonNegative("\(p).maxTeamSize", e.maxTeamSize, atMost: Limits.headCount)
            if let m = e.maxTeamSize, m >= 0, m < e.minTeamSize { issue("\(p).maxTeamSize", "the maximum \(m) is below the minimum team size \(e.minTeamSize)") }
            nonNegative("\(p).priority", e.priority, atMost: Limits.priority)
        }

        // Rules.
        for (name, keyPath) in RuleWeights.fields { nonNegative("rules.weights.\(name)", rules.weights[keyPath: keyPath], atMost: Limits.weight) }
        nonNegative("rules.minRestMinutes", rules.minRestMinutes, atMost: Limits.minutes)
        for (i, s) in rules.forbiddenSequences.enumerated() {
            reference("rules.forbiddenSequences[\(i)].first", "shift template", s.first, templateIDs)
            reference("rules.forbiddenSequences[\(i)].second", "shift template", s.second, templateIDs)
        }
        for (section, keys) in [("pinned", rules.pinned), ("forbidden", rules.forbidden), ("baseline", rules.baseline)] {
            for (i, key) in keys.enumerated() {
                let p = "rules.\(section)[\(i)]"
                reference("\(p).volunteer", "volunteer", key.volunteer, volunteerIDs)
                switch key.target {
                case let .shift(template, date):
                    reference("\(p).template", "shift template", template, templateIDs)
                    if horizon.index(of: date) == nil { issue("\(p).date", "\(date) is outside the horizon") }
                case let .event(id, skill):
                    reference("\(p).event", "event", id, eventIDs)
                    if let e = events.first(where: { $0.id == id }), e.team[skill] == nil {
                        issue("\(p).skill", "event '\(id)' needs no '\(skill)'", Suggestions.closest(to: skill, among: e.teamSkills))
                    }
                }
            }
        }
        if !issues.isEmpty { throw RosterProblemError(issues: issues) }
    }
}
