"""Fixtures for the privacy tests: the corpora (read once per session), a real store and the real CLI."""

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


@pytest.fixture
def store(data_dir):
    """A real store in the test's own data folder (tests/conftest.py gives each test one)."""
    from desktop.paths import AppPaths
    from desktop.store import open_store

    store = open_store(AppPaths.resolve(data_dir))
    yield store
    store.close()


@pytest.fixture
def cli(data_dir):
    """Run the real `palaute` command in a child process, as tests/core does."""
    from tests.core.conftest import run_cli

    def _run(*args: str, **kwargs):
        return run_cli(*args, data_dir=data_dir, **kwargs)

    return _run
