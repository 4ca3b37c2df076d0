import Foundation
import SwiftCSV

/// A header and rows of text cells, read from a CSV file (UTF-8, UTF-16 or GB18030, comma
/// or tab) or from the first worksheet of an `.xlsx` workbook: the one shape the volunteer
/// and pairing readers take, so that every check and every file:line:column is the same
/// whichever a coordinator saved.
///
/// Lines are the file's physical lines for CSV (a quoted field may span several) and the
/// sheet's row numbers for a workbook; columns are the field's position from 1 (column A).
struct SheetTable {
    var header: [String]
    /// Each record after the header, with the line (or sheet row) it starts on.
    var rows: [(line: Int, cells: [String])]

    /// Reads `path`: a workbook when it is one (by its bytes, whatever its name), else
    /// text. Any problem becomes an issue at `display` under `key` (naming the file as
    /// `subject`), and `nil`.
    static func read(path: String, display: String, key: String, subject: String = "the file", reader: inout NodeReader) -> SheetTable? {
        func fail(_ line: Int?, _ message: String) {
            reader.issues.append(InputIssue(location: SourceLocation(file: display, line: line), path: key, message: message))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            fail(nil, "cannot read \(subject)")
            return nil
        }
        if XLSXSheet.looksLikeWorkbook(data) {
            do {
                let sheet = try XLSXSheet(data: data)
                guard let first = sheet.rows.first else {
                    fail(nil, "the workbook's first sheet is empty")
                    return nil
                }
                return SheetTable(header: first.cells, rows: sheet.rows.dropFirst().map { ($0.number, $0.cells) })
            } catch {
                fail(nil, "cannot read the workbook: \(error.message) (save the sheet as .xlsx or CSV UTF-8)")
                return nil
            }
        }
        guard let (text, _) = TextDecoding.decode(data) else {
            fail(nil, "\(subject) is neither an .xlsx workbook nor UTF-8, UTF-16 or GB18030 text (save it as .xlsx or CSV UTF-8)")
            return nil
        }
        let layout = CSVLines(text)
        if let open = layout.unterminatedQuote {
            fail(open, "a quote opened here is never closed")
            return nil
        }
        do {
            let csv = try EnumeratedCSV(string: text, delimiter: TextDecoding.delimiter(of: text) == "\t" ? .tab : .comma, loadColumns: false)
            return SheetTable(header: csv.header, rows: csv.rows.enumerated().map { (layout.line(ofRecord: $0.offset + 1), $0.element) })
        } catch {
            fail(nil, "not valid CSV: \(error)")
            return nil
        }
    }
}
