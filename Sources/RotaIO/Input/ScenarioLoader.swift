import Foundation
import Rota
import Yams

/// A scenario read from disk: the problem, and where each key path came from.
public struct LoadedScenario: Sendable {
    public var problem: RosterProblem
    /// The file position of every key path read, for placing later errors.
    public var marks: [String: SourceLocation]
    public var file: String
    /// Every file the scenario was read from: the scenario itself, then any volunteer CSV
    /// it names (as resolved). A batch plan hashes their bytes to tell a stale roster.
    public var sourceFiles: [String] = []
    /// Whom volunteers call when they cannot come (`coordinator:`), for their pages and calendars.
    public var coordinator: CoordinatorContact?
    /// The language of the pages and calendars (`locale:`, else guessed from the names).
    public var locale: RosterLocale = .en
    /// What the pages call lines, templates and skills (`displayNames:`).
    public var displayNames = DisplayNames()
    /// Whether the public noticeboard shows volunteers' phones (`publishContacts: true`);
    /// by default only the private outputs do.
    public var publishContacts = false

    /// The best-known position for a key path: the path itself or its nearest recorded parent.
    public func location(of path: String) -> SourceLocation { nearestMark(marks, path, file: file) }
}

/// Reads scenario files (YAML, or JSON) and the volunteer CSV files they reference.
///
/// Every problem is collected — unknown keys (with "did you mean"), wrong types,
/// impossible times, bad dates, unknown references, duplicate ids — and thrown together
/// as one ``InputError`` whose issues carry file, line, column and key path. The format
/// is documented in `docs/scenario-format.md`.
public enum ScenarioLoader {
    /// Loads and validates the scenario at `path`.
    public static func load(path: String) throws(InputError) -> LoadedScenario {
        let root = try readDocument(path: path)
        return try load(root: root, file: path, baseDirectory: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    /// Loads a scenario from text; `baseDirectory` resolves referenced CSV files.
    public static func load(text: String, file: String, baseDirectory: String) throws(InputError) -> LoadedScenario {
        try load(root: composeDocument(text, file: file), file: file, baseDirectory: baseDirectory)
    }

    static func load(root: Node?, file: String, baseDirectory: String) throws(InputError) -> LoadedScenario {
        var reader = NodeReader(file: file)
        guard let root else {
            throw InputError(issues: [InputIssue(location: SourceLocation(file: file, line: 1, column: 1), path: "", message: "the scenario is empty")])
        }
        var decoder = ScenarioDecoder(reader: reader, baseDirectory: baseDirectory)
        var problem = decoder.decode(root)
        reader = decoder.reader
        // Display names stand for their ids (`法律` for `legal`, `东县` for its site).
        if let decoded = problem {
            var ambiguous: [(String, String)] = []
            problem = DisplayNameResolver(problem: decoded, names: decoder.displayNames).resolve(decoded) { ambiguous.append(($0, $1)) }
            for (path, message) in ambiguous { reader.issues.append(InputIssue(location: nearestMark(reader.marks, path, file: file), path: path, message: message)) }
        }
        var scenario = LoadedScenario(problem: problem ?? RosterProblem(horizon: Horizon(start: CalendarDate(year: 2000, month: 1, day: 1), days: 1)),
                                      marks: reader.marks, file: file)
        var issues = reader.issues
        // Domain checks (references, numbers, duplicates) run on whatever was read, so one
        // run reports everything; an issue under a path the reader already flagged is left
        // out, being a consequence of that one.
        if let problem {
            let flagged = reader.issues.map(\.path).filter { !$0.isEmpty }
            do throws(RosterProblemError) {
                try problem.validate()
            } catch {
                for i in error.issues where !flagged.contains(where: { i.path == $0 || i.path.hasPrefix($0 + ".") || i.path.hasPrefix($0 + "[") }) {
                    issues.append(InputIssue(location: scenario.location(of: i.path), path: i.path, message: i.message, suggestion: i.suggestion))
                }
            }
        }
        if !issues.isEmpty { throw InputError(issues: issues) }
        scenario.problem = problem!
        scenario.sourceFiles = [file] + decoder.referencedFiles
        scenario.coordinator = decoder.coordinator
        scenario.locale = decoder.locale ?? RosterLocale.guess(for: problem!)
        scenario.displayNames = decoder.displayNames
        scenario.publishContacts = decoder.publishContacts
        return scenario
    }

    static func syntaxIssue(_ error: any Error, file: String) -> InputIssue {
        if let y = error as? YamlError {
            switch y {
            case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
                let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
                return InputIssue(location: SourceLocation(file: file, line: mark.line, column: mark.column), path: "", message: "not valid YAML or JSON: \(what)")
            case let .duplicatedKeysInMapping(duplicates, context):
                return InputIssue(location: SourceLocation(file: file, line: context.mark.line, column: context.mark.column), path: "",
                                  message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
            default: break
            }
        }
        return InputIssue(location: SourceLocation(file: file), path: "", message: "not valid YAML or JSON: \(error)")
    }
}

/// Turns the node tree into a ``RosterProblem``.
struct ScenarioDecoder {
    var reader: NodeReader
    let baseDirectory: String
    /// The files named by the scenario (resolved paths), in the order read.
    var referencedFiles: [String] = []
    /// The coordinator's contact, when the scenario gives one.
    var coordinator: CoordinatorContact?
    var locale: RosterLocale?
    var displayNames = DisplayNames()
    var publishContacts = false

    static let topKeys = ["name", "horizon", "skills", "sites", "travel", "volunteers", "volunteersFile", "templates", "coverage", "events", "rules",
                          "coordinator", "locale", "displayNames", "publishContacts"]

    mutating func decode(_ root: Node) -> RosterProblem? {
        guard let top = reader.mapping(root, "", allowed: Self.topKeys, required: ["horizon"]) else { return nil }
        let name = reader.string(top["name"], "name") ?? "roster"
        let horizon = decodeHorizon(top["horizon"])
        let skills = reader.stringList(top["skills"], "skills") ?? []
        if let f = reader.mapping(top["coordinator"], "coordinator", allowed: ["name", "phone", "email"]) {
            coordinator = CoordinatorContact(name: reader.string(f["name"], "coordinator.name"), phone: reader.string(f["phone"], "coordinator.phone"),
                                             email: reader.string(f["email"], "coordinator.email"))
        }
        publishContacts = reader.bool(top["publishContacts"], "publishContacts") ?? false
        if let text = reader.string(top["locale"], "locale") {
            if let l = RosterLocale(rawValue: text) {
                locale = l
            } else {
                reader.issues.append(InputIssue(location: reader.marks["locale"] ?? SourceLocation(file: reader.file), path: "locale",
                                                message: "unknown locale '\(text)' (zh-CN or en)",
                                                suggestion: Suggestions.closest(to: text, among: RosterLocale.allCases.map(\.rawValue))))
            }
        }
        if let f = reader.mapping(top["displayNames"], "displayNames", allowed: ["lines", "templates", "skills"]) {
            func names(_ key: String) -> [String: String] {
                guard let m = reader.mapping(f[key], "displayNames.\(key)", allowed: Self.anyKeys(f[key])) else { return [:] }
                var result: [String: String] = [:]
                for k in m.keys.sorted() { if let v = reader.string(m[k], "displayNames.\(key).\(k)") { result[k] = v } }
                return result
            }
            displayNames = DisplayNames(lines: names("lines"), templates: names("templates"), skills: names("skills"))
        }
        var sites: [Site] = []
        for (i, node) in (reader.sequence(top["sites"], "sites") ?? []).enumerated() {
            let p = "sites[\(i)]"
            guard let f = reader.mapping(node, p, allowed: ["id", "name", "parent", "level"], required: ["id"]) else { continue }
            guard let id = reader.string(f["id"], "\(p).id") else { continue }
            sites.append(Site(id: id, name: reader.string(f["name"], "\(p).name"), parent: reader.string(f["parent"], "\(p).parent"),
                              level: reader.string(f["level"], "\(p).level")))
        }
        var travel = TravelTimes()
        if let f = reader.mapping(top["travel"], "travel", allowed: ["minutesPerHop", "matrix"]) {
            if let m = reader.int(f["minutesPerHop"], "travel.minutesPerHop") { travel.minutesPerHop = m }
            if let matrix = reader.mapping(f["matrix"], "travel.matrix", allowed: sites.map(\.id) + Self.anyKeys(f["matrix"])) {
                for from in matrix.keys.sorted() {
                    guard let row = reader.mapping(matrix[from], "travel.matrix.\(from)", allowed: Self.anyKeys(matrix[from])) else { continue }
                    for to in row.keys.sorted() {
                        if let m = reader.int(row[to], "travel.matrix.\(from).\(to)") { travel.matrix[from, default: [:]][to] = m }
                    }
                }
            }
        }
        var volunteers: [Volunteer] = []
        if let file = reader.string(top["volunteersFile"], "volunteersFile") {
            let path = file.hasPrefix("/") ? file : baseDirectory + "/" + file
            referencedFiles.append(path)
            volunteers += VolunteerCSV.read(path: path, displayName: file, startIndex: 0, reader: &reader)
        }
        for (i, node) in (reader.sequence(top["volunteers"], "volunteers") ?? []).enumerated() {
            if let v = decodeVolunteer(node, "volunteers[\(volunteers.count + i)]") { volunteers.append(v) }
        }
        let templates = (reader.sequence(top["templates"], "templates") ?? []).enumerated().compactMap { decodeTemplate($1, "templates[\($0)]") }
        let coverage = (reader.sequence(top["coverage"], "coverage") ?? []).enumerated().compactMap { decodeCoverage($1, "coverage[\($0)]") }
        let events = (reader.sequence(top["events"], "events") ?? []).enumerated().compactMap { decodeEvent($1, "events[\($0)]") }
        let rules = decodeRules(top["rules"])
        guard let horizon else { return nil }
        return RosterProblem(name: name, horizon: horizon, sites: sites, travel: travel, skills: skills, volunteers: volunteers,
                             templates: templates, coverage: coverage, events: events, rules: rules)
    }

    /// The keys of a free-form mapping (ids chosen by the user), so they are not "unknown".
    static func anyKeys(_ node: Node?) -> [String] {
        guard case let .mapping(m)? = node else { return [] }
        return m.keys.compactMap { $0.scalar?.string }
    }

    mutating func decodeHorizon(_ node: Node?) -> Horizon? {
        guard let f = reader.mapping(node, "horizon", allowed: ["start", "days", "end", "timeZone"], required: ["start"]) else { return nil }
        guard let start = reader.date(f["start"], "horizon.start") else { return nil }
        var days = reader.int(f["days"], "horizon.days")
        if let end = reader.date(f["end"], "horizon.end") {
            if days != nil { reader.fail(f["end"], "horizon.end", "give either 'days' or 'end', not both") }
            days = end.daysSinceEpoch - start.daysSinceEpoch + 1
            if days! < 1 { reader.fail(f["end"], "horizon.end", "the end \(end) is before the start \(start)") }
        }
        guard let days else {
            reader.fail(node, "horizon.days", "missing required key 'days' (or 'end')")
            return nil
        }
        return Horizon(start: start, days: days, timeZone: reader.string(f["timeZone"], "horizon.timeZone") ?? "Asia/Shanghai")
    }

    static let volunteerKeys = ["id", "name", "skills", "groups", "tags", "homeSite", "availability", "limits", "preferences", "phone", "wechat", "note"]
    static let limitKeys = ContractLimits.hourFields.map(\.name) + ContractLimits.countFields.map(\.name) + ["maxShiftsPerTemplate"]

    mutating func decodeVolunteer(_ node: Node, _ p: String) -> Volunteer? {
        guard let f = reader.mapping(node, p, allowed: Self.volunteerKeys, required: ["id"]) else { return nil }
        guard let id = reader.string(f["id"], "\(p).id") else { return nil }
        var skills: [String: Int] = [:]
        if let s = f["skills"] {
            if case .mapping = s, let m = reader.mapping(s, "\(p).skills", allowed: Self.anyKeys(s)) {
                for k in m.keys.sorted() { skills[k] = reader.int(m[k], "\(p).skills.\(k)") ?? 1 }
            } else {
                for k in reader.stringList(s, "\(p).skills") ?? [] { skills[k] = 1 }
            }
        }
        var availability = Availability()
        if let a = reader.mapping(f["availability"], "\(p).availability", allowed: ["weekly", "exceptions"]) {
            availability.weekly = decodeWeekly(a["weekly"], "\(p).availability.weekly")
            for (k, e) in (reader.sequence(a["exceptions"], "\(p).availability.exceptions") ?? []).enumerated() {
                let ep = "\(p).availability.exceptions[\(k)]"
                guard let ef = reader.mapping(e, ep, allowed: ["date", "from", "to", "available"], required: ["date", "available"]),
                      let date = reader.date(ef["date"], "\(ep).date"), let available = reader.bool(ef["available"], "\(ep).available") else { continue }
                availability.exceptions.append(DatedException(date: date, window: reader.window(ef, ep, required: false), available: available))
            }
        }
        var limits = ContractLimits()
        if let l = reader.mapping(f["limits"], "\(p).limits", allowed: Self.limitKeys) {
            let lp = "\(p).limits"
            for (name, keyPath) in ContractLimits.hourFields { limits[keyPath: keyPath] = reader.double(l[name], "\(lp).\(name)") }
            for (name, keyPath) in ContractLimits.countFields { limits[keyPath: keyPath] = reader.int(l[name], "\(lp).\(name)") }
            if let caps = reader.mapping(l["maxShiftsPerTemplate"], "\(lp).maxShiftsPerTemplate", allowed: Self.anyKeys(l["maxShiftsPerTemplate"])) {
                for t in caps.keys.sorted() { if let n = reader.int(caps[t], "\(lp).maxShiftsPerTemplate.\(t)") { limits.maxShiftsPerTemplate[t] = n } }
            }
        }
        var prefs = Preferences()
        if let pr = reader.mapping(f["preferences"], "\(p).preferences", allowed: ["requests", "avoidedSites", "preferredSites", "undesiredTimes", "preferredTimes", "targetHours"]) {
            let pp = "\(p).preferences"
            for (k, r) in (reader.sequence(pr["requests"], "\(pp).requests") ?? []).enumerated() {
                let rp = "\(pp).requests[\(k)]"
                guard let rf = reader.mapping(r, rp, allowed: ["date", "template", "work", "weight"], required: ["work"]) else { continue }
                guard let work = reader.bool(rf["work"], "\(rp).work") else { continue }
                prefs.requests.append(ShiftRequest(date: reader.date(rf["date"], "\(rp).date"), template: reader.string(rf["template"], "\(rp).template"),
                                                   wantsToWork: work, weight: reader.double(rf["weight"], "\(rp).weight") ?? 1))
            }
            prefs.avoidedSites = reader.stringList(pr["avoidedSites"], "\(pp).avoidedSites") ?? []
            prefs.undesiredTimes = decodeWeekly(pr["undesiredTimes"], "\(pp).undesiredTimes")
            prefs.preferredSites = reader.stringList(pr["preferredSites"], "\(pp).preferredSites") ?? []
            prefs.preferredTimes = decodeWeekly(pr["preferredTimes"], "\(pp).preferredTimes")
            prefs.targetHours = reader.double(pr["targetHours"], "\(pp).targetHours")
        }
        var volunteer = Volunteer(id: id, name: reader.string(f["name"], "\(p).name"), skills: skills,
                                  groups: reader.stringList(f["groups"], "\(p).groups") ?? [], tags: reader.stringList(f["tags"], "\(p).tags") ?? [],
                                  homeSite: reader.string(f["homeSite"], "\(p).homeSite"), availability: availability, limits: limits, preferences: prefs)
        func field(_ key: String, _ problem: (String) -> String?) -> String? {
            guard let value = reader.string(f[key], "\(p).\(key)"), !value.isEmpty else { return nil }
            if let message = problem(value) { reader.fail(f[key], "\(p).\(key)", message); return nil }
            return value
        }
        volunteer.contact = VolunteerContact(phone: field("phone", ContactFields.phoneProblem), wechat: field("wechat", ContactFields.wechatProblem),
                                             note: field("note", ContactFields.noteProblem))
        return volunteer
    }

    mutating func decodeWeekly(_ node: Node?, _ path: String) -> [WeeklyWindow] {
        var result: [WeeklyWindow] = []
        for (k, w) in (reader.sequence(node, path) ?? []).enumerated() {
            let wp = "\(path)[\(k)]"
            guard let wf = reader.mapping(w, wp, allowed: ["days", "from", "to"], required: ["days", "from", "to"]),
                  let days = reader.weekdays(wf["days"], "\(wp).days"), let window = reader.window(wf, wp) else { continue }
            result.append(WeeklyWindow(days: days, window: window))
        }
        return result
    }

    mutating func decodeTemplate(_ node: Node, _ p: String) -> ShiftTemplate? {
        guard let f = reader.mapping(node, p, allowed: ["id", "line", "site", "from", "to", "skill", "minimumLevel", "days", "dates", "onlyOnDates"],
                                     required: ["id", "from", "to"]) else { return nil }
        guard let id = reader.string(f["id"], "\(p).id"), let window = reader.window(f, p) else { return nil }
        return ShiftTemplate(id: id, line: reader.string(f["line"], "\(p).line"), site: reader.string(f["site"], "\(p).site"), window: window,
                             requiredSkill: reader.string(f["skill"], "\(p).skill"), minimumLevel: reader.int(f["minimumLevel"], "\(p).minimumLevel") ?? 1,
                             weekdays: reader.weekdays(f["days"], "\(p).days") ?? [], dates: Set(reader.dateList(f["dates"], "\(p).dates") ?? []),
                             onlyOnDates: reader.bool(f["onlyOnDates"], "\(p).onlyOnDates") ?? false)
    }

    mutating func decodeCoverage(_ node: Node, _ p: String) -> CoverageRequirement? {
        guard let f = reader.mapping(node, p, allowed: ["id", "line", "skill", "template", "from", "to", "slotMinutes", "days", "dates",
                                                        "min", "max", "hardMax", "underWeight", "overWeight", "priority"], required: ["id", "min"]) else { return nil }
        guard let id = reader.string(f["id"], "\(p).id") else { return nil }
        let target: CoverageRequirement.Target
        if let template = f["template"] {
            if f["line"] != nil { reader.fail(f["line"], "\(p).line", "give either 'line' (with from/to) or 'template', not both") }
            guard let t = reader.string(template, "\(p).template") else { return nil }
            target = .shift(template: t)
        } else if let line = f["line"] {
            guard let l = reader.string(line, "\(p).line"), let window = reader.window(f, p) else { return nil }
            target = .slots(line: l, skill: reader.string(f["skill"], "\(p).skill"), window: window, slotMinutes: reader.int(f["slotMinutes"], "\(p).slotMinutes") ?? 60)
        } else {
            reader.fail(node, "\(p).line", "a coverage requirement needs a 'line' (with from/to) or a 'template'")
            return nil
        }
        guard let minimum = reader.int(f["min"], "\(p).min") else { return nil }
        let days = DaySelector(weekdays: reader.weekdays(f["days"], "\(p).days") ?? [], dates: Set(reader.dateList(f["dates"], "\(p).dates") ?? []))
        return CoverageRequirement(id: id, target: target, days: days, minimum: minimum, maximum: reader.int(f["max"], "\(p).max"),
                                   underWeight: reader.double(f["underWeight"], "\(p).underWeight") ?? 1,
                                   overWeight: reader.double(f["overWeight"], "\(p).overWeight") ?? 1,
                                   priority: reader.double(f["priority"], "\(p).priority") ?? 1,
                                   hardMaximum: reader.bool(f["hardMax"], "\(p).hardMax") ?? false)
    }

    /// The most extra places an event may allow beyond its roles (and the most people a
    /// role counts towards the default cap: validation reports larger head-counts).
    static let maximumExtraPlaces = 100_000

    mutating func decodeEvent(_ node: Node, _ p: String) -> OutreachEvent? {
        guard let f = reader.mapping(node, p, allowed: ["id", "name", "site", "date", "from", "to", "team", "minTeamSize", "maxTeamSize", "extraPlaces", "capRoles", "priority"],
                                     required: ["id", "site", "date", "from", "to", "team"]) else { return nil }
        guard let id = reader.string(f["id"], "\(p).id"), let site = reader.string(f["site"], "\(p).site"),
              let date = reader.date(f["date"], "\(p).date"), let window = reader.window(f, p, allowCrossing: false) else { return nil }
        var team: [String: Int] = [:]
        if let t = reader.mapping(f["team"], "\(p).team", allowed: Self.anyKeys(f["team"])) {
            for k in t.keys.sorted() { if let n = reader.int(t[k], "\(p).team.\(k)") { team[k] = n } }
        }
        // A team is as large as it asks: its roles (or its minimum, when that is larger),
        // plus the extra places the scenario allows; `maxTeamSize` states the cap itself.
        let minimum = reader.int(f["minTeamSize"], "\(p).minTeamSize")
        var maximum = reader.int(f["maxTeamSize"], "\(p).maxTeamSize")
        let extra = reader.int(f["extraPlaces"], "\(p).extraPlaces")
        if let extra, extra < 0 || extra > Self.maximumExtraPlaces {
            reader.fail(f["extraPlaces"], "\(p).extraPlaces", "must be from 0 to \(Self.maximumExtraPlaces), not \(extra)")
        } else if extra != nil, maximum != nil {
            reader.fail(f["extraPlaces"], "\(p).extraPlaces", "give maxTeamSize or extraPlaces, not both")
        } else if maximum == nil {
            let roles = team.values.reduce(0) { $0 + min(max($1, 0), Self.maximumExtraPlaces) }
            maximum = max(roles, min(max(minimum ?? 0, 0), Self.maximumExtraPlaces)) + (extra ?? 0)
        }
        return OutreachEvent(id: id, name: reader.string(f["name"], "\(p).name"), site: site, date: date, window: window, team: team,
                             minTeamSize: minimum, maxTeamSize: maximum,
                             priority: reader.double(f["priority"], "\(p).priority") ?? 1,
                             capsRoles: reader.bool(f["capRoles"], "\(p).capRoles") ?? false)
    }

    static let weightKeys = RuleWeights.fields.map(\.name)

    mutating func decodeRules(_ node: Node?) -> RuleSettings {
        var rules = RuleSettings()
        guard let f = reader.mapping(node, "rules", allowed: ["minRestMinutes", "forbiddenSequences", "weights", "objective", "fairness",
                                                              "pinned", "forbidden", "baseline"]) else { return rules }
        rules.minRestMinutes = reader.int(f["minRestMinutes"], "rules.minRestMinutes") ?? 0
        for (i, s) in (reader.sequence(f["forbiddenSequences"], "rules.forbiddenSequences") ?? []).enumerated() {
            let sp = "rules.forbiddenSequences[\(i)]"
            guard let sf = reader.mapping(s, sp, allowed: ["first", "second"], required: ["first", "second"]),
                  let a = reader.string(sf["first"], "\(sp).first"), let b = reader.string(sf["second"], "\(sp).second") else { continue }
            rules.forbiddenSequences.append(ForbiddenSequence(first: a, second: b))
        }
        if let w = reader.mapping(f["weights"], "rules.weights", allowed: Self.weightKeys) {
            for (name, keyPath) in RuleWeights.fields {
                if let v = reader.double(w[name], "rules.weights.\(name)") { rules.weights[keyPath: keyPath] = v }
            }
        }
        if let o = reader.string(f["objective"], "rules.objective") {
            switch o {
            case "lexicographic": rules.objective = .lexicographic
            case "weighted": rules.objective = .weighted
            case "hardThenWeighted": rules.objective = .hardThenWeighted
            default: reader.fail(f["objective"], "rules.objective", "expected 'lexicographic', 'weighted' or 'hardThenWeighted', found '\(o)'",
                                 suggestion: Suggestions.closest(to: o, among: ["lexicographic", "weighted", "hardThenWeighted"]))
            }
        }
        if let o = reader.string(f["fairness"], "rules.fairness") {
            switch o {
            case "totalDeviation": rules.fairness = .totalDeviation
            case "maxDeviation": rules.fairness = .maxDeviation
            default: reader.fail(f["fairness"], "rules.fairness", "expected 'totalDeviation' or 'maxDeviation', found '\(o)'",
                                 suggestion: Suggestions.closest(to: o, among: ["totalDeviation", "maxDeviation"]))
            }
        }
        rules.pinned = decodeKeys(f["pinned"], "rules.pinned")
        rules.forbidden = decodeKeys(f["forbidden"], "rules.forbidden")
        rules.baseline = decodeKeys(f["baseline"], "rules.baseline")
        return rules
    }

    mutating func decodeKeys(_ node: Node?, _ path: String) -> [AssignmentKey] {
        var keys: [AssignmentKey] = []
        for (i, n) in (reader.sequence(node, path) ?? []).enumerated() {
            let p = "\(path)[\(i)]"
            guard let f = reader.mapping(n, p, allowed: ["volunteer", "template", "date", "event", "skill"], required: ["volunteer"]),
                  let v = reader.string(f["volunteer"], "\(p).volunteer") else { continue }
            if let e = f["event"] {
                guard let id = reader.string(e, "\(p).event") else { continue }
                guard let skill = reader.string(f["skill"], "\(p).skill") else {
                    reader.fail(n, "\(p).skill", "an event assignment needs the 'skill' it is made for")
                    continue
                }
                keys.append(AssignmentKey(volunteer: v, target: .event(id: id, skill: skill)))
            } else {
                guard let t = reader.string(f["template"], "\(p).template"), let d = reader.date(f["date"], "\(p).date") else {
                    reader.fail(n, p, "a shift assignment needs 'template' and 'date' (or give 'event' and 'skill')")
                    continue
                }
                keys.append(AssignmentKey(volunteer: v, target: .shift(template: t, date: d)))
            }
        }
        return keys
    }
}
