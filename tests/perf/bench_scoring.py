"""Benchmark: scoring 10,000 generated assessments (goal, issue 17: with the gap explanation under 0.5 ms each; an earlier goal was 1 ms).

Run by hand:  .venv/bin/python tests/perf/bench_scoring.py [N] [--smoke]

(``--smoke``: 50 assessments, as CI runs it so the script cannot rot; figures mean nothing then.)

Prints CPU time per assessment (the machine may be shared: CPU time of this process,
not the wall clock) for full scoring (with the gap explanation), for scoring without
it, for scoring with the gap as the aggregation asks for it (conditions and suggested
steps, no candidates), and for the whole file path (JSON parse + checks + score),
each as a ratio to a baseline measured in the same run: json.loads of the same
assessment documents.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from smedigital.core.answers import Answer
from smedigital.core.assessment import Assessment, Company, dumps_assessment, parse_assessment
from smedigital.core.framework import bundled_frameworks
from smedigital.core.scoring import level_gap, score_answers

clock = time.process_time  # CPU time: what other processes run beside it does not count


def random_answers(fw, rng: random.Random) -> tuple[dict[str, Answer], str, frozenset[str]]:
    """Random answers for a firm of a random industry (its sector module included)."""
    industry = rng.choice([m.sectors[0] for m in fw.modules.values()]) if fw.modules else "C"
    modules = fw.modules_for(industry)
    out = {}
    for q in fw.questions_for(modules):
        if rng.random() < 0.05:
            continue
        if q.is_leveled:
            out[q.id] = Answer(level=rng.randint(0, 4))
        elif q.kind == "multi":
            plain = [o.id for o in q.options if not o.exclusive]
            out[q.id] = Answer(choices=tuple(rng.sample(plain, rng.randint(1, len(plain)))))
        else:
            out[q.id] = Answer(choice=rng.choice(q.options).id)
    return out, industry, modules


def main(n: int = 10_000) -> None:
    rng = random.Random(2027)
    fws = list(bundled_frameworks().values())
    cases = []
    for i in range(n):
        fw = fws[i % len(fws)]
        cases.append((fw, *random_answers(fw, rng)))
    docs = [dumps_assessment(Assessment(fw.id, fw.version, Company(industry=industry), answers=a))
            for fw, a, industry, _ in cases]

    t0 = clock()
    parsed = [json.loads(d) for d in docs]
    baseline = clock() - t0

    t0 = clock()
    for fw, a, _, modules in cases:
        score_answers(fw, a, modules, explain=True)
    full = clock() - t0

    t0 = clock()
    for fw, a, _, modules in cases:
        score_answers(fw, a, modules, explain=False)
    plain = clock() - t0

    t0 = clock()
    for fw, a, _, modules in cases:
        level_gap(score_answers(fw, a, modules, explain=False), a, with_candidates=False)
    rows = clock() - t0

    t0 = clock()
    for d in parsed:
        parse_assessment(d, "bench", check_profile=False).score()
    whole = clock() - t0

    per = 1000 / n
    print(f"assessments: {n} over {', '.join(fw.id for fw in fws)}")
    print(f"baseline json.loads:          {baseline * per:7.3f} ms each")
    print(f"score (with gap explanation): {full * per:7.3f} ms each  ratio {full / baseline:6.1f}x  (goal < 0.5 ms: {'met' if full * per < 0.5 else 'NOT met'})")
    print(f"score (no explanation):       {plain * per:7.3f} ms each  ratio {plain / baseline:6.1f}x")
    print(f"score (gap for a row):        {rows * per:7.3f} ms each  ratio {rows / baseline:6.1f}x  (the aggregation's)")
    print(f"check + score from JSON:      {whole * per:7.3f} ms each  ratio {whole / baseline:6.1f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000, help="assessments to score")
    parser.add_argument("--smoke", action="store_true", help="50 assessments (CI)")
    args = parser.parse_args()
    main(50 if args.smoke else args.n)
