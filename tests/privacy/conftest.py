"""Fixtures for the privacy tests: the corpora (generated and hand-written), read once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"


def read_jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="session")
def pii_corpus() -> list[dict]:
    """Generated texts (make_corpora.py) plus notes written by hand in a rep's own phrasing."""
    return read_jsonl("pii_corpus.jsonl") + read_jsonl("pii_notes_handwritten.jsonl")


@pytest.fixture(scope="session")
def clean_corpus() -> list[dict]:
    return read_jsonl("clean_corpus.jsonl") + read_jsonl("clean_notes_handwritten.jsonl")
