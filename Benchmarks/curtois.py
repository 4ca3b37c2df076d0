#!/usr/bin/env python3
"""Runs `rota curtois solve` (release build) on the Curtois & Qu instances in
../shared/curtois and writes its section of docs/benchmarks.md from the real run, with the machine noted.

Usage: python3 Benchmarks/curtois.py [--time-limit 60] [--instances 1,2,3,4,11,20] [--large-time-limit 600]
"""
import argparse, os, re, subprocess, sys

import benchdoc

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = os.path.join(os.path.dirname(root), "shared", "curtois")
best = {}
for line in open(os.path.join(shared, "BEST_KNOWN.md"), encoding="utf-8"):
    m = re.match(r"\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(?:≤\s*)?([\d ]+)\s*\|", line)
    if m:
        best[int(m.group(1))] = (int(m.group(2)), int(m.group(3)), int(m.group(4)), int(m.group(5).replace(" ", "")))

p = argparse.ArgumentParser()
p.add_argument("--time-limit", type=float, default=60)
p.add_argument("--large-time-limit", type=float, default=600, help="for instances over 100 days")
p.add_argument("--instances", default="1,2,3,4,11,20")
args = p.parse_args()

subprocess.run(["swift", "build", "-c", "release", "--product", "rota"], cwd=root, check=True, stdout=sys.stderr)
rota = os.path.join(root, ".build", "release", "rota")
rows = []
for n in [int(x) for x in args.instances.split(",")]:
    days, staff, types, bk = best[n]
    limit = args.large_time_limit if days > 100 else args.time_limit
    path = os.path.join(shared, f"Instance{n}.txt")
    out = subprocess.run([rota, "curtois", "solve", path, "--time-limit", str(limit)], capture_output=True, text=True)
    text = out.stdout
    obj = re.search(r"objective (\d+)", text)
    infeasible = "INFEASIBLE" in text
    bound = re.search(r"bound ([\d.]+)", text)
    secs = re.search(r"seconds ([\d.]+)", text)
    o = int(obj.group(1)) if obj else None
    rows.append((n, days, staff, types, bk, o, infeasible, float(bound.group(1)) if bound else None, float(secs.group(1)) if secs else None, limit))
    print(f"Instance{n}: {text.strip()}", file=sys.stderr)

lines = [
    "## Curtois & Qu shift-scheduling benchmark",
    "",
    "Written by `python3 Benchmarks/curtois.py`.",
    "",
    benchdoc.machine(),
    "",
    "Solved by `rota curtois solve` — the same model, solver and checker that coordinators",
    "use: the schedule search (one volunteer's whole horizon re-planned by dynamic",
    "programming), column generation over whole schedules with price-and-dive and the master",
    "MIP (GLPK), then fix-and-optimise and branch-and-cut. The objective is recomputed by the",
    "independent checker; the bound is the proven lower bound of the weighted stage (valid",
    "once the hard stage is at 0): column generation's bound, else the compact LP's or",
    "branch-and-cut's, else the objective's floor (0).",
    "",
    "| instance | days × staff × types | best known | Rota | bound | gap to bound | gap to best known | seconds (limit) |",
    "|---:|---|---:|---:|---:|---:|---:|---:|",
]
for n, days, staff, types, bk, o, inf, b, s, limit in rows:
    rota_cell = "—" if o is None else (f"{o} (infeasible)" if inf else str(o))
    gap_b = "—" if (o is None or b is None or o == 0) else f"{(o - b) / o * 100:.1f} %"
    gap_k = "—" if o is None or inf else f"{(o - bk) / bk * 100:+.1f} %"
    lines.append(f"| {n} | {days} × {staff} × {types} | {bk} | {rota_cell} | {'—' if b is None else f'{b:.1f}'} | {gap_b} | {gap_k} | {s if s is not None else '—'} ({limit:g}) |")
lines.append("")
benchdoc.write_section("curtois", lines)
print("\n".join(lines))
