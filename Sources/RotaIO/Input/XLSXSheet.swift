import Foundation
import XMLCoder
import ZIPFoundation

/// The first worksheet of an Excel or WPS workbook (`.xlsx`, Office Open XML), as rows of
/// text cells: what coordinators keep their volunteer sheets in.
///
/// Reads the parts a sheet's text needs and nothing else: the workbook's first sheet and
/// its relationship, the shared strings, and the cell styles (to tell dates and times from
/// numbers). A cell becomes the text a person sees: shared and inline strings as they are,
/// booleans as `TRUE`/`FALSE`, whole numbers without a decimal point or exponent (a phone
/// number stays `13800138000`), dates as `2026-03-08`, times of day as `08:00`, other
/// numbers in their shortest form. Formulas give their cached value.
///
/// Every size is bounded before anything is allocated from it (``maximumRows``,
/// ``maximumColumns``, ``maximumUncompressedBytes``), so a hostile file is refused, never
/// a crash. O(bytes of the parts read).
struct XLSXSheet {
    /// One row: its number in the sheet (1-based, as Excel shows it) and its cells from column A.
    struct Row: Equatable {
        var number: Int
        var cells: [String]
    }

    var rows: [Row]

    /// More rows or columns than this is not a volunteer sheet.
    static let maximumRows = 1_048_576
    static let maximumColumns = 16_384
    /// No part of the workbook read may inflate beyond this.
    static let maximumUncompressedBytes: UInt64 = 256 << 20

    /// Why a workbook could not be read, in words for the coordinator.
    struct Failure: Error, Equatable {
        var message: String
    }

