/// A place in the federation's network: city, county, township, village, a hotline
/// centre, a care station. Sites form a tree of any depth through ``parent``.
public struct Site: Identifiable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// The enclosing site, `nil` for a root.
    public var parent: String?
    /// A free label for the level, such as "township".
    public var level: String?

    public init(id: String, name: String? = nil, parent: String? = nil, level: String? = nil) {
        self.id = id
        self.name = name ?? id
        self.parent = parent
        self.level = level
    }
}

/// Travel times between sites, from an explicit matrix or from network distance.
///
/// A matrix entry wins. Otherwise the time is `minutesPerHop` × the number of edges
/// between the two sites in the site tree, so a village one township over is further
/// than the township itself.
public struct TravelTimes: Hashable, Sendable {
    /// `from` → `to` → minutes. Entries are taken as symmetric when only one direction is given.
    public var matrix: [String: [String: Int]]
    public var minutesPerHop: Int

    public init(matrix: [String: [String: Int]] = [:], minutesPerHop: Int = 20) {
        self.matrix = matrix
        self.minutesPerHop = minutesPerHop
    }
}

/// The site tree, indexed for distance queries.
public struct SiteNetwork: Sendable {
    public let sites: [Site]
    let index: [String: Int]
    let parent: [Int]
    let depth: [Int]
    let travel: TravelTimes

    public init(sites: [Site], travel: TravelTimes = TravelTimes()) {
        self.sites = sites
        var index: [String: Int] = [:]
        for (i, s) in sites.enumerated() where index[s.id] == nil { index[s.id] = i }
        self.index = index
        let parent = sites.map { $0.parent.flatMap { index[$0] } ?? -1 }
        self.parent = parent
        var depth = [Int](repeating: -1, count: sites.count)
        func depthOf(_ i: Int, _ guardCount: Int) -> Int {
            if depth[i] >= 0 { return depth[i] }
            // A cycle (rejected by validation) is cut here rather than looping.
            let d = parent[i] < 0 || guardCount > sites.count ? 0 : depthOf(parent[i], guardCount + 1) + 1
            depth[i] = d
            return d
        }
        for i in sites.indices { _ = depthOf(i, 0) }
        self.depth = depth
        self.travel = travel
    }

    /// The deepest level in the tree (0 when every site is a root).
    public var maximumDepth: Int { depth.max() ?? 0 }

    /// Edges between `a` and `b` in the tree; `nil` if either is unknown or they share no root.
    public func hops(_ a: String, _ b: String) -> Int? {
        guard var i = index[a], var j = index[b] else { return nil }
        var n = 0
        while depth[i] > depth[j] { i = parent[i]; n += 1 }
        while depth[j] > depth[i] { j = parent[j]; n += 1 }
        while i != j {
            guard parent[i] >= 0, parent[j] >= 0 else { return nil }
            i = parent[i]
            j = parent[j]
            n += 2
        }
        return n
    }

    /// Minutes from `a` to `b`: 0 for the same site or an unknown one.
    public func minutes(_ a: String?, _ b: String?) -> Int {
        guard let a, let b, a != b else { return 0 }
        if let m = travel.matrix[a]?[b] ?? travel.matrix[b]?[a] { return m }
        return (hops(a, b) ?? 0) * travel.minutesPerHop
    }

    /// Whether `descendant` is `ancestor` or lies below it.
    public func isWithin(_ descendant: String, _ ancestor: String) -> Bool {
        guard var i = index[descendant], let a = index[ancestor] else { return false }
        var steps = 0
        while true {
            if i == a { return true }
            guard parent[i] >= 0, steps <= sites.count else { return false }
            i = parent[i]
            steps += 1
        }
    }
}
