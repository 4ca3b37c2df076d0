import Foundation

/// A structural check of a ZIP archive before ZIPFoundation reads it: ZIPFoundation's
/// in-memory reader traps on offsets past the end of its data (found by fuzzing the
/// volunteer-sheet reader), so every offset and size it would follow is checked here
/// first, the way every argument is checked before a C call.
///
/// Checks the end-of-central-directory record (the last one in the file, as readers take
/// it), that the central directory lies before it, and for each entry that its local
/// header and its compressed data lie inside the archive. ZIP64 archives are refused (a
/// volunteer sheet never needs one). O(entries).
enum ZIPLayout {
    static let endRecordSignature: UInt32 = 0x0605_4B50
    static let centralSignature: UInt32 = 0x0201_4B50
    static let localSignature: UInt32 = 0x0403_4B50
    static let endRecordSize = 22
    static let centralHeaderSize = 46
    static let localHeaderSize = 30
    /// The longest comment an end record may carry.
    static let maximumComment = 0xFFFF
    /// More entries than this is not a workbook.
    static let maximumEntries = 10_000

    /// `nil` when the layout is sound, else why not.
    static func problem(in data: Data) -> String? {
        let bytes = [UInt8](data)
        let n = bytes.count
        func u16(_ at: Int) -> Int? { at >= 0 && at + 2 <= n ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil }
        func u32(_ at: Int) -> Int? {
            guard at >= 0, at + 4 <= n else { return nil }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        guard n >= endRecordSize else { return "too short to be a ZIP archive" }
        // The end record: its signature, searched backwards over the longest comment.
        var end: Int? = nil
        var at = n - endRecordSize
        let lowest = max(0, n - endRecordSize - maximumComment)
        while at >= lowest {
            if u32(at) == Int(endRecordSignature) { end = at; break }
            at -= 1
        }
        guard let end, let entries = u16(end + 10), let size = u32(end + 12), let offset = u32(end + 16),
              let comment = u16(end + 20) else { return "no end of central directory" }
        guard entries != 0xFFFF, size != 0xFFFF_FFFF, offset != 0xFFFF_FFFF else { return "a ZIP64 archive" }
        guard end + endRecordSize + comment <= n else { return "the archive's comment runs past its end" }
        guard entries <= maximumEntries else { return "\(entries) entries" }
        guard offset + size <= end else { return "the central directory runs past its end record" }
        var p = offset
        for _ in 0..<entries {
            guard p + centralHeaderSize <= offset + size, u32(p) == Int(centralSignature),
                  let compressed = u32(p + 20), let nameLength = u16(p + 28), let extraLength = u16(p + 30),
                  let commentLength = u16(p + 32), let local = u32(p + 42) else { return "a damaged central directory" }
            guard compressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF else { return "a ZIP64 entry" }
            guard u32(local) == Int(localSignature), let localName = u16(local + 26), let localExtra = u16(local + 28) else {
                return "an entry whose local header is missing"
            }
            let start = local + localHeaderSize + localName + localExtra
            guard start + compressed <= n else { return "an entry whose data runs past the end" }
            p += centralHeaderSize + nameLength + extraLength + commentLength
        }
        return p <= offset + size ? nil : "a damaged central directory"
    }
}
