"""Every window under a real X server at its default size, in English, Finnish, Swedish and Spanish.

The screenshots go to artifacts/screenshots/<language>/ for a person to look at; the test itself fails on
what a person would see wrong: words cut off, a window smaller than its content, English left in another
language's window.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.xvfb.conftest import REPO

pytestmark = pytest.mark.xvfb
LANGUAGES = ("en", "fi", "sv", "es")
WINDOWS = ("capture", "inbox", "settings", "digest", "fallback", "sign-in", "sign-in-sso", "tray-menu", "saved-toast")
# The same in every language: names, the rep's own words, keys and codes.
NOT_WORDS = {
    "Palaute",
    "Payments CoP",
    "Cards CoP",
    "Online banking CoP",
    "Mobile app CoP",
    "Ctrl+Alt+I",
    "Markdown",
    "Status",  # Swedish has the same word
    "https://palaute.example.com",
}


def tour(xsession, language: str, out) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "tests.xvfb.window_tour", language, str(out)],
        env={**xsession.env, "PYTHONPATH": str(REPO)},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def tours(xsession, tmp_path_factory):
    from tests.xvfb.conftest import artifacts_folder

    return {lang: (tour(xsession, lang, artifacts_folder() / lang), artifacts_folder() / lang) for lang in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_window_is_drawn_whole_at_its_default_size(tours, language):
    report, folder = tours[language]
    for window in WINDOWS:
        assert (folder / f"{window}.png").stat().st_size > 2000, window
    assert report["problems"] == []


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_no_english_is_left_in_another_languages_windows(tours, language):
    english, _ = tours["en"]
    report, _ = tours[language]
    left = []
    for window, texts in report["texts"].items():
        same = set(texts) & set(english["texts"][window])
        left += [f"{window}: {text!r}" for text in same if _words(text) - NOT_WORDS]
    assert left == []


def _words(text: str) -> set[str]:
    plain = text.replace("&", "").strip()
    return {plain} if any(ch.isalpha() for ch in plain) else set()
