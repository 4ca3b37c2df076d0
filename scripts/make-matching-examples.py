#!/usr/bin/env python3
"""Writes the synthetic inputs of the matching examples (seeded, reproducible):
Examples/mentor-pairing (260 caring mothers x 383 girls), Examples/household-visits
(40 officials x 300 households) and Examples/case-referral (25 professionals x 120 cases)."""
import csv, io, random

def write(path, header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    open(path, "w", encoding="utf-8").write("\ufeff" + out.getvalue())

random.seed(260383)
family = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
given = ["芳", "娜", "秀英", "敏", "静", "丽", "艳", "霞", "婷", "雪", "慧", "红", "梅", "琳", "洁", "燕", "颖", "玲", "倩", "欣"]
counties = ["东县", "西县", "南县", "北县"]
towns = {c: [f"{c}{t}镇" for t in "一二三四五"] for c in counties}
interests = ["reading", "music", "sport", "art", "cooking", "science", "handcraft", "dance"]
halfdays = [f"{d}-{p}" for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] for p in ["am", "pm"]]
def point(county):
    cx, cy = {"东县": (30, 10), "西县": (5, 12), "南县": (18, 0), "北县": (16, 28)}[county]
    return round(cx + random.uniform(-8, 8), 2), round(cy + random.uniform(-8, 8), 2)

mentors = []
for i in range(260):
    c = random.choice(counties); x, y = point(c)
    mentors.append([f"m{i+1:03d}", random.choice(family) + random.choice(given), c, random.choice(towns[c]),
                    random.choice(["zh", "zh", "zh", "yue"]), random.randint(32, 62),
                    ";".join(random.sample(interests, random.randint(1, 4))), ";".join(random.sample(halfdays, random.randint(2, 6))),
                    x, y, 1, 2 if random.random() < 0.5 else 1, f"sup-{c}-{random.randint(1, 3)}"])
write("Examples/mentor-pairing/mentors.csv",
      ["id", "name", "county", "township", "language", "age", "interests", "availability", "x", "y", "min_partners", "max_partners", "supervisor"], mentors)
girls = []
for i in range(383):
    c = random.choice(counties); x, y = point(c)
    girls.append([f"g{i+1:03d}", random.choice(family) + random.choice(given), c, random.choice(towns[c]),
                  random.choice(["zh", "zh", "zh", "yue"]), random.randint(7, 17),
                  ";".join(random.sample(interests, random.randint(1, 3))), ";".join(random.sample(halfdays, random.randint(2, 6))),
                  x, y, random.choice(["left-behind", "single-parent", "difficulty", "disability"])])
write("Examples/mentor-pairing/girls.csv", ["id", "name", "county", "township", "language", "age", "interests", "availability", "x", "y", "category"], girls)

officials = []
for i in range(40):
    c = random.choice(counties); t = random.choice(towns[c])
    officials.append([f"o{i+1:03d}", random.choice(family) + random.choice(given), c, t, random.randint(6, 10)])
write("Examples/household-visits/officials.csv", ["id", "name", "county", "township", "max_partners"], officials)
households = []
for i in range(300):
    c = random.choice(counties); t = random.choice(towns[c])
    cat = random.choice(["left-behind-women", "difficulty", "disabled-member", "single-mother", "other", "other"])
    households.append([f"h{i+1:03d}", c, t, cat, "true" if cat != "other" else "false", random.randint(0, 3)])
write("Examples/household-visits/households.csv", ["id", "county", "township", "category", "must_match", "need"], households)

specialties = ["marriage", "domestic-violence", "property", "custody", "employment", "psychological"]
pros = []
for i in range(25):
    c = random.choice(counties); x, y = point(c)
    kind = random.choice(["lawyer", "mediator", "counsellor"])
    spec = {"lawyer": ["marriage", "property", "custody", "employment", "domestic-violence"], "mediator": ["marriage", "property", "custody"],
            "counsellor": ["psychological", "domestic-violence"]}[kind]
    pros.append([f"p{i+1:02d}", random.choice(family) + random.choice(given), kind, c, ";".join(random.sample(spec, random.randint(1, len(spec)))), x, y, random.randint(3, 6)])
write("Examples/case-referral/professionals.csv", ["id", "name", "kind", "county", "specialties", "x", "y", "max_partners"], pros)
cases = []
for i in range(120):
    c = random.choice(counties); x, y = point(c)
    cases.append([f"c{i+1:03d}", c, random.choice(specialties), x, y, random.randint(1, 5)])
write("Examples/case-referral/cases.csv", ["id", "county", "specialty", "x", "y", "urgency"], cases)
