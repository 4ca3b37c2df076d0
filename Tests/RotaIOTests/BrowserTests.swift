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

    /// The page at `page` (relative to `dir`) in a frame `width` CSS pixels wide: its
    /// scroll width and the frame's client width.
    static func widths(of page: String, in dir: String, width: Int) throws -> (scroll: Int, client: Int)? {
        let harness = """
            <!DOCTYPE html><html><body style="margin:0">
            <iframe id="f" src="\(page)" style="width:\(width)px;height:844px;border:0"></iframe>
            <script>document.getElementById("f").onload = function () {
              var d = this.contentDocument.documentElement;
              document.body.setAttribute("data-result", d.scrollWidth + "x" + d.clientWidth);
            };</script></body></html>
            """
        try harness.write(toFile: dir + "/phone.html", atomically: true, encoding: .utf8)
        let dom = try run(["--virtual-time-budget=5000", "--dump-dom", "file://\(dir)/phone.html"])
        guard let result = dom.stdout.firstMatch(of: /data-result="(\d+)x(\d+)"/) else { return nil }
        return (Int(result.1)!, Int(result.2)!)
    }

    /// `page` printed to PDF: its page count and each page's size in points.
    static func printed(_ page: String, in dir: String) throws -> (status: Int32, pages: Int, sizes: [(width: Double, height: Double)]) {
        let pdf = dir + "/printed.pdf"
        let printed = try run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://\(dir)/\(page)"])
        let text = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: pdf))) ?? Data(), as: UTF8.self)
        let sizes = text.matches(of: /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/).map { (Double($0.1)!, Double($0.2)!) }
        return (printed.status, text.matches(of: /\/Type\s*\/Page[^s]/).count, sizes)
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
        let widths = try #require(try Browser.widths(of: "out/roster.html", in: dir, width: Self.phoneWidth), "no measurement")
        #expect(widths.client > 0 && widths.client <= Self.phoneWidth)
        #expect(widths.scroll <= widths.client, "the page is \(widths.scroll) px wide on a \(widths.client) px screen")

        // The day's and the line's pages fit the phone too.
        for view in ["out/days/2026-03-16.html", "out/lines/rights.html"] {
            let w = try #require(try Browser.widths(of: view, in: dir, width: Self.phoneWidth), "no measurement of \(view)")
            #expect(w.scroll <= w.client, "\(view) is \(w.scroll) px wide on a \(w.client) px screen")
        }

        // 2. As PDF: A4 landscape pages, as many as the month needs and no more.
        let pdf = try Browser.printed("out/roster.html", in: dir)
        #expect(pdf.status == 0)
        #expect(pdf.pages >= 2 && pdf.pages <= 20, "\(pdf.pages) pages")
        #expect(!pdf.sizes.isEmpty)
        for (w, h) in pdf.sizes {
            #expect(abs(w - Self.a4Landscape.width) <= 1 && abs(h - Self.a4Landscape.height) <= 1, "page \(w) × \(h) pt is not A4 landscape")
        }
    }

    /// A volunteer's own page: no wider than a phone, one A4 portrait sheet for a month,
    /// the coordinator's contact on it; the index links every volunteer who works.
    @Test(.enabled(if: Browser.executable != nil, Browser.skipReason))
    func aVolunteersPageFitsAPhoneAndOneA4Sheet() throws {
        let dir = Rota.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let month = SchemaTests.repository.appendingPathComponent("Examples/hotline-12338").path
        let r = try Rota.run(["solve", month + "/scenario.yaml", "--time-limit", "5", "--out", dir + "/out", "--quiet", "--format", "html"])
        #expect(r.status == 0, "\(r.stderr)")
        let index = try String(contentsOfFile: dir + "/out/volunteers/index.html", encoding: .utf8)
        let link = try #require(index.firstMatch(of: /href="([^"]+\.html)"/), "the index links nobody")
        let page = "out/volunteers/" + String(link.1)
        let html = try String(contentsOfFile: dir + "/" + page, encoding: .utf8)
        #expect(html.contains("12338"), "the coordinator's contact is missing")

        let widths = try #require(try Browser.widths(of: page, in: dir, width: Self.phoneWidth), "no measurement")
        #expect(widths.scroll <= widths.client, "the page is \(widths.scroll) px wide on a \(widths.client) px screen")
        let pdf = try Browser.printed(page, in: dir)
        #expect(pdf.status == 0)
        #expect(pdf.pages == 1, "a month on one sheet, not \(pdf.pages)")
        for (w, h) in pdf.sizes {
            #expect(abs(w - Self.a4Landscape.height) <= 1 && abs(h - Self.a4Landscape.width) <= 1, "page \(w) × \(h) pt is not A4 portrait")
        }
    }
}
