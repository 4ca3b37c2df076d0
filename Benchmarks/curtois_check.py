#!/usr/bin/env python3
"""An evaluator of Curtois & Qu rosters written apart from Rota, from ../shared/curtois/FORMAT.md
alone (no Rota code), to check a roster that `rota curtois solve --out` wrote: every hard rule
of FORMAT.md §3 (with its horizon-edge reading) and the objective of §4.

Usage: python3 Benchmarks/curtois_check.py InstanceN.txt solution.csv
Prints the objective with its parts and each hard violation; exits 1 if there is one.
"""
import csv, sys


def read_instance(path):
    sections, name = {}, None
    for raw in open(path, encoding="ascii"):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            name = line[len("SECTION_"):]
            sections[name] = []
        else:
            sections[name].append(line.split(","))
    days = int(sections["HORIZON"][0][0])
    shifts = {}
    for f in sections["SHIFTS"]:
        shifts[f[0]] = (int(f[1]), set(x for x in (f[2] if len(f) > 2 else "").split("|") if x))
    staff = {}
    for f in sections["STAFF"]:
        limits = dict((kv.split("=")[0], int(kv.split("=")[1])) for kv in f[1].split("|") if kv)
        staff[f[0]] = dict(max_shifts=limits, max_minutes=int(f[2]), min_minutes=int(f[3]), max_run=int(f[4]),
                           min_run=int(f[5]), min_off=int(f[6]), max_weekends=int(f[7]))
    days_off = {f[0]: set(int(d) for d in f[1:] if d) for f in sections.get("DAYS_OFF", [])}
    on = [(f[0], int(f[1]), f[2], int(f[3])) for f in sections.get("SHIFT_ON_REQUESTS", [])]
    off = [(f[0], int(f[1]), f[2], int(f[3])) for f in sections.get("SHIFT_OFF_REQUESTS", [])]
    cover = [(int(f[0]), f[1], int(f[2]), int(f[3]), int(f[4])) for f in sections["COVER"]]
    return days, shifts, staff, days_off, on, off, cover


def runs(flags):
    """Maximal runs of equal values: (value, start, length)."""
    out, start = [], 0
    for d in range(1, len(flags) + 1):
        if d == len(flags) or flags[d] != flags[start]:
            out.append((flags[start], start, d - start))
            start = d
    return out


def main():
    days, shifts, staff, days_off, on, off, cover = read_instance(sys.argv[1])
    roster, violations = {e: [None] * days for e in staff}, []
    with open(sys.argv[2], newline="") as f:
        for row in csv.DictReader(f):
            e, d, s = row["employee"], int(row["day"]), row["shift"]
            if e not in staff or s not in shifts or not 0 <= d < days:
                violations.append(f"unknown assignment {e},{d},{s}")
                continue
            if roster[e][d] is not None:
                violations.append(f"{e} day {d}: two shifts")
            roster[e][d] = s
    for e, rules in staff.items():
        r = roster[e]
        for d in range(days - 1):
            if r[d] and r[d + 1] and r[d + 1] in shifts[r[d]][1]:
                violations.append(f"{e} day {d}: {r[d + 1]} may not follow {r[d]}")
        for s in shifts:
            n = sum(1 for x in r if x == s)
            if n > rules["max_shifts"].get(s, days):
                violations.append(f"{e}: {n} shifts {s}, at most {rules['max_shifts'].get(s)}")
        minutes = sum(shifts[x][0] for x in r if x)
        if not rules["min_minutes"] <= minutes <= rules["max_minutes"]:
            violations.append(f"{e}: {minutes} minutes outside {rules['min_minutes']}..{rules['max_minutes']}")
        for working, start, length in runs([x is not None for x in r]):
            edge = start == 0 or start + length == days
            if working and length > rules["max_run"]:
                violations.append(f"{e}: {length} days in a row from day {start}")
            if working and length < rules["min_run"] and not edge:
                violations.append(f"{e}: a run of {length} from day {start}")
            if not working and length < rules["min_off"] and not edge:
                violations.append(f"{e}: {length} days off from day {start}")
        weekends = sum(1 for k in range(days // 7) if r[7 * k + 5] or r[7 * k + 6])
        if weekends > rules["max_weekends"]:
            violations.append(f"{e}: {weekends} weekends, at most {rules['max_weekends']}")
        for d in days_off.get(e, ()):
            if r[d]:
                violations.append(f"{e}: works on fixed day off {d}")
    requests = sum(w for e, d, s, w in on if roster[e][d] != s) + sum(w for e, d, s, w in off if roster[e][d] == s)
    under = over = 0
    for d, s, req, wu, wo in cover:
        n = sum(1 for e in staff if roster[e][d] == s)
        under += wu * max(0, req - n)
        over += wo * max(0, n - req)
    print(f"objective {under + over + requests}  (cover under {under}, cover over {over}, requests {requests})")
    print(f"{len(violations)} hard violations")
    for v in violations[:50]:
        print("  " + v)
    sys.exit(1 if violations else 0)


if __name__ == "__main__":
    main()
