#!/usr/bin/env python3
"""Writes a synthetic instance in the Curtois & Qu format (see ../shared/curtois/FORMAT.md),
shaped like the family's large members, to check the solver on sizes that are not on
this machine (Instances 21-24 reach 150 staff x 364 days x 32 shift types).

The rules follow the family's observed ranges: shift lengths 480, 600 or 720 minutes;
later shifts forbid earlier ones the next day; per-type limits of 0 (cannot work it)
or the horizon, a few tighter; minimum and maximum minutes a few shifts apart; runs of
2-3 to 5-6 shifts, two days off, at most about half the weekends; two fixed days off
per 28 days; on and off requests weighted 1-3; cover weighted 100 under and 1 over.
Each employee's first allowed type is unlimited, so everyone can keep their own rules
and a roster with no hard violation exists.
The values are not the real instances', and no best-known value exists for them.

With --tight, every employee's limits are drawn around a witness schedule instead: a
random roster of their own that keeps their sequence rules (runs, rest, forbidden
successions), from which their fixed days off, weekends, minutes (a window of 2-5 shifts
ending at most one shift above the witness) and per-type caps (the witness's count plus
0-2 on about a third of the types) are set. The rules are then as tight as a real
contract's, with more start times and shift lengths of a finer common divisor, while a
roster with no hard violation still exists (the witnesses).

Usage: python3 Benchmarks/synthetic_curtois.py STAFF DAYS TYPES [--seed 1] [--tight] > Synthetic.txt
"""
import argparse, random, sys

p = argparse.ArgumentParser()
p.add_argument("staff", type=int)
p.add_argument("days", type=int, help="a multiple of 7")
p.add_argument("types", type=int)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--tight", action="store_true", help="limits drawn around a witness schedule per employee")
args = p.parse_args()
rng = random.Random(args.seed)
H, S, T = args.days, args.staff, args.types
assert H % 7 == 0 and S > 0 and T > 0



