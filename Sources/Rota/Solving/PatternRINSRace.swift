import Foundation
import LinearProgramming
import Synchronization

/// RINS around the converged pattern LP
/// (``FixAndOptimise/patternNeighbourhood(_:current:until:elapsed:options:progress:groupsAbove:groupItems:target:done:)``)
/// on a second core, while column generation's dives and master MIP run on the first: on a
/// short horizon (a small model, where no ``RelaxationRace`` takes that core).
///
/// On a short horizon the dives and the master MIP over the schedules they find are the
/// stage's main source of rosters, and the RINS before them took their time: on a
/// generated county week (`county_generate.py s 23`) at 2 s, two RINS passes took 0.65 s
/// and found 30,113, the first master MIP was then cut off at 0.2 s with the same value,
/// and the week ended at 29,093 (6.9 % above the bound); given 0.8 s, that master MIP
/// finds 27,151. On other weeks RINS finds what the master does not (s-13 proven at 5 s
/// only with it). Side by side, neither waits for the other.
///
/// **Who wins, deterministically** (as in ``RelaxationRace``): RINS *closes the stage*
/// when its roster is within the stage's gap of the bound it was given, which depends on
/// it alone. Then the dives stop, and the stage keeps RINS's roster, setting aside what
/// the dives had reached when they stopped. When the dives close the stage first, RINS is
/// stopped and its roster set aside. Otherwise the better of the two is kept, so a run
/// that no deadline cuts short gives the same roster whichever thread is faster.
final class PatternRINSRace: Sendable {
    /// RINS's roster (better than the one it started from) or `nil`, and whether it
    /// closed the stage.
    private let thread: SecondThread<(values: [Double]?, closes: Bool)>

    /// Starts RINS from `current` on a thread of its own.
    /// - Parameters:
    ///   - itemValues: each formulation item's weight in the converged pattern LP.
    ///   - now: the solve's elapsed seconds at the call; `deadline` is on the same clock.
    ///   - target: the stage value that closes it (``stageClosingValue(bound:relativeGap:)``).
    ///   - closes: whether a roster closes the stage against the bound RINS was given.
    init(search: FixAndOptimise, itemValues: [Double], current: [Double], now: Double, deadline: Double?,
         options: RosterSolveOptions, target: Double?, closes: @escaping @Sendable ([Double]) -> Bool) {
        thread = SecondThread(parent: options.cancellation, releasing: search.solver) { token in
            let clock = Stopwatch()
            let result = search.patternNeighbourhood(itemValues, current: current, until: deadline, elapsed: { now + clock.elapsed },
                                                     options: options.onSecondThread(token), progress: nil, target: target,
                                                     done: closes)
            return (result, !token.isCancelled && closes(result ?? current))
        }
    }

    /// Whether RINS has finished with a roster that closes the stage (the dives stop).
    var hasClosedStage: Bool { thread.finishedValue?.closes == true }

    /// Stops RINS (the dives closed the stage: its roster is set aside).
    func stop() { thread.stop() }

    /// Waits for RINS and returns its roster (better than the one it started from), or
    /// `nil`; and whether it closed the stage.
    func join() -> (values: [Double]?, closes: Bool) { thread.join() }
}
