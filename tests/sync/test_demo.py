"""Demo mode: a throw-away local server with two accounts, and the whole loop on one machine."""

from __future__ import annotations

import threading

import requests

from desktop.demo import PRODUCT_NAME, demo_vault, sign_in_demo, start_demo
from desktop.domain import NewInsight
from desktop.store import open_store
from desktop.sync.account import build_service
from desktop.sync.status import Callbacks


def test_demo_starts_signs_in_and_completes_the_loop():
    demo = start_demo()
    try:
        assert demo.url.startswith("http://127.0.0.1:") and PRODUCT_NAME in demo.banner()
        assert demo.product_password in demo.banner() and demo.url in demo.banner()
        store = open_store(demo.paths)
        sign_in_demo(demo, store)
        arrived = threading.Event()
        got = []
        service = build_service(
            store, demo_vault(), Callbacks(notices=lambda n: (got.extend(n), arrived.set())), long_poll=5
        )
        insight = store.capture(NewInsight(text="Demo: customers want a spending chart", community="payments"))
        service.start()
        service.sync_now()
        product = requests.Session()
        login = product.post(
            f"{demo.url}/api/v1/auth/login",
            json={"username": PRODUCT_NAME, "password": demo.product_password},
            timeout=10,
        )
        product.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        for _ in range(100):
            if product.get(f"{demo.url}/api/v1/insights/{insight.id}", timeout=10).status_code == 200:
                break
            arrived.wait(0.1)
        product.post(
            f"{demo.url}/api/v1/insights/{insight.id}/replies", json={"body": "Great idea!"}, timeout=10
        ).raise_for_status()
        assert arrived.wait(15), "the product team's reply never reached the demo app"
        assert [n.body for n in got] == ["Great idea!"]
        assert demo_vault().persistent is False  # the demo never writes to the OS keyring
        service.stop()
        store.close()
    finally:
        demo.stop()
    assert not demo.root.exists()
