/// One volunteer's best schedule when their rules count hours: a shortest path through
/// the days whose state counts what the federation's rosters limit — hours this week,
/// hours over the horizon, and the current run of working days.
///
/// ``ScheduleDP`` keeps sequence rules exactly (classes of yesterday's item, minimum runs,
/// weekends) and prices counted ones; the volunteers of a hotline month have the opposite
/// shape: at most one assignment a day, a weekly hour cap that binds, a target for their
/// hours, and a longest run of working days. This model keeps all of those exactly in the
/// path's state, so its cheapest path is the volunteer's cheapest schedule and column
/// generation's bound is exact for them:
///
/// | rule | treatment |
/// |---|---|
/// | items a day (``ContractLimits/maxShiftsPerDay``, rest and travel between two items of a day) | one *choice* or a day off per day: a choice is one item, or several that keep apart (``ScheduleContext/choices(on:budget:)``) |
/// | ``ContractLimits/maxHoursPerWeek`` | counted per calendar week in the state (reset on the week's first day) |
/// | ``ContractLimits/minHoursPerWeek`` | counted per week; its shortfall paid at the week's end at the shortfall column's cost |
/// | ``ContractLimits/maxHoursPerPeriod``, ``ContractLimits/minHoursPerPeriod`` | counted over the horizon; shortfall paid at the end |
/// | fairness (total deviation from ``Preferences/targetHours``) | counted over the horizon; the deviation paid at the end at the deviation columns' costs |
/// | ``ContractLimits/maxConsecutiveDays`` | the run of working days in the state |
/// | rest, travel and forbidden successions into the next day | yesterday's class in the state (choices with the same next-day successors share one) |
/// | per-day hour limits | filter the choices by their total hours |
/// | event roles | options like shifts; the team's composition is a master row |
/// | continuity (a line worked one day and not the next working day) | yesterday's lines in the state (part of its class); a switch is a cost on the transition |
/// | requests, sites, times, home area | linear in the items: part of each option's cost; a wish about a date on which several items could be taken is on the day's work indicator, paid once by every choice of the day |
///
/// | fairness (min–max) | a master row: linear in the items' hours, part of each option's cost |
///
/// Rules it does not keep (shortest runs, weekends, template caps, items two days apart
/// that meet, more than ``ScheduleContext/choiceBudget`` choices on a day) make
/// ``init(_:)`` return `nil`; ``ScheduleDP`` or the MIP handles that volunteer.
///
/// The state is (run, week units, total units, yesterday's class), with units the
/// options' common divisor of minutes; a dimension a volunteer's rules do not need has
/// one level. Choices of a day
/// that differ only by cost are tried once (the cheapest of each length). One path costs
/// O(days × states × distinct lengths a day), plus O(choices × their items) a day to price
/// the choices; on a county month (28 days, runs up to 5, 24
/// hours a week, 96 over the month, three shift lengths) about 1.5 million steps.
struct CountedSchedule: Sendable {
    let volunteer: Int
    let days: Int
    /// Options of day d are `dayStart[d]..<dayStart[d + 1]`; per option its item id. A
    /// cost is given per option.
    let dayStart: [Int]
    let item: [Int]
    /// Choices of day d are `choiceStart[d]..<choiceStart[d + 1]`; per choice the options
    /// it takes (one, or several of one day) and its units. A path takes one choice a day
    /// or none.
    let choiceStart: [Int]
    let choiceOptions: [[Int]]
    let choiceUnits: [Int]
    /// Minutes per unit.
    let unit: Int
    /// Per choice: its class within its day (choices with the same next-day successors);
    /// per day d ≥ 1: `follows[d][c * count(d) + o]`, whether class c of day d − 1 may
    /// precede choice o of day d; class levels (1 + most classes a day, or 1 when every
    /// choice may follow every choice of the day before and no class is tracked).
    let choiceClass: [Int]
    /// Per choice: the set of its lines as bits of ``lineIndex`` (an event role has none);
    /// per day and class (of that day's choices): the lines its choices share. Tracked
    /// only when a change of line costs something (else 0).
    let choiceLines: [UInt64]
    let classLines: [[UInt64]]
    /// Per day d: the column that counts a change of line from d to d + 1, if any.
    let switchColumn: [Int?]
    /// Per day: the volunteer's work indicator there when it is a column of its own (see
    /// ``RosterFormulation/workIndicator``); a choice of the day pays its cost once.
    let workColumn: [Int?]
    /// The volunteer's lines by name (bit positions in ``choiceLines``).
    let lineIndex: [String: Int]
    /// The most lines one volunteer's line sets can hold (the bits of a `UInt64`).
    static let maximumLines = 64
    let follows: [[Bool]]
    let classLevels: Int
    /// Run levels (longest run + 1, or 1 when untracked) and the longest run.
    let runLevels: Int
    let maxRun: Int?
    /// Week levels and the weekly cap in units (`nil`: none).
    let weekLevels: Int
    let maxWeekUnits: Int?
    /// Total levels and the horizon's cap in units (`nil`: none).
    let totalLevels: Int
    let maxTotalUnits: Int?
    /// Per day: the index of its calendar week; and whether it starts one (after day 0).
    let weekOf: [Int]
    let startsWeek: [Bool]
    /// Per week: the minimum in units (0: none) and the shortfall column (hours), if any.
    let weekMinimum: [Int]
    let weekShortfallColumn: [Int?]
    /// The horizon's minimum in units (0: none) and its shortfall column.
    let totalMinimum: Int
    let totalShortfallColumn: Int?
    /// Fairness: the target in minutes and the over/under columns (hours), if any.
    let targetMinutes: Double?
    let deviationColumns: (over: Int, under: Int)?
    /// Costs of the own auxiliaries per hour, from the guide: set by ``configured(guide:)``.
    private(set) var rates = Rates()

