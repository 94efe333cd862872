"""Stems bring inflections together in English, Finnish, Swedish and Spanish, diacritics folded."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.similar import analyze_words, index_text, text_words, word_stems
from desktop.store.similar import sql_stems


@pytest.mark.parametrize(
    "forms",
    [
        ("payments", "payment"),
        ("accounts", "account"),
        ("maksut", "maksu", "maksun", "maksua"),
        ("laskun", "lasku", "laskut"),
        ("betalningar", "betalning", "betalningen"),
        ("fakturan", "faktura", "fakturor"),
        ("pagos", "pago"),
        ("tarjetas", "tarjeta"),
    ],
)
def test_inflections_of_a_word_share_a_stem(forms):
    stems = [word_stems(w) for w in forms]
    assert frozenset.intersection(*stems), stems


@pytest.mark.parametrize("one, other", [("payment", "pago"), ("lasku", "faktura"), ("kortti", "card")])
def test_different_words_do_not_share_a_stem(one, other):
    assert word_stems(one).isdisjoint(word_stems(other))


def test_diacritics_are_folded_after_stemming():
    # The Finnish stemmer needs the ä to recognise the case ending; the index then folds it.
    assert word_stems("päivän") & word_stems("päivä") == {"paiva"}
    assert word_stems("säästötilin") & word_stems("saastotilin")  # typed without the dots
    assert word_stems("página") & word_stems("paginas")
    assert all(stem.isascii() for stem in word_stems("överföringen"))


def test_words_are_case_folded_distinct_and_split_like_the_index():
    assert text_words("IBAN iban Iban-kenttä foo_bar") == ["iban", "kenttä", "foo", "bar"]


def test_decomposed_text_gives_the_same_words():
    typed = "Página de pagos: sähköposti ei toimi"
    assert text_words(unicodedata.normalize("NFD", typed)) == text_words(typed)
    assert index_text(unicodedata.normalize("NFD", typed)) == index_text(typed)


def test_index_text_keeps_content_stems_only():
    stems = index_text("The customer and the customers: ja och que").split()
    assert "the" not in stems and "ja" not in stems and "que" not in stems
    assert "custom" in stems and len(stems) == len(set(stems))


@pytest.mark.parametrize("odd", [None, 42, b"bytes", "", "   ", "\x00\ud800", "a" * 100_000, "x " * 50_000])
def test_the_sql_function_never_raises(odd):
    # It runs inside every capture's transaction: an exception would lose the capture.
    assert isinstance(sql_stems(odd), str)


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("sähköposti", "sähköpostin"),  # the Finnish stemmer leaves "sahkopo" and "sahkopost" apart
        ("osoitteenmuutoksessa", "osoitteenmuutos"),
        ("jumittui", "jumittuu"),
    ],
)
def test_stems_that_differ_only_at_the_end_still_match(typed, stored):
    assert word_stems(typed).isdisjoint(word_stems(stored))  # what the index alone would miss
    assert analyze_words([stored]).has(word_stems(typed))


@pytest.mark.parametrize("typed, stored", [("transit", "transfer"), ("card", "care"), ("lasku", "laskin")])
def test_words_sharing_only_a_start_do_not_match(typed, stored):
    assert not analyze_words([stored]).has(word_stems(typed))
