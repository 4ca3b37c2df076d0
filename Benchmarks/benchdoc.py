"""Shared helpers for the benchmark scripts: the machine line, and rewriting one marked
section of docs/benchmarks.md (<!-- NAME --> … <!-- /NAME -->) so that each script
owns its own section and the others stay as their last real run left them."""
import datetime, os, platform, re

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
doc = os.path.join(root, "docs", "benchmarks.md")


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip(); break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(open("/proc/meminfo").readline().split()[1]); mem = f", {kb / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return (f"Machine: {os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}; "
            f"release build; run {datetime.date.today().isoformat()}.")


def write_section(name, lines):
    text = open(doc, encoding="utf-8").read() if os.path.exists(doc) else (
        "# Benchmarks\n\nEach section is written by the script it names, from a real run; do not edit by hand.\n")
    body = f"<!-- {name} -->\n" + "\n".join(lines).rstrip() + f"\n<!-- /{name} -->"
    pattern = re.compile(rf"<!-- {re.escape(name)} -->.*?<!-- /{re.escape(name)} -->", re.S)
    text = pattern.sub(lambda _: body, text) if pattern.search(text) else text.rstrip() + "\n\n" + body + "\n"
    tmp = doc + ".tmp"
    open(tmp, "w", encoding="utf-8").write(text)
    os.replace(tmp, doc)