    struct Rates: Sendable {
        var switches: [Double] = []
        var work: [Double] = []
        var weekShortfall: [Double] = []
        var totalShortfall = 0.0
        var over = 0.0
        var under = 0.0
    }

    var optionCount: Int { item.count }
    var stateCount: Int { runLevels * weekLevels * totalLevels * classLevels }

    /// The columns of the volunteer's own auxiliaries whose cost this model pays.
    var ownColumns: [Int] {
        weekShortfallColumn.compactMap { $0 } + [totalShortfallColumn].compactMap { $0 }
            + (deviationColumns.map { [$0.over, $0.under] } ?? []) + switchColumn.compactMap { $0 } + workColumn.compactMap { $0 }
    }

    /// The most states a path may keep per day, and over the whole horizon (its parent and
    /// choice arrays take 8 bytes a state-day: 160 MiB at most): past either, the model declines.
    static let stateBudget = 200_000
    static let pathBudget = 20_000_000

    /// The volunteer's counted model from their context (shared with the sequence model),
    /// or `nil` when their rules go beyond it (see above). O(items + days × items per day²).
    init?(_ context: ScheduleContext) {
        let formulation = context.formulation, v = context.v
        let index = formulation.index
        let problem = index.problem
        let volunteer = problem.volunteers[v]
        let limits = volunteer.limits
        let weights = problem.rules.weights
        let items = formulation.items
        let D = problem.horizon.days
        let mine = formulation.itemsByVolunteer[v]
        // The catalog decides which rules this model keeps (shortest runs, weekends,
        // template caps, too many choices a day, items two days apart that meet, hours
        // that are not whole minutes: see each rule's treatment).
        guard !mine.isEmpty, D > 0, RuleCatalog.refusal(in: .counting, context) == nil else { return nil }
        // Options: the items a path may take each day; choices: what it may take together.
        let byDay = context.optionsByDay
        var dayStart = [0], item: [Int] = [], minutes: [Int] = []
        var optionOf: [Int: Int] = [:]
        for d in 0..<D {
            for id in byDay[d] {
                optionOf[id] = item.count
                item.append(id)
                minutes.append(items[id].interval.length)
            }
            dayStart.append(item.count)
        }
        guard !item.isEmpty else { return nil }
        var choiceStart = [0], choiceItems: [[Int]] = []
        for d in 0..<D {
            guard let choices = context.choices(on: d) else { return nil }
            choiceItems += choices
            choiceStart.append(choiceItems.count)
        }
        let mayFollow = formulation.mayFollow
        // Choices of a day that allow the same next-day choices share a class: the path
        // remembers yesterday's class (0: off), not the choice.
        // Continuity: a line worked on d and not on d + 1 costs d's switch column; the class
        // of a choice then includes its lines, so that the path knows yesterday's.
        let switches = weights.continuity != 0 ? formulation.continuitySwitch[v] ?? [:] : [:]
        let lines = Array(Set(mine.compactMap { items[$0].line })).sorted()
        guard switches.isEmpty || lines.count <= Self.maximumLines else { return nil }
        let lineIndex = Dictionary(uniqueKeysWithValues: lines.enumerated().map { ($1, $0) })
        func linesOf(_ ids: [Int]) -> UInt64 {
            guard !switches.isEmpty else { return 0 }
            return ids.reduce(0) { mask, id in items[id].line.flatMap { lineIndex[$0] }.map { mask | 1 << UInt64($0) } ?? mask }
        }
        var choiceClass: [Int] = [], choiceLines: [UInt64] = [], classCount = [Int](repeating: 1, count: D)
        var classLines = [[UInt64]](repeating: [], count: D)
        var follows: [[Bool]] = [[]]
        var tracksClasses = !switches.isEmpty
        for d in 0..<D {
            struct Key: Hashable { var row: [Bool]; var lines: UInt64 }
            var keys: [Key: Int] = [:]
            let tomorrow = d + 1 < D ? choiceItems[choiceStart[d + 1]..<choiceStart[d + 2]] : []
            for c in choiceStart[d]..<choiceStart[d + 1] {
                let today = choiceItems[c]
                let row = tomorrow.map { next in today.allSatisfy { a in next.allSatisfy { mayFollow(a, $0) } } }
                if row.contains(false) { tracksClasses = true }
                let key = Key(row: row, lines: linesOf(today))
                choiceLines.append(key.lines)
                if let k = keys[key] {
                    choiceClass.append(k)
                } else {
                    keys[key] = keys.count
                    choiceClass.append(keys.count - 1)
                    classLines[d].append(key.lines)
                }
            }
            classCount[d] = max(keys.count, 1)
            if d + 1 < D {
                var table = [Bool](repeating: true, count: classCount[d] * tomorrow.count)
                for (key, c) in keys { for (o, ok) in key.row.enumerated() { table[c * tomorrow.count + o] = ok } }
                follows.append(table)
            }
        }
        let choiceMinutes = choiceItems.map { $0.reduce(0) { $0 + items[$1].interval.length } }

        // Units: the common divisor of every length and limit in minutes.
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        var unit = minutes.reduce(0, gcd)
        func minutesOf(_ hours: Double?) -> Int? { hours.map { Int(($0 * 60).rounded()) } }
        for m in [limits.maxHoursPerWeek, limits.minHoursPerWeek, limits.maxHoursPerPeriod, limits.minHoursPerPeriod].compactMap(minutesOf) where m > 0 {
            unit = gcd(unit, m)
        }
        unit = max(unit, 1)

        // The longest choice of each day, in minutes.
        let longest = (0..<D).map { d in (choiceStart[d]..<choiceStart[d + 1]).map { choiceMinutes[$0] }.max() ?? 0 }
        let weeks = problem.horizon.weeks
        var weekOf = [Int](repeating: 0, count: D), startsWeek = [Bool](repeating: false, count: D)
        var mostInWeek = 0
        for (k, week) in weeks.enumerated() {
            for d in week.days { weekOf[d] = k }
            if week.days.lowerBound > 0 { startsWeek[week.days.lowerBound] = true }
            let most = week.days.reduce(0) { $0 + longest[$1] }
            mostInWeek = max(mostInWeek, most)
        }
        let possible = longest.reduce(0, +)

        let run = limits.maxConsecutiveDays.flatMap { $0 < D ? max($0, 0) : nil }
        let maxWeek = minutesOf(limits.maxHoursPerWeek).flatMap { $0 < mostInWeek ? $0 / unit : nil }
        var weekMinimum = [Int](repeating: 0, count: weeks.count)
        var weekColumn = [Int?](repeating: nil, count: weeks.count)
        for s in formulation.weekShortfall[v] ?? [] {
            guard let k = weeks.firstIndex(where: { $0.days == s.days }) else { return nil }
            weekMinimum[k] = (Int((s.hours * 60).rounded(.up)) + unit - 1) / unit
            weekColumn[k] = s.column
        }
        let weekTop = max(maxWeek ?? 0, weekMinimum.max() ?? 0)
        let maxTotal = minutesOf(limits.maxHoursPerPeriod).flatMap { $0 < possible ? $0 / unit : nil }
        let totalShortfall = formulation.periodShortfall[v]
        let totalMinimum = totalShortfall != nil ? (minutesOf(limits.minHoursPerPeriod).map { ($0 + unit - 1) / unit } ?? 0) : 0
        let deviation = weights.fairness != 0 ? formulation.fairnessDeviation[v] : nil
        // Fairness needs the exact total; minimums only up to the minimum.
        var reachable = possible / unit
        if let maxWeek { reachable = min(reachable, weeks.count * maxWeek) }
        if let maxTotal { reachable = min(reachable, maxTotal) }
        let totalTop = deviation != nil || maxTotal != nil ? reachable : totalMinimum

        self.choiceStart = choiceStart
        self.choiceOptions = choiceItems.map { $0.map { optionOf[$0]! } }
        self.choiceClass = choiceClass
        self.choiceLines = choiceLines
        self.classLines = classLines
        self.switchColumn = (0..<D).map { switches[$0] }
        let indicators = formulation.workIndicator[v] ?? [:]
        self.workColumn = (0..<D).map { indicators[$0] }
        self.lineIndex = lineIndex
        self.follows = follows
        self.classLevels = tracksClasses ? 1 + (classCount.max() ?? 1) : 1
        self.volunteer = v
        self.days = D
        self.dayStart = dayStart
        self.item = item
        self.choiceUnits = choiceMinutes.map { $0 / unit }
        self.unit = unit
        self.maxRun = run
        self.runLevels = (run ?? 0) + 1
        self.maxWeekUnits = maxWeek
        self.weekLevels = weekTop + 1
        self.maxTotalUnits = maxTotal
        self.totalLevels = totalTop + 1
        self.weekOf = weekOf
        self.startsWeek = startsWeek
        self.weekMinimum = weekMinimum
        self.weekShortfallColumn = weekColumn
        self.totalMinimum = totalMinimum
        self.totalShortfallColumn = totalShortfall
        self.targetMinutes = deviation != nil ? volunteer.preferences.targetHours.map { $0 * 60 } : nil
        self.deviationColumns = deviation
        guard stateCount <= Self.stateBudget, D * stateCount <= Self.pathBudget else { return nil }
    }

