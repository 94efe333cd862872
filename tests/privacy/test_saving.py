"""The save-time helpers: words for what was masked, and what `--keep-pii` keeps."""

from __future__ import annotations

from privacy import find_pii
from privacy.saving import count_by_kind, describe_counts, keys_found


def test_counts_are_named_in_words_with_plurals_and_national_ids_as_one():
    assert describe_counts({"email": 2, "card": 1}) == "1 card number, 2 e-mail addresses"
    assert describe_counts({"fi_hetu": 1, "se_personnummer": 1, "phone": 1, "iban": 3}) == (
        "3 IBANs, 2 national identity numbers, 1 phone number"
    )
    assert describe_counts({"a_kind_from_a_newer_version": 1, "card": 2}) == (
        "2 card numbers, 1 other personal identifier"
    )


def test_counts_and_keys_come_from_every_finding():
    note = "kortti 4111 1111 1111 1111, toinen 4111-1111-1111-1111, posti anna@example.com"
    findings = find_pii(note)
    assert count_by_kind(findings) == {"card": 2, "email": 1}
    # The same card typed twice has one key: keeping it keeps both.
    assert keys_found(note, None, "040 123 4567") == {f.key for f in findings} | {find_pii("040 123 4567")[0].key}
    assert len(keys_found(note)) == 2
