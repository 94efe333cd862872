"""Benchmarks: each bench_*.py prints its figures; run_all.py runs them all."""

# The one password of the benches' throw-away accounts, on throw-away servers bound to loopback: not a secret.
THROWAWAY_PASSWORD = "bench password"
