/// One volunteer's best schedule over the whole horizon, as a shortest path through the
/// days: the pricing engine of ``ScheduleSearch``.
///
/// Each day the volunteer is off or takes one of their items. The path's state is what
/// the sequence rules need to know about yesterday: which class of item was worked (items
/// that allow the same next-day items share a class; for forbidden successions, rest and
/// travel), how long the current run of work or of days off is (for the longest run of
/// work and the shortest runs of work and of rest, runs touching the horizon's ends exempt
/// from the minimums, as in the formulation). Those rules are kept exactly. Minutes worked
/// (in steps of the items' common divisor) and weekends worked are counted in the state
/// too while a path stays under about 10⁸ steps, and then shifts per capped template
/// while it stays under ``templateCountingBudget`` (all caps or none: one mixed-radix
/// counter). Past that they are priced instead (Lagrangian relaxation): each has a price per unit
/// that ``best(costs:shortfallRate:)`` searches (doubling, then bisection) until the path
/// keeps them, and the cheapest path that keeps them all is the answer. Minutes are the
/// exception: a window of a few shifts between the minimum and maximum is too narrow for
/// a price to land in, so where they would be priced they are counted anyway with
/// weekends priced instead, as long as the arrays fit (``exactMinutes``). A priced search
/// can leave a duality gap; column generation then settles that volunteer's pricing
/// exactly with a small MIP (``ExactPricing``). Prices on several caps and on weekends can
/// also cycle without any price vector whose path keeps them all; the search then makes
/// the rules its last path broke unbreakable (a capped type open only on the days it took
/// it most cheaply, work only on the weekends it worked most cheaply) and recomputes, so
/// that with minutes counted a path that keeps every rule always comes back (on a
/// synthetic 364-day year, 8 of 100 staff were left short of their minimum without it,
/// 2 with it). Only a band of
/// minute levels is visited and stored each day (see `levelBand`; on a year's horizon well
/// under half the levels, which is what lets minutes be counted there at all), and of
/// options that differ only by cost only the cheapest.
///
/// A volunteer is supported when every item is a shift, at most one item can be worked a
/// day, items of two days apart never interact, and the volunteer has no binding weekly
/// hour limit, no target hours (with a fairness weight) and no continuity weight;
/// ``init(formulation:volunteer:)`` returns `nil` otherwise, and the MIP-based searches
/// handle that volunteer alone.
///
/// One path costs O(days × states × items per day), with states = (classes × longest run
/// × 2 + shortest rest × 2) × minute levels × weekend levels × Π(cap + 1) when templates
/// are counted; ``best(costs:shortfallRate:)``
/// runs at most ``iterations`` paths (one when nothing is priced), or with ``exactMinutes``
/// up to 6 counted ones first.
struct ScheduleDP: Sendable {
    let volunteer: Int
    let days: Int
    /// Options of day d are `dayStart[d]..<dayStart[d + 1]`.
    let dayStart: [Int]
    /// Per option: the formulation's item id, its minutes, and its template's slot in ``capped`` (−1: none).
    let item: [Int]
    let minutes: [Int]
    let cappedSlot: [Int]
    /// Options that allow the same next-day options share a class: the path's state
    /// remembers yesterday's class, not the option. `classCompatible[d][c * count(d) + b]`:
    /// class c of day d−1 may precede option b of day d.
    let optionClass: [Int]
    let classCount: [Int]
    let classWidth: Int
    let classCompatible: [[Bool]]
    /// Options of a day that no path can tell apart but by cost (same class, minutes, cap
    /// and allowed predecessors) share a twin number: only the cheapest of them is tried.
    let twin: [Int]
    /// Minutes are counted exactly in steps of `minuteUnit` (the options' common divisor),
    /// and weekends worked up to their maximum, as far as `resolution` says.
    let minuteUnit: Int
    /// How finely a path counts: minute levels (1: minutes priced) and, when it counts
    /// weekends, their levels (the maximum + 1; a maximum of 0 is one level).
    struct Resolution: Sendable {
        var minuteLevels: Int
        var weekendLevels: Int
        var countsWeekends: Bool
        /// Whether shifts per capped template are counted in the state (each up to its
        /// cap, as digits of one mixed-radix counter above the weekends) rather than priced.
        var countsTemplates = false
    }
    /// The resolution of every path: exact counting while a path stays under about 10⁸
    /// steps, minutes first, then weekends.
    let resolution: Resolution
    /// When minutes are priced: a resolution that counts them (weekends priced), for the
    /// paths a minute price alone cannot steer into a narrow window of minutes (`nil`
    /// when its backtrack, in the band, would pass ``exactMinutesBytes``).
    private(set) var exactMinutes: Resolution?
    var levels: Int { resolution.minuteLevels }
    var countsWeekends: Bool { resolution.countsWeekends }
    /// The longest run of work (`nil`: none) and the shortest runs of work and rest (1: none).
    let maxRun: Int?
    let minRun: Int
    let minRest: Int
    /// Per day: whether working it starts a weekend worked when the day before was off
    /// (−1: not a weekend day; 1: first day of its weekend; 0: a later day).
    let weekendDay: [Int8]
    let maxWeekends: Int?
    /// Caps per template (those that can bind).
    let capped: [Int]
    /// Each capped slot's digit weight in the counter when templates are counted (the
    /// product of the lower slots' cap + 1).
    let templateStride: [Int]
    /// The most steps a path may take while it counts templates too: its parent and option
    /// arrays (8 bytes per state and day) stay under about 160 MB.
    static let templateCountingBudget = 2e7
    /// The largest product of template-cap levels kept as a stride: 2⁵³, below which a
    /// Double holds every integer exactly (and far beyond any counting budget).
    static let largestCountedCombinations = 9_007_199_254_740_992.0
    let maxMinutes: Int?
    let minMinutes: Int?
    /// The penalty column of a shortfall against minimum hours, if any.
    let shortfallColumn: Int?
    /// How many priced paths ``best(costs:shortfallRate:)`` may run.
    let iterations = 40
    /// The counting model that answers for this volunteer instead (``CountedSchedule``),
    /// when their rules count hours rather than sequences.
    private(set) var counted: CountedSchedule?

