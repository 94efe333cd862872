"""The command line in Finnish, Swedish and Spanish: argparse's own words, our help texts and the core's errors
(real `palaute` child processes), and catalogues with every message translated and compiled."""

from __future__ import annotations

import gettext
import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from desktop.language import DOMAIN
from desktop.paths import resources_dir
from tests.core.conftest import run_cli

LANGUAGES = ("fi", "sv", "es")
LOCALES = {"fi": "fi_FI.UTF-8", "sv": "sv_SE.UTF-8", "es": "es_ES.UTF-8"}
CLI_FOLDER = resources_dir() / "translations" / "cli"
# Placeholders translators must keep as they are: {name} for ours, %(name)s / %s / %r for argparse's.
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)[sdr]|%[sdr]")


def catalog(language: str) -> Catalog:
    with (CLI_FOLDER / f"{language}.po").open("rb") as f:
        return read_po(f, locale=language)


def translator(language: str) -> gettext.GNUTranslations:
    return gettext.translation(DOMAIN, str(CLI_FOLDER), languages=[language])


def palaute(language: str, *args: str, data_dir, stdin: str | None = None):
    """`palaute ARGS` in a terminal whose locale is `language` (and nothing else set to override it)."""
    env = {"LANG": LOCALES[language], "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    return run_cli(*args, data_dir=data_dir, env=env, stdin=stdin)


def english_left(text: str, language: str) -> list[str]:
    """Every English sentence of the catalogue (the fixed words between its placeholders, when long enough to be a
    phrase) found in `text`, unless the translation uses the same words (Spanish "error", Swedish "argument")."""
    found = []
    for message in catalog(language):
        if not message.id or message.pluralizable:
            continue
        for fragment in PLACEHOLDER.split(message.id):
            fragment = fragment.strip(" :.;\n")
            if len(fragment) >= 8 and fragment in text and fragment not in message.string:
                found.append(fragment)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_help_speaks_the_language_throughout(language, data_dir):
    result = palaute(language, "--help", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    t = translator(language)
    for english in ("usage: ", "positional arguments", "options", "show this help message and exit"):
        assert t.gettext(english) != english and t.gettext(english).strip() in out
    for english in ("usage:", "positional arguments:", "options:", "show this help message and exit"):
        assert english not in out
    assert t.gettext("keep all data in DIR (also: $PALAUTE_DATA_DIR)") in out  # our own options too
    assert "COMMAND" not in out and t.gettext("COMMAND") in out  # and the placeholders of the usage line
    assert english_left(out, language) == [], out


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_usage_error_speaks_the_language(language, data_dir):
    result = palaute(language, "login", data_dir=data_dir)
    assert result.returncode == 2
    t = translator(language)
    required = t.gettext("the following arguments are required: %s") % "--server"  # --user, or --sso
    assert required in result.stderr
    assert "the following arguments are required" not in result.stderr and "usage:" not in result.stderr
    assert english_left(result.stderr, language) == [], result.stderr

    result = palaute(language, "capture", "--limit", data_dir=data_dir)
    assert result.returncode == 2
    assert t.gettext("unrecognized arguments: %s") % "--limit" in result.stderr
    assert english_left(result.stderr, language) == [], result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_invalid_input_speaks_the_language(language, data_dir):
    result = palaute(language, "capture", "   ", "-c", "payments", data_dir=data_dir)
    assert result.returncode == 2
    english = "The insight is empty. Type what the customer said, then save."
    assert translator(language).gettext(english) in result.stderr
    assert "The insight is empty" not in result.stderr
    assert english_left(result.stderr, language) == [], result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_store_error_speaks_the_language(language, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    data_dir = blocker / "palaute"  # the data folder cannot be created under a file, even by root
    result = palaute(language, "list", data_dir=data_dir)
    assert result.returncode == 3, result.stderr
    english = (
        "Palaute cannot create its data folder {folder} ({reason}). "
        "Start it with --data-dir pointing to a folder you can write."
    )
    words = translator(language).gettext(english)
    assert words != english and words.split("{folder}")[0] in result.stderr
    assert "Palaute cannot create its data folder" not in result.stderr
    assert english_left(result.stderr, language) == [], result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_with_its_placeholders(language):
    problems = []
    for message in catalog(language):
        if not message.id:
            continue
        ids = message.id if message.pluralizable else (message.id,)
        strings = message.string if message.pluralizable else (message.string,)
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        if not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
        for string in strings:
            if string and sorted(PLACEHOLDER.findall(string)) != wanted:
                problems.append(f"placeholders differ: {ids[0]!r} -> {string!r}")
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_the_po_file(language):
    def plain(messages: Catalog) -> dict:
        return {_key(m.id): _key(m.string) for m in messages if m.id}

    with (CLI_FOLDER / language / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as f:
        compiled = plain(read_mo(f))
    source = plain(catalog(language))
    assert compiled == source, "run resources/build.py to compile the .po files"


def _key(value: str | list | tuple) -> str | tuple:
    return value if isinstance(value, str) else tuple(value)


def test_the_catalogues_hold_every_message_of_the_sources():
    """resources/build.py --update-ts extracts these; a message added without re-extracting would stay English."""
    import argparse
    import importlib.util

    from babel.messages.extract import extract_from_file

    spec = importlib.util.spec_from_file_location("build", resources_dir() / "build.py")
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    root = resources_dir().parent
    wanted = {
        m for s in build.cli_sources() for _l, m, _c, _x in extract_from_file("python", root / s, build.CLI_KEYWORDS)
    }
    wanted |= {m for _l, m, _c, _x in extract_from_file("python", argparse.__file__, build.ARGPARSE_KEYWORDS)}
    assert "The insight is empty. Type what the customer said, then save." in wanted  # the core's errors count
    for language in LANGUAGES:
        known = {m.id for m in catalog(language)}
        missing = [m if isinstance(m, str) else m[0] for m in wanted if m not in known]
        assert missing == [], f"{language}: run resources/build.py --update-ts"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_listing_names_impact_and_status_in_the_language(language, data_dir):
    saved = palaute(language, "capture", "Asiakas haluaa Apple Payn", "-c", "payments", "-i", "high", data_dir=data_dir)
    assert saved.returncode == 0, saved.stderr
    listed = palaute(language, "list", data_dir=data_dir)
    assert listed.returncode == 0, listed.stderr
    t = translator(language)
    row = listed.stdout.splitlines()[0]
    assert f" {t.gettext('high')} " in row and f" {t.gettext('new')} " in row
    assert " high " not in row and " new " not in row
