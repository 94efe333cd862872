"""The weekly community digest's week rule and its Markdown form, shared by the server and the desktop.

Pure Python: imports only `protocol.schema` and the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from protocol import schema

_WEEK = re.compile(schema.ISO_WEEK_PATTERN)
SNIPPET_CHARS = 140  # a digest line is a reminder, the full text is one click away
# Characters that mean something anywhere in a Markdown line (emphasis, code, links, HTML, entities,
# tables); CommonMark lets any ASCII punctuation be backslash-escaped. Others only matter at a line start.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_BULLET_START = re.compile(r"^([-+=])")
_NUMBER_START = re.compile(r"^(\d+)([.)])")


class WeekError(ValueError):
    """A week that is not of the form 2026-W47, or that does not exist (e.g. 2026-W54)."""


class NoSuchWeek(WeekError):
    """A week of the right form that the calendar lacks: week 53 of a year with 52 weeks."""


def week_bounds(week: str) -> tuple[datetime, datetime]:
    """An ISO week such as "2026-W47" as [Monday 00:00 UTC, next Monday 00:00 UTC)."""
    match = _WEEK.fullmatch(week.strip()) if isinstance(week, str) else None
    if match is None:
        raise WeekError(f"week must look like 2026-W47 (ISO year 1971..9998, W, week 01..53), got {week!r}")
    year, number = int(match[1]), int(match[2])
    try:
        monday = date.fromisocalendar(year, number, 1)
    except ValueError:
        raise NoSuchWeek(f"{week} does not exist: ISO year {year} has no week {number}") from None
    start = datetime(monday.year, monday.month, monday.day, tzinfo=UTC)
    return start, start + timedelta(days=7)


def week_of(moment: datetime) -> str:
    """The ISO week (in UTC) a moment falls in, e.g. "2026-W47"; a naive datetime is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    year, number, _ = moment.astimezone(UTC).isocalendar()
    return f"{year}-W{number:02d}"


def shift_week(week: str, weeks: int) -> str:
    """The week `weeks` before (negative) or after (positive) `week`."""
    start, _ = week_bounds(week)
    return week_of(start + timedelta(weeks=weeks))


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The first non-empty line of a text, with spaces collapsed, shortened to `limit` characters."""
    line = next((ln for ln in text.splitlines() if ln.strip()), "")
    flat = " ".join(line.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def escape(text: str) -> str:
    """User text as literal Markdown: special characters backslash-escaped, kept on one line."""
    flat = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    # "- 1. x" or "- - x" would start a nested list: escape a list marker at the start of the text.
    return _NUMBER_START.sub(r"\1\\\2", _BULLET_START.sub(r"\\\1", flat))


@dataclass(frozen=True)
class Words:
    """How the Markdown digest speaks: English unless a caller passes its language's (the desktop's command line).

    `_(text)` translates a fixed text, `n_(singular, plural, n)` picks a plural form, `day(date)` writes a date.
    """

    _: Callable[[str], str] = lambda text: text
    n_: Callable[[str, str, int], str] = lambda singular, plural, n: singular if n == 1 else plural
    day: Callable[[date], str] = lambda d: f"{d:%d %b %Y}"


ENGLISH = Words()


def backing(customers: int, reps: int, w: Words = ENGLISH) -> str:
    """ "3 customers · 2 reps", singular where it is one."""
    return (
        w.n_("{n} customer", "{n} customers", customers).format(n=customers)
        + " · "
        + w.n_("{n} rep", "{n} reps", reps).format(n=reps)
    )


def file_name(digest: schema.Digest, community: str | None = None) -> str:
    """A download name such as palaute-digest-2026-W47-payments.md (slugs are [a-z0-9-] only)."""
    suffix = "-" + re.sub(r"[^a-z0-9-]", "", community) if community else ""
    return f"palaute-digest-{digest.week}{suffix}.md"


def render_markdown(digest: schema.Digest, w: Words = ENGLISH) -> str:
    """The digest as a Markdown document: one section per community."""
    last_day = (digest.ends - timedelta(days=1)).date()
    span = w._("{first} – {last} (UTC)").format(first=w.day(digest.starts.date()), last=w.day(last_day))
    lines = [w._("# Weekly digest {week}").format(week=digest.week), "", span, ""]
    if not digest.communities:
        lines += [w._("No communities to show."), ""]
    for community in digest.communities:
        lines += _community(community, w)
    return "\n".join(lines).rstrip("\n") + "\n"


def _community(c: schema.CommunityDigest, w: Words) -> list[str]:
    lines = [
        f"## {escape(c.name)}",
        "",
        w._("- Captured: {n}").format(n=c.captured),
        w._("- Same here: {n}").format(n=c.same_here),
        w._("- Answered: {n}").format(n=len(c.answered)),
        w._("- Shipped: {n}").format(n=len(c.shipped)),
        "",
    ]
    lines += _section(w._("### Top new insights"), c.top, w, with_reply=False)
    lines += _section(w._("### Answered by the product team"), c.answered, w, with_reply=True)
    lines += _section(w._("### Shipped"), c.shipped, w, with_reply=False)
    return lines


def _section(title: str, items: list[schema.DigestItem], w: Words, *, with_reply: bool) -> list[str]:
    lines = [title, ""]
    if not items:
        return [*lines, w._("Nothing this week."), ""]
    for item in items:
        lines.append(f"- {escape(item.text)} ({backing(item.customers, item.reps, w)})")
        if with_reply and item.reply:
            lines.append("  - " + w._("Reply: {text}").format(text=escape(item.reply)))
    return [*lines, ""]
