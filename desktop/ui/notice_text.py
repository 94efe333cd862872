"""The words of a tray notification, built in the rep's language from the facts a notice keeps.

A reply and a status change of the same insight that arrive together make one notification: who, what and
which insight ("Reply from pam · Planned" / "“Export drops the decimals” — On the roadmap for spring").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.domain import Notice, Status
from desktop.ui.labels import status_label


class NoticeWords:
    """lupdate files `NoticeWords.tr(...)` under the context "NoticeWords"."""

    @staticmethod
    def tr(source: str) -> str:
        return QCoreApplication.translate("NoticeWords", source)


def describe(notices: list[Notice]) -> tuple[str, str]:
    """(title, body) of one notification for notices about one insight, oldest first."""
    legacy = [n for n in notices if n.title]
    if legacy and len(legacy) == len(notices):  # stored by an older version: its English words as they were
        return legacy[-1].title, legacy[-1].body
    replies = [n for n in notices if n.kind == "reply" and n.actor]
    statuses = [n for n in notices if n.kind == "status" and n.status]
    merged = any(n.kind == "merged" for n in notices)
    status = _status(statuses[-1].status) if statuses else None  # type: ignore[arg-type]
    insight = next((n.insight_text for n in notices if n.insight_text), "")
    about = NoticeWords.tr("“{insight}”").format(insight=insight) if insight else ""
    if replies:
        who = ", ".join(dict.fromkeys(n.actor for n in replies if n.actor))
        title = NoticeWords.tr("Reply from {who}").format(who=who)
        if status:
            title = NoticeWords.tr("{reply} · {status}").format(reply=title, status=status)
        words = "\n".join(n.body for n in replies)
        return title, f"{about}\n{words}" if about else words
    if merged:
        title = NoticeWords.tr("Merged with an existing insight")
    elif status:
        title = NoticeWords.tr("Your insight is now: {status}").format(status=status)
    else:
        title = NoticeWords.tr("News about your insight")
    return title, about or notices[-1].body


def _status(value: str) -> str:
    try:
        return status_label(Status(value))
    except ValueError:  # a status a newer server knows
        return value
