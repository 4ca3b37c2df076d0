/// Finds YAML anchors (`&name`) and aliases (`*name`) before the text reaches Yams.
///
/// An alias is a pointer to an earlier node. A chain of them (`b: &b [*a, *a]`, `c: &c [*b,
/// *b]`, …) stands for a tree exponential in the chain's length, and Yams compares mapping
/// keys by value, so a 600-byte file whose keys are aliases takes exponential time to
/// compose, in every reader (scenario, changes, manifest). Rota's formats never need them
/// (a spreadsheet, or values written out), so they are refused with their position, before
/// composing. JSON has no anchors and passes untouched.
///
/// The scan is a tokenizer's outline, linear in the text: comments, quoted scalars and
/// block scalars (`|`, `>`) are skipped; `&` or `*` counts where a node begins (at the start
/// of a line's content, after `- `, `? `, `: `, `[`, `{` or `,`). A plain scalar that begins
/// with `*` is an alias to YAML too, so nothing YAML reads as a value is refused.
enum YAMLAliasGuard {
    /// The first anchor or alias: its 1-based line and column and its kind.
    static func first(in text: String) -> (line: Int, column: Int, alias: Bool)? {
        var line = 1
        var blockIndent: Int?   // inside a block scalar: lines indented more than this are its text
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { line += 1 }
            let chars = Array(raw)
            let indent = chars.prefix { $0 == " " }.count
            if let b = blockIndent {
                if chars.allSatisfy({ $0 == " " || $0 == "\r" }) || indent > b { continue }
                blockIndent = nil
            }
            var i = indent
            var nodeStart = true        // a node may begin here
            var inSingle = false, inDouble = false
            while i < chars.count {
                let c = chars[i]
                if inSingle {
                    if c == "'" { if i + 1 < chars.count, chars[i + 1] == "'" { i += 2; continue }; inSingle = false; nodeStart = false }
                    i += 1; continue
                }
                if inDouble {
                    if c == "\\" { i += 2; continue }
                    if c == "\"" { inDouble = false; nodeStart = false }
                    i += 1; continue
                }
                switch c {
                case "#" where i == 0 || chars[i - 1] == " " || chars[i - 1] == "\t":
                    i = chars.count; continue
                case "'" where nodeStart: inSingle = true
                case "\"" where nodeStart: inDouble = true
                case "&", "*":
                    if nodeStart { return (line, i + 1, c == "*") }
                    nodeStart = false
                case "[", "{", ",":
                    nodeStart = true
                case "-", "?", ":":
                    // An indicator when followed by a space or the end of the line.
                    let next = i + 1 < chars.count ? chars[i + 1] : " "
                    if next == " " || next == "\t" || next == "\r" { nodeStart = true } else { nodeStart = false }
                case " ", "\t", "\r":
                    break
                case "|", ">":
                    if nodeStart {
                        // A block scalar: the following, more indented lines are its text.
                        blockIndent = indent
                        i = chars.count; continue
                    }
                    nodeStart = false
                default:
                    nodeStart = false
                }
                i += 1
            }
        }
        return nil
    }
}
