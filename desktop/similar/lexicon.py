"""The duplicate hints' cross-language lexicon (similarity/lexicon.py), opened once from the app's own files.

On by default; PALAUTE_HINTS_LEXICON=0 turns it off (the benchmark measures hints with and without it).
A missing or unreadable lexicon leaves hints to words alone, with a warning in the log.
"""

from __future__ import annotations

import os

from desktop.similar.loading import LoadedOnce
from similarity.lexicon import Lexicon, open_lexicon

LEXICON_DIR = "hints-lexicon"
ENABLED = os.environ.get("PALAUTE_HINTS_LEXICON", "1") != "0"
_opened = LoadedOnce(open_lexicon, LEXICON_DIR, "lexicon")


def lexicon() -> Lexicon | None:
    return _opened() if ENABLED else None
