"""Fixtures for the privacy tests: the two corpora, read once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"


def read_jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="session")
def pii_corpus() -> list[dict]:
    return read_jsonl("pii_corpus.jsonl")


@pytest.fixture(scope="session")
def clean_corpus() -> list[dict]:
    return read_jsonl("clean_corpus.jsonl")
