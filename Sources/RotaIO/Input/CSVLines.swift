/// Where each record of a CSV text starts, in physical lines, and whether a quote is left
/// open at the end.
///
/// SwiftCSV parses the records but keeps no positions, and a record may span several
/// lines (a quoted cell with a newline). This scan follows the same RFC 4180 rules as the
/// parser it accompanies (every unquoted newline ends a record, blank lines included; `""`
/// inside quotes is a quote) so that record `k` of the parser is record `k` here, and an
/// error in it can name its real line. O(characters).
struct CSVLines {
    /// The 1-based physical line each record starts on; record 0 is the header.
    private(set) var starts: [Int] = [1]
    /// The line of a quote that is never closed, if any: everything after it would be one
    /// cell, so the file is refused instead of read with rows silently merged or lost.
    private(set) var unterminatedQuote: Int?

    init(_ text: String, delimiter: Character = ",") {
        var line = 1
        var atFieldStart = true, inQuotes = false, quoteSeen = false, quoteLine = 1
        for ch in text {
            if inQuotes {
                if quoteSeen {
                    // A quote followed by a quote is a literal quote; by anything else, the cell's end.
                    quoteSeen = false
                    if ch != "\"" { inQuotes = false }
                } else if ch == "\"" {
                    quoteSeen = true
                }
            }
            if !inQuotes {
                if ch == "\"" && atFieldStart {
                    inQuotes = true
                    quoteSeen = false
                    quoteLine = line
                    atFieldStart = false
                } else if ch == delimiter {
                    atFieldStart = true
                } else if ch.isNewline {
                    atFieldStart = true
                    starts.append(line + 1)
                } else if !ch.isWhitespace {
                    atFieldStart = false
                }
            }
            if ch.isNewline { line += 1 }
        }
        if inQuotes && !quoteSeen { unterminatedQuote = quoteLine }
    }

    /// The physical line of record `k` (0 is the header); past the end, the last known line.
    func line(ofRecord k: Int) -> Int { k < starts.count ? starts[k] : (starts.last ?? 1) }
}
