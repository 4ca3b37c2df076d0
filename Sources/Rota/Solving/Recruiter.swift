/// Whom to recruit: the volunteer profiles that would fill the roster's open gaps, of every
/// kind (hotline slots, care-station shifts, event roles, event teams), each said as a
/// skill, a place to live, days and hours, and a number of people, and each confirmed by
/// solving again with those people added. `rota recruit`.
///
/// 1. **The gaps.** The checker's list of what the scenario solved again without recruits
///    leaves open (what a better arrangement of the people already there fills is a matter
///    for a replan, not for recruiting), each unit of demand once
///    (``UnfilledTotals/uniqueMissing(_:)``). A gap that more people cannot fill is
///    set apart: the ``RosterExplainer`` says every qualified person is kept out by the
///    place's own cap (an event whose capped roles are full while its minimum team is
///    larger, phones that are all taken).
/// 2. **What each gap needs.** A hotline or care-station gap needs someone on a shift that
///    covers it (the shift covering most of its open minutes, slot by slot, as the model
///    counts), with that shift's skill and level, at the shift's site, on its days and
///    hours; an event role needs its skill at the event's site and hours; an event team
///    short beyond its roles needs any of its roles that still has room.
/// 3. **Profiles.** Needs with the same skills are served from one place to live: the
///    site from which the most open person-hours lie within the scenario's typical travel
///    limit (the median of the volunteers' caps), the nearest such site first; what is left
///    is served by the next. A profile is available on exactly the days and hours its needs
///    fall on. Its people are enough for its busiest day (a recruit works one shift or event
///    a day) and its busiest week at the typical weekly hours, at most
///    ``maximumPeoplePerProfile``.
/// 4. **Confirmation.** The best profiles are tried: the scenario is solved again with that
///    many such volunteers added, and the checker's open person-hours of the new roster are
///    reported beside the old. A claim is the checker's figure on a real roster.
///
/// Complexity: O(gaps × slots + needs × sites) to build the profiles, plus the explainer's
/// questions and one solve per confirmation.
public struct Recruiter: Sendable {
    public var solver: RosterSolver

    public init(solver: RosterSolver) { self.solver = solver }

    /// A kind of volunteer to recruit.
    public struct Profile: Sendable, Hashable {
        /// Skills with their levels (a hotline shift's skill, an event role's).
        public var skills: [String: Int]
        /// The site to live at or near (`nil` when the work has no site: anyone can reach it).
        public var home: String?
        /// The enclosing township (or the nearest ancestor with a level), for the words.
        public var area: String?
        /// The travel limit the profile assumes (the scenario's typical cap), `nil` when none.
        public var maxTravelMinutes: Int?
        /// The weekly hours the profile assumes: the scenario's typical cap, or the longest
        /// shift or event it serves when that is longer (a recruit who could never take one
        /// is no recruit).
        public var maxHoursPerWeek: Double
        /// When such a person must be available: the needs' days and hours, weekly.
        public var availability: [WeeklyWindow]
        /// The dates of the gaps the profile serves, in order.
        public var dates: [CalendarDate]
        /// What the profile would work: line ids, care-station template ids, event ids.
        public var places: [String]
        /// The kinds of gap it serves.
        public var kinds: Set<UnfilledTotals.Kind>
    }

    /// One recommendation.
    public struct Recommendation: Sendable {
        public var profile: Profile
        /// How many such people to add.
        public var people: Int
        /// Indices into ``Advice/unfilled`` of the gaps the profile serves.
        public var gaps: [Int]
        /// Open person-hours of those gaps: what people of the profile could fill at most.
        public var reachablePersonHours: Double
        /// Open person-hours without any recruit, solved again as the confirmations are
        /// (``Advice/unfilledWithoutRecruits``), or the roster's when nothing was solved: the
        /// figure a confirmation is compared with.
        public var unfilledBefore: Double
        /// The trial: `nil` when not confirmed.
        public var confirmation: Confirmation?
        /// Open person-hours after adding ``people`` such volunteers and solving again.
        public var unfilledAfter: Double? { confirmation?.unfilledAfter }
    }

    /// A recommendation tried by solving again.
    public struct Confirmation: Sendable {
        /// The scenario with the recruits added (``Recruiter/adding(_:count:to:)``).
        public var problem: RosterProblem
        /// The roster solved for it.
        public var assignments: [Assignment]
        /// The checker's open person-hours of that roster, every kind, each unit once.
        public var unfilledAfter: Double
        /// The checker's totals by kind.
        public var totalsAfter: UnfilledTotals
        /// How many hard rules that roster breaks (0 unless the scenario forces it).
        public var hardViolations: Int
    }

