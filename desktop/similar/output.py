"""How `palaute similar` prints hints: one line each for people, a JSON list for scripts."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from desktop.domain import Hint
from desktop.language import _, value_word

SNIPPET_CHARS = 70


def hint_record(hint: Hint) -> dict[str, object]:
    """A hint as JSON: what the capture window shows about it, and who is already behind it."""
    insight = hint.insight
    return {
        "id": insight.id,
        "score": hint.score,
        "text": insight.text,
        "community": insight.community,
        "status": insight.status.value,
        "author": insight.author,
        "customers": insight.customers,
    }


def print_hints(hints: list[Hint], *, as_json: bool, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    if as_json:
        json.dump([hint_record(h) for h in hints], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if not hints:
        print(_("No similar insights."), file=out)
        return
    for hint in hints:
        insight = hint.insight
        print(
            f"{hint.score:.2f}  {insight.id}  {insight.community:<16} {value_word(insight.status):<13} "
            f"{_snippet(insight.text)}",
            file=out,
        )


def _snippet(text: str) -> str:
    line = " ".join(text.split())  # one line: the text's own line breaks would break the listing
    return line if len(line) <= SNIPPET_CHARS else line[: SNIPPET_CHARS - 1] + "…"