    /// This model with the costs of the volunteer's own auxiliaries read off `guide`.
    func configured(guide: [Double]) -> ScheduleDP {
        guard let counted else { return self }
        var copy = self
        copy.counted = counted.configured(guide: guide)
        return copy
    }

    /// The columns of the volunteer's own auxiliaries whose cost every path includes.
    var ownColumns: [Int] { counted?.ownColumns ?? shortfallColumn.map { [$0] } ?? [] }

    /// The volunteer's schedule model, or `nil` when their rules go beyond what it keeps
    /// (see above). `budget` is the most steps a path may take while counting, and
    /// `templateBudget` while counting the caps per template too (tests
    /// lower it to exercise pricing). O(items + days × items per day²).
    init?(formulation: RosterFormulation, volunteer v: Int, budget: Double = 1e8, templateBudget: Double = templateCountingBudget) {
        // One context (the volunteer's items by day, filtered by the per-day hour limits)
        // for the catalog's refusals and both models.
        let context = ScheduleContext(formulation: formulation, volunteer: v)
        if let sequence = ScheduleDP(sequence: context, budget: budget, templateBudget: templateBudget) {
            self = sequence
        } else if let counted = CountedSchedule(context) {
            self.init(counted: counted, formulation: formulation)
        } else {
            return nil
        }
    }

    /// The counting model of a volunteer whose rules count hours (``CountedSchedule``):
    /// every sequence field is neutral (no class, no cap, no weekend, nothing priced), and
    /// paths are delegated to it.
    private init(counted: CountedSchedule, formulation: RosterFormulation) {
        let n = counted.optionCount, D = counted.days
        self.counted = counted
        volunteer = counted.volunteer
        days = D
        dayStart = counted.dayStart
        item = counted.item
        minutes = counted.item.map { formulation.items[$0].interval.length }
        cappedSlot = [Int](repeating: -1, count: n)
        optionClass = [Int](repeating: 0, count: n)
        classCount = [Int](repeating: 1, count: D)
        classWidth = 1
        classCompatible = [[Bool]](repeating: [], count: D)
        twin = Array(0..<n)
        minuteUnit = 1
        resolution = Self.relaxed
        exactMinutes = nil
        maxRun = counted.maxRun
        minRun = 1
        minRest = 1
        weekendDay = [Int8](repeating: -1, count: D)
        maxWeekends = nil
        capped = []
        templateStride = []
        maxMinutes = nil
        minMinutes = nil
        shortfallColumn = nil
    }

