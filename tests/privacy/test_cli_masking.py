"""`palaute capture` masks personal data as a user runs it (a real child process), or keeps it with --keep-pii."""

from __future__ import annotations

import csv
import io
import json

CARD, HETU, EMAIL = "4111 1111 1111 1111", "131052-308T", "anna.virtanen@example.fi"
NOTE = f"Customer read out card {CARD} and hetu {HETU} on the call"


def test_capture_masks_and_says_so_in_one_line(cli):
    result = cli("capture", NOTE, "-c", "payments", "--customer", EMAIL)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Saved insight ")
    assert result.stderr.splitlines() == [
        "Masked before saving: 1 card number, 1 national identity number, 1 e-mail address."
    ]
    [saved] = json.loads(cli("list", "--json").stdout)
    assert saved["text"] == "Customer read out card ••••1111 and hetu [national id] on the call"
    assert saved["customer_ref"] == "[email]"
    assert (saved["pii_kept"], saved["pii_masked"]) == ([], {"card": 1, "fi_hetu": 1, "email": 1})


def test_keep_pii_keeps_everything_found_and_json_shows_it(cli):
    result = cli("capture", "-", "-c", "payments", "--keep-pii", "--json", stdin=NOTE + f"\nMail: {EMAIL}\n")
    assert result.returncode == 0, result.stderr
    [saved] = json.loads(result.stdout)
    assert saved["text"] == NOTE + f"\nMail: {EMAIL}\n"
    assert [item["kind"] for item in saved["pii_kept"]] == ["card", "fi_hetu", "email"]
    assert all(item["key"].startswith(item["kind"] + ":") for item in saved["pii_kept"])
    assert saved["pii_masked"] == {}
    assert "Masked" not in result.stderr
    assert "Kept as typed (--keep-pii): 1 card number, 1 national identity number, 1 e-mail address." in result.stderr
    exported = list(csv.DictReader(io.StringIO(cli("export", "-f", "csv").stdout)))
    assert exported[0]["pii_kept"] == ";".join(item["key"] for item in saved["pii_kept"])


def test_a_note_without_personal_data_prints_nothing_extra(cli):
    result = cli(
        "capture", "Order 12345678 of 1 299,00 € failed in version 4.2.1", "-c", "payments", "--customer", "52345678"
    )
    assert result.returncode == 0 and result.stderr == ""
    [saved] = json.loads(cli("list", "--json").stdout)
    assert saved["customer_ref"] == "52345678" and saved["pii_masked"] == {} and saved["pii_kept"] == []
