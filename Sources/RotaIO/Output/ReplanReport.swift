import Foundation
import Rota

/// A replan written out: the new roster with calendars that update a phone in place, and
/// the difference from the published roster per volunteer (kept, added, removed, moved) in
/// `changes.json`, `changes.md` and the HTML roster. Written by `rota replan`.
public struct ReplanReport: Sendable {
    public let result: ReplanResult
    public let changes: RosterChanges
    /// The calendar identity of every assignment of the new roster that is not the default.
    public let identities: [AssignmentKey: CalendarIdentity]
    /// Removed assignments, with their raised sequence: cancelled entries.
    public let cancelled: [CancelledAssignment]
    /// The published roster's assignments, by key.
    let published: [AssignmentKey: Assignment]
    /// The coordinator's contact, for the volunteer pages and calendars.
    public var coordinator: CoordinatorContact?
    /// Whether the noticeboard shows volunteers' phones (``RosterRenderer/publishContacts``).
    public var publishContacts = false
    /// The language of the pages and calendars, and the display names they use.
    public var locale: RosterLocale = .en
    public var displayNames = DisplayNames()

    /// - Parameters:
    ///   - result: the replan: the new roster and what changed.
    ///   - changes: the changes that were applied (absences, departures, demand, events).
    ///   - published: the published roster's assignments with their calendar identities
    ///     and the entries it had cancelled (``RosterDocument/published(fromJSON:file:problem:)``).
    public init(result: ReplanResult, changes: RosterChanges,
                published: (assignments: [(assignment: Assignment, identity: CalendarIdentity)], cancelled: [CancelledAssignment])) {
        self.result = result
        self.changes = changes
        var was: [AssignmentKey: (Assignment, CalendarIdentity)] = [:]
        for p in published.assignments { was[p.assignment.key] = (p.assignment, p.identity) }
        self.published = was.mapValues(\.0)
        // The highest sequence each UID has reached, live or cancelled.
        var highest: [String: Int] = [:]
        for p in published.assignments { highest[p.identity.uid] = max(highest[p.identity.uid] ?? 0, p.identity.sequence) }
        for c in published.cancelled { highest[c.identity.uid] = max(highest[c.identity.uid] ?? 0, c.identity.sequence) }

        var identities: [AssignmentKey: CalendarIdentity] = [:]
        var live = Set<String>()
        // A kept entry whose text changes (its co-workers, named in the description) gets a
        // higher sequence, or a phone keeps the old names.
        let teamBefore = RosterRenderer.coworkers(in: published.assignments.map(\.assignment))
        let teamAfter = RosterRenderer.coworkers(in: result.roster.assignments)
        func named(_ team: [Assignment]) -> [String] { team.map { "\($0.volunteer) \($0.interval)" } }
        for a in result.kept {
            var id = was[a.key]?.1 ?? .initial(a)
            if named(teamBefore(a)) != named(teamAfter(a)) { id.sequence = (highest[id.uid] ?? id.sequence) + 1 }
            identities[a.key] = id
            live.insert(id.uid)
        }
        for m in result.moved {
            let old = was[m.from]?.1 ?? .initial(m.to)
            let id = CalendarIdentity(uid: old.uid, sequence: (highest[old.uid] ?? old.sequence) + 1)
            identities[m.to.key] = id
            live.insert(id.uid)
        }
        for a in result.added {
            // The default UID; one that was cancelled before comes back with a higher
            // sequence (re-importing restores it), one still in use gets a suffix.
            var uid = CalendarIdentity.defaultUID(a)
            var n = 2
            while live.contains(uid) { uid = CalendarIdentity.defaultUID(a).replacingOccurrences(of: "@rota", with: "-\(n)@rota"); n += 1 }
            let id = CalendarIdentity(uid: uid, sequence: highest[uid].map { $0 + 1 } ?? 0)
            identities[a.key] = id
            live.insert(uid)
        }
        var cancelled: [CancelledAssignment] = []
        for key in result.removed {
            guard let (a, id) = was[key] else { continue }
            cancelled.append(CancelledAssignment(assignment: a, identity: CalendarIdentity(uid: id.uid, sequence: (highest[id.uid] ?? id.sequence) + 1)))
        }
        // Earlier cancellations stay in the files, unless their UID is live again.
        let cancelledNow = Set(cancelled.map(\.identity.uid))
        cancelled += published.cancelled.filter { !live.contains($0.identity.uid) && !cancelledNow.contains($0.identity.uid) }
        let now = Dictionary(result.roster.assignments.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        self.identities = identities.filter { key, id in now[key].map { id != .initial($0) } ?? true }
        self.cancelled = cancelled.sorted { $0.assignment < $1.assignment }
    }

    /// The renderer of the new roster: identities, cancellations, changed cells marked and
    /// the per-volunteer changes above the grid.
    public func renderer(interrupted: Bool = false, includeTimings: Bool = true) -> RosterRenderer {
        renderer(interrupted: interrupted, includeTimings: includeTimings, changes: document())
    }

    func renderer(interrupted: Bool, includeTimings: Bool, changes d: Document) -> RosterRenderer {
        var r = RosterRenderer(roster: result.roster, problem: result.problem, interrupted: interrupted, includeTimings: includeTimings)
        r.identities = identities
        r.cancelled = cancelled
        r.changedKeys = Set(result.added.map(\.key) + result.moved.map(\.to.key))
        r.changesHTML = html(d)
        r.coordinator = coordinator
        r.publishContacts = publishContacts
        r.locale = locale
        r.display = displayNames
        return r
    }

    /// Every file of the replan: the roster's in `formats`, `changes.json` and `changes.md`.
    public func files(_ formats: [RosterFormat], interrupted: Bool = false, includeTimings: Bool = true) -> [(String, Data)] {
        let d = document()
        return renderer(interrupted: interrupted, includeTimings: includeTimings, changes: d).render(formats)
            + [("changes.json", d.encoded()), ("changes.md", Data(markdown(d).utf8))]
    }

    // MARK: The difference per volunteer

    /// `changes.json`.
    public struct Document: Codable, Sendable, Equatable, StableJSONDocument {
        public struct Entry: Codable, Sendable, Equatable {
            public var date: String
            public var start: String
            public var end: String
            public var what: String
        }
        public struct Move: Codable, Sendable, Equatable {
            public var from: Entry
            public var to: Entry
        }
        public struct Volunteer: Codable, Sendable, Equatable {
            public var volunteer: String
            public var name: String
            public var kept: Int
            public var added: [Entry]
            public var removed: [Entry]
            public var moved: [Move]
        }
        public var today: String
        public var freeze: [String]?
        public var kept: Int
        public var added: Int
        public var removed: Int
        public var moved: Int
        /// Only volunteers with a change.
        public var volunteers: [Volunteer]

    }

    func entry(_ a: Assignment, clock: WallClock, eventNames: [String: String]) -> Document.Entry {
        let what: String
        // What people read: lines, templates and skills by their display names (ids when
        // the scenario gives none); a Chinese page names the event.
        switch a.target {
        case let .shift(t, _): what = (a.line.map { "\(displayNames.line($0)) " } ?? "") + "(\(displayNames.template(t)))"
        case let .event(e, s):
            what = locale == .zhCN ? "活动 \(eventNames[e] ?? e) – \(displayNames.skill(s))" : "event \(e) – \(s)"
        }
        return Document.Entry(date: a.date.description, start: clock.iso(a.interval.start), end: clock.iso(a.interval.end), what: what)
    }

    /// The difference as a document.
    public func document() -> Document {
        let problem = result.problem
        let clock = WallClock(horizon: problem.horizon)
        let eventNames = RosterRenderer.eventNames(of: problem)
        let names = Dictionary(problem.volunteers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let removedAssignments = result.removed.compactMap { published[$0] }
        let people = Set(result.added.map(\.volunteer)).union(removedAssignments.map(\.volunteer)).union(result.moved.map(\.to.volunteer))
        let keptBy = Dictionary(grouping: result.kept, by: \.volunteer)
        let volunteers = people.sorted().map { v in
            Document.Volunteer(
                volunteer: v, name: names[v] ?? v, kept: keptBy[v]?.count ?? 0,
                added: result.added.filter { $0.volunteer == v }.map { entry($0, clock: clock, eventNames: eventNames) },
                removed: removedAssignments.filter { $0.volunteer == v }.sorted().map { entry($0, clock: clock, eventNames: eventNames) },
                moved: result.moved.filter { $0.to.volunteer == v }.map { m in
                    Document.Move(from: published[m.from].map { entry($0, clock: clock, eventNames: eventNames) } ?? Document.Entry(date: "", start: "", end: "", what: "\(m.from.target)"),
                                  to: entry(m.to, clock: clock, eventNames: eventNames))
                })
        }
        let freeze = changes.freezeWindow(in: problem.horizon).map { [$0.lowerBound.description, $0.upperBound.description] }
        return Document(today: (changes.today ?? problem.horizon.start).description, freeze: freeze, kept: result.kept.count,
                        added: result.added.count, removed: result.removed.count, moved: result.moved.count, volunteers: volunteers)
    }

    /// The difference as Markdown: the counts, then one section per volunteer with a change.
    public func markdown() -> String { markdown(document()) }

    /// The English text, or the Chinese one for a Chinese scenario.
    func t(_ en: String, _ zh: String) -> String { locale.pick(en, zh) }

    /// "From 2026-03-10: 337 kept, …", in the report's language.
    func counts(_ d: Document) -> String {
        let frozen = d.freeze.map { t("; frozen \($0[0])–\($0[1])", "；冻结期 \($0[0])–\($0[1])") } ?? ""
        return t("From \(d.today)\(frozen): \(d.kept) kept, \(d.added) added, \(d.removed) removed, \(d.moved) moved.",
                 "自 \(d.today) 起\(frozen)：保留 \(d.kept)，新增 \(d.added)，取消 \(d.removed)，调动 \(d.moved)。")
    }

    func markdown(_ d: Document) -> String {
        var out = [t("# Changes since the published roster", "# 与已发布排班的变化"), "", counts(d), ""]
        if d.volunteers.isEmpty { out.append(t("No volunteer's roster changed.", "没有志愿者的排班发生变化。")) }
        let (moved, added, removed, kept) = (t("moved", "调动"), t("added", "新增"), t("removed", "取消"), t("kept", "保留"))
        for v in d.volunteers {
            out.append("## \(v.name) (\(v.volunteer))")
            out.append("")
            for m in v.moved { out.append("- \(moved): \(m.from.date) \(m.from.what) \(Self.hhmm(m.from.start))–\(Self.hhmm(m.from.end)) → \(m.to.what) \(Self.hhmm(m.to.start))–\(Self.hhmm(m.to.end))") }
            for a in v.added { out.append("- \(added): \(a.date) \(a.what) \(Self.hhmm(a.start))–\(Self.hhmm(a.end))") }
            for r in v.removed { out.append("- \(removed): \(r.date) \(r.what) \(Self.hhmm(r.start))–\(Self.hhmm(r.end))") }
            out.append("- \(kept): \(v.kept)")
            out.append("")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// `08:00` from an ISO time.
    static func hhmm(_ iso: String) -> String {
        guard let t = iso.firstIndex(of: "T") else { return iso }
        return String(iso[iso.index(after: t)...].prefix(5))
    }

    /// The difference as an HTML section for the roster page.
    public func html() -> String { html(document()) }

    func html(_ d: Document) -> String {
        func e(_ s: String) -> String { RosterRenderer.escape(s) }
        var out = "<h2>\(t("Changes since the published roster", "与已发布排班的变化"))</h2>\n<p>\(e(counts(d))) "
            + t("Changed entries are <span class=\"changed\">marked</span>; removed ones <span class=\"removed\" style=\"display:inline\">struck out</span>.",
                "变动的班次<span class=\"changed\">已标出</span>，取消的<span class=\"removed\" style=\"display:inline\">已划掉</span>。") + "</p>\n"
        if !d.volunteers.isEmpty {
            out += "<table><thead><tr><th>\(t("volunteer", "志愿者"))</th><th>\(t("moved", "调动"))</th><th>\(t("added", "新增"))</th><th>\(t("removed", "取消"))</th></tr></thead><tbody>\n"
            for v in d.volunteers {
                let moved = v.moved.map { "\(e($0.from.date)) \(e($0.from.what)) → \(e($0.to.what)) \(Self.hhmm($0.to.start))–\(Self.hhmm($0.to.end))" }.joined(separator: "<br>")
                let added = v.added.map { "\(e($0.date)) \(e($0.what)) \(Self.hhmm($0.start))–\(Self.hhmm($0.end))" }.joined(separator: "<br>")
                let removed = v.removed.map { "\(e($0.date)) \(e($0.what)) \(Self.hhmm($0.start))–\(Self.hhmm($0.end))" }.joined(separator: "<br>")
                out += "<tr><td>\(e(v.name)) (\(e(v.volunteer)))</td><td>\(moved)</td><td>\(added)</td><td>\(removed)</td></tr>\n"
            }
            out += "</tbody></table>\n<h2>\(t("Roster", "排班表"))</h2>\n"
        }
        return out
    }
}