    /// The sequence model (see above), or `nil`.
    private init?(sequence context: ScheduleContext, budget: Double, templateBudget: Double) {
        counted = nil
        let formulation = context.formulation, v = context.v
        let index = formulation.index
        let problem = index.problem
        let volunteer = problem.volunteers[v]
        let limits = volunteer.limits
        let mine = formulation.itemsByVolunteer[v]
        let items = formulation.items
        let D = problem.horizon.days
        // The catalog decides which rules this model keeps (events, weekly hours, several
        // items a day, items two days apart that meet: see each rule's treatment).
        guard !mine.isEmpty, D > 0, RuleCatalog.refusal(in: .sequence, context) == nil else { return nil }
        // A single choice a day: the per-day hour limits only filter items.
        let byDay = context.byDay
        guard byDay.contains(where: { !$0.isEmpty }) else { return nil }

        let T = problem.templates.count
        var capped: [Int] = []
        var slotOf = [Int](repeating: -1, count: T)
        var perTemplate = [Int](repeating: 0, count: T)
        for d in 0..<D { for id in byDay[d] { perTemplate[items[id].template!] += 1 } }
        for t in 0..<T where perTemplate[t] > 0 {
            if let cap = index.cap(volunteer: v, template: t), cap < perTemplate[t] {
                slotOf[t] = capped.count
                capped.append(cap)
            }
        }
        // The backtrack stores an option's position within its day in 16 bits.
        guard byDay.allSatisfy({ $0.count <= Self.mostOptionsADay }) else { return nil }
        var dayStart = [0], item: [Int] = [], minutes: [Int] = [], cappedSlot: [Int] = []
        for d in 0..<D {
            for id in byDay[d] {
                item.append(id)
                minutes.append(items[id].interval.length)
                cappedSlot.append(slotOf[items[id].template!])
            }
            dayStart.append(item.count)
        }
        var compatible: [[Bool]] = [[]]
        for d in 1..<D {
            let previous = byDay[d - 1], today = byDay[d]
            var table = [Bool](repeating: false, count: previous.count * today.count)
            for (i, a) in previous.enumerated() {
                for (j, b) in today.enumerated() { table[i * today.count + j] = formulation.mayFollow(a, b) }
            }
            compatible.append(table)
        }
        var optionClass = [Int](repeating: 0, count: item.count)
        var classCount = [Int](repeating: 0, count: D)
        var classCompatible: [[Bool]] = [[]]
        for d in 0..<D {
            let n = byDay[d].count
            guard d + 1 < D else {
                classCount[d] = n > 0 ? 1 : 0
                break
            }
            let m = byDay[d + 1].count
            var rows: [[Bool]: Int] = [:]
            var table: [Bool] = []
            for o in 0..<n {
                let row = Array(compatible[d + 1][(o * m)..<((o + 1) * m)])
                if let c = rows[row] {
                    optionClass[dayStart[d] + o] = c
                } else {
                    rows[row] = rows.count
                    optionClass[dayStart[d] + o] = rows.count - 1
                    table += row
                }
            }
            classCount[d] = rows.count
            classCompatible.append(table)
        }
        let classWidth = max(classCount.max() ?? 1, 1)
        var weekendDay = [Int8](repeating: -1, count: D)
        for weekend in problem.horizon.weekends {
            for (k, d) in weekend.enumerated() { weekendDay[d] = k == 0 || weekend[k - 1] != d - 1 ? 1 : 0 }
        }
        let possible = mine.reduce(0.0) { $0 + items[$1].hours }
        let maxMinutes = limits.maxHoursPerPeriod.flatMap { possible > $0 ? Int(($0 * 60).rounded(.down)) : nil }
        let minMinutes = limits.minHoursPerPeriod.flatMap { $0 > 0 ? Int(($0 * 60).rounded(.up)) : nil }
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let unit = max(minutes.reduce(0, gcd), 1)
        let top = maxMinutes.map { $0 / unit } ?? minMinutes.map { ($0 + unit - 1) / unit } ?? 0
        // Runs longer than the horizon count like the horizon: the state stays within the problem's size.
        let run = min(max(limits.maxConsecutiveDays ?? 1, limits.minConsecutiveDays ?? 1, 1), D + 1)
        let core = Double(classWidth * run * 2 + min(max(limits.minConsecutiveDaysOff ?? 1, 1), D + 1) * 2)
        let perState = Double(D) * (Double(item.count) / Double(D) + 1)
        let weekendsBind = limits.maxWeekends.map { $0 < problem.horizon.weekends.count } ?? false
        // Count exactly while a path stays under ~10⁸ steps: minutes first, then weekends.
        let minuteLevels = perState * core * Double(top + 1) <= budget ? top + 1 : 1
        let weekendLevels = weekendsBind ? (limits.maxWeekends ?? 0) + 1 : 1
        self.minuteUnit = unit
        let countsWeekends = weekendsBind && perState * core * Double(minuteLevels * weekendLevels) <= budget
        // Then the caps per template, when everything else is counted and the product of
        // their levels fits: the path is then the cheapest schedule, with no price to search.
        // A stride is read only when the caps are counted, which needs their product within
        // the budget; past that (a year of 32 capped shift types: far beyond Int) it is 0,
        // never converted from a Double that Int cannot hold.
        var strides: [Int] = [], combinations = 1.0
        for cap in capped {
            strides.append(combinations <= Self.largestCountedCombinations ? Int(combinations) : 0)
            combinations *= Double(cap + 1)
        }
        let countedSteps = perState * core * Double(minuteLevels) * Double(countsWeekends ? weekendLevels : 1) * combinations
        let countsTemplates = !capped.isEmpty && (minuteLevels > 1 || (maxMinutes == nil && minMinutes == nil))
            && (countsWeekends || !weekendsBind) && countedSteps <= min(budget, templateBudget)
        self.templateStride = strides
        self.resolution = Resolution(minuteLevels: minuteLevels, weekendLevels: countsWeekends ? weekendLevels : 1, countsWeekends: countsWeekends,
                                     countsTemplates: countsTemplates)
        // Minutes counted only for their window: decided below, by the backtrack's bytes in
        // the band (here only whether a band could be small enough: 6 bytes per state).
        self.exactMinutes = minuteLevels == 1 && top > 0 && (maxMinutes != nil || minMinutes != nil)
            && Double(D) * core * Double(top + 1) * 6 <= Self.exactMinutesBytes * Self.bandShareBound
            ? Resolution(minuteLevels: top + 1, weekendLevels: 1, countsWeekends: false) : nil
        self.optionClass = optionClass
        self.classCount = classCount
        self.classWidth = classWidth
        self.classCompatible = classCompatible
        var twin = [Int](repeating: 0, count: item.count)
        for d in 0..<D {
            let n = dayStart[d + 1] - dayStart[d]
            var seen: [[Int]: Int] = [:]
            for o in 0..<n {
                let k = dayStart[d] + o
                var key = [optionClass[k], minutes[k], cappedSlot[k]]
                if d > 0 { for c in 0..<classCount[d - 1] { key.append(classCompatible[d][c * n + o] ? 1 : 0) } }
                if let t = seen[key] { twin[k] = t } else { seen[key] = seen.count; twin[k] = seen.count - 1 }
            }
        }
        self.twin = twin
        self.volunteer = v
        self.days = D
        self.dayStart = dayStart
        self.item = item
        self.minutes = minutes
        self.cappedSlot = cappedSlot
        self.maxRun = limits.maxConsecutiveDays.map { min(max($0, 0), D + 1) }
        self.minRun = min(max(limits.minConsecutiveDays ?? 1, 1), D + 1)
        self.minRest = min(max(limits.minConsecutiveDaysOff ?? 1, 1), D + 1)
        self.weekendDay = weekendDay
        self.maxWeekends = weekendsBind ? limits.maxWeekends : nil
        self.capped = capped
        self.maxMinutes = maxMinutes
        self.minMinutes = minMinutes
        self.shortfallColumn = formulation.periodShortfall[v]
        if let exact = exactMinutes, backtrackBytes(exact) > Self.exactMinutesBytes { exactMinutes = nil }
    }

    /// Counting every level may take at most this many times ``exactMinutesBytes`` before the
    /// band is computed at all (a band rarely keeps under an eighth of the levels).
    static let bandShareBound = 8.0

    var optionCount: Int { item.count }