    /// This model with the costs of its own auxiliaries read off `guide` (cost per column).
    func configured(guide: [Double]) -> CountedSchedule {
        var copy = self
        copy.rates = Rates(
            switches: switchColumn.map { $0.map { guide[$0] } ?? 0 },
            work: workColumn.map { $0.map { guide[$0] } ?? 0 },
            weekShortfall: weekShortfallColumn.map { $0.map { guide[$0] } ?? 0 },
            totalShortfall: totalShortfallColumn.map { guide[$0] } ?? 0,
            over: deviationColumns.map { guide[$0.over] } ?? 0,
            under: deviationColumns.map { guide[$0.under] } ?? 0)
        return copy
    }

    /// The cost of the own auxiliaries at the end of week `k` with `w` units worked in it.
    @inline(__always) private func weekEnd(_ k: Int, _ w: Int) -> Double {
        let m = weekMinimum[k]
        guard m > 0, w < m else { return 0 }
        return rates.weekShortfall[k] * Double((m - w) * unit) / 60
    }

    /// Yesterday's lines in class `c` (0 off) before day `d`: 0 when none is tracked.
    @inline(__always) private func linesBefore(_ d: Int, class c: Int) -> UInt64 {
        c > 0 && d > 0 && c - 1 < classLines[d - 1].count ? classLines[d - 1][c - 1] : 0
    }

