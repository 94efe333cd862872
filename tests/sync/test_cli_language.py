"""The command line speaks the rep's language: `LANG=fi_FI.UTF-8 palaute digest` against the real server;
`palaute inbox` and `palaute reply` in a terminal."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from desktop.domain import NewInsight
from desktop.language import use
from desktop.paths import AppPaths
from desktop.store import open_store
from desktop.sync.account import resume, sign_in
from desktop.sync.credentials import Vault
from desktop.sync.engine import Puller, Pusher
from protocol.digest import week_bounds, week_of
from tests.sync.conftest import REP_PASSWORD, add_community, add_user

ENGLISH = ("Weekly digest", "Top new insights", "Answered by the product team", "Shipped", "Captured", "customer")


@pytest.fixture
def language(monkeypatch):
    def set_lang(value: str) -> None:
        for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("LANG", value)

    yield set_lang
    use("en")


def palaute(capsys, folder, *args: str) -> tuple[int, str, str]:
    """The CLI in this process (so it finds the tests' in-memory keyring)."""
    from desktop.cli import build_parser, run

    capsys.readouterr()
    code = run(build_parser().parse_args(["--data-dir", str(folder), *args]))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_digest_in_finnish_has_no_english_headings_and_finnish_dates(capsys, server, tmp_path, request, language):
    slug = f"fi-{abs(hash(request.node.nodeid)) % 10**8}"
    add_community(server, slug, "Maksut CoP")
    rep = f"{slug}-rep"
    add_user(server, rep, "rep", REP_PASSWORD, communities=(slug,))
    folder = tmp_path / rep
    store = open_store(AppPaths.resolve(folder))
    try:
        sign_in(store, Vault(), server.url, rep, REP_PASSWORD)
        client = resume(store, Vault())
        Puller(store.sync).pull_all(client)  # synced: the rep's communities are known
        store.capture(NewInsight(text="Asiakas ei löydä IBAN-kenttää", community=slug))
        Pusher(store.sync).push_all(client)
    finally:
        store.close()
    language("fi_FI.UTF-8")
    code, out, err = palaute(capsys, folder, "digest")
    assert code == 0, err
    found = [word for word in ENGLISH if word in out]
    assert found == [], out
    week = week_of(datetime.now(UTC))
    first, _end = week_bounds(week)
    assert out.startswith(f"# Viikkokooste {week}\n")
    assert f"{first:%-d.%-m.%Y}–" in out  # Finnish dates: 30.11.2026, not "30 Nov 2026"
    assert not re.search(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", out)
    assert "## Maksut CoP" in out and "- Kirjattu: 1" in out and "Asiakas ei löydä IBAN-kenttää (1 asiakas" in out


def test_inbox_and_reply_from_a_terminal(capsys, data_dir, language):
    store = open_store(AppPaths.resolve(data_dir))
    insight = store.capture(NewInsight(text="Card limit cannot be raised in the app", community="cards"))
    store.close()
    language("sv_SE.UTF-8")
    code, out, _ = palaute(capsys, data_dir, "reply", insight.id, "Kunden ringde igen")
    assert code == 0 and out.startswith("Svaret sparat;")
    code, out, _ = palaute(capsys, data_dir, "inbox")
    assert code == 0 and "Card limit cannot be raised in the app" in out and "1 svar" in out
    code, out, _ = palaute(capsys, data_dir, "inbox", insight.id)
    assert code == 0 and "— du, " in out and "Kunden ringde igen" in out
    code, _, err = palaute(capsys, data_dir, "reply", insight.id, "   ")
    assert code == 2 and "Svaret är tomt" in err
    reopened = open_store(AppPaths.resolve(data_dir))
    try:
        assert [r.body for r in reopened.thread(insight.id)] == ["Kunden ringde igen"]
        assert [p.kind for p in reopened.sync.pending(10)] == ["create", "reply"]
    finally:
        reopened.close()
