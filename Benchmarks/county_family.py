#!/usr/bin/env python3
"""The neutral county hotline family (../shared/county, written outside this project),
Rota against HiGHS and CP-SAT on the same instances in the same run, every roster scored
by the family's reference scorer (check.py). Writes the "county family" section of
docs/benchmarks.md.

For each shared instance:
  - `rota county solve` (release build) at 5 s (the first usable roster) and at the
    family's time limit for Rota (s: 2 s and 20 s, m: 20 s and 60 s, l: 60 s);
  - HiGHS and CP-SAT (../shared/county/peer_highs.py, peer_cpsat.py: the same MIP,
    2 threads) at the peers' limit (s: 20 s, m and l: 60 s);
  - each roster through check.py: its objective, and whether it keeps every hard rule.

With --generated SIZE-SEED,... it runs instead on new instances of the family drawn by
Benchmarks/county_generate.py (MODEL.md's section 6 with this project's own random stream;
instances nobody tuned on) and writes the "county family, generated instances" section.

Usage: python3 Benchmarks/county_family.py [--instances s-2,m-2,l-2 | --generated s-11,m-11,l-11] [--peer-python PY]
PY is a Python with `highspy` and `ortools` (a virtual environment: python3 -m venv VENV;
VENV/bin/pip install highspy ortools); --no-peers skips them.
"""
import argparse, json, os, re, subprocess, sys, tempfile

import benchdoc
import county_generate

root = benchdoc.root
shared = os.path.join(os.path.dirname(root), "shared", "county")
rota = os.path.join(root, ".build", "release", "rota")
# instance: (Rota's time limits, the peers' time limit)
limits = {"s": ([2, 20], 20), "m": ([20, 60], 60), "l": ([60], 60)}
FIRST_ROSTER = 5

p = argparse.ArgumentParser()
p.add_argument("--instances", default="s-2,m-2,l-2")
p.add_argument("--peer-python", default=sys.executable)
p.add_argument("--no-peers", action="store_true")
p.add_argument("--generated", help="SIZE-SEED,...: instances drawn by county_generate.py instead of the shared ones")
args = p.parse_args()

subprocess.run(["swift", "build", "-c", "release", "--product", "rota"], cwd=root, check=True, stdout=sys.stderr)


def score(instance, csv):
    out = subprocess.run([sys.executable, os.path.join(shared, "check.py"), instance, csv, "--json"], capture_output=True, text=True)
    try:
        res = json.loads(out.stdout)
    except json.JSONDecodeError:
        return None, False
    return res.get("objective"), out.returncode == 0


def run_rota(instance, limit, tmp):
    csv = os.path.join(tmp, f"rota-{limit}.csv")
    text = subprocess.run([rota, "county", "solve", instance, "--time-limit", str(limit), "--out", csv],
                          capture_output=True, text=True).stdout
    print(text.strip(), file=sys.stderr)
    bound = re.search(r"bound ([\d.]+)", text)
    secs = re.search(r"seconds ([\d.]+)", text)
    obj, ok = score(instance, csv) if os.path.exists(csv) else (None, False)
    return obj, ok, float(bound.group(1)) if bound else None, float(secs.group(1)) if secs else None


def run_peer(name, instance, limit, tmp):
    csv = os.path.join(tmp, f"{name}.csv")
    script = os.path.join(shared, f"peer_{name}.py")
    text = subprocess.run([args.peer_python, script, instance, "--time-limit", str(limit), "--threads", "2", "--out", csv],
                          capture_output=True, text=True).stdout
    print(f"{name}: " + " ".join(l for l in text.splitlines() if l.startswith(("status", "objective", "bound"))), file=sys.stderr)
    bound = re.search(r"^bound: ([-\d.e+]+)", text, re.M)
    obj, ok = score(instance, csv) if os.path.exists(csv) else (None, False)
    return obj, ok, float(bound.group(1)) if bound else None


