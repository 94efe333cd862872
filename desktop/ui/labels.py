"""Translated names for the domain's values (impact, status) shown in several windows."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.domain import Impact, Status


def impact_label(impact: Impact) -> str:
    labels = {
        Impact.LOW: QCoreApplication.translate("Impact", "Low"),
        Impact.MEDIUM: QCoreApplication.translate("Impact", "Medium"),
        Impact.HIGH: QCoreApplication.translate("Impact", "High"),
        Impact.BLOCKER: QCoreApplication.translate("Impact", "Blocker"),
    }
    return labels[Impact(impact)]


def status_label(status: Status) -> str:
    labels = {
        Status.NEW: QCoreApplication.translate("Status", "New"),
        Status.ACKNOWLEDGED: QCoreApplication.translate("Status", "Acknowledged"),
        Status.PLANNED: QCoreApplication.translate("Status", "Planned"),
        Status.IN_PROGRESS: QCoreApplication.translate("Status", "In progress"),
        Status.SHIPPED: QCoreApplication.translate("Status", "Shipped"),
        Status.DECLINED: QCoreApplication.translate("Status", "Declined"),
    }
    return labels[Status(status)]


def customers_label(n: int) -> str:
    """"1 customer", "3 customers" (issue 8: who is behind an insight)."""
    return _plural("Backing", "%n customer(s)", n, ("1 customer", "{n} customers"))


def reps_label(n: int) -> str:
    return _plural("Backing", "%n rep(s)", n, ("1 rep", "{n} reps"))


def _plural(context: str, source: str, n: int, english: tuple[str, str]) -> str:
    text = QCoreApplication.translate(context, source, None, n)
    if "(s)" in text:  # no translation loaded: English forms, so the count still reads well
        text = (english[0] if n == 1 else english[1]).format(n=n)
    return text
