import Foundation
import Rota

/// An instance of the neutral county hotline family (`county-hotline-v1`, written outside
/// this project: `MODEL.md` beside the instances), and its exact mapping into a
/// `RosterProblem`.
///
/// | family | Rota |
/// |---|---|
/// | lines × shift templates (whole hours) | one template per pair, id `line@template`, the line's skill (none for `general`) |
/// | `coverage_min`/`coverage_max` per line, day and hour | one `.slots` requirement per line, day and run of hours with equal bounds; `underWeight` the shortfall weight; the maximum **hard** (`CoverageRequirement.hardMaximum`) |
/// | availability `[weekday, day-part]` | weekly windows per day-part (touching windows merge, so a shift needs every part it overlaps) |
/// | unavailable dates | dated unavailability |
/// | undesired / desired dates | date requests not to work / to work, with their weights |
/// | `max_hours_per_week` | `ContractLimits.maxHoursPerWeek` (calendar weeks; the horizon starts on a Monday) |
/// | `max_assignments_per_day`, `max_consecutive_days` | `ContractLimits.maxShiftsPerDay`, `ContractLimits.maxConsecutiveDays` |
/// | `target_hours_per_4_weeks` | target hours × D / 28, fairness by total deviation, 1 per hour |
/// | an event and its team | one event, its team's roles capped (`OutreachEvent.capsRoles`), no team-size minimum, the missing-member weight |
/// | townships, `travel_hours` | flat sites, a travel matrix in minutes; each volunteer's home township |
///
/// With `ObjectiveMode.weighted` the roster's objective equals the family's
/// reference scorer's on every roster that keeps the hard rules. One difference remains:
/// the family keeps an event's attendee busy for the travel from home before and after the
/// event, which Rota does not model; with one assignment a day (every generated instance)
/// it cannot change a roster, and ``read(path:)`` refuses instances with more.
public struct CountyInstance: Sendable {
    public var name: String
    public var problem: RosterProblem
    /// Rota template id → the family's line id.
    public var lineOfTemplate: [String: String]

