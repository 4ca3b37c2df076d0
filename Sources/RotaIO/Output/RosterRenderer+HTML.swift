import Foundation
import Rota

/// The two HTML documents of a roster.
///
/// - `roster.html` is the **noticeboard**, for the office wall and the volunteers' phones:
///   the period, the version and date of publication, the coordinator's contact, the gaps
///   with their reason in words (first, so that a printed sheet shows them on its first
///   page), the date × line grid (a gap's reason written in its cell, never only in a
///   tooltip that phones and paper do not show), and the events with their teams. Nothing
///   about costs. Page numbers in print.
/// - `report.html` is the **coordinator's report**: how the solve went (status, objective,
///   bound and gap, engines, stages), after a replan the changes, the costs by rule and by
///   volunteer, hours against targets with their spread, and every gap with who could
///   have come and what kept each of them out; the events with their teams.
///
/// Neither shows an internal weight: the pin and change penalties a replan uses to keep
/// the published roster are left out of the cost tables (the changes are listed instead).
extension RosterRenderer {
    /// Rules whose figures are the solver's internal weights, not costs a coordinator
    /// weighs: a pin's price, the replan's price per change.
    static let internalRules: Set<String> = [RuleID.pinned.rawValue, RuleID.changes.rawValue]

    /// A short fingerprint of the roster's assignments (FNV-1a, 64 bits, 8 hex digits):
    /// the same roster always has the same version, a changed one another.
    var version: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for key in roster.assignments.map(\.key).sorted() {
            for byte in "\(key)\n".utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        return String(String(hash, radix: 16).suffix(8))
    }

    /// The page's head and style. `landscape` for the grid, portrait for the report.
    func pageHead(title: String, landscape: Bool) -> String {
        let t = locale.pick
        let pageNumber = t("\"page \" counter(page) \" of \" counter(pages)", "\"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\"")
        return """
        <!DOCTYPE html>
        <html lang="\(locale.rawValue)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title))</title>
        <style>
        body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;font-size:11px;margin:12px;color:#111}
        h1{font-size:16px;margin:0 0 4px} h2{font-size:13px;margin:14px 0 4px} p{margin:2px 0}
        table{border-collapse:collapse;width:100%} th,td{border:1px solid #999;padding:2px 4px;vertical-align:top}
        th{background:#eee} td.gap{background:#fdd;border-color:#c00} .miss{color:#c00;font-weight:bold;display:block}
        .why{font-weight:normal;display:block;font-size:10px} .flag{color:#a60;font-weight:bold}
        .time{color:#555} tr{page-break-inside:avoid} .who,.time,th{white-space:nowrap} .wrap{overflow-x:auto}
        .changed{background:#dfd;outline:1px solid #080} .removed{color:#777;text-decoration:line-through;display:block}
        td.num{text-align:right} thead{display:table-header-group}
        .grid tbody th:first-child,.grid thead th:first-child{position:sticky;left:0;z-index:1;background:#eee}
        @media print{.noprint{display:none}}
        @page{size:A4 \(landscape ? "landscape" : "portrait");margin:10mm 10mm 14mm;@bottom-right{content:\(pageNumber);font-size:9px;color:#555}}
        @media print{body{margin:0}}
        </style></head><body>

        """
    }

