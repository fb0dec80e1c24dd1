"""Speed, memory and recall of the redaction step (issues 7 and 12).

Measures the resident set size of this process before and after importing ``api.redaction`` and
after ``warm_up()``, the warm-up time, and the time per message over the redaction test corpus
(personal and normal messages, several rounds): median, p95 and max. Then prints the recall per
kind and per Unicode disguise and the false positives on the same corpus
(``tests/api/pii_recall.py``, the numbers the corpus test asserts).

Run: ``.venv-api/bin/python benchmarks/bench_redaction.py [--rounds N] [--json]``
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    """Current resident set size of this process in MB (Linux)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="passes over the corpus")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    rss_start = rss_mb()
    started = time.perf_counter()
    from api.redaction import redact, warm_up

    imported = time.perf_counter()
    rss_imported = rss_mb()
    warm_up()
    warmed = time.perf_counter()
    rss_warm = rss_mb()

    from tests.api.pii_corpus import load_corpus

    corpus = load_corpus()
    messages = [m.text for m in corpus.personal] + list(corpus.normal)
    timings_us: list[float] = []
    best_us = [float("inf")] * len(messages)
    for _ in range(args.rounds):
        for index, text in enumerate(messages):
            t0 = time.perf_counter_ns()
            redact(text)
            elapsed = (time.perf_counter_ns() - t0) / 1000
            timings_us.append(elapsed)
            best_us[index] = min(best_us[index], elapsed)
    timings_us.sort()
    best_us.sort()
    result = {
        "messages": len(messages),
        "rounds": args.rounds,
        "import_s": round(imported - started, 3),
        "warm_up_s": round(warmed - imported, 3),
        "median_us": round(statistics.median(timings_us), 1),
        "p95_us": round(timings_us[int(0.95 * (len(timings_us) - 1))], 1),
        "max_us": round(timings_us[-1], 1),
        # the fastest of the rounds per message: the cost of the code without scheduling noise
        "best_median_us": round(statistics.median(best_us), 1),
        "best_p95_us": round(best_us[int(0.95 * (len(best_us) - 1))], 1),
        "best_max_us": round(best_us[-1], 1),
        "rss_start_mb": round(rss_start, 1),
        "rss_after_import_mb": round(rss_imported, 1),
        "rss_after_warm_up_mb": round(rss_warm, 1),
        "rss_after_run_mb": round(rss_mb(), 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    from tests.api.pii_recall import measure

    quality = measure()
    result["recall"] = {label: round(quality.recall(label), 4) for label in sorted(quality.planted)}
    result["false_positives"] = len(quality.false_positives)
    if args.json:
        print(json.dumps(result))
        return
    print(f"redaction benchmark: {result['messages']} messages x {result['rounds']} rounds")
    print(f"  import       {result['import_s']:>8} s")
    print(f"  warm-up      {result['warm_up_s']:>8} s")
    print(
        f"  per message  median {result['median_us']} us, p95 {result['p95_us']} us, "
        f"max {result['max_us']} us"
    )
    print(
        f"  best of {args.rounds}    median {result['best_median_us']} us, p95 "
        f"{result['best_p95_us']} us, max {result['best_max_us']} us"
    )
    print(
        f"  RSS          start {result['rss_start_mb']} MB, after import "
        f"{result['rss_after_import_mb']} MB, after warm-up {result['rss_after_warm_up_mb']} MB, "
        f"after run {result['rss_after_run_mb']} MB, peak {result['peak_rss_mb']} MB"
    )
    print("recall and false positives on the corpus:")
    print("\n".join(f"  {line}" for line in quality.table().splitlines()))


if __name__ == "__main__":
    main()
