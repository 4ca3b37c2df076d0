import Rota

/// Chinese-first references: wherever a scenario or a volunteer sheet names a skill, a
/// line, a shift template or a site, its display name serves as well as its id (`法律` for
/// `legal` when `displayNames.skills` says so, `东县` for the site whose name it is).
///
/// An id always stands for itself. A name stands for the one id that has it; a value that
/// is the name of two ids, or the id of one and the name of another, is ambiguous and
/// refused with both candidates named. Anything else is left for validation, which
/// reports an unknown reference with a suggestion.
///
/// Complexity: O(names) to build, O(1) per reference.
struct DisplayNameResolver {
    /// Value → the ids it names (an id names itself).
    struct Table {
        var ids: Set<String>
        var byName: [String: [String]]

        init(ids: [String], names: [String: String]) {
            self.ids = Set(ids)
            var byName: [String: [String]] = [:]
            for id in ids { if let name = names[id], !name.isEmpty, name != id { byName[name, default: []].append(id) } }
            self.byName = byName.mapValues { Array(Set($0)).sorted() }
        }

        /// The id `value` stands for, or the candidates when it is ambiguous; `nil` when
        /// it names nothing (validation then reports it).
        func resolve(_ value: String) -> Result<String, Ambiguity>? {
            let named = byName[value] ?? []
            if ids.contains(value) {
                let others = named.filter { $0 != value }
                return others.isEmpty ? .success(value) : .failure(Ambiguity(candidates: [value] + others))
            }
            switch named.count {
            case 0: return nil
            case 1: return .success(named[0])
            default: return .failure(Ambiguity(candidates: named))
            }
        }
    }

    struct Ambiguity: Error {
        var candidates: [String]
    }

    let skills: Table
    let lines: Table
    let templates: Table
    let sites: Table

    init(problem: RosterProblem, names: DisplayNames) {
        skills = Table(ids: problem.skills, names: names.skills)
        lines = Table(ids: problem.lines, names: names.lines)
        templates = Table(ids: problem.templates.map(\.id), names: names.templates)
        sites = Table(ids: problem.sites.map(\.id), names: Dictionary(problem.sites.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
    }

    /// `problem` with every reference written as a display name replaced by its id; the
    /// ambiguous ones reported through `fail(path, message)`.
    func resolve(_ problem: RosterProblem, fail: (String, String) -> Void) -> RosterProblem {
        var p = problem
        func one(_ table: Table, _ value: String?, _ path: String, _ what: String) -> String? {
            guard let value, let r = table.resolve(value) else { return value }
            switch r {
            case let .success(id): return id
            case let .failure(a):
                fail(path, "'\(value)' could be the \(what) \(a.candidates.map { "'\($0)'" }.joined(separator: " or ")): write its id")
                return value
            }
        }
        for (k, v) in p.volunteers.enumerated() {
            let path = "volunteers[\(k)]"
            var skills: [String: Int] = [:]
            for (s, level) in v.skills { skills[one(self.skills, s, "\(path).skills", "skill") ?? s] = level }
            p.volunteers[k].skills = skills
            p.volunteers[k].homeSite = one(sites, v.homeSite, "\(path).homeSite", "site")
            p.volunteers[k].preferences.avoidedSites = v.preferences.avoidedSites.map { one(sites, $0, "\(path).preferences.avoidedSites", "site") ?? $0 }
            p.volunteers[k].preferences.preferredSites = v.preferences.preferredSites.map { one(sites, $0, "\(path).preferences.preferredSites", "site") ?? $0 }
            var caps: [String: Int] = [:]
            for (t, n) in v.limits.maxShiftsPerTemplate { caps[one(templates, t, "\(path).limits.maxShiftsPerTemplate", "shift template") ?? t] = n }
            p.volunteers[k].limits.maxShiftsPerTemplate = caps
        }
        for (k, t) in p.templates.enumerated() {
            let path = "templates[\(k)]"
            p.templates[k].requiredSkill = one(skills, t.requiredSkill, "\(path).skill", "skill")
            p.templates[k].site = one(sites, t.site, "\(path).site", "site")
        }
        for (k, c) in p.coverage.enumerated() {
            let path = "coverage[\(k)]"
            switch c.target {
            case let .slots(line, skill, window, minutes):
                p.coverage[k].target = .slots(line: one(lines, line, "\(path).line", "line") ?? line, skill: one(skills, skill, "\(path).skill", "skill"),
                                              window: window, slotMinutes: minutes)
            case let .shift(template):
                p.coverage[k].target = .shift(template: one(templates, template, "\(path).template", "shift template") ?? template)
            }
        }
        for (k, e) in p.events.enumerated() {
            let path = "events[\(k)]"
            p.events[k].site = one(sites, e.site, "\(path).site", "site") ?? e.site
            var team: [String: Int] = [:]
            for (s, n) in e.team { team[one(skills, s, "\(path).team", "skill") ?? s, default: 0] += n }
            p.events[k].team = team
        }
        for (k, s) in p.sites.enumerated() {
            p.sites[k].parent = one(sites, s.parent, "sites[\(k)].parent", "site")
        }
        return p
    }
}