    struct File: Decodable {
        struct Line: Decodable { var id: String; var skill: String? }
        struct Template: Decodable { var id: String; var start: Double; var end: Double }
        struct Part: Decodable { var id: String; var start: Double; var end: Double }
        struct Person: Decodable {
            var id: String
            var group: String?
            var skills: [String]
            var home: String
            var availability: [[Availability]]
            var unavailable_dates: [String]
            var undesired_dates: [String]
            var desired_dates: [String]
            var max_hours_per_week: Double
            var target_hours_per_4_weeks: Double
            var max_assignments_per_day: Int
            var max_consecutive_days: Int
        }
        enum Availability: Decodable {
            case weekday(Int), part(String)
            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let n = try? c.decode(Int.self) { self = .weekday(n) } else { self = .part(try c.decode(String.self)) }
            }
        }
        struct Event: Decodable { var id: String; var date: String; var township: String; var start: Double; var end: Double; var team: [String: Int] }
        struct Weights: Decodable {
            var coverage_shortfall_per_person_hour: Double
            var event_missing_member: Double
            var undesired_date_worked: Double
            var desired_date_not_worked: Double
            var fairness_per_hour: Double
        }
        var family: String?
        var size: String?
        var seed: Int?
        var num_days: Int
        var dates: [String]
        var slot_hours: [Int]
        var lines: [Line]
        var coverage_min: [String: [[Int]]]
        var coverage_max: [String: [[Int]]]
        var shift_templates: [Template]
        var day_parts: [Part]
        var townships: [String]
        var travel_hours: [[Double]]
        var volunteers: [Person]
        var events: [Event]
        var weights: Weights
    }

    /// Reads and maps an instance file. Every problem found is reported at once.
    public static func read(path: String) throws(InputError) -> CountyInstance {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(issues: [InputIssue(location: SourceLocation(file: path), path: "", message: "cannot read the instance file")])
        }
        return try parse(data, file: path)
    }

    /// Maps the JSON text of an instance; `file` names it in messages.
    public static func parse(_ data: Data, file: String) throws(InputError) -> CountyInstance {
        let f: File
        do {
            f = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw InputError(issues: [PathLocator.decodingIssue(error, in: data, file: file, what: "a county instance")])
        }
        var issues: [InputIssue] = []
        let locator = PathLocator(text: String(decoding: data, as: UTF8.self), file: file)
        func fail(_ path: String, _ message: String) { issues.append(InputIssue(location: locator.location(of: path), path: path, message: message)) }
        let D = f.num_days
        // The horizon is checked before anything is sized from it (a num_days of 10⁸ must
        // not allocate per day on its way to being refused).
        guard D >= 1, D <= RosterProblem.maximumHorizonDays, f.dates.count == D else {
            fail("num_days", "must match the dates, between 1 and \(RosterProblem.maximumHorizonDays)")
            throw InputError(issues: issues)
        }
        guard let start = f.dates.first.flatMap(CalendarDate.init) else {
            fail("dates", "the first date is not an ISO date")
            throw InputError(issues: issues)
        }
        func whole(_ hours: Double, _ path: String) -> Int? {
            guard hours.isFinite, hours >= 0, hours <= 48, (hours * 60).rounded() == hours * 60 else { fail(path, "\(hours) is not a time of day in whole minutes"); return nil }
            return Int((hours * 60).rounded())
        }
        func date(_ text: String, _ path: String) -> CalendarDate? {
            guard let d = CalendarDate(text) else { fail(path, "'\(text)' is not an ISO date"); return nil }
            return d
        }
        let horizon = Horizon(start: start, days: max(D, 1), timeZone: "Asia/Shanghai")
        let w = f.weights
        for (name, value) in [("coverage_shortfall_per_person_hour", w.coverage_shortfall_per_person_hour), ("event_missing_member", w.event_missing_member),
                              ("undesired_date_worked", w.undesired_date_worked), ("desired_date_not_worked", w.desired_date_not_worked),
                              ("fairness_per_hour", w.fairness_per_hour)] where !(value.isFinite && value >= 0 && value <= RosterProblem.Limits.weight) {
            fail("weights.\(name)", "must be between 0 and \(Int(RosterProblem.Limits.weight)), not \(value)")
        }

        // Templates: line × shift template.
        var templates: [ShiftTemplate] = []
        var lineOfTemplate: [String: String] = [:]
        var windows: [(id: String, window: DailyWindow)] = []
        for (k, t) in f.shift_templates.enumerated() {
            guard let a = whole(t.start, "shift_templates[\(k)].start"), let b = whole(t.end, "shift_templates[\(k)].end"), a < b else { continue }
            windows.append((t.id, DailyWindow(start: TimeOfDay(minutes: a), end: TimeOfDay(minutes: b))))
        }
        for line in f.lines {
            for (tid, window) in windows {
                let id = "\(line.id)@\(tid)"
                templates.append(ShiftTemplate(id: id, line: line.id, window: window, requiredSkill: line.skill))
                lineOfTemplate[id] = line.id
            }
        }

        // Coverage: per line and day, runs of hours with equal bounds.
        var coverage: [CoverageRequirement] = []
        // Hours of the day, checked before any arithmetic on them (an hour of 2⁶³−1 must be
        // refused, not overflow `hour + 1`).
        let hours = f.slot_hours
        for (k, h) in hours.enumerated() where !(0...23).contains(h) { fail("slot_hours[\(k)]", "must be an hour of the day, 0 to 23, not \(h)") }
        let hoursAreHours = hours.allSatisfy { (0...23).contains($0) }
        for line in f.lines where hoursAreHours {
            guard let low = f.coverage_min[line.id], let high = f.coverage_max[line.id], low.count == D, high.count == D else {
                fail("coverage_min.\(line.id)", "needs one row of \(hours.count) slots per day")
                continue
            }
            for d in 0..<D {
                guard low[d].count == hours.count, high[d].count == hours.count else { fail("coverage_min.\(line.id)[\(d)]", "needs \(hours.count) slots"); continue }
                var k = 0
                while k < hours.count {
                    var j = k
                    while j + 1 < hours.count, hours[j + 1] == hours[j] + 1, low[d][j + 1] == low[d][k], high[d][j + 1] == high[d][k] { j += 1 }
                    let (mn, mx) = (low[d][k], high[d][k])
                    if mn < 0 || mx < mn || mx > RosterProblem.Limits.headCount || hours[k] < 0 || hours[j] > 23 {
                        fail("coverage_min.\(line.id)[\(d)][\(k)]", "bounds \(mn)…\(mx) at hour \(hours[k]) are not a head-count range")
                    } else {
                        let window = DailyWindow(start: TimeOfDay(hour: hours[k]), end: TimeOfDay(minutes: (hours[j] + 1) * 60))
                        coverage.append(CoverageRequirement(
                            id: "\(line.id)-d\(d)-\(hours[k])", target: .slots(line: line.id, skill: nil, window: window, slotMinutes: 60),
                            days: DaySelector(dates: [horizon.date(d)]), minimum: mn, maximum: mx,
                            underWeight: w.coverage_shortfall_per_person_hour, overWeight: 0, hardMaximum: true))
                    }
                    k = j + 1
                }
            }
        }

        // Townships and travel.
        let sites = f.townships.map { Site(id: $0, level: "township") }
        var matrix: [String: [String: Int]] = [:]
        for i in f.townships.indices {
            for j in f.townships.indices where i < j {
                let t = i < f.travel_hours.count && j < f.travel_hours[i].count ? f.travel_hours[i][j] : .nan
                guard t.isFinite, t >= 0, t <= 24 else { fail("travel_hours[\(i)][\(j)]", "must be between 0 and 24 hours"); continue }
                matrix[f.townships[i], default: [:]][f.townships[j]] = Int((t * 60).rounded())
            }
        }

        // Volunteers.
        let parts = Dictionary(f.day_parts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday]
        var volunteers: [Volunteer] = []
        for (k, p) in f.volunteers.enumerated() {
            let path = "volunteers[\(k)]"
            if p.max_assignments_per_day != 1 {
                fail("\(path).max_assignments_per_day", "only 1 is supported (travel around events is not modelled for more)")
            }
            guard p.max_hours_per_week.isFinite, p.max_hours_per_week >= 0, p.max_hours_per_week <= 168,
                  p.target_hours_per_4_weeks.isFinite, p.target_hours_per_4_weeks >= 0, p.target_hours_per_4_weeks <= 672,
                  p.max_consecutive_days >= 0, p.max_consecutive_days <= 10_000 else {
                fail(path, "hours or days out of range")
                continue
            }
            var byPart: [String: Set<Weekday>] = [:]
            for (n, pair) in p.availability.enumerated() {
                guard pair.count == 2, case let .weekday(wd) = pair[0], case let .part(part) = pair[1], (0..<7).contains(wd), parts[part] != nil else {
                    fail("\(path).availability[\(n)]", "must be [weekday 0–6, day-part id]")
                    continue
                }
                byPart[part, default: []].insert(weekdays[wd])
            }
            var weekly: [WeeklyWindow] = []
            for part in f.day_parts {
                guard let days = byPart[part.id], let a = whole(part.start, "day_parts.\(part.id)"), let b = whole(part.end, "day_parts.\(part.id)") else { continue }
                weekly.append(WeeklyWindow(days: days, window: DailyWindow(start: TimeOfDay(minutes: a), end: TimeOfDay(minutes: b))))
            }
            var exceptions = p.unavailable_dates.enumerated().compactMap { n, text in
                date(text, "\(path).unavailable_dates[\(n)]").map { DatedException(date: $0, available: false) }
            }
            // No weekly window reads as "always available" in Rota: close every date instead.
            if weekly.isEmpty { exceptions = horizon.dates.map { DatedException(date: $0, available: false) } }
            var requests = p.undesired_dates.enumerated().compactMap { n, text in
                date(text, "\(path).undesired_dates[\(n)]").map { ShiftRequest(date: $0, wantsToWork: false, weight: w.undesired_date_worked) }
            }
            requests += p.desired_dates.enumerated().compactMap { n, text in
                date(text, "\(path).desired_dates[\(n)]").map { ShiftRequest(date: $0, wantsToWork: true, weight: w.desired_date_not_worked) }
            }
            volunteers.append(Volunteer(
                id: p.id, skills: Dictionary(p.skills.map { ($0, 1) }, uniquingKeysWith: { a, _ in a }), groups: p.group.map { [$0] } ?? [],
                homeSite: p.home, availability: Availability(weekly: weekly, exceptions: exceptions),
                limits: ContractLimits(maxHoursPerWeek: p.max_hours_per_week, maxShiftsPerDay: p.max_assignments_per_day,
                                       maxConsecutiveDays: p.max_consecutive_days),
                preferences: Preferences(requests: requests, targetHours: p.target_hours_per_4_weeks * Double(D) / 28)))
        }

        // Events: the team's roles capped, a missing member at its weight.
        var events: [OutreachEvent] = []
        for (k, e) in f.events.enumerated() {
            guard let day = date(e.date, "events[\(k)].date"), let a = whole(e.start, "events[\(k)].start"), let b = whole(e.end, "events[\(k)].end"), a < b else { continue }
            guard e.team.values.allSatisfy({ (0...10_000).contains($0) }) else { fail("events[\(k)].team", "role counts must be between 0 and 10 000"); continue }
            events.append(OutreachEvent(id: e.id, site: e.township, date: day, window: DailyWindow(start: TimeOfDay(minutes: a), end: TimeOfDay(minutes: b)),
                                        team: e.team, minTeamSize: 0, capsRoles: true))
        }
        if !issues.isEmpty { throw InputError(issues: issues) }

        var rules = RuleSettings(objective: .weighted, fairness: .totalDeviation)
        rules.weights.coverage = 1
        rules.weights.events = w.event_missing_member
        rules.weights.requests = 1
        rules.weights.fairness = w.fairness_per_hour
        rules.weights.homeArea = 0
        rules.weights.continuity = 0
        rules.weights.avoidedSites = 0
        rules.weights.undesiredTimes = 0
        rules.weights.preferredSites = 0
        rules.weights.preferredTimes = 0
        var skills: [String] = []
        for s in f.lines.compactMap(\.skill) + f.volunteers.flatMap(\.skills) + f.events.flatMap({ $0.team.keys.sorted() }) where !skills.contains(s) {
            skills.append(s)
        }
        let name = "county \(f.family ?? "") \(f.size ?? "")-\(f.seed.map(String.init) ?? "")"
        let problem = RosterProblem(
            name: name, horizon: horizon, sites: sites, travel: TravelTimes(matrix: matrix, minutesPerHop: 0), skills: skills,
            volunteers: volunteers, templates: templates, coverage: coverage, events: events, rules: rules)
        return CountyInstance(name: name, problem: problem, lineOfTemplate: lineOfTemplate)
    }

    /// A roster in the family's CSV (`volunteer,date,kind,id,start,end`), which its
    /// reference scorer reads: a shift names its line, an event its id; times are the
    /// wall-clock hours of the day the assignment starts on.
    public func rosterCSV(_ assignments: [Assignment]) -> String {
        var out = "volunteer,date,kind,id,start,end\n"
        func clock(_ m: Int) -> String { String(format: "%02d:%02d", m / 60, m % 60) }
        for a in assignments.sorted() {
            let day = problem.horizon.index(of: a.date) ?? 0
            let start = a.interval.start - day * 1440, end = a.interval.end - day * 1440
            let kind: String, id: String
            switch a.target {
            case let .shift(template, _):
                kind = "shift"
                id = lineOfTemplate[template] ?? template
            case let .event(event, _):
                kind = "event"
                id = event
            }
            out += "\(a.volunteer),\(a.date),\(kind),\(id),\(clock(start)),\(clock(end))\n"
        }
        return out
    }
}