    /// Choice `o` of day `d` (of its `n`) after yesterday's class `c` with `lines`: `nil`
    /// when rest, travel or a forbidden succession rule it out, else its class in the
    /// path's state and what a change of line costs (a line of yesterday's missing today).
    /// The one transition rule of ``shortestPath(costs:)`` and ``enumerate(costs:within:most:)``.
    @inline(__always) private func step(_ d: Int, from c: Int, to o: Int, of n: Int, lines: UInt64) -> (newClass: Int, switchCost: Double)? {
        if c > 0, d > 0, !follows[d][(c - 1) * n + o] { return nil }
        let k = choiceStart[d] + o
        let switched = lines & ~choiceLines[k] != 0 && d - 1 < rates.switches.count
        return (classLevels > 1 ? 1 + choiceClass[k] : 0, switched ? rates.switches[d - 1] : 0)
    }

    /// The cost of the own auxiliaries over the horizon with `minutes` worked.
    func totalEnd(minutes: Int) -> Double {
        var c = 0.0
        if totalMinimum > 0, minutes < totalMinimum * unit { c += rates.totalShortfall * Double(totalMinimum * unit - minutes) / 60 }
        if let target = targetMinutes {
            let diff = Double(minutes) - target
            c += diff > 0 ? rates.over * diff / 60 : rates.under * -diff / 60
        }
        return c
    }

