import Crypto
import Foundation
import Rota

/// One report for a province from its tasks' rosters: per county the state, proven gap,
/// unfilled hours by line, events short and volunteers used; totals per city and for the
/// province; and the one `sbatch --array=…` command that reruns exactly the tasks that
/// failed, ran out of time, are missing or are stale. Written by `rota batch merge`.
public struct ProvinceReport: Codable, Sendable, Equatable, StableJSONDocument {
    /// The version of `province.json`.
    public static let formatVersion = 1

    /// What became of a task.
    public enum State: String, Codable, Sendable, CaseIterable {
        /// The solve ended by itself and its roster carries this plan's stamp.
        case solved
        /// Stopped by a signal (the batch engine's time limit, a cancel): the best roster
        /// found was written, and is reported, but the task should run again.
        case outOfTime = "out-of-time"
        /// The solve exited with an error (bad input, output not written, a crash).
        case failed
        /// No roster and no exit status: never ran, or still running.
        case missing
        /// A roster is there, but from another plan (another manifest or other input files).
        case stale

        /// Whether the task belongs in the rerun command.
        public var needsRerun: Bool { self != .solved }
    }

    public struct County: Codable, Sendable, Equatable {
        public var index: Int
        public var county: String
        public var name: String?
        public var city: String
        public var state: State
        /// The task's exit code, when it wrote one.
        public var exitCode: Int?
        /// Why the task is not solved, in a sentence (the last line of its error log for a failure).
        public var note: String?
        /// `optimal` or `feasible`, from the roster.
        public var status: String?
        public var provenOptimal: Bool?
        public var gap: Double?
        public var objective: Double?
        public var bound: Double?
        public var seconds: Double?
        public var unfilledHours: Double
        /// Unfilled hotline hours per line (slots only).
        public var unfilledHoursByLine: [String: Double]
        /// Events with a role or the team size short.
        public var eventsShort: Int
        public var volunteersUsed: Int
        public var volunteers: Int
        public var assignments: Int
        public var hardViolations: Int
    }

    /// Totals over a set of counties: a city, or the province.
    public struct Totals: Codable, Sendable, Equatable {
        public var name: String
        public var counties: Int
        public var solved: Int
        public var needRerun: Int
        public var unfilledHours: Double
        public var unfilledHoursByLine: [String: Double]
        public var eventsShort: Int
        public var volunteersUsed: Int
        public var volunteers: Int
        /// The largest proven gap among the reported counties.
        public var worstGap: Double?
    }

    public var formatVersion: Int
    public var province: String
    public var manifest: String
    public var manifestSHA256: String
    /// Set when the manifest on disk is no longer the one planned: plan again.
    public var manifestChanged: Bool
    public var counties: [County]
    public var cities: [Totals]
    public var total: Totals
    /// The command that reruns exactly the tasks that need it; `nil` when none do.
    public var rerun: String?

    // MARK: Merging

    /// Reads every task's status and roster under the plan folder `directory`.
    ///
    /// Complexity: one read of each roster, linear in its assignments.
    public static func merge(directory: String) throws(InputError) -> ProvinceReport {
        let plan = try BatchPlan.read(directory: directory)
        let base = URL(fileURLWithPath: directory)
        let current = FileManager.default.contents(atPath: plan.manifest).map { SHA256.hash(data: $0).map { String(format: "%02x", $0) }.joined() }
        // Relative output folders are read below `directory`, so a moved plan folder still merges.
        let counties = plan.tasks.map { t in
            county(for: t, rosterFolder: t.out.hasPrefix("/") ? t.out : base.appendingPathComponent(t.out).path, base: base)
        }
        let cityNames = counties.map(\.city).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let cities = cityNames.map { city in totals(city, counties.filter { $0.city == city }) }
        let rerunIndices = counties.filter { $0.state.needsRerun }.map(\.index)
        let rerun = rerunIndices.isEmpty ? nil : "sbatch --array=\(BatchPlan.ranges(rerunIndices)) \(base.appendingPathComponent(BatchPlan.slurmFile).path)"
        return ProvinceReport(formatVersion: formatVersion, province: plan.province, manifest: plan.manifest, manifestSHA256: plan.manifestSHA256,
                              manifestChanged: current != plan.manifestSHA256, counties: counties, cities: cities,
                              total: totals(plan.province, counties), rerun: rerun)
    }

