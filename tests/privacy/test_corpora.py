"""Recall on checksum-valid identifiers and false alarms on number-heavy insight texts, over the corpora."""

from __future__ import annotations

from privacy import PiiKind, find_pii
from tests.privacy import make_corpora
from tests.privacy.conftest import read_jsonl
from tests.privacy.validators import VALIDATORS

LANGS = {"en", "fi", "sv", "es"}


def test_corpora_are_what_the_documented_seed_generates():
    for name, records in make_corpora.build().items():
        assert read_jsonl(name) == records, f"{name} is stale: run python tests/privacy/make_corpora.py"


def test_pii_corpus_holds_only_valid_identifiers(pii_corpus):
    for record in pii_corpus:
        for item in record["expected"]:
            assert record["text"][item["start"] : item["end"]] == item["value"]
            assert VALIDATORS[item["kind"]](item["value"]), item


def test_pii_corpus_covers_every_kind_in_every_language(pii_corpus):
    seen = {(record["lang"], item["kind"]) for record in pii_corpus for item in record["expected"]}
    assert seen == {(lang, kind.value) for lang in LANGS for kind in PiiKind}


def test_recall_is_total(pii_corpus):
    missed = []
    total = 0
    for record in pii_corpus:
        findings = find_pii(record["text"])
        for item in record["expected"]:
            total += 1
            same_span = [f for f in findings if (f.start, f.end) == (item["start"], item["end"])]
            # A CPR whose digits also make a valid hetu is reported as a hetu: both are national ids,
            # masked alike. Accept another kind only when the value really is valid as that kind too.
            if not same_span or not (same_span[0].kind == item["kind"] or VALIDATORS[same_span[0].kind](item["value"])):
                missed.append((item["kind"], item["value"], record["text"]))
    print(f"\nprivacy recall: {total - len(missed)}/{total} = {(total - len(missed)) / total:.1%}")
    assert not missed


def test_findings_in_pii_corpus_are_only_the_planted_ones(pii_corpus):
    # The running text around each identifier is full of order numbers, amounts and dates too.
    extra = []
    for record in pii_corpus:
        spans = {(item["start"], item["end"]) for item in record["expected"]}
        extra += [(f.kind, f.value) for f in find_pii(record["text"]) if (f.start, f.end) not in spans]
    assert not extra


def test_false_positive_rate_is_under_two_percent(clean_corpus):
    assert len(clean_corpus) >= 300
    assert {record["lang"] for record in clean_corpus} == LANGS
    flagged = [(record["text"], find_pii(record["text"])) for record in clean_corpus]
    flagged = [(text, findings) for text, findings in flagged if findings]
    rate = len(flagged) / len(clean_corpus)
    print(f"\nprivacy false-positive rate: {len(flagged)}/{len(clean_corpus)} texts = {rate:.2%}")
    for text, findings in flagged:
        print(f"  flagged {[(f.kind.value, f.value) for f in findings]} in: {text}")
    assert rate < 0.02
