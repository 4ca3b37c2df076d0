import Foundation
import FuzzSupport
import Rota
import RotaIO

/// A roster.json as `rota check` reads it, against a fixed scenario, then checked.
let problem: RosterProblem = {
    let scenario = """
    name: fuzz
    horizon: {start: 2026-03-02, days: 7}
    sites: [{id: centre}, {id: town, parent: centre}]
    volunteers:
      - {id: a, skills: [legal], homeSite: town, limits: {maxHoursPerWeek: 16, maxConsecutiveDays: 2}}
      - {id: b, skills: {caring: 2}}
    templates:
      - {id: day, line: legal, site: centre, from: "08:00", to: "16:00", skill: legal}
      - {id: night, line: legal, site: centre, from: "22:00", to: "06:00", skill: legal}
    coverage:
      - {id: c1, line: legal, from: "08:00", to: "16:00", min: 1, max: 1, hardMax: true}
    events:
      - {id: visit, site: town, date: 2026-03-03, from: "17:00", to: "19:00", team: {caring: 2}, capRoles: true}
    """
    return try! ScenarioLoader.load(text: scenario, file: "fuzz.yaml", baseDirectory: FuzzSupport.scratch.path).problem
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start = bytes else { return 0 }
    if let assignments = try? RosterDocument.assignments(fromJSON: Data(bytes: start, count: count), file: "roster.json", problem: problem) {
        _ = RosterChecker(problem: problem).check(assignments)
    }
    return 0
}

@_cdecl("FuzzRoster_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.run(argc, argv, fuzz)
}
