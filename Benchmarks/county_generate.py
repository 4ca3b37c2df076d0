#!/usr/bin/env python3
"""New instances of the neutral county family (`county-hotline-v1`, ../shared/county), drawn
from the distribution its MODEL.md (section 6) describes, with a random stream of this
project's own: instances of the family that nobody tuned on, neither the shared ones nor
the ones the family's authors keep back.

The family's generator is not shared; this one follows the written description:
sizes s/m/l (7 days × 60 volunteers × 3 townships × 2 events, 28 × 306 × 8 × 40,
28 × 1,000 × 20 × 150), groups 51/12/37 % in exact rounded counts, skills, day-part
availability, dates, hours and targets, coverage, events and size m's deliberate health
shortage on one weekday evening. Where the description is silent (the travel matrix's
distribution, the order of ids) it picks the plainest reading. Every instance it writes
is scored by the family's own check.py like the shared ones.

Usage: python3 Benchmarks/county_generate.py SIZE SEED OUT.json
The stream is random.Random("rota-county-variant|SIZE|SEED"): the same size and seed give
the same file.
"""
import datetime, json, random, sys

SIZES = {  # size: (days, volunteers, townships, events, P(weekday evening), health gap)
    "s": (7, 60, 3, 2, 0.25, False),
    "m": (28, 306, 8, 40, 0.07, True),
    "l": (28, 1000, 20, 150, 0.15, False),
}
SKILLS = ["rights", "legal", "psychological", "family", "health", "children", "general"]
GROUPS = [  # group, share, specialist skills, further skills
    ("rights_legal", 0.51, ["legal", "rights"], ["legal", "rights", "general"]),
    ("health", 0.12, ["health"], ["health", "psychological", "general"]),
    ("caring", 0.37, ["family", "children", "psychological"], ["family", "children", "psychological", "general"]),
]
TEAM_WEIGHTS = {"legal": 4, "rights": 2, "health": 4, "psychological": 2, "family": 3, "children": 2, "general": 2}
SLOTS = list(range(8, 22))
PARTS = [("morning", 8, 12), ("afternoon", 12, 17), ("evening", 17, 22)]
TEMPLATES = [("08-12", 8, 12), ("12-17", 12, 17), ("17-22", 17, 22), ("08-15", 8, 15), ("15-22", 15, 22)]
START = datetime.date(2027, 3, 1)  # a Monday
WEIGHTS = {"coverage_shortfall_per_person_hour": 1000, "event_missing_member": 7000,
           "undesired_date_worked": 20, "desired_date_not_worked": 5, "fairness_per_hour": 1}


