import Rota

/// A place in an input file: 1-based line and column (for CSV, the row number and field).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        return s
    }
}

/// One problem with an input file.
public struct InputIssue: Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    /// The key path, such as `volunteers[3].limits.maxHoursPerWeek`.
    public var path: String
    public var message: String
    /// A likely intended key or value, for misspellings.
    public var suggestion: String?

    public init(location: SourceLocation, path: String, message: String, suggestion: String? = nil) {
        self.location = location
        self.path = path
        self.message = message
        self.suggestion = suggestion
    }

    /// `file:line:column: path: message (did you mean 'x'?)`
    public var description: String {
        var s = "\(location): "
        if !path.isEmpty { s += "\(path): " }
        s += message
        if let suggestion { s += " (did you mean '\(suggestion)'?)" }
        return s
    }
}

/// Every problem found in the input files, reported together.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var issues: [InputIssue]
    public init(issues: [InputIssue]) { self.issues = issues }
    public var description: String {
        let head = "\(issues.count) problem\(issues.count == 1 ? "" : "s") in the input:"
        return ([head] + issues.map { "  \($0)" }).joined(separator: "\n")
    }
}