    /// Whether ``best(costs:shortfallRate:)`` is exact: no rule is priced, so its path is
    /// the cheapest schedule (column generation may then stop when nothing prices out).
    var pricesExactly: Bool {
        (capped.isEmpty || resolution.countsTemplates) && (maxWeekends == nil || countsWeekends) && (levels > 1 || (maxMinutes == nil && minMinutes == nil))
    }

    /// The prices of the counted rules: per minute worked (only when minutes are not
    /// counted exactly; negative rewards minutes, to reach a minimum), per shift of each
    /// capped template, per weekend worked.
    struct Prices {
        var minute = 0.0
        var template: [Double]
        var weekend = 0.0
    }

    /// The cheapest path at `costs` (per option) plus `prices`, with `shortfallRate` per
    /// minute short of the minimum hours when minutes are counted exactly: the option
    /// chosen on each day, −1 for a day off (a counting model's path lists the options
    /// taken instead, several on a day when its choice takes several; read a path with
    /// `where k >= 0`, never by day). Deterministic: ties go to the lower state.
    func shortestPath(costs: [Double], prices: Prices, shortfallRate: Double, resolution: Resolution? = nil) -> (path: [Int], value: Double) {
        if let counted { return counted.shortestPath(costs: costs) }
        let resolution = resolution ?? self.resolution
        let shape = stateShape(resolution)
        let R = shape.runs
        guard R >= 1 else { return ([Int](repeating: -1, count: days), 0) }
        let Q = minRest, L = resolution.minuteLevels, unit = minuteUnit
        let countsWeekends = resolution.countsWeekends, countsTemplates = resolution.countsTemplates
        let weekendLevels = resolution.weekendLevels
        let W = shape.counter, offBase = shape.workStates, core = shape.core
        let block = W * L
        let S = core * block
        // A state is (core, weekends worked, minute level), at ((core × W) + counter) × L +
        // level; `work`/`off` give its core index, whose block starts at core × `block`.
        @inline(__always) func work(_ c: Int, _ r: Int, _ e: Int) -> Int { ((c * R) + (r - 1)) * 2 + e }
        @inline(__always) func off(_ r: Int, _ e: Int) -> Int { offBase + (r - 1) * 2 + e }
        // Raw buffers: this loop is the pricing's whole cost, and bounds checks double it.
        var value = UnsafeMutableBufferPointer<Double>.allocate(capacity: S)
        var next = UnsafeMutableBufferPointer<Double>.allocate(capacity: S)
        defer {
            value.deallocate()
            next.deallocate()
        }
        value.initialize(repeating: .infinity)
        next.initialize(repeating: .infinity)
        // Option cost with its prices.
        var priced = [Double](repeating: 0, count: optionCount)
        var units = [Int](repeating: 0, count: optionCount)
        // Per option: its template's digit weight in the counter (0: not counted) and cap.
        var weightOf = [Int](repeating: 0, count: optionCount), capOf = [Int](repeating: 0, count: optionCount)
        for k in 0..<optionCount {
            var c = costs[k]
            if L == 1 { c += prices.minute * Double(minutes[k]) } else { units[k] = minutes[k] / unit }
            if cappedSlot[k] >= 0 {
                if countsTemplates {
                    weightOf[k] = weekendLevels * templateStride[cappedSlot[k]]
                    capOf[k] = capped[cappedSlot[k]]
                } else {
                    c += prices.template[cappedSlot[k]]
                }
            }
            priced[k] = c
        }
        // The counter after working option k with `step` new weekends, or −1 past a limit.
        @inline(__always) func advance(_ w: Int, _ step: Int, _ k: Int) -> Int {
            if step > 0 && w % weekendLevels + step >= weekendLevels { return -1 }
            let weight = weightOf[k]
            if weight == 0 { return w + step }
            if (w / weight) % (capOf[k] + 1) >= capOf[k] { return -1 }
            return w + step + weight
        }
        // Levels count minutes in units up to the maximum; without one they saturate at the minimum.
        let saturates = maxMinutes == nil
        let weekendPrice = countsWeekends ? 0 : prices.weekend
        // Only a band of minute levels matters each day. Above it no path can have worked so
        // much yet; below it no path can still reach the minimum, so the shortfall is certain
        // and linear in the level, and every such level folds into the band's lowest one
        // (its cost plus the shortfall the difference will cost at the end).
        let band = L > 1 ? levelBand(units: units, levels: L) : nil
        // The backtrack's arrays keep, per day, only the band's levels of each (core,
        // counter) pair: a day's states written all lie in it (levels below are folded up,
        // levels above cannot be reached), and on a year's horizon the band is well under
        // half the levels on average. `slot(d, t)` is state t of day d's entry.
        let storage = Self.bandStorage(band: band, days: days, levels: L, pairs: S / L)
        let storeLow = storage.low, storeWidth = storage.width, storeStart = storage.start
        @inline(__always) func slot(_ d: Int, _ t: Int) -> Int {
            let l = t % L - storeLow[d]
            assert(l >= 0 && l < storeWidth[d], "a state outside the day's band")
            return storeStart[d] + (t / L) * storeWidth[d] + l
        }
        // Per stored state: the state it came from the day before, and the option taken (its
        // position within the day, −1 for a day off). Left as allocated (the arrays are large):
        // every entry the backtrack reads was written when its state's value became finite.
        let parent = UnsafeMutableBufferPointer<Int32>.allocate(capacity: storeStart[days])
        let taken = UnsafeMutableBufferPointer<Int16>.allocate(capacity: storeStart[days])
        defer {
            parent.deallocate()
            taken.deallocate()
        }
        let foldRate = shortfallRate * Double(unit)
        var lowNow = 0
        for d in 0..<days {
            let levelsNow = d > 0 ? (band.map { $0.high[d - 1] + 1 } ?? 1) : 1
            let lowNext = band.map { $0.low[d] } ?? 0
            defer { lowNow = lowNext }
            for s in 0..<S { next[s] = .infinity }
            let first = dayStart[d], n = dayStart[d + 1] - first
            let weekend = weekendDay[d]
            // Working today starts a new weekend worked: always on its first day, on a later
            // day only after a day off.
            let newAfterWork = weekend == 1 ? 1 : 0
            let newAfterRest = weekend >= 0 ? 1 : 0
            let chargeAfterWork = Double(newAfterWork) * weekendPrice, chargeAfterRest = Double(newAfterRest) * weekendPrice
            let stepAfterWork = countsWeekends ? newAfterWork : 0, stepAfterRest = countsWeekends ? newAfterRest : 0
            let storeLowToday = storeLow[d], storeWidthToday = storeWidth[d], storeStartToday = storeStart[d]
            // Relaxes the state (core, w, level) of the next day. No division: this is the
            // innermost step, once per state and option, and `slot(_:_:)`'s quotient and
            // remainder by L took about an eighth of a first pass on a Curtois-shaped year
            // (50 × 364 × 10: 22.6 s with them, 19.6 s without).
            @inline(__always) func relax(_ core: Int, _ w: Int, _ level: Int, _ cost: Double, _ from: Int, _ k: Int) {
                if w < 0 { return }
                var l = level, v = cost
                if l >= L { if saturates { l = L - 1 } else { return } }
                if l < lowNext {
                    v += foldRate * Double(lowNext - l)
                    l = lowNext
                }
                let pair = core * W + w
                let t = pair * L + l
                if v < next[t] {
                    next[t] = v
                    // A state above the day's band is never expanded (only a folded level,
                    // whose shortfall is already certain, gets there): nothing reads its entry.
                    guard l - lowNext < storeWidthToday else { return }
                    let i = storeStartToday + pair * storeWidthToday + (l - storeLowToday)
                    assert(i == slot(d, t), "the slot of a state")
                    parent[i] = Int32(from)
                    taken[i] = Int16(k < 0 ? -1 : k - first)
                }
            }
            // The cheapest of each set of twins (the first on ties); the rest cannot win.
            // (Twin numbers restart each day, below the day's option count.)
            var cheapest = [Int](repeating: -1, count: n)
            for k in first..<(first + n) where cheapest[twin[k]] < 0 || priced[k] < priced[cheapest[twin[k]]] { cheapest[twin[k]] = k }
            let tried = (0..<n).filter { cheapest[twin[first + $0]] == first + $0 }
            if d == 0 {
                relax(off(1, 1 >= Q ? 0 : 1), 0, 0, 0, -1, -1)
                for o in tried {
                    let k = first + o
                    relax(work(optionClass[k], 1, 1 >= minRun ? 0 : 1), advance(0, stepAfterRest, k), units[k], priced[k] + chargeAfterRest, -1, k)
                }
            } else {
                let table = classCompatible[d]
                for c in 0..<classCount[d - 1] {
                    // The options tried today that class c may precede, once per class
                    // rather than tested for every state.
                    let follows = tried.filter { table[c * n + $0] }
                    for r in 1...R {
                        for e in 0...1 {
                            let base = work(c, r, e) * block
                            let canRest = e == 1 || r >= minRun
                            let canWork = maxRun.map { r + 1 <= $0 } ?? true
                            let r2 = min(r + 1, R)
                            let e2 = r2 >= minRun ? 0 : e
                            for w in 0..<W {
                                for l in lowNow..<levelsNow {
                                    let from = base + w * L + l
                                    let v = value[from]
                                    if v == .infinity { continue }
                                    if canRest { relax(off(1, 0), w, l, v, from, -1) }
                                    guard canWork else { continue }
                                    for o2 in follows {
                                        let k = first + o2
                                        relax(work(optionClass[k], r2, e2), advance(w, stepAfterWork, k), l + units[k], v + priced[k] + chargeAfterWork, from, k)
                                    }
                                }
                            }
                        }
                    }
                }
                for r in 1...Q {
                    for e in 0...1 {
                        let base = off(r, e) * block
                        let r2 = min(r + 1, Q)
                        let canWork = e == 1 || r >= Q
                        for w in 0..<W {
                            for l in lowNow..<levelsNow {
                                let from = base + w * L + l
                                let v = value[from]
                                if v == .infinity { continue }
                                relax(off(r2, r2 >= Q ? 0 : e), w, l, v, from, -1)
                                guard canWork else { continue }
                                for o2 in tried {
                                    let k = first + o2
                                    relax(work(optionClass[k], 1, 0), advance(w, stepAfterRest, k), l + units[k], v + priced[k] + chargeAfterRest, from, k)
                                }
                            }
                        }
                    }
                }
            }
            swap(&value, &next)
        }
        // The end: any state (runs touching the end are exempt), plus the shortfall.
        var s = -1, bestValue = Double.infinity
        for t in 0..<S where value[t] < .infinity {
            var v = value[t]
            if L > 1, let m = minMinutes { v += shortfallRate * Double(max(0, m - (t % L) * unit)) }
            if v < bestValue { bestValue = v; s = t }
        }
        var chosen = [Int](repeating: -1, count: days)
        guard s >= 0 else { return (chosen, .infinity) }
        for d in stride(from: days - 1, through: 0, by: -1) {
            let i = slot(d, s)
            chosen[d] = taken[i] < 0 ? -1 : dayStart[d] + Int(taken[i])
            s = Int(parent[i])
            if s < 0 { break }
        }
        return (chosen, bestValue)
    }

