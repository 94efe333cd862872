"""Every error the core builds for the user goes through the catalogue: no PalauteError is made from an English
literal (the CLI and the windows both show `user_message`, in the language the rep chose)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
TRANSLATORS = {"_", "n_"}


def core_files() -> list[Path]:
    return [p for p in sorted(DESKTOP.rglob("*.py")) if "ui" not in p.relative_to(DESKTOP).parts]


def error_classes(trees: list[ast.Module]) -> set[str]:
    """PalauteError and every class deriving from it, however deep, by name."""
    found = {"PalauteError"}
    parents = [(n.name, {_name(b) for b in n.bases}) for t in trees for n in ast.walk(t) if isinstance(n, ast.ClassDef)]
    while True:
        more = {name for name, bases in parents if bases & found} - found
        if not more:
            return found
        found |= more


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def english_literals(node: ast.expr) -> list[str]:
    """The words in `node` that reach the user untranslated: string literals (or f-string parts) with letters,
    outside a call (a call is `_()`, `.format()` of one, or a helper that returns translated words)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if any(c.isalpha() for c in node.value) else []
    if isinstance(node, ast.JoinedStr):
        return [w for part in node.values for w in english_literals(part)]
    if isinstance(node, ast.BinOp):
        return english_literals(node.left) + english_literals(node.right)
    if isinstance(node, ast.BoolOp):
        return [w for value in node.values for w in english_literals(value)]
    if isinstance(node, ast.IfExp):
        return english_literals(node.body) + english_literals(node.orelse)
    return []


def test_no_error_of_the_core_is_built_from_an_english_literal():
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in core_files()}
    errors = error_classes(list(trees.values()))
    assert {"InvalidInput", "StoreLocked", "HotkeyTaken", "AutostartError", "Offline", "ServerBusy"} <= errors
    untranslated = []
    checked = 0
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _name(node.func) in errors):
                continue
            message = (
                node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "user_message"), None)
            )
            if message is None:
                continue
            checked += 1
            words = english_literals(message)
            if words:
                untranslated.append(f"{path.relative_to(DESKTOP.parent)}:{node.lineno}: {words[0]!r}")
    assert checked > 80  # the walk found the core's errors
    assert untranslated == []


def test_the_check_finds_an_english_message():
    """The check itself: an f-string, a plain literal and a fallback after `or` are caught; `_()` is not."""
    code = (
        "raise InvalidInput(f'{what} is empty.')\n"
        "raise NotFound('There is none.')\n"
        "raise Refused(message or f'Refused (HTTP {status}).', status, code)\n"
        "raise InvalidInput(_('{what} is empty.').format(what=what))\n"
    )
    calls = [
        n
        for n in ast.walk(ast.parse(code))
        if isinstance(n, ast.Call) and _name(n.func) in {"InvalidInput", "NotFound", "Refused"}
    ]
    assert [bool(english_literals(c.args[0])) for c in calls] == [True, True, True, False]


def test_the_windows_get_the_core_message_in_the_chosen_language(store):
    """The app calls desktop.language.use() with the Settings language; a window shows `user_message` as is."""
    from desktop.domain import NewInsight, clean_text
    from desktop.errors import InvalidInput
    from desktop.language import use

    use("sv")
    try:
        with pytest.raises(InvalidInput) as empty:
            store.capture(NewInsight(text="   ", community="payments"))
        with pytest.raises(InvalidInput) as unknown:
            store.capture(NewInsight(text="Kunden vill ha Apple Pay", community="nope"))
        use("fi")
        with pytest.raises(InvalidInput) as long:
            clean_text("x" * 20_001)
    finally:
        use("en")
    assert empty.value.user_message == "Insikten är tom. Skriv vad kunden sa och spara sedan."
    assert unknown.value.user_message.startswith("Det finns ingen gemenskap som heter ”nope”.")
    # Finnish groups thousands with a (no-break) space: 20 001, not 20,001
    assert long.value.user_message.startswith("Havainto on 20\xa0001 merkkiä pitkä; raja on 20\xa0000.")


@pytest.mark.parametrize("language", ["fi", "sv", "es"])
def test_every_single_sign_on_refusal_is_worded_in_the_chosen_language(language):
    """The reasons of a refused refresh (docs/protocol.md) each have their own translated sentence."""
    from desktop.language import use
    from desktop.sync.client import _refusal_text

    reasons = ("sso_no_access", "sso_ended", "sso_off", None)
    english = [_refusal_text(r) for r in reasons]
    use(language)
    try:
        words = [_refusal_text(r) for r in reasons]
    finally:
        use("en")
    assert len(set(english)) == len(reasons)
    assert all(w != e for w, e in zip(words, english, strict=True))
