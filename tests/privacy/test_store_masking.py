"""Masking at save time in the real store: capture, edit and reply, the outbox, and the database files' bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.domain import MAX_TEXT_CHARS, KeptPii, NewInsight
from desktop.errors import InvalidInput
from privacy import find_pii

CARD, HETU, EMAIL = "4111 1111 1111 1111", "131052-308T", "anna.virtanen@example.fi"
NOTE = f"Asiakas luki kortin {CARD} ja hetun {HETU}, vastaus osoitteeseen {EMAIL} kiitos"
MASKED_NOTE = "Asiakas luki kortin card ••••1111 ja hetun [national id], vastaus osoitteeseen [email] kiitos"
# What must never be in the files: each value as typed and as the digits a payload might normalise it to.
RAW = [CARD, CARD.replace(" ", ""), HETU, EMAIL]


def key_of(value: str) -> str:
    [finding] = find_pii(value)
    return finding.key


def outbox(store) -> list[tuple[str, dict]]:
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT kind, payload FROM outbox ORDER BY seq")).all()
    return [(r.kind, json.loads(r.payload)) for r in rows]


def file_bytes(db_path: Path) -> dict[str, bytes]:
    """The database, its WAL and its shared-memory index, as they are on disk now."""
    return {
        suffix or "db": Path(f"{db_path}{suffix}").read_bytes()
        for suffix in ("", "-wal", "-shm")
        if Path(f"{db_path}{suffix}").exists()
    }


def test_capture_masks_the_text_and_records_what_it_masked(store):
    saved = store.capture(NewInsight(text=NOTE, community="payments"))
    assert saved.text == MASKED_NOTE
    assert dict(saved.pii_masked) == {"card": 1, "fi_hetu": 1, "email": 1}
    assert saved.pii_kept == ()
    assert store.get_insight(saved.id) == saved
    assert [i.text for i in store.search("kortin")] == [MASKED_NOTE]


def test_text_without_personal_data_is_saved_exactly(store):
    note = "Tilaus 12345678 maksoi 1 299,00 € ja versio 4.2.1 kaatui 12.3.2024 klo 14.30"
    saved = store.capture(NewInsight(text=note, community="payments"))
    assert (saved.text, saved.pii_masked, saved.pii_kept) == (note, (), ())


def test_kept_items_stay_as_typed_and_are_recorded_the_rest_is_masked(store):
    saved = store.capture(NewInsight(text=NOTE, community="payments"), keep_pii=[key_of(CARD)])
    assert saved.text == MASKED_NOTE.replace("card ••••1111", CARD)
    assert saved.pii_kept == (KeptPii("card", key_of(CARD)),)
    assert dict(saved.pii_masked) == {"fi_hetu": 1, "email": 1}
    assert store.get_insight(saved.id).pii_kept == saved.pii_kept


def test_the_outbox_carries_the_masked_text_and_nothing_local(store):
    saved = store.capture(NewInsight(text=NOTE, community="payments", customer_ref=EMAIL), keep_pii=[key_of(CARD)])
    [(kind, payload)] = outbox(store)
    assert kind == "create" and payload["id"] == saved.id
    assert payload["text"] == saved.text and HETU not in payload["text"] and EMAIL not in payload["text"]
    assert payload["customer_ref"] == "[email]"
    # What was masked stays on this machine; of what was kept, only the keys (kind + hash) travel, so the
    # server's detector leaves those items alone and flags the insight.
    assert set(payload) == {
        "id",
        "text",
        "community",
        "product_area",
        "customer_ref",
        "impact",
        "tags",
        "created_at",
        "pii_kept",
    }
    assert payload["pii_kept"] == [key_of(CARD)] and CARD not in str(payload["pii_kept"])


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("CASE-4711", "CASE-4711"),
        ("52345678", "52345678"),  # a bare CRM case number fits the Danish plan, and stays
        ("612345678", "612345678"),
        (EMAIL, "[email]"),
        ("+358 40 123 4567", "[phone]"),
        ("040 123 4567", "[phone]"),
        ("0045 40 12 34 56", "[phone]"),
        ("40 12 34 56", "[phone]"),
        (f"hetu {HETU}", "hetu [national id]"),
        (CARD, "card ••••1111"),
    ],
)
def test_customer_reference_masks_contacts_and_ids_but_not_case_numbers(store, typed, saved):
    insight = store.capture(NewInsight(text="Soittopyyntö", community="payments", customer_ref=typed))
    assert insight.customer_ref == saved
    assert bool(insight.pii_masked) == (typed != saved)


def test_a_customer_reference_item_can_be_kept_too(store):
    insight = store.capture(
        NewInsight(text="Soittopyyntö", community="payments", customer_ref=EMAIL), keep_pii=[key_of(EMAIL)]
    )
    assert insight.customer_ref == EMAIL and insight.pii_kept == (KeptPii("email", key_of(EMAIL)),)


def test_an_edit_is_masked_keeps_earlier_choices_and_adds_to_the_counts(store):
    saved = store.capture(NewInsight(text=f"Kortti {CARD}", community="payments"), keep_pii=[key_of(CARD)])
    store.edit_insight(saved.id, text=f"Kortti {CARD}, sähköposti {EMAIL}, hetu {HETU}")
    edited = store.get_insight(saved.id)
    assert edited.text == f"Kortti {CARD}, sähköposti [email], hetu [national id]"
    assert edited.pii_kept == (KeptPii("card", key_of(CARD)),)
    assert dict(edited.pii_masked) == {"email": 1, "fi_hetu": 1}
    (_, _create), (kind, edit) = outbox(store)
    assert kind == "edit" and edit["changes"] == {"text": edited.text}
    assert "pii_kept" not in json.dumps(edit) and EMAIL not in json.dumps(edit)

    store.edit_insight(saved.id, text=f"Sähköposti {EMAIL}", keep_pii=[key_of(EMAIL)])
    again = store.get_insight(saved.id)
    # The card is no longer in the text, so it is no longer listed as kept; the e-mail now is.
    assert again.text == f"Sähköposti {EMAIL}" and again.pii_kept == (KeptPii("email", key_of(EMAIL)),)
    assert dict(again.pii_masked) == {"email": 1, "fi_hetu": 1}


def test_an_edit_of_other_fields_leaves_the_record_alone(store):
    saved = store.capture(NewInsight(text=NOTE, community="payments"))
    store.edit_insight(saved.id, impact="high", customer_ref=EMAIL)
    edited = store.get_insight(saved.id)
    assert (edited.text, edited.customer_ref, edited.impact.value) == (MASKED_NOTE, "[email]", "high")
    assert dict(edited.pii_masked) == {"card": 1, "fi_hetu": 1, "email": 2}


def test_a_reply_is_masked_before_it_is_queued(store):
    saved = store.capture(NewInsight(text="Kortin raja", community="payments"))
    reply = store.add_reply(saved.id, f"Soita numeroon +358 40 123 4567 tai kirjoita {EMAIL}")
    assert reply.body == "Soita numeroon [phone] tai kirjoita [email]"
    assert store.thread(saved.id)[0].body == reply.body
    kind, payload = outbox(store)[-1]
    assert kind == "reply" and payload["body"] == reply.body


def test_masking_cannot_push_a_text_past_the_limit(store):
    # "[national id]" is two characters longer than a hetu: a note at the limit would grow past it.
    note = "x" * (MAX_TEXT_CHARS - len(HETU) - 1) + " " + HETU
    assert len(note) == MAX_TEXT_CHARS
    with pytest.raises(InvalidInput, match="once personal data is masked"):
        store.capture(NewInsight(text=note, community="payments"))
    assert store.count_insights() == 0


def test_raw_values_never_reach_the_database_files(store):
    saved = store.capture(NewInsight(text=NOTE, community="payments", customer_ref=EMAIL))
    store.edit_insight(saved.id, text=f"Uusi kortti {CARD} ja hetu {HETU}")
    store.add_reply(saved.id, f"Kortti {CARD}, {EMAIL}")
    # A control: a value the rep kept is in the files, so the scan below can see what it looks for.
    store.capture(
        NewInsight(text="Kortti 5555 5555 5555 4444", community="payments"), keep_pii=[key_of("5555 5555 5555 4444")]
    )

    while_open = file_bytes(store.db_path)
    assert any(b"5555 5555 5555 4444" in data for data in while_open.values())
    assert while_open.get("-wal"), "the writes should still be in the WAL while the store is open"
    store.close()  # the last connection checkpoints the WAL into the database file
    after_close = file_bytes(store.db_path)
    assert b"5555 5555 5555 4444" in after_close["db"]

    for stage, files in (("open", while_open), ("closed", after_close)):
        for name, data in files.items():
            for raw in RAW:
                assert raw.encode() not in data, f"{raw!r} found in {name} ({stage})"