    /// Where each day's states sit in the backtrack's arrays: per day the lowest level kept
    /// and how many (the band's, every level from its low up on the last day, or every
    /// level without a band), and the day's first entry
    /// (`start[days]` is the total). `pairs`: (core, counter) pairs, each with one run of
    /// levels. O(days).
    private static func bandStorage(band: (low: [Int], high: [Int])?, days: Int, levels: Int, pairs: Int)
        -> (low: [Int], width: [Int], start: [Int]) {
        var low = [Int](repeating: 0, count: days), width = [Int](repeating: levels, count: days)
        var start = [Int](repeating: 0, count: days + 1)
        for d in 0..<days {
            if let band {
                low[d] = band.low[d]
                // The last day keeps every level from its low up: the end reads any state.
                width[d] = (d + 1 < days ? band.high[d] + 1 : levels) - band.low[d]
            }
            start[d + 1] = start[d] + pairs * width[d]
        }
        return (low, width, start)
    }

    /// About how many states one path visits (the stored band at the resolution paths are
    /// found at; a counting model's days × options): the measure of a path's work that
    /// decides whether ``ScheduleSearch`` re-plans volunteers two at a time. O(days).
    var pathStates: Double {
        if counted != nil { return Double(optionCount) * Double(days) }
        return backtrackBytes(exactMinutes ?? resolution) / 6
    }

