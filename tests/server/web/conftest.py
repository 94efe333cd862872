"""Fixtures for the web page tests: the real server subprocess, its users and insights, and Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.server.web.rep_api import RepClient
from tests.support.server_process import ServerProcess

REPO = Path(__file__).resolve().parents[3]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
PASSWORD = "correct horse battery"
# Many sign-ins in a few seconds: lift the per-name sign-in limit for the shared test server.
SERVER_ENV = {"PALAUTE_SERVER_LOGIN_PER_MINUTE": "100000"}


@dataclass
class Site:
    """The running server and what the tests signed up and pushed into it."""

    base_url: str
    rep: RepClient
    html_insight: str
    cards_insight: str
    password: str = PASSWORD
    pia: str = "pia.product"  # product member: payments + mobile-app
    olli: str = "olli.product"  # product member: cards only
    rita: str = "rita.rep"  # representative
    ada: str = "ada.admin"  # administrator: sees every community
    HTML_TEXT: str = (
        '<script>window.__palauteXss = 1</script><img src=x onerror="window.__palauteXss = 2"> <b>not bold</b> & so on'
    )


@pytest.fixture(scope="package")
def artifacts() -> Path:
    folder = Path(os.environ.get("PALAUTE_ARTIFACTS") or REPO / "artifacts") / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser profile per test (no cookies carried over), laptop-sized."""
    context = browser.new_context(viewport={"width": 1366, "height": 860}, locale="en-GB")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def _seed(base_url: str) -> Site:
    rep = RepClient(base_url, "rita.rep", PASSWORD)
    rep.push(
        "SEPA transfer to a German IBAN fails with 'unknown error'; customer had to visit a branch.",
        "payments",
        impact="blocker",
        product_area="payments",
        customer_ref="CUST-1042",
        tags=("sepa",),
    )
    rep.push(
        "Customer could not find where to change the daily card limit in settings.",
        "payments",
        impact="low",
        product_area="cards",
    )
    rep.push(
        "Face ID login loops after the iOS update; customer locked out twice.",
        "mobile-app",
        impact="high",
        product_area="mobile-app",
        tags=("ios",),
    )
    rep.push("Old note: branch opening hours are wrong in the app.", "payments", impact="medium", age_days=45)
    cards = rep.push(
        "Secret cards insight: contactless stops working abroad.", "cards", impact="blocker", product_area="cards"
    )
    rep.push(
        "Cards: virtual card number request took a week.", "cards", impact="medium", age_days=60, product_area="cards"
    )
    html = rep.push(Site.HTML_TEXT, "payments", impact="medium")
    return Site(base_url=base_url, rep=rep, html_insight=html, cards_insight=cards)


@pytest.fixture(scope="package")
def server(tmp_path_factory) -> Iterator[ServerProcess]:
    """One real server (SQLite) for this folder's tests, stopped after them.

    Each test makes the data it changes, so the tests stay independent of their order.
    """
    with ServerProcess.start(tmp_path_factory.mktemp("web-server"), env=SERVER_ENV) as running:
        yield running


def add_users(server: ServerProcess, *users: tuple[str, str, list[str], list[str]]) -> None:
    """Create users with the real CLI, side by side (each command is a fresh interpreter: mostly imports)."""
    with ThreadPoolExecutor(max_workers=len(users)) as pool:
        jobs = [
            pool.submit(server.add_user, name, role, PASSWORD, communities=communities, product_areas=areas)
            for name, role, communities, areas in users
        ]
        for job in jobs:
            job.result()


@pytest.fixture(scope="package")
def site(server: ServerProcess) -> Site:
    add_users(
        server,
        ("pia.product", "product", ["payments", "mobile-app"], []),
        ("olli.product", "product", ["cards"], []),
        ("ada.admin", "admin", [], []),
        ("rita.rep", "rep", ["payments", "mobile-app", "cards"], []),
    )
    return _seed(server.url)
