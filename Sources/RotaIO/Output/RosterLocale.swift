import Foundation
import Rota

/// The language of the pages and calendars people read: `zh-CN` (the federation's) or
/// `en`. Machine files (`roster.json`, the CSV headers) keep their English keys.
public enum RosterLocale: String, Sendable, CaseIterable {
    case zhCN = "zh-CN"
    case en

    /// `zh-CN` for a scenario whose people or places have Chinese names, else `en`.
    public static func guess(for problem: RosterProblem) -> RosterLocale {
        let names = problem.volunteers.map(\.name) + problem.sites.map(\.name) + problem.events.map(\.name) + [problem.name]
        return names.contains { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } } ? .zhCN : .en
    }

    /// `en` on an English page, `zh` on a Chinese one: for the few sentences that are not
    /// single labels (counts and headings of `summary.md` and of a replan's changes).
    func pick(_ en: String, _ zh: String) -> String { self == .zhCN ? zh : en }

    /// Every label of the HTML pages and calendars, in this language.
    var labels: RosterLabels { self == .zhCN ? .chinese : .english }
}

/// What a scenario calls its lines, shift templates and skills on the pages people read
/// (`displayNames:` in the scenario); ids stay ids in the machine files.
public struct DisplayNames: Sendable, Hashable {
    public var lines: [String: String] = [:]
    public var templates: [String: String] = [:]
    public var skills: [String: String] = [:]

    public init(lines: [String: String] = [:], templates: [String: String] = [:], skills: [String: String] = [:]) {
        self.lines = lines
        self.templates = templates
        self.skills = skills
    }

    func line(_ id: String) -> String { lines[id] ?? id }
    func template(_ id: String) -> String { templates[id] ?? id }
    func skill(_ id: String) -> String { skills[id] ?? id }
}

/// The labels of one language. One table, so that no page mixes two.
struct RosterLabels: Sendable {
    var date, time, what, site, with, event, team, missing, volunteer, penalty, byRule, costliest: String
    var assignments, gaps, provenOptimal, notProvenOptimal, interrupted, hours, volunteers: String
    var outreachEvents, scoreByVolunteer, unfilledAndWho, whoCouldHaveCome, allVolunteers: String
    /// Labels that introduce a value carry their own separator ("With: ", "同班：").
    var callTheCoordinator, coordinator, cancelled, withLabel, morePeople, teamSize, eventPrefix: String
    var weekdays: [Weekday: String]
    var reasons: [UnfilledReason: String]
    var blocks: [BlockReason: String]
    var nobodyQualified, nobodyElseQualified, qualified, moreQualified, couldTakeIt, andMore: String

    func weekday(_ w: Weekday) -> String { weekdays[w] ?? w.rawValue }
    func reason(_ r: UnfilledReason) -> String { reasons[r] ?? r.rawValue }
    func block(_ b: BlockReason) -> String { blocks[b] ?? b.phrase }

    static let english = RosterLabels(
        date: "date", time: "time", what: "what", site: "where", with: "with", event: "event", team: "team", missing: "missing",
        volunteer: "volunteer", penalty: "penalty", byRule: "by rule", costliest: "costliest assignments",
        assignments: "assignments", gaps: "gaps", provenOptimal: "proven optimal", notProvenOptimal: "not proven optimal",
        interrupted: "interrupted", hours: "h", volunteers: "volunteers",
        outreachEvents: "Outreach events", scoreByVolunteer: "Score by volunteer", unfilledAndWho: "Unfilled, and who could have come",
        whoCouldHaveCome: "who could have come", allVolunteers: "all volunteers", callTheCoordinator: "Cannot come? Call the coordinator: ",
        coordinator: "Coordinator: ", cancelled: "Cancelled: ", withLabel: "With: ", morePeople: "more people", teamSize: "team size", eventPrefix: "event",
        weekdays: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, String($0.rawValue.prefix(3))) }),
        reasons: [.noShiftCovers: "no shift covers this time", .nobodyQualified: "nobody has the skill",
                  .qualifiedUnavailable: "the qualified are all unavailable then", .limits: "the qualified are held by hours, rest or other shifts"],
        blocks: [:],
        nobodyQualified: "nobody qualified", nobodyElseQualified: "nobody else qualified", qualified: "qualified", moreQualified: "more qualified",
        couldTakeIt: "could take it", andMore: "and %d more")

    static let chinese = RosterLabels(
        date: "日期", time: "时间", what: "内容", site: "地点", with: "同班", event: "活动", team: "团队", missing: "缺",
        volunteer: "志愿者", penalty: "扣分", byRule: "按规则", costliest: "扣分最多的安排",
        assignments: "个班次", gaps: "处缺岗", provenOptimal: "已证明最优", notProvenOptimal: "未证明最优",
        interrupted: "已中断", hours: "小时", volunteers: "名志愿者",
        outreachEvents: "外出服务活动", scoreByVolunteer: "各志愿者扣分", unfilledAndWho: "缺岗及可以补位的人",
        whoCouldHaveCome: "谁本可以来", allVolunteers: "全部志愿者", callTheCoordinator: "不能到岗？请联系协调人：",
        coordinator: "协调人：", cancelled: "已取消：", withLabel: "同班：", morePeople: "人", teamSize: "团队人数", eventPrefix: "活动",
        weekdays: [.monday: "周一", .tuesday: "周二", .wednesday: "周三", .thursday: "周四", .friday: "周五", .saturday: "周六", .sunday: "周日"],
        reasons: [.noShiftCovers: "没有班次覆盖这一时段", .nobodyQualified: "无人具备所需技能", .qualifiedUnavailable: "合格者此时都不可服务",
                  .limits: "合格者受限于工时、休息或其他安排"],
        blocks: [.onLeave: "请假", .notAvailableThen: "此时不可服务", .alreadyWorking: "此时已有安排", .dailyLimit: "已达每日上限",
                 .weeklyLimit: "已达每周上限", .periodLimit: "已达本月上限", .daysInARow: "连续上岗天数过多", .rest: "休息不足",
                 .weekendLimit: "已达周末上限", .shiftTypeLimit: "已达该班次上限", .minimumRun: "连续上岗天数过短", .forbidden: "协调人已排除",
                 .travel: "路程过远", .placesFull: "此时岗位已满", .roleFull: "该角色已满", .teamFull: "团队已满", .other: "其他规则"],
        nobodyQualified: "无人具备资格", nobodyElseQualified: "没有其他合格者", qualified: "名合格", moreQualified: "名其他合格者",
        couldTakeIt: "可以补位", andMore: "等%d人")
}
