import Foundation
import LinearProgramming
import Rota

/// The `roster.json` document, schema version 1. Documented in `docs/roster-format.md`.
///
/// Keys are written sorted and the content depends only on the roster, so the same roster
/// always gives the same bytes.
public struct RosterDocument: Codable, Sendable, Equatable, StableJSONDocument {
    public static let schemaVersion = 1

    public struct AssignmentEntry: Codable, Sendable, Equatable {
        public var volunteer: String
        public var date: String
        public var start: String
        public var end: String
        public var site: String?
        /// The hotline line (for shifts).
        public var line: String?
        /// The shift template (for shifts).
        public var shift: String?
        /// The outreach event (for event roles).
        public var event: String?
        public var skill: String?
        public var hours: Double
        /// The calendar entry's UID, when it is not the default (see ``CalendarIdentity``).
        public var uid: String?
        /// The calendar entry's SEQUENCE, when above 0.
        public var sequence: Int?
        /// What this assignment costs, rule by rule (absent when nothing).
        public var penalties: [String: Double]?
    }

    public struct UnfilledEntry: Codable, Sendable, Equatable {
        /// `slot`, `event-role` or `event-team-size`.
        public var kind: String
        public var requirement: String?
        public var line: String?
        public var event: String?
        public var skill: String?
        public var date: String
        public var start: String
        public var end: String
        public var needed: Int
        public var assigned: Int
        public var missing: Int
        /// The people this entry adds to ``RosterDocument/unfilledTotals``: ``missing``,
        /// except an event team's entry, which counts only what its roles' entries do not.
        public var counted: Int
        /// `no-shift-covers`, `nobody-qualified`, `qualified-unavailable` or `limits`, as the
        /// explanation finds it (every qualified person away then is `qualified-unavailable`).
        public var reason: String
        /// The rule that keeps the most qualified volunteers out (`travel`, `on-leave`,
        /// `role-full`, …), when nobody could take it; absent otherwise.
        public var mainBlock: String?
        /// Who was qualified and what kept each of them out.
        public var explanation: ExplanationEntry?
    }

    /// An unfilled entry's explanation: the qualified volunteers, grouped by the rule that
    /// kept them out, and those who could have come.
    public struct ExplanationEntry: Codable, Sendable, Equatable {
        public struct Group: Codable, Sendable, Equatable {
            /// `on-leave`, `not-available-then`, `already-working`, `daily-limit`, `weekly-limit`,
            /// `period-limit`, `days-in-a-row`, `rest`, `weekend-limit`, `shift-type-limit`,
            /// `minimum-run`, `forbidden`, `travel` or `other`.
            public var reason: String
            public var volunteers: [String]
        }
        public var qualified: Int
        public var blocked: [Group]
        public var free: [String]
        /// The same in words, with names: "3 qualified: 2 on leave (王芳 v001, …)".
        public var text: String
    }

    /// One kind's unfilled figures.
    public struct UnfilledTotalEntry: Codable, Sendable, Equatable {
        public var gaps: Int
        public var people: Int
        public var personHours: Double
    }

    public struct VolunteerEntry: Codable, Sendable, Equatable {
        public var id: String
        public var hours: Double
        public var shifts: Int
        public var events: Int
        public var weekends: Int
        /// This volunteer's penalties, rule by rule (absent when none).
        public var penalties: [String: Double]?
    }

    public struct ObjectiveEntry: Codable, Sendable, Equatable {
        public var total: Double
        public var hard: Double
        public var coverage: Double
        public var soft: Double
        public var byRule: [String: Double]
    }

    public struct StageEntry: Codable, Sendable, Equatable {
        public var tier: String
        public var status: String
        public var objective: Double?
        public var bound: Double?
        public var seconds: Double
    }

