"""A maximum-size push must not stall everyone else's writes on the default (SQLite) server.

Masking a full batch takes seconds; it runs before the write transaction, so the database's single write
lock is held only for the inserts. Real server process, real requests.
"""

from __future__ import annotations

import pytest
import requests

from tests.server.conftest import create_mutation
from tests.server.test_server_process import sign_in
from tests.support.heavy_push import measure
from tests.support.server_process import ServerProcess

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with ServerProcess.start(tmp_path_factory.mktemp("stall") / "srv") as running:
        running.add_user("rita", "rep", "pw")
        running.add_user("sami", "rep", "pw")
        yield running


def _assert_not_stalled(stall) -> None:
    # Relative, not a wall-clock budget: the small write ends while the big push is still being worked on,
    # and waits a small part of the big push's time (before the fix it waited for the whole masking).
    assert stall.small_ended < stall.big_seconds, stall
    assert stall.small_wait < stall.big_seconds / 4, stall


def test_a_sign_in_answers_during_a_max_size_push(server):
    rita = sign_in(server, "rita")
    stall = measure(server.url, rita, lambda: sign_in(server, "sami"))
    _assert_not_stalled(stall)


def test_a_small_push_answers_during_a_max_size_push(server):
    rita, sami = sign_in(server, "rita"), sign_in(server, "sami")

    def small_push() -> None:
        answer = requests.post(
            server.url + "/api/v1/sync/push", json={"mutations": [create_mutation(1)]}, headers=sami, timeout=300
        )
        assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "applied", answer.text

    stall = measure(server.url, rita, small_push)
    _assert_not_stalled(stall)