def cell(obj, ok):
    if obj is None:
        return "—"
    value = f"{obj:,.0f}" if float(obj).is_integer() else f"{obj:,.1f}"
    return value if ok else value + " (breaks hard rules)"


def gap(obj, bound):
    if obj is None or bound is None or obj <= 0:
        return "—"
    return f"{max(0.0, (obj - bound) / obj) * 100:.2f} %"


generated = os.path.join(root, ".build", "county-generated")
if args.generated:
    os.makedirs(generated, exist_ok=True)
    for name in args.generated.split(","):
        size, seed = name.split("-")
        with open(os.path.join(generated, f"{name}.json"), "w") as f:
            json.dump(county_generate.generate(size, int(seed)), f, ensure_ascii=False)

rows = []
for name in (args.generated or args.instances).split(","):
    instance = os.path.join(generated if args.generated else shared, f"{name}.json")
    size = name.split("-")[0]
    rota_limits, peer_limit = limits[size]
    with tempfile.TemporaryDirectory() as tmp:
        first = run_rota(instance, FIRST_ROSTER, tmp)
        runs = [(limit, run_rota(instance, limit, tmp)) for limit in rota_limits]
        peers = {} if args.no_peers else {peer: run_peer(peer, instance, peer_limit, tmp) for peer in ("highs", "cpsat")}
    rows.append((name, first, runs, peer_limit, peers))

title = ("## County family, generated instances (`Benchmarks/county_generate.py`)" if args.generated
         else "## County family (neutral benchmark: `../shared/county`)")
lines = [
    title,
    "",
    "Written by `" + " ".join(["python3", "Benchmarks/county_family.py"] + sys.argv[1:]) + "`.",
    "",
    benchdoc.machine(),
    "",
    "The family `county-hotline-v1` was written outside this project (its `MODEL.md`): a",
    "hotline 08:00–22:00 on seven lines with hourly minimum and **hard** maximum head-counts,",
    "five shift templates, day-part availability, weekly hour caps, a target for each",
    "volunteer's hours, one assignment a day, at most 5 days in a row, and outreach events",
    "whose roles are capped. `rota county solve` imports an instance exactly",
    "(`RotaIO/Benchmark/CountyInstance.swift`) and writes the family's roster CSV; every",
    "roster here, Rota's and the peers', is scored by the family's own `check.py`. HiGHS",
    "and CP-SAT solve the family's MIP (`model.py`) with 2 threads in the same run. The",
    "bound is each solver's proven lower bound on the objective. Lower is better.",
    "",
] + ([
    "These instances are not the family's own: `Benchmarks/county_generate.py` draws them from",
    "the distribution `MODEL.md` (section 6) describes, with this project's own random stream",
    "(`SIZE-SEED`), so that Rota is measured on instances of the family that nobody tuned on.",
    "",
] if args.generated else []) + [
    "| instance | Rota at 5 s | Rota | Rota's bound | Rota's gap | HiGHS | HiGHS's bound | CP-SAT | CP-SAT's bound |",
    "|---|---:|---|---:|---:|---|---:|---|---:|",
]
for name, first, runs, peer_limit, peers in rows:
    highs = peers.get("highs", (None, False, None))
    cpsat = peers.get("cpsat", (None, False, None))
    for k, (limit, (obj, ok, bound, secs)) in enumerate(runs):
        lines.append(
            f"| {name if k == 0 else ''} | {cell(first[0], first[1]) if k == 0 else ''} | {cell(obj, ok)} at {limit:g} s"
            f" | {'—' if bound is None else f'{bound:,.1f}'} | {gap(obj, bound)}"
            + (f" | {cell(highs[0], highs[1])} at {peer_limit:g} s | {'—' if highs[2] is None else f'{highs[2]:,.1f}'}"
               f" | {cell(cpsat[0], cpsat[1])} at {peer_limit:g} s | {'—' if cpsat[2] is None else f'{cpsat[2]:,.1f}'} |"
               if k == 0 else " | | | | |"))
lines.append("")
benchdoc.write_section("county-generated" if args.generated else "county-family", lines)
print("\n".join(lines))
