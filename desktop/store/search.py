"""Turning what a user typed into a safe, ranked SQLite FTS5 query."""

from __future__ import annotations

import re

from desktop.errors import InvalidInput

# FTS5 has its own query language (AND, NEAR, column:, quotes, *). A rep's search box should never hit a
# syntax error, so every word is quoted as a literal phrase; the last word also matches as a prefix, so
# results come while the rep is still typing it.
_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(typed: str) -> str:
    words = _WORD.findall(typed)
    if not words:
        raise InvalidInput("Type a word to search for.")
    parts = [f'"{w}"' for w in words]
    if typed and not typed[-1].isspace():
        parts[-1] += "*"
    return " ".join(parts)
