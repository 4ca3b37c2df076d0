import Foundation
#if canImport(CoreFoundation)
import CoreFoundation
#endif

/// The text of a spreadsheet export, whatever encoding the spreadsheet chose.
///
/// Coordinators save volunteer sheets from Excel or WPS on Chinese Windows: "CSV UTF-8"
/// (UTF-8 with a byte-order mark), "CSV (逗号分隔)" (GB18030, of which GBK and GB2312 are
/// subsets) or "Unicode text" (UTF-16 little-endian with a byte-order mark, tab-separated).
/// A byte-order mark decides; then valid UTF-8 wins; otherwise the bytes are read as
/// GB18030, which decodes any byte sequence that GBK produced.
enum TextDecoding {
    /// The decoded text (without a byte-order mark) and the encoding's name, or `nil` when
    /// the bytes are none of these.
    static func decode(_ data: Data) -> (text: String, encoding: String)? {
        let bytes = [UInt8](data.prefix(3))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return String(data: data.dropFirst(3), encoding: .utf8).map { ($0, "UTF-8") }
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return String(data: data.dropFirst(2), encoding: .utf16LittleEndian).map { ($0, "UTF-16LE") }
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return String(data: data.dropFirst(2), encoding: .utf16BigEndian).map { ($0, "UTF-16BE") }
        }
        if let text = String(data: data, encoding: .utf8) { return (text, "UTF-8") }
        if let text = String(data: data, encoding: gb18030), !text.contains("\u{FFFD}") { return (text, "GB18030") }
        return nil
    }

    /// GB18030 (a superset of GBK and GB2312), through CoreFoundation's converters.
    static let gb18030 = String.Encoding(rawValue: CFStringConvertEncodingToNSStringEncoding(CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue)))

    /// The field separator of a sheet: a tab when the first line has tabs and no commas
    /// (Excel's "Unicode text"), otherwise a comma.
    static func delimiter(of text: String) -> Character {
        let first = text.prefix { !$0.isNewline }
        return first.contains("\t") && !first.contains(",") ? "\t" : ","
    }
}
