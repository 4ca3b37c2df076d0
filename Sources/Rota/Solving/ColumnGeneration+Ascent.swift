import LinearProgramming

extension ColumnGeneration {
    /// What an ascent found: its best value (a lower bound on the weighted objective), the
    /// row multipliers there, and each volunteer's bound on their cheapest schedule there.
    typealias Ascent = (bound: Double, centre: [Double], volunteerBounds: [Double])

    /// Multipliers of one relaxation: one per linking row, and per volunteer the prices of
    /// their counted rules (minutes per `minuteUnit`, weekends, template caps).
    struct Multipliers {
        var rows: [Double]
        var minute: [Double]
        var weekend: [Double]
        var template: [[Double]]
    }

    /// Where each multiplier may go: a row's from the signs its sides allow and the shared
    /// auxiliaries it alone holds (an under-cover column of weight w caps its row's
    /// multiplier at w: past it the column's reduced cost turns negative on an infinite
    /// bound and the Lagrangian falls to −∞); a minute price's from the limits that exist
    /// and the shortfall rate. `nil` when a shared auxiliary in several rows has an
    /// infinite bound (no box keeps the function finite).
    private func multiplierBoxes() -> (rows: [ClosedRange<Double>], minute: [ClosedRange<Double>])? {
        let model = formulation.model
        var low = linkingBounds.map { $0.upper.isFinite ? -Double.infinity : 0 }
        var high = linkingBounds.map { $0.lower.isFinite ? Double.infinity : 0 }
        for (k, c) in sharedColumns.enumerated() {
            let v = model.variable(VariableID(c))
            let links = sharedLinks[k]
            guard v.lowerBound.isFinite && v.upperBound.isFinite || links.count == 1 else { return nil }
            guard links.count == 1, links[0].coefficient != 0 else { continue }
            let (r, a) = links[0]
            let ratio = search.guide[c] / a
            // Reduced cost guide − π·a ≥ 0 below an infinite upper bound, ≤ 0 above an infinite lower one.
            if !v.upperBound.isFinite { if a > 0 { high[r] = min(high[r], ratio) } else { low[r] = max(low[r], ratio) } }
            if !v.lowerBound.isFinite { if a > 0 { low[r] = max(low[r], ratio) } else { high[r] = min(high[r], ratio) } }
        }
        guard zip(low, high).allSatisfy({ $0 <= $1 }) else { return nil }
        let minute = search.schedules.indices.map { s -> ClosedRange<Double> in
            let dp = search.schedules[s], unit = Double(dp.minuteUnit)
            let rate = search.shortfallRates[s]
            return (dp.minMinutes != nil && rate > 0 ? -rate * unit : 0)...(dp.maxMinutes != nil ? .infinity : 0)
        }
        return (zip(low, high).map { $0...$1 }, minute)
    }

    /// Steps, and seconds, without one step above the start after which an ascent with a
    /// deadline gives up (both must have passed). Measured: on the county family's
    /// 1,000-volunteer month no step of 100 (17 s) ever climbed above the start, and
    /// handing that time to the rounds took the 60 s roster from 6,007 to about 5,000 and
    /// the bound from 3,048 to about 3,600; there a step takes 0.17 s, so 20 steps still
    /// cost 3.5 s, and 5 steps (the second) give up after 1 s. Curtois Instance 20's ascent
    /// climbs only after its first 20 steps (0.1 s): the seconds keep it.
    static let stalledAscentSteps = 5
    static let stalledAscentSeconds = 1.0

