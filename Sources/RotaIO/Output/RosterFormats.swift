import Foundation
import Rota

/// The output formats of `rota solve`.
public enum RosterFormat: String, CaseIterable, Sendable {
    case json, csv, md, ics, html, xlsx
}

/// Renders a roster into files, in memory; ``AtomicWriter`` then writes them.
///
/// Everything is rendered before anything is written, so a failure never leaves half a
/// set of files behind.
public struct RosterRenderer: Sendable {
    public let roster: Roster
    public let problem: RosterProblem
    public var interrupted: Bool
    /// Leave timings out of `roster.json` (for byte-stable golden files).
    public var includeTimings: Bool
    /// A batch plan's stamp, written into `roster.json` (see ``RosterDocument/stamp``).
    public var stamp: String?
    /// Calendar identities that differ from the default (set by a replan).
    public var identities: [AssignmentKey: CalendarIdentity] = [:]
    /// Published assignments a replan removed: cancelled entries in the calendars and in
    /// `roster.json`.
    public var cancelled: [CancelledAssignment] = []

    /// Reminders on every calendar entry, in minutes before its start (a `VALARM` each).
    public var reminderMinutes: [Int] = Self.defaultReminderMinutes
    /// A day and an hour before: what volunteer tools' users ask for first.
    public static let defaultReminderMinutes = [24 * 60, 60]

    /// The coordinator's contact: on every volunteer's page and in every calendar entry.
    public var coordinator: CoordinatorContact?
    /// Whether the public noticeboard shows volunteers' phones beside their names. Off by
    /// default: contacts are on the private outputs only (the call list `calls.html`, each
    /// volunteer's own page and their co-workers there).
    public var publishContacts = false
    /// The language of the pages and calendars (`roster.json` and the CSV keep English keys).
    public var locale: RosterLocale = .en
    /// What the pages call lines, templates and skills.
    public var display = DisplayNames()
    /// The language of the CSV files; `nil` follows ``locale``.
    public var csvLocale: RosterLocale?
    var labels: RosterLabels { locale.labels }

    /// Assignments a replan added or moved: marked in the HTML grid.
    public var changedKeys: Set<AssignmentKey> = []
    /// A replan's per-volunteer changes, as an HTML section placed above the grid.
    public var changesHTML: String?

    /// The calendar identity of `a`.
    public func identity(of a: Assignment) -> CalendarIdentity { identities[a.key] ?? .initial(a) }
    let clock: WallClock
    /// Site and event names by id (the pages and calendars show names), built once.
    let siteNames: [String: String]
    let eventNames: [String: String]

