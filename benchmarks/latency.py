"""Latency figures the benchmarks print the same way: median and p95 in milliseconds."""

from __future__ import annotations

import statistics


def percentiles(samples: list[float]) -> str:
    """'median N ms, p95 N ms' for samples in seconds (0 ms when there are none)."""
    ordered = sorted(samples) or [0.0]
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"median {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"