    /// A subgradient ascent in the manner of the volume algorithm (Barahona and Anbil) on
    /// the Lagrangian dual of a relaxation that prices every volunteer's counted rules too
    /// (minutes, weekends, template caps), so that each evaluation is one cheap path per
    /// volunteer (``ScheduleDP/relaxed``) instead of the counted paths of a pricing round:
    /// on 150 volunteers × 364 days, well under a second against close to a minute.
    ///
    /// Each step follows the subgradient of an exponential average of the subproblems'
    /// solutions (weight 0.1 to the newest; an approximate LP solution), by a Polyak step
    /// towards `upperBound`, and the best multipliers seen are kept. Plain subgradients do
    /// not point uphill here: at most multipliers many volunteers are tied between working
    /// a lot and little, and the one path the DP returns says nothing of the others (from
    /// zero, even tiny steps along it lose; on Instance 20 the average reached 4613 in
    /// 600 steps, the plain subgradient 1036 in 400, the pattern LP's bound being 4769).
    /// Steps do not have to improve: the iterates climb as a whole. The step factor grows
    /// by a tenth after a better step whose own subgradient still agrees with the direction,
    /// and shrinks by a third after 20 steps without a better value; the ascent stops below
    /// 10⁻⁵, after 20 000 steps, at `deadline` or on cancellation, or, against a deadline,
    /// when not one step has climbed above the start (``stalledAscentSteps``).
    ///
    /// Returns the best value found, a valid lower bound on the weighted objective, the
    /// row multipliers it was found at and each volunteer's bound there; the schedules at the centre that keep every rule
    /// join the pool. `nil` when the linking rows admit no box of multipliers or when
    /// cancelled before the start was evaluated. O(steps × volunteers × relaxed path).
    mutating func ascend(
        upperBound: Double, until deadline: Double?, elapsed: () -> Double, options: RosterSolveOptions
    ) -> Ascent? {
        guard let boxes = multiplierBoxes() else { return nil }
        let schedules = search.schedules
        let start = elapsed()
        func stopped() -> Bool { options.cancellation?.isCancelled == true || deadline.map { elapsed() >= $0 } == true }
        // The relaxation at `x`: its value, its paths and what they use.
        func evaluate(_ x: Multipliers) -> (value: Double, paths: [[Int]], bounds: [Double], use: Multipliers) {
            let prices = schedules.indices.map { s in
                ScheduleDP.Prices(minute: x.minute[s] / Double(schedules[s].minuteUnit), template: x.template[s], weekend: x.weekend[s])
            }
            let priced = relaxedPaths(at: x.rows, prices: prices)
            let paths = priced.map(\.path)
            let bounds = priced.map(\.bound)
            return (lagrangian(at: x.rows, pricing: bounds), paths, bounds, use(at: x, paths: paths))
        }
        // The start is always evaluated (it is cheap): past the deadline, the value at zero.
        guard options.cancellation?.isCancelled != true else { return nil }
        let zero = Multipliers(rows: boxes.rows.map { 0.0.clamped(to: $0) }, minute: [Double](repeating: 0, count: schedules.count),
                               weekend: [Double](repeating: 0, count: schedules.count), template: schedules.map { [Double](repeating: 0, count: $0.capped.count) })
        var centre = evaluate(zero)
        guard centre.value.isFinite else { return nil }
        var centreAt = zero, average = centre.use, here = zero
        var factor = 1.0, reds = 0, steps = 1, climbed = false
        while factor > 1e-5, steps < 20_000, upperBound - centre.value > 1e-9 * max(1, abs(upperBound)), !stopped() {
            var g = direction(at: here, use: average)
            project(&g, at: here, boxes: boxes)
            let norm = g.normSquared
            // A zero direction: the relaxation's dual is solved.
            guard norm > 1e-12 else { break }
            let step = factor * (upperBound - centre.value) / norm
            var x = here
            for r in x.rows.indices { x.rows[r] = (x.rows[r] + step * g.rows[r]).clamped(to: boxes.rows[r]) }
            for s in schedules.indices {
                x.minute[s] = (x.minute[s] + step * g.minute[s]).clamped(to: boxes.minute[s])
                x.weekend[s] = max(0, x.weekend[s] + step * g.weekend[s])
                for t in x.template[s].indices { x.template[s][t] = max(0, x.template[s][t] + step * g.template[s][t]) }
            }
            let trial = evaluate(x)
            steps += 1
            guard trial.value.isFinite else { break }
            average.mix(trial.use, weight: 0.1)
            here = x
            if trial.value > centre.value {
                // Green when the new subgradient still points along the direction: longer steps.
                if g.dot(direction(at: x, use: trial.use)) >= 0 { factor = min(2, factor * 1.1) }
                centre = trial
                centreAt = x
                reds = 0
                climbed = true
            } else {
                reds += 1
                // Against a deadline, an ascent with not one step above its start in
                // ``stalledAscentSteps`` and ``stalledAscentSeconds`` gives up: the
                // multipliers stay at zero, which still serve as the smoothing's centre,
                // and the time goes to the rounds instead.
                if deadline != nil, !climbed, reds >= Self.stalledAscentSteps,
                   elapsed() - start >= Self.stalledAscentSeconds { break }
                if reds >= 20 {
                    factor *= 0.66
                    reds = 0
                }
            }
        }
        var added = 0
        for s in schedules.indices {
            let dp = schedules[s], path = centre.paths[s]
            if dp.keeps(dp.usage(path)), add(path.filter { $0 >= 0 }.map { dp.item[$0] }, for: s) { added += 1 }
        }
        options.logger?.debug("subgradient ascent: bound \(centre.value) after \(steps) steps, \(added) schedules added, \(String(format: "%.2f", elapsed() - start)) s")
        return (centre.value, centreAt.rows, centre.bounds)
    }