    /// What the own auxiliaries cost for the schedule of item ids `pattern` (items not of
    /// this volunteer's options are ignored). O(items in the pattern).
    func ownCost(of pattern: [Int], items: [RosterFormulation.Item]) -> Double {
        var week = [Int](repeating: 0, count: weekMinimum.count)
        var total = 0
        for id in pattern {
            let m = items[id].interval.length
            week[weekOf[items[id].day]] += m / unit
            total += m
        }
        var c = totalEnd(minutes: total)
        for k in week.indices { c += weekEnd(k, week[k]) }
        if workColumn.contains(where: { $0 != nil }) {
            var worked = [Bool](repeating: false, count: days)
            for id in pattern { worked[items[id].day] = true }
            for d in 0..<min(days, rates.work.count) where worked[d] { c += rates.work[d] }
        }
        if switchColumn.contains(where: { $0 != nil }) {
            // A line worked on d and not on d + 1, a working day, costs d's switch.
            var linesByDay = [UInt64?](repeating: nil, count: days)
            for id in pattern {
                let bit = items[id].line.flatMap { lineIndex[$0] }.map { UInt64(1) << UInt64($0) } ?? 0
                linesByDay[items[id].day] = (linesByDay[items[id].day] ?? 0) | bit
            }
            for d in 0..<max(days - 1, 0) {
                if let today = linesByDay[d], let next = linesByDay[d + 1], today & ~next != 0, d < rates.switches.count { c += rates.switches[d] }
            }
        }
        return c
    }


