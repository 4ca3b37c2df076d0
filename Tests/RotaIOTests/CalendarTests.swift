import Foundation
import Testing

/// The calendars a volunteer imports on a phone: reminders, co-workers, place names.
@Suite("Calendars for phones", .serialized)
struct CalendarTests {
    @Test
    func remindersCoworkersAndPlaceNames() throws {
        let dir = Rota.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let scenario = """
            name: 热线
            horizon: {start: 2026-03-02, days: 1}
            skills: [legal]
            sites: [{id: centre, name: 县妇联热线室}]
            volunteers:
              - {id: a, name: 王芳, skills: [legal]}
              - {id: b, name: 李娜, skills: [legal]}
            templates:
              - {id: day, line: legal, site: centre, from: "08:00", to: "16:00", skill: legal}
            coverage:
              - {id: c, line: legal, from: "08:00", to: "16:00", min: 2}

            """
        try scenario.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        #expect(try Rota.run(["solve", dir + "/s.yaml", "--out", dir + "/default", "--quiet"]).status == 0)
        let ics = try String(contentsOfFile: dir + "/default/calendars/a.ics", encoding: .utf8)
        #expect(ics.contains("TRIGGER:-PT1440M\r\n") && ics.contains("TRIGGER:-PT60M\r\n"))
        #expect(ics.contains("LOCATION:县妇联热线室\r\n"))
        // A Chinese scenario's calendars speak Chinese (locale zh-CN by default).
        #expect(ics.contains("同班：李娜 (b) 08:00–16:00"), "\(ics)")

        #expect(try Rota.run(["solve", dir + "/s.yaml", "--out", dir + "/half", "--quiet", "--reminders", "30m"]).status == 0)
        let half = try String(contentsOfFile: dir + "/half/calendars/a.ics", encoding: .utf8)
        #expect(half.contains("TRIGGER:-PT30M\r\n") && !half.contains("PT1440M"))
        #expect(try Rota.run(["solve", dir + "/s.yaml", "--out", dir + "/none", "--quiet", "--reminders", "none"]).status == 0)
        #expect(!(try String(contentsOfFile: dir + "/none/calendars/a.ics", encoding: .utf8)).contains("VALARM"))
        for bad in ["99999999999999999999d", "0h", "2w", "-1h", "29d"] {
            #expect(try Rota.run(["solve", dir + "/s.yaml", "--out", dir + "/bad", "--reminders", bad]).status == 64, "\(bad)")
        }
    }
}
