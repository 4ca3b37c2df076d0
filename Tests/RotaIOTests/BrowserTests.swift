import Foundation
import Testing

/// The HTML roster in a real browser (headless Chromium, with CJK fonts): on a phone's
/// 390 px the page never scrolls sideways (the grid scrolls inside its frame), and it
/// prints on A4 landscape.
enum Browser {
    /// The first Chromium on the PATH.
    static let executable: String? = {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            if let r = try? Shell.run(["sh", "-c", "command -v \(name)"]), r.status == 0 {
                let path = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                if !path.isEmpty { return path }
            }
        }
        return nil
    }()

    /// Set by `.ci/run` after installing Chromium: then a missing browser fails the run.
    static var required: Bool { ProcessInfo.processInfo.environment["ROTA_REQUIRE_BROWSER"] == "1" }

    static let skipReason: Comment = "SKIPPED LOUDLY: no Chromium here (apt-get install chromium fonts-noto-cjk); .ci/run installs it and fails when this is skipped."

    static func run(_ arguments: [String]) throws -> Shell.Output {
        try Shell.run([executable!, "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"] + arguments)
    }
}

@Suite("The HTML roster in a real browser", .serialized)
struct BrowserTests {
    /// A phone's width in CSS pixels.
    static let phoneWidth = 390
    /// A4 landscape in PDF points, with a point of rounding either way.
    static let a4Landscape = (width: 842.0, height: 595.0)

    @Test
    func theBrowserIsThereWhenCIRequiresIt() {
        if Browser.executable == nil {
            if Browser.required { Issue.record("ROTA_REQUIRE_BROWSER=1 but no Chromium on the PATH: the browser tests would be skipped") }
            else { FileHandle.standardError.write(Data("\n*** \(Browser.skipReason) ***\n\n".utf8)) }
        }
    }

    @Test(.enabled(if: Browser.executable != nil, Browser.skipReason))
    func aPhoneNeverScrollsSidewaysAndA4PrintsLandscape() throws {
        let dir = Rota.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The bundled month with a flu week: a full grid, gaps, events and explanations.
        let month = SchemaTests.repository.appendingPathComponent("Examples/hotline-12338").path
        let r = try Rota.run(["solve", month + "/scenario.yaml", "--time-limit", "5", "--out", dir + "/v1", "--quiet", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let replan = try Rota.run(["replan", month + "/scenario.yaml", "--published", dir + "/v1/roster.json", "--changes", month + "/flu.yaml",
                                   "--time-limit", "5", "--out", dir + "/out"])
        #expect(replan.status == 0, "\(replan.stderr)")

        // 1. At 390 px the page is no wider than the screen.
        let harness = """
            <!DOCTYPE html><html><body style="margin:0">
            <iframe id="f" src="out/roster.html" style="width:\(Self.phoneWidth)px;height:844px;border:0"></iframe>
            <script>document.getElementById("f").onload = function () {
              var d = this.contentDocument.documentElement;
              document.body.setAttribute("data-result", d.scrollWidth + "x" + d.clientWidth);
            };</script></body></html>
            """
        try harness.write(toFile: dir + "/phone.html", atomically: true, encoding: .utf8)
        let dom = try Browser.run(["--virtual-time-budget=5000", "--dump-dom", "file://\(dir)/phone.html"])
        let result = try #require(dom.stdout.firstMatch(of: /data-result="(\d+)x(\d+)"/), "no measurement in \(dom.stdout.prefix(300)) \(dom.stderr.suffix(300))")
        let (scroll, client) = (Int(result.1)!, Int(result.2)!)
        #expect(client > 0 && client <= Self.phoneWidth)
        #expect(scroll <= client, "the page is \(scroll) px wide on a \(client) px screen")

        // 2. As PDF: A4 landscape pages, as many as the month needs and no more.
        let pdf = dir + "/roster.pdf"
        let printed = try Browser.run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://\(dir)/out/roster.html"])
        #expect(printed.status == 0, "\(printed.stderr.suffix(300))")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        let text = String(decoding: bytes, as: UTF8.self)
        let pages = text.matches(of: /\/Type\s*\/Page[^s]/).count
        #expect(pages >= 2 && pages <= 20, "\(pages) pages")
        let boxes = text.matches(of: /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/)
        #expect(!boxes.isEmpty)
        for box in boxes {
            let (w, h) = (Double(box.1)!, Double(box.2)!)
            #expect(abs(w - Self.a4Landscape.width) <= 1 && abs(h - Self.a4Landscape.height) <= 1, "page \(w) × \(h) pt is not A4 landscape")
        }
    }
}
