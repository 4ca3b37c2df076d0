import Rota

/// The checks on a volunteer's contact fields, shared by the scenario and the sheets:
/// each returns what is wrong with a value, or `nil`.
enum ContactFields {
    /// A phone number has this many digits at least (a short extension) and at most (an
    /// international number with its prefix and a few to spare).
    static let phoneDigits = 5...20
    /// WeChat ids are 6–20 characters; a phone number may serve as one. Anything longer is
    /// not an id.
    static let maximumWeChatLength = 64
    /// A note is a line for the coordinator, not a document.
    static let maximumNoteLength = 200

    static func hasControlCharacters(_ s: String) -> Bool {
        s.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }
    }

    /// Digits, spaces, `+ - ( )`, with 5 to 20 digits: `138 0013 8000`, `+86-771-12338`.
    static func phoneProblem(_ s: String) -> String? {
        let allowed = s.allSatisfy { $0.isASCII && ($0.isNumber || " +-()".contains($0)) }
        let digits = s.filter { $0.isASCII && $0.isNumber }.count
        guard allowed, phoneDigits.contains(digits) else {
            return "expected a phone number (\(phoneDigits.lowerBound) to \(phoneDigits.upperBound) digits, spaces and + - ( ) only), found '\(s)'"
        }
        return nil
    }

    /// Up to 64 characters, no space or control character.
    static func wechatProblem(_ s: String) -> String? {
        guard s.count <= maximumWeChatLength, !s.contains(where: \.isWhitespace), !hasControlCharacters(s) else {
            return "expected a WeChat id (at most \(maximumWeChatLength) characters, no spaces), found '\(s.prefix(80))'"
        }
        return nil
    }

    /// Up to 200 characters on one line.
    static func noteProblem(_ s: String) -> String? {
        guard s.count <= maximumNoteLength, !hasControlCharacters(s) else {
            return "a note is one line of at most \(maximumNoteLength) characters"
        }
        return nil
    }
}