def generate(size, seed):
    days, count, township_count, event_count, p_evening, health_gap = SIZES[size]
    rng = random.Random(f"rota-county-variant|{size}|{seed}")
    dates = [(START + datetime.timedelta(days=d)).isoformat() for d in range(days)]
    townships = [f"T{i + 1:02d}" for i in range(township_count)]
    travel = [[0.0] * township_count for _ in range(township_count)]
    for i in range(township_count):
        for j in range(i + 1, township_count):
            travel[i][j] = travel[j][i] = rng.choice([0.5, 1.0, 1.5, 2.0])

    # Coverage: 1 everywhere, 2 on legal and rights 09:00-17:00 Monday to Friday; max = min + 1.
    cmin, cmax = {}, {}
    for line in SKILLS:
        cmin[line] = [[2 if line in ("legal", "rights") and (START + datetime.timedelta(days=d)).weekday() < 5 and 9 <= h < 17 else 1
                       for h in SLOTS] for d in range(days)]
        cmax[line] = [[m + 1 for m in row] for row in cmin[line]]

    events = []
    for k in range(event_count):
        d = rng.randrange(days)
        skills = []
        for _ in range(rng.randint(2, 4)):
            left = [n for n in TEAM_WEIGHTS if n not in skills]
            skills.append(rng.choices(left, [TEAM_WEIGHTS[n] for n in left])[0])
        events.append({"id": f"E{k + 1:03d}", "date": dates[d], "day": d, "township": rng.choice(townships),
                       "start": 9, "end": 16, "hours": 7, "team": {s: rng.randint(1, 2) for s in skills}})
    events.sort(key=lambda e: (e["day"], e["id"]))

    hotline = sum(sum(map(sum, cmin[line])) for line in SKILLS)
    team = sum(sum(e["team"].values()) for e in events)
    per_volunteer = (hotline + 7 * team) * 28 / days / count
    gap_weekday = rng.randrange(7) if health_gap else None

    counts = [round(share * count) for _, share, _, _ in GROUPS[:2]]
    counts.append(count - sum(counts))
    volunteers = []
    for (group, _, specialists, further), n in zip(GROUPS, counts):
        for _ in range(n):
            skills = [rng.choice(specialists)]
            others = [s for s in further if s not in skills]
            skills += rng.sample(others, min(rng.randint(0, 2), len(others)))
            availability = []
            for w in range(7):
                for part, _, _ in PARTS:
                    p = {"morning": 0.45, "afternoon": 0.45}.get(part, p_evening if w < 5 else 0.30)
                    if rng.random() < p:
                        availability.append([w, part])
            if "health" in skills and gap_weekday is not None:
                availability = [a for a in availability if a != [gap_weekday, "evening"]]
            if not availability:
                w = rng.randrange(7)
                parts = [p for p, _, _ in PARTS if not ("health" in skills and w == gap_weekday and p == "evening")]
                availability.append([w, rng.choice(parts)])
            availability.sort(key=lambda a: (a[0], [p for p, _, _ in PARTS].index(a[1])))
            u, ud, dd = rng.randint(0, 3), rng.randint(0, 4), rng.randint(0, 3)
            chosen = rng.sample(dates, min(days, u + ud + dd))
            max_hours = rng.randint(8, 24)
            target = 4 * round(per_volunteer * rng.uniform(0.5, 1.5) / 4)
            volunteers.append({
                "id": f"V{len(volunteers) + 1:04d}", "group": group, "skills": skills, "home": rng.choice(townships), "availability": availability,
                "unavailable_dates": sorted(chosen[:u]), "max_hours_per_week": max_hours,
                "target_hours_per_4_weeks": min(max(target, 4), 4 * max_hours),
                "max_assignments_per_day": 1, "max_consecutive_days": 5,
                "undesired_dates": sorted(chosen[u:u + ud]), "desired_dates": sorted(chosen[u + ud:u + ud + dd]),
            })

    return {
        "family": "county-hotline-v1", "size": size, "seed": seed, "start_date": dates[0], "num_days": days,
        "dates": dates, "slot_hours": SLOTS, "skills": SKILLS,
        "lines": [{"id": s, "name": s.capitalize(), "skill": None if s == "general" else s} for s in SKILLS],
        "coverage_min": cmin, "coverage_max": cmax,
        "shift_templates": [{"id": i, "start": a, "end": b} for i, a, b in TEMPLATES],
        "day_parts": [{"id": i, "start": a, "end": b} for i, a, b in PARTS],
        "townships": townships, "travel_hours": travel, "volunteers": volunteers, "events": events,
        "weights": WEIGHTS,
        "generator_notes": {"generated_by": "rota Benchmarks/county_generate.py (from MODEL.md section 6)",
                            "health_evening_gap_weekday": gap_weekday, "p_weekday_evening": p_evening,
                            "p_morning": 0.45, "p_afternoon": 0.45, "p_weekend_evening": 0.3},
    }


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in SIZES:
        sys.exit(__doc__.split("Usage: ")[1].split("\n")[0])
    try:
        seed = int(sys.argv[2])
    except ValueError:
        sys.exit("SEED must be an integer")
    with open(sys.argv[3], "w") as f:
        json.dump(generate(sys.argv[1], seed), f, ensure_ascii=False)


if __name__ == "__main__":
    main()
