"""Stopping sync (quitting, signing out, another server) while the pull loop waits in its long-poll: the
request is ended at once, the loop's thread is gone when stop() returns (so nothing it pulls later can reach
a store that was signed out or closed), and no error is recorded for the aborted request."""

from __future__ import annotations

import threading
import time

import pytest

from desktop.sync.account import build_service, sign_in
from tests.support.fault_proxy import FaultProxy
from tests.support.tls import self_signed
from tests.sync.conftest import REP_PASSWORD


def pull_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == "sync-pull"}


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_stopping_sync_ends_the_waiting_long_poll_at_once(server, store, vault, memory_keyring, tmp_path, scheme):
    proxy = None
    url = server.url
    if scheme == "https":  # TLS ended by a proxy in front, as a company's would: an SSL socket is shut down
        cert, context = self_signed(tmp_path)
        proxy = FaultProxy(server.url, tls=context)
        url = proxy.url
        store.settings.set("ca_bundle", str(cert))
    try:
        sign_in(store, vault, url, server.rep, REP_PASSWORD)
        before = pull_threads()
        service = build_service(store, vault)
        service.start()
        deadline = time.monotonic() + 30
        while store.sync.meta("last_success_at") is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert store.sync.meta("last_success_at") is not None, "the first pull never answered"
        time.sleep(1)  # the next pull is a long-poll: the server holds it for 25 s, as nothing changes
        service.stop()  # waits 2 s at most for each loop
        assert pull_threads() - before == set(), "the pull loop still waits for its long-poll"
        assert store.sync.meta("last_error") is None
    finally:
        if proxy is not None:
            proxy.close()
