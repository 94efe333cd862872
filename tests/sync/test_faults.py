"""Jepsen-style: insights captured while the network misbehaves reach the server exactly once."""

from __future__ import annotations

import random

import pytest

from desktop.domain import NewInsight
from desktop.sync.account import resume, sign_in
from desktop.sync.engine import Puller, Pusher
from desktop.sync.errors import SyncError
from tests.support.fault_proxy import FaultProxy
from tests.sync.conftest import REP_PASSWORD


@pytest.mark.slow
def test_faulty_network_loses_and_duplicates_nothing(server, store, vault, product):
    proxy = FaultProxy(server.url, seed=11)
    try:
        sign_in(store, vault, proxy.url, server.rep, REP_PASSWORD)
        client = resume(store, vault)
        proxy.fault_rate = 0.5
        rng = random.Random(12)
        attempted, failures = [], 0
        while len(attempted) < 220:
            for _ in range(rng.randint(1, 12)):
                text = f"fault-test insight {len(attempted)} " + rng.choice(["ä", "🙂", "ñ", "å"]) * rng.randint(1, 5)
                attempted.append(store.capture(NewInsight(text=text, community="payments")).id)
            try:
                Pusher(store.sync, batch_size=rng.choice([3, 10, 50])).push_all(client)
                Puller(store.sync, page_size=rng.choice([5, 50])).pull_all(client)
            except SyncError:
                failures += 1
        proxy.fault_rate = 0.0
        for _ in range(5):  # the network is healthy again: the backlog drains
            Pusher(store.sync).push_all(client)
            Puller(store.sync).pull_all(client)
            if store.sync.outbox_size() == 0:
                break
        on_server = [i["id"] for i in product.insights()]
    finally:
        proxy.close()
    lost = set(attempted) - set(on_server)
    duplicated = len(on_server) - len(set(on_server))
    unexpected = set(on_server) - set(attempted)
    faults = {k: v for k, v in proxy.counts.items() if k != "pass"}
    print(
        f"\nfault test: attempted {len(attempted)}, acknowledged {len(set(on_server) & set(attempted))}, "
        f"lost {len(lost)}, duplicated {duplicated}, unexpected {len(unexpected)}; "
        f"{failures} failed sync rounds; faults injected {dict(faults)}"
    )
    assert sum(faults.values()) >= 30, "too few faults were injected to prove anything"
    assert proxy.counts["drop_response"] > 0 and proxy.counts["cut"] > 0
    assert not lost and duplicated == 0 and not unexpected
    assert store.sync.outbox_size() == 0
    assert {i.id for i in store.list_insights() if i.server_version is not None} == set(attempted)
