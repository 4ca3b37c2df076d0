import Foundation
import LinearProgramming
import Synchronization
import Testing
@testable import Rota

/// ``SecondThread``: the scaffolding under every piece of a solve on a thread of its own.
/// Its value comes back to every caller that waits, its token is a child of the one it was
/// started under, and the solver's thread state is released on the piece's own thread
/// before anyone waiting is let go.
@Suite("A piece of a solve on a thread of its own")
struct SecondThreadTests {
    /// A solver that solves nothing and records on which threads its state was released.
    private final class ReleaseSpy: Solver, Sendable {
        let releases = Mutex<[String]>([])
        func solve(_ model: Model, options: SolveOptions) throws(ModelValidationError) -> SolveResult {
            preconditionFailure("not used")
        }
        func releaseThreadState() {
            let name = Thread.current.name ?? "unnamed"
            releases.withLock { $0.append(name) }
        }
    }

    @Test func everyJoinGetsTheValueAndTheStateIsReleasedOnItsThreadFirst() {
        let spy = ReleaseSpy()
        let piece = SecondThread<Int>(parent: nil, releasing: spy) { _ in
            Thread.current.name = "piece"
            return 42
        }
        #expect(piece.join() == 42)
        // Released before the end was signalled, on the piece's thread.
        #expect(spy.releases.withLock { $0 } == ["piece"])
        // A latch: a second wait, and the value without waiting, give the same value.
        #expect(piece.join() == 42)
        #expect(piece.finishedValue == 42)
    }

    @Test func anOptionalValueOfNilIsAValueNotAnUnfinishedPiece() {
        let piece = SecondThread<Int?>(parent: nil, releasing: ReleaseSpy()) { _ in nil }
        #expect(piece.join() == nil)
        #expect(piece.finishedValue == .some(nil))
    }

    @Test func stopAndTheParentsTokenBothReachTheBody() {
        // stop(): the body waits for its own token.
        let stopped = SecondThread<Bool>(parent: nil, releasing: ReleaseSpy()) { token in
            while !token.isCancelled { usleep(1_000) }
            return true
        }
        #expect(stopped.finishedValue == nil)
        stopped.stop()
        #expect(stopped.join())

        // The parent's token, cancelled by the caller, reaches it as well.
        let parent = CancellationToken()
        let child = SecondThread<Bool>(parent: parent, releasing: ReleaseSpy()) { token in
            while !token.isCancelled { usleep(1_000) }
            return token.isCancelled
        }
        parent.cancel()
        #expect(child.join())
        // Stopping the piece does not stop its parent.
        let own = CancellationToken()
        let sibling = SecondThread<Bool>(parent: own, releasing: ReleaseSpy()) { _ in true }
        sibling.stop()
        #expect(sibling.join())
        #expect(sibling.token.isCancelled)
        #expect(!own.isCancelled)
    }
}
