"""The fault run (tests/sync/fault_run.py) as a test: 500 insights, two devices, faults and SIGKILLs lose nothing."""

from __future__ import annotations

import pytest

from tests.sync.fault_run import run


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_the_fault_run_loses_duplicates_and_signs_out_nothing(tmp_path):
    report = run(tmp_path, insights=500)
    print("\n" + report.table())
    assert len(report.attempted) >= 500
    assert report.server_kills >= 3 and report.client_kills >= 10 and report.new_devices >= 1
    injected = {k: v for k, v in report.faults.items() if k != "pass"}
    assert all(injected.get(k, 0) > 0 for k in ("delay", "reset", "cut", "drop_response", "garbage")), injected
    assert report.acknowledged == len(report.attempted)
    assert (report.lost, report.duplicated, report.unexpected, report.sign_outs) == (0, 0, 0, [])
