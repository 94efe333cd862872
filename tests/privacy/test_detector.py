"""find_pii on hand-picked texts: each kind found, look-alike business numbers left alone."""

from __future__ import annotations

import itertools
import random

import pytest

from privacy import Finding, PiiKind, find_pii, mask_pii, warm_up


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind.value, f.value) for f in find_pii(text)]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("kortti 4111 1111 1111 1111 exp 12/27", "card", "4111 1111 1111 1111"),
        ("card 5500-0000-0000-0004 please", "card", "5500-0000-0000-0004"),
        ("amex 3782 822463 10005.", "card", "3782 822463 10005"),
        ("tili FI21 1234 5600 0007 85 ja", "iban", "FI21 1234 5600 0007 85"),
        ("cuenta ES91 2100 0418 4502 0005 1332 para pago", "iban", "ES91 2100 0418 4502 0005 1332"),
        ("konto se4550000000058398257466", "iban", "se4550000000058398257466"),
        ("hetu 131052-308T.", "fi_hetu", "131052-308T"),
        ("syntynyt 2000-luvulla: 010101A123N", "fi_hetu", "010101A123N"),
        ("pnr 880320-0016", "se_personnummer", "880320-0016"),
        ("pnr 198803200016", "se_personnummer", "198803200016"),
        ("samordningsnummer 701063-2391", "se_samordningsnummer", "701063-2391"),
        ("fnr 151086 95088", "no_fodselsnummer", "151086 95088"),
        ("CPR 211062-5629", "dk_cpr", "211062-5629"),
        ("DNI 12.345.678-Z", "es_dni", "12.345.678-Z"),
        ("NIE X-2482300-W", "es_nie", "X-2482300-W"),
        ("mail Anna.Lund+crm@bolag.se.", "email", "Anna.Lund+crm@bolag.se"),
        ("soita 040 123 4567", "phone", "040 123 4567"),
        ("ring 070-123 45 67", "phone", "070-123 45 67"),
        ("Tel +47 412 34 567.", "phone", "+47 412 34 567"),
        ("móvil 0034 612 345 678", "phone", "0034 612 345 678"),
    ],
)
def test_each_kind_is_found(text, kind, value):
    assert (kind, value) in kinds(text)


def test_a_spanish_phone_in_parentheses_is_found_whole():
    assert kinds("número (612 34 56 78) hoy") == [("phone", "612 34 56 78")]


@pytest.mark.parametrize(
    "text",
    [
        "Tilaus 4111111111111111 toimitettu",  # Luhn-valid, but named an order number
        "ref. 4111 1111 1111 1111",
        "invoice #41234567 paid",
        "Order 120324-0042 shipped",  # a valid DDMMYY date and four digits, as a CPR would be
        "Maksettu 1 299,00 € 12.3.2024 klo 14.30",
        "Betalt 12 500 000 kr den 2024-03-12 kl. 09.15",
        "Pagado 1.299,00 € el 12/03/2024 a las 14:30",
        "Paid $1,299.00 on March 12, 2024 at 2:30 pm",
        "Version 2.14.3 and build 20240312 fixed it",
        "Meeting on 20240312 at 14:00",
        "Delivered 27-04-2026, 45 % faster",
        "IMEI 490154203237518 drops calls",  # Luhn like a card, named as what it is
        "EAN 4006381333931 missing",
        "Reference RF18 5390 0754 7034 paid",
        "viitenumero 12345 67890 12344",
        "12345678 a las 10",  # Spanish prose, not a DNI with a lowercase letter
        "server 10.12.144.201 answered in 312 ms",
        "steps 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9",  # Luhn-valid runs of single digits
        "Y-tunnus 2345678-1, toinen yritys 0112038-9 (Oy)",  # Finnish business ids fit phone plans
        "orgnr 556677-8899",
    ],
)
def test_business_numbers_are_not_flagged(text):
    assert kinds(text) == []


def test_findings_are_sorted_non_overlapping_and_slice_the_text():
    text = "A 040 123 4567, B matti@example.fi, C FI21 1234 5600 0007 85, D 131052-308T, E 4111111111111111"
    findings = find_pii(text)
    assert [f.kind for f in findings] == [PiiKind.PHONE, PiiKind.EMAIL, PiiKind.IBAN, PiiKind.FI_HETU, PiiKind.CARD]
    for before, after in itertools.pairwise(findings):
        assert before.end <= after.start
    assert all(text[f.start : f.end] == f.value for f in findings)


