import Foundation
import LinearProgramming
import Rota

/// Writes realistic synthetic counties for benchmarks: a scenario the CLI solves, its
/// volunteer CSV and, for the largest size, the pairing files of the long-term matching.
///
/// The county follows the federation's four-level network (city → county → township →
/// village). City volunteers staff the 12338 hotline centre; township and village
/// volunteers staff the outreach events and care stations near home (their travel limit
/// keeps them local, which is also what keeps the model sparse). Around the Spring
/// Festival a third of the corps is away, so that week is understaffed on purpose and
/// the roster has to report what it could not fill.
///
/// | size | volunteers | townships | horizon | demand |
/// |---|---|---|---|---|
/// | S | 60 | — | 1 week | hotline only |
/// | M | 306 (156 rights/legal, 36 health, 114 caring) | 5 | 4 weeks | 7 lines, 40 events, 5 care stations |
/// | L | 1,000 | 20 | 4 weeks | the same, 150 events |
/// | XL | 3,000 | 60 | 13 weeks | the same, 600 events; pairings 3,000 × 4,500 and 10,000 × 60,000 |
///
/// The hotline is what a real one is: each line has two phones (a hard maximum per hour),
/// demand varies by line, weekday and hour (Monday mornings on the rights line, weekday
/// evenings on the psychological line, a thinner legal line and a closed family line at
/// weekends), event teams cap their roles, and volunteers give day parts (evenings,
/// weekday mornings, weekends) rather than whole days.
///
/// The same size and seed always give byte-identical files. Generation is linear in the
/// number of volunteers, events and pairing participants.
public enum CountyGenerator {
    /// A benchmark size.
    public enum Size: String, CaseIterable, Sendable {
        case s, m, l, xl

        /// Volunteers by group: rights/legal, health advisers, caring volunteers.
        public var groups: (rightsLegal: Int, health: Int, caring: Int) {
            switch self {
            case .s: (31, 7, 22)
            case .m: (156, 36, 114)
            case .l: (510, 120, 370)
            case .xl: (1_530, 360, 1_110)
            }
        }

        public var volunteers: Int { groups.rightsLegal + groups.health + groups.caring }
        /// Townships in the network (each with three villages); none for S.
        public var townships: Int { [.s: 0, .m: 5, .l: 20, .xl: 60][self]! }
        public var days: Int { [.s: 7, .m: 28, .l: 28, .xl: 91][self]! }
        public var events: Int { [.s: 0, .m: 40, .l: 150, .xl: 600][self]! }
        public var careStations: Int { self == .s ? 0 : 5 }
        /// The first day: S plans the 8 March week; the others start on the Monday before
        /// the 2026 Spring Festival (17 February), so the festival and the 8 March week fall
        /// in every horizon.
        public var start: CalendarDate {
            self == .s ? CalendarDate(year: 2026, month: 3, day: 2) : CalendarDate(year: 2026, month: 2, day: 16)
        }
        /// Share of the corps living in the city and staffing the hotline centre.
        var hotlinePool: Int { self == .s ? volunteers : [.m: 90, .l: 110, .xl: 130][self]! }
    }

    /// One generated file: a path relative to the output directory, and its text.
    public struct File: Sendable, Equatable {
        public var path: String
        public var contents: String
    }

    /// The files of a county of the given size, in a fixed order: `scenario.yaml`,
    /// `volunteers.csv` and, for XL, `mentor-pairing/…` and `household-visits/…`.
    public static func files(size: Size, seed: UInt64) -> [File] {
        var rng = SeededGenerator(seed: seed &* 0x9E37_79B9 &+ UInt64(Size.allCases.firstIndex(of: size)!))
        var county = County(size: size)
        var files = [File(path: "scenario.yaml", contents: county.scenario(rng: &rng)),
                     File(path: "volunteers.csv", contents: county.volunteerCSV(rng: &rng))]
        if size == .xl {
            files += mentorPairing(mentors: 3_000, girls: 4_500, townships: size.townships, seed: seed)
            files += householdVisits(officials: 10_000, households: 60_000, townships: size.townships, seed: seed)
        }
        return files
    }

    // MARK: - Pairings

