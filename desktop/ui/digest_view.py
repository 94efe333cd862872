"""The weekly digest as a page: per community a row of tiles (the week's figures) and its lists with chips.

Rendered from the digest's data (protocol.schema.Digest), like the web page, never from Markdown. The tiles
are a list: a figure is one more `Tile(label, value)` in TILES (or passed to `digest_html`); the community's
loop figures (answered within 7 days, shipped, customers behind shipped work, over four weeks) are a second
row, LOOP_TILES, shown when the server sends them.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from desktop.domain import Status
from desktop.ui.labels import customers_label, reps_label, status_label
from protocol import schema


class DigestView:
    """lupdate files `DigestView.tr(...)` under the context "DigestView"."""

    @staticmethod
    def tr(source: str) -> str:
        return QCoreApplication.translate("DigestView", source)


@dataclass(frozen=True)
class Tile:
    """One figure of a community's week: its label (translated when drawn) and how to read it from the data."""

    label: Callable[[], str]
    value: Callable[[schema.CommunityDigest], int | str]


def _within_7_days(c: schema.CommunityDigest) -> str:
    if c.loop is None or not c.loop.judged_for_7_days:
        return "–"  # an older server, or nothing old enough to judge yet
    return f"{round(100 * c.loop.answered_within_7_days / c.loop.judged_for_7_days)} %"


TILES: list[Tile] = [
    Tile(lambda: DigestView.tr("Captured"), lambda c: c.captured),
    Tile(lambda: DigestView.tr("Same here"), lambda c: c.same_here),
    Tile(lambda: DigestView.tr("Answered"), lambda c: len(c.answered)),
    Tile(lambda: DigestView.tr("Shipped"), lambda c: len(c.shipped)),
]

# The community's loop over the four weeks up to the digest's (a second row of tiles).
LOOP_TILES: list[Tile] = [
    Tile(lambda: DigestView.tr("Answered within 7 days (4 weeks)"), _within_7_days),
    Tile(lambda: DigestView.tr("Shipped (4 weeks)"), lambda c: c.loop.shipped if c.loop else "–"),
    Tile(
        lambda: DigestView.tr("Customers behind shipped work"),
        lambda c: c.loop.customers_behind_shipped if c.loop else "–",
    ),
]

# The web page's status colours (server/web/static/app.css), light palette.
STATUS_COLOURS = {
    "new": ("#e7effb", "#1f4f99"),
    "acknowledged": ("#efe9fb", "#553099"),
    "planned": ("#e3f3f4", "#0f5f66"),
    "in_progress": ("#fdf0d8", "#7a4a00"),
    "shipped": ("#e4f4e7", "#1d5e31"),
    "declined": ("#eceef1", "#4a525c"),
}
BACKING = ("#e7effb", "#1b1f24")


def _e(text: str) -> str:
    return html.escape(text)


def day(d: date) -> str:
    """A date in the interface language's short form ("30.11.2026", "2026-11-30", "30/11/26")."""
    return QLocale().toString(QDate(d.year, d.month, d.day), QLocale.FormatType.ShortFormat)


def week_heading(digest: schema.Digest) -> str:
    last = (digest.ends - timedelta(days=1)).date()
    return DigestView.tr("Week {week}: {first} – {last}").format(
        week=digest.week, first=day(digest.starts.date()), last=day(last)
    )


def digest_html(digest: schema.Digest, tiles: Sequence[Tile] = ()) -> str:
    """The whole digest as rich text for a QTextBrowser."""
    tiles = tiles or TILES
    parts = [f"<h2>{_e(week_heading(digest))}</h2>"]
    if not digest.communities:
        none = DigestView.tr("You belong to no community yet. Ask an administrator to add you to one.")
        parts.append(f"<p><i>{_e(none)}</i></p>")
    for community in digest.communities:
        parts.append(_community(community, tiles))
    return "".join(parts)


def _tiles(c: schema.CommunityDigest, tiles: Sequence[Tile], background: str = "#f3f6fa") -> str:
    cells = "".join(
        f'<td width="{100 // max(1, len(tiles))}%" bgcolor="{background}" style="padding: 8px;">'
        f'<span style="font-size: x-large; font-weight: bold;">{_e(str(t.value(c)))}</span><br>{_e(t.label())}</td>'
        for t in tiles
    )
    # 99%: at some widths Qt rounds a 100% table with cell spacing one pixel past the view (a scrollbar for it).
    return f'<table width="99%" cellspacing="6" cellpadding="0"><tr>{cells}</tr></table>'


def _community(c: schema.CommunityDigest, tiles: Sequence[Tile]) -> str:
    loop = _tiles(c, LOOP_TILES, "#e4f4e7") if c.loop is not None else ""
    return (
        f"<h3>{_e(c.name)}</h3>"
        + _tiles(c, tiles)
        + loop
        + _section(DigestView.tr("Top new insights"), c.top, DigestView.tr("Nothing new this week."))
        + _section(
            DigestView.tr("Answered by the product team"),
            c.answered,
            DigestView.tr("No answers this week."),
            with_reply=True,
        )
        + _section(DigestView.tr("Shipped"), c.shipped, DigestView.tr("Nothing shipped this week."))
    )


def _section(title: str, items: list[schema.DigestItem], empty: str, *, with_reply: bool = False) -> str:
    head = f"<h4>{_e(title)}</h4>"
    if not items:
        return head + f'<p style="color: #5f6b7a;">{_e(empty)}</p>'
    rows = []
    for item in items:
        backing = f"{customers_label(item.customers)} · {reps_label(item.reps)}"
        row = f"{_e(item.text)}<br>{_chip(backing, *BACKING)}&nbsp;{_status_chip(item.status)}"
        if with_reply and item.reply:
            reply = DigestView.tr("Reply: {text}").format(text=item.reply)
            row += f'<br><span style="color: #3d4752;">“{_e(reply)}”</span>'
        rows.append(f'<li style="margin-bottom: 6px;">{row}</li>')
    return head + "<ol>" + "".join(rows) + "</ol>"


def _status_chip(status: str) -> str:
    background, colour = STATUS_COLOURS.get(str(status), BACKING)
    try:
        words = status_label(Status(status))
    except ValueError:
        words = str(status)
    return _chip(words, background, colour)


def _chip(text: str, background: str, colour: str) -> str:
    return (
        f'<span style="background-color: {background}; color: {colour}; font-size: small;">'
        f"&nbsp;{_e(text)}&nbsp;</span>"
    )