    public struct SolverEntry: Codable, Sendable, Equatable {
        /// `optimal` or `feasible` (not proven optimal).
        public var status: String
        public var provenOptimal: Bool
        /// True when the solve was interrupted (Ctrl-C) and this is the best roster found.
        public var interrupted: Bool
        public var objective: Double?
        public var bound: Double?
        public var gap: Double?
        public var seconds: Double
        public var variables: Int
        public var constraints: Int
        public var nonzeros: Int
        public var stages: [StageEntry]
        /// How many volunteers each schedule model covered, and whether column generation
        /// bounded the final stage.
        public var engines: EngineEntry?
        /// Heuristic steps the solver refused (a bug in Rota, skipped and reported); absent when none.
        public var incidents: [String]?
    }

    public struct EngineEntry: Codable, Sendable, Equatable {
        public var volunteers: Int
        public var sequenceModel: Int
        public var countingModel: Int
        public var columnGeneration: Bool
        /// Volunteers no schedule model covers, by the rule that kept them out; absent when none.
        public var declinedBy: [String: Int]?
        /// The step that produced the roster, and the one that proved the bound.
        public var rosterFrom: String?
        public var boundFrom: String?
    }

    public struct ViolationEntry: Codable, Sendable, Equatable {
        public var rule: String
        public var volunteer: String?
        public var date: String?
        public var message: String
    }

    public var schemaVersion: Int
    public var scenario: String
    public var timeZone: String
    public var horizon: [String]
    public var assignments: [AssignmentEntry]
    public var unfilled: [UnfilledEntry]
    /// The unfilled entries added up by kind (`line-slots`, `shift-coverage`, `event-roles`,
    /// `event-team-size`), every unit of demand counted once.
    public var unfilledTotals: [String: UnfilledTotalEntry]
    public var volunteers: [VolunteerEntry]
    public var objective: ObjectiveEntry
    public var violations: [ViolationEntry]
    public var solver: SolverEntry?
    /// The batch plan's stamp (`<manifest SHA-256>:<input hash>`) when the roster was
    /// solved as a task of `rota batch plan`; absent otherwise. `rota batch merge` reports
    /// a roster whose stamp is not its plan's as stale.
    public var stamp: String?
    /// Published assignments a replan removed, written as cancelled calendar entries;
    /// absent when none.
    public var cancelled: [AssignmentEntry]?

