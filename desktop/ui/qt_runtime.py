"""Loads Qt for the app, without the binding's per-import source scan (a feature Palaute does not use)."""

from __future__ import annotations

import builtins


def load_qt() -> bool:
    """Import QtCore and switch off shiboken's import hook; True when the hook was on and is now off.

    Importing PySide6 replaces `builtins.__import__` with a hook that, for every module imported afterwards,
    reads the module's whole source (`inspect.getsource`, kept in `linecache`) to see whether it mentions
    "PySide6". It exists only for `from __feature__ import snake_case/true_property`, which Palaute never uses;
    modules it has not seen keep the default (no feature). Measured here it held ~10 MiB of source text in
    the idle app and cost ~0.1 s of CPU at start. The original import stays in `builtins.__orig_import__`.
    """
    import PySide6.QtCore  # noqa: F401  (loading the binding installs the hook)

    original = getattr(builtins, "__orig_import__", None)
    if original is None or builtins.__import__ is original:
        return False
    builtins.__import__ = original
    return True