    /// Bytes of the backtrack's arrays (4 + 2 per stored state) for one path at
    /// `resolution`: what decides whether minutes can be counted. O(days × (run + rest)).
    func backtrackBytes(_ resolution: Resolution) -> Double {
        let L = resolution.minuteLevels
        let shape = stateShape(resolution)
        // No run of work allowed: the path is all days off, with no backtrack.
        guard shape.runs >= 1 else { return 0 }
        let pairs = shape.core * shape.counter
        let units = minutes.map { $0 / minuteUnit }
        let band = L > 1 ? levelBand(units: units, levels: L) : nil
        return Double(Self.bandStorage(band: band, days: days, levels: L, pairs: pairs).start[days]) * 6
    }

    /// A path's states at `resolution` apart from minute levels: the runs tracked (`runs`;
    /// below 1, no work is allowed), the work states (class × run × exempt, before the
    /// rest states), all of them (`core`), and the counter's levels (weekends worked in its
    /// lowest digit, shifts per capped template above, when counted). O(caps).
    private func stateShape(_ resolution: Resolution) -> (runs: Int, workStates: Int, core: Int, counter: Int) {
        let R = maxRun ?? minRun
        let counter = resolution.weekendLevels * (resolution.countsTemplates ? capped.reduce(1) { $0 * ($1 + 1) } : 1)
        let workStates = classWidth * R * 2
        return (R, workStates, workStates + minRest * 2, counter)
    }

    /// The most options of one day the sequence model takes (a position in an `Int16`).
    static let mostOptionsADay = Int(Int16.max)

    /// The most bytes a path's backtrack may take when minutes are counted only to land in
    /// their window (``exactMinutes``).
    static let exactMinutesBytes = 512.0 * 1_048_576

    /// The band of minute levels worth keeping at the end of each day: `high[d]`, the most
    /// units any schedule can have worked by then, and `low[d]`, the highest level from
    /// which even the most work left cannot reach the minimum (0 without one). Both come
    /// from the most units a run of days can hold under the longest run of work and the
    /// shortest rest between runs (other rules only lower it, so the band is safe).
    /// O(days × (longest run + shortest rest)).
    private func levelBand(units: [Int], levels: Int) -> (low: [Int], high: [Int]) {
        let dayUnits = (0..<days).map { d in (dayStart[d]..<dayStart[d + 1]).reduce(0) { max($0, units[$1]) } }
        let before = mostUnits(dayUnits)
        let after = Array(mostUnits(dayUnits.reversed()).reversed())
        var low = [Int](repeating: 0, count: days), high = [Int](repeating: 0, count: days)
        let needed = minMinutes.map { ($0 + minuteUnit - 1) / minuteUnit }
        for d in 0..<days {
            high[d] = min(before[d], levels - 1)
            // Levels up to `needed − 1 − most after d` cannot reach the minimum any more.
            if let needed { low[d] = min(max(0, needed - 1 - (d + 1 < days ? after[d + 1] : 0)), high[d]) }
        }
        return (low, high)
    }

    /// Per prefix of `dayUnits` (units the day's best option is worth, 0 when it has
    /// none): the most units a schedule can work in it, with runs of work no longer than
    /// the longest run and rests between runs no shorter than the shortest rest (a rest
    /// at the start is exempt). The rules read the same backwards, so a reversed input
    /// gives the suffixes.
    private func mostUnits(_ dayUnits: some Sequence<Int>) -> [Int] {
        let R = maxRun ?? days, Q = minRest
        // States: 0 = the opening rest, 1...R = run of work, R + 1...R + Q = rest (R + Q: long enough).
        var best = [Int](repeating: Int.min, count: R + Q + 1)
        var next = best
        best[0] = 0
        var result: [Int] = []
        for u in dayUnits {
            for s in next.indices { next[s] = Int.min }
            for s in best.indices where best[s] != Int.min {
                let v = best[s]
                // A day off.
                let rest = s == 0 ? 0 : (s <= R ? R + 1 : min(s + 1, R + Q))
                next[rest] = max(next[rest], v)
                // A day of work.
                guard u > 0 else { continue }
                let work: Int? = s == 0 || s == R + Q ? 1 : (s < R ? s + 1 : nil)
                if let work { next[work] = max(next[work], v + u) }
            }
            swap(&best, &next)
            result.append(best.max()!)
        }
        return result
    }

    /// What a path uses of the counted rules.
    struct Usage {
        var minutes = 0
        var perTemplate: [Int]
        var weekends = 0
    }