    /// A mentor pairing (caring mothers and girls in difficulty, one or two girls each),
    /// blocked by township: `mentor-pairing/pairing.yaml`, `mentors.csv`, `girls.csv`.
    public static func mentorPairing(mentors: Int, girls: Int, townships: Int, seed: UInt64) -> [File] {
        var rng = SeededGenerator(seed: seed &+ 0x4D45_4E54)
        let interests = ["music", "reading", "sport", "drawing", "study", "crafts", "dance", "science"]
        func someInterests() -> String {
            interests.filter { _ in Int.random(in: 0..<4, using: &rng) == 0 }.joined(separator: ";")
        }
        let towns = max(1, townships)
        var left = "id,name,township,interests,age,max_partners\n"
        for i in 0..<mentors {
            let age = Int.random(in: 30...62, using: &rng)
            left += "m\(i + 1),\(personName(&rng)),township-\(i % towns + 1),\(someInterests()),\(age),\(Int.random(in: 1...2, using: &rng))\n"
        }
        var right = "id,name,township,interests,age,must_match,category\n"
        let categories = ["left-behind", "single-parent", "low-income", "disability-in-family"]
        for i in 0..<girls {
            let category = categories[Int.random(in: 0..<categories.count, using: &rng)]
            right += "g\(i + 1),\(personName(&rng)),township-\(Int.random(in: 0..<towns, using: &rng) + 1),\(someInterests()),\(Int.random(in: 6...17, using: &rng)),\(category == "left-behind"),\(category)\n"
        }
        let yaml = """
        # Caring mothers paired with girls in difficulty, one or two each, within the township.
        name: 爱心妈妈结对 (generated, \(mentors) × \(girls))
        left:
          label: mentors
          file: mentors.csv
          sets: [interests]
          numbers: [age]
          capacity: {min: 0, max: 2}
        right:
          label: girls
          file: girls.csv
          sets: [interests]
          numbers: [age]
        filters:
          - sameText: township
        score:
          base: 20
          terms:
            - shared: {left: interests, right: interests, weight: 3}
            - numberDifference: {left: age, right: age, weight: 0.1}
        shortlist: 3
        report: [category, township]

        """
        return [File(path: "mentor-pairing/pairing.yaml", contents: yaml),
                File(path: "mentor-pairing/mentors.csv", contents: left),
                File(path: "mentor-pairing/girls.csv", contents: right)]
    }

    /// Officials assigned to household visits in their own township within 1.2 km (a
    /// sparse distance graph; each township is an 8 km square in a 10 km grid): `household-visits/pairing.yaml`, `officials.csv`,
    /// `households.csv`.
    public static func householdVisits(officials: Int, households: Int, townships: Int, seed: UInt64) -> [File] {
        var rng = SeededGenerator(seed: seed &+ 0x484F_5553)
        let towns = max(1, townships)
        // Townships are 8 km squares on a 10 km grid, with fields between them.
        let columns = Int(Double(towns).squareRoot().rounded(.up))
        func point(_ town: Int) -> (Double, Double) {
            (Double(town % columns) * 10 + Double.random(in: 0..<8, using: &rng),
             Double(town / columns) * 10 + Double.random(in: 0..<8, using: &rng))
        }
        func coordinate(_ v: Double) -> String { String(format: "%.3f", v) }
        var left = "id,name,township,x,y,max_partners\n"
        for i in 0..<officials {
            let town = i % towns
            let (x, y) = point(town)
            left += "o\(i + 1),\(personName(&rng)),township-\(town + 1),\(coordinate(x)),\(coordinate(y)),\(Int.random(in: 5...9, using: &rng))\n"
        }
        var right = "id,township,x,y,category,must_match,need\n"
        let categories = ["single-mother", "left-behind-women", "difficulty", "disability", "elderly-women", "general"]
        for i in 0..<households {
            let town = Int.random(in: 0..<towns, using: &rng)
            let (x, y) = point(town)
            let category = categories[Int.random(in: 0..<categories.count, using: &rng)]
            right += "h\(i + 1),township-\(town + 1),\(coordinate(x)),\(coordinate(y)),\(category),\(category != "general"),\(Int.random(in: 0...3, using: &rng))\n"
        }
        let yaml = """
        # Officials assigned to household visits within walking distance; must-visit
        # categories first, then the households in most need.
        name: 入户走访 (generated, \(officials) × \(households))
        left:
          label: officials
          file: officials.csv
        right:
          label: households
          file: households.csv
          numbers: [need]
        filters:
          - sameText: township
          - maxDistance: 1.2
        score:
          base: 5
          terms:
            - distance: 1
            - rightNumber: {key: need, weight: 2}
        shortlist: 2
        report: [category, township]

        """
        return [File(path: "household-visits/pairing.yaml", contents: yaml),
                File(path: "household-visits/officials.csv", contents: left),
                File(path: "household-visits/households.csv", contents: right)]
    }