    /// Zeroes each component of `g` that would leave its box from `x` (no direction there).
    private func project(_ g: inout Multipliers, at x: Multipliers, boxes: (rows: [ClosedRange<Double>], minute: [ClosedRange<Double>])) {
        func project(_ g: inout Double, _ at: Double, _ box: ClosedRange<Double>) {
            if at >= box.upperBound && g > 0 || at <= box.lowerBound && g < 0 { g = 0 }
        }
        for r in g.rows.indices { project(&g.rows[r], x.rows[r], boxes.rows[r]) }
        for s in g.minute.indices {
            project(&g.minute[s], x.minute[s], boxes.minute[s])
            project(&g.weekend[s], x.weekend[s], 0...Double.infinity)
            for t in g.template[s].indices { project(&g.template[s][t], x.template[s][t], 0...Double.infinity) }
        }
    }

    /// Every volunteer's cheapest path with everything counted priced (``ScheduleDP/relaxed``):
    /// the path (an option per day, −1 off) and its Lagrangian value at `prices`. On all
    /// cores, each volunteer writing its own slot.
    private func relaxedPaths(at pi: [Double], prices: [ScheduleDP.Prices]) -> [(path: [Int], bound: Double)] {
        let search = self.search, itemLinks = self.itemLinks, items = formulation.items
        return concurrentMap(search.schedules.count) { s in
            let dp = search.schedules[s]
            let costs = Self.optionCosts(dp, at: pi, guide: search.guide, items: items, itemLinks: itemLinks)
            let (path, value) = dp.shortestPath(costs: costs, prices: prices[s], shortfallRate: search.shortfallRates[s], resolution: ScheduleDP.relaxed)
            return (path, dp.lagrangian(value, at: prices[s]))
        }
    }

    /// What `paths` and the shared auxiliaries (each at its cheaper bound at `x`, the lower
    /// one on a tie) use, in the shape of the multipliers: each linking row's activity, and
    /// per volunteer their minutes, weekends and shifts per capped template.
    private func use(at x: Multipliers, paths: [[Int]]) -> Multipliers {
        var activity = [Double](repeating: 0, count: linking.count)
        for (s, path) in paths.enumerated() {
            let dp = search.schedules[s]
            for k in path where k >= 0 { for (r, a) in itemLinks[dp.item[k]] { activity[r] += a } }
        }
        for k in sharedColumns.indices {
            let at = sharedAtCheaperBound(k, at: x.rows).value
            guard at.isFinite, at != 0 else { continue }
            for (r, a) in sharedLinks[k] { activity[r] += a * at }
        }
        var use = Multipliers(rows: activity, minute: [], weekend: [], template: [])
        for (s, path) in paths.enumerated() {
            let u = search.schedules[s].usage(path)
            use.minute.append(Double(u.minutes))
            use.weekend.append(Double(u.weekends))
            use.template.append(u.perTemplate.map(Double.init))
        }
        return use
    }

    /// The Lagrangian function's subgradient at `x` for a solution that uses `use`: per
    /// row, its active side less its activity; per counted rule, the use less the limit
    /// (minutes in ``ScheduleDP/minuteUnit``s).
    private func direction(at x: Multipliers, use: Multipliers) -> Multipliers {
        var g = x
        for r in linking.indices {
            let (lower, upper) = linkingBounds[r], act = use.rows[r], pi = x.rows[r]
            let side = pi > 0 ? lower : pi < 0 ? upper : (act < lower ? lower : act > upper ? upper : act)
            g.rows[r] = side - act
        }
        for s in search.schedules.indices {
            let dp = search.schedules[s], m = use.minute[s]
            let high = dp.maxMinutes.map(Double.init) ?? .infinity, low = dp.minMinutes.map(Double.init) ?? -.infinity
            let limit = x.minute[s] > 0 ? high : x.minute[s] < 0 ? low : (m > high ? high : m < low ? low : m)
            g.minute[s] = (m - limit) / Double(dp.minuteUnit)
            g.weekend[s] = dp.maxWeekends.map { use.weekend[s] - Double($0) } ?? 0
            g.template[s] = zip(use.template[s], dp.capped).map { $0 - Double($1) }
        }
        return g
    }
}

private extension ColumnGeneration.Multipliers {
    var normSquared: Double { dot(self) }

    func dot(_ other: Self) -> Double {
        var sum = 0.0
        for (a, b) in zip(rows, other.rows) { sum += a * b }
        for (a, b) in zip(minute, other.minute) { sum += a * b }
        for (a, b) in zip(weekend, other.weekend) { sum += a * b }
        for (p, q) in zip(template, other.template) { for (a, b) in zip(p, q) { sum += a * b } }
        return sum
    }

    /// Moves towards `other` by `weight` (an exponential average).
    mutating func mix(_ other: Self, weight: Double) {
        for i in rows.indices { rows[i] += weight * (other.rows[i] - rows[i]) }
        for i in minute.indices { minute[i] += weight * (other.minute[i] - minute[i]) }
        for i in weekend.indices { weekend[i] += weight * (other.weekend[i] - weekend[i]) }
        for s in template.indices { for t in template[s].indices { template[s][t] += weight * (other.template[s][t] - template[s][t]) } }
    }
}

private extension Double {
    func clamped(to range: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}
