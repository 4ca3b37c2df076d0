/// Every rule Rota knows, once: the formulation builds their rows in this order, the
/// checker evaluates them in this order, and the schedule models ask them whether they can
/// keep a volunteer. Nothing outside this list decides which rules exist.
///
/// A test (`RuleCatalogTests`) holds the catalog to ``RuleID``: every identifier but the
/// roster file's integrity checks belongs to exactly one unit, and every unit has its test
/// suite.
enum RuleCatalog {
    /// Who may take what: an ineligible pair gets no column, and the checker reports it.
    static let eligibility: [any EligibilityRule] = [SkillRule(), AvailabilityRule(), TravelRule(), ForbiddenRule()]

    /// Rules over one volunteer's schedule (hard limits, then wishes), in building order.
    static let volunteer: [any Rule] = [
        NoOverlapRule(), RestRule(), MaxShiftsPerDayRule(), MaxHoursPerDayRule(), MinHoursPerDayRule(),
        MaxHoursPerWeekRule(), MaxHoursPerPeriodRule(), MinimumHoursRule(), MaxConsecutiveDaysRule(),
        MinConsecutiveDaysRule(), MinConsecutiveDaysOffRule(), MaxWeekendsRule(), MaxShiftsPerTemplateRule(),
        ForbiddenSequenceRule(), RequestsRule(), AvoidedSitesRule(), UndesiredTimesRule(), PreferredSitesRule(),
        PreferredTimesRule(), HomeAreaRule(), ContinuityRule(),
    ]

    /// Rules over several volunteers: demand, fairness, the coordinator's pins and changes.
    static let shared: [any Rule] = [CoverageRule(), EventTeamsRule(), FairnessRule(), PinnedRule(), ChangesRule()]

    /// Every unit.
    static var all: [any Rule] { eligibility as [any Rule] + volunteer + shared }

    /// The unit that owns `id`, or `nil` for a roster file's integrity checks.
    static func unit(for id: RuleID) -> (any Rule)? { all.first { $0.ids.contains(id) } }

    /// How `model` would treat each rule for volunteer `v`, in catalog order (units with
    /// several identifiers report under their first).
    static func treatments(in model: ScheduleModelKind, formulation: RosterFormulation, volunteer v: Int) -> [(RuleID, ScheduleTreatment)] {
        let context = ScheduleContext(formulation: formulation, volunteer: v)
        return (volunteer + shared).map { ($0.ids[0], $0.treatment(in: model, context)) }
    }

    /// The first rule `model` cannot keep for volunteer `v`, or `nil` when it keeps them
    /// all: the one test of whether a schedule model covers a volunteer.
    /// O(the volunteer's items × days) at worst (the rest rule looks two days ahead).
    static func refusal(in model: ScheduleModelKind, formulation: RosterFormulation, volunteer v: Int) -> RuleID? {
        refusal(in: model, ScheduleContext(formulation: formulation, volunteer: v))
    }

    /// The same, for a volunteer's context built once and shared by both schedule models.
    static func refusal(in model: ScheduleModelKind, _ context: ScheduleContext) -> RuleID? {
        for unit in volunteer + shared where unit.treatment(in: model, context) == .unsupported { return unit.ids[0] }
        return nil
    }
}
