/// What the roster's gaps ask of a recruit, and the profiles that serve them: steps 1 to 3
/// of ``Recruiter``.
struct RecruitNeeds {
    /// One gap's demand on a recruit: a shift instance or an event place, with the skills,
    /// site, date and hours it needs, and how many people for how many person-hours.
    struct Need {
        /// The gap's index in the `unfilled` list.
        var gap: Int
        var skills: [String: Int]
        var site: String?
        var date: CalendarDate
        var window: DailyWindow
        /// The place one recruit would take: `shift|template|day`, or `event|id|skill`.
        var place: String
        /// Hours of one person there.
        var hours: Double
        /// People the gap misses there.
        var people: Int
        /// Open person-hours the gap has there.
        var personHours: Double
        var kind: UnfilledTotals.Kind
        /// The line, care-station template or event it serves.
        var serves: String
    }

    /// A profile with what it serves.
    struct Group {
        var profile: Recruiter.Profile
        var people: Int
        var gaps: [Int]
        var personHours: Double
    }

    let problem: RosterProblem
    let index: ProblemIndex
    let network: SiteNetwork
    let diagnosis: DemandDiagnosis
    let assignments: [Assignment]
    var explainer: RosterExplainer
    /// Sites by id, for walking up the tree.
    let sitesByID: [String: Site]

