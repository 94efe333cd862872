"""Shared helpers for benchmarks: percentiles and one table format for every figure."""

from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One measured number, with the target the issue names (free text, may be empty)."""

    name: str
    value: float
    unit: str
    target: str = ""

    def row(self) -> str:
        return f"{self.name:<58} {self.value:>12.3f} {self.unit:<10} {self.target}"


def percentile(samples: list[float], pct: float) -> float:
    """The pct-th percentile (0-100) by nearest rank; samples need not be sorted."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def p50_p95(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), percentile(samples, 95)


def print_figures(title: str, figures: list[Figure]) -> None:
    """Print a block that run_all.py can gather: a title line, then one line per figure."""
    print(f"## {title}")
    for figure in figures:
        print(figure.row())
    print(flush=True)