    /// `path`: one option a day (−1 off) from the sequence model, the options taken from
    /// the counting model (which counts nothing here: only the minutes matter).
    func usage(_ path: [Int]) -> Usage {
        var u = Usage(perTemplate: [Int](repeating: 0, count: capped.count))
        if counted != nil {
            for k in path where k >= 0 { u.minutes += minutes[k] }
            return u
        }
        for d in 0..<days where path[d] >= 0 {
            let k = path[d]
            u.minutes += minutes[k]
            if cappedSlot[k] >= 0 { u.perTemplate[cappedSlot[k]] += 1 }
            if weekendDay[d] == 1 || (weekendDay[d] == 0 && path[d - 1] < 0) { u.weekends += 1 }
        }
        return u
    }

    /// Whether a path with usage `u` keeps the counted rules (the minimum hours aside,
    /// whose shortfall is paid for).
    func keeps(_ u: Usage) -> Bool {
        if let m = maxMinutes, u.minutes > m { return false }
        if let m = maxWeekends, u.weekends > m { return false }
        return zip(u.perTemplate, capped).allSatisfy { $0 <= $1 }
    }

    /// A lower bound on the cost of every schedule that keeps the counted rules, from a
    /// cheapest path's `value` at `prices`: the value less what the prices would pay at the
    /// rules' limits (a negative minute price pays at the minimum).
    func lagrangian(_ value: Double, at prices: Prices) -> Double {
        var bound = value - prices.weekend * Double(maxWeekends ?? 0)
        for (slot, cap) in capped.enumerated() { bound -= prices.template[slot] * Double(cap) }
        if prices.minute > 0 { bound -= prices.minute * Double(maxMinutes ?? 0) }
        if prices.minute < 0 { bound -= prices.minute * Double(minMinutes ?? 0) }
        return bound
    }

    /// Every counted rule priced: one cheap path (O(days × classes × runs × items per
    /// day)), the resolution of the subgradient ascent in ``ColumnGeneration``.
    static let relaxed = Resolution(minuteLevels: 1, weekendLevels: 1, countsWeekends: false)

    /// The cheapest path that keeps the counted rules, by the options' `costs` plus
    /// `shortfallRate` per minute short of the minimum hours (`nil` when no priced path
    /// kept them), and a lower bound on the cost of every schedule that keeps them (the
    /// best Lagrangian value seen: a priced path's value less what its prices would pay
    /// at the limits). Each price searches for its level: steps that double until the
    /// rule flips, then bisection between the last price too low and the first too high.
    ///
    /// A minute price alone often cannot land a path inside a narrow window of minutes
    /// (the path jumps from far below the minimum to far above the maximum at one price):
    /// where ``exactMinutes`` allows, the search counts them and prices only weekends and
    /// template caps, falling back to priced minutes only if that finds no path.
    func best(costs: [Double], shortfallRate: Double) -> (best: (path: [Int], cost: Double)?, bound: Double) {
        if let counted {
            // Every rule is kept in the state: the cheapest path is the cheapest schedule.
            let (path, value) = counted.shortestPath(costs: costs)
            return value.isFinite ? ((path, value), value) : (nil, value)
        }
        guard let exact = exactMinutes else {
            var result = search(costs: costs, shortfallRate: shortfallRate, resolution: resolution, iterations: iterations)
            if result.best == nil, resolution.minuteLevels > 1 || (maxMinutes == nil && minMinutes == nil), let last = result.last {
                result.best = restricted(costs: costs, shortfallRate: shortfallRate, resolution: resolution, from: last)
            }
            return (result.best, result.bound)
        }
        // Counting minutes first: a minute price that lands in the window is the exception.
        var result = search(costs: costs, shortfallRate: shortfallRate, resolution: exact, iterations: 6, refinements: 2)
        if result.best == nil, let last = result.last {
            result.best = restricted(costs: costs, shortfallRate: shortfallRate, resolution: exact, from: last)
        }
        if result.best == nil {
            let second = search(costs: costs, shortfallRate: shortfallRate, resolution: resolution, iterations: iterations)
            result = (second.best, max(result.bound, second.bound), second.last)
        }
        return (result.best, result.bound)
    }

    /// One price search at `resolution`: at most `iterations` paths, and at most `limit`
    /// more once a path keeps every rule.
    private func search(costs: [Double], shortfallRate: Double, resolution: Resolution, iterations: Int, refinements limit: Int = 6)
        -> (best: (path: [Int], cost: Double)?, bound: Double, last: [Int]?) {
        let meanMinutes = max(1, Double(minutes.reduce(0, +)) / Double(max(optionCount, 1)))
        let scale = max(1, costs.reduce(0) { $0 + ($1.isFinite ? abs($1) : 0) } / Double(max(optionCount, 1)))
        let pricesMinutes = resolution.minuteLevels == 1, pricesWeekends = !resolution.countsWeekends
        var minute = PriceSearch(step: scale / meanMinutes, floor: -shortfallRate)
        var weekend = PriceSearch(step: scale, floor: 0)
        var template = [PriceSearch](repeating: PriceSearch(step: scale, floor: 0), count: capped.count)
        var best: (path: [Int], cost: Double)?
        // After the first path that keeps every rule, a few more refine the prices downwards.
        var refinements = 0
        var bound = -Double.infinity
        var last: [Int]?
        for _ in 0..<iterations {
            let prices = Prices(minute: minute.price, template: template.map(\.price), weekend: pricesWeekends ? weekend.price : 0)
            let (path, value) = shortestPath(costs: costs, prices: prices, shortfallRate: shortfallRate, resolution: resolution)
            guard value.isFinite else { break }
            last = path
            bound = max(bound, lagrangian(value, at: prices))
            let u = usage(path)
            var minuteSign = 0
            if let m = maxMinutes, u.minutes > m { minuteSign = 1 }
            if pricesMinutes, let m = minMinutes, u.minutes < m, shortfallRate > 0 { minuteSign = -1 }
            if keeps(u) {
                let c = trueCost(path, u, costs: costs, shortfallRate: shortfallRate)
                if best.map({ c < $0.cost - 1e-9 }) ?? true { best = (path, c) }
                let priced = prices.minute != 0 || prices.weekend > 0 || prices.template.contains { $0 > 0 }
                if minuteSign == 0 && (!priced || refinements >= limit) { break }
            }
            if best != nil { refinements += 1 }
            if pricesMinutes { minute.move(minuteSign) }
            for (slot, cap) in capped.enumerated() {
                let count = u.perTemplate[slot]
                template[slot].move(count > cap ? 1 : (template[slot].price > 0 && count < cap ? -1 : 0))
            }
            if pricesWeekends, let m = maxWeekends {
                weekend.move(u.weekends > m ? 1 : (weekend.price > 0 && u.weekends < m ? -1 : 0))
            }
        }
        return (best, bound, last)
    }

