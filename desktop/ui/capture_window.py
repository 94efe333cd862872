"""The quick-capture window: built once, shown on the hotkey, saved with Ctrl+Enter, hidden with Esc.

Its layout never moves while the rep types: the text area has a fixed height, and the personal-data chips
and the duplicate hints each have a place of their own, kept while they are hidden. A line at the top says
when a draft from earlier is in the window (with a key to discard it) or, after a save, offers Undo.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import MAX_CUSTOMER_REF_CHARS, Draft, Impact, NewInsight, utc_now
from desktop.errors import PalauteError
from desktop.ui.draft_autosave import DraftAutosave
from desktop.ui.duplicate_hints import DuplicateHints
from desktop.ui.labels import impact_label
from desktop.ui.pii_guard import PiiGuard
from desktop.ui.toast import UNDO_MS, Toast
from desktop.ui.widgets import ErrorLabel

log = logging.getLogger(__name__)
TEXT_LINES = 6  # the text area's fixed height, in lines
HINT_LINES = 8  # the hints' place: a title and three hints of up to two lines


class CaptureWindow(QWidget):
    """Text, community (type-ahead), product area, customer reference and impact of one insight.

    Signals:
        captured(object): an Insight was saved to the store.
    """

    captured = Signal(object)
    same_here_said = Signal(object)  # a SameHere was saved instead of a new insight
    undone = Signal(str)  # a save was undone: "removed" (never left this computer) or "withdrawn"

    def __init__(self, parent: QWidget | None = None, autosave_delay_ms: int | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("captureWindow")
        self._store: Any = None
        self._store_error: str | None = None
        self._edited = False  # typed into since start: a draft arriving late must not overwrite it
        self._loading = False
        self._draft_since: Any = None  # when the text in the window was first typed (the banner says it)
        self._last_saved: tuple[Any, Draft, list[str]] | None = None  # (insight, what was typed, kept) for Undo
        self._asked_same_here: tuple[str, str] | None = None  # (text, insight id) the soft prompt was shown for
        self._undo_timer = QTimer(self, singleShot=True, interval=UNDO_MS)
        self._undo_timer.timeout.connect(self._undo_expired)
        kwargs = {} if autosave_delay_ms is None else {"delay_ms": autosave_delay_ms}
        self.autosave = DraftAutosave(self.draft, parent=self, **kwargs)
        self.autosave.failed.connect(self._on_draft_failed)
        self.toast = Toast()
        self.toast.undo_clicked.connect(self.undo_last_save)
        self._build()
        self._connect_edits()
        self.retranslate()
        self.resize(560, max(self.sizeHint().height(), 480))
        # Polish, lay out and create the native window now, so the first show on the hotkey costs no
        # more than the later ones.
        self.ensurePolished()
        self.layout().activate()
        self.winId()

    # --- building --------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("text")
        self.text.setTabChangesFocus(True)  # Tab moves on; an insight never needs a tab character typed
        self.community = QComboBox(self)
        self.community.setObjectName("community")
        self.community.setEditable(True)
        self.community.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.community.model(), self.community)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.community.setCompleter(completer)
        self.area = QComboBox(self)
        self.area.setObjectName("area")
        self.customer = QLineEdit(self)
        self.customer.setObjectName("customer")
        self.customer.setMaxLength(MAX_CUSTOMER_REF_CHARS)
        self.impact = QComboBox(self)
        self.impact.setObjectName("impact")
        for impact in Impact:
            self.impact.addItem(impact_label(impact), impact.value)
        self.impact.setCurrentIndex(self.impact.findData(Impact.MEDIUM.value))
        self.text.setFixedHeight(TEXT_LINES * self.text.fontMetrics().lineSpacing() + 12)
        self.pii = PiiGuard(self.text, self.customer, self)
        self.hints = DuplicateHints(self.text, self)
        self.hints.chosen.connect(self.same_here)
        self._build_banner()
        self.message = ErrorLabel(self)
        self.message.setObjectName("message")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.hide_button = QPushButton(self)
        self.hide_button.setObjectName("hide")
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.hide_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.request_save)
        self.hide_button.clicked.connect(self.hide)

        self.form = QFormLayout()
        self.labels = [QLabel(self) for _ in range(4)]
        for label, field in zip(self.labels, (self.community, self.area, self.customer, self.impact), strict=True):
            label.setBuddy(field)
            self.form.addRow(label, field)
        self.text_label = QLabel(self)
        self.text_label.setBuddy(self.text)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.text_label)
        layout.addWidget(self.text)
        layout.addWidget(self.pii)
        layout.addWidget(self._hints_place())
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        for widget_from, widget_to in zip(
            (
                self.banner_button,
                self.text,
                self.pii.list,
                self.hints.list,
                self.community,
                self.area,
                self.customer,
                self.impact,
                self.save_button,
            ),
            (
                self.text,
                self.pii.list,
                self.hints.list,
                self.community,
                self.area,
                self.customer,
                self.impact,
                self.save_button,
                self.hide_button,
            ),
            strict=False,
        ):
            QWidget.setTabOrder(widget_from, widget_to)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.request_save, context=Qt.ShortcutContext.WindowShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.hide, context=Qt.ShortcutContext.WindowShortcut)

    def _build_banner(self) -> None:
        """The line at the top: "Draft from 09:10 · CASE-4711 [Discard draft]" or "Saved to … [Undo]"."""
        self.banner = QFrame(self)
        self.banner.setObjectName("banner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner_text = QLabel(self.banner)
        self.banner_text.setObjectName("bannerText")
        self.banner_text.setTextFormat(Qt.TextFormat.PlainText)
        self.banner_button = QPushButton(self.banner)
        self.banner_button.setObjectName("bannerButton")
        self.banner_button.clicked.connect(self._on_banner_button)
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(8, 2, 2, 2)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.banner_button)
        policy = self.banner.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # shown or not, the text below stays where it is
        self.banner.setSizePolicy(policy)
        self._banner_mode: str | None = None  # "draft" or "undo"
        self.banner.hide()

    def _hints_place(self) -> QWidget:
        """A place of fixed height for the duplicate hints, so they appear without moving anything."""
        place = QWidget(self)
        place.setObjectName("hintsPlace")
        place.setFixedHeight(HINT_LINES * self.fontMetrics().lineSpacing() + 8)
        place.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        inner = QVBoxLayout(place)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.hints)
        inner.addStretch(1)
        return place

    def _connect_edits(self) -> None:
        self._last_text = ""
        self.text.textChanged.connect(self._on_text_changed)
        self.community.editTextChanged.connect(self._on_edit)
        self.area.currentIndexChanged.connect(self._on_edit)
        self.customer.textChanged.connect(self._on_edit)
        self.impact.currentIndexChanged.connect(self._on_edit)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Palaute — Capture insight"))
        self.text_label.setText(self.tr("&What did the customer say?"))
        self.text.setPlaceholderText(self.tr("Type the insight. Ctrl+Enter saves, Esc hides and keeps it."))
        self.text.setAccessibleName(self.tr("Insight text"))
        texts = (
            self.tr("&Community:"),
            self.tr("Product &area:"),
            self.tr("C&ustomer reference:"),
            self.tr("&Impact:"),
        )
        names = (self.tr("Community"), self.tr("Product area"), self.tr("Customer reference"), self.tr("Impact"))
        for label, text, field, name in zip(
            self.labels, texts, (self.community, self.area, self.customer, self.impact), names, strict=False
        ):
            label.setText(text)
            field.setAccessibleName(name)
        self.community.setAccessibleDescription(self.tr("Type a few letters of the community's name to pick it."))
        self.community.lineEdit().setPlaceholderText(self.tr("Type to choose a community"))
        self.community.lineEdit().setAccessibleName(self.tr("Community"))  # the part that takes the focus
        self.customer.setPlaceholderText(self.tr("Case or customer number (optional)"))
        if self.area.count():
            self.area.setItemText(0, self.tr("Not set"))
        for index in range(self.impact.count()):
            self.impact.setItemText(index, impact_label(Impact(self.impact.itemData(index))))
        self.save_button.setText(self.tr("&Save (Ctrl+Enter)"))
        self.save_button.setAccessibleName(self.tr("Save insight"))
        self.hide_button.setText(self.tr("Hide (Esc)"))
        self.hide_button.setAccessibleName(self.tr("Hide and keep the draft"))
        self.message.setAccessibleName(self.tr("Message"))
        self.banner_text.setAccessibleName(self.tr("Note"))
        self._show_banner(self._banner_mode)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- the store ----------------------------------------------------------------------------------------
    def set_store(self, store: Any) -> None:
        """Fill the lists from the store and bring back the saved draft (unless the user already typed)."""
        self._store = store
        self._loading = True
        try:
            self._fill_lists(store)
            draft = store.load_draft()
            if not self._edited:
                self._apply_draft(draft)
        finally:
            self._loading = False
        self.autosave.set_sink(self._write_draft)
        self.hints.set_store(store)
        if self.isVisible():
            self.hints.prepare()

    def set_store_error(self, message: str) -> None:
        """The store could not be opened: saving says why instead of waiting for it."""
        self._store_error = message

    def _fill_lists(self, store: Any) -> None:
        typed = self.community.currentText()
        self.community.clear()
        for community in store.communities():
            self.community.addItem(community.name, community.slug)
        self.area.clear()
        self.area.addItem(self.tr("Not set"), None)
        for area in store.product_areas():
            self.area.addItem(area.name, area.slug)
        self._select_community(typed or self._preferred_community(store))

    @staticmethod
    def _preferred_community(store: Any) -> str:
        # A default chosen in Settings wins; without one, the last community used (a rep mostly stays in one).
        settings = store.settings
        return settings.get("default_community") or settings.get("last_community") or ""

    def _select_community(self, slug_or_text: str | None) -> None:
        index = self.community.findData(slug_or_text) if slug_or_text else -1
        if index < 0 and slug_or_text:
            index = self.community.findText(slug_or_text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            self.community.setCurrentIndex(index)
        elif slug_or_text:
            self.community.setEditText(slug_or_text)
        elif self.community.count():
            self.community.setCurrentIndex(0)  # never leave it blank: a save must not fail on the first use

    def _apply_draft(self, draft: Draft | None) -> None:
        if draft is None:
            return
        self._draft_since = draft.updated_at
        self.text.setPlainText(draft.text)
        if draft.community:
            self._select_community(draft.community)
        index = self.area.findData(draft.product_area) if draft.product_area else 0
        self.area.setCurrentIndex(max(index, 0))
        self.customer.setText(draft.customer_ref or "")
        index = self.impact.findData(str(draft.impact))
        if index >= 0:
            self.impact.setCurrentIndex(index)
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)

    def _write_draft(self, draft: Draft) -> None:
        if draft.is_empty():
            self._store.clear_draft()
        else:
            self._store.save_draft(draft)

    # --- the user's actions ----------------------------------------------------------------------------
    def draft(self) -> Draft:
        return Draft(
            text=self.text.toPlainText(),
            community=self._community_value() or None,
            product_area=self.area.currentData(),
            customer_ref=self.customer.text(),
            impact=self.impact.currentData() or Impact.MEDIUM.value,
        )

    def _community_value(self) -> str:
        typed = self.community.currentText().strip()
        index = self.community.findText(typed, Qt.MatchFlag.MatchFixedString)
        return self.community.itemData(index) if index >= 0 else typed

    def _on_draft_failed(self, reason: str) -> None:
        self.message.show_error(self.tr("Your draft could not be saved: {reason}").format(reason=reason))

    def _on_text_changed(self) -> None:
        # Qt also reports highlighting (format) changes as textChanged; only real typing is an edit.
        text = self.text.toPlainText()
        if text != self._last_text:
            self._last_text = text
            self._on_edit()

    def _on_edit(self, *_: object) -> None:
        if self._loading:
            return
        self._edited = True
        if self._draft_since is None:
            self._draft_since = utc_now()
        if self._banner_mode == "undo":
            self._show_banner(None)  # typing a new insight: the last one's Undo moves to the toast only
        self.message.clear_message()
        self.autosave.touch()

    def present(self) -> None:
        """Show on the screen under the mouse, on top, with the cursor in the text.

        Text from earlier is announced (the banner says since when, and for which customer); a customer
        reference left without any text belongs to an earlier call and is cleared.
        """
        if not self.isVisible():
            if not self.text.toPlainText().strip() and self.customer.text():
                self._loading = True
                self.customer.clear()
                self._loading = False
            if self._banner_mode != "undo":
                self._show_banner("draft" if self.text.toPlainText().strip() else None)
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        if screen is not None and not self.isVisible():
            area = screen.availableGeometry()
            frame = self.frameGeometry()
            self.move(area.x() + (area.width() - frame.width()) // 2, area.y() + (area.height() - frame.height()) // 3)
        self.show()
        self.setWindowState((self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
        self.raise_()
        self.activateWindow()
        self.text.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        self.hints.prepare()  # first use: the hints' model and vectors load now, in the background

    def request_save(self) -> bool:
        """Ctrl+Enter and the Save button: the one way in to saving.

        While a strong match is listed, the first press only asks whether "same here" was meant (Alt+1); a
        second press, with the same text, saves a new insight as usual.
        """
        strong = self.hints.strong_match()
        text = self.text.toPlainText()
        if strong is not None and self._asked_same_here != (text, strong.insight.id):
            self._asked_same_here = (text, strong.insight.id)
            self.message.show_note(self._same_here_question(strong.insight.text))
            return False
        self._asked_same_here = None
        return self.save()

    def _same_here_question(self, original: str) -> str:
        line = " ".join(original.split())
        line = line if len(line) <= 60 else line[:59] + "…"
        return self.tr("Add “same here” to “{insight}”? Alt+1 — or Ctrl+Enter again to save a new insight.").format(
            insight=line
        )

    def save(self) -> bool:
        """Store the insight; on success clear, hide and confirm; on failure say why and keep every word."""
        if not self.text.toPlainText().strip():
            self.message.show_error(self.tr("The insight is empty. Type what the customer said, then save."))
            self.text.setFocus()
            return False
        if self._store is None:
            self.message.show_error(
                self._store_error or self.tr("Palaute is still opening its database. Try again in a moment.")
            )
            return False
        typed, kept = self.draft(), self.pii.kept_keys()
        try:
            insight = self._store.capture(self._new_insight(), keep_pii=kept)
        except PalauteError as exc:
            self.message.show_error(exc.user_message)
            return False
        self._last_saved = (insight, typed, kept)
        self._after_save(insight)
        return True

    def same_here(self, insight_id: str) -> bool:
        """Add this call's customer and impact to an existing insight (the typed text goes with it as a note
        for the product team, so nothing typed is lost); on success clear and hide like a save."""
        if self._store is None:
            self.message.show_error(
                self._store_error or self.tr("Palaute is still opening its database. Try again in a moment.")
            )
            return False
        try:
            said = self._store.same_here(
                insight_id,
                customer_ref=self.customer.text().strip() or None,
                impact=self.impact.currentData() or Impact.MEDIUM.value,
                note=self.text.toPlainText(),
                keep_pii=self.pii.kept_keys(),
            )
        except PalauteError as exc:
            self.message.show_error(exc.user_message)
            return False
        self._last_saved = None
        self._reset_after(self._community_value(), self.tr("“Same here” added"))
        self.same_here_said.emit(said)
        return True

    def _new_insight(self) -> NewInsight:
        community = self._community_value()
        if community and self.community.findData(community) < 0:
            community = self._store.resolve_community(community).slug  # raises InvalidInput in words
        return NewInsight(
            text=self.text.toPlainText(),
            community=community,
            product_area=self.area.currentData(),
            customer_ref=self.customer.text().strip() or None,
            impact=self.impact.currentData() or Impact.MEDIUM.value,
        )

    def _after_save(self, insight: Any) -> None:
        self._reset_after(insight.community, self._saved_words(insight), undo=True)
        self.captured.emit(insight)

    def _saved_words(self, insight: Any) -> str:
        """ "Saved to Cards CoP · 2 items masked": where it went and what was masked."""
        names = {c.slug: c.name for c in self._store.communities()}
        words = self.tr("Saved to {community}").format(community=names.get(insight.community, insight.community))
        masked = sum(count for _kind, count in insight.pii_masked)
        if masked:
            words += " · " + self.tr("%n item(s) masked", "", masked)
        return words

    def undo_last_save(self) -> bool:
        """Take the last save back (within UNDO_MS): removed if it never left, else withdrawn; the words typed
        come back into the window so they can be fixed and saved again."""
        if self._last_saved is None or self._store is None:
            return False
        insight, typed, kept = self._last_saved
        self._last_saved = None
        self._undo_timer.stop()
        try:
            outcome = self._store.undo_capture(insight.id)
        except PalauteError as exc:
            self.message.show_error(exc.user_message)
            return False
        self.toast.hide()
        self._loading = True
        try:
            self._apply_draft(typed)
            self.pii.clear()
            self.pii._kept.update(kept)
        finally:
            self._loading = False
        self._edited = True
        self.autosave.touch()
        self._show_banner(None)
        if outcome == "removed":
            self.message.show_note(self.tr("Undone: the insight was removed before it was sent."))
        else:
            self.message.show_note(
                self.tr("Undone: the insight had been sent, so it is withdrawn. Save it again when it is right.")
            )
        self.present()
        self.undone.emit(outcome)
        return True

    def _undo_expired(self) -> None:
        self._last_saved = None
        if self._banner_mode == "undo":
            self._show_banner(None)

    def _on_banner_button(self) -> None:
        if self._banner_mode == "undo":
            self.undo_last_save()
        elif self._banner_mode == "draft":
            self.discard_draft()

    def discard_draft(self) -> None:
        """Throw away the text from earlier (and its customer reference): the window is fresh for this call."""
        self._loading = True
        try:
            self.text.clear()
            self.customer.clear()
            self.area.setCurrentIndex(0)
            self.impact.setCurrentIndex(self.impact.findData(Impact.MEDIUM.value))
        finally:
            self._loading = False
        self._edited = False
        self._draft_since = None
        self.autosave.discard()
        self.pii.clear()
        self.hints.clear()
        if self._store is not None:
            try:
                self._store.clear_draft()
            except PalauteError as exc:
                self.message.show_error(exc.user_message)
        self._show_banner(None)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_banner(self, mode: str | None) -> None:
        self._banner_mode = mode
        if mode == "draft":
            since = self._draft_since or utc_now()
            local = QDateTime.fromSecsSinceEpoch(int(since.timestamp()))
            when = QLocale().toString(local.time(), QLocale.FormatType.ShortFormat)
            if local.date() != QDateTime.currentDateTime().date():
                when = QLocale().toString(local, QLocale.FormatType.ShortFormat)
            words = self.tr("Draft from {time}").format(time=when)
            if self.customer.text().strip():
                words += " · " + self.customer.text().strip()
            self.banner_text.setText(words)
            self.banner_button.setText(self.tr("&Discard draft"))
            self.banner_button.setAccessibleName(self.tr("Discard the draft and start a new insight"))
        elif mode == "undo" and self._last_saved is not None:
            self.banner_text.setText(self._saved_words(self._last_saved[0]))
            self.banner_button.setText(self.tr("U&ndo"))
            self.banner_button.setAccessibleName(self.tr("Undo the last save"))
        else:
            self._banner_mode = None
        self.banner.setVisible(self._banner_mode is not None)
        self.banner_button.setEnabled(self._banner_mode is not None)

    def _reset_after(self, community: str, confirmation: str, *, undo: bool = False) -> None:
        self.autosave.discard()
        self._loading = True
        try:
            self.text.clear()
            self.customer.clear()
            self.area.setCurrentIndex(0)
            self.impact.setCurrentIndex(self.impact.findData(Impact.MEDIUM.value))
            self._select_community(self._store.settings.get("default_community") or community)
        finally:
            self._loading = False
        self._edited = False
        self._draft_since = None
        self.pii.clear()
        self.hints.clear()
        self.message.clear_message()
        try:
            self._store.clear_draft()
            self._store.settings.set("last_community", community)
        except PalauteError as exc:  # the insight itself is safe; only the bookkeeping failed
            log.warning("after capture: %s", exc.user_message)
        center = self.frameGeometry().center()
        self.hide()
        if undo:
            self._undo_timer.start()
            self._show_banner("undo")  # the hotkey within UNDO_MS: the window offers Undo by keyboard too
            self.toast.pop(confirmation, center, UNDO_MS, undo=self.tr("Undo"))
        else:
            self._show_banner(None)
            self.toast.pop(confirmation, center)

    def hideEvent(self, event: QEvent) -> None:
        self.autosave.flush()  # Esc, the close button or the window manager: the draft is written now
        super().hideEvent(event)

    def closeEvent(self, event: QEvent) -> None:
        self.autosave.flush()
        super().closeEvent(event)