    /// The cheapest schedule at `costs` (per option) plus what the own auxiliaries cost:
    /// the options taken, in day order (a day off takes none; a choice of several items
    /// takes them all), and its value. Deterministic: ties go to the lower state and the
    /// earlier choice.
    func shortestPath(costs: [Double]) -> (path: [Int], value: Double) {
        let D = days, W = weekLevels, TL = totalLevels, CL = classLevels, S = stateCount
        let runTracked = maxRun != nil, maxR = maxRun ?? 0
        @inline(__always) func state(_ r: Int, _ w: Int, _ t: Int, _ c: Int) -> Int { ((r * W + w) * TL + t) * CL + c }
        var value = [Double](repeating: .infinity, count: S)
        var next = [Double](repeating: .infinity, count: S)
        // Per day and state: the previous state and the choice taken (−1: off).
        var parent = [Int32](repeating: -1, count: D * S)
        var choice = [Int32](repeating: -1, count: D * S)
        value[0] = 0
        // Per day and yesterday's class: the cheapest allowed choice of each (length, class).
        var cheapest = [[(units: Int, newClass: Int, option: Int, cost: Double)]](repeating: [], count: CL)
        let choiceCost = choiceCosts(costs)
        for d in 0..<D {
            let first = choiceStart[d], n = choiceStart[d + 1] - first
            // Yesterday's classes (a class past them is never reached).
            let previous = d > 0 && n > 0 ? follows[d].count / n : 0
            for c in 0..<CL {
                cheapest[c].removeAll(keepingCapacity: true)
                if c > 0 && c > previous { continue }
                let lines = linesBefore(d, class: c)
                for o in 0..<n {
                    let k = first + o
                    guard let (newClass, switchCost) = step(d, from: c, to: o, of: n, lines: lines) else { continue }
                    let cost = choiceCost[k] + switchCost
                    if let j = cheapest[c].firstIndex(where: { $0.units == choiceUnits[k] && $0.newClass == newClass }) {
                        if cost < cheapest[c][j].cost { cheapest[c][j].option = k; cheapest[c][j].cost = cost }
                    } else {
                        cheapest[c].append((choiceUnits[k], newClass, k, cost))
                    }
                }
            }
            let reset = startsWeek[d]
            let previousWeek = d > 0 ? weekOf[d - 1] : 0
            for i in 0..<S { next[i] = .infinity }
            let base = d * S
            for p in 0..<S {
                let v0 = value[p]
                if v0 == .infinity { continue }
                let c = p % CL, rest = p / CL
                let t = rest % TL, rw = rest / TL, w = rw % W, r = rw / W
                let start = reset ? v0 + weekEnd(previousWeek, w) : v0
                let w0 = reset ? 0 : w
                let off = state(0, w0, t, 0)
                if start < next[off] {
                    next[off] = start
                    parent[base + off] = Int32(p)
                    choice[base + off] = -1
                }
                if runTracked && r >= maxR { continue }
                for (u, newClass, k, optionCost) in cheapest[c] {
                    var nw = w0 + u
                    if let m = maxWeekUnits, nw > m { continue }
                    nw = min(nw, W - 1)
                    var nt = t + u
                    if let m = maxTotalUnits, nt > m { continue }
                    nt = min(nt, TL - 1)
                    let q = state(runTracked ? r + 1 : 0, nw, nt, newClass)
                    let cost = start + optionCost
                    if cost < next[q] {
                        next[q] = cost
                        parent[base + q] = Int32(p)
                        choice[base + q] = Int32(k)
                    }
                }
            }
            swap(&value, &next)
        }
        // The end: the last week's shortfall and the horizon's costs, by exact minutes.
        var best = -1, bestValue = Double.infinity
        let lastWeek = weekOf[D - 1]
        for s in 0..<S where value[s] < .infinity {
            let rest = s / CL
            let t = rest % TL, w = (rest / TL) % W
            let c = value[s] + weekEnd(lastWeek, w) + totalEnd(minutes: t * unit)
            if c < bestValue {
                bestValue = c
                best = s
            }
        }
        var taken: [Int] = []
        var s = best
        for d in stride(from: D - 1, through: 0, by: -1) where s >= 0 {
            let k = Int(choice[d * S + s])
            if k >= 0 { taken.append(k) }
            s = Int(parent[d * S + s])
        }
        return (taken.reversed().flatMap { choiceOptions[$0] }, bestValue)
    }
}