    static func personName(_ rng: inout SeededGenerator) -> String {
        let family = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗")
        let given = ["芳", "娜", "秀英", "敏", "静", "丽", "艳", "霞", "桂英", "秀兰", "玉兰", "婷", "雪", "慧", "红", "梅", "琳", "洁", "燕", "颖"]
        return String(family[Int.random(in: 0..<family.count, using: &rng)]) + given[Int.random(in: 0..<given.count, using: &rng)]
    }
}

/// The county being generated: its network, and the text of its files.
private struct County {
    let size: CountyGenerator.Size
    var townships: [String] = []
    var villages: [String: [String]] = [:]
    var careSites: [String] = []

    init(size: CountyGenerator.Size) {
        self.size = size
        for t in 0..<size.townships {
            let id = "township-\(t + 1)"
            townships.append(id)
            villages[id] = (1...3).map { "\(id)-village-\($0)" }
        }
        careSites = size.townships == 0 ? [] : (0..<size.careStations).map { townships[$0 * townships.count / size.careStations] }
    }

    var counties: Int { max(1, (size.townships + 3) / 4) }
    /// Phones on each hotline line: the hard maximum of operators per hour.
    let phonesPerLine = 2
    var festival: ClosedRange<Int> { 0...6 }  // days away around the Spring Festival (Mon 16 – Sun 22 Feb)

    /// Theme days inside the horizon get most of the outreach events.
    func themeDays() -> [Int] {
        let themes = [(3, 8), (5, 15), (6, 26), (11, 25), (12, 4)]
        var result: [Int] = []
        for (month, day) in themes {
            let offset = CalendarDate(year: size.start.year, month: month, day: day).daysSinceEpoch - size.start.daysSinceEpoch
            if month == 3 && day == 8 {
                for d in (offset - 5)...offset where (0..<size.days).contains(d) { result.append(d) }
            } else if (0..<size.days).contains(offset) {
                result.append(offset)
            }
        }
        return result
    }

    func date(_ offset: Int) -> String { size.start.adding(days: offset).description }