    public init(roster: Roster, problem: RosterProblem, interrupted: Bool = false, includeTimings: Bool = true) {
        self.roster = roster
        self.problem = problem
        self.interrupted = interrupted
        self.includeTimings = includeTimings
        self.clock = WallClock(horizon: problem.horizon)
        self.siteNames = Dictionary(problem.sites.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        self.eventNames = Self.eventNames(of: problem)
    }

    /// Event names by id (the first event of an id, as the index takes it).
    static func eventNames(of problem: RosterProblem) -> [String: String] {
        Dictionary(problem.events.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// What the explainer says of the roster, for `roster.json`, `summary.md` and the HTML:
    /// computed once per ``render(_:)``, and only when one of those formats is asked for
    /// (a CSV or the calendars need none of it).
    struct Analysis {
        /// For each unfilled entry (same order as `roster.unfilled`): who was qualified and
        /// what kept each of them out.
        let explanations: [UnfilledExplanation]
        /// Each volunteer's penalties, rule by rule (volunteers without one left out).
        let penalties: [String: [String: Double]]
        /// What each assignment costs, rule by rule (see ``RosterExplainer/penaltiesByAssignment()``).
        let assignmentPenalties: [AssignmentKey: [String: Double]]
    }

    /// One-volunteer checks of every unfilled entry's candidates and of every assignment.
    func analysis() -> Analysis {
        var explainer = RosterExplainer(problem: problem, assignments: roster.assignments)
        return Analysis(explanations: roster.unfilled.map { explainer.explain($0) }, penalties: explainer.penaltiesByVolunteer(),
                        assignmentPenalties: explainer.penaltiesByAssignment())
    }

    /// The most volunteers listed in the score analysis of `summary.md` and the HTML (all
    /// of them are in `roster.json`).
    static let scoredVolunteersShown = 20
    /// The most assignments named as the cause of one volunteer's penalties.
    static let causesShown = 3

    /// The volunteers with the largest penalties: id, total, the rules, and the
    /// assignments that cost the most.
    /// Rules in `leavingOut` (internal weights) are not counted.
    func scoreAnalysis(_ analysis: Analysis, leavingOut: Set<String> = internalRules) -> [(volunteer: String, total: Double, rules: String, causes: String)] {
        let byVolunteer = Dictionary(grouping: roster.assignments, by: \.volunteer)
        let assignmentPenalties = analysis.assignmentPenalties.mapValues { $0.filter { !leavingOut.contains($0.key) } }.filter { !$0.value.isEmpty }
        let penalties = analysis.penalties.mapValues { $0.filter { !leavingOut.contains($0.key) } }.filter { !$0.value.isEmpty }
        let rows = penalties.map { id, rules in (id, rules.values.reduce(0, +), rules) }
            .sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            .prefix(Self.scoredVolunteersShown)
        return rows.map { id, total, rules in
            let ruleText = rules.sorted { (abs($0.value), $1.key) > (abs($1.value), $0.key) }.map { "\($0.key) \(Self.number($0.value))" }.joined(separator: ", ")
            let causes = (byVolunteer[id] ?? []).compactMap { a in assignmentPenalties[a.key].map { (a, $0.values.reduce(0, +), $0) } }
                .sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(Self.causesShown)
                .map { a, _, cost in "\(a.date) \(Self.what(a)): " + cost.sorted { $0.key < $1.key }.map { "\($0.key) \(Self.number($0.value))" }.joined(separator: ", ") }
                .joined(separator: "; ")
            return (id, total, ruleText, causes)
        }
    }

    /// `legal (legal-pm)` or `event legal-day-0306 (legal)`.
    static func what(_ a: Assignment) -> String {
        switch a.target {
        case let .shift(t, _): (a.line.map { "\($0) " } ?? "") + "(\(t))"
        case let .event(e, s): "event \(e) (\(s))"
        }
    }

    /// What an unfilled entry is short of: `legal (legal)`, `visit: caring`, `visit: team size`.
    static func what(_ u: UnfilledDemand) -> String {
        switch u.kind {
        case let .slot(r, line, skill): (line ?? r) + (skill.map { " (\($0))" } ?? "")
        case let .eventRole(e, skill): "\(e): \(skill)"
        case let .eventTeamSize(e): "\(e): team size"
        }
    }

    /// What an unfilled entry is short of, with display names, in the page's language.
    func localizedWhat(_ u: UnfilledDemand) -> String {
        switch u.kind {
        case let .slot(r, line, skill): (line.map(display.line) ?? r) + (skill.map { " (\(display.skill($0)))" } ?? "")
        case let .eventRole(e, skill): "\(eventNames[e] ?? e): \(display.skill(skill))"
        case let .eventTeamSize(e): "\(eventNames[e] ?? e): \(labels.teamSize)"
        }
    }

    /// "王芳 v001, 李娜 v002": at most ``namesPerReason`` volunteers, then `more`.
    static func namedList(_ ids: [String], names: [String: String], separator: String, more: String) -> String {
        let shown = ids.prefix(namesPerReason).map { id in names[id].map { "\($0) \(id)" } ?? id }
        return shown.joined(separator: separator) + (ids.count > namesPerReason ? more : "")
    }

    /// The most volunteers named in one group of an explanation's text.
    static let namesPerReason = 5

    /// The explanation in the page's language (``text(_:)`` is the English one of `roster.json`).
    func localizedText(_ e: UnfilledExplanation) -> String {
        guard locale == .zhCN else { return text(e) }
        let L = labels, names = self.names
        func who(_ ids: [String]) -> String { Self.namedList(ids, names: names, separator: "、", more: String(format: L.andMore, ids.count)) }
        if e.qualified == 0 { return e.alreadyOn > 0 ? L.nobodyElseQualified : L.nobodyQualified }
        var parts = e.blocked.map { "\($0.volunteers.count)人\(L.block($0.reason))（\(who($0.volunteers))）" }
        if !e.free.isEmpty { parts.append("\(e.free.count)人\(L.couldTakeIt)（\(who(e.free))）") }
        return "\(e.qualified)\(e.alreadyOn > 0 ? L.moreQualified : L.qualified)：" + parts.joined(separator: "；")
    }

    /// "2 missing (too far to travel: 12 of 20)", or "缺2人（路程过远：20人中12人）".
    func missingText(_ u: UnfilledDemand, _ e: UnfilledExplanation?) -> String {
        locale == .zhCN ? "缺\(u.missing)人（\(coarseReason(u, e))）" : "\(u.missing) missing (\(coarseReason(u, e)))"
    }

    /// An unfilled entry's reason in one cell, from its explanation (so from the rules that
    /// built the roster): the rule that keeps the most qualified people out, with how many
    /// of how many; or that someone could take it; or why nobody is qualified.
    func coarseReason(_ u: UnfilledDemand, _ e: UnfilledExplanation?) -> String {
        let L = labels, zh = locale == .zhCN
        guard let e else { return L.reason(u.reason) }
        if let main = e.mainBlock {
            return zh ? "\(L.block(main.reason))：\(e.qualified)人中\(main.count)人" : "\(main.reason.phrase): \(main.count) of \(e.qualified)"
        }
        if !e.free.isEmpty { return zh ? "\(e.free.count)人\(L.couldTakeIt)" : "\(e.free.count) \(L.couldTakeIt)" }
        return L.reason(e.reason(checkerSaid: u.reason))
    }

    /// "12 gaps, about 40 person-hours (…)": the totals of `roster.unfilled`, every unit of
    /// demand counted once (an event's team short of people its roles already count adds nothing).
    func unfilledLine() -> String {
        let totals = UnfilledTotals(roster.unfilled), all = totals.all, zh = locale == .zhCN
        guard all.people > 0 else { return zh ? "无" : "none" }
        let names: [UnfilledTotals.Kind: (String, String)] = [
            .lineSlots: ("line slots", "热线时段"), .shiftCoverage: ("shifts", "班次"),
            .eventRoles: ("event roles", "活动角色"), .eventTeamSize: ("event team size beyond roles", "活动人数（角色之外）"),
        ]
        let parts = totals.byKind.keys.sorted().map { kind -> String in
            let f = totals.byKind[kind]!, name = names[kind]!
            let hours = Self.number(f.personHours.rounded())
            return zh ? "\(name.1) \(f.gaps) 处 \(hours) 人·小时" : "\(name.0): \(f.gaps) gap\(f.gaps == 1 ? "" : "s"), \(hours) h"
        }
        return zh ? "\(all.gaps) 处（约 \(Self.number(all.personHours.rounded())) 人·小时：\(parts.joined(separator: "；"))）"
            : "\(all.gaps) gaps (about \(Self.number(all.personHours.rounded())) person-hours: \(parts.joined(separator: "; ")))"
    }

    /// "3 qualified: 2 on leave (王芳 v001, 李娜 v002), 1 at the weekly limit (张三 v003)".
    public func text(_ e: UnfilledExplanation) -> String {
        let names = self.names
        func who(_ ids: [String]) -> String {
            Self.namedList(ids, names: names, separator: ", ", more: " and \(ids.count - Self.namesPerReason) more")
        }
        if e.qualified == 0 { return e.alreadyOn > 0 ? "nobody else qualified" : "nobody qualified" }
        var parts = e.blocked.map { "\($0.volunteers.count) \($0.reason.phrase) (\(who($0.volunteers)))" }
        if !e.free.isEmpty { parts.append("\(e.free.count) could take it (\(who(e.free)))") }
        return "\(e.qualified) \(e.alreadyOn > 0 ? "more " : "")qualified: " + parts.joined(separator: ", ")
    }

    /// Relative path → contents, for the requested formats.
    public func render(_ formats: [RosterFormat]) -> [(String, Data)] {
        var files: [(String, Data)] = []
        var computed: Analysis?
        func analyzed() -> Analysis {
            if let computed { return computed }
            let a = analysis()
            computed = a
            return a
        }
        for format in RosterFormat.allCases where formats.contains(format) {
            switch format {
            case .json:
                let a = analyzed()
                files.append(("roster.json", RosterDocument(roster: roster, problem: problem, interrupted: interrupted, includeTimings: includeTimings, stamp: stamp,
                                                            identity: identity(of:), cancelled: cancelled, explanations: a.explanations,
                                                            explanationText: text, penalties: a.penalties,
                                                            assignmentPenalties: a.assignmentPenalties).encoded()))
            case .csv: files += [("roster.csv", Data(csv().utf8)), ("totals.csv", Data(totalsCSV().utf8))]
            case .xlsx: if let book = workbook(analyzed().explanations) { files.append(("roster.xlsx", book)) }
            case .md: files.append(("summary.md", Data(markdown(analyzed()).utf8)))
            case .ics: files += ics().map { ("calendars/\($0.0).ics", Data($0.1.utf8)) }
            case .html:
                let views = phoneViews()
                files.append(("roster.html", Data(html(analyzed(), links: phoneViewLinks(views)).utf8)))
                files += views.map { ($0.0, Data($0.1.utf8)) }
                files.append(("report.html", Data(reportHTML(analyzed()).utf8)))
                files.append(("calls.html", Data(callList().utf8)))
                files += volunteerPages().map { ($0.0, Data($0.1.utf8)) }
            }
        }
        return files
    }

    var names: [String: String] { Dictionary(problem.volunteers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }) }

    /// Names as people read them on the sheet: a name that several volunteers share is
    /// followed by the id (`朱婷 (v012)`), so two people are never one on the noticeboard.
    var displayNames: [String: String] {
        let count = Dictionary(problem.volunteers.map { ($0.name, 1) }, uniquingKeysWith: +)
        return Dictionary(problem.volunteers.map { v in (v.id, count[v.name, default: 0] > 1 ? "\(v.name) (\(v.id))" : v.name) },
                          uniquingKeysWith: { a, _ in a })
    }

    static func describe(_ target: AssignmentTarget) -> (kind: String, shift: String, event: String) {
        switch target {
        case let .shift(t, _): ("shift", t, "")
        case let .event(e, _): ("event", "", e)
        }
    }

    // MARK: CSV

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// One row per assignment, UTF-8 with a byte-order mark so spreadsheet programs read
    /// Chinese names correctly.
    /// One row per assignment, for Excel and WPS: the date, weekday, start and end in cells
    /// of their own (`2026-03-05`, `Thu`, `15:00`, `22:00`, and the end's date for shifts
    /// that cross midnight), so a spreadsheet reads them as dates and times; the name next
    /// to the id; the skill each assignment uses. UTF-8 with a byte-order mark, CRLF.
    /// The language of `roster.csv` and `totals.csv` (headers, weekdays, kinds): the pages'
    /// by default; `--csv-locale en` keeps the English headers programs read.
    var csvChinese: Bool { (csvLocale ?? locale) == .zhCN }

    public func csv() -> String {
        let zh = csvChinese
        var lines = [zh ? "编号,姓名,日期,星期,开始,结束,结束日期,类型,班次,活动,线路,地点,技能,小时"
                        : "volunteer,name,date,weekday,start,end,end_date,kind,shift,event,line,site,skill,hours"]
        let names = self.names
        func hhmm(_ h: Int, _ m: Int) -> String { String(format: "%02d:%02d", h, m) }
        for a in roster.assignments {
            let d = Self.describe(a.target)
            let start = clock.components(a.interval.start), end = clock.components(a.interval.end)
            let weekday = zh ? RosterLabels.chinese.weekday(start.date.weekday) : Self.weekdayAbbreviation(start.date.weekday)
            let kind = zh ? (d.kind == "shift" ? "班次" : "活动") : d.kind
            let fields = [a.volunteer, names[a.volunteer] ?? "", start.date.description, weekday,
                          hhmm(start.hour, start.minute), hhmm(end.hour, end.minute), end.date.description,
                          kind, d.shift, d.event, a.line ?? "", a.site ?? "", a.skill ?? "", Self.number(a.hours)]
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Dates as runs: `2026-03-01`, `2026-03-02 – 03-05 (4 days)`, joined by commas.
    static func dateRanges(_ dates: [CalendarDate]) -> String {
        let sorted = Array(Set(dates)).sorted()
        var parts: [String] = []
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] == sorted[j].adding(days: 1) { j += 1 }
            let last = sorted[j].description
            parts.append(i == j ? sorted[i].description : "\(sorted[i]) – \(last.dropFirst(5)) (\(j - i + 1) days)")
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }

    /// `Mon` … `Sun`.
    static func weekdayAbbreviation(_ w: Weekday) -> String { w.rawValue.prefix(1).uppercased() + w.rawValue.dropFirst().prefix(2) }

    /// One row per volunteer, idle ones included: the totals sheet (`totals.csv`).
    public func totalsCSV() -> String {
        var lines = [csvChinese ? "编号,姓名,小时,班次,活动,周末" : "volunteer,name,hours,shifts,events,weekends"]
        let names = self.names
        for t in roster.totals {
            lines.append([t.volunteer, names[t.volunteer] ?? "", Self.number(t.hours), String(t.shifts), String(t.events), String(t.weekends)]
                .map(Self.csvField).joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A relative gap as people read it: `1.25%`, or `< 0.01%` for a gap that rounds to
    /// nothing but was not proven closed (never `0.00%` beside "not proven optimal").
    public static func gapText(_ gap: Double) -> String {
        gap < 0.5e-4 ? "< 0.01%" : String(format: "%.2f%%", gap * 100)
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.2f", v)
    }

    // MARK: Markdown

    public func markdown() -> String { markdown(analysis()) }

    func markdown(_ analysis: Analysis) -> String {
        let explanations = analysis.explanations
        let s = roster.statistics, L = labels
        let t = locale.pick
        var out = t("# Roster: ", "# 排班表：") + "\(problem.name)\n\n"
        out += "\(problem.horizon.start) \(t("to", "至")) \(problem.horizon.date(problem.horizon.days - 1)) (\(problem.horizon.days) \(t("days", "天")), \(problem.horizon.timeZone))\n\n"
        let working = roster.totals.filter { $0.shifts + $0.events > 0 }.count
        out += t("- Assignments: \(roster.assignments.count) for \(working) of \(problem.volunteers.count) volunteers\n",
                 "- 班次：\(roster.assignments.count) 个，\(problem.volunteers.count) 名志愿者中 \(working) 名上岗\n")
        out += t("- Unfilled: ", "- 缺岗：") + unfilledLine() + "\n"
        out += t("- Solver: ", "- 求解：") + (interrupted ? L.interrupted + t(", ", "，") : "") + (s.provenOptimal ? L.provenOptimal : L.notProvenOptimal)
        if let gap = s.gap, !s.provenOptimal { out += t(", gap ", "，差距 ") + Self.gapText(gap) }
        out += "\n"
        if !roster.limitViolations.isEmpty {
            out += t("\n## Limits that could not be kept\n\n", "\n## 未能遵守的限制\n\n")
            for v in roster.limitViolations { out += "- \(v.volunteer ?? "") \(v.date.map { "\($0) " } ?? ""): \(v.message)\n" }
        }
        out += t("\n## Unfilled\n\n", "\n## 缺岗\n\n")
        if roster.unfilled.isEmpty {
            out += t("Everything is staffed.\n", "全部到岗。\n")
        } else {
            // The same gap on many days is one row with its dates ("psychological 17:00–22:00,
            // 31 days"), not 31 identical rows.
            var groups: [(key: String, row: String, dates: [CalendarDate])] = []
            var at: [String: Int] = [:]
            let counted = UnfilledTotals.uniqueMissing(roster.unfilled)
            for ((u, e), n) in zip(zip(roster.unfilled, explanations), counted) {
                let what = locale == .zhCN ? localizedWhat(u) : Self.what(u)
                let reason = coarseReason(u, e)
                // A team short of people its roles' rows already count says so.
                let missing = n < u.missing ? "\(u.missing)" + t(" (\(u.missing - n) in its roles)", "（其中\(u.missing - n)人已计入角色）") : "\(u.missing)"
                let row = "\(clock.clock(u.interval.start))–\(clock.clock(u.interval.end)) | \(what) | \(missing) | \(reason) | \(localizedText(e).replacingOccurrences(of: "|", with: "\\|"))"
                if let i = at[row] { groups[i].dates.append(u.date) } else { at[row] = groups.count; groups.append((row, row, [u.date])) }
            }
            out += t("| dates | time | what | missing | reason | who could have come |\n", "| 日期 | 时间 | 内容 | 缺 | 原因 | 谁本可以来 |\n") + "|---|---|---|---:|---|---|\n"
            for g in groups { out += "| \(Self.dateRanges(g.dates)) | \(g.row) |\n" }
        }
        let above = teamsAboveRoles()
        if !above.isEmpty {
            out += t("\n## Teams larger than asked\n\n", "\n## 超出所需人数的团队\n\n")
            for e in problem.events.sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) }) {
                guard let n = above[e.id] else { continue }
                out += "- \(e.name) \(e.date): " + t("\(n) above the roles asked (the scenario allows it)", "超出所需\(n)人（场景允许）") + "\n"
            }
        }
        out += t("\n## Objective\n\n| rule | penalty |\n", "\n## 目标值\n\n| 规则 | 扣分 |\n") + "|---|---:|\n"
        for (rule, value) in roster.objective.byRule.sorted(by: { $0.key < $1.key }) { out += "| \(rule) | \(Self.number(value)) |\n" }
        out += "| **\(t("total", "合计"))** | **\(Self.number(roster.objective.total))** |\n"
        let scored = scoreAnalysis(analysis)
        if !scored.isEmpty {
            out += t("\n## Score by volunteer\n\nThe largest penalties, by rule, with the assignments that cost the most (every volunteer and assignment is in roster.json).\n\n",
                     "\n## 各志愿者扣分\n\n扣分最多的志愿者，按规则列出，并列出扣分最多的安排（全部志愿者和安排见 roster.json）。\n\n")
            out += t("| volunteer | penalty | by rule | costliest assignments |\n", "| 志愿者 | 扣分 | 按规则 | 扣分最多的安排 |\n") + "|---|---:|---|---|\n"
            let names = self.names
            for row in scored {
                out += "| \(names[row.volunteer] ?? row.volunteer) \(row.volunteer) | \(Self.number(row.total)) | \(row.rules) | \(row.causes.replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
        }
        out += t("\n## Volunteers\n\n| id | name | hours | shifts | events | weekends |\n", "\n## 志愿者\n\n| 编号 | 姓名 | 小时 | 班次 | 活动 | 周末 |\n")
            + "|---|---|---:|---:|---:|---:|\n"
        let names = self.names
        for t in roster.totals where t.shifts + t.events > 0 {
            out += "| \(t.volunteer) | \(names[t.volunteer] ?? "") | \(Self.number(t.hours)) | \(t.shifts) | \(t.events) | \(t.weekends) |\n"
        }
        return out
    }

    // MARK: iCalendar

    /// One RFC 5545 calendar per volunteer with assignments.
    ///
    /// Times carry `TZID` with a `VTIMEZONE` for the horizon's zone when its UTC offset is
    /// constant over the horizon (as in China); otherwise they are written in UTC. `DTSTAMP`
    /// is the horizon's start, so the same roster gives the same files.
    public func ics() -> [(String, String)] {
        let offsets = Set(problem.horizon.dates.map { clock.offset(on: $0) })
        let fixed = offsets.count == 1
        let offset = offsets.first ?? 0
        let tzid = problem.horizon.timeZone
        func local(_ m: Int) -> String {
            let (d, h, mm) = clock.components(m)
            return String(format: "%04d%02d%02dT%02d%02d00", d.year, d.month, d.day, h, mm)
        }
        func utc(_ m: Int) -> String {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
            return f.string(from: clock.date(m))
        }
        func offsetText(_ seconds: Int) -> String {
            let sign = seconds < 0 ? "-" : "+"
            let a = abs(seconds) / 60
            return String(format: "%@%02d%02d", sign, a / 60, a % 60)
        }
        let stamp = utc(0)
        let shown = displayNames
        let grouped = Dictionary(grouping: roster.assignments, by: \.volunteer)
        let cancelledBy = Dictionary(grouping: cancelled, by: \.assignment.volunteer)
        // Who works with whom: the same line (or event) at overlapping times.
        let coworkers = coworkerFinder()
        let L = labels
        let contact = coordinator.map(\.text).flatMap { $0.isEmpty ? nil : L.coordinator + $0 }
        return Set(grouped.keys).union(cancelledBy.keys).sorted().map { id in
            var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rota//Roster//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                         "X-WR-CALNAME:" + Self.icsText("\(problem.name) – \(shown[id] ?? id)"), "X-WR-TIMEZONE:\(tzid)"]
            if fixed {
                lines += ["BEGIN:VTIMEZONE", "TZID:\(tzid)", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                          "TZOFFSETFROM:\(offsetText(offset))", "TZOFFSETTO:\(offsetText(offset))", "END:STANDARD", "END:VTIMEZONE"]
            }
            let entries = (grouped[id] ?? []).sorted().map { ($0, identity(of: $0), false) }
                + (cancelledBy[id] ?? []).sorted { $0.assignment < $1.assignment }.map { ($0.assignment, $0.identity, true) }
            for (a, identity, isCancelled) in entries {
                let d = Self.describe(a.target)
                let title = d.kind == "shift" ? "\(a.line.map(display.line) ?? display.template(d.shift)) (\(display.template(d.shift)))"
                    : "\(eventNames[d.event] ?? d.event)" + (a.skill.map { " – \(display.skill($0))" } ?? "")
                lines += ["BEGIN:VEVENT", "UID:" + Self.icsText(identity.uid), "DTSTAMP:\(stamp)"]
                if identity.sequence > 0 { lines.append("SEQUENCE:\(identity.sequence)") }
                if isCancelled { lines.append("STATUS:CANCELLED") }
                lines += fixed ? ["DTSTART;TZID=\(tzid):\(local(a.interval.start))", "DTEND;TZID=\(tzid):\(local(a.interval.end))"]
                    : ["DTSTART:\(utc(a.interval.start))", "DTEND:\(utc(a.interval.end))"]
                lines.append("SUMMARY:" + Self.icsText(isCancelled ? L.cancelled + title : title))
                if let site = a.site { lines.append("LOCATION:" + Self.icsText(siteNames[site] ?? site)) }
                if !isCancelled {
                    let with = coworkers(a)
                    let description = [problem.name, with.isEmpty ? nil : L.withLabel + with.joined(separator: ", "), contact].compactMap { $0 }
                    lines.append("DESCRIPTION:" + Self.icsText(description.joined(separator: "\n")))
                    for minutes in reminderMinutes where minutes > 0 {
                        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + Self.icsText(title), "TRIGGER:-PT\(minutes)M", "END:VALARM"]
                    }
                }
                lines.append("END:VEVENT")
            }
            lines.append("END:VCALENDAR")
            return (Self.fileName(id), lines.map(Self.fold).joined(separator: "\r\n") + "\r\n")
        }
    }

    /// The longest file name stem written, in UTF-8 bytes (file systems allow 255).
    static let maximumFileNameBytes = 80

    /// A file name that is safe on every system for a volunteer id, and distinct for
    /// distinct ids: an id made only of letters, digits, `-` and `_` and at most
    /// ``maximumFileNameBytes`` long is its own name; any other gets a cleaned, shortened
    /// prefix and a hash of the whole id (FNV-1a, 64 bits), so `a b` and `a_b` never
    /// share a calendar and a 100 000-character id still makes a valid name.
    static func fileName(_ id: String) -> String {
        func safe(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "-" || c == "_" }
        if !id.isEmpty, id.allSatisfy(safe), id.utf8.count <= maximumFileNameBytes { return id }
        var prefix = ""
        for c in id {
            let next = safe(c) ? c : "_"
            if prefix.utf8.count + String(next).utf8.count > maximumFileNameBytes - 17 { break }
            prefix.append(next)
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return prefix + "~" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func icsText(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1).
    static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        for ch in line {
            let n = String(ch).utf8.count
            if count + n > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(ch)
            count += n
        }
        return out
    }

    // MARK: HTML

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// A file of a set that could not be written: which one, and why.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    /// The file (or folder) that failed, as a path.
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot write: \(reason)" }
}

/// Writes a set of files all or nothing.
///
/// Every file is first written whole into a staging folder beside the destination
/// (`.<name>.rota-<uuid>`, on the same file system). Only when all of them are complete
/// are they moved into place, each by `rename(2)`, which replaces a file atomically; a
/// destination that could not take its file (a folder in the way) is found before anything
/// moves. On any failure the staging folder is removed, the destination's earlier
/// contents are untouched, and the error names the file that failed. Files already in the
/// destination that the set does not name are left alone (the destination may be a folder
/// the user keeps other things in).
public enum AtomicWriter {
    public static func write(_ files: [(String, Data)], into directory: String) throws(OutputError) {
        let fm = FileManager.default
        let destination = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = destination.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: parent.path, reason: error.localizedDescription)
        }
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).rota-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: staging) }
        // 1. Every file, whole, in the staging folder.
        for (relative, data) in files {
            let url = staging.appendingPathComponent(relative)
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            } catch {
                throw OutputError(path: destination.appendingPathComponent(relative).path, reason: error.localizedDescription)
            }
        }
        // 2. Nothing in the way: a folder where a file goes, or a file where a folder goes.
        for (relative, _) in files {
            var isDirectory: ObjCBool = false
            let target = destination.appendingPathComponent(relative)
            if fm.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw OutputError(path: target.path, reason: "a folder is in the way")
            }
            var folder = target.deletingLastPathComponent()
            while folder.path.count >= destination.path.count {
                if fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    throw OutputError(path: folder.path, reason: "a file is in the way of the folder")
                }
                folder = folder.deletingLastPathComponent()
            }
        }
        // 3. Into place: a new destination in one rename, else file by file.
        if !fm.fileExists(atPath: destination.path) {
            guard rename(staging.path, destination.path) == 0 else {
                throw OutputError(path: destination.path, reason: String(cString: strerror(errno)))
            }
            return
        }
        for (relative, _) in files {
            let target = destination.appendingPathComponent(relative)
            do {
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw OutputError(path: target.deletingLastPathComponent().path, reason: error.localizedDescription)
            }
            guard rename(staging.appendingPathComponent(relative).path, target.path) == 0 else {
                throw OutputError(path: target.path, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Writes one file atomically: a temporary file beside it, then rename.
    public static func write(_ data: Data, to url: URL) throws(OutputError) {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw OutputError(path: url.path, reason: error.localizedDescription)
        }
        // rename(2) replaces the destination atomically on the same file system.
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw OutputError(path: url.path, reason: reason)
        }
    }
}