    /// What `path` costs at `costs` with its shortfall against the minimum minutes.
    private func trueCost(_ path: [Int], _ u: Usage, costs: [Double], shortfallRate: Double) -> Double {
        var c = 0.0
        for k in path where k >= 0 { c += costs[k] }
        if let m = minMinutes, u.minutes < m { c += shortfallRate * Double(m - u.minutes) }
        return c
    }

    /// A path that keeps the counted rules by restriction rather than by price, for when
    /// the price search finds none: prices on several caps and on weekends interact (a
    /// price that moves work off one capped shift type moves it onto another, or onto a
    /// weekend), and their searches can cycle without a price vector whose path keeps
    /// them all. Starting from the search's `last` path, each rule it breaks is made
    /// unbreakable: a capped type stays open only on the `cap` days the path took it most
    /// cheaply, and work only on the `maxWeekends` weekends it worked most cheaply. The
    /// path is recomputed with nothing priced (minutes counted at `resolution`, so the
    /// minimum is still sought), and again while it breaks a rule not yet restricted:
    /// each round closes at least one rule, so at most caps + 2 paths. A heuristic (the
    /// restriction may cut off the cheapest schedule, or every one that reaches the
    /// minimum); `nil` when its path still breaks a rule.
    /// O((caps + 2) × one path at `resolution`).
    private func restricted(costs original: [Double], shortfallRate: Double, resolution: Resolution, from start: [Int]) -> (path: [Int], cost: Double)? {
        var costs = original
        var path = start
        let unpriced = Prices(template: [Double](repeating: 0, count: capped.count))
        // Weekends as runs of days: a first day (1) and the later days (0) after it.
        var weekends: [[Int]] = []
        for d in 0..<days where weekendDay[d] >= 0 {
            if weekendDay[d] == 1 || weekends.isEmpty { weekends.append([d]) } else { weekends[weekends.count - 1].append(d) }
        }
        for _ in 0..<(capped.count + 2) {
            let u = usage(path)
            if keeps(u) { return (path, trueCost(path, u, costs: original, shortfallRate: shortfallRate)) }
            for (slot, cap) in capped.enumerated() where u.perTemplate[slot] > cap {
                let taken = (0..<days).filter { path[$0] >= 0 && cappedSlot[path[$0]] == slot }
                    .sorted { costs[path[$0]] != costs[path[$1]] ? costs[path[$0]] < costs[path[$1]] : $0 < $1 }
                let open = Set(taken.prefix(cap))
                for d in 0..<days where !open.contains(d) {
                    for k in dayStart[d]..<dayStart[d + 1] where cappedSlot[k] == slot { costs[k] = .infinity }
                }
            }
            if let m = maxWeekends, u.weekends > m {
                let worked = weekends.indices.filter { w in weekends[w].contains { path[$0] >= 0 } }
                func value(_ w: Int) -> Double { weekends[w].reduce(0) { $0 + (path[$1] >= 0 ? costs[path[$1]] : 0) } }
                let open = Set(worked.sorted { value($0) != value($1) ? value($0) < value($1) : $0 < $1 }.prefix(m))
                for w in weekends.indices where !open.contains(w) {
                    for d in weekends[w] { for k in dayStart[d]..<dayStart[d + 1] { costs[k] = .infinity } }
                }
            }
            let (next, value) = shortestPath(costs: costs, prices: unpriced, shortfallRate: shortfallRate, resolution: resolution)
            guard value.isFinite else { return nil }
            path = next
        }
        let u = usage(path)
        return keeps(u) ? (path, trueCost(path, u, costs: original, shortfallRate: shortfallRate)) : nil
    }
}

/// The search for one Lagrangian price: move up while its rule is broken from above, down
/// while the price is more than it needs; steps double until the direction flips, after
/// which the price bisects between the highest price known too low and the lowest known
/// too high. (Doubling and halving alone can cycle: up, down by half, up by double, …)
struct PriceSearch {
    private(set) var price = 0.0
    private var step: Double
    private let floor: Double
    private var tooLow = -Double.infinity, tooHigh = Double.infinity

    init(step: Double, floor: Double) {
        self.step = step
        self.floor = floor
    }

    /// `sign`: +1 the price must rise, −1 it may fall, 0 it is right.
    mutating func move(_ sign: Int) {
        if sign == 0 { return }
        if sign > 0 { tooLow = max(tooLow, price) } else { tooHigh = min(tooHigh, price) }
        if tooLow.isFinite && tooHigh.isFinite {
            price = (tooLow + tooHigh) / 2
        } else {
            price = max(price + Double(sign) * step, floor)
            step *= 2
        }
    }
}