def test_digits_inside_an_email_are_not_a_phone_number():
    assert kinds("write to jukka0401234567@example.fi") == [("email", "jukka0401234567@example.fi")]


def test_a_personal_word_beats_a_business_word_further_back():
    assert kinds("Order 12, phone 41234567") == [("phone", "41234567")]


def test_finding_is_frozen_and_keyed_without_the_value():
    finding = find_pii("card 4111 1111 1111 1111")[0]
    assert isinstance(finding, Finding)
    with pytest.raises(AttributeError):
        finding.start = 0  # type: ignore[misc]
    assert finding.key.startswith("card:") and "4111" not in finding.key


def test_same_identifier_typed_differently_has_one_key():
    spaced, plain = find_pii("4111 1111 1111 1111 / 4111111111111111")
    assert spaced.key == plain.key
    assert find_pii("+358 40 123 4567")[0].key == find_pii("040 123 4567")[0].key
    assert find_pii("Matti@Example.fi")[0].key == find_pii("matti@example.fi")[0].key


def test_empty_and_number_free_texts():
    assert find_pii("") == []
    assert find_pii("Asiakas toivoo tummaa teemaa.") == []


def test_several_emails_in_one_text_are_all_found():
    text = "cc matti@example.fi, y@z.fi and (Anna.Lund+crm@bolag.se); not a@b or foo@@bar.com"
    assert [v for _, v in kinds(text)] == ["matti@example.fi", "y@z.fi", "Anna.Lund+crm@bolag.se"]


def test_a_phone_number_after_an_order_number_is_still_found():
    assert kinds("Tilaus 12345 040 123 4567") == [("phone", "040 123 4567")]
    assert kinds("order #4412 +46 70 123 45 67") == [("phone", "+46 70 123 45 67")]
    assert kinds("viitenumero 12345 67890 12344") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Asiakkaan numero on 0401234567", "0401234567"),
        ("Ring mig på 0701234567", "0701234567"),
        ("Llámame al 612345678", "612345678"),
        ("Puh: +358401234567", "+358401234567"),
        ("tlf. 20 12 34 56", "20 12 34 56"),
        ("Para facturación: número (+4740680500)", "+4740680500"),
    ],
)
def test_phone_numbers_typed_the_way_reps_type_them(text, value):
    assert kinds(text) == [("phone", value)]


def test_random_number_soup_never_breaks_the_invariants():
    # Digits, separators and the letters ids use, thrown together: no exception, and every finding
    # slices the text, lies inside it and does not overlap the next.
    rng = random.Random(7)
    alphabet = "0123456789 -+.,:/()#@XYZABCFTWfi€%\n"
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        findings = find_pii(text)
        assert all(0 <= f.start < f.end <= len(text) and text[f.start : f.end] == f.value for f in findings)
        assert all(a.end <= b.start for a, b in itertools.pairwise(findings))
        assert mask_pii(text).masked == findings


def test_warm_up_runs():
    warm_up()


def test_units_after_a_number_are_words_not_prefixes():
    # "e" after a number is Finnish for euro, but "e-mail" after a phone number is not an amount.
    assert kinds("puh 040 123 4567 e-mail matti@example.fi") == [
        ("phone", "040 123 4567"),
        ("email", "matti@example.fi"),
    ]
    assert kinds("hinta 4012345 e") == []


def test_detected_ahead_answers_inside_its_block_exactly_as_detecting_would():
    from privacy import detector

    texts = ["kortti 4111 1111 1111 1111, soita 040 123 4567", "nothing here", "j.smith@example.com"]
    expected = [find_pii(t) for t in texts]
    calls = []
    real = detector._detect
    with detector.detected_ahead(texts):
        detector._detect = lambda text: calls.append(text) or real(text)
        try:
            assert [find_pii(t) for t in texts] == expected
            found = find_pii(texts[0])
            found.clear()  # a caller changing its list does not change what the next caller gets
            assert find_pii(texts[0]) == expected[0]
            assert calls == []  # all answered from what was detected ahead
            assert find_pii("not detected ahead: 040 123 4567") != []
            assert calls == ["not detected ahead: 040 123 4567"]
        finally:
            detector._detect = real
    assert detector._AHEAD.get() is None  # nothing kept after the block