extension CountedSchedule {
    /// Every schedule whose cost at `costs` (per option, plus what the own auxiliaries cost)
    /// is at most `limit`, each as the options it takes in day order; `nil` when there are
    /// more than `most` of them. With `limit` the cheapest path's value plus a gap Δ, these
    /// are all the volunteer's schedules within Δ of their cheapest: column enumeration,
    /// which makes the master over them exact (see
    /// ``ColumnGeneration/enumerateAndSolve(upper:improvement:from:solver:until:proving:elapsed:options:)``).
    ///
    /// A backward pass gives each (day, state) the cheapest completion; a depth-first walk
    /// from the start then follows only transitions that can still end within `limit`, so
    /// it visits O(schedules found × days) nodes beyond the pass. The transitions are
    /// ``shortestPath(costs:)``'s, every choice separately (the path keeps only the
    /// cheapest of each length and class). O(days × states × choices a day) for the pass,
    /// and days × states doubles of memory.
    func enumerate(costs: [Double], within limit: Double, most: Int) -> [[Int]]? {
        let D = days, W = weekLevels, TL = totalLevels, CL = classLevels, S = stateCount
        let runTracked = maxRun != nil, maxR = maxRun ?? 0
        @inline(__always) func state(_ r: Int, _ w: Int, _ t: Int, _ c: Int) -> Int { ((r * W + w) * TL + t) * CL + c }
        let choiceCost = choiceCosts(costs)
        // Calls `body(next state, cost, choice or −1)` for each transition of day d from p.
        func transitions(_ d: Int, _ p: Int, _ body: (Int, Double, Int) -> Void) {
            let c = p % CL, rest = p / CL
            let t = rest % TL, rw = rest / TL, w = rw % W, r = rw / W
            let reset = startsWeek[d]
            let base = reset ? weekEnd(d > 0 ? weekOf[d - 1] : 0, w) : 0
            let w0 = reset ? 0 : w
            body(state(0, w0, t, 0), base, -1)
            if runTracked && r >= maxR { return }
            let first = choiceStart[d], n = choiceStart[d + 1] - first
            let previous = d > 0 && n > 0 ? follows[d].count / n : 0
            if c > 0 && c > previous { return }
            let lines = linesBefore(d, class: c)
            for o in 0..<n {
                let k = first + o
                guard let (newClass, switchCost) = step(d, from: c, to: o, of: n, lines: lines) else { continue }
                var nw = w0 + choiceUnits[k]
                if let m = maxWeekUnits, nw > m { continue }
                nw = min(nw, W - 1)
                var nt = t + choiceUnits[k]
                if let m = maxTotalUnits, nt > m { continue }
                nt = min(nt, TL - 1)
                let q = state(runTracked ? r + 1 : 0, nw, nt, newClass)
                body(q, base + choiceCost[k] + switchCost, k)
            }
        }
        // togo[d * S + s]: the cheapest completion from state s before day d (d = D: the end).
        var togo = [Double](repeating: .infinity, count: (D + 1) * S)
        let lastWeek = weekOf[D - 1]
        for s in 0..<S {
            let rest = s / CL
            let t = rest % TL, w = (rest / TL) % W
            togo[D * S + s] = weekEnd(lastWeek, w) + totalEnd(minutes: t * unit)
        }
        for d in stride(from: D - 1, through: 0, by: -1) {
            for p in 0..<S {
                var best = Double.infinity
                transitions(d, p) { q, cost, _ in best = min(best, cost + togo[(d + 1) * S + q]) }
                togo[d * S + p] = best
            }
        }
        let ceiling = limit + 1e-9 * max(1, abs(limit))
        guard togo[0] <= ceiling else { return [] }
        var found: [[Int]] = []
        var taken: [Int] = []
        // Returns false once more than `most` schedules are found.
        func walk(_ d: Int, _ p: Int, _ spent: Double) -> Bool {
            if d == D {
                found.append(taken.flatMap { choiceOptions[$0] })
                return found.count <= most
            }
            var within = true
            transitions(d, p) { q, cost, k in
                guard within, spent + cost + togo[(d + 1) * S + q] <= ceiling else { return }
                if k >= 0 { taken.append(k) }
                within = walk(d + 1, q, spent + cost)
                if k >= 0 { taken.removeLast() }
            }
            return within
        }
        return walk(0, 0, 0) ? found : nil
    }

    /// Every choice's cost at `costs` (per option): its options' and, once, its day's work
    /// indicator. The one pricing of a choice for ``shortestPath(costs:)`` and
    /// ``enumerate(costs:within:most:)``. O(choices × their items).
    private func choiceCosts(_ costs: [Double]) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(choiceOptions.count)
        for d in 0..<days {
            let work = d < rates.work.count ? rates.work[d] : 0
            for k in choiceStart[d]..<choiceStart[d + 1] { result.append(choiceOptions[k].reduce(work) { $0 + costs[$1] }) }
        }
        return result
    }
}
