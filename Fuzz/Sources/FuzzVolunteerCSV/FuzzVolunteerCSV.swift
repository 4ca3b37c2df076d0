import Foundation
import FuzzSupport
import RotaIO

/// The volunteer CSV a scenario names (any bytes, any encoding), read with a fixed scenario.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start = bytes else { return 0 }
    _ = FuzzSupport.file("volunteers.csv", Data(bytes: start, count: count))
    let scenario = """
    name: fuzz
    horizon: {start: 2026-03-02, days: 7}
    sites: [{id: centre}, {id: town, parent: centre}]
    volunteersFile: volunteers.csv
    templates:
      - {id: day, line: legal, site: centre, from: "08:00", to: "16:00"}
    coverage:
      - {id: c1, line: legal, from: "08:00", to: "16:00", min: 1}
    """
    if let loaded = try? ScenarioLoader.load(text: scenario, file: "fuzz.yaml", baseDirectory: FuzzSupport.scratch.path) {
        FuzzSupport.exercise(loaded.problem)
    }
    return 0
}

@_cdecl("FuzzVolunteerCSV_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.run(argc, argv, fuzz)
}
