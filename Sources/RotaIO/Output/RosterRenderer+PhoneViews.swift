import Foundation
import Rota

/// The views a phone needs: one page per day ("who is on today", to send to a WeChat group
/// in the morning) and one page per line (a line's month, for its team leader), both
/// public like the noticeboard: names and times, no contact unless the scenario publishes
/// them (the coordinator's copy with phones is `calls.html`).
extension RosterRenderer {
    /// `days/<date>.html` for every date with something on or open, and
    /// `lines/<line>.html` for every line with someone on it or something missing.
    func phoneViews() -> [(String, String)] {
        let L = labels, t = locale.pick, shown = displayNames
        let phones = publishContacts ? self.phones : [:]
        func person(_ id: String) -> String {
            Self.escape(shown[id] ?? id) + (phones[id].map { " <span class=\"time\">\(Self.escape($0))</span>" } ?? "")
        }
        func time(_ i: MinuteInterval) -> String { "\(clock.clock(i.start))–\(clock.clock(i.end))" }
        let order = problem.lines
        let byDate = Dictionary(grouping: roster.assignments, by: \.date)
        let gapsByDate = Dictionary(grouping: roster.unfilled, by: \.date)
        var files: [(String, String)] = []

        // A page per day: each line's people by start time, the gaps, the events.
        for date in problem.horizon.dates where byDate[date] != nil || gapsByDate[date] != nil {
            let day = byDate[date] ?? []
            var page = pageHead(title: "\(problem.name) · \(date)", landscape: false)
            page += "<h1>\(t("Who is on", "今天谁值班")) · \(date) \(L.weekday(date.weekday))</h1>\n<p>\(Self.escape(problem.name))</p>\n"
            let lines = order.filter { l in day.contains { $0.line == l } || (gapsByDate[date] ?? []).contains { if case .slot(_, l?, _) = $0.kind { true } else { false } } }
            if !lines.isEmpty {
                page += "<table><thead><tr><th>\(t("line", "线路"))</th><th>\(L.time)</th><th>\(L.volunteer)</th></tr></thead><tbody>\n"
                for l in lines {
                    let on = day.filter { $0.line == l }.sorted { ($0.interval.start, $0.volunteer) < ($1.interval.start, $1.volunteer) }
                    let open = (gapsByDate[date] ?? []).filter { if case .slot(_, l?, _) = $0.kind { true } else { false } }
                    let rows = on.count + open.count
                    var first = true
                    func cellLine() -> String {
                        defer { first = false }
                        return first ? "<th rowspan=\"\(rows)\">\(Self.escape(display.line(l)))</th>" : ""
                    }
                    for a in on { page += "<tr>\(cellLine())<td class=\"who\">\(time(a.interval))</td><td class=\"who\">\(person(a.volunteer))</td></tr>\n" }
                    for g in open {
                        page += "<tr>\(cellLine())<td class=\"who\">\(time(g.interval))</td><td class=\"gap\"><span class=\"miss\">"
                            + (locale == .zhCN ? "缺\(g.missing)人" : "\(g.missing) missing") + "</span></td></tr>\n"
                    }
                }
                page += "</tbody></table>\n"
            }
            // Care stations and other shifts of no line.
            let stations = day.filter { $0.line == nil && { if case .shift = $0.target { true } else { false } }($0) }
            if !stations.isEmpty {
                page += "<h2>\(t("Stations", "站点值守"))</h2><table><tbody>\n"
                for a in stations.sorted(by: { ($0.interval.start, $0.volunteer) < ($1.interval.start, $1.volunteer) }) {
                    if case let .shift(template, _) = a.target {
                        let site = a.site.map { siteNames[$0] ?? $0 } ?? ""
                        page += "<tr><td>\(Self.escape(display.template(template)))</td><td>\(Self.escape(site))</td><td class=\"who\">\(time(a.interval))</td><td class=\"who\">\(person(a.volunteer))</td></tr>\n"
                    }
                }
                page += "</tbody></table>\n"
            }
            let events = problem.events.filter { $0.date == date }.sorted { ($0.window.start.minutes, $0.id) < ($1.window.start.minutes, $1.id) }
            if !events.isEmpty {
                page += "<h2>\(L.outreachEvents)</h2><table><tbody>\n"
                for e in events {
                    let team = day.filter { if case let .event(id, _) = $0.target { id == e.id } else { false } }
                    page += "<tr><td>\(Self.escape(e.name))</td><td>\(Self.escape(siteNames[e.site] ?? e.site))</td><td>"
                        + team.map { "\(person($0.volunteer)) (\(Self.escape(display.skill($0.skill ?? ""))))" }.joined(separator: "、") + "</td></tr>\n"
                }
                page += "</tbody></table>\n"
            }
            if let contact = coordinator.map(\.text), !contact.isEmpty { page += "<p>\(Self.escape(L.callTheCoordinator + contact))</p>\n" }
            page += "</body></html>\n"
            files.append(("days/\(date).html", page))
        }

        // A page per line: its month, one row per date.
        let used = Set(roster.assignments.compactMap(\.line) + roster.unfilled.compactMap { if case let .slot(_, line?, _) = $0.kind { line } else { nil } })
        for l in order where used.contains(l) {
            var page = pageHead(title: "\(problem.name) · \(display.line(l))", landscape: false)
            page += "<h1>\(Self.escape(display.line(l)))</h1>\n<p>\(Self.escape(problem.name)) · \(problem.horizon.start) – \(problem.horizon.date(problem.horizon.days - 1))</p>\n"
            page += "<table class=\"grid\"><thead><tr><th>\(L.date)</th><th>\(L.volunteer)</th></tr></thead><tbody>\n"
            for date in problem.horizon.dates {
                let on = (byDate[date] ?? []).filter { $0.line == l }.sorted { ($0.interval.start, $0.volunteer) < ($1.interval.start, $1.volunteer) }
                let open = (gapsByDate[date] ?? []).filter { if case .slot(_, l?, _) = $0.kind { true } else { false } }
                guard !on.isEmpty || !open.isEmpty else { continue }
                page += "<tr><th>\(date)<br>\(L.weekday(date.weekday))</th><td\(open.isEmpty ? "" : " class=\"gap\"")>"
                page += on.map { "<span class=\"time\">\(time($0.interval))</span> \(person($0.volunteer))" }.joined(separator: "<br>")
                for g in open {
                    page += "<span class=\"miss\">\(time(g.interval)): " + (locale == .zhCN ? "缺\(g.missing)人" : "\(g.missing) missing") + "</span>"
                }
                page += "</td></tr>\n"
            }
            page += "</tbody></table>\n</body></html>\n"
            files.append(("lines/\(Self.fileName(l)).html", page))
        }
        return files
    }

    /// The links from the noticeboard to the phone views: each day, each line.
    func phoneViewLinks(_ files: [(String, String)]) -> String {
        let t = locale.pick
        let days = files.map(\.0).filter { $0.hasPrefix("days/") }
        let lines = files.map(\.0).filter { $0.hasPrefix("lines/") }
        guard !days.isEmpty || !lines.isEmpty else { return "" }
        var out = "<p class=\"noprint\">\(t("By day", "按日")): "
        // `days/2026-03-02.html` is linked as `03-02`.
        out += days.map { path in
            let date = path.dropFirst("days/".count).dropLast(".html".count)
            return "<a href=\"\(path)\">\(date.dropFirst("2026-".count))</a>"
        }.joined(separator: " ")
        if !lines.isEmpty {
            out += "<br>\(t("By line", "按线路")): "
            out += problem.lines.filter { lines.contains("lines/\(Self.fileName($0)).html") }
                .map { "<a href=\"lines/\(Self.fileName($0)).html\">\(Self.escape(display.line($0)))</a>" }.joined(separator: " ")
        }
        return out + "</p>\n"
    }
}
