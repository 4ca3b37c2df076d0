import Foundation
import Rota
import SwiftCSV

/// Reads volunteers from a spreadsheet export: CSV in UTF-8 (a byte-order mark tolerated),
/// GB18030 or UTF-16 (tab-separated, as Excel's "Unicode text"), headers in English or
/// Chinese, availability in English or Chinese (`周一至周五 08:00-12:00`, `周末`, `工作日`).
///
/// | column | 中文 | example |
/// |---|---|---|
/// | `id` | 编号 | `v001` |
/// | `name` | 姓名 | `王芳` |
/// | `skills` | 技能 | `legal:2; rights` |
/// | `groups` | 分组 | `rights-legal` |
/// | `tags` | 标签 | `driver; dialect` |
/// | `home_site` | 所属站点 | `township-3` |
/// | `availability` | 可服务时间 | `mon-fri 08:00-22:00; sat 15:00-22:00` (empty: any time) |
/// | `unavailable` | 不可服务日期 | `2026-03-05; 2026-03-10` |
/// | `off_dates` | 希望休息日期 | `2026-03-08` |
/// | `target_hours` | 目标小时 | `28` |
/// | `max_hours_per_week` … | 每周最多小时 … | see `docs/scenario-format.md` |
/// | `phone` | 电话 / 手机 | `138 0013 8000` (private: see ``VolunteerContact``) |
/// | `wechat` | 微信 | `wangfang_88` |
/// | `note` | 备注 | `只接短信` |
///
/// Lists inside a cell are separated by `;`, `；`, `、` or `|`.
enum VolunteerCSV {
    /// The columns of the blank sheet (``VolunteerSheetTemplate``): the ones a coordinator
    /// collects from every volunteer, with their Chinese headers.
    static let templateColumns = ["编号", "姓名", "技能", "分组", "所属站点", "可服务时间", "不可服务日期", "每周最多小时", "每天最多班次", "最多连续天数", "目标小时",
                                  "电话", "微信", "备注"]
    static let templateExample = ["v001", "王芳", "legal:2; rights", "rights-legal", "township-1", "周一至周五 08:00-12:00; 周末 09:00-17:00",
                                  "2026-03-08", "21", "1", "3", "28", "138 0013 8000", "wangfang_88", "只接短信"]

    /// Canonical column → accepted headers (lower-cased).
    static let columns: [(key: String, aliases: [String])] = [
        ("id", ["id", "编号", "志愿者编号", "工号"]),
        ("name", ["name", "姓名", "名字"]),
        ("skills", ["skills", "技能", "专长"]),
        ("groups", ["groups", "分组", "队伍", "group"]),
        ("tags", ["tags", "标签"]),
        ("home_site", ["home_site", "homesite", "所属站点", "站点", "住址"]),
        ("availability", ["availability", "可服务时间", "可用时间"]),
        ("unavailable", ["unavailable", "不可服务日期", "请假日期"]),
        ("off_dates", ["off_dates", "希望休息日期"]),
        ("work_dates", ["work_dates", "希望值班日期"]),
        ("target_hours", ["target_hours", "目标小时", "目标时长"]),
        ("min_hours_per_day", ["min_hours_per_day", "每天最少小时"]),
        ("max_hours_per_day", ["max_hours_per_day", "每天最多小时"]),
        ("min_hours_per_week", ["min_hours_per_week", "每周最少小时"]),
        ("max_hours_per_week", ["max_hours_per_week", "每周最多小时"]),
        ("min_hours_per_period", ["min_hours_per_period", "本期最少小时"]),
        ("max_hours_per_period", ["max_hours_per_period", "本期最多小时"]),
        ("max_shifts_per_day", ["max_shifts_per_day", "每天最多班次"]),
        ("max_consecutive_days", ["max_consecutive_days", "最多连续天数"]),
        ("min_consecutive_days", ["min_consecutive_days", "最少连续天数"]),
        ("min_consecutive_days_off", ["min_consecutive_days_off", "最少连续休息天数"]),
        ("max_weekends", ["max_weekends", "最多周末数"]),
        ("min_rest_minutes", ["min_rest_minutes", "最短休息分钟"]),
        ("max_travel_minutes", ["max_travel_minutes", "最远路程分钟"]),
        ("avoided_sites", ["avoided_sites", "不去站点"]),
        ("preferred_sites", ["preferred_sites", "希望站点"]),
        ("phone", ["phone", "电话", "手机", "手机号", "联系电话"]),
        ("wechat", ["wechat", "微信", "微信号"]),
        ("note", ["note", "notes", "备注"]),
    ]

