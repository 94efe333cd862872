"""ThreadView: one insight's text and fields, its replies in order, a reply box, Edit… and Withdraw…."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import Insight, Reply, SyncState
from desktop.errors import PalauteError
from desktop.ui.inbox.edit_dialog import EditDialog, withdraw_question
from desktop.ui.inbox.same_here_dialog import SameHereDialog
from desktop.ui.inbox.texts import backing_text, insight_sync_text, reply_sync_text, status_text, when
from desktop.ui.labels import impact_label
from desktop.ui.widgets import ErrorLabel


def _html(text: str) -> str:
    # The rep's and the product team's words are shown as typed, never as markup.
    return html.escape(text).replace("\n", "<br>")


class ThreadView(QWidget):
    """Shows the insight given to show_insight(); the rep's actions go to the store at once.

    Signals:
        changed(str): the rep replied to, edited or withdrew this insight (its row should be re-read).
        read(str): the thread was opened and its replies marked read.
    """

    changed = Signal(str)
    read = Signal(str)

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("threadView")
        self._store = store
        self.insight: Insight | None = None
        self.replies: list[Reply] = []
        self.edit_dialog: EditDialog | None = None
        self.same_here_dialog: SameHereDialog | None = None
        self.withdraw_box: QMessageBox | None = None
        self._waiting: str | None = None  # the change the note says is waiting: "reply:<id>", "insight", "same_here"
        self._build()
        self.retranslate()
        self._show_nothing()

    def _build(self) -> None:
        self.thread = QTextBrowser(self)
        self.thread.setObjectName("thread")
        self.thread.setOpenLinks(False)
        self.reply_label = QLabel(self)
        self.reply = QPlainTextEdit(self)
        self.reply.setObjectName("reply")
        self.reply.setTabChangesFocus(True)
        self.reply.setMaximumHeight(110)
        self.reply_label.setBuddy(self.reply)
        self.send_button = QPushButton(self)
        self.send_button.setObjectName("send")
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("edit")
        self.withdraw_button = QPushButton(self)
        self.withdraw_button.setObjectName("withdraw")
        self.same_here_button = QPushButton(self)
        self.same_here_button.setObjectName("sameHere")
        self.message = ErrorLabel(self)
        self.message.setObjectName("threadMessage")
        buttons = QHBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addStretch(1)
        buttons.addWidget(self.same_here_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.withdraw_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thread, 1)
        layout.addWidget(self.reply_label)
        layout.addWidget(self.reply)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        for first, second in (
            (self.thread, self.reply),
            (self.reply, self.send_button),
            (self.send_button, self.same_here_button),
            (self.same_here_button, self.edit_button),
            (self.edit_button, self.withdraw_button),
        ):
            QWidget.setTabOrder(first, second)
        self.send_button.clicked.connect(self.send_reply)
        self.edit_button.clicked.connect(self.edit)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.same_here_button.clicked.connect(self.same_here)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self.reply, self.send_reply, context=Qt.ShortcutContext.WidgetShortcut)

    def retranslate(self) -> None:
        self.thread.setAccessibleName(self.tr("Insight and replies"))
        self.reply_label.setText(self.tr("&Reply:"))
        self.reply.setAccessibleName(self.tr("Reply"))
        self.reply.setPlaceholderText(self.tr("Write a reply. Ctrl+Enter sends it; offline it waits and goes later."))
        self.send_button.setText(self.tr("Se&nd (Ctrl+Enter)"))
        self.send_button.setAccessibleName(self.tr("Send reply"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.edit_button.setAccessibleName(self.tr("Edit insight"))
        self.withdraw_button.setText(self.tr("&Withdraw…"))
        self.withdraw_button.setAccessibleName(self.tr("Withdraw insight"))
        self.same_here_button.setText(self.tr("Sa&me here…"))
        self.same_here_button.setAccessibleName(self.tr("Add your customer to this insight"))
        self.message.setAccessibleName(self.tr("Message"))
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- showing -------------------------------------------------------------------------------------------
    def show_insight(self, insight_id: str) -> bool:
        """Load the insight and its thread and mark the thread read; False (and words) if it is not here."""
        if self.insight is None or self.insight.id != insight_id:
            self.reply.clear()
            self.message.clear_message()
            self._waiting = None
        try:
            insight = self._store.get_insight(insight_id)
            if insight is None:
                self._show_nothing()
                self.message.show_error(self.tr("This insight is no longer on this computer."))
                return False
            self.insight, self.replies = insight, self._store.thread(insight_id)
            self._store.mark_thread_read(insight_id)
        except PalauteError as exc:
            self.message.show_error(exc.user_message)
            return False
        self._render()
        self._enable()
        self._say_if_sent()
        self.read.emit(insight_id)
        return True

    def _note_waiting(self, what: str, note: str) -> None:
        """Say a change is saved and waits to be sent; `_say_if_sent` replaces the words once it is sent."""
        self._waiting = what
        self.message.show_note(note)

    def _say_if_sent(self) -> None:
        """The note about a waiting change must not outlive the wait: once sync sent it, say so instead."""
        if self._waiting is None or self.insight is None:
            return
        kind, _, object_id = self._waiting.partition(":")
        if kind == "reply":
            sent = any(r.id == object_id and r.sync_state == SyncState.SENT for r in self.replies)
        elif kind == "same_here":
            sent = all(s.sync_state == SyncState.SENT for s in self._store.same_heres(self.insight.id))
        else:
            sent = self.insight.sync_state == SyncState.SENT
        if sent:
            self._waiting = None
            self.message.show_note(
                {
                    "reply": self.tr("Reply sent."),
                    "same_here": self.tr("“Same here” sent."),
                    "withdraw": self.tr("Withdrawal sent."),
                }.get(kind, self.tr("Changes sent."))
            )

    def reload(self) -> None:
        if self.insight is not None:
            self.show_insight(self.insight.id)

    def clear(self) -> None:
        self._show_nothing()

    def _show_nothing(self) -> None:
        self.insight, self.replies = None, []
        self._render()
        self._enable()

    def _enable(self) -> None:
        shown = self.insight is not None
        live = shown and not self.insight.withdrawn  # type: ignore[union-attr]
        own = live and self._store.is_own(self.insight)
        # A community insight is read-only; saying "same here" makes the rep follow it and able to reply.
        for widget in (self.reply, self.send_button):
            widget.setEnabled(shown and self.insight.following)  # type: ignore[union-attr]
        for widget in (self.edit_button, self.withdraw_button):
            widget.setEnabled(own)
        self.same_here_button.setEnabled(live and not own)

    def _render(self) -> None:
        if self.insight is None:
            hint = self.tr("Choose an insight in the list to see its thread.")
            self.thread.setHtml(f"<p><i>{_html(hint)}</i></p>")
            return
        parts = [self._insight_html(self.insight), "<hr>"]
        if not self.replies:
            none = self.tr("No replies yet.")
            parts.append(f"<p><i>{_html(none)}</i></p>")
        parts += [self._reply_html(reply) for reply in self.replies]
        self.thread.setHtml("".join(parts))

    def _insight_html(self, insight: Insight) -> str:
        names = {c.slug: c.name for c in self._store.communities()}
        areas = {a.slug: a.name for a in self._store.product_areas()}
        fields = [
            (self.tr("Saved"), when(insight.created_at)),
            (self.tr("Community"), names.get(insight.community, insight.community)),
            (
                self.tr("Product area"),
                areas.get(insight.product_area or "", insight.product_area or self.tr("Not set")),
            ),
            (self.tr("Customer reference"), insight.customer_ref or "—"),
            (self.tr("Impact"), impact_label(insight.impact)),
            (self.tr("Tags"), ", ".join(insight.tags) or "—"),
            (self.tr("Status"), status_text(insight)),
            (self.tr("Behind it"), backing_text(insight)),
            (self.tr("Sync"), insight_sync_text(insight)),
        ]
        rows = "".join(f"<tr><td><b>{_html(k)}:</b>&nbsp;</td><td>{_html(v)}</td></tr>" for k, v in fields)
        return f"<p>{_html(insight.text)}</p><table>{rows}</table>"

    def _reply_html(self, reply: Reply) -> str:
        if reply.mine:
            who = self.tr("You ({state})").format(state=reply_sync_text(reply))
        else:
            role = self.tr("product team") if reply.author_role == "product" else reply.author_role
            who = f"{reply.author} ({role})"
        return f"<p><b>{_html(who)}</b> · {_html(when(reply.created_at))}<br>{_html(reply.body)}</p>"

    # --- the rep's actions --------------------------------------------------------------------------------
    def send_reply(self) -> bool:
        """Save the reply (queued for sync, so it works offline); on failure keep the words and say why."""
        if self.insight is None:
            return False
        body = self.reply.toPlainText()
        if not body.strip():
            self.message.show_error(self.tr("The reply is empty. Type it, then press Ctrl+Enter."))
            return False
        try:
            reply = self._store.add_reply(self.insight.id, body)
        except PalauteError as exc:
            self.message.show_error(exc.user_message)
            return False
        self.reply.clear()
        self._note_waiting(f"reply:{reply.id}", self.tr("Reply saved. It is sent when Palaute is online."))
        self.reload()
        self.changed.emit(self.insight.id)
        return True

    def edit(self) -> None:
        if self.insight is None or self.insight.withdrawn:
            return
        self.edit_dialog = EditDialog(self._store, self.insight, self)
        self.edit_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.edit_dialog.finished.connect(self._after_edit)
        self.edit_dialog.open()

    def _after_edit(self, result: int) -> None:
        dialog, self.edit_dialog = self.edit_dialog, None
        self._after_dialog(dialog, result, self.tr("Changes saved. They are sent when Palaute is online."), "edit")

    def same_here(self) -> None:
        if self.insight is None or self.insight.withdrawn:
            return
        self.same_here_dialog = SameHereDialog(self._store, self.insight, self)
        self.same_here_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.same_here_dialog.finished.connect(self._after_same_here)
        self.same_here_dialog.open()

    def _after_same_here(self, result: int) -> None:
        dialog, self.same_here_dialog = self.same_here_dialog, None
        self._after_dialog(
            dialog, result, self.tr("“Same here” saved. It is sent when Palaute is online."), "same_here"
        )

    def _after_dialog(self, dialog: QDialog | None, result: int, note: str, what: str) -> None:
        """A dialog that saves through the store closed: on Accept say so and show the insight as it is now."""
        if dialog is not None:
            dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted and self.insight is not None:
            self._note_waiting(what, note)
            self.reload()
            self.changed.emit(self.insight.id)

    def withdraw(self) -> None:
        if self.insight is None or self.insight.withdrawn:
            return
        self.withdraw_box = withdraw_question(self.insight, self)
        self.withdraw_box.finished.connect(self._after_question)
        self.withdraw_box.open()

    def _after_question(self, _result: int) -> None:
        box, self.withdraw_box = self.withdraw_box, None
        if box is None or self.insight is None:
            return
        confirmed = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        box.deleteLater()
        if not confirmed:
            return
        try:
            self._store.withdraw_insight(self.insight.id)
        except PalauteError as exc:
            self.message.show_error(exc.user_message)
            return
        self._note_waiting("withdraw", self.tr("Insight withdrawn. The product team is told when Palaute is online."))
        self.reload()
        self.changed.emit(self.insight.id)
