"""The inbox's words for values: sync state, status, counts, dates and a text's first line."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from desktop.domain import Insight, Reply, Status, SyncState
from desktop.ui.labels import customers_label, reps_label, status_label

CONTEXT = "Inbox"


class Inbox:
    """lupdate files `Inbox.tr(...)` under the context "Inbox"; a plural is written `Inbox.tr(source, "", n)`."""

    @staticmethod
    def tr(source: str, disambiguation: str = "", n: int = -1) -> str:
        return QCoreApplication.translate(CONTEXT, source, disambiguation or None, n)


def sync_state_text(state: SyncState, error: str | None) -> str:
    """Where a local copy stands, in words a rep understands."""
    if state == SyncState.SENT:
        return Inbox.tr("Sent")
    if state == SyncState.FAILED:
        reason = error or Inbox.tr("the server refused it")
        return Inbox.tr("Not sent: {reason}").format(reason=reason)
    return Inbox.tr("Saved on this computer")


def insight_sync_text(insight: Insight) -> str:
    return sync_state_text(insight.sync_state, insight.sync_error)


def reply_sync_text(reply: Reply) -> str:
    return sync_state_text(reply.sync_state, reply.sync_error)


def status_text(insight: Insight) -> str:
    status = status_label(Status(insight.status))
    if insight.withdrawn:
        return Inbox.tr("{status}, withdrawn").format(status=status)
    return status


def backing_text(insight: Insight) -> str:
    """Who is behind an insight: "3 customers, 2 reps; reported by anna"."""
    text = f"{customers_label(insight.customers)}, {reps_label(insight.reps)}"
    if not insight.following:
        text += Inbox.tr("; reported by {author}").format(author=insight.author)
    return text


def count_text(n: int) -> str:
    """ "1 insight", "12 insights"; the plural forms come from the translation when one is loaded."""
    text = Inbox.tr("%n insight(s)", "", n)
    if "(s)" in text:  # no translation carries this string yet: English forms, so the count still reads well
        text = f"{n} insight" if n == 1 else f"{n} insights"
    return text


def when(moment: datetime) -> str:
    """Date and time in the interface language's own short format ("5.1.2026 9.10", "1/5/26 9:10 AM")."""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


def ago(moment: datetime, now: datetime | None = None) -> str:
    """How long ago, as a rep scans a list: "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then
    the date in the language's short format."""
    now = now or datetime.now(moment.tzinfo)
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return Inbox.tr("just now")
    if seconds < 3600:
        return Inbox.tr("%n min ago", "", int(seconds // 60))
    if seconds < 24 * 3600:
        return Inbox.tr("%n h ago", "", int(seconds // 3600))
    days = (now.astimezone().date() - moment.astimezone().date()).days
    if days <= 1:
        return Inbox.tr("yesterday")
    if days < 7:
        return Inbox.tr("%n days ago", "", days)
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).date()
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


def first_line(text: str) -> str:
    stripped = text.strip()
    return stripped.splitlines()[0] if stripped else ""
