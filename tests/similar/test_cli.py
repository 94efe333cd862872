"""`palaute similar TEXT [--json] [--limit N]`, run as a user would, in a child process."""

from __future__ import annotations

import json

import pytest

from tests.core.conftest import run_cli


@pytest.fixture
def cli(data_dir):
    def _run(*args: str, **kwargs):
        return run_cli(*args, data_dir=data_dir, **kwargs)

    return _run


def capture(cli, text: str) -> str:
    result = cli("capture", text, "--community", "payments", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)[0]["id"]


def test_similar_prints_one_line_per_hint_best_first(cli):
    best = capture(cli, "Kunden hittar inte fakturan i appen efter inloggning med BankID")
    other = capture(cli, "Kunden hittar inte fakturan i appen")
    capture(cli, "El cliente no puede pagar con tarjeta")
    result = cli("similar", "hittar inte fakturor i appen efter inloggningen")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines] == [best, other]
    score, _ident, community, status, *snippet = lines[0].split()
    assert 0 < float(score) <= 1 and community == "payments" and status == "new"
    assert " ".join(snippet) == "Kunden hittar inte fakturan i appen efter inloggning med BankID"


def test_similar_json_and_limit(cli):
    first = capture(cli, "Customers want a dark mode in the banking app")
    capture(cli, "Customers want a dark mode on Android")
    result = cli("similar", "customer wants dark mode in the app", "--json", "--limit", "1")
    assert result.returncode == 0, result.stderr
    hints = json.loads(result.stdout)
    assert [h["id"] for h in hints] == [first]
    assert set(hints[0]) == {"id", "score", "text", "community", "status", "author", "customers"}
    assert hints[0]["customers"] == 1 and hints[0]["text"] == "Customers want a dark mode in the banking app"


def test_no_hint_says_so_and_exits_0(cli):
    result = cli("similar", "anything at all")
    assert (result.returncode, result.stdout) == (0, "No similar insights.\n")
    result = cli("similar", "anything at all", "--json")
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_similar_reads_standard_input(cli):
    saved = capture(cli, "Asiakas ei löydä laskun maksupainiketta")
    result = cli("similar", "-", stdin="asiakas ei löytänyt maksupainiketta laskulle\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == saved