    /// The whole answer.
    public struct Advice: Sendable {
        /// The profiles, best first.
        public var recommendations: [Recommendation]
        /// The roster's open person-hours, every kind, each unit once.
        public var unfilledBefore: Double
        /// Open person-hours of the scenario solved again without recruits, as each
        /// confirmation is solved with them: what solving again alone would do (a replan
        /// fills what the roster left open for lack of a better arrangement, not of people).
        /// `nil` when nothing was confirmed.
        public var unfilledWithoutRecruits: Double?
        /// The roster's totals by kind.
        public var totalsBefore: UnfilledTotals
        /// The roster whose gaps the profiles serve: the scenario solved again without
        /// recruits when confirming, else the roster given.
        public var roster: [Assignment]
        /// The checker's gaps of ``roster``: ``Recommendation/gaps`` and ``held`` index it.
        public var unfilled: [UnfilledDemand]
        /// Gaps (indices into `unfilled`) that more people cannot fill, with the rule of the
        /// place that holds them.
        public var held: [(gap: Int, reason: BlockReason)]
        /// When nothing is worth recommending, why, in one line; `nil` otherwise.
        public var nothingToRecommend: String?
    }

    /// The most people recommended for one profile.
    public static let maximumPeoplePerProfile = 10
    /// Open person-hours below this are nothing (floating-point dust).
    static let hoursTolerance = 1e-9

    /// The profiles for `problem` whose roster is `assignments`, the best `top` of them, the
    /// first `confirm` tried by solving again with `options`.
    ///
    /// When confirming, the scenario is first solved again without recruits under the same
    /// options (or `solvedAlready` is taken as that solve, when the caller has just made
    /// it): the gaps served are the ones *that* roster leaves open, since what a better
    /// arrangement of the people already there fills is a matter for a replan, not for
    /// recruiting; and each confirmation is compared with it. With `confirm` 0 nothing is
    /// solved and the roster's own gaps are served.
    public func recommend(_ problem: RosterProblem, assignments: [Assignment], top: Int = 5, confirm: Int = 3,
                          options: RosterSolveOptions = RosterSolveOptions(),
                          solvedAlready: [Assignment]? = nil) throws(RosterProblemError) -> Advice {
        try problem.validate()
        let checker = RosterChecker(problem: problem)
        let unfilledNow = checker.check(assignments).unfilled
        let totals = UnfilledTotals(unfilledNow)
        let before = totals.all.personHours
        var advice = Advice(recommendations: [], unfilledBefore: before, unfilledWithoutRecruits: nil, totalsBefore: totals,
                            roster: assignments, unfilled: unfilledNow, held: [], nothingToRecommend: nil)
        guard before > Self.hoursTolerance else {
            advice.nothingToRecommend = "nothing is open: no one to recruit"
            return advice
        }
        if confirm > 0 {
            if let solvedAlready { advice.roster = solvedAlready } else { advice.roster = try solver.solve(problem, options: options).assignments }
            advice.unfilled = checker.check(advice.roster).unfilled
            advice.unfilledWithoutRecruits = UnfilledTotals(advice.unfilled).all.personHours
        }
        let base = advice.unfilledWithoutRecruits ?? before
        var needs = RecruitNeeds(problem: problem, assignments: advice.roster)
        let (found, held) = needs.needs(of: advice.unfilled)
        advice.held = held
        var recommendations = needs.profiles(found).map { group in
            Recommendation(profile: group.profile, people: group.people, gaps: group.gaps, reachablePersonHours: group.personHours,
                           unfilledBefore: base, confirmation: nil)
        }
        recommendations.sort {
            ($0.reachablePersonHours, -$0.people, $1.profile.sortKey) > ($1.reachablePersonHours, -$1.people, $0.profile.sortKey)
        }
        recommendations = Array(recommendations.prefix(max(0, top)))
        for i in recommendations.indices.prefix(max(0, confirm)) {
            recommendations[i].confirmation = try confirmation(recommendations[i], problem: problem, options: options)
        }
        advice.recommendations = recommendations
        advice.nothingToRecommend = Self.nothingToRecommend(advice)
        return advice
    }

    /// Solves `problem` with the recommendation's people added; the checker says what stays open.
    func confirmation(_ r: Recommendation, problem: RosterProblem, options: RosterSolveOptions) throws(RosterProblemError) -> Confirmation {
        let added = Self.adding(r.profile, count: r.people, to: problem)
        let roster = try solver.solve(added, options: options)
        let report = RosterChecker(problem: added).check(roster.assignments)
        let totals = UnfilledTotals(report.unfilled)
        return Confirmation(problem: added, assignments: roster.assignments, unfilledAfter: totals.all.personHours, totalsAfter: totals,
                            hardViolations: report.violations.count)
    }

