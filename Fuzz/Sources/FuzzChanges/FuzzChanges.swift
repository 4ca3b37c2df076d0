import Foundation
import FuzzSupport
import Rota
import RotaIO

/// A changes file of `rota replan` against a fixed scenario; accepted changes are applied,
/// the changed problem solved with no time, and every unfilled entry explained.
let scenario: LoadedScenario = {
    let text = """
    name: fuzz
    horizon: {start: 2026-03-02, days: 7}
    skills: [legal, caring]
    sites: [{id: centre}, {id: town, parent: centre}]
    volunteers:
      - {id: a, skills: [legal], homeSite: town, limits: {maxHoursPerWeek: 16}}
      - {id: b, skills: {caring: 2}}
    templates:
      - {id: day, line: legal, site: centre, from: "08:00", to: "16:00", skill: legal}
    coverage:
      - {id: c1, line: legal, from: "08:00", to: "16:00", min: 1}
    events:
      - {id: visit, site: town, date: 2026-03-03, from: "17:00", to: "19:00", team: {caring: 2}}
    """
    return try! ScenarioLoader.load(text: text, file: "fuzz.yaml", baseDirectory: FuzzSupport.scratch.path)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start = bytes else { return 0 }
    let path = FuzzSupport.file("changes.yaml", Data(bytes: start, count: count))
    if let changes = try? RosterChangesLoader.load(path: path, scenario: scenario) {
        let problem = changes.apply(to: scenario.problem)
        FuzzSupport.exercise(problem)
        var explainer = RosterExplainer(problem: problem, assignments: [])
        for u in RosterChecker(problem: problem).check([]).unfilled { _ = explainer.explain(u) }
    }
    return 0
}

@_cdecl("FuzzChanges_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.run(argc, argv, fuzz)
}
