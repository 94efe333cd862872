"""Child process of test_screenshots.py and test_accessibility.py: every window at its default size, with a
rep's realistic data, in one language.

    python -m tests.xvfb.window_tour LANG OUT_DIR [--hold]

Writes OUT_DIR/<window>.png and prints one JSON line: what a person would see wrong (words cut off, a window
smaller than its content needs). With --hold the windows stay open (for the AT-SPI test) until stdin closes.
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.domain import Draft, NewInsight
from desktop.paths import AppPaths
from desktop.store import open_store
from desktop.sync.digest import FetchedDigest
from desktop.ui.capture_window import CaptureWindow
from desktop.ui.digest_window import DigestWindow
from desktop.ui.fallback_window import FallbackWindow
from desktop.ui.i18n import Translations
from desktop.ui.inbox import InboxWindow
from desktop.ui.settings_window import SettingsWindow
from desktop.ui.sign_in_dialog import SignInDialog
from desktop.ui.tray import Tray
from protocol import schema
from protocol.digest import week_bounds, week_of
from tests.support.community import product_reply, pull_into, server_insight

CARD = "4111 1111 1111 1111"


def seed(store) -> str:
    """A rep's store mid-morning: own insights (one answered and planned), community news, a draft."""
    mine = store.capture(
        NewInsight(
            text="Customer cannot find the IBAN field on the new payment form", community="payments", impact="high"
        )
    )
    store.capture(
        NewInsight(text="Card limit cannot be raised in the app", community="cards", customer_ref="CASE-4711")
    )
    colleague = server_insight(
        "Customer cannot split a card payment over two accounts in the mobile app", customers=3, reps=2
    )
    shipped = server_insight("Dark mode for the statement view", status="shipped", days_ago=9, community="cards")
    answered = server_insight(
        "Export to Excel drops the decimals", status="planned", days_ago=2, following=True, author=store._author()
    )
    asked = server_insight(
        "Statement PDF misses the IBAN", days_ago=1, following=True, author=store._author(), community="cards"
    )
    store.replace_communities(
        [
            {"slug": "payments", "name": "Payments CoP", "member": True, "open": False},
            {"slug": "cards", "name": "Cards CoP", "member": True, "open": True},
            {"slug": "online-banking", "name": "Online banking CoP", "member": False, "open": True},
            {"slug": "mobile-app", "name": "Mobile app CoP", "member": False, "open": False},
        ]
    )
    pull_into(store, colleague, shipped, answered, asked)
    store.sync.apply_changes(
        [
            {"kind": "reply", "reply": product_reply(answered["id"], "Thanks! Planned for the spring release.")},
            {"kind": "reply", "reply": product_reply(asked["id"], "Is this on Android or iOS?")},
        ],
        "tour.2",
        announce=True,
    )
    store.sync.set_meta(device_id="d-1", username="anna", server_url="https://palaute.example.com")
    return answered["id"] if mine else ""


def digest() -> FetchedDigest:
    week = week_of(datetime.now(UTC))
    starts, ends = week_bounds(week)
    items = [
        schema.DigestItem(
            id="a",
            text="Customer cannot split a card payment over two accounts",
            status="planned",
            customers=6,
            reps=4,
            reply="Planned for the spring release",
        ),
        schema.DigestItem(id="b", text="Statement PDF misses the IBAN", status="new", customers=2, reps=2),
    ]
    community = schema.CommunityDigest(
        community="payments",
        name="Payments CoP",
        captured=12,
        same_here=9,
        top=items,
        answered=items[:1],
        shipped=[],
        loop=schema.DigestLoop(judged_for_7_days=40, answered_within_7_days=31, shipped=3, customers_behind_shipped=17),
    )
    return FetchedDigest(schema.Digest(week=week, starts=starts, ends=ends, communities=[community]), datetime.now(UTC))


def sign_in(password: bool) -> SignInDialog:
    """The sign-in dialog for a server offering both ways, or (password=False) only the organisation's."""
    methods = schema.SignInMethods(password=password, sso=True, provider_name="Example Org")
    return SignInDialog(
        lambda *a: None,
        "https://palaute.example.com",
        "anna" if password else "",
        sign_in_sso=lambda *a: None,
        sign_in_methods=lambda url: methods,
    )


