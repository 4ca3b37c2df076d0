import Rota

/// How a phone's calendar recognises an entry across versions of a roster: the iCalendar
/// `UID` and `SEQUENCE`.
///
/// A first roster gives every assignment the default UID,
/// `<volunteer>-shift-<template>-<date>@rota` or `<volunteer>-event-<event>-<date>@rota`,
/// at sequence 0. A replan
/// keeps the UID of an assignment that stays, gives a **moved** assignment (another shift
/// of the same volunteer on the same date) the UID it had with the sequence raised by one,
/// so that importing the new file updates the entry in place, and writes each removed
/// assignment as a `STATUS:CANCELLED` entry with its UID and a raised sequence.
/// `roster.json` records a UID only where it differs from the default, and a sequence
/// only where it is above 0.
public struct CalendarIdentity: Hashable, Sendable, Codable {
    public var uid: String
    public var sequence: Int

    public init(uid: String, sequence: Int = 0) {
        self.uid = uid
        self.sequence = sequence
    }

    /// The UID a roster gives `assignment` when nothing earlier says otherwise.
    public static func defaultUID(_ assignment: Assignment) -> String {
        switch assignment.target {
        case let .shift(template, _): "\(assignment.volunteer)-shift-\(template)-\(assignment.date)@rota"
        case let .event(id, _): "\(assignment.volunteer)-event-\(id)-\(assignment.date)@rota"
        }
    }

    /// The default identity of `assignment`: its default UID at sequence 0.
    public static func initial(_ assignment: Assignment) -> CalendarIdentity { CalendarIdentity(uid: defaultUID(assignment)) }
}

/// A published assignment a replan removed: written into the volunteer's calendar as a
/// cancelled entry, so that re-importing the file removes it from the phone.
public struct CancelledAssignment: Hashable, Sendable {
    public var assignment: Assignment
    public var identity: CalendarIdentity

    public init(assignment: Assignment, identity: CalendarIdentity) {
        self.assignment = assignment
        self.identity = identity
    }
}
