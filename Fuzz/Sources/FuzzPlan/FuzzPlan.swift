import Foundation
import FuzzSupport
import Rota
import RotaIO

/// A plan folder's `plan.json` as `rota batch merge` reads it (tasks pointing anywhere,
/// status files and rosters missing or not), merged and rendered.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start = bytes else { return 0 }
    let folder = FuzzSupport.scratch.appendingPathComponent("plan")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try? Data(bytes: start, count: count).write(to: folder.appendingPathComponent("plan.json"))
    if let report = try? ProvinceReport.merge(directory: folder.path) { _ = report.files() }
    return 0
}

@_cdecl("FuzzPlan_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzSupport.run(argc, argv, fuzz)
}
