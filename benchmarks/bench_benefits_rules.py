"""Benchmark: evaluate all schemes for generated households (not a timed test).

    python benchmarks/bench_benefits_rules.py [--count 100000] [--seed 2026]

Prints households per second on one core and the median time per household, for the engine on
parsed households and for the whole path from a JSON-like dict (parse + evaluate).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benefits_rules import evaluate, load_rules, parse_household
from benefits_rules.household import Household

DATES = ("2025-12-31", "2026-01-01", "2026-06-15")


def generate(rng: random.Random) -> dict[str, Any]:
    """A plausible household; some facts missing, some given as bands, as in the chat."""
    partner = rng.random() < 0.45
    household: dict[str, Any] = {
        "reference_date": rng.choice(DATES),
        "municipality": "heerlen",
        "age": rng.randint(17, 85),
        "has_partner": partner,
        "children": [{"age": rng.randint(0, 17)} for _ in range(rng.choice((0, 0, 1, 2, 3)))],
        "annual_income": rng.randint(0, 70_000),
        "net_monthly_income": rng.randint(0, 3_500),
        "assets": rng.choice((0, 500, 3_000, 10_000, 40_000, 160_000)),
        "housing": rng.choice(("rent", "rent", "owner", "other")),
        "rent": rng.randint(350, 1_250),
        "health_insured": rng.random() < 0.97,
        "co_residents_21_plus": rng.choice((0, 0, 0, 1, 2)),
        "receives_bijstand": rng.random() < 0.15,
        "months_on_low_income": rng.randint(0, 96),
        "childcare": {"uses_paid_childcare": rng.random() < 0.3, "parents_work_or_study": True},
    }
    if partner:
        household["partner_age"] = rng.randint(18, 85)
    if rng.random() < 0.2:  # an income band instead of an exact amount
        low = household["annual_income"] // 10_000 * 10_000
        household["annual_income"] = {"min": low, "max": low + 9_999}
    for key in ("assets", "rent", "months_on_low_income"):
        if rng.random() < 0.1:  # not asked yet
            household.pop(key)
    return household


def measure(label: str, items: list[Any], run: Any) -> None:
    timings = []
    clock = time.perf_counter_ns
    started = clock()
    for item in items:
        before = clock()
        run(item)
        timings.append(clock() - before)
    total = (clock() - started) / 1e9
    median_ms = statistics.median(timings) / 1e6
    p95_ms = statistics.quantiles(timings, n=20)[-1] / 1e6
    print(
        f"{label:<34} {len(items) / total:>10,.0f} households/s   "
        f"median {median_ms:.3f} ms   p95 {p95_ms:.3f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    rng = random.Random(args.seed)
    raw = [generate(rng) for _ in range(args.count)]
    book = load_rules()
    schemes = len(book.all_scheme_keys())
    parsed: list[Household] = [parse_household(item) for item in raw]
    for household in parsed[:200]:  # warm up caches (rule plans, number formats)
        evaluate(household)
    print(
        f"Python {sys.version.split()[0]}, {args.count:,} households, {schemes} schemes each, "
        "one core"
    )
    measure("evaluate (parsed household)", parsed, evaluate)
    measure("parse + evaluate (dict input)", raw, evaluate)


if __name__ == "__main__":
    main()
