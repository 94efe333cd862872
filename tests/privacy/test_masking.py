"""mask_pii: replacements, keeping items by key, and the text between findings left untouched."""

from __future__ import annotations

from privacy import find_pii, mask_pii

TEXT = (
    "Asiakas 131052-308T soitti numerosta 040 123 4567, kortti 4000 0000 0008 1234 ei käy, "
    "tili FI21 1234 5600 0007 85, sähköposti matti@example.fi. Tilaus 12345, 1 299,00 €."
)


def test_every_kind_has_its_replacement():
    result = mask_pii(TEXT)
    assert result.text == (
        "Asiakas [national id] soitti numerosta [phone], kortti card ••••1234 ei käy, "
        "tili [IBAN ••••0785], sähköposti [email]. Tilaus 12345, 1 299,00 €."
    )
    assert [f.value for f in result.masked] == [f.value for f in find_pii(TEXT)]
    assert result.kept == []


def test_kept_items_stay_as_typed_and_others_are_masked():
    findings = find_pii(TEXT)
    card = next(f for f in findings if f.kind == "card")
    email = next(f for f in findings if f.kind == "email")
    result = mask_pii(TEXT, keep=[card.key, email.key])
    assert "4000 0000 0008 1234" in result.text and "matti@example.fi" in result.text
    assert "131052-308T" not in result.text and "040 123 4567" not in result.text
    assert result.kept == [card, email]
    assert card not in result.masked and len(result.masked) == len(findings) - 2


def test_keep_matches_the_same_number_typed_another_way():
    key = find_pii("+358 40 123 4567")[0].key
    result = mask_pii("call 040 123 4567 or 050 765 4321", keep={key})
    assert result.text == "call 040 123 4567 or [phone]"


def test_unknown_keys_change_nothing():
    assert mask_pii(TEXT, keep=["card:0000000000000000"]).text == mask_pii(TEXT).text


def test_masking_is_stable_when_run_again():
    once = mask_pii(TEXT).text
    again = mask_pii(once)
    assert again.text == once and again.masked == []


def test_text_without_personal_data_is_returned_unchanged():
    text = "Versio 2.14.3 kaatuu 12.3.2024 klo 14.30, tilaus #48213 (1 299,00 €)."
    result = mask_pii(text)
    assert result.text == text and result.masked == [] and result.kept == []


def test_a_kind_named_just_before_the_value_is_not_repeated():
    assert mask_pii("card 4111 1111 1111 1111").text == "card ••••1111"
    assert mask_pii("Card: 4111 1111 1111 1111 declined").text == "Card: ••••1111 declined"
    assert mask_pii("IBAN FI21 1234 5600 0007 85").text == "IBAN ••••0785"
    # Not named just before: the replacement says what it was.
    assert mask_pii("paid with 4111 1111 1111 1111").text == "paid with card ••••1111"
    assert mask_pii("a card was 4111 1111 1111 1111").text == "a card was card ••••1111"
