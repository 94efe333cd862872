"""The desktop app's wiring: single instance, tray and hotkey first, then the windows and the store."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from desktop import APP_ID, APP_NAME, __version__
from desktop.language import _
from desktop.paths import AppPaths
from desktop.platform.instance_client import ACTIVATE, REFRESH, SHOW_CAPTURE, SHOW_INBOX, notify_running_app, show_inbox

log = logging.getLogger("palaute.app")
READY_FILE_ENV = "PALAUTE_READY_FILE"
HAND_OVER_SECONDS = 5.0  # a first app still starting needs a moment before it listens


def run(args: Any = None) -> int:
    """Start the app, or hand the request to the one already running on this data folder."""
    started = time.perf_counter()
    if getattr(args, "demo", False):
        return _run_demo(args, started)
    paths = AppPaths.resolve(getattr(args, "data_dir", None))
    return _run_with(paths, args, started)


def _run_demo(args: Any, started: float) -> int:
    """`palaute --demo`: a throw-away server and data folder, signed in, so the whole loop works at once."""
    from desktop.demo import start_demo

    if getattr(sys, "frozen", False):
        # The installed app carries no server; the demo runs from a source checkout.
        print(
            _(
                "palaute: the demo needs a source checkout of Palaute: run `make run` there. The installed app "
                "works on its own, or with your company's Palaute server (Settings → Server)."
            ),
            file=sys.stderr,
        )
        return 2
    print("Starting the Palaute demo server…", flush=True)
    try:
        demo = start_demo()
    except RuntimeError as exc:
        print(f"palaute: {exc}", file=sys.stderr)
        return 1
    print(demo.banner(), flush=True)
    try:
        return _run_with(demo.paths, args, started, demo=demo)
    finally:
        demo.stop()


def _run_with(paths: AppPaths, args: Any, started: float, demo: Any = None) -> int:
    try:
        paths.ensure()
    except OSError as exc:
        print(
            _("Palaute cannot create its data folder {folder} ({reason}).").format(
                folder=paths.data_dir, reason=exc.strerror
            ),
            file=sys.stderr,
        )
        return 1
    _setup_logging(paths)
    request = _request(args)

    from desktop.ui.qt_runtime import load_qt

    load_qt()  # before anything else imports Qt, so no later import pays for the binding's source scan
    from desktop.ui.instance_lock import InstanceLock

    lock = InstanceLock(paths)
    if not lock.try_acquire():
        handed = _hand_over(paths, request, lock)
        if handed is not None:
            return handed
    try:
        return _run_app(paths, request, started, demo)
    finally:
        lock.release()


def _request(args: Any) -> dict:
    """What the start asks for: `palaute capture --show`, `palaute inbox --show [ID]`, or just the app."""
    command = getattr(args, "command", None)
    if getattr(args, "show_capture", False) or (command == "capture" and getattr(args, "show", False)):
        return SHOW_CAPTURE
    if command == "inbox":
        return show_inbox(getattr(args, "insight_id", None))
    return ACTIVATE


def _setup_logging(paths: AppPaths) -> None:
    if logging.getLogger().handlers:  # the command line set it up already
        return
    from desktop.logs import setup_logging

    setup_logging(paths.log_dir, console=True, rotate=False)  # rotating from _finish_start


def _hand_over(paths: AppPaths, request: dict, lock: Any) -> int | None:
    """0 once the running app took the request; None if it died meanwhile (we now hold the lock)."""
    deadline = time.monotonic() + HAND_OVER_SECONDS
    while True:
        if notify_running_app(paths, request):
            log.info("handed %s to the running app (pid %s)", request, lock.owner_pid())
            return 0
        if lock.try_acquire():
            return None
        if time.monotonic() > deadline:
            print(
                _(
                    "Palaute is already running but does not answer. Quit it (or end the process {pid}) and "
                    "start it again."
                ).format(pid=lock.owner_pid()),
                file=sys.stderr,
            )
            return 1
        time.sleep(0.1)


def _run_app(paths: AppPaths, request: dict, started: float, demo: Any = None) -> int:
    from PySide6.QtWidgets import QApplication

    _set_windows_app_id()

    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(APP_ID)
    qapp = QApplication.instance() or QApplication([sys.argv[0]])
    qapp.setQuitOnLastWindowClosed(False)  # a tray app lives on with no window open
    palaute = PalauteApp(qapp, paths, show_capture=request is SHOW_CAPTURE, started=started, demo=demo)
    if request.get("action") == SHOW_INBOX:
        palaute.after_start(lambda: palaute.on_message(request))
    try:
        return qapp.exec()
    finally:
        palaute.shutdown()


class PalauteApp:
    """Builds the parts in the order the first moments need them and connects their signals."""

    def __init__(
        self, qapp: Any, paths: AppPaths, *, show_capture: bool = False, started: float | None = None, demo: Any = None
    ) -> None:
        from desktop.quick_settings import read_quick_settings, read_signed_in
        from desktop.ui.i18n import Translations
        from desktop.ui.icons import app_icon
        from desktop.ui.session import SessionGuard
        from desktop.ui.tray import Tray

        self.qapp, self.paths, self.demo = qapp, paths, demo
        self.sync: Any = None
        self.started = started if started is not None else time.perf_counter()
        self.store: Any = None
        self.capture: Any = None
        self.settings_window: Any = None
        self.inbox_window: Any = None
        self.digest_window: Any = None
        self._membership: Any = None  # the running join/leave call of Settings → Communities
        self.fallback: Any = None
        self.hotkey_problem: str | None = None
        self._show_capture_when_built = show_capture
        self._after_start: list[Any] = []
        self._shut_down = False
        self._privacy_warm = False
        quick = read_quick_settings(paths.db_path)  # hotkey and language before SQLAlchemy is even imported
        self._signed_in = read_signed_in(paths.db_path)

        self.translations = Translations()
        self.translations.apply(quick.get("language"))
        qapp.setWindowIcon(app_icon())
        self.session = SessionGuard(qapp, self.flush)

        self.tray = Tray(qapp)
        self._connect_menu(self.tray)
        self.tray.digest_requested.connect(self.show_digest)
        self.has_tray = self.tray.available()
        if self.has_tray:
            self.tray.show()
        self.hotkey, self.default_hotkey = self._create_hotkey()
        self.register_hotkey(quick.get("hotkey") or self.default_hotkey)
        if not self.has_tray:
            self._show_fallback()
        self._announce_ready()
        # Listening needs QtNetwork, which "ready" does not: a second `palaute` started in these few
        # milliseconds retries (see _hand_over), since we already hold the lock.
        from desktop.ui.single_instance import InstanceServer

        self.server = InstanceServer(paths, qapp)
        self.server.message_received.connect(self.on_message)
        self.server.listen()

        from PySide6.QtCore import QTimer

        from desktop.ui.store_loader import StoreLoader

        self.loader = StoreLoader(paths, qapp)
        self.loader.loaded.connect(self._on_store_loaded)
        self.loader.failed.connect(self._on_store_failed)
        QTimer.singleShot(0, self._finish_start)

    # --- start ----------------------------------------------------------------------------------------------
    def _connect_menu(self, source: Any) -> None:
        source.capture_requested.connect(self.show_capture)
        source.inbox_requested.connect(self.show_inbox)
        source.settings_requested.connect(self.show_settings)
        source.quit_requested.connect(self.quit)

    def _create_hotkey(self) -> tuple[Any, str]:
        try:
            from desktop.platform.hotkey import create_hotkey, default_sequence
        except ImportError:
            log.warning("no global hotkey module; the tray menu and `palaute capture --show` still work")
            return None, "Ctrl+Alt+I"
        hotkey = create_hotkey(self.qapp)
        hotkey.activated.connect(self.show_capture)
        return hotkey, default_sequence()

    def register_hotkey(self, sequence: str) -> bool:
        from desktop.errors import PalauteError

        if self.hotkey is None:
            return False
        try:
            self.hotkey.register(sequence)
        except PalauteError as exc:
            log.warning("hotkey %s not registered: %s", sequence, exc.user_message)
            self.hotkey_problem = exc.user_message
        else:
            self.hotkey_problem = None
        self._show_hotkey_text()
        return self.hotkey_problem is None

    def _show_hotkey_text(self) -> None:
        from PySide6.QtGui import QKeySequence

        current = self.hotkey.current() if self.hotkey is not None else None
        text = (
            QKeySequence.fromString(current, QKeySequence.SequenceFormat.PortableText).toString(
                QKeySequence.SequenceFormat.NativeText
            )
            if current
            else None
        )
        self.tray.set_hotkey_text(text)
        if self.fallback is not None:
            self.fallback.set_hotkey_text(text)

    def _show_fallback(self) -> None:
        from desktop.ui.fallback_window import FallbackWindow

        self.fallback = FallbackWindow()
        self._connect_menu(self.fallback)
        self._show_hotkey_text()
        self.fallback.show()

    def _announce_ready(self) -> None:
        elapsed = (time.perf_counter() - self.started) * 1000
        log.info("palaute ready")
        # CPU time since the process began is the figure that the machine's load does not distort.
        log.info(
            "tray %s, hotkey %s, %.0f ms after run(), %.0f ms CPU since the process started",
            "shown" if self.has_tray else "unavailable (window shown)",
            self.hotkey.current() if self.hotkey is not None else None,
            elapsed,
            time.process_time() * 1000,
        )
        ready_file = os.environ.get(READY_FILE_ENV)
        if ready_file:
            Path(ready_file).touch()

    def _finish_start(self) -> None:
        from desktop.logs import start_rotating

        start_rotating()
        if self._store_needed_at_start():
            log.info("the store opens now")
            self.open_store()  # SQLAlchemy imports in its thread while the window is built here
        else:
            log.info("the store opens on first use (signed out, in the tray)")
        self._build_capture()
        if self.hotkey_problem:
            self.tell(self.hotkey_problem, error=True)
        if self._show_capture_when_built:
            self._present_capture()
        for call in self._after_start:
            call()

    def after_start(self, call: Any) -> None:
        """Run `call()` once the start is finished (the store is loading): `palaute inbox --show` uses it."""
        self._after_start.append(call)

    def _store_needed_at_start(self) -> bool:
        """Sync (signed in, or the demo), the no-tray window and a capture asked for at start need the store now.

        Signed out and waiting in the tray, the app opens it on first use instead (the capture window copes with a
        store that arrives while the rep types): SQLAlchemy alone is a third of the idle app's memory.
        """
        return self._signed_in or self.demo is not None or self.fallback is not None or self._show_capture_when_built

    def open_store(self) -> None:
        """Start opening the store in its thread, unless it is open or opening; `loaded` or `failed` follows."""
        if not self.loader.started:
            self.loader.start()

    def _build_capture(self) -> None:
        if self.capture is not None:
            return
        from desktop.ui.capture_window import CaptureWindow

        self.capture = CaptureWindow()
        self.capture.captured.connect(self._on_captured)
        self.capture.same_here_said.connect(self._on_captured)
        if self.store is not None:
            self.capture.set_store(self.store)

    def _on_store_loaded(self, store: Any) -> None:
        from desktop.errors import PalauteError

        if store is self.store:  # already taken by _require_store; this is the queued signal
            return
        self.store = store
        try:
            if self.capture is None:
                self._build_capture()  # sets the store on the new window
            else:
                self.capture.set_store(store)
            self._apply_stored_settings(store)
        except PalauteError as exc:
            self.tell(exc.user_message, error=True)
        for notice in store.notices:
            self.tell(notice, error=True)
        self._start_sync(store)
        _release_startup_memory()

    # --- sync ------------------------------------------------------------------------------------------------
    def _start_sync(self, store: Any) -> None:
        from desktop.ui.sync_controller import SyncController

        if self.sync is not None:
            return
        if self.demo is not None:
            from desktop.demo import demo_vault

            vault = demo_vault()
        else:
            from desktop.sync.credentials import Vault

            vault = Vault()
        self.sync = SyncController(store, self.tray, vault, self.qapp)
        self.sync.data_changed.connect(self._refresh_windows)
        self.sync.signed_out.connect(self._signed_out)
        self.sync.open_thread.connect(self.open_thread)
        self.sync.status_changed.connect(self._after_first_sync)
        if self.demo is None:
            self.sync.start()
            return
        from desktop.demo import sign_in_demo
        from desktop.ui.background import BackgroundCall

        self._demo_sign_in = BackgroundCall(self.qapp)
        self._demo_sign_in.succeeded.connect(self._demo_signed_in)
        self._demo_sign_in.failed.connect(lambda message: self.tell(message, error=True))
        self._demo_sign_in.run(sign_in_demo, self.demo, store)

    def _after_first_sync(self, status: Any) -> None:
        """Once the first sync is through, hand back what signing in freed: the sync stack (HTTP, pydantic, the
        keyring, the proofs' crypto) loads after the store's own trim, so without this its start-up garbage
        stays in the heap all day."""
        from desktop.sync.status import State

        if status.state is State.IDLE:
            self.sync.status_changed.disconnect(self._after_first_sync)
            _release_startup_memory()

    def _demo_signed_in(self, _result: Any) -> None:
        from desktop.demo import PRODUCT_NAME

        self.sync.start()
        self.tell(f"Demo: answer your insights on {self.demo.url}/ (sign in as {PRODUCT_NAME})")

    def _refresh_windows(self) -> None:
        if self.inbox_window is not None and self.inbox_window.isVisible():
            self.inbox_window.refresh()

    def open_thread(self, insight_id: str) -> None:
        self.show_inbox()
        if self.inbox_window is not None and hasattr(self.inbox_window, "open_thread"):
            self.inbox_window.open_thread(insight_id)

    def show_sign_in(self) -> None:
        from PySide6.QtCore import Qt

        from desktop.ui.sign_in_dialog import SignInDialog

        store = self._require_store()
        if store is None or self.sync is None:
            return
        dialog = SignInDialog(
            self.sync.sign_in,
            store.sync.meta("server_url") or "",
            store.sync.meta("username") or "",
            self.settings_window,
            sign_in_sso=self.sync.sign_in_sso,
            sign_in_methods=self.sync.sign_in_methods,
        )
        dialog.signed_in.connect(self._signed_in)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _raise(dialog)

    def _signed_in(self, _pair: Any) -> None:
        self.sync.restart()
        if self.settings_window is not None:
            self.settings_window.load()

    def sign_out(self) -> None:
        if self.sync is not None:
            self.sync.sign_out()  # signed_out() follows, from the background

    def _signed_out(self) -> None:
        if self.settings_window is not None:
            self.settings_window.load()

    def _apply_stored_settings(self, store: Any) -> None:
        settings = store.settings
        if self.translations.language != self._language_for(settings.get("language")):
            self.translations.apply(settings.get("language"))
        wanted = settings.get("hotkey") or self.default_hotkey
        if self.hotkey is not None and self.hotkey.current() != wanted and not self.hotkey_problem:
            self.register_hotkey(wanted)
        if self.fallback is not None and not settings.get("tray_hint_shown"):
            self.fallback.show_tray_note()
            settings.set("tray_hint_shown", True)

    @staticmethod
    def _language_for(setting: str) -> str:
        from desktop.ui.i18n import resolve_language

        return resolve_language(setting)

    def _on_store_failed(self, message: str) -> None:
        from desktop.ui.icons import TrayState

        self.tray.set_state(TrayState.ERROR)
        self._build_capture()
        self.capture.set_store_error(message)
        self.tell(message, error=True)

    # --- requests ----------------------------------------------------------------------------------------
    def tell(self, text: str, *, error: bool = False) -> None:
        """A message the user must see once: a tray notification, or the fallback window's note line."""
        if self.fallback is not None:
            (self.fallback.show_problem if error else self.fallback.show_message)(text)
        elif self.has_tray:
            self.tray.notify(APP_NAME, text, error=error)
        log.info("told the user: %s", text)

    def show_capture(self) -> None:
        self.open_store()  # in its thread: the window shows at once, the store arrives while the rep types
        self._build_capture()
        self._present_capture()
        log.info("showing the capture window")

    def _present_capture(self) -> None:
        self.capture.present()
        if not self._privacy_warm:
            # The personal-data detector's libraries (~10 MiB) load while the rep starts typing, not at start:
            # an app that sits in the tray all day may never need them.
            self._privacy_warm = True
            _warm_up_privacy()

    def _require_store(self) -> Any:
        if self.store is None:
            self.open_store()
            store = self.loader.wait(30)  # the user asked for a window that needs it: worth the wait
            if store is not None and self.store is None:
                self._on_store_loaded(store)
        return self.store

    def show_settings(self) -> None:
        store = self._require_store()
        if store is None:
            self.tell(self.loader.error or "", error=True)
            return
        if self.settings_window is None:
            from desktop.ui.settings_window import SettingsWindow

            try:
                from desktop.platform.autostart import autostart_backend

                autostart = autostart_backend()
            except ImportError:
                autostart = None
            self.settings_window = SettingsWindow(store, self.hotkey, autostart, self.default_hotkey)
            self.settings_window.hotkey_changed.connect(self._on_hotkey_changed)
            self.settings_window.account.sign_in_requested.connect(self.show_sign_in)
            self.settings_window.account.sign_out_requested.connect(self.sign_out)
            self.settings_window.language_changed.connect(self.translations.apply)
            self.settings_window.communities.membership_requested.connect(self.change_membership)
        else:
            self.settings_window.load()
        if self.hotkey_problem:
            self.settings_window.show_hotkey_problem(self.hotkey_problem)
        _raise(self.settings_window)

    def _on_hotkey_changed(self, _sequence: str) -> None:
        self.hotkey_problem = None
        self._show_hotkey_text()
        if self.fallback is not None:
            self.fallback.clear_problem()

    def show_inbox(self) -> None:
        store = self._require_store()
        if store is None:
            self.tell(self.loader.error or "", error=True)
            return
        if self.inbox_window is None:
            from desktop.ui.inbox import InboxWindow

            self.inbox_window = InboxWindow(store)
            self.inbox_window.digest_requested.connect(self.show_digest)
            if self.sync is not None:
                self.inbox_window.unread_changed.connect(lambda _count: self.sync.thread_read())
        else:
            self.inbox_window.refresh()
        _raise(self.inbox_window)

    def change_membership(self, slug: str, join: bool) -> None:
        """Join or leave an open community from Settings (off the UI thread), then sync to fetch or drop it."""
        from desktop.sync.account import change_membership
        from desktop.ui.background import BackgroundCall

        store, window = self._require_store(), self.settings_window
        if store is None or self.sync is None or window is None:
            return
        self._membership = BackgroundCall(self.qapp)
        self._membership.succeeded.connect(lambda _r: (window.load(), self.sync.worker.sync_now()))
        self._membership.failed.connect(lambda message: (window.load(), window.message.show_error(message)))
        self._membership.run(lambda: change_membership(store, self.sync.vault, slug, join=join))

    def show_digest(self) -> None:
        store = self._require_store()
        if store is None or self.sync is None:
            self.tell(self.loader.error or "", error=True)
            return
        if self.digest_window is None:
            from desktop.sync.digest import fetch_digest
            from desktop.ui.digest_window import DigestWindow

            vault = self.sync.vault
            self.digest_window = DigestWindow(
                store, lambda week, community: fetch_digest(store, vault, week, community)
            )
        self.digest_window.present()

    def _on_captured(self, _insight: Any) -> None:
        self._refresh_windows()
        if self.sync is not None:
            self.sync.capture_saved()  # push it now, not after the next long-poll

    def on_message(self, message: dict) -> None:
        # The CLI announces its own writes as {"type": "captured", ...}: that is a refresh here.
        action = message.get("action") or {"captured": REFRESH["action"]}.get(message.get("type", ""))
        if action == SHOW_CAPTURE["action"]:
            self.show_capture()
        elif action == ACTIVATE["action"]:
            if self.fallback is not None:
                _raise(self.fallback)
            else:
                self.show_capture()
        elif action == SHOW_INBOX:
            insight_id = message.get("insight_id")
            self.open_thread(insight_id) if isinstance(insight_id, str) and insight_id else self.show_inbox()
        elif action == REFRESH["action"]:
            self._on_captured(None)
        else:
            log.warning("unknown request from another palaute process: %r", message)

    # --- the end -----------------------------------------------------------------------------------------
    def flush(self) -> None:
        """Write the draft now (quit, log out, SIGTERM)."""
        if self.capture is not None:
            if self.store is None and self.capture.autosave.pending:
                self.open_store()
                store = self.loader.wait(10)
                if store is not None and self.store is None:
                    self._on_store_loaded(store)
            self.capture.autosave.flush()

    def quit(self) -> None:
        self.flush()
        self.qapp.quit()

    def shutdown(self) -> None:
        if self._shut_down:
            return
        self._shut_down = True
        self.flush()
        self.session.uninstall()
        self.server.close()
        if self.hotkey is not None:
            self.hotkey.unregister()
        self.tray.hide()
        if self.sync is not None:
            self.sync.stop()
        if "desktop.sync.http" in sys.modules:  # a session was made (else importing it would load requests)
            from desktop.sync.http import abort_all

            abort_all()  # what still waits on the network must not keep the process alive after its windows
        if self.store is not None:
            self.store.close()


def _set_windows_app_id() -> None:
    """Windows groups the taskbar and titles notifications by this id; the installer's shortcut uses the same."""
    if sys.platform != "win32":
        return
    import ctypes

    try:
        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(APP_ID)
    except (AttributeError, OSError):
        log.warning("could not set the Windows AppUserModelID")


def _warm_up_privacy() -> None:
    """Load the personal-data detector's libraries off the UI thread, so the first check does not wait ~0.1 s."""
    import threading

    from privacy import warm_up

    threading.Thread(target=warm_up, name="privacy-warm-up", daemon=True).start()


def _release_startup_memory() -> None:
    """Give back the heap pages that opening the store (imports, migrations) used and freed.

    glibc keeps freed memory mapped; after the import-heavy start this is tens of MiB that an idle tray
    app would otherwise hold for the whole session.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl): nothing to trim
        pass


def _raise(window: Any) -> None:
    window.show()
    window.raise_()
    window.activateWindow()
