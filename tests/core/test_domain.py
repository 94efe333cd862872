"""The rules for what text an insight may hold."""

from __future__ import annotations

import pytest

from desktop.domain import MAX_TEXT_CHARS, Draft, Impact, clean_optional, clean_tags, clean_text, parse_impact
from desktop.errors import InvalidInput

UNICODE_CASES = {
    "emoji with joiners and skin tones": "Asiakas oli 😡 → 🙂 kun 👩🏽‍💻 auttoi",
    "right-to-left Arabic with marks": "\u200fالعميل لا يستطيع الدفع\u200e (IBAN)",
    "Hebrew mixed with numbers": "הלקוח ביקש 3 כרטיסים",
    "combining marks (decomposed)": "Cafe\u0301 – pa\u0303o – A\u030angstro\u0308m",
    "Nordic and Spanish letters": "Hyvä ÅÄÖ åäö – año señal ¿qué? ¡sí!",
    "CJK and supplementary planes": "客户 𠜎𠜱𝕏",
    "tabs and newlines kept": "line one\n\tindented line two\n",
    "zero width joiner alone": "a\u200db",
}


@pytest.mark.parametrize("text", UNICODE_CASES.values(), ids=UNICODE_CASES.keys())
def test_unicode_is_kept_exactly(text):
    assert clean_text(text) == text


def test_control_characters_are_dropped_but_newline_and_tab_stay():
    assert clean_text("a\x00b\x07c\r\nd\te\x1b[31m\x7f") == "abc\nd\te[31m"


def test_lone_surrogates_are_dropped():
    assert clean_text("ok\udc80 fine") == "ok fine"


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n", "\x00\x01"])
def test_empty_text_is_refused_in_words(text):
    with pytest.raises(InvalidInput, match="empty"):
        clean_text(text)


def test_text_at_the_limit_is_kept_and_one_more_is_refused_not_truncated():
    exact = "ä" * MAX_TEXT_CHARS
    assert clean_text(exact) == exact
    with pytest.raises(InvalidInput, match="20,001 characters long; the limit is 20,000"):
        clean_text(exact + "x")


def test_optional_fields_are_one_line_and_limited():
    assert clean_optional("  CASE-1\n 2 ", what="ref", limit=100) == "CASE-1 2"
    assert clean_optional("   ", what="ref", limit=100) is None
    with pytest.raises(InvalidInput, match="ref"):
        clean_optional("x" * 101, what="ref", limit=100)


def test_tags_are_trimmed_deduplicated_and_capped():
    assert clean_tags(["#iban", " iban", "app ", ""]) == ("iban", "app")
    with pytest.raises(InvalidInput, match="at most 20 tags"):
        clean_tags([f"t{i}" for i in range(21)])


def test_impact_parsing():
    assert parse_impact(" HIGH ") is Impact.HIGH
    with pytest.raises(InvalidInput, match="low, medium, high, blocker"):
        parse_impact("urgent")


def test_draft_emptiness():
    assert Draft().is_empty()
    assert not Draft(text="x").is_empty()
