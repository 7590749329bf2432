"""Benchmark: the exact planner against the greedy one on random assessments of both frameworks.

Run by hand:  .venv/bin/python tests/perf/bench_plan.py [N] [--smoke]

For N random assessments (default 1,000 in all, split evenly over the bundled frameworks;
``--smoke``: 20), each with a random target kind (next level, a chosen level, next stage), it
prints per framework and over all:

* the time per exact plan (median and worst; goal: median under 50 ms, worst under 500 ms),
  and as a ratio to the baseline measured in the same run: the greedy plan of the same
  assessment and target;
* the cost saved against the greedy plan (middle of the cost bands), median and worst, in
  yuan and in %, over the assessments where both plans reach the target; and how often
  the exact plan reaches a target the greedy one misses;
* the plan page's what-if on the sample firm: the time to re-plan after each change of
  target, objective, budget, pin or exclusion (goal: under 100 ms), as a ratio to the greedy
  plan for the next level measured in the same run.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from smedigital.core.answers import Answer
from smedigital.core.assessment import Assessment, Company
from smedigital.core.framework import bundled_frameworks
from smedigital.core.planning import build_plan


def random_assessment(fw, rng: random.Random) -> Assessment:
    industry = rng.choice([m.sectors[0] for m in fw.modules.values()]) if fw.modules else "C34"
    modules = fw.modules_for(industry)
    answers = {}
    # most firms are low: draw a firm-wide tendency, then each answer around it
    tendency = rng.random()
    for q in fw.questions_for(modules):
        if rng.random() < 0.05:
            continue
        if q.is_leveled:
            answers[q.id] = Answer(level=min(4, max(0, round(rng.gauss(tendency * 3, 1)))))
        elif q.kind == "multi":
            plain = [o.id for o in q.options if not o.exclusive]
            k = min(len(plain), max(0, round(rng.gauss(tendency * len(plain), 1))))
            chosen = rng.sample(plain, k)
            none = [o.id for o in q.options if o.exclusive]
            answers[q.id] = Answer(choices=tuple(chosen) if chosen else tuple(none[:1]) or None)
        else:
            opts = sorted(q.options, key=lambda o: o.points)
            i = min(len(opts) - 1, max(0, round(rng.gauss(tendency * (len(opts) - 1), 1))))
            answers[q.id] = Answer(choice=opts[i].id)
    return Assessment(fw.id, fw.version, Company(industry=industry), assessed_on="2026-11-20", answers=answers)


def random_target(fw, a: Assessment, rng: random.Random) -> str:
    kind = rng.choice(["next-level", "level", "next-stage"])
    if kind == "level":
        return f"level:{rng.randint(1, len(fw.levels))}"
    return kind


def mid(plan) -> float:
    return (plan.cost_min + plan.cost_max) / 2


def main(n: int) -> None:
    rng = random.Random(2027)
    fws = list(bundled_frameworks().values())
    print(f"assessments: {n} in all over {len(fws)} frameworks, random targets (next level, a chosen level, "
          f"next stage); cost = middle of the cost bands")
    all_saved: list[float] = []
    all_pct: list[float] = []
    for k, fw in enumerate(fws):
        share = n // len(fws) + (1 if k < n % len(fws) else 0)
        times, greedy_times, saved, saved_pct = [], [], [], []
        only_exact = only_greedy = not_optimal = 0
        count = 0
        while count < share:
            a = random_assessment(fw, rng)
            target = random_target(fw, a, rng)
            t0 = time.perf_counter()
            greedy = build_plan(a, target, method="greedy")
            t1 = time.perf_counter()
            exact = build_plan(a, target)
            t2 = time.perf_counter()
            if exact.is_empty and greedy.is_empty:
                continue  # nothing to plan for this target
            count += 1
            greedy_times.append(t1 - t0)
            times.append(t2 - t1)
            if exact.reached and not greedy.reached:
                only_exact += 1
            elif greedy.reached and not exact.reached:
                only_greedy += 1
            elif exact.reached and greedy.reached:
                d = mid(greedy) - mid(exact)
                saved.append(d)
                saved_pct.append(100 * d / mid(greedy) if mid(greedy) else 0.0)
            if exact.reached and not exact.optimal:
                not_optimal += 1
        med, worst = statistics.median(times), max(times)
        base = statistics.median(greedy_times)
        print(f"\n{fw.id}")
        print(f"  baseline (greedy plan):   median {base * 1000:7.1f} ms")
        print(f"  exact plan:               median {med * 1000:7.1f} ms  worst {worst * 1000:7.1f} ms  "
              f"ratio {med / base:5.2f}x  (goal: median < 50 ms, worst < 500 ms)")
        if saved:
            print(f"  saved against greedy:     median ¥{statistics.median(saved):,.0f} "
                  f"({statistics.median(saved_pct):.1f} %)  worst ¥{min(saved):,.0f} ({min(saved_pct):.1f} %)  "
                  f"best ¥{max(saved):,.0f} ({max(saved_pct):.1f} %)  over {len(saved)} plans both reach")
        print(f"  reached only by exact: {only_exact}; only by greedy: {only_greedy}; "
              f"exact reached but not proven: {not_optimal}")
        all_saved += saved
        all_pct += saved_pct
    if all_saved:
        print(f"\nall frameworks: saved against greedy median ¥{statistics.median(all_saved):,.0f} "
              f"({statistics.median(all_pct):.1f} %), worst ¥{min(all_saved):,.0f} ({min(all_pct):.1f} %) "
              f"over {len(all_saved)} plans both reach")


def what_if(repeat: int) -> None:
    from smedigital.core.assessment import load_assessment
    from smedigital.core.optimize import Objective

    a = load_assessment(Path(__file__).resolve().parents[2] / "resources" / "samples" / "manufacturer-miit.smd.json")
    changes = [
        ("target level:2", dict(target="level:2")), ("target level:3", dict(target="level:3")),
        ("target next stage", dict(target="next-stage")),
        ("objective effort", dict(target="level:3", objective=Objective("effort"))),
        ("objective low end", dict(target="level:3", objective=Objective("cost", "low"))),
        ("objective months", dict(target="level:3", objective=Objective("months"))),
        ("budget 200,000", dict(budget=200_000)), ("budget 1,000,000", dict(budget=1_000_000)),
        ("pin funding 10 %", dict(target="level:2", pins=["miit.management.funding>r10_20"])),
        ("exclude equipment 1→2", dict(target="level:2", excludes=["miit.scene.equipment>2"])),
    ]
    t0 = time.perf_counter()
    for _ in range(repeat):
        build_plan(a, "next-level", method="greedy")
    base = (time.perf_counter() - t0) / repeat
    print(f"\nwhat-if on the sample firm (goal: each re-plan under 100 ms); baseline greedy plan "
          f"{base * 1000:.1f} ms")
    for name, kw in changes:
        target = kw.pop("target", None)
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            build_plan(a, target, **kw)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        print(f"  {name:<24} median {med * 1000:6.1f} ms  worst {max(times) * 1000:6.1f} ms  ratio {med / base:5.2f}x")


if __name__ == "__main__":
    args = [x for x in sys.argv[1:] if not x.startswith("--")]
    smoke = "--smoke" in sys.argv
    main(20 if smoke else int(args[0]) if args else 1000)
    what_if(3 if smoke else 20)
