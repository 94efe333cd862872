"""Editing an insight (the capture window's fields) and the question asked before withdrawing one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import MAX_CUSTOMER_REF_CHARS, Impact, Insight
from desktop.errors import PalauteError
from desktop.ui.inbox.texts import first_line
from desktop.ui.labels import impact_label
from desktop.ui.widgets import ErrorLabel


class EditDialog(QDialog):
    """Text, community, product area, customer reference, impact and tags; saved through store.edit_insight.

    A refused save keeps the dialog open with every word typed and says why.
    """

    def __init__(self, store: Any, insight: Insight, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editDialog")
        self._store = store
        self.insight = insight
        self._build()
        self._fill(insight)
        self.retranslate()
        self.resize(520, 380)

    def _build(self) -> None:
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("editText")
        self.text.setTabChangesFocus(True)
        self.community = QComboBox(self)
        self.community.setObjectName("editCommunity")
        self.area = QComboBox(self)
        self.area.setObjectName("editArea")
        self.customer = QLineEdit(self)
        self.customer.setObjectName("editCustomer")
        self.customer.setMaxLength(MAX_CUSTOMER_REF_CHARS)
        self.impact = QComboBox(self)
        self.impact.setObjectName("editImpact")
        self.tags = QLineEdit(self)
        self.tags.setObjectName("editTags")
        self.message = ErrorLabel(self)
        self.message.setObjectName("editMessage")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.text_label = QLabel(self)
        self.text_label.setBuddy(self.text)
        self.labels = [QLabel(self) for _ in range(5)]
        form = QFormLayout()
        for label, field in zip(self.labels, self._fields(), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_label)
        layout.addWidget(self.text, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

    def _fields(self) -> tuple[QWidget, ...]:
        return self.community, self.area, self.customer, self.impact, self.tags

    def _fill(self, insight: Insight) -> None:
        self.text.setPlainText(insight.text)
        for community in self._store.communities():
            self.community.addItem(community.name, community.slug)
        if self.community.findData(insight.community) < 0:  # a community the lists no longer hold stays choosable
            self.community.addItem(insight.community, insight.community)
        self.community.setCurrentIndex(self.community.findData(insight.community))
        self.area.addItem("", None)
        for area in self._store.product_areas():
            self.area.addItem(area.name, area.slug)
        self.area.setCurrentIndex(max(self.area.findData(insight.product_area), 0) if insight.product_area else 0)
        self.customer.setText(insight.customer_ref or "")
        for impact in Impact:
            self.impact.addItem(impact_label(impact), impact.value)
        self.impact.setCurrentIndex(self.impact.findData(str(insight.impact)))
        self.tags.setText(", ".join(insight.tags))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Palaute — Edit insight"))
        self.text_label.setText(self.tr("&What did the customer say?"))
        self.text.setAccessibleName(self.tr("Insight text"))
        texts = (
            self.tr("&Community:"),
            self.tr("Product &area:"),
            self.tr("C&ustomer reference:"),
            self.tr("&Impact:"),
            self.tr("&Tags:"),
        )
        names = (
            self.tr("Community"),
            self.tr("Product area"),
            self.tr("Customer reference"),
            self.tr("Impact"),
            self.tr("Tags"),
        )
        for label, text, field, name in zip(self.labels, texts, self._fields(), names, strict=True):
            label.setText(text)
            field.setAccessibleName(name)
        self.area.setItemText(0, self.tr("Not set"))
        self.tags.setPlaceholderText(self.tr("Separated by commas (optional)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save (Ctrl+Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName(self.tr("Save changes"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel editing"))
        self.message.setAccessibleName(self.tr("Message"))

    def changes(self) -> dict[str, Any]:
        """Only what the rep changed: an untouched field is not re-checked or re-sent."""
        now = {
            "text": self.text.toPlainText(),
            "community": self.community.currentData(),
            "product_area": self.area.currentData(),
            "customer_ref": self.customer.text().strip() or None,
            "impact": self.impact.currentData(),
            "tags": tuple(t.strip() for t in self.tags.text().split(",") if t.strip()),
        }
        before = {
            "text": self.insight.text,
            "community": self.insight.community,
            "product_area": self.insight.product_area,
            "customer_ref": self.insight.customer_ref,
            "impact": str(self.insight.impact),
            "tags": tuple(self.insight.tags),
        }
        return {k: v for k, v in now.items() if v != before[k]}

    def save(self) -> bool:
        changes = self.changes()
        if changes:
            try:
                self._store.edit_insight(self.insight.id, **changes)
            except PalauteError as exc:
                self.message.show_error(exc.user_message)
                return False
        self.accept()
        return True


def withdraw_question(insight: Insight, parent: QWidget) -> QMessageBox:
    """A window-modal Yes/No, No the default: withdrawing tells the product team to drop the insight."""
    # Literal QCoreApplication.translate calls: lupdate files them under the thread view, which asks this.
    question = QCoreApplication.translate(
        "ThreadView",
        "Withdraw this insight? The product team will see it as withdrawn, and it can no longer be edited.",
    )
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("ThreadView", "Palaute — Withdraw insight"),
        f"{question}\n\n“{first_line(insight.text)[:200]}”",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # the insight's own words must never render as markup
    box.setObjectName("withdrawQuestion")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.button(QMessageBox.StandardButton.Yes).setText(QCoreApplication.translate("ThreadView", "&Withdraw"))
    box.button(QMessageBox.StandardButton.Yes).setAccessibleName(
        QCoreApplication.translate("ThreadView", "Withdraw the insight")
    )
    box.button(QMessageBox.StandardButton.No).setText(QCoreApplication.translate("ThreadView", "&Keep it"))
    box.button(QMessageBox.StandardButton.No).setAccessibleName(
        QCoreApplication.translate("ThreadView", "Keep the insight")
    )
    return box
