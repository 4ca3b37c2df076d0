import Foundation
import Rota

/// The coordinator's contact, printed on every volunteer's page and in every calendar
/// entry, so that a volunteer who cannot come knows whom to call (`coordinator:` in the
/// scenario).
public struct CoordinatorContact: Sendable, Hashable {
    public var name: String?
    public var phone: String?
    public var email: String?

    public init(name: String? = nil, phone: String? = nil, email: String? = nil) {
        self.name = name
        self.phone = phone
        self.email = email
    }

    /// One line: the name, then the phone and e-mail.
    public var text: String { [name, phone, email].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ") }
}

extension RosterRenderer {
    /// Who works with `a` in `assignments`: the others on the same line that date (or at
    /// the same event) at overlapping times, sorted. What a calendar entry and a volunteer
    /// page name, and what a replan compares to tell whether an entry's text changed.
    /// O(assignments) to build, O(people on that line that day) per question.
    static func coworkers(in assignments: [Assignment]) -> (Assignment) -> [Assignment] {
        func key(_ a: Assignment) -> String {
            switch a.target {
            case let .shift(_, date): "line|\(a.line ?? "")|\(date)"
            case let .event(e, _): "event|\(e)"
            }
        }
        let together = Dictionary(grouping: assignments, by: key)
        return { a in (together[key(a)] ?? []).filter { $0.volunteer != a.volunteer && $0.interval.overlaps(a.interval) }.sorted() }
    }

    /// Who works with `a`, as "name (id) 08:00–15:00", for the calendars and the volunteer pages.
    func coworkerFinder() -> (Assignment) -> [String] {
        let names = self.names, clock = self.clock, phones = self.phones
        let coworkers = Self.coworkers(in: roster.assignments)
        return { a in
            coworkers(a).map { o in
                "\(names[o.volunteer] ?? o.volunteer) (\(o.volunteer)) \(clock.clock(o.interval.start))–\(clock.clock(o.interval.end))"
                    + (phones[o.volunteer].map { " ☎ \($0)" } ?? "")
            }
        }
    }

    /// One printable page per volunteer with something to do (`volunteers/<id>.html`: their
    /// assignments by date with the time, line or event, site and co-workers, and the
    /// coordinator's contact), and `volunteers/index.html` listing every volunteer, idle
    /// ones included, with their hours and a link. A page prints on one A4 sheet for a
    /// month of assignments; names never break inside a word.
    /// Co-workers named on a volunteer's page before the rest are folded away.
    static let coworkersShown = 5

