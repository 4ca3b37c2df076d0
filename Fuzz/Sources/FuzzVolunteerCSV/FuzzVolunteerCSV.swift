import Foundation
import FuzzSupport
import RotaIO

/// The scenario that names the CSV: the test fixture `csv-host.yaml`, shared with the test
/// that replays this target's findings.
let scenario = (try? String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../Tests/RotaIOTests/Fixtures/csv-host.yaml").standardizedFileURL.path, encoding: .utf8)) ?? ""

/// The volunteer CSV a scenario names (any bytes, any encoding), read with a fixed scenario.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start = bytes else { return 0 }
    _ = FuzzSupport.file("volunteers.csv", Data(bytes: start, count: count))
    if let loaded = try? ScenarioLoader.load(text: scenario, file: "fuzz.yaml", baseDirectory: FuzzSupport.scratch.path) {
        FuzzSupport.exercise(loaded.problem)
    }
    return 0
}

@_cdecl("FuzzVolunteerCSV_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    guard !scenario.isEmpty else {
        FileHandle.standardError.write(Data("Tests/RotaIOTests/Fixtures/csv-host.yaml not found: run from a checkout\n".utf8))
        return 1
    }
    return FuzzSupport.run(argc, argv, fuzz)
}
