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


class Backing:
    """lupdate files `Backing.tr(...)` under the context "Backing"; a plural is `Backing.tr(source, "", n)`."""

    @staticmethod
    def tr(source: str, disambiguation: str = "", n: int = -1) -> str:
        return QCoreApplication.translate("Backing", source, disambiguation or None, n)


def customers_label(n: int) -> str:
    """ "1 customer", "3 customers" (who is behind an insight)."""
    return _english_if_untranslated(Backing.tr("%n customer(s)", "", n), n, ("1 customer", "{n} customers"))


def reps_label(n: int) -> str:
    return _english_if_untranslated(Backing.tr("%n rep(s)", "", n), n, ("1 rep", "{n} reps"))


def _english_if_untranslated(text: str, n: int, english: tuple[str, str]) -> str:
    if "(s)" in text:  # no translation loaded: English forms, so the count still reads well
        text = (english[0] if n == 1 else english[1]).format(n=n)
    return text