    func volunteerPages() -> [(String, String)] {
        let shown = displayNames
        let coworkers = coworkerFinder()
        let grouped = Dictionary(grouping: roster.assignments, by: \.volunteer)
        let totals = Dictionary(roster.totals.map { ($0.volunteer, $0) }, uniquingKeysWith: { a, _ in a })
        let contact = coordinator.map { Self.escape($0.text) }
        let L = labels
        let style = """
            <style>
            body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;font-size:12px;margin:12px;color:#111}
            h1{font-size:17px;margin:0 0 4px} p{margin:2px 0 8px}
            table{border-collapse:collapse;width:100%} th,td{border:1px solid #999;padding:3px 5px;vertical-align:top;text-align:left}
            th{background:#eee} .nowrap{white-space:nowrap} .with{color:#444} .contact{margin-top:10px;font-weight:bold}
            tr{page-break-inside:avoid} @page{size:A4 portrait;margin:12mm} @media print{body{margin:0}}
            </style>
            """
        func head(_ title: String) -> String {
            """
            <!DOCTYPE html>
            <html lang="\(locale.rawValue)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escape(title))</title>
            \(style)</head><body>

            """
        }
        let period = "\(problem.horizon.start) – \(problem.horizon.date(problem.horizon.days - 1))"
        var files: [(String, String)] = []
        for id in grouped.keys.sorted() {
            let mine = grouped[id]!.sorted()
            let who = shown[id] ?? id
            var page = head("\(problem.name) – \(who)")
            page += "<h1>\(Self.escape(who))</h1>\n<p>\(Self.escape(problem.name)) · \(period) · \(mine.count) \(L.assignments) · \(Self.number(totals[id]?.hours ?? 0)) \(L.hours)</p>\n"
            page += "<table><thead><tr><th>\(L.date)</th><th>\(L.time)</th><th>\(L.what)</th><th>\(L.site)</th><th>\(L.with)</th></tr></thead><tbody>\n"
            for a in mine {
                let what: String
                switch a.target {
                case let .shift(template, _): what = "\(a.line.map(display.line) ?? display.template(template)) (\(display.template(template)))"
                case let .event(e, skill): what = "\(eventNames[e] ?? e) – \(display.skill(skill))"
                }
                let site = a.site.map { siteNames[$0] ?? $0 } ?? ""
                // A large team is folded: the first few named, the rest behind a tap.
                let all = coworkers(a).map(Self.escape)
                var with = all.prefix(Self.coworkersShown).joined(separator: "<br>")
                if all.count > Self.coworkersShown {
                    with += "<details><summary>" + locale.pick("\(all.count - Self.coworkersShown) more", "另有\(all.count - Self.coworkersShown)人")
                        + "</summary>" + all.dropFirst(Self.coworkersShown).joined(separator: "<br>") + "</details>"
                }
                page += "<tr><td class=\"nowrap\">\(a.date) \(L.weekday(a.date.weekday))</td>"
                page += "<td class=\"nowrap\">\(clock.clock(a.interval.start))–\(clock.clock(a.interval.end))</td>"
                page += "<td>\(Self.escape(what))</td><td>\(Self.escape(site))</td><td class=\"with\">\(with)</td></tr>\n"
            }
            page += "</tbody></table>\n"
            if let mine = problem.volunteers.first(where: { $0.id == id })?.contact, !mine.isEmpty {
                let parts = [mine.phone.map { locale.pick("phone ", "电话 ") + $0 }, mine.wechat.map { locale.pick("WeChat ", "微信 ") + $0 }].compactMap { $0 }
                if !parts.isEmpty {
                    page += "<p>\(locale.pick("Your contact on file: ", "您登记的联系方式："))\(Self.escape(parts.joined(separator: " · ")))"
                        + "\(locale.pick(" (tell the coordinator if it changes)", "（如有变动请告知协调人）"))</p>\n"
                }
            }
            if let contact, !contact.isEmpty { page += "<p class=\"contact\">\(L.callTheCoordinator)\(contact)</p>\n" }
            page += "<p><a href=\"index.html\">\(L.allVolunteers)</a></p>\n</body></html>\n"
            files.append(("volunteers/\(Self.fileName(id)).html", page))
        }
        var index = head("\(problem.name) – volunteers")
        index += "<h1>\(Self.escape(problem.name))</h1>\n<p>\(period) · \(problem.volunteers.count) \(L.volunteers)</p>\n"
        index += "<table><thead><tr><th>\(L.volunteer)</th><th>\(locale == .zhCN ? "班次" : "assignments")</th><th>\(locale == .zhCN ? "小时" : "hours")</th></tr></thead><tbody>\n"
        for v in problem.volunteers.sorted(by: { $0.id < $1.id }) {
            let n = grouped[v.id]?.count ?? 0
            let name = Self.escape(shown[v.id] ?? v.id)
            let cell = n > 0 ? "<a href=\"\(Self.fileName(v.id)).html\">\(name)</a>" : name
            index += "<tr><td class=\"nowrap\">\(cell)</td><td>\(n)</td><td>\(Self.number(totals[v.id]?.hours ?? 0))</td></tr>\n"
        }
        index += "</tbody></table>\n"
        if let contact, !contact.isEmpty { index += "<p class=\"contact\">\(L.coordinator)\(contact)</p>\n" }
        index += "</body></html>\n"
        files.append(("volunteers/index.html", index))
        return files
    }
}