    /// The exit status file a task writes: `exit=N` and `stamp=S` lines.
    static func exitStatus(at path: String) -> (code: Int, stamp: String)? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var code: Int?, stamp = ""
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("exit=") { code = Int(line.dropFirst(5)) }
            if line.hasPrefix("stamp=") { stamp = String(line.dropFirst(6)) }
        }
        return code.map { ($0, stamp) }
    }

    /// The last non-empty line of the newest error log of task `index`, if any.
    static func lastLogLine(base: URL, index: Int) -> String? {
        let logs = base.appendingPathComponent("logs")
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: logs.path) else { return nil }
        let mine = names.filter { $0.hasSuffix("_\(index).err") }.map { logs.appendingPathComponent($0).path }
        let newest = mine.max { a, b in
            let da = (try? fm.attributesOfItem(atPath: a)[.modificationDate] as? Date) ?? .distantPast
            let db = (try? fm.attributesOfItem(atPath: b)[.modificationDate] as? Date) ?? .distantPast
            return (da, a) < (db, b)
        }
        guard let newest, let data = fm.contents(atPath: newest) else { return nil }
        let lines = String(decoding: data.suffix(4_096), as: UTF8.self).split(whereSeparator: \.isNewline)
        return lines.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { String($0.prefix(300)) }
    }

    static func county(for task: BatchPlan.Task, rosterFolder: String, base: URL) -> County {
        var c = County(index: task.index, county: task.county, name: task.name, city: task.city, state: .missing, unfilledHours: 0,
                       unfilledHoursByLine: [:], eventsShort: 0, volunteersUsed: 0, volunteers: task.volunteers, assignments: 0, hardViolations: 0)
        let status = exitStatus(at: base.appendingPathComponent("status/\(task.index).exit").path)
        c.exitCode = status?.code
        let rosterPath = URL(fileURLWithPath: rosterFolder).appendingPathComponent("roster.json").path
        let document = FileManager.default.contents(atPath: rosterPath).flatMap { try? JSONDecoder().decode(RosterDocument.self, from: $0) }

        if let status, status.stamp != task.stamp {
            c.state = .stale
            c.note = "the exit status is from another plan"
            return c
        }
        if let document, document.stamp != task.stamp {
            c.state = .stale
            c.note = document.stamp == nil ? "the roster carries no stamp (not written by this plan)" : "the roster is from another plan (stamp \(document.stamp!))"
            return c
        }
        switch (status?.code, document) {
        case (nil, nil):
            c.state = .missing
            c.note = "no roster and no exit status: the task has not run, or is still running"
        case (nil, .some), (0, .some):
            c.state = document!.solver?.interrupted == true ? .outOfTime : .solved
            if c.state == .outOfTime { c.note = "stopped before its time limit; the best roster found is reported" }
        case (4, .some):
            c.state = .outOfTime
            c.note = "stopped by a signal (the batch time limit or a cancel); the best roster found is reported"
        case let (code?, _):
            c.state = .failed
            let log = lastLogLine(base: base, index: task.index)
            c.note = "exit \(code)" + (document == nil ? ", no roster" : "") + (log.map { ": \($0)" } ?? "")
        }
        if let document, c.state == .solved || c.state == .outOfTime { fill(&c, from: document) }
        return c
    }

    static func fill(_ c: inout County, from d: RosterDocument) {
        let clock = ISO8601DateFormatter()
        clock.formatOptions = [.withInternetDateTime]
        for u in d.unfilled {
            guard let s = clock.date(from: u.start), let e = clock.date(from: u.end) else { continue }
            let hours = e.timeIntervalSince(s) / 3_600 * Double(u.missing)
            c.unfilledHours += hours
            if u.kind == "slot" { c.unfilledHoursByLine[u.line ?? u.requirement ?? "?", default: 0] += hours }
        }
        c.eventsShort = Set(d.unfilled.compactMap(\.event)).count
        c.volunteers = d.volunteers.count
        c.volunteersUsed = d.volunteers.filter { $0.shifts + $0.events > 0 }.count
        c.assignments = d.assignments.count
        c.hardViolations = d.violations.count
        c.status = d.solver?.status
        c.provenOptimal = d.solver?.provenOptimal
        c.gap = d.solver?.gap
        c.objective = d.solver?.objective ?? d.objective.total
        c.bound = d.solver?.bound
        c.seconds = d.solver?.seconds
        c.unfilledHours = (c.unfilledHours * 100).rounded() / 100
    }

    static func totals(_ name: String, _ counties: [County]) -> Totals {
        var byLine: [String: Double] = [:]
        for c in counties { byLine.merge(c.unfilledHoursByLine, uniquingKeysWith: +) }
        return Totals(name: name, counties: counties.count, solved: counties.filter { $0.state == .solved }.count,
                      needRerun: counties.filter { $0.state.needsRerun }.count,
                      unfilledHours: (counties.map(\.unfilledHours).reduce(0, +) * 100).rounded() / 100, unfilledHoursByLine: byLine,
                      eventsShort: counties.map(\.eventsShort).reduce(0, +), volunteersUsed: counties.map(\.volunteersUsed).reduce(0, +),
                      volunteers: counties.map(\.volunteers).reduce(0, +), worstGap: counties.compactMap(\.gap).max())
    }

    // MARK: Rendering

    /// The report's files: `province.json`, `province.md`, `province.html`.
    public func files() -> [(String, Data)] {
        [("province.json", encoded()), ("province.md", Data(markdown().utf8)), ("province.html", Data(html().utf8))]
    }


    /// Hours with one decimal, as the report prints them.
    public static func hours(_ h: Double) -> String { String(format: "%.1f", h) }
    static func percent(_ g: Double?) -> String { g.map { String(format: "%.2f%%", $0 * 100) } ?? "–" }
    static func lines(_ byLine: [String: Double]) -> String {
        let parts = byLine.filter { $0.value > 0 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \(hours($0.value))" }
        return parts.isEmpty ? "–" : parts.joined(separator: ", ")
    }

    func displayName(_ c: County) -> String { c.name.map { "\($0) (\(c.county))" } ?? c.county }

    /// The report as Markdown: the province's totals, each city, each county, and what to rerun.
    public func markdown() -> String {
        func md(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = ["# Province report: \(md(province))", ""]
        out.append("\(total.counties) counties: \(total.solved) solved, \(total.needRerun) to rerun. Unfilled \(Self.hours(total.unfilledHours)) h; \(total.eventsShort) events short; \(total.volunteersUsed) of \(total.volunteers) volunteers used; worst proven gap \(Self.percent(total.worstGap)).")
        out.append("")
        if manifestChanged { out += ["**The manifest has changed since this plan was written: run `rota batch plan` again.**", ""] }
        if let rerun { out += ["Rerun exactly the tasks that need it:", "", "```sh", rerun, "```", ""] }
        out += ["## Cities", "", "| city | counties | solved | to rerun | unfilled h | by line | events short | volunteers used |", "|---|---:|---:|---:|---:|---|---:|---:|"]
        for c in cities {
            out.append("| \(md(c.name)) | \(c.counties) | \(c.solved) | \(c.needRerun) | \(Self.hours(c.unfilledHours)) | \(md(Self.lines(c.unfilledHoursByLine))) | \(c.eventsShort) | \(c.volunteersUsed)/\(c.volunteers) |")
        }
        out += ["", "## Counties", "", "| task | county | city | state | gap | unfilled h | by line | events short | volunteers used | note |", "|---:|---|---|---|---:|---:|---|---:|---:|---|"]
        for c in counties {
            out.append("| \(c.index) | \(md(displayName(c))) | \(md(c.city)) | \(c.state.rawValue) | \(Self.percent(c.gap)) | \(Self.hours(c.unfilledHours)) | \(md(Self.lines(c.unfilledHoursByLine))) | \(c.eventsShort) | \(c.volunteersUsed)/\(c.volunteers) | \(md(c.note ?? "")) |")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The report as one HTML page, readable on a phone.
    public func html() -> String {
        func h(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var out = """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(h(province))</title>
        <style>
        body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:1rem;}
        .wrap{overflow-x:auto} table{border-collapse:collapse;font-size:.9rem} th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
        td.n{text-align:right} .solved{background:#e8f5e9} .out-of-time,.stale{background:#fff8e1} .failed,.missing{background:#ffebee}
        code{word-break:break-all}
        </style></head><body>
        <h1>\(h(province))</h1>
        <p>\(total.counties) counties: \(total.solved) solved, \(total.needRerun) to rerun. Unfilled \(Self.hours(total.unfilledHours)) h; \(total.eventsShort) events short; \(total.volunteersUsed) of \(total.volunteers) volunteers used; worst proven gap \(Self.percent(total.worstGap)).</p>

        """
        if manifestChanged { out += "<p><strong>The manifest has changed since this plan was written: run <code>rota batch plan</code> again.</strong></p>\n" }
        if let rerun { out += "<p>Rerun exactly the tasks that need it: <code>\(h(rerun))</code></p>\n" }
        out += "<h2>Cities</h2><div class=\"wrap\"><table><tr><th>city</th><th>counties</th><th>solved</th><th>to rerun</th><th>unfilled h</th><th>by line</th><th>events short</th><th>volunteers used</th></tr>\n"
        for c in cities {
            out += "<tr><td>\(h(c.name))</td><td class=n>\(c.counties)</td><td class=n>\(c.solved)</td><td class=n>\(c.needRerun)</td><td class=n>\(Self.hours(c.unfilledHours))</td><td>\(h(Self.lines(c.unfilledHoursByLine)))</td><td class=n>\(c.eventsShort)</td><td class=n>\(c.volunteersUsed)/\(c.volunteers)</td></tr>\n"
        }
        out += "</table></div><h2>Counties</h2><div class=\"wrap\"><table><tr><th>task</th><th>county</th><th>city</th><th>state</th><th>gap</th><th>unfilled h</th><th>by line</th><th>events short</th><th>volunteers used</th><th>note</th></tr>\n"
        for c in counties {
            out += "<tr class=\"\(c.state.rawValue)\"><td class=n>\(c.index)</td><td>\(h(displayName(c)))</td><td>\(h(c.city))</td><td>\(c.state.rawValue)</td><td class=n>\(Self.percent(c.gap))</td><td class=n>\(Self.hours(c.unfilledHours))</td><td>\(h(Self.lines(c.unfilledHoursByLine)))</td><td class=n>\(c.eventsShort)</td><td class=n>\(c.volunteersUsed)/\(c.volunteers)</td><td>\(h(c.note ?? ""))</td></tr>\n"
        }
        out += "</table></div></body></html>\n"
        return out
    }
}
