"""SameHereDialog: "a customer of mine said this too" on an insight in the inbox."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.domain import MAX_CUSTOMER_REF_CHARS, Impact, Insight
from desktop.errors import PalauteError
from desktop.ui.inbox.texts import first_line
from desktop.ui.labels import impact_label
from desktop.ui.widgets import ErrorLabel


class SameHereDialog(QDialog):
    """This call's customer reference and impact; saved through store.same_here (queued, works offline)."""

    def __init__(self, store: Any, insight: Insight, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sameHereDialog")
        self._store = store
        self.insight = insight
        self.said: Any = None
        self.setWindowTitle(self.tr("Same here"))
        about = QLabel(self.tr("Your customer said this too:\n“{text}”").format(text=first_line(insight.text)), self)
        about.setWordWrap(True)
        self.customer = QLineEdit(self)
        self.customer.setObjectName("sameHereCustomer")
        self.customer.setMaxLength(MAX_CUSTOMER_REF_CHARS)
        self.customer.setAccessibleName(self.tr("Customer reference"))
        self.customer.setPlaceholderText(self.tr("Case or customer number (optional)"))
        self.impact = QComboBox(self)
        self.impact.setObjectName("sameHereImpact")
        self.impact.setAccessibleName(self.tr("Impact"))
        for impact in Impact:
            self.impact.addItem(impact_label(impact), impact.value)
        self.impact.setCurrentIndex(self.impact.findData(Impact.MEDIUM.value))
        self.message = ErrorLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("C&ustomer reference:"), self.customer)
        form.addRow(self.tr("&Impact:"), self.impact)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add “same here”"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self.said = self._store.same_here(
                self.insight.id, customer_ref=self.customer.text().strip() or None, impact=self.impact.currentData()
            )
        except PalauteError as exc:
            self.message.show_error(exc.user_message)  # stays open with what was typed
            return
        super().accept()
