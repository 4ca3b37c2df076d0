import Foundation
import Rota

/// Converts horizon minutes (local wall-clock time, see ``Rota/Horizon``) to and from
/// absolute timestamps in the horizon's time zone.
struct WallClock {
    let horizon: Horizon
    let zone: TimeZone
    let calendar: Calendar
    let formatters: ISOFormatters

    /// The two ISO 8601 formatters of a clock, built once: building one costs more than
    /// using it a thousand times (reading a 500-assignment roster.json built four per
    /// assignment, 0.4 s of `rota check`). A clock is used by one thread at a time (a
    /// renderer or a reader in one call), which is what the unchecked conformance rests on.
    final class ISOFormatters: @unchecked Sendable {
        let writing: ISO8601DateFormatter
        let reading: ISO8601DateFormatter
        init(zone: TimeZone) {
            writing = ISO8601DateFormatter()
            writing.timeZone = zone
            writing.formatOptions = [.withInternetDateTime]
            reading = ISO8601DateFormatter()
            reading.formatOptions = [.withInternetDateTime]
        }
    }

    init(horizon: Horizon) {
        self.horizon = horizon
        zone = TimeZone(identifier: horizon.timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!
        var c = Calendar(identifier: .gregorian)
        c.timeZone = zone
        calendar = c
        formatters = ISOFormatters(zone: zone)
    }

    /// The local date and time of horizon minute `m`.
    func components(_ m: Int) -> (date: CalendarDate, hour: Int, minute: Int) {
        let day = Int((Double(m) / 1440).rounded(.down))
        let rest = m - day * 1440
        return (horizon.start.adding(days: day), rest / 60, rest % 60)
    }

    func date(_ m: Int) -> Date {
        let (d, h, mm) = components(m)
        return calendar.date(from: DateComponents(year: d.year, month: d.month, day: d.day, hour: h, minute: mm))!
    }

    /// ISO 8601 with the zone's offset: `2026-03-02T08:00:00+08:00`.
    func iso(_ m: Int) -> String { formatters.writing.string(from: date(m)) }

    /// Horizon minutes of an ISO 8601 timestamp, or nil when it does not parse.
    func minutes(iso text: String) -> Int? {
        guard let instant = formatters.reading.date(from: text) else { return nil }
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let d = CalendarDate(year: c.year!, month: c.month!, day: c.day!)
        return (d.daysSinceEpoch - horizon.start.daysSinceEpoch) * 1440 + c.hour! * 60 + c.minute!
    }

    /// `HH:MM` of minute `m`.
    func clock(_ m: Int) -> String {
        let (_, h, mm) = components(m)
        return (h < 10 ? "0" : "") + "\(h):" + (mm < 10 ? "0" : "") + "\(mm)"
    }

    /// The zone's UTC offset in seconds on `date`.
    func offset(on date: CalendarDate) -> Int {
        zone.secondsFromGMT(for: calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 12))!)
    }
}
