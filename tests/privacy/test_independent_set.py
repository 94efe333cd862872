"""An independent held-out set, written before the detector was tuned for it: Danish CPR numbers typed without
their dash inside notes in other languages, and valid card numbers of 13, 14, 15 and 19 digits (plain and in
their usual groupings), with number-heavy clean notes (10-digit numbers that are not CPR dates, order and
case numbers, EAN, IMEI, timestamps) to count false alarms.

Values are built with stdnum's check digits (`tests/privacy/validators.py` checks them again). Recall and
false alarms are printed; recall must be total, false alarms at most what docs/privacy.md lists as known.
"""

from __future__ import annotations

import pytest

from privacy import find_pii
from tests.privacy.conftest import read_jsonl
from tests.privacy.validators import VALIDATORS

PII = read_jsonl("pii_notes_independent.jsonl")
CLEAN = read_jsonl("clean_notes_independent.jsonl")


def test_the_set_holds_only_valid_identifiers_of_the_kinds_it_is_about():
    kinds = set()
    for record in PII:
        for item in record["expected"]:
            assert record["text"][item["start"] : item["end"]] == item["value"]
            assert VALIDATORS[item["kind"]](item["value"]), item
            kinds.add(item["kind"])
    assert kinds == {"dk_cpr", "card"}
    digits = {len("".join(c for c in i["value"] if c.isdigit())) for r in PII for i in r["expected"]}
    assert {13, 14, 15, 19} <= digits
    assert {r["lang"] for r in PII} == {"en", "fi", "sv", "es"}


def _found(record: dict, item: dict) -> bool:
    same = [f for f in find_pii(record["text"]) if (f.start, f.end) == (item["start"], item["end"])]
    # Masked under another kind counts only when the value is valid as that kind too ("0101901234" is also
    # a Finnish phone number; a phone-number plan is the stronger reading of ten bare digits).
    return bool(same) and (same[0].kind == item["kind"] or VALIDATORS[same[0].kind](item["value"]))


def test_recall_on_the_independent_set_is_total():
    items = [(record, item) for record in PII for item in record["expected"]]
    missed = [item["value"] for record, item in items if not _found(record, item)]
    print(f"\nindependent set recall: {len(items) - len(missed)}/{len(items)}")
    assert not missed


@pytest.mark.parametrize("record", CLEAN, ids=lambda r: r["text"][:40])
def test_clean_notes_of_the_independent_set_raise_no_alarm(record):
    assert [(f.kind.value, f.value) for f in find_pii(record["text"])] == []