    init(problem: RosterProblem, assignments: [Assignment]) {
        self.problem = problem
        self.index = ProblemIndex(problem)
        self.network = SiteNetwork(sites: problem.sites, travel: problem.travel)
        self.diagnosis = DemandDiagnosis(index: index)
        self.assignments = assignments
        self.explainer = RosterExplainer(problem: problem, assignments: assignments)
        self.sitesByID = Dictionary(problem.sites.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The rules of a place itself: a gap whose every qualified person is kept out by one of
    /// them is not filled by more people.
    static let placeReasons: Set<BlockReason> = [.placesFull, .roleFull, .teamFull]

    /// The needs of the counted gaps of `unfilled`, and the gaps more people cannot fill.
    /// Complexity: one explanation per gap, plus O(slots × templates) per slot gap.
    mutating func needs(of unfilled: [UnfilledDemand]) -> (needs: [Need], held: [(gap: Int, reason: BlockReason)]) {
        let counted = UnfilledTotals.uniqueMissing(unfilled)
        var needs: [Need] = []
        var held: [(Int, BlockReason)] = []
        for (i, u) in unfilled.enumerated() where counted[i] > 0 {
            let explanation = explainer.explain(u)
            if explanation.qualified > 0, explanation.free.isEmpty, let main = explanation.mainBlock,
               explanation.blocked.allSatisfy({ Self.placeReasons.contains($0.reason) }) {
                held.append((i, main.reason))
                continue
            }
            let found = self.needs(of: u, gap: i, people: counted[i])
            if found.isEmpty { held.append((i, .other)) } else { needs += found }
        }
        return (needs, held)
    }

    /// The needs of one gap, `people` of whose missing people count.
    func needs(of u: UnfilledDemand, gap: Int, people: Int) -> [Need] {
        switch u.kind {
        case let .slot(requirement, _, _):
            guard let req = problem.coverage.first(where: { $0.id == requirement }), let day = problem.horizon.index(of: u.date) else { return [] }
            // Slot by slot, as the model counts: the shift already chosen for an earlier slot
            // if it covers this one, else the covering shift with the most of the gap.
            var chosen: [(template: Int, day: Int, minutes: Int)] = []
            for slot in diagnosis.slots(of: req, day: day) where slot.start >= u.interval.start && slot.end <= u.interval.end {
                let covering = diagnosis.coveringInstances(of: req, day: day, slot: slot)
                if let k = chosen.firstIndex(where: { c in covering.contains { $0 == (c.template, c.day) } }) {
                    chosen[k].minutes += slot.length
                    continue
                }
                let overlap = { (c: (template: Int, day: Int)) -> Int in
                    let i = index.interval(template: c.template, day: c.day)
                    return max(0, min(i.end, u.interval.end) - max(i.start, u.interval.start))
                }
                guard let best = covering.max(by: { (overlap($0), $1.template) < (overlap($1), $0.template) }) else { continue }
                chosen.append((best.template, best.day, slot.length))
            }
            return chosen.map { c in
                let template = problem.templates[c.template]
                var skills: [String: Int] = [:]
                if let s = template.requiredSkill { skills[s] = max(1, template.minimumLevel) }
                return Need(gap: gap, skills: skills, site: template.site, date: problem.horizon.date(c.day), window: template.window,
                            place: "shift|\(template.id)|\(c.day)", hours: template.hours, people: people,
                            personHours: Double(people * c.minutes) / 60, kind: UnfilledTotals.Kind(u), serves: template.line ?? template.id)
            }
        case let .eventRole(id, skill):
            guard let e = index.eventIndex[id] else { return [] }
            return [eventNeed(e, skill: skill, u: u, gap: gap, people: people)]
        case let .eventTeamSize(id):
            guard let e = index.eventIndex[id] else { return [] }
            let event = problem.events[e]
            // Any role with room: the most room first when roles are capped.
            var holders: [String: Int] = [:]
            for a in assignments { if case let .event(eventID, skill) = a.target, eventID == id { holders[skill, default: 0] += 1 } }
            let roles = event.team.map { (skill: $0.key, room: event.capsRoles ? $0.value - holders[$0.key, default: 0] : $0.value) }
                .filter { $0.room > 0 }
                .sorted { ($0.room, $1.skill) > ($1.room, $0.skill) }
            guard let role = roles.first else { return [] }
            var need = eventNeed(e, skill: role.skill, u: u, gap: gap, people: people)
            need.place += "|team"
            return [need]
        }
    }

    func eventNeed(_ e: Int, skill: String, u: UnfilledDemand, gap: Int, people: Int) -> Need {
        let event = problem.events[e]
        let hours = Double(event.window.duration) / 60
        return Need(gap: gap, skills: [skill: 1], site: event.site, date: event.date, window: event.window, place: "event|\(event.id)|\(skill)",
                    hours: hours, people: people, personHours: Double(people) * hours, kind: UnfilledTotals.Kind(u), serves: event.id)
    }

    /// Profiles serving `needs`: by skills, then by a place to live from which the most
    /// open person-hours are within the typical travel limit (nearest first, then the
    /// site's order in the scenario); what is left goes to the next place.
    /// Complexity: O(profiles × sites × needs).
    func profiles(_ needs: [Need]) -> [Group] {
        let travelCap = Recruiter.typicalTravelMinutes(problem)
        let bySkills = Dictionary(grouping: needs) { n in n.skills.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",") }
        var groups: [Group] = []
        for key in bySkills.keys.sorted() {
            var remaining = bySkills[key] ?? []
            while !remaining.isEmpty {
                let homes: [String?] = remaining.allSatisfy({ $0.site == nil }) || problem.sites.isEmpty ? [nil] : problem.sites.map(\.id)
                typealias Choice = (home: String?, served: [Need], hours: Double, travel: Double)
                var best: Choice?
                for home in homes {
                    let served = remaining.filter { n in travelCap.map { network.minutes(home, n.site) <= $0 } ?? true }
                    let hours = served.reduce(0) { $0 + $1.personHours }
                    let travel = served.reduce(0) { $0 + $1.personHours * Double(network.minutes(home, $1.site)) }
                    if best == nil || (hours > best!.hours + Recruiter.hoursTolerance)
                        || (abs(hours - best!.hours) <= Recruiter.hoursTolerance && travel < best!.travel - Recruiter.hoursTolerance) {
                        best = (home, served, hours, travel)
                    }
                }
                // A site no recruit could live at within reach (an unknown site): the need alone.
                let alone: Choice = (remaining[0].site, [remaining[0]], remaining[0].personHours, 0)
                let chosen: Choice = best.flatMap { $0.served.isEmpty ? nil : $0 } ?? alone
                groups.append(group(chosen.served, home: chosen.home, travelCap: travelCap))
                let taken = Set(chosen.served.map { "\($0.gap)|\($0.place)" })
                remaining.removeAll { taken.contains("\($0.gap)|\($0.place)") }
            }
        }
        return groups
    }

    /// The profile of `needs` served from `home`.
    func group(_ needs: [Need], home: String?, travelCap: Int?) -> Group {
        // People: enough for the busiest day (one place a day each) and the busiest week.
        var atPlace: [String: (date: CalendarDate, people: Int, hours: Double)] = [:]
        for n in needs {
            let was = atPlace[n.place]?.people ?? 0
            atPlace[n.place] = (n.date, max(was, n.people), n.hours)
        }
        var perDay: [CalendarDate: Int] = [:], perWeek: [Int: Double] = [:]
        for p in atPlace.values {
            perDay[p.date, default: 0] += p.people
            perWeek[(p.date.daysSinceEpoch - problem.horizon.start.daysSinceEpoch) / 7, default: 0] += Double(p.people) * p.hours
        }
        let weekly = max(Recruiter.typicalWeeklyHours(problem), needs.map(\.hours).max() ?? 0)
        let forWeeks = Int(((perWeek.values.max() ?? 0) / max(weekly, 1)).rounded(.up))
        let people = min(Recruiter.maximumPeoplePerProfile, max(1, perDay.values.max() ?? 1, forWeeks))
        let profile = Recruiter.Profile(
            skills: needs.first?.skills ?? [:], home: home, area: area(of: home), maxTravelMinutes: travelCap, maxHoursPerWeek: weekly,
            availability: Self.weeklyWindows(needs.map { ($0.date.weekday, $0.window) }), dates: Set(needs.map(\.date)).sorted(),
            places: Set(needs.map(\.serves)).sorted(), kinds: Set(needs.map(\.kind)))
        return Group(profile: profile, people: people, gaps: Set(needs.map(\.gap)).sorted(), personHours: needs.reduce(0) { $0 + $1.personHours })
    }

    /// The nearest enclosing site (the site itself included) whose level is `township`, or
    /// `nil`.
    func area(of site: String?) -> String? {
        guard var id = site else { return nil }
        for _ in 0...problem.sites.count {
            guard let s = sitesByID[id] else { return nil }
            if s.level?.lowercased() == "township" { return s.id }
            guard let parent = s.parent else { return nil }
            id = parent
        }
        return nil
    }

    /// Weekly windows covering `needs` exactly: per weekday, the needed windows merged where
    /// they overlap or touch (a window across midnight kept as it is), and weekdays with the
    /// same windows together. Deterministic order.
    static func weeklyWindows(_ needs: [(Weekday, DailyWindow)]) -> [WeeklyWindow] {
        var byDay: [Weekday: [DailyWindow]] = [:]
        for (day, window) in needs { byDay[day, default: []].append(window) }
        var daysOf: [DailyWindow: Set<Weekday>] = [:]
        for (day, windows) in byDay {
            var merged: [DailyWindow] = []
            for w in Set(windows).sorted(by: { ($0.start.minutes, $0.end.minutes) < ($1.start.minutes, $1.end.minutes) }) {
                if let last = merged.last, !last.crossesMidnight, !w.crossesMidnight, w.start <= last.end {
                    merged[merged.count - 1].end = max(last.end, w.end)
                } else {
                    merged.append(w)
                }
            }
            for w in merged { daysOf[w, default: []].insert(day) }
        }
        return daysOf.map { WeeklyWindow(days: $0.value, window: $0.key) }.sorted {
            let first = { (w: WeeklyWindow) in Weekday.allCases.firstIndex(where: w.days.contains) ?? 0 }
            return (first($0), $0.window.start.minutes, $0.window.end.minutes) < (first($1), $1.window.start.minutes, $1.window.end.minutes)
        }
    }
}