    /// One line saying why nothing is worth recommending, or `nil` when something is.
    static func nothingToRecommend(_ advice: Advice) -> String? {
        let unfilled = advice.unfilled
        let tried = advice.recommendations.filter { $0.confirmation != nil }
        if tried.contains(where: { $0.unfilledBefore - ($0.unfilledAfter ?? .infinity) > hoursTolerance }) { return nil }
        if !advice.recommendations.isEmpty && tried.isEmpty { return nil }
        let open = String(format: "%.1f", advice.unfilledWithoutRecruits ?? advice.unfilledBefore)
        if let again = advice.unfilledWithoutRecruits, again <= hoursTolerance {
            return "solving again without anyone new leaves nothing open: replan (rota replan) rather than recruit"
        }
        if advice.recommendations.isEmpty {
            let reasons = Set(advice.held.map(\.reason)).sorted().map(\.phrase).joined(separator: "; ")
            return "the \(open) open person-hours cannot be filled by more people: \(reasons.isEmpty ? "no gap can take anyone" : reasons)"
        }
        // Where the open hours are, in a few words.
        let dates = Set(unfilled.map(\.date)).count
        var byNoun: [String: Set<String>] = [:]
        for u in unfilled { byNoun[UnfilledTotals.Kind(u).placeNoun, default: []].insert(u.placeID) }
        let places = byNoun.keys.sorted().map { noun in "\((byNoun[noun] ?? []).count) \(noun)" }
        return "adding people of the best \(tried.count == 1 ? "profile" : "\(tried.count) profiles") left the \(open) open person-hours open "
            + "(they are at \(places.joined(separator: ", ")) on \(dates) day\(dates == 1 ? "" : "s")): the roster's other rules, not a lack of people, hold them"
    }

    /// The median of the volunteers' weekly hour caps, or a 5-day week of the longest
    /// shift (or event) when nobody has a cap.
    static func typicalWeeklyHours(_ problem: RosterProblem) -> Double {
        let caps = problem.volunteers.compactMap(\.limits.maxHoursPerWeek).sorted()
        if !caps.isEmpty { return caps[caps.count / 2] }
        let longest = (problem.templates.map(\.hours) + problem.events.map { Double($0.window.duration) / 60 }).max() ?? 8
        return 5 * longest
    }

    /// The median of the volunteers' travel caps, `nil` when nobody has one.
    static func typicalTravelMinutes(_ problem: RosterProblem) -> Int? {
        let caps = problem.volunteers.compactMap(\.limits.maxTravelMinutes).sorted()
        return caps.isEmpty ? nil : caps[caps.count / 2]
    }

    /// `problem` with `count` new volunteers of `profile` (ids `recruit-<n>-<k>`, where `n`
    /// numbers the profile's skills and home, `k` the person): the profile's skills, home
    /// and availability, one shift or event a day, its weekly hours and travel limit.
    public static func adding(_ profile: Profile, count: Int, to problem: RosterProblem) -> RosterProblem {
        var changed = problem
        let taken = Set(problem.volunteers.map(\.id))
        let stem = "recruit-" + ([profile.skills.keys.sorted().joined(separator: "+"), profile.home ?? "anywhere"].joined(separator: "-"))
        var k = 0
        for _ in 0..<max(1, count) {
            var id: String
            repeat {
                k += 1
                id = "\(stem)-\(k)"
            } while taken.contains(id)
            var limits = ContractLimits()
            limits.maxShiftsPerDay = 1
            limits.maxHoursPerWeek = profile.maxHoursPerWeek
            limits.maxTravelMinutes = profile.maxTravelMinutes
            changed.volunteers.append(Volunteer(
                id: id, name: "recruit \(k)", skills: profile.skills, homeSite: profile.home,
                availability: Availability(weekly: profile.availability), limits: limits))
        }
        return changed
    }
}

extension Recruiter.Profile {
    /// Orders profiles that tie: by skills, then home.
    var sortKey: String { skills.keys.sorted().joined(separator: "+") + "|" + (home ?? "") }
}

extension UnfilledDemand {
    /// What the gap is a gap of: the requirement's line (or care-station shift), or the event.
    var placeID: String {
        switch kind {
        case let .slot(requirement, line, _): line ?? requirement
        case let .eventRole(event, _), let .eventTeamSize(event): event
        }
    }
}

extension UnfilledTotals.Kind {
    /// What a gap of this kind is at, counted: "hotline line(s)", "care station(s)", "event(s)".
    var placeNoun: String {
        switch self {
        case .lineSlots: "hotline line(s)"
        case .shiftCoverage: "care station(s)"
        case .eventRoles, .eventTeamSize: "event(s)"
        }
    }
}
