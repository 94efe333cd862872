"""Stopping sync (quitting, signing out, another server) while the pull loop waits in its long-poll or a push
waits for its answer: the request is ended at once, the loop's thread is gone when stop() returns (so nothing
it gets later can reach a store that was signed out or closed), and no error is recorded for it. The push
stays in the outbox and arrives once, later."""

from __future__ import annotations

import threading
import time

import pytest

from desktop.domain import NewInsight
from desktop.sync.account import build_service, sign_in
from tests.support.fault_proxy import FaultProxy
from tests.support.tls import self_signed
from tests.support.waiting import wait_for
from tests.sync.conftest import REP_PASSWORD


def threads_named(name: str) -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == name}


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
        before = threads_named("sync-pull")
        service = build_service(store, vault)
        service.start()
        wait_for(lambda: store.sync.meta("last_success_at") is not None, 30, what="the first pull's answer")
        time.sleep(1)  # the next pull is a long-poll: the server holds it for 25 s, as nothing changes
        service.stop()  # waits 2 s at most for each loop
        assert threads_named("sync-pull") - before == set(), "the pull loop still waits for its long-poll"
        assert store.sync.meta("last_error") is None
    finally:
        if proxy is not None:
            proxy.close()


def test_stopping_sync_ends_a_push_in_flight_and_it_arrives_once_later(server, store, vault, memory_keyring, product):
    proxy = FaultProxy(server.url)
    proxy.slow_seconds = 30  # the server does not answer the push (it gets it when the test is over)
    try:
        sign_in(store, vault, proxy.url, server.rep, REP_PASSWORD)
        before = threads_named("sync-push")
        service = build_service(store, vault)
        service.start()
        wait_for(lambda: store.sync.meta("last_success_at") is not None, 30, what="the first pull's answer")
        proxy.plan("/api/v1/sync/push", "slow")
        saved = store.capture(NewInsight(text="Pushed while the app was quitting", community="payments"))
        service.sync_now()
        wait_for(lambda: proxy.counts["slow"] == 1, 30, what="the push to reach the proxy")
        service.stop()
        assert threads_named("sync-push") - before == set(), "the push loop still waits for its answer"
        assert store.sync.outbox_size() == 1 and store.sync.meta("last_error") is None

        again = build_service(store, vault)  # the next start
        again.start()
        try:
            wait_for(lambda: store.sync.outbox_size() == 0, 30, what="the push to be sent again")
        finally:
            again.stop()
        assert [i["id"] for i in product.insights()] == [saved.id]
    finally:
        proxy.close()


def test_quitting_ends_a_sign_in_that_waits_for_the_server(qtbot, server, store, vault, memory_keyring):
    """The app's exit aborts every session (`http.abort_all`): a sign-in in Qt's thread pool, held by a server
    that does not answer, would otherwise keep the process alive after quitting (Qt waits for its pool)."""
    from PySide6.QtCore import QThreadPool

    from desktop.sync import http
    from desktop.ui.background import BackgroundCall

    proxy = FaultProxy(server.url)
    proxy.slow_seconds = 30
    proxy.plan("/api/v1/auth/login", "slow")
    try:
        call = BackgroundCall()
        with qtbot.waitSignal(call.failed, timeout=10000) as failed:
            call.run(sign_in, store, vault, proxy.url, server.rep, REP_PASSWORD)
            wait_for(lambda: proxy.counts["slow"] == 1, 30, what="the sign-in to reach the proxy")
            http.abort_all()
            assert QThreadPool.globalInstance().waitForDone(5000), "the sign-in still waits for the server"
        assert "connection" in failed.args[0].lower()
        assert store.sync.meta("device_id") is None
    finally:
        proxy.close()
