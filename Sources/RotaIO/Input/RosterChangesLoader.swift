import Foundation
import Rota
import Yams

/// Reads a changes file for `rota replan`: what happened since the roster was published.
///
/// ```yaml
/// today: 2026-03-10          # published assignments before this date are kept as they were
/// freezeDays: 3              # changes in the next 3 days cost rules.weights.frozenChanges
/// absences:
///   - { volunteer: v023, dates: [2026-03-12, 2026-03-13] }
/// departures:
///   - { volunteer: v017, from: 2026-03-10 }
/// coverage:
///   add: [ ...coverage requirements, as in a scenario... ]
///   remove: [ psy-evening ]
/// events:
///   add: [ ...events, as in a scenario... ]
///   remove: [ outreach-7 ]
/// pin: [ { volunteer: v003, template: legal-pm, date: 2026-03-15 } ]
/// forbid: [ { volunteer: v004, template: rights-am, date: 2026-03-16 } ]
/// ```
///
/// Every problem — unknown keys, bad dates, unknown volunteers, requirements or events,
/// and anything wrong with the changed problem — is reported together with its position.
/// The format is documented in `docs/replanning.md`.
public enum RosterChangesLoader {
    static let topKeys = ["today", "freezeDays", "absences", "departures", "coverage", "events", "pin", "forbid"]

    /// Reads the changes files at `paths`, in order, as one set of changes (every change
    /// since the scenario: lists joined, the last file's `today` and `freezeDays` win);
    /// every problem of every file is thrown together.
    public static func load(paths: [String], scenario: LoadedScenario) throws(InputError) -> RosterChanges {
        try loadNotingPast(paths: paths, scenario: scenario).changes
    }

    /// The same, with the changes dated before their own file's `today` (an absence, a
    /// departure, an event added or removed, a pin or forbid; ``RosterChanges/pastChanges(in:today:)``),
    /// each at its `file:line:column`. `today` stands for the last file's own (`rota replan
    /// --today`); an earlier file is held to its own, since a second replan reads every file
    /// since the scenario. `rota replan` refuses them (``refusal(ofPast:)``) or, told to
    /// rewrite the past, lists them.
    public static func loadNotingPast(paths: [String], scenario: LoadedScenario,
                                      today: CalendarDate? = nil) throws(InputError) -> (changes: RosterChanges, past: [InputIssue]) {
        var all: RosterChanges?
        var issues: [InputIssue] = []
        var past: [InputIssue] = []
        for (k, path) in paths.enumerated() {
            do throws(InputError) {
                let next = try load(path: path, scenario: scenario) { changes, marks in
                    let own = k == paths.count - 1 ? (today ?? changes.today) : changes.today
                    for i in changes.pastChanges(in: scenario.problem, today: own) {
                        past.append(InputIssue(location: nearestMark(marks, i.path, file: path), path: i.path, message: i.message, suggestion: i.suggestion))
                    }
                }
                all = all.map { $0.followed(by: next) } ?? next
            } catch {
                issues += error.issues
            }
        }
        if !issues.isEmpty { throw InputError(issues: issues) }
        return (all ?? RosterChanges(), past)
    }

    /// The error that refuses changes in the past, each at its place.
    public static func refusal(ofPast past: [InputIssue]) -> InputError {
        InputError(issues: past.map {
            var i = $0
            i.message += ": the past is kept as it was (--rewrite-past to change it)"
            return i
        })
    }

    /// Reads `path` against `scenario` (the published month's scenario).
    public static func load(path: String, scenario: LoadedScenario) throws(InputError) -> RosterChanges {
        try load(path: path, scenario: scenario) { _, _ in }
    }