def tight_instance(w, rng, H, S, T):
    """Limits around a witness schedule per employee (see the module's docstring)."""
    starts = sorted(rng.randrange(0, 6) for _ in range(T))
    lengths = [rng.choice([420, 450, 480, 480, 510, 540, 600, 720]) for _ in range(T)]
    ids = ["s%d" % t for t in range(T)]
    for t in range(T):
        # A shift starting two or more steps later forbids the earlier ones the next day.
        forbidden = [ids[u] for u in range(T) if starts[u] + 1 < starts[t]]
        w("%s,%d,%s" % (ids[t], lengths[t], "|".join(forbidden)))
    w("")
    w("SECTION_STAFF")

    def may_follow(a, b):
        return not (starts[b] + 1 < starts[a])

    witnesses = []
    for e in range(S):
        allowed = [t for t in range(T) if rng.random() < 0.4] or [rng.randrange(T)]
        longest = rng.choice([4, 5, 5, 6])
        shortest = rng.choice([1, 2, 2, 3])
        rest = rng.choice([1, 2, 2, 3])
        share = rng.uniform(0.45, 0.7)
        plan = [None] * H
        d = 0
        working = rng.random() < share
        while d < H:
            if working:
                run = rng.randint(shortest, longest)
                prev = None
                for k in range(run):
                    if d >= H:
                        break
                    options = [t for t in allowed if prev is None or may_follow(prev, t)]
                    if not options:
                        break
                    # Runs mostly keep one type, as rosters do.
                    t = prev if prev in options and rng.random() < 0.7 else rng.choice(options)
                    plan[d] = t
                    prev = t
                    d += 1
            else:
                mean_off = (longest + shortest) / 2 * (1 - share) / share
                d += max(rest, int(round(rng.expovariate(1 / max(mean_off, rest)))))
            working = not working
        witnesses.append(plan)
        worked = [t for t in plan if t is not None]
        minutes = sum(lengths[t] for t in worked)
        most = minutes + rng.choice([0, 0, 1]) * min(lengths[t] for t in allowed)
        least = max(0, most - rng.randint(2, 5) * 480)
        weekends = sum(1 for k in range(H // 7) if plan[7 * k + 5] is not None or plan[7 * k + 6] is not None)
        caps = []
        for t in range(T):
            if t not in allowed:
                cap = 0
            elif rng.random() < 0.33:
                cap = worked.count(t) + rng.randint(0, 2)
            else:
                cap = H
            caps.append("%s=%d" % (ids[t], cap))
        w("E%d,%s,%d,%d,%d,%d,%d,%d" % (e, "|".join(caps), most, least, longest, shortest, rest, weekends + rng.choice([0, 0, 1])))
    w("")
    w("SECTION_DAYS_OFF")
    for e, plan in enumerate(witnesses):
        free = [d for d in range(H) if plan[d] is None]
        days = sorted(rng.sample(free, min(len(free), max(1, H // 14))))
        w("E%d,%s" % (e, ",".join(str(d) for d in days)))
    w("")
    w("SECTION_SHIFT_ON_REQUESTS")
    ons, offs = [], []
    for e, plan in enumerate(witnesses):
        seen = set()
        for _ in range(H // 7):
            d = rng.randrange(H)
            if d in seen:
                continue
            seen.add(d)
            t = rng.randrange(T)
            (ons if rng.random() < 0.5 else offs).append("E%d,%d,%s,%d" % (e, d, ids[t], rng.randint(1, 3)))
    for line in ons:
        w(line)
    w("")
    w("SECTION_SHIFT_OFF_REQUESTS")
    for line in offs:
        w(line)
    w("")
    w("SECTION_COVER")
    # Cover near the witnesses' own, so that the rules, not the staff count, decide.
    for d in range(H):
        for t in range(T):
            have = sum(1 for plan in witnesses if plan[d] == t)
            need = max(0, have + rng.choice([-1, 0, 0, 1, 2]))
            w("%d,%s,%d,100,1" % (d, ids[t], need))


out = []
w = out.append
w("# Synthetic instance: %d staff x %d days x %d shift types, seed %d" % (S, H, T, args.seed))
w("SECTION_HORIZON")
w(str(H))
w("")
w("SECTION_SHIFTS")
if args.tight:
    tight_instance(w, rng, H, S, T)
    sys.stdout.write("\n".join(out) + "\n")
    sys.exit(0)
# Types in order of start: early, day, late; a later shift forbids earlier ones next day.
starts = sorted(rng.randrange(0, 3) for _ in range(T))
lengths = [rng.choice([480, 480, 600, 720]) for _ in range(T)]
ids = ["s%d" % t for t in range(T)]
for t in range(T):
    forbidden = [ids[u] for u in range(T) if starts[u] < starts[t]]
    w("%s,%d,%s" % (ids[t], lengths[t], "|".join(forbidden)))
w("")
w("SECTION_STAFF")
staff = []
for e in range(S):
    allowed = [t for t in range(T) if rng.random() < 0.5] or [rng.randrange(T)]
    caps = []
    for t in range(T):
        # A tighter limit only on a type beside the first allowed one, which stays open.
        tight = t != allowed[0] and rng.random() < 0.1
        cap = 0 if t not in allowed else (rng.randrange(H // 14, H // 4 + 1) if tight else H)
        caps.append("%s=%d" % (ids[t], cap))
    longest = rng.choice([5, 5, 6])
    shortest = rng.choice([2, 2, 3])
    # About 60 % of days at the shortest allowed length, a window of a few shifts.
    unit = min(lengths[t] for t in allowed)
    most = int(H * 0.6) * unit
    least = most - rng.choice([1200, 1680, 2400])
    weekends = H // 7 // 2
    staff.append(("E%d" % e, allowed))
    w("E%d,%s,%d,%d,%d,%d,%d,%d" % (e, "|".join(caps), most, max(least, 0), longest, shortest, 2, weekends))
w("")
w("SECTION_DAYS_OFF")
fixed = {}
for name, _ in staff:
    days = set()
    while len(days) < max(1, H // 14):
        d = rng.randrange(H)
        days.update(range(d, min(H, d + rng.choice([1, 2]))))
    fixed[name] = days
    w("%s,%s" % (name, ",".join(str(d) for d in sorted(days))))
w("")
w("SECTION_SHIFT_ON_REQUESTS")
requested = set()
ons, offs = [], []
for name, allowed in staff:
    for _ in range(H // 7):
        d = rng.randrange(H)
        if d in fixed[name] or (name, d) in requested:
            continue
        requested.add((name, d))
        (ons if rng.random() < 0.5 else offs).append("%s,%d,%s,%d" % (name, d, ids[rng.choice(allowed)], rng.randint(1, 3)))
out.extend(ons)
w("")
w("SECTION_SHIFT_OFF_REQUESTS")
out.extend(offs)
w("")
w("SECTION_COVER")
# Staff on duty: about 60 % of everyone's days, spread over the types, fewer at weekends.
per_type = S * 0.55 / T
for d in range(H):
    scale = 0.8 if d % 7 >= 5 else 1.0
    for t in range(T):
        need = max(0, int(round(per_type * scale * rng.uniform(0.6, 1.4))))
        w("%d,%s,%d,100,1" % (d, ids[t], need))
sys.stdout.write("\n".join(out) + "\n")