    mutating func scenario(rng: inout SeededGenerator) -> String {
        var y = """
        # A generated county for benchmarks: rota generate --size \(size.rawValue)
        # Solve it with:  rota solve scenario.yaml --out roster
        name: generated county (\(size.rawValue.uppercased()), \(size.volunteers) volunteers)
        horizon:
          start: \(size.start)
          days: \(size.days)
          timeZone: Asia/Shanghai
        skills: [rights, legal, psychological, health, family, housekeeping, caring]
        sites:
          - {id: city, name: 市妇联, level: city}
          - {id: hotline-centre, name: 12338 热线中心, parent: city, level: centre}

        """
        for c in 0..<(size.townships == 0 ? 0 : counties) {
            y += "  - {id: county-\(c + 1), parent: city, level: county}\n"
        }
        for (t, id) in townships.enumerated() {
            y += "  - {id: \(id), parent: county-\(t / 4 + 1), level: township}\n"
            for v in villages[id]! { y += "  - {id: \(v), parent: \(id), level: village}\n" }
        }
        y += """
        travel:
          minutesPerHop: 20
        volunteersFile: volunteers.csv

        templates:
          - {id: rights-am, line: rights, site: hotline-centre, from: "08:00", to: "15:00", skill: rights}
          - {id: rights-pm, line: rights, site: hotline-centre, from: "15:00", to: "22:00", skill: rights}
          - {id: legal-am, line: legal, site: hotline-centre, from: "08:00", to: "15:00", skill: legal}
          - {id: legal-pm, line: legal, site: hotline-centre, from: "15:00", to: "22:00", skill: legal}
          - {id: psychological-am, line: psychological, site: hotline-centre, from: "08:00", to: "15:00", skill: psychological}
          - {id: psychological-pm, line: psychological, site: hotline-centre, from: "15:00", to: "22:00", skill: psychological}
          - {id: family-am, line: family, site: hotline-centre, from: "08:00", to: "15:00", skill: family}
          - {id: housekeeping-pm, line: housekeeping, site: hotline-centre, from: "15:00", to: "22:00", skill: housekeeping}
          - {id: employment-am, line: employment, site: hotline-centre, from: "08:00", to: "15:00", skill: rights}
          - {id: child-protection-pm, line: child-protection, site: hotline-centre, from: "15:00", to: "22:00", skill: caring}

        """
        // Care stations: open through the festival week, a day shift each.
        let stationDates = "[" + (1...5).map { date($0) }.joined(separator: ", ") + "]"
        for (k, site) in careSites.enumerated() {
            y += "  - {id: care-station-\(k + 1), line: care-station-\(k + 1), site: \(site), from: \"09:00\", to: \"17:00\", skill: caring, dates: \(stationDates), onlyOnDates: true}\n"
        }
        y += """

        # Every line has \(phonesPerLine) phones: a hard maximum per hour. Demand varies by line,
        # weekday and hour: Monday mornings bring the weekend's backlog to the rights line,
        # weekday evenings the psychological line's peak; the legal line is short-staffed
        # at weekends and the family line closes.
        coverage:
          - {id: rights, line: rights, from: "08:00", to: "22:00", min: 1, max: \(phonesPerLine), hardMax: true, underWeight: 10, priority: 2}
          - {id: rights-monday, line: rights, days: mon, from: "08:00", to: "15:00", min: 2, max: \(phonesPerLine), hardMax: true, underWeight: 10}
          - {id: legal, line: legal, days: weekdays, from: "08:00", to: "22:00", min: 1, max: \(phonesPerLine), hardMax: true, underWeight: 10, priority: 2}
          - {id: legal-weekend, line: legal, days: weekends, from: "08:00", to: "15:00", min: 1, max: \(phonesPerLine), hardMax: true, underWeight: 10}
          - {id: psychological, line: psychological, from: "08:00", to: "22:00", min: 1, max: \(phonesPerLine), hardMax: true, underWeight: 10}
          - {id: psychological-evening, line: psychological, days: weekdays, from: "18:00", to: "22:00", min: 2, max: \(phonesPerLine), hardMax: true, underWeight: 10}
          - {id: family, line: family, days: weekdays, from: "08:00", to: "15:00", min: 1, max: \(phonesPerLine), hardMax: true, underWeight: 10}
          - {id: housekeeping, line: housekeeping, from: "15:00", to: "22:00", min: 1, max: \(phonesPerLine), hardMax: true, underWeight: 10}
          - {id: employment, line: employment, days: weekdays, from: "08:00", to: "15:00", min: 1, max: \(phonesPerLine), hardMax: true, underWeight: 10}
          - {id: child-protection, line: child-protection, from: "15:00", to: "22:00", min: 1, max: \(phonesPerLine), hardMax: true, underWeight: 10}

        """
        for k in careSites.indices {
            y += "  - {id: care-station-\(k + 1), template: care-station-\(k + 1), dates: \(stationDates), min: 2, underWeight: 5}\n"
        }
        if size.events > 0 {
            y += "\nevents:\n"
            let themes = themeDays()
            let kinds: [(String, String, String, String, String)] = [
                ("legal", "法律咨询", "{legal: 2, rights: 1}", "09:00", "16:00"),
                ("health", "健康义诊", "{health: 2, caring: 1}", "09:00", "15:00"),
                ("caring", "关爱走访", "{caring: 3}", "09:00", "12:00"),
                ("mixed", "维权服务日", "{legal: 1, health: 1, caring: 2}", "09:00", "16:00"),
            ]
            for e in 0..<size.events {
                // Two events in five fall on a theme day; the rest spread over the horizon.
                let day = !themes.isEmpty && Int.random(in: 0..<5, using: &rng) < 2
                    ? themes[Int.random(in: 0..<themes.count, using: &rng)]
                    : Int.random(in: 0..<size.days, using: &rng)
                let kind = kinds[Int.random(in: 0..<kinds.count, using: &rng)]
                let town = townships[Int.random(in: 0..<townships.count, using: &rng)]
                let site = Int.random(in: 0..<3, using: &rng) == 0 ? town : villages[town]![Int.random(in: 0..<3, using: &rng)]
                // A team's roles are capped: never a third lawyer where two are asked for.
                y += "  - {id: event-\(e + 1), name: \(kind.1), site: \(site), date: \(date(day)), from: \"\(kind.3)\", to: \"\(kind.4)\", team: \(kind.2), capRoles: true, priority: \(Int.random(in: 1...3, using: &rng))}\n"
            }
        }
        y += """

        rules:
          minRestMinutes: 660
          objective: lexicographic
          fairness: totalDeviation
          weights:
            fairness: 0.1
            homeArea: 0.05

        """
        return y
    }