    /// Builds the document. `roundSeconds` rounds timings (for golden files and stable diffs).
    public init(
        roster: Roster, problem: RosterProblem, interrupted: Bool = false, includeTimings: Bool = true, stamp: String? = nil,
        identity: (Assignment) -> CalendarIdentity = CalendarIdentity.initial, cancelled: [CancelledAssignment] = [],
        explanations: [UnfilledExplanation]? = nil, explanationText: (UnfilledExplanation) -> String = { _ in "" },
        penalties: [String: [String: Double]] = [:], assignmentPenalties: [AssignmentKey: [String: Double]] = [:]
    ) {
        self.stamp = stamp
        let clock = WallClock(horizon: problem.horizon)
        func round(_ v: Double) -> Double { (v * 1e6).rounded() / 1e6 }
        schemaVersion = Self.schemaVersion
        scenario = problem.name
        timeZone = problem.horizon.timeZone
        horizon = [problem.horizon.start.description, problem.horizon.date(problem.horizon.days - 1).description]
        func entry(_ a: Assignment, _ identity: CalendarIdentity) -> AssignmentEntry {
            var shift: String?, event: String?
            switch a.target {
            case let .shift(t, _): shift = t
            case let .event(e, _): event = e
            }
            return AssignmentEntry(volunteer: a.volunteer, date: a.date.description, start: clock.iso(a.interval.start), end: clock.iso(a.interval.end),
                                   site: a.site, line: a.line, shift: shift, event: event, skill: a.skill, hours: round(a.hours),
                                   uid: identity.uid == CalendarIdentity.defaultUID(a) ? nil : identity.uid,
                                   sequence: identity.sequence > 0 ? identity.sequence : nil,
                                   penalties: assignmentPenalties[a.key].map { $0.mapValues(round) })
        }
        assignments = roster.assignments.map { entry($0, identity($0)) }
        self.cancelled = cancelled.isEmpty ? nil : cancelled.sorted { $0.assignment < $1.assignment }.map { entry($0.assignment, $0.identity) }
        let explained = explanations ?? []
        let counted = UnfilledTotals.uniqueMissing(roster.unfilled)
        unfilledTotals = Dictionary(uniqueKeysWithValues: UnfilledTotals(roster.unfilled).byKind.map {
            ($0.key.rawValue, UnfilledTotalEntry(gaps: $0.value.gaps, people: $0.value.people, personHours: round($0.value.personHours)))
        })
        unfilled = roster.unfilled.enumerated().map { i, u in
            var kind = "slot", requirement: String?, line: String?, event: String?, skill: String?
            switch u.kind {
            case let .slot(r, l, s): requirement = r; line = l; skill = s
            case let .eventRole(e, s): kind = "event-role"; event = e; skill = s
            case let .eventTeamSize(e): kind = "event-team-size"; event = e
            }
            let e = i < explained.count ? explained[i] : nil
            return UnfilledEntry(kind: kind, requirement: requirement, line: line, event: event, skill: skill, date: u.date.description,
                                 start: clock.iso(u.interval.start), end: clock.iso(u.interval.end), needed: u.needed, assigned: u.assigned,
                                 missing: u.missing, counted: counted[i],
                                 reason: (e?.reason(checkerSaid: u.reason) ?? u.reason).rawValue,
                                 mainBlock: e?.mainBlock?.reason.rawValue,
                                 explanation: e.map { e in ExplanationEntry(
                                    qualified: e.qualified,
                                    blocked: e.blocked.map { .init(reason: $0.reason.rawValue, volunteers: $0.volunteers) },
                                    free: e.free, text: explanationText(e)) })
        }
        volunteers = roster.totals.map {
            VolunteerEntry(id: $0.volunteer, hours: round($0.hours), shifts: $0.shifts, events: $0.events, weekends: $0.weekends,
                           penalties: penalties[$0.volunteer].map { $0.mapValues(round) })
        }
        objective = ObjectiveEntry(total: round(roster.objective.total), hard: round(roster.objective.hard), coverage: round(roster.objective.coverage),
                                   soft: round(roster.objective.soft), byRule: roster.objective.byRule.mapValues(round))
        violations = roster.limitViolations.map { ViolationEntry(rule: $0.rule.rawValue, volunteer: $0.volunteer, date: $0.date?.description, message: $0.message) }
        let s = roster.statistics
        solver = SolverEntry(
            status: s.status.description, provenOptimal: s.provenOptimal, interrupted: interrupted, objective: s.objective.map(round),
            bound: s.bound.map(round), gap: s.gap.map(round), seconds: includeTimings ? round(s.seconds) : 0,
            variables: s.variables, constraints: s.constraints, nonzeros: s.nonzeros,
            stages: s.stages.map { StageEntry(tier: $0.tier, status: $0.status.description, objective: $0.objective.map(round),
                                              bound: $0.bound.map(round), seconds: includeTimings ? round($0.seconds) : 0) },
            engines: s.engines.map { EngineEntry(volunteers: $0.volunteers, sequenceModel: $0.sequenceModel, countingModel: $0.countingModel,
                                                 columnGeneration: $0.columnGeneration, declinedBy: $0.declinedBy.isEmpty ? nil : $0.declinedBy,
                                                 rosterFrom: $0.rosterFrom.rawValue, boundFrom: $0.boundFrom?.rawValue) },
            incidents: s.incidents.isEmpty ? nil : s.incidents)
    }


    /// The largest calendar SEQUENCE read back: far more versions than a month will see.
    static let maximumSequence = 1_000_000

    /// How far an assignment's `hours` may differ from its end less its start (rounding).
    static let hoursTolerance = 0.01

    /// Reads a `roster.json` and returns its assignments, in the problem's terms. Every
    /// malformed entry is reported.
    public static func assignments(fromJSON data: Data, file: String, problem: RosterProblem) throws(InputError) -> [Assignment] {
        try published(fromJSON: data, file: file, problem: problem).assignments.map(\.assignment)
    }

