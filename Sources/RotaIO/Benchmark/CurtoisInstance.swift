import Foundation
import Rota

/// An instance of the Curtois & Qu employee shift-scheduling benchmark (the
/// `InstanceN.txt` files), and its mapping into the core `RosterProblem`.
///
/// The benchmark is solved by the same model, solver and checker coordinators use:
///
/// | benchmark | Rota |
/// |---|---|
/// | day 0 (a Monday) … H−1 | horizon from 2024-01-01 (a Monday), UTC |
/// | shift type, length | a shift template 08:00 + length, line `cover` |
/// | forbidden followers | `RuleSettings.forbiddenSequences` |
/// | one shift per day | `ContractLimits.maxShiftsPerDay` = 1 |
/// | MaxShifts per type (0: cannot work it) | `ContractLimits.maxShiftsPerTemplate` |
/// | Max/MinTotalMinutes | max/min hours per period (the minimum is hard: solved first) |
/// | Max/MinConsecutiveShifts, MinConsecutiveDaysOff | the run limits, edge runs exempt from minimums |
/// | MaxWeekends | `ContractLimits.maxWeekends` |
/// | fixed days off | dated unavailability |
/// | shift on/off requests | `ShiftRequest` with the weight |
/// | cover (req, under, over weight) | a `.shift` coverage requirement with min = max = req |
///
/// With `ObjectiveMode.hardThenWeighted` the roster's coverage + soft penalty is
/// exactly the benchmark's objective.
public struct CurtoisInstance: Sendable {
    public struct Shift: Sendable { public var id: String; public var minutes: Int; public var forbiddenFollowers: [String] }
    public struct Employee: Sendable {
        public var id: String
        public var maxShifts: [String: Int]
        public var maxMinutes: Int, minMinutes: Int
        public var maxConsecutive: Int, minConsecutive: Int, minConsecutiveOff: Int, maxWeekends: Int
    }
    public struct Request: Sendable { public var employee: String; public var day: Int; public var shift: String; public var weight: Double }
    public struct Cover: Sendable { public var day: Int; public var shift: String; public var requirement: Int; public var under: Double; public var over: Double }

    public var name: String
    public var days: Int
    public var shifts: [Shift]
    public var employees: [Employee]
    public var daysOff: [String: [Int]]
    public var onRequests: [Request]
    public var offRequests: [Request]
    public var cover: [Cover]

    /// The first date of every imported horizon: a Monday.
    public static let startDate = CalendarDate(year: 2024, month: 1, day: 1)

