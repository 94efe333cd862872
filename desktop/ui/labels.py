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