    /// The same, handing the changes read and the positions of their key paths to `read`.
    static func load(path: String, scenario: LoadedScenario,
                     read: (RosterChanges, [String: SourceLocation]) -> Void) throws(InputError) -> RosterChanges {
        let root = try readDocument(path: path)
        var decoder = ScenarioDecoder(reader: NodeReader(file: path), baseDirectory: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        var changes = RosterChanges()
        if let root, let top = decoder.reader.mapping(root, "", allowed: topKeys) {
            changes.today = decoder.reader.date(top["today"], "today")
            if let n = decoder.reader.int(top["freezeDays"], "freezeDays") { changes.freezeDays = n }
            for (i, node) in (decoder.reader.sequence(top["absences"], "absences") ?? []).enumerated() {
                let p = "absences[\(i)]"
                guard let f = decoder.reader.mapping(node, p, allowed: ["volunteer", "dates"], required: ["volunteer", "dates"]),
                      let v = decoder.reader.string(f["volunteer"], "\(p).volunteer"), let dates = decoder.reader.dateList(f["dates"], "\(p).dates") else { continue }
                changes.absences.append(.init(volunteer: v, dates: dates))
            }
            for (i, node) in (decoder.reader.sequence(top["departures"], "departures") ?? []).enumerated() {
                let p = "departures[\(i)]"
                guard let f = decoder.reader.mapping(node, p, allowed: ["volunteer", "from"], required: ["volunteer"]),
                      let v = decoder.reader.string(f["volunteer"], "\(p).volunteer") else { continue }
                let from = f["from"] == nil ? (changes.today ?? scenario.problem.horizon.start) : decoder.reader.date(f["from"], "\(p).from")
                if let from { changes.departures.append(.init(volunteer: v, from: from)) }
            }
            if let c = decoder.reader.mapping(top["coverage"], "coverage", allowed: ["add", "remove"]) {
                changes.addedCoverage = (decoder.reader.sequence(c["add"], "coverage.add") ?? []).enumerated().compactMap { decoder.decodeCoverage($1, "coverage.add[\($0)]") }
                changes.removedCoverage = decoder.reader.stringList(c["remove"], "coverage.remove") ?? []
            }
            if let e = decoder.reader.mapping(top["events"], "events", allowed: ["add", "remove"]) {
                changes.addedEvents = (decoder.reader.sequence(e["add"], "events.add") ?? []).enumerated().compactMap { decoder.decodeEvent($1, "events.add[\($0)]") }
                changes.removedEvents = decoder.reader.stringList(e["remove"], "events.remove") ?? []
            }
            changes.pins = decoder.decodeKeys(top["pin"], "pin")
            changes.forbids = decoder.decodeKeys(top["forbid"], "forbid")
        }
        // The references and the changed problem are checked on whatever was read, so one
        // run reports everything; an issue under a path the reader flagged is left out.
        var issues = decoder.reader.issues
        let marks = decoder.reader.marks
        let flagged = issues.map(\.path).filter { !$0.isEmpty }
        func isFlagged(_ p: String) -> Bool { flagged.contains { p == $0 || p.hasPrefix($0 + ".") || p.hasPrefix($0 + "[") } }
        do {
            for i in changes.issues(in: scenario.problem) where !isFlagged(i.path) {
                issues.append(InputIssue(location: nearestMark(marks, i.path, file: path), path: i.path, message: i.message, suggestion: i.suggestion))
            }
        }
        do {
            // The changed problem's own checks: an added requirement's window, an event's
            // unknown site, a pin of an unknown template. Its key paths are the problem's,
            // so each is placed at the changes file's section it came from.
            do throws(RosterProblemError) {
                try changes.apply(to: scenario.problem).validate()
            } catch {
                let firstAddedCoverage = scenario.problem.coverage.count - Set(changes.removedCoverage + changes.addedCoverage.map(\.id)).intersection(scenario.problem.coverage.map(\.id)).count
                let firstAddedEvent = scenario.problem.events.count - Set(changes.removedEvents + changes.addedEvents.map(\.id)).intersection(scenario.problem.events.map(\.id)).count
                for i in error.issues {
                    let local = localPath(i.path, firstAddedCoverage: firstAddedCoverage, firstAddedEvent: firstAddedEvent)
                    if let local, isFlagged(local) { continue }
                    let location = local.map { nearestMark(marks, $0, file: path) } ?? scenario.location(of: i.path)
                    issues.append(InputIssue(location: location, path: local ?? i.path, message: i.message, suggestion: i.suggestion))
                }
            }
        }
        if !issues.isEmpty { throw InputError(issues: issues) }
        read(changes, marks)
        return changes
    }

    /// The changes file's key path for a path of the changed problem, when the issue is in
    /// something the file added (`coverage[40].window` → `coverage.add[2].window`); `nil`
    /// for the scenario's own parts.
    static func localPath(_ path: String, firstAddedCoverage: Int, firstAddedEvent: Int) -> String? {
        for (prefix, first, local) in [("coverage[", firstAddedCoverage, "coverage.add["), ("events[", firstAddedEvent, "events.add[")] where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            guard let close = rest.firstIndex(of: "]"), let n = Int(rest[..<close]), n >= first else { return nil }
            return local + String(n - first) + rest[close...]
        }
        if path.hasPrefix("rules.pinned") || path.hasPrefix("rules.forbidden") { return path.hasPrefix("rules.pinned") ? "pin" : "forbid" }
        return nil
    }
}
