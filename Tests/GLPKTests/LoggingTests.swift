import GLPK
import LinearProgramming
import Logging
import Synchronization
import Testing

/// A log handler that keeps every message, for tests.
struct CollectingLogHandler: LogHandler {
    let box: LineBox
    init(into box: LineBox) { self.box = box }
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        box.lines.withLock { $0.append(event.message.description) }
    }
}

final class LineBox: Sendable {
    let lines = Mutex<[String]>([])
}

@Suite("GLPK output routing")
struct LoggingTests {
    @Test func glpkOutputGoesToTheLoggerWhenAsked() throws {
        let box = LineBox()
        let logger = Logger(label: "test") { _ in CollectingLogHandler(into: box) }
        var m = Model(sense: .maximize)
        let x = m.addVariable(kind: .integer, upperBound: 5, objective: 1)
        m.addConstraint(2 * x, .lessOrEqual(7))
        let r = try GLPKSolver().solve(m, options: SolveOptions(logLevel: .normal, logger: logger))
        #expect(r.objective == 3)
        let lines = box.lines.withLock { $0 }
        #expect(!lines.isEmpty)
        #expect(lines.contains { $0.contains("mip =") }, "\(lines)")
    }

    @Test func glpkIsSilentByDefault() throws {
        let box = LineBox()
        let logger = Logger(label: "test") { _ in CollectingLogHandler(into: box) }
        var m = Model()
        m.addVariable(objective: 1)
        _ = try GLPKSolver().solve(m, options: SolveOptions(logger: logger))
        #expect(box.lines.withLock { $0 }.isEmpty)
    }
}