    /// A published roster read back for replanning: its assignments with their calendar
    /// identities, and the entries it had already cancelled. Every malformed entry is reported.
    public static func published(fromJSON data: Data, file: String, problem: RosterProblem) throws(InputError)
        -> (assignments: [(assignment: Assignment, identity: CalendarIdentity)], cancelled: [CancelledAssignment]) {
        struct Minimal: Decodable {
            var schemaVersion: Int?
            var assignments: [AssignmentEntry]
            var cancelled: [AssignmentEntry]?
        }
        let doc: Minimal
        do {
            doc = try JSONDecoder().decode(Minimal.self, from: data)
        } catch {
            throw InputError(issues: [PathLocator.decodingIssue(error, in: data, file: file, what: "a roster document")])
        }
        if let v = doc.schemaVersion, v != schemaVersion {
            throw InputError(issues: [InputIssue(location: SourceLocation(file: file), path: "schemaVersion", message: "unsupported schema version \(v); this rota reads \(schemaVersion)")])
        }
        let clock = WallClock(horizon: problem.horizon)
        var issues: [InputIssue] = []
        var result: [(assignment: Assignment, identity: CalendarIdentity)] = []
        var cancelled: [CancelledAssignment] = []
        let locator = PathLocator(text: String(decoding: data, as: UTF8.self), file: file)
        let entries = doc.assignments.enumerated().map { ("assignments[\($0.offset)]", $0.element, false) }
            + (doc.cancelled ?? []).enumerated().map { ("cancelled[\($0.offset)]", $0.element, true) }
        for (p, a, isCancelled) in entries {
            func fail(_ m: String) { issues.append(InputIssue(location: locator.location(of: p), path: p, message: m)) }
            guard let date = CalendarDate(a.date) else { fail("bad date '\(a.date)'"); continue }
            guard let start = clock.minutes(iso: a.start), let end = clock.minutes(iso: a.end) else { fail("bad start or end time"); continue }
            // Times are written in the horizon's zone; another offset is most likely a slip
            // (08:00Z meant as 08:00 local), so it is refused with the intended form.
            for (key, text, m) in [("start", a.start, start), ("end", a.end, end)] where text != clock.iso(m) {
                fail("\(key) \(text) is not in the horizon's time zone (\(problem.horizon.timeZone)); the same instant is \(clock.iso(m))")
            }
            guard end > start else { fail("the end \(a.end) is not after the start \(a.start)"); continue }
            // The horizon, with a day either side for shifts that cross midnight.
            guard start >= -1_440, end <= (problem.horizon.days + 1) * 1_440 else { fail("\(a.start)–\(a.end) is outside the horizon"); continue }
            let hours = Double(end - start) / 60
            if !(abs(a.hours - hours) <= Self.hoursTolerance) { fail("hours \(a.hours) does not match the start and end (\(hours))") }
            let target: AssignmentTarget
            if let t = a.shift {
                target = .shift(template: t, date: date)
            } else if let e = a.event, let s = a.skill {
                target = .event(id: e, skill: s)
            } else {
                fail("an assignment needs 'shift', or 'event' with 'skill'")
                continue
            }
            if let s = a.sequence, s < 0 || s > Self.maximumSequence { fail("sequence must be from 0 to \(Self.maximumSequence), not \(s)"); continue }
            let assignment = Assignment(volunteer: a.volunteer, target: target, date: date, interval: MinuteInterval(start, end),
                                        site: a.site, line: a.line, skill: a.skill)
            let identity = CalendarIdentity(uid: a.uid ?? CalendarIdentity.defaultUID(assignment), sequence: a.sequence ?? 0)
            if isCancelled { cancelled.append(CancelledAssignment(assignment: assignment, identity: identity)) } else { result.append((assignment, identity)) }
        }
        if !issues.isEmpty { throw InputError(issues: issues) }
        return (result, cancelled)
    }
}