    func volunteerCSV(rng: inout SeededGenerator) -> String {
        var csv = "\u{FEFF}编号,姓名,技能,分组,所属站点,可服务时间,不可服务日期,希望休息日期,每周最多小时,每天最多班次,最多连续天数,最远路程分钟,目标小时\n"
        let (rightsLegal, health, _) = size.groups
        let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        let homes = townships.flatMap { [$0] + villages[$0]! }
        // Hotline volunteers are spread evenly over the three groups' order, so the pool
        // has every skill the lines need.
        let poolStride = Double(size.volunteers) / Double(size.hotlinePool)
        var nextPool = 0.0
        for i in 0..<size.volunteers {
            var skills: [String]
            let group: String
            if i < rightsLegal {
                group = "rights-legal"
                skills = ["rights"]
                if Int.random(in: 0..<2, using: &rng) == 0 { skills.append("legal:\(Int.random(in: 1...3, using: &rng))") }
                if Int.random(in: 0..<4, using: &rng) == 0 { skills.append("family") }
            } else if i < rightsLegal + health {
                group = "health"
                skills = ["health", "psychological:\(Int.random(in: 1...2, using: &rng))"]
            } else {
                group = "caring"
                skills = ["caring"]
                if Int.random(in: 0..<2, using: &rng) == 0 { skills.append("housekeeping") }
                if Int.random(in: 0..<3, using: &rng) == 0 { skills.append("family") }
                if Int.random(in: 0..<5, using: &rng) == 0 { skills.append("psychological") }
            }
            let inPool = Double(i) >= nextPool
            if inPool { nextPool += poolStride }
            let home = inPool || homes.isEmpty ? "city" : homes[Int.random(in: 0..<homes.count, using: &rng)]
            // City volunteers serve at the centre; the others within their township.
            let travel = inPool ? 20 : 40
            let pattern = Int.random(in: 0..<10, using: &rng)
            let availability: String
            if pattern < 5 {
                let days = weekdays.filter { _ in Int.random(in: 0..<10, using: &rng) < 6 }
                availability = "\"" + (days.isEmpty ? "mon" : days.joined(separator: ",")) + " 08:00-22:00\""
            } else if pattern < 6 {
                availability = "mon-sun 15:00-22:00"    // evenings, after work
            } else if pattern < 7 {
                availability = "mon-fri 08:00-15:00"    // weekday mornings (retired volunteers)
            } else if pattern < 8 {
                availability = "sat-sun 08:00-22:00"
            } else {
                availability = ""
            }
            var away = Set<Int>()
            if size != .s && Int.random(in: 0..<3, using: &rng) == 0 {
                away.formUnion(festival)  // home for the Spring Festival: the understaffed week
            }
            if Int.random(in: 0..<4, using: &rng) == 0 {
                for _ in 0..<Int.random(in: 1...3, using: &rng) { away.insert(Int.random(in: 0..<size.days, using: &rng)) }
            }
            var off = Set<Int>()
            if Int.random(in: 0..<3, using: &rng) == 0 { off.insert(Int.random(in: 0..<size.days, using: &rng)) }
            off.subtract(away)
            // Targets share the hotline's 70 hours a day over the pool, in whole shifts.
            let target = inPool ? String(7 * Int((70 * Double(size.days) / Double(size.hotlinePool) / 7).rounded())) : ""
            let fields = [
                "v\(String(format: "%04d", i + 1))", CountyGenerator.personName(&rng), skills.joined(separator: "; "), group, home,
                availability, away.sorted().map { date($0) }.joined(separator: "; "), off.sorted().map { date($0) }.joined(separator: "; "),
                "21", "1", "3", String(travel), target,
            ]
            csv += fields.joined(separator: ",") + "\n"
        }
        return csv
    }
}