    /// Period, counts, version and (with timings) the date of publication.
    func headline() -> String {
        let L = labels, t = locale.pick
        var text = "\(problem.horizon.start) – \(problem.horizon.date(problem.horizon.days - 1)) · \(roster.assignments.count) \(L.assignments) · "
            + "\(roster.unfilled.count) \(L.gaps) · \(t("version", "版本")) \(version)"
        if changesHTML != nil { text += t(" (replanned)", "（调整后）") }
        if includeTimings {
            let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: problem.horizon.timeZone) ?? .current,
                                                    formatOptions: [.withFullDate])
            text += " · \(t("published", "发布于")) \(today)"
        }
        return text
    }

    /// Events' teams larger than the roles they ask for, by event id: how many above.
    func teamsAboveRoles() -> [String: Int] {
        var size: [String: Int] = [:]
        for a in roster.assignments { if case let .event(id, _) = a.target { size[id, default: 0] += 1 } }
        var above: [String: Int] = [:]
        for e in problem.events {
            let asked = e.team.values.reduce(0) { $0 + max($1, 0) }
            if let n = size[e.id], n > max(asked, e.minTeamSize) { above[e.id] = n - max(asked, e.minTeamSize) }
        }
        return above
    }

    /// The gaps grouped as summary.md groups them: one row per gap with its dates.
    func gapRows(_ explanations: [UnfilledExplanation], detailed: Bool) -> String {
        let L = labels, t = locale.pick
        var out = "<table><thead><tr><th>\(L.date)</th><th>\(L.time)</th><th>\(L.what)</th><th>\(L.missing)</th><th>\(t("reason", "原因"))</th>"
            + (detailed ? "<th>\(L.whoCouldHaveCome)</th>" : "") + "</tr></thead><tbody>\n"
        var rows: [(cells: String, dates: [CalendarDate])] = []
        var at: [String: Int] = [:]
        for (u, e) in zip(roster.unfilled, explanations) {
            var cells = "<td class=\"who\">\(clock.clock(u.interval.start))–\(clock.clock(u.interval.end))</td><td>\(Self.escape(localizedWhat(u)))</td>"
                + "<td class=\"num\">\(u.missing)</td><td>\(Self.escape(coarseReason(u, e)))</td>"
            if detailed { cells += "<td>\(Self.escape(localizedText(e)))</td>" }
            if let i = at[cells] { rows[i].dates.append(u.date) } else { at[cells] = rows.count; rows.append((cells, [u.date])) }
        }
        for row in rows { out += "<tr><td>\(Self.dateRanges(row.dates))</td>\(row.cells)</tr>\n" }
        return out + "</tbody></table>\n"
    }

    /// The events with their teams, what is missing and why, and teams above their roles.
    func eventTable(_ explanationByGap: [UnfilledDemand: UnfilledExplanation]) -> String {
        guard !problem.events.isEmpty else { return "" }
        let L = labels, t = locale.pick, shown = displayNames
        let above = teamsAboveRoles()
        var out = "<h2>\(L.outreachEvents)</h2><table><thead><tr><th>\(L.event)</th><th>\(L.date)</th><th>\(L.site)</th><th>\(L.team)</th><th>\(L.missing)</th></tr></thead><tbody>\n"
        for e in problem.events.sorted(by: { ($0.date, $0.window.start.minutes, $0.id) < ($1.date, $1.window.start.minutes, $1.id) }) {
            let team = roster.assignments.filter { if case let .event(id, _) = $0.target { id == e.id } else { false } }
            let missing = roster.unfilled.filter {
                switch $0.kind {
                case let .eventRole(id, _), let .eventTeamSize(id): id == e.id
                default: false
                }
            }
            out += "<tr><td>\(Self.escape(e.name))</td><td>\(e.date)</td><td>\(Self.escape(siteNames[e.site] ?? e.site))</td><td>"
            out += team.map { "\(Self.escape(shown[$0.volunteer] ?? $0.volunteer)) (\(Self.escape(display.skill($0.skill ?? ""))))" }.joined(separator: ", ")
            if let n = above[e.id] { out += " <span class=\"flag\">\(t("\(n) above the roles asked", "超出所需\(n)人"))</span>" }
            out += missing.isEmpty ? "</td><td></td></tr>\n" : "</td><td class=\"gap\">" + missing.map { u -> String in
                let e = explanationByGap[u], why = Self.escape(coarseReason(u, e))
                if case let .eventRole(_, s) = u.kind {
                    return locale == .zhCN ? "\(Self.escape(display.skill(s)))\(Self.escape(missingText(u, e)))" : "\(u.missing) \(Self.escape(display.skill(s))) (\(why))"
                }
                return locale == .zhCN ? "\(L.teamSize)\(Self.escape(missingText(u, e)))" : "\(u.missing) more people (\(why))"
            }.joined(separator: "<br>") + "</td></tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    // MARK: The noticeboard

    public func html() -> String { html(analysis(), links: phoneViewLinks(phoneViews())) }

    /// `roster.html`: the public noticeboard (see the extension's overview). A4 landscape.
    func html(_ analysis: Analysis, links: String = "") -> String {
        let explanations = analysis.explanations
        let shown = displayNames, L = labels, t = locale.pick
        var byCell: [String: [Assignment]] = [:]
        for a in roster.assignments where a.line != nil { byCell["\(a.date)|\(a.line!)", default: []].append(a) }
        var explanationByGap: [UnfilledDemand: UnfilledExplanation] = [:]
        for (u, e) in zip(roster.unfilled, explanations) { explanationByGap[u] = e }
        var gaps: [String: [UnfilledDemand]] = [:]
        for u in roster.unfilled { if case let .slot(_, line?, _) = u.kind { gaps["\(u.date)|\(line)", default: []].append(u) } }
        // A column only for a line with someone on it or something missing, in the
        // scenario's order of its shift templates.
        let used = Set(roster.assignments.compactMap(\.line) + roster.unfilled.compactMap { if case let .slot(_, line?, _) = $0.kind { line } else { nil } })
        let lines = problem.lines.filter(used.contains)
        let phones = self.phones
        var out = pageHead(title: problem.name, landscape: true)
        out += "<h1>\(Self.escape(problem.name))</h1>\n<p>\(Self.escape(headline()))</p>\n"
        if let contact = coordinator.map(\.text), !contact.isEmpty { out += "<p>\(Self.escape(L.callTheCoordinator + contact))</p>\n" }
        out += links
        if !roster.unfilled.isEmpty {
            out += "<h2>\(t("Gaps", "缺岗"))</h2>\n" + gapRows(explanations, detailed: false)
        }
        out += "<h2>\(t("Roster", "排班"))</h2>\n<div class=\"wrap\"><table class=\"grid\"><thead><tr><th>\(L.date)</th>"
        var removedByCell: [String: [Assignment]] = [:]
        for c in cancelled where c.assignment.line != nil { removedByCell["\(c.assignment.date)|\(c.assignment.line!)", default: []].append(c.assignment) }
        for l in lines { out += "<th>\(Self.escape(display.line(l)))</th>" }
        out += "</tr></thead><tbody>\n"
        for date in problem.horizon.dates {
            out += "<tr><th>\(date)<br>\(L.weekday(date.weekday))</th>"
            for l in lines {
                let key = "\(date)|\(l)"
                let cellGaps = gaps[key] ?? []
                out += cellGaps.isEmpty ? "<td>" : "<td class=\"gap\">"
                for a in (byCell[key] ?? []).sorted() {
                    var text = "<span class=\"time\">\(clock.clock(a.interval.start))–\(clock.clock(a.interval.end))</span> <span class=\"who\">\(Self.escape(shown[a.volunteer] ?? a.volunteer))</span>"
                    if publishContacts, let phone = phones[a.volunteer] { text += " <span class=\"who time\">\(Self.escape(phone))</span>" }
                    out += changedKeys.contains(a.key) ? "<span class=\"changed\">\(text)</span><br>" : text + "<br>"
                }
                for a in (removedByCell[key] ?? []).sorted() {
                    out += "<span class=\"removed\">\(clock.clock(a.interval.start))–\(clock.clock(a.interval.end)) \(Self.escape(shown[a.volunteer] ?? a.volunteer))</span>"
                }
                for g in cellGaps {
                    let missing = locale == .zhCN ? "缺\(g.missing)人" : "\(g.missing) missing"
                    out += "<span class=\"miss\"><span class=\"who\">\(clock.clock(g.interval.start))–\(clock.clock(g.interval.end))</span>: \(missing)"
                        + "<span class=\"why\">\(Self.escape(coarseReason(g, explanationByGap[g])))</span></span>"
                }
                out += "</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody></table></div>\n"
        out += eventTable(explanationByGap)
        out += "</body></html>\n"
        return out
    }

    // MARK: The coordinator's report

    public func reportHTML() -> String { reportHTML(analysis()) }

    /// `report.html`: the coordinator's (see the extension's overview). A4 portrait.
    func reportHTML(_ analysis: Analysis) -> String {
        let L = labels, t = locale.pick, s = roster.statistics
        var out = pageHead(title: problem.name + " · " + t("coordinator's report", "协调人报告"), landscape: false)
        out += "<h1>\(Self.escape(problem.name)) · \(t("coordinator's report", "协调人报告"))</h1>\n<p>\(Self.escape(headline()))</p>\n"

        // How the solve went.
        out += "<h2>\(t("The solve", "求解情况"))</h2>\n<p>"
        var status = (interrupted ? L.interrupted + t(", ", "，") : "") + (s.provenOptimal ? L.provenOptimal : L.notProvenOptimal)
        if let gap = s.gap, !s.provenOptimal { status += t(", gap ", "，差距 ") + Self.gapText(gap) }
        out += Self.escape(status)
        if includeTimings { out += " · " + String(format: t("%.1f s", "用时 %.1f 秒"), s.seconds) }
        out += "</p>\n"
        if let engines = s.engines {
            var parts = [t("schedule models for \(engines.volunteers) volunteers", "\(engines.volunteers) 名志愿者使用排班模型")]
            if engines.columnGeneration { parts.append(t("column generation", "列生成")) }
            parts.append(t("roster from \(engines.rosterFrom.rawValue)", "排班来自 \(engines.rosterFrom.rawValue)"))
            if let b = engines.boundFrom { parts.append(t("bound from \(b.rawValue)", "下界来自 \(b.rawValue)")) }
            out += "<p>\(Self.escape(parts.joined(separator: t("; ", "；"))))</p>\n"
        }
        if !s.stages.isEmpty {
            out += "<table><thead><tr><th>\(t("stage", "阶段"))</th><th>\(t("status", "状态"))</th><th>\(t("objective", "目标值"))</th><th>\(t("bound", "下界"))</th>"
                + (includeTimings ? "<th>\(t("seconds", "秒"))</th>" : "") + "</tr></thead><tbody>\n"
            for stage in s.stages {
                let objective = stage.objective.map(Self.number) ?? "–", bound = stage.bound.map(Self.number) ?? "–"
                var row = "<tr><td>" + Self.escape(stage.tier) + "</td><td>" + Self.escape(stage.status.description) + "</td>"
                row += "<td class=\"num\">" + objective + "</td><td class=\"num\">" + bound + "</td>"
                if includeTimings { row += "<td class=\"num\">" + String(format: "%.1f", stage.seconds) + "</td>" }
                out += row + "</tr>\n"
            }
            out += "</tbody></table>\n"
        }
        if let changesHTML { out += changesHTML }

        // Costs by rule, internal weights left out.
        let rules = roster.objective.byRule.filter { !Self.internalRules.contains($0.key) && abs($0.value) > 1e-9 }
        out += "<h2>\(t("Costs by rule", "各规则代价"))</h2>\n"
        if rules.isEmpty {
            out += "<p>\(t("Nothing costs anything.", "没有任何代价。"))</p>\n"
        } else {
            out += "<table><thead><tr><th>\(t("rule", "规则"))</th><th>\(L.penalty)</th></tr></thead><tbody>\n"
            for (rule, value) in rules.sorted(by: { $0.key < $1.key }) { out += "<tr><td>\(Self.escape(rule))</td><td class=\"num\">\(Self.number(value))</td></tr>\n" }
            out += "<tr><th>\(t("total", "合计"))</th><td class=\"num\">\(Self.number(rules.values.reduce(0, +)))</td></tr>\n</tbody></table>\n"
        }
        let scored = scoreAnalysis(analysis, leavingOut: Self.internalRules)
        if !scored.isEmpty {
            let names = self.names
            out += "<h2>\(L.scoreByVolunteer)</h2><table><thead><tr><th>\(L.volunteer)</th><th>\(L.penalty)</th><th>\(L.byRule)</th><th>\(L.costliest)</th></tr></thead><tbody>\n"
            for row in scored {
                out += "<tr><td>\(Self.escape(names[row.volunteer] ?? row.volunteer)) \(Self.escape(row.volunteer))</td><td class=\"num\">\(Self.number(row.total))</td><td>\(Self.escape(row.rules))</td><td>\(Self.escape(row.causes))</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        out += fairnessSection()
        var explanationByGap: [UnfilledDemand: UnfilledExplanation] = [:]
        for (u, e) in zip(roster.unfilled, analysis.explanations) { explanationByGap[u] = e }
        out += eventTable(explanationByGap)
        if !roster.unfilled.isEmpty {
            out += "<h2>\(L.unfilledAndWho)</h2>\n" + gapRows(analysis.explanations, detailed: true)
        }
        out += "</body></html>\n"
        return out
    }

    /// Hours against targets: the spread of the hours of those who work, and each
    /// volunteer with a target or hours, the furthest from their target first.
    func fairnessSection() -> String {
        let t = locale.pick, names = self.names
        let hours = Dictionary(roster.totals.map { ($0.volunteer, $0.hours) }, uniquingKeysWith: +)
        let worked = roster.totals.filter { $0.shifts + $0.events > 0 }.map(\.hours)
        var out = "<h2>\(t("Hours and fairness", "工时与公平"))</h2>\n"
        if let lo = worked.min(), let hi = worked.max() {
            let (n, few, most, spread) = (worked.count, Self.number(lo), Self.number(hi), Self.number(hi - lo))
            let en = "Hours of the \(n) who work: fewest \(few), most \(most), spread \(spread)"
            let zh = "\(n) 名上岗者的工时：最少 \(few)，最多 \(most)，相差 \(spread)"
            out += "<p>" + t(en, zh) + "</p>\n"
        }
        let rows = problem.volunteers.compactMap { v -> (id: String, hours: Double, target: Double?)? in
            let h = hours[v.id] ?? 0
            guard h > 0 || v.preferences.targetHours != nil else { return nil }
            return (v.id, h, v.preferences.targetHours)
        }.sorted { a, b in
            let da = a.target.map { abs(a.hours - $0) } ?? -1, db = b.target.map { abs(b.hours - $0) } ?? -1
            return (da, b.id) > (db, a.id)
        }
        guard !rows.isEmpty else { return out }
        out += "<table><thead><tr><th>\(labels.volunteer)</th><th>\(t("hours", "工时"))</th><th>\(t("target", "目标"))</th><th>\(t("difference", "差额"))</th></tr></thead><tbody>\n"
        for r in rows {
            let diff = r.target.map { Self.number(r.hours - $0) } ?? ""
            out += "<tr><td>\(Self.escape(names[r.id] ?? r.id)) \(Self.escape(r.id))</td><td class=\"num\">\(Self.number(r.hours))</td>"
                + "<td class=\"num\">\(r.target.map(Self.number) ?? "")</td><td class=\"num\">\(diff)</td></tr>\n"
        }
        return out + "</tbody></table>\n"
    }
}

extension RosterRenderer {
    /// Phones by volunteer id (volunteers without one left out).
    var phones: [String: String] {
        Dictionary(problem.volunteers.compactMap { v in v.contact.phone.flatMap { $0.isEmpty ? nil : (v.id, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    /// `calls.html`: the coordinator's call list, private. Day by day, who is on and when,
    /// with their phone, WeChat and note, to ring round in the morning or paste the day's
    /// list into a WeChat group. A4 portrait, a day never split across pages.
    func callList() -> String {
        let L = labels, t = locale.pick, shown = displayNames
        let contacts = Dictionary(problem.volunteers.map { ($0.id, $0.contact) }, uniquingKeysWith: { a, _ in a })
        var out = pageHead(title: problem.name + " · " + t("call list", "联系名单"), landscape: false)
        out += "<h1>\(Self.escape(problem.name)) · \(t("call list", "联系名单"))</h1>\n<p>\(Self.escape(headline()))</p>\n"
        out += "<p>\(t("Private: for the coordinator, not for the noticeboard.", "内部资料：仅供协调人使用，请勿张贴。"))</p>\n"
        let byDate = Dictionary(grouping: roster.assignments, by: \.date)
        for date in problem.horizon.dates {
            guard let day = byDate[date], !day.isEmpty else { continue }
            out += "<h2>\(date) \(L.weekday(date.weekday))</h2>\n<table style=\"page-break-inside:avoid\"><thead><tr><th>\(L.time)</th><th>\(L.what)</th>"
                + "<th>\(L.volunteer)</th><th>\(t("phone", "电话"))</th><th>\(t("WeChat", "微信"))</th><th>\(t("note", "备注"))</th></tr></thead><tbody>\n"
            for a in day.sorted(by: { ($0.interval.start, $0.line ?? "", $0.volunteer) < ($1.interval.start, $1.line ?? "", $1.volunteer) }) {
                let what: String
                switch a.target {
                case let .shift(template, _): what = a.line.map(display.line) ?? display.template(template)
                case let .event(e, skill): what = "\(eventNames[e] ?? e) – \(display.skill(skill))"
                }
                let c = contacts[a.volunteer] ?? VolunteerContact()
                out += "<tr><td class=\"who\">\(clock.clock(a.interval.start))–\(clock.clock(a.interval.end))</td><td>\(Self.escape(what))</td>"
                    + "<td class=\"who\">\(Self.escape(shown[a.volunteer] ?? a.volunteer))</td><td class=\"who\">\(Self.escape(c.phone ?? ""))</td>"
                    + "<td>\(Self.escape(c.wechat ?? ""))</td><td>\(Self.escape(c.note ?? ""))</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        return out + "</body></html>\n"
    }
}
