import Foundation
import Rota
import ZIPFoundation

/// Writes a real `.xlsx` workbook (Office Open XML, as Excel and WPS open it): one
/// worksheet per table, every cell an inline string, the first row bold-free headers. Built
/// in memory with ZIPFoundation; entries carry a fixed date so the same tables give the
/// same bytes.
///
/// Complexity: O(cells).
public enum XLSXWriter {
    /// The date every entry carries (the files of a run are byte-stable).
    static let entryDate = Date(timeIntervalSince1970: 1_577_836_800)

    /// The workbook of `sheets` (name, rows), or `nil` if the archive cannot be built.
    public static func workbook(_ sheets: [(name: String, rows: [[String]])]) -> Data? {
        var parts: [(String, Data)] = []
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        var overrides = "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        var sheetList = "", sheetRels = ""
        for (i, sheet) in sheets.enumerated() {
            let n = i + 1
            overrides += "<Override PartName=\"/xl/worksheets/sheet\(n).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            sheetList += "<sheet name=\"\(escape(String(sheet.name.prefix(31))))\" sheetId=\"\(n)\" r:id=\"rId\(n)\"/>"
            sheetRels += "<Relationship Id=\"rId\(n)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\(n).xml\"/>"
            var xml = header + "<worksheet xmlns=\"\(main)\"><sheetData>"
            for (r, row) in sheet.rows.enumerated() {
                xml += "<row r=\"\(r + 1)\">"
                for (c, value) in row.enumerated() where !value.isEmpty {
                    xml += "<c r=\"\(column(c))\(r + 1)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(value))</t></is></c>"
                }
                xml += "</row>"
            }
            xml += "</sheetData></worksheet>"
            parts.append(("xl/worksheets/sheet\(n).xml", Data(xml.utf8)))
        }
        parts.insert(("[Content_Types].xml", Data((header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" + overrides + "</Types>").utf8)), at: 0)
        parts.insert(("_rels/.rels", Data((header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>").utf8)), at: 1)
        parts.insert(("xl/workbook.xml", Data((header + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheets>" + sheetList + "</sheets></workbook>").utf8)), at: 2)
        parts.insert(("xl/_rels/workbook.xml.rels", Data((header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + sheetRels + "</Relationships>").utf8)), at: 3)
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, data) in parts {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
            return archive.data
        } catch {
            return nil
        }
    }

    /// `A`, `B`, …, `Z`, `AA`, … for the 0-based column `c`.
    static func column(_ c: Int) -> String {
        var n = c + 1, name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// XML text: the five entities escaped, characters XML 1.0 cannot carry dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}

extension VolunteerSheetTemplate {
    /// The blank sheet as a real workbook (one worksheet, 志愿者).
    public static func xlsx() -> Data? {
        XLSXWriter.workbook([(name: "志愿者", rows: [VolunteerCSV.templateColumns, VolunteerCSV.templateExample])])
    }
}

extension RosterRenderer {
    /// `roster.xlsx`: the roster as a workbook in the scenario's language: the grid (a row
    /// per date, a column per line, names with times), one row per assignment, and the gaps
    /// with their reason. Contacts are never in it. `nil` when the archive cannot be built.
    func workbook(_ explanations: [UnfilledExplanation]) -> Data? {
        let L = labels, t = locale.pick, shown = displayNames
        let used = Set(roster.assignments.compactMap(\.line))
        let lines = problem.lines.filter(used.contains)
        var byCell: [String: [Assignment]] = [:]
        for a in roster.assignments where a.line != nil { byCell["\(a.date)|\(a.line!)", default: []].append(a) }
        func time(_ a: Assignment) -> String { "\(clock.clock(a.interval.start))–\(clock.clock(a.interval.end))" }
        var grid = [[L.date, t("weekday", "星期")] + lines.map(display.line)]
        for date in problem.horizon.dates {
            grid.append([date.description, L.weekday(date.weekday)] + lines.map { l in
                (byCell["\(date)|\(l)"] ?? []).sorted().map { "\(time($0)) \(shown[$0.volunteer] ?? $0.volunteer)" }.joined(separator: "\n")
            })
        }
        var rows = [[L.date, t("weekday", "星期"), L.time, L.what, t("id", "编号"), L.volunteer, L.site]]
        for a in roster.assignments.sorted(by: { ($0.date, $0.interval.start, $0.line ?? "", $0.volunteer) < ($1.date, $1.interval.start, $1.line ?? "", $1.volunteer) }) {
            let what: String
            switch a.target {
            case let .shift(template, _): what = a.line.map(display.line) ?? display.template(template)
            case let .event(e, skill): what = "\(eventNames[e] ?? e) – \(display.skill(skill))"
            }
            rows.append([a.date.description, L.weekday(a.date.weekday), time(a), what, a.volunteer, shown[a.volunteer] ?? a.volunteer,
                         a.site.map { siteNames[$0] ?? $0 } ?? ""])
        }
        var gaps = [[L.date, L.time, L.what, L.missing, t("reason", "原因")]]
        for (u, e) in zip(roster.unfilled, explanations) {
            gaps.append([u.date.description, "\(clock.clock(u.interval.start))–\(clock.clock(u.interval.end))", localizedWhat(u), "\(u.missing)", coarseReason(u, e)])
        }
        return XLSXWriter.workbook([(t("Roster", "排班"), grid), (t("Assignments", "明细"), rows), (t("Gaps", "缺岗"), gaps)])
    }
}