    /// `maxHoursPerWeek` → `max_hours_per_week`.
    static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { out, ch in
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
    }

    /// One item of an availability cell: days, then a time range. `mon-fri 08:00-22:00`,
    /// `tue,thu 15:00-22:00`, `周二、周四 08:00-22:00`, `周一至周五 8:00～12:00`, `周末 09:00-17:00`.
    static func availabilityItem(_ item: String) -> WeeklyWindow? {
        let text = item.replacingOccurrences(of: "：", with: ":")
        // The time range at the end: two times joined by a dash, a tilde, 至 or 到.
        guard let range = text.range(of: #"(\d{1,2}:\d{2})\s*[-–—~～至到]\s*(\d{1,2}:\d{2})\s*$"#, options: .regularExpression) else { return nil }
        let times = text[range].split(whereSeparator: { "-–—~～至到 ".contains($0) }).map { String($0).count == 4 ? "0" + $0 : String($0) }
        guard times.count == 2, let a = TimeOfDay(times[0]), let b = TimeOfDay(times[1]) else { return nil }
        let dayText = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        let days = dayText.split(whereSeparator: { ",，、".contains($0) }).map { NodeReader.weekdayRange($0.trimmingCharacters(in: .whitespaces)) }
        guard !days.isEmpty, !days.contains(where: { $0 == nil }) else { return nil }
        return WeeklyWindow(days: Set(days.flatMap { $0! }), window: DailyWindow(start: a, end: b))
    }

    static func split(_ cell: String) -> [String] {
        cell.split(whereSeparator: { ";；、|".contains($0) }).map { $0.trimmed }.filter { !$0.isEmpty }
    }

    static func read(path: String, displayName: String, startIndex: Int, reader: inout NodeReader) -> [Volunteer] {
        func fail(_ line: Int?, _ column: Int?, _ path: String, _ message: String, _ suggestion: String? = nil) {
            reader.issues.append(InputIssue(location: SourceLocation(file: displayName, line: line, column: column), path: path, message: message, suggestion: suggestion))
        }
        guard let table = SheetTable.read(path: path, display: displayName, key: "volunteersFile", subject: "the volunteers file", reader: &reader) else { return [] }
        // Map headers to canonical keys.
        var columnOf: [String: Int] = [:]
        for (c, raw) in table.header.enumerated() {
            let h = raw.trimmed.lowercased()
            if let match = columns.first(where: { $0.aliases.contains(h) }) {
                if columnOf[match.key] != nil { fail(1, c + 1, "volunteersFile", "column '\(raw)' appears twice") }
                columnOf[match.key] = c
            } else {
                fail(1, c + 1, "volunteersFile", "unknown column '\(raw)'", Suggestions.closest(to: h, among: columns.flatMap(\.aliases)))
            }
        }
        if columnOf["id"] == nil { fail(1, nil, "volunteersFile", "the volunteers file needs an 'id' (编号) column") ; return [] }

        var result: [Volunteer] = []
        for (line, row) in table.rows {
            let index = startIndex + result.count
            let p = "volunteers[\(index)]"
            if row.allSatisfy({ $0.trimmed.isEmpty }) { continue }
            // Short rows are normal in spreadsheet exports (trailing empty cells are left
            // out), so only a row with more filled fields than the header is an error.
            let used = (row.lastIndex { !$0.trimmed.isEmpty } ?? -1) + 1
            if used > table.header.count {
                fail(line, table.header.count + 1, p, "row has \(used) fields but the header has \(table.header.count)")
                continue
            }
            func cell(_ key: String) -> (String, Int)? {
                guard let c = columnOf[key] else { return nil }
                guard c < row.count else { return nil }
                let v = row[c].trimmed
                return v.isEmpty ? nil : (v, c + 1)
            }
            func mark(_ key: String, _ sub: String) {
                if let c = columnOf[key] { reader.marks["\(p).\(sub)"] = SourceLocation(file: displayName, line: line, column: c + 1) }
            }
            reader.marks[p] = SourceLocation(file: displayName, line: line, column: 1)
            mark("id", "id"); mark("home_site", "homeSite"); mark("skills", "skills"); mark("avoided_sites", "preferences.avoidedSites")
            func number(_ key: String, _ sub: String) -> Double? {
                guard let (v, c) = cell(key) else { return nil }
                mark(key, sub)
                guard let d = Double(v), d.isFinite else { fail(line, c, "\(p).\(sub)", "expected a number, found '\(v)'"); return nil }
                return d
            }
            func whole(_ key: String, _ sub: String) -> Int? {
                guard let (v, c) = cell(key) else { return nil }
                mark(key, sub)
                guard let n = Int(v) else { fail(line, c, "\(p).\(sub)", "expected a whole number, found '\(v)'"); return nil }
                return n
            }
            func dates(_ key: String, _ sub: String) -> [CalendarDate] {
                guard let (v, c) = cell(key) else { return [] }
                mark(key, sub)
                return split(v).compactMap { s in
                    guard let d = CalendarDate(s) else { fail(line, c, "\(p).\(sub)", "expected dates as YYYY-MM-DD, found '\(s)'"); return nil }
                    return d
                }
            }
            guard let (id, _) = cell("id") else { fail(line, (columnOf["id"] ?? 0) + 1, "\(p).id", "the id is empty"); continue }
            var skills: [String: Int] = [:]
            if let (v, c) = cell("skills") {
                for item in split(v) {
                    let parts = item.split(separator: ":").map { $0.trimmed }
                    if parts.count == 2, let level = Int(parts[1]) {
                        skills[parts[0]] = level
                    } else if parts.count == 1 {
                        skills[parts[0]] = 1
                    } else {
                        fail(line, c, "\(p).skills", "expected 'skill' or 'skill:level', found '\(item)'")
                    }
                }
            }
            var availability = Availability()
            if let (v, c) = cell("availability") {
                mark("availability", "availability")
                for item in v.split(whereSeparator: { ";；|\n".contains($0) }).map({ $0.trimmed }).filter({ !$0.isEmpty }) {
                    guard let window = Self.availabilityItem(item) else {
                        fail(line, c, "\(p).availability", "expected availability like 'mon-fri 08:00-22:00' or '周一至周五 08:00-22:00', found '\(item)'")
                        continue
                    }
                    availability.weekly.append(window)
                }
            }
            availability.exceptions = dates("unavailable", "availability.exceptions").map { DatedException(date: $0, available: false) }
            var limits = ContractLimits()
            for (name, keyPath) in ContractLimits.hourFields { limits[keyPath: keyPath] = number(snakeCase(name), "limits.\(name)") }
            for (name, keyPath) in ContractLimits.countFields { limits[keyPath: keyPath] = whole(snakeCase(name), "limits.\(name)") }
            var prefs = Preferences()
            prefs.targetHours = number("target_hours", "preferences.targetHours")
            prefs.avoidedSites = cell("avoided_sites").map { split($0.0) } ?? []
            prefs.preferredSites = cell("preferred_sites").map { split($0.0) } ?? []
            mark("preferred_sites", "preferences.preferredSites")
            prefs.requests = dates("off_dates", "preferences.requests").map { ShiftRequest(date: $0, wantsToWork: false, weight: 1) }
                + dates("work_dates", "preferences.requests").map { ShiftRequest(date: $0, wantsToWork: true, weight: 1) }
            var volunteer = Volunteer(
                id: id, name: cell("name")?.0, skills: skills, groups: cell("groups").map { split($0.0) } ?? [],
                tags: cell("tags").map { split($0.0) } ?? [], homeSite: cell("home_site")?.0, availability: availability,
                limits: limits, preferences: prefs)
            func contactField(_ key: String, _ problem: (String) -> String?) -> String? {
                guard let (value, c) = cell(key) else { return nil }
                if let message = problem(value) { fail(line, c, "\(p).\(key)", message); return nil }
                return value
            }
            volunteer.contact = VolunteerContact(phone: contactField("phone", ContactFields.phoneProblem),
                                                 wechat: contactField("wechat", ContactFields.wechatProblem), note: contactField("note", ContactFields.noteProblem))
            result.append(volunteer)
        }
        return result
    }
}

/// A blank volunteer sheet to collect availability: the Chinese headers and one example
/// row, UTF-8 with a byte-order mark so that Excel and WPS open it as it is. `rota
/// template volunteers` writes it; the sheet reads back as a scenario's `volunteersFile`.
public enum VolunteerSheetTemplate {
    public static func csv() -> String {
        let rows = [VolunteerCSV.templateColumns, VolunteerCSV.templateExample]
        return "\u{FEFF}" + rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