    /// Reads an instance file (CRLF or LF); every malformed line is reported.
    public static func read(path: String) throws(InputError) -> CurtoisInstance {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputError(issues: [InputIssue(location: SourceLocation(file: path), path: "", message: "cannot read the instance file")])
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(InputError) -> CurtoisInstance {
        var issues: [InputIssue] = []
        var instance = CurtoisInstance(name: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent, days: 0, shifts: [],
                                       employees: [], daysOff: [:], onRequests: [], offRequests: [], cover: [])
        var section = ""
        // Every day index read, with its line, checked against the horizon at the end.
        var dayLines: [(day: Int, line: Int)] = []
        let counts = 0...RosterProblem.Limits.count
        let totalMinutes = 0...Int(RosterProblem.Limits.hours) * 60
        let weights = 0...Int(RosterProblem.Limits.weight)
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (n, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: CharacterSet(charactersIn: "\r \t"))
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("SECTION_") { section = line; continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
            func fail(_ message: String) { issues.append(InputIssue(location: SourceLocation(file: file, line: n + 1), path: section, message: message)) }
            func int(_ i: Int) -> Int? {
                guard i < fields.count, let v = Int(fields[i].trimmingCharacters(in: .whitespaces)) else { fail("field \(i + 1) must be a whole number"); return nil }
                return v
            }
            /// A whole number in `range` (each kind's limit from ``RosterProblem/Limits``).
            func int(_ i: Int, in range: ClosedRange<Int>, _ what: String) -> Int? {
                guard let v = int(i) else { return nil }
                guard range.contains(v) else { fail("\(what) must be from \(range.lowerBound) to \(range.upperBound), not \(v)"); return nil }
                return v
            }
            // Days are checked against the horizon once it is known (its section comes first).
            func day(_ i: Int) -> Int? {
                guard let d = int(i) else { return nil }
                dayLines.append((d, n + 1))
                return d
            }
            switch section {
            case "SECTION_HORIZON":
                if let d = int(0, in: 1...RosterProblem.maximumHorizonDays, "the horizon's length in days") { instance.days = d }
            case "SECTION_SHIFTS":
                // A shift of a whole day or more cannot be a daily window.
                guard fields.count >= 2, let m = int(1, in: 1...1_439, "a shift's length in minutes") else { fail("expected ShiftID, minutes, followers"); continue }
                let followers = fields.count > 2 ? fields[2].split(separator: "|").map(String.init).filter { !$0.isEmpty } : []
                instance.shifts.append(Shift(id: fields[0], minutes: m, forbiddenFollowers: followers))
            case "SECTION_STAFF":
                guard fields.count >= 8 else { fail("expected 8 fields for an employee"); continue }
                var caps: [String: Int] = [:]
                for item in fields[1].split(separator: "|") {
                    let kv = item.split(separator: "=")
                    guard kv.count == 2, let v = Int(kv[1]) else { fail("MaxShifts must be ShiftID=limit items"); continue }
                    guard counts.contains(v) else { fail("MaxShifts of \(kv[0]) must be from 0 to \(counts.upperBound), not \(v)"); continue }
                    caps[String(kv[0])] = v
                }
                guard let a = int(2, in: totalMinutes, "MaxTotalMinutes"), let b = int(3, in: totalMinutes, "MinTotalMinutes"),
                      let c = int(4, in: counts, "MaxConsecutiveShifts"), let d = int(5, in: counts, "MinConsecutiveShifts"),
                      let e = int(6, in: counts, "MinConsecutiveDaysOff"), let f = int(7, in: counts, "MaxWeekends") else { continue }
                instance.employees.append(Employee(id: fields[0], maxShifts: caps, maxMinutes: a, minMinutes: b, maxConsecutive: c,
                                                   minConsecutive: d, minConsecutiveOff: e, maxWeekends: f))
            case "SECTION_DAYS_OFF":
                instance.daysOff[fields[0], default: []] += (1..<fields.count).compactMap { day($0) }
            case "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS":
                guard fields.count == 4, let d = day(1), let w = int(3, in: weights, "a request's weight") else { fail("expected EmployeeID, Day, ShiftID, Weight"); continue }
                let r = Request(employee: fields[0], day: d, shift: fields[2], weight: Double(w))
                if section == "SECTION_SHIFT_ON_REQUESTS" { instance.onRequests.append(r) } else { instance.offRequests.append(r) }
            case "SECTION_COVER":
                guard fields.count == 5, let d = day(0), let r = int(2, in: 0...RosterProblem.Limits.headCount, "a cover requirement"),
                      let u = int(3, in: weights, "a cover's weight under"), let o = int(4, in: weights, "a cover's weight over") else { fail("expected Day, ShiftID, Requirement, WeightUnder, WeightOver"); continue }
                instance.cover.append(Cover(day: d, shift: fields[1], requirement: r, under: Double(u), over: Double(o)))
            default:
                fail("data outside a known section")
            }
        }
        if instance.days <= 0 { issues.append(InputIssue(location: SourceLocation(file: file), path: "SECTION_HORIZON", message: "no horizon length")) }
        for (d, line) in dayLines where instance.days > 0 && !(0..<instance.days).contains(d) {
            issues.append(InputIssue(location: SourceLocation(file: file, line: line), path: "", message: "day \(d) is outside the horizon 0..<\(instance.days)"))
        }
        if !issues.isEmpty { throw InputError(issues: issues) }
        return instance
    }

    /// The instance as a core roster problem (see the table above).
    public var problem: RosterProblem {
        let start = Self.startDate
        let templates = shifts.map { s in
            ShiftTemplate(id: s.id, line: "cover", window: DailyWindow(start: TimeOfDay(hour: 8), end: TimeOfDay(minutes: (8 * 60 + s.minutes) % 1440)))
        }
        let volunteers = employees.map { e -> Volunteer in
            var limits = ContractLimits(
                minHoursPerPeriod: Double(e.minMinutes) / 60, maxHoursPerPeriod: Double(e.maxMinutes) / 60, maxShiftsPerDay: 1,
                maxConsecutiveDays: e.maxConsecutive, minConsecutiveDays: e.minConsecutive > 1 ? e.minConsecutive : nil,
                minConsecutiveDaysOff: e.minConsecutiveOff > 1 ? e.minConsecutiveOff : nil, maxWeekends: e.maxWeekends)
            for s in shifts where (e.maxShifts[s.id] ?? 0) < days { limits.maxShiftsPerTemplate[s.id] = e.maxShifts[s.id] ?? 0 }
            let off = (daysOff[e.id] ?? []).map { DatedException(date: start.adding(days: $0), available: false) }
            let requests = onRequests.filter { $0.employee == e.id }.map { ShiftRequest(date: start.adding(days: $0.day), template: $0.shift, wantsToWork: true, weight: $0.weight) }
                + offRequests.filter { $0.employee == e.id }.map { ShiftRequest(date: start.adding(days: $0.day), template: $0.shift, wantsToWork: false, weight: $0.weight) }
            return Volunteer(id: e.id, availability: Availability(exceptions: off), limits: limits, preferences: Preferences(requests: requests))
        }
        let coverage = cover.map { c in
            CoverageRequirement(id: "cover-\(c.day)-\(c.shift)", target: .shift(template: c.shift), days: DaySelector(dates: [start.adding(days: c.day)]),
                                minimum: c.requirement, maximum: c.requirement, underWeight: c.under, overWeight: c.over)
        }
        var rules = RuleSettings()
        rules.objective = .hardThenWeighted
        rules.forbiddenSequences = shifts.flatMap { s in s.forbiddenFollowers.map { ForbiddenSequence(first: s.id, second: $0) } }
        rules.weights.fairness = 0
        rules.weights.homeArea = 0
        rules.weights.hard = 100
        return RosterProblem(name: name, horizon: Horizon(start: start, days: days, timeZone: "UTC"), volunteers: volunteers,
                             templates: templates, coverage: coverage, rules: rules)
    }

    // MARK: Solutions

    /// `employee,day,shift`, one row per worked shift, `day` 0-based.
    public static func solutionCSV(_ assignments: [Assignment]) -> String {
        var rows = ["employee,day,shift"]
        for a in assignments.sorted(by: { ($0.volunteer, $0.date) < ($1.volunteer, $1.date) }) {
            guard case let .shift(t, date) = a.target else { continue }
            rows.append("\(a.volunteer),\(date.daysSinceEpoch - startDate.daysSinceEpoch),\(t)")
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// Reads a solution file into assignments of ``problem``; every bad row is reported.
    public func assignments(fromSolutionCSV text: String, file: String) throws(InputError) -> [Assignment] {
        let problem = self.problem
        let index = ProblemIndex(problem)
        var issues: [InputIssue] = []
        var result: [Assignment] = []
        for (n, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = raw.trimmingCharacters(in: CharacterSet(charactersIn: "\r \t\u{FEFF}"))
            if line.isEmpty || (n == 0 && line.hasPrefix("employee")) { continue }
            let f = line.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            func fail(_ m: String) { issues.append(InputIssue(location: SourceLocation(file: file, line: n + 1), path: "", message: m)) }
            guard f.count == 3, let day = Int(f[1]) else { fail("expected employee,day,shift"); continue }
            guard (0..<days).contains(day) else { fail("day \(day) is outside 0..<\(days)"); continue }
            guard let t = index.templateIndex[f[2]] else { fail("unknown shift '\(f[2])'"); continue }
            guard index.volunteerIndex[f[0]] != nil else { fail("unknown employee '\(f[0])'"); continue }
            let date = Self.startDate.adding(days: day)
            result.append(Assignment(volunteer: f[0], target: .shift(template: f[2], date: date), date: date,
                                     interval: index.interval(template: t, day: day), site: nil, line: "cover", skill: nil))
        }
        if !issues.isEmpty { throw InputError(issues: issues) }
        return result
    }
}
