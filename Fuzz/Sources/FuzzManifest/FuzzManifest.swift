import Foundation
import FuzzSupport
import Rota
import RotaIO

/// A province manifest of `rota batch plan`; accepted ones are planned (their scenarios
/// loaded and formulated) and the plan's files rendered. `s.yaml` in the scratch folder is
/// a valid scenario that inputs may name.
let scenarioPath: String = FuzzSupport.file("s.yaml", Data("""
    name: fuzz
    horizon: {start: 2026-03-02, days: 2}
    skills: [legal]
    volunteers: [{id: a, skills: [legal]}]
    templates: [{id: day, line: legal, from: "08:00", to: "16:00", skill: legal}]
    coverage: [{id: c1, line: legal, from: "08:00", to: "16:00", min: 1}]
    """.utf8))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start = bytes else { return 0 }
    _ = scenarioPath
    let path = FuzzSupport.file("province.yaml", Data(bytes: start, count: count))
    if let manifest = try? ProvinceManifest.load(path: path),
       let plan = try? BatchPlan.make(manifest: manifest, directory: FuzzSupport.scratch.appendingPathComponent("plan").path, rota: "/usr/bin/rota") {
        _ = plan.files(image: "rota:latest", claim: "rota-plan")
    }
    return 0
}

@_cdecl("FuzzManifest_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.run(argc, argv, fuzz)
}
