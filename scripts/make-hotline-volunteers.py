#!/usr/bin/env python3
"""Writes Examples/hotline-12338/volunteers.csv: 84 synthetic volunteers for the
12338 hotline example (seeded, so the file is reproducible). UTF-8 with a BOM and
Chinese headers, as spreadsheet exports usually are."""
import csv, io, random, sys

random.seed(12338)
family = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
given = ["芳", "娜", "秀英", "敏", "静", "丽", "艳", "霞", "桂英", "秀兰", "玉兰", "婷", "雪", "慧", "红", "梅", "琳", "洁", "燕", "颖"]
homes = [f"township-{t}" for t in range(1, 5)] + [f"township-{t}-village-{v}" for t in range(1, 5) for v in range(1, 4)]
rows = []
for i in range(84):
    share = i / 84
    if share < 0.51:
        group = "rights-legal"
        skills = ["rights"]
        if random.random() < 0.5: skills.append(f"legal:{random.randint(1, 3)}")
        if random.random() < 0.25: skills.append("family")
    elif share < 0.63:
        group = "health"
        skills = ["health", f"psychological:{random.randint(1, 2)}"]
    else:
        group = "caring"
        skills = ["caring"]
        if random.random() < 0.5: skills.append("housekeeping")
        if random.random() < 0.33: skills.append("family")
        if random.random() < 0.2: skills.append("psychological")
    pattern = random.random()
    if pattern < 0.5:
        days = [d for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] if random.random() < 0.6] or ["mon"]
        availability = ",".join(days) + " 08:00-22:00"
    elif pattern < 0.7:
        availability = "mon-sun 15:00-22:00"
    elif pattern < 0.8:
        availability = "sat-sun 08:00-22:00"
    else:
        availability = ""
    away = []
    if random.random() < 0.3:
        away = sorted({f"2026-03-{random.randint(1, 31):02d}" for _ in range(random.randint(1, 4))})
    rows.append([f"v{i + 1:03d}", random.choice(family) + random.choice(given), "; ".join(skills), group,
                 random.choice(homes), availability, "; ".join(away), "21", "1", "3", "28"])

out = io.StringIO()
w = csv.writer(out, lineterminator="\r\n")
w.writerow(["编号", "姓名", "技能", "分组", "所属站点", "可服务时间", "不可服务日期", "每周最多小时", "每天最多班次", "最多连续天数", "目标小时"])
w.writerows(rows)
sys.stdout.buffer.write(("\ufeff" + out.getvalue()).encode("utf-8"))
