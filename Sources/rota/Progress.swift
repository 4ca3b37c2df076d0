import Foundation
import Rota
import Synchronization

/// How `rota solve` shows a solve to a person: on a terminal, one status line rewritten in
/// place (the stage in words, the best roster with its unfilled hours, the bound, the gap,
/// the time against the limit); in a log, or with `--verbose`, one line per improvement,
/// under one header: a cumulative table like HiGHS's and CP-SAT's. Numbers are rounded
/// for people.
final class ProgressDisplay: Sendable {
    enum Style { case statusLine, table }

    let style: Style
    private let state = Mutex<(last: RosterSolveUpdate?, printedHeader: Bool, printedLine: Bool)>((nil, false, false))
    private let start = ContinuousClock.now

    init(style: Style) { self.style = style }

    /// Takes an update from the solver.
    func take(_ update: RosterSolveUpdate) {
        state.withLock { s in
            s.last = update
            switch style {
            case .statusLine:
                write("\r\u{1B}[K" + Self.statusLine(update, elapsed: update.elapsed))
                s.printedLine = true
            case .table:
                if !s.printedHeader {
                    write(Self.tableHeader + "\n")
                    s.printedHeader = true
                }
                write(Self.tableRow(update) + "\n")
            }
        }
    }

    /// Refreshes the status line's clock (called often, from the solver's sub-steps).
    func tick() {
        guard style == .statusLine else { return }
        state.withLock { s in
            guard let last = s.last else { return }
            let seconds = Double((ContinuousClock.now - start).components.seconds)
            write("\r\u{1B}[K" + Self.statusLine(last, elapsed: max(last.elapsed, seconds)))
        }
    }

    /// Ends the status line, so that what follows starts on a line of its own.
    func finish() {
        state.withLock { s in
            if style == .statusLine && s.printedLine { write("\n") }
        }
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        if abs(x) >= 1_000 { return String(format: "%.0f", x) }
        if abs(x) >= 10 { return String(format: "%.1f", x) }
        return String(format: "%.2f", x)
    }

    static func hours(_ h: Double) -> String {
        h == h.rounded() ? String(format: "%.0f h", h) : String(format: "%.1f h", h)
    }

    static func percent(_ gap: Double?) -> String {
        guard let gap, gap.isFinite else { return "–" }
        return gap < 0.001 ? String(format: "%.2f%%", gap * 100) : String(format: "%.1f%%", gap * 100)
    }

    static func clock(_ seconds: Double, limit: Double?) -> String {
        let elapsed = String(format: "%.0f s", seconds.rounded(.down))
        return limit.map { elapsed + String(format: " of %.0f s", $0) } ?? elapsed
    }

    static func stage(_ u: RosterSolveUpdate) -> String {
        u.stageNumber > 0 && u.stageCount > 1 ? "\(u.stage) (\(u.stageNumber)/\(u.stageCount))" : u.stage
    }

    static func statusLine(_ u: RosterSolveUpdate, elapsed: Double) -> String {
        "\(stage(u)) · best \(number(u.objective)), \(hours(u.unfilledHours)) unfilled · bound \(number(u.bound)) · gap \(percent(u.gap)) · \(clock(elapsed, limit: u.timeLimit))"
    }

    static let tableHeader = "   time  stage                         best      bound     gap  unfilled  found by"

    static func tableRow(_ u: RosterSolveUpdate) -> String {
        func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
            let n = s.count
            guard n < width else { return s }
            return left ? s + String(repeating: " ", count: width - n) : String(repeating: " ", count: width - n) + s
        }
        return pad(String(format: "%.1fs", u.elapsed), 7) + "  " + pad(stage(u), 26, left: true) + " " + pad(number(u.objective), 9)
            + "  " + pad(number(u.bound), 9) + "  " + pad(percent(u.gap), 6) + "  " + pad(hours(u.unfilledHours), 8)
            + "  " + (u.improvedRoster ? u.engine.rawValue : "(bound) " + u.engine.rawValue)
    }
}