def problems(window: QWidget, name: str) -> list[str]:
    """Words a person could not read whole, and windows smaller than what their content needs."""
    found = []
    need = window.minimumSizeHint()
    if need.width() > window.width() or need.height() > window.height():
        found.append(f"{name}: needs {need.width()}x{need.height()}, has {window.width()}x{window.height()}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                if widget.heightForWidth(widget.width()) > widget.height() + 1:
                    found.append(f"{name}: label {widget.text()[:40]!r} cut off at the bottom")
            elif widget.sizeHint().width() > widget.width() + 1:
                found.append(f"{name}: label {widget.text()[:40]!r} cut off at the right")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.sizeHint().width() > widget.width() + 1:
                found.append(f"{name}: button {widget.text()!r} cut off")
        elif isinstance(widget, QAbstractScrollArea) and widget.horizontalScrollBar().isVisible():
            found.append(f"{name}: {type(widget).__name__} is wider than its place (a horizontal scrollbar)")
    return found


def visible_texts(window: QWidget) -> list[str]:
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if widget.isVisible() and isinstance(widget, QLabel | QAbstractButton) and widget.text():
            texts.append(widget.text())
        elif widget.isVisible() and isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        elif widget.isVisible() and isinstance(widget, QLineEdit | QPlainTextEdit) and widget.placeholderText():
            texts.append(widget.placeholderText())
    return texts


def main(language: str, out: Path, hold: bool) -> int:
    app = QApplication.instance() or QApplication(["palaute-tour"])
    app.setApplicationName("Palaute")
    translations = Translations()  # kept: its translators are removed when it goes
    translations.apply(language)
    folder = Path(tempfile.mkdtemp(prefix="palaute-tour-"))
    store = open_store(AppPaths.resolve(folder))
    answered = seed(store)
    store.save_draft(Draft(text="", customer_ref=""))
    out.mkdir(parents=True, exist_ok=True)

    capture = CaptureWindow()
    store.save_draft(
        Draft(
            text=f"Customer wants to split the card payment over two accounts; card {CARD}",
            community="payments",
            customer_ref="CASE-4711",
            updated_at=datetime.now(UTC) - timedelta(minutes=40),
        )
    )
    capture.set_store(store)
    inbox = InboxWindow(store)
    settings = SettingsWindow(store)
    settings.load()
    digest_window = DigestWindow(store, lambda week, community: digest())
    fallback = FallbackWindow()
    fallback.set_hotkey_text("Ctrl+Alt+I")
    fallback.show_tray_note()
    tray = Tray()
    tray.set_hotkey_text("Ctrl+Alt+I")
    tray.set_sync_available(True)
    sign_in_both, sign_in_sso = sign_in(True), sign_in(False)
    windows = {
        "capture": capture,
        "inbox": inbox,
        "settings": settings,
        "digest": digest_window,
        "fallback": fallback,
        "sign-in": sign_in_both,
        "sign-in-sso": sign_in_sso,
    }
    report: dict = {"problems": [], "texts": {}}

    def shoot() -> None:
        capture.present()
        inbox.open_thread(answered)
        settings.show()
        digest_window.present()
        fallback.show()
        sign_in_both.show()
        sign_in_sso.show()
        tray.menu.popup(tray.menu.pos())
        QTimer.singleShot(1500, finish)

    def finish() -> None:
        for name, window in windows.items():
            window.grab().save(str(out / f"{name}.png"))
            report["problems"] += problems(window, name)
            report["texts"][name] = visible_texts(window)
        tray.menu.grab().save(str(out / "tray-menu.png"))
        report["texts"]["tray-menu"] = [a.text() for a in tray.menu.actions() if a.text()]
        capture.save()
        QTimer.singleShot(300, after_save)

    def after_save() -> None:
        capture.toast.grab().save(str(out / "saved-toast.png"))
        report["texts"]["toast"] = [capture.toast.text(), capture.toast.undo.text()]
        if not hold:
            print(json.dumps(report), flush=True)
            app.quit()
            return
        # Held open for a screen reader's look: the capture window with personal data and hints showing.
        capture.present()
        capture.text.setPlainText(f"Customer wants to split the card payment over two accounts; card {CARD}")
        QTimer.singleShot(1500, lambda: print(json.dumps(report), flush=True))
        import threading

        threading.Thread(target=lambda: (sys.stdin.read(), QTimer.singleShot(0, app.quit)), daemon=True).start()

    QTimer.singleShot(200, shoot)
    code = app.exec()
    store.close()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2]), "--hold" in sys.argv))
