/// The planning period: consecutive calendar dates in one time zone.
///
/// Inside Rota time is counted in whole minutes from 00:00 (local wall-clock time) of
/// ``start``. Rules such as rest periods and overlaps are measured on that wall clock;
/// the time zone is used when writing absolute timestamps (ISO 8601, iCalendar).
public struct Horizon: Hashable, Sendable {
    /// The first date planned.
    public var start: CalendarDate
    /// How many dates are planned.
    public var days: Int
    /// An IANA time zone identifier.
    public var timeZone: String

    public init(start: CalendarDate, days: Int, timeZone: String = "Asia/Shanghai") {
        self.start = start
        self.days = days
        self.timeZone = timeZone
    }

    /// The date of day `index` (0-based).
    public func date(_ index: Int) -> CalendarDate { start.adding(days: index) }

    /// The day index of `date`, or `nil` when it lies outside the horizon.
    public func index(of date: CalendarDate) -> Int? {
        let d = date.daysSinceEpoch - start.daysSinceEpoch
        return d >= 0 && d < days ? d : nil
    }

    /// Every date, in order.
    public var dates: [CalendarDate] { (0..<max(days, 0)).map(date) }

    /// The calendar week (Monday to Sunday) of day `index`, numbered from the week that
    /// holds the first day.
    public func week(of index: Int) -> Int {
        let offset = Weekday.allCases.firstIndex(of: start.weekday)!
        return (index + offset) / 7
    }

    /// The calendar weeks the horizon touches, each with its day indices and whether all
    /// seven days are inside the horizon.
    public var weeks: [(days: Range<Int>, isComplete: Bool)] {
        guard days > 0 else { return [] }
        var result: [(Range<Int>, Bool)] = []
        var first = 0
        for d in 1...days where d == days || week(of: d) != week(of: first) {
            result.append((first..<d, d - first == 7))
            first = d
        }
        return result
    }

    /// The weekends (Saturday and Sunday) the horizon touches, as lists of day indices.
    public var weekends: [[Int]] {
        var byWeek: [Int: [Int]] = [:]
        var order: [Int] = []
        for d in 0..<days where date(d).weekday.isWeekend {
            let w = week(of: d)
            if byWeek[w] == nil { order.append(w) }
            byWeek[w, default: []].append(d)
        }
        return order.map { byWeek[$0]! }
    }
}

/// A half-open interval of minutes on the horizon's clock.
///
/// Its ``description`` is what a person reads: the wall-clock times of its start and end
/// (`09:00–10:00`; `22:00–06:00 (+1 day)` when it ends on a later day), never the raw
/// minute numbers.
public struct MinuteInterval: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var start: Int
    public var end: Int
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }
    public var length: Int { end - start }
    public func overlaps(_ other: MinuteInterval) -> Bool { start < other.end && other.start < end }
    public static func < (a: MinuteInterval, b: MinuteInterval) -> Bool { (a.start, a.end) < (b.start, b.end) }

    /// Minutes in one day of the horizon's wall clock.
    static let minutesPerDay = 24 * 60

    /// The wall-clock time of horizon minute `m` on its own day (`08:00`; the end of a day
    /// is `00:00` of the next).
    public static func timeOfDay(_ m: Int) -> TimeOfDay {
        TimeOfDay(minutes: ((m % minutesPerDay) + minutesPerDay) % minutesPerDay)
    }

    /// `09:00–10:00`, `22:00–24:00`, or `22:00–06:00 (+1 day)`: the times on the wall clock
    /// of the start's day (the horizon counts wall-clock minutes from its first midnight).
    public var description: String {
        let from = Self.timeOfDay(start)
        let to = end - (start - from.minutes)  // minutes after the start day's midnight
        if to <= Self.minutesPerDay { return "\(from)–\(TimeOfDay(minutes: to))" }
        let later = (to - 1) / Self.minutesPerDay
        return "\(from)–\(TimeOfDay(minutes: to - later * Self.minutesPerDay)) (+\(later) day\(later == 1 ? "" : "s"))"
    }
}

/// A set of minutes stored as sorted, disjoint, non-adjacent intervals.
///
/// `contains(_:)` is O(log n) by binary search.
public struct IntervalSet: Hashable, Sendable {
    public private(set) var intervals: [MinuteInterval] = []

    public init() {}

    public init(_ items: [MinuteInterval]) {
        for i in items.sorted() where i.length > 0 {
            if let last = intervals.last, i.start <= last.end {
                intervals[intervals.count - 1].end = max(last.end, i.end)
            } else {
                intervals.append(i)
            }
        }
    }

    /// The set minus `other`. O(n + m).
    public func subtracting(_ other: IntervalSet) -> IntervalSet {
        var result: [MinuteInterval] = []
        var j = 0
        for var i in intervals {
            while j < other.intervals.count && other.intervals[j].end <= i.start { j += 1 }
            var k = j
            while k < other.intervals.count && other.intervals[k].start < i.end {
                let cut = other.intervals[k]
                if cut.start > i.start { result.append(MinuteInterval(i.start, cut.start)) }
                i.start = max(i.start, cut.end)
                k += 1
            }
            if i.start < i.end { result.append(i) }
        }
        var s = IntervalSet()
        s.intervals = result
        return s
    }

    /// Whether every minute of `interval` is in the set.
    public func contains(_ interval: MinuteInterval) -> Bool {
        var lo = 0, hi = intervals.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if intervals[mid].end < interval.end { lo = mid + 1 } else { hi = mid }
        }
        return lo < intervals.count && intervals[lo].start <= interval.start && interval.end <= intervals[lo].end
    }

    /// Whether any minute of `interval` is in the set.
    public func intersects(_ interval: MinuteInterval) -> Bool {
        var lo = 0, hi = intervals.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if intervals[mid].end <= interval.start { lo = mid + 1 } else { hi = mid }
        }
        return lo < intervals.count && intervals[lo].start < interval.end
    }
}
