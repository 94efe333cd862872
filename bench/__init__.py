"""Benchmarks: each bench_*.py prints its figures; run_all.py runs them all."""