    /// Whether `data` starts like a ZIP archive (every `.xlsx` does).
    static func looksLikeWorkbook(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// The first worksheet of the workbook in `data`.
    init(data: Data) throws(Failure) {
        // ZIPFoundation's in-memory reader trusts the archive's offsets: check them first.
        if let problem = ZIPLayout.problem(in: data) { throw Failure(message: "not an .xlsx workbook (\(problem))") }
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw Failure(message: "not an .xlsx workbook (the ZIP archive cannot be opened)") }
        func part(_ path: String) throws(Failure) -> Data? {
            guard let entry = archive[path] else { return nil }
            guard entry.uncompressedSize <= Self.maximumUncompressedBytes else { throw Failure(message: "\(path) is larger than \(Self.maximumUncompressedBytes >> 20) MiB") }
            var bytes = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    bytes.append(chunk)
                    if UInt64(bytes.count) > Self.maximumUncompressedBytes { throw Failure(message: "\(path) inflates beyond its declared size") }
                }
            } catch let failure as Failure {
                throw failure
            } catch {
                throw Failure(message: "\(path) cannot be decompressed")
            }
            // Foundation's XML parser on Linux traps on a name that is not UTF-8 (found by
            // fuzzing): every part a workbook holds is UTF-8, so anything else is refused here.
            guard String(data: bytes, encoding: .utf8) != nil else { throw Failure(message: "\(path) is not UTF-8 text") }
            return bytes
        }
        func decode<T: Decodable>(_ type: T.Type, _ bytes: Data, _ path: String) throws(Failure) -> T {
            let decoder = XMLDecoder()
            decoder.shouldProcessNamespaces = true
            decoder.trimValueWhitespaces = false
            do { return try decoder.decode(T.self, from: bytes) } catch { throw Failure(message: "\(path) is not the XML a workbook holds") }
        }

        // The first sheet's part: workbook.xml names it, its relationships say where it is.
        var sheetPath = "xl/worksheets/sheet1.xml"
        if let workbookData = try part("xl/workbook.xml"), let relsData = try part("xl/_rels/workbook.xml.rels") {
            let workbook = try decode(Workbook.self, workbookData, "xl/workbook.xml")
            let rels = try decode(Relationships.self, relsData, "xl/_rels/workbook.xml.rels")
            if let first = workbook.sheets.sheet.first, let id = first.id,
               let target = rels.relationship.first(where: { $0.id == id })?.target {
                sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        guard let sheetData = try part(sheetPath) else { throw Failure(message: "the workbook has no worksheet") }
        let strings = try part("xl/sharedStrings.xml").map { bytes throws(Failure) in try decode(SharedStrings.self, bytes, "xl/sharedStrings.xml") }?
            .items.map(\.text) ?? []
        let styles = try part("xl/styles.xml").map { bytes throws(Failure) in try decode(Styles.self, bytes, "xl/styles.xml") }
        let kinds = styles?.kinds ?? []
        let sheet = try decode(Worksheet.self, sheetData, sheetPath)

        var rows: [Row] = []
        var next = 1
        for row in sheet.sheetData.row {
            let number = row.r ?? next
            guard number >= 1, number <= Self.maximumRows else { throw Failure(message: "row \(number) is outside a worksheet") }
            next = number + 1
            var cells: [String] = []
            var column = 0
            for cell in row.c {
                if let reference = cell.r {
                    guard let c = Self.columnIndex(reference) else { throw Failure(message: "cell reference '\(reference)' in row \(number) is not a cell") }
                    column = c
                }
                guard column < Self.maximumColumns else { throw Failure(message: "row \(number) has a cell past column XFD") }
                if cells.count <= column { cells += Array(repeating: "", count: column + 1 - cells.count) }
                cells[column] = try Self.text(of: cell, strings: strings, kinds: kinds, row: number)
                column += 1
            }
            while let last = cells.last, last.isEmpty { cells.removeLast() }
            rows.append(Row(number: number, cells: cells))
        }
        self.rows = rows.sorted { $0.number < $1.number }
    }

    /// The 0-based column of a reference such as `C5` or `AB12`; `nil` if it is not one.
    static func columnIndex(_ reference: String) -> Int? {
        var column = 0, letters = 0
        for ch in reference.unicodeScalars {
            if ("A"..."Z").contains(ch) {
                column = column * 26 + Int(ch.value - 64)
                letters += 1
                guard letters <= 3 else { return nil }
            } else if ("0"..."9").contains(ch), letters > 0 {
                continue
            } else {
                return nil
            }
        }
        return letters > 0 ? column - 1 : nil
    }

    /// The text a person sees in `cell`.
    static func text(of cell: Cell, strings: [String], kinds: [Styles.Kind], row: Int) throws(Failure) -> String {
        switch cell.t {
        case "s":
            guard let v = cell.v, let k = Int(v.trimmingCharacters(in: .whitespaces)), k >= 0, k < strings.count else {
                throw Failure(message: "row \(row) refers to a shared string the workbook does not have")
            }
            return strings[k]
        case "inlineStr":
            return cell.is?.text ?? ""
        case "b":
            return cell.v == "1" ? "TRUE" : "FALSE"
        case "str", "e":
            return cell.v ?? ""
        default:
            guard let v = cell.v?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return "" }
            guard let x = Double(v), x.isFinite else { return v }
            let kind = cell.s.flatMap { $0 >= 0 && $0 < kinds.count ? kinds[$0] : nil } ?? .number
            return format(x, as: kind)
        }
    }

    /// A number as a person reads it, by its cell's style.
    static func format(_ x: Double, as kind: Styles.Kind) -> String {
        // Serial days from 1899-12-30 (Excel's 1900 system, past its leap-year bug).
        let secondsPerDay = 86_400.0
        let epoch = -2_209_161_600.0  // 1899-12-30T00:00:00Z
        switch kind {
        case .date, .dateTime, .time:
            guard x >= 0, x < 2_958_466 else { break }  // up to 9999-12-31
            let seconds = (x * secondsPerDay).rounded()
            let date = Date(timeIntervalSince1970: epoch + seconds)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let day = String(format: "%04d-%02d-%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0)
            let time = String(format: "%02d:%02d", p.hour ?? 0, p.minute ?? 0)
            switch kind {
            case .date: return day
            case .time: return time
            default: return day + " " + time
            }
        case .number:
            break
        }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}

// MARK: The parts, as XMLCoder decodes them (attributes and elements alike by name)

extension XLSXSheet {
    struct Workbook: Decodable {
        struct Sheets: Decodable { var sheet: [Sheet] = [] }
        struct Sheet: Decodable {
            var name: String?
            var id: String?
        }
        var sheets: Sheets
    }

    struct Relationships: Decodable {
        struct Relationship: Decodable {
            var id: String
            var target: String
            enum CodingKeys: String, CodingKey { case id = "Id", target = "Target" }
        }
        var relationship: [Relationship] = []
        enum CodingKeys: String, CodingKey { case relationship = "Relationship" }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            relationship = try c.decodeIfPresent([Relationship].self, forKey: .relationship) ?? []
        }
    }

    /// A text node, `<t>` or `<t xml:space="preserve">`.
    struct Text: Decodable {
        var value: String
        enum CodingKeys: String, CodingKey { case value = "" }
        init(from decoder: Decoder) throws {
            if let c = try? decoder.container(keyedBy: CodingKeys.self), let v = try? c.decode(String.self, forKey: .value) {
                value = v
            } else {
                value = (try? decoder.singleValueContainer().decode(String.self)) ?? ""
            }
        }
    }

    /// A string item: plain text, or rich-text runs (joined); phonetic runs are left out.
    struct StringItem: Decodable {
        var t: Text?
        var r: [Run]?
        struct Run: Decodable { var t: Text? }
        var text: String { t?.value ?? (r ?? []).map { $0.t?.value ?? "" }.joined() }
    }

    struct SharedStrings: Decodable {
        var items: [StringItem]
        enum CodingKeys: String, CodingKey { case si }
        init(from decoder: Decoder) throws {
            items = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent([StringItem].self, forKey: .si) ?? []
        }
    }

    struct Cell: Decodable {
        var r: String?
        var t: String?
        var s: Int?
        var v: String?
        var `is`: StringItem?
    }

    struct Worksheet: Decodable {
        struct SheetData: Decodable {
            var row: [RowNode] = []
            enum CodingKeys: String, CodingKey { case row }
            init(from decoder: Decoder) throws {
                row = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent([RowNode].self, forKey: .row) ?? []
            }
        }
        struct RowNode: Decodable {
            var r: Int?
            var c: [Cell] = []
            enum CodingKeys: String, CodingKey { case r, c }
            init(from decoder: Decoder) throws {
                let k = try decoder.container(keyedBy: CodingKeys.self)
                r = try k.decodeIfPresent(Int.self, forKey: .r)
                c = try k.decodeIfPresent([Cell].self, forKey: .c) ?? []
            }
        }
        var sheetData: SheetData
    }

    /// Cell styles, reduced to what a number means: a date, a time, both, or a number.
    struct Styles: Decodable {
        enum Kind { case number, date, time, dateTime }
        struct NumberFormat: Decodable {
            var numFmtId: Int
            var formatCode: String?
        }
        struct NumberFormats: Decodable {
            var numFmt: [NumberFormat]?
        }
        struct CellFormat: Decodable { var numFmtId: Int? }
        struct CellFormats: Decodable { var xf: [CellFormat]? }
        var numFmts: NumberFormats?
        var cellXfs: CellFormats?

        /// Per cell style (the `s` of a cell): what its numbers mean.
        var kinds: [Kind] {
            var custom: [Int: String] = [:]
            for f in numFmts?.numFmt ?? [] { custom[f.numFmtId] = f.formatCode }
            return (cellXfs?.xf ?? []).map { xf in
                let id = xf.numFmtId ?? 0
                if let code = custom[id] { return Self.kind(ofCode: code) }
                switch id {
                case 14...17, 27...31, 34...36, 50...58: return .date
                case 18...21, 32, 33, 45...47: return .time
                case 22: return .dateTime
                default: return .number
                }
            }
        }

        /// The kind of a custom format code: quoted text and colours left out, `y`/`d` make
        /// a date, `h`/`s` a time (`m` alone is ambiguous between month and minute).
        static func kind(ofCode code: String) -> Kind {
            var plain = ""
            var quoted = false, bracket = false
            for ch in code.lowercased() {
                if ch == "\"" { quoted.toggle(); continue }
                if ch == "[" { bracket = true; continue }
                if ch == "]" { bracket = false; continue }
                if !quoted && !bracket { plain.append(ch) }
            }
            let date = plain.contains("y") || plain.contains("d")
            let time = plain.contains("h") || plain.contains("s")
            switch (date, time) {
            case (true, true): return .dateTime
            case (true, false): return .date
            case (false, true): return .time
            default: return .number
            }
        }
    }
}
