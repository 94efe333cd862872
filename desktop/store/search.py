"""Turning what a user typed into a safe, ranked SQLite FTS5 query."""

from __future__ import annotations

import re

from desktop.errors import InvalidInput
from desktop.language import _

# FTS5 has its own query language (AND, NEAR, column:, quotes, *). A rep's search box should never hit a
# syntax error, so every word is quoted as a literal phrase. With `prefix` (search-as-you-type) the last
# word also matches as the start of a word; it is off for whole searches because a prefix of a common word
# merges many index entries and costs ten times more.
_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(typed: str, *, prefix: bool = False) -> str:
    words = _WORD.findall(typed)
    if not words:
        raise InvalidInput(_("Type a word to search for."))
    parts = [f'"{w}"' for w in words]
    if prefix and not typed[-1].isspace():
        parts[-1] += "*"
    return " ".join(parts)
