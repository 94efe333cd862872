"""Child of test_undo_click.py: save an insight, then click the toast's Undo with the real X pointer (xdotool).

python -m tests.xvfb.undo_child DATA_DIR      prints one JSON line with what is left afterwards
"""

from __future__ import annotations

import json
import subprocess
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.paths import AppPaths
from desktop.store import open_store
from desktop.ui.capture_window import CaptureWindow


def main(folder: str) -> int:
    app = QApplication(["palaute-undo"])
    store = open_store(AppPaths.resolve(folder))
    window = CaptureWindow()
    window.set_store(store)
    window.present()
    outcome: dict = {}

    def save() -> None:
        window.text.setPlainText("Undo me with a real click")
        outcome["saved"] = window.save()
        outcome["toast"] = window.toast.isVisible()
        QTimer.singleShot(500, click)

    def click() -> None:
        centre = window.toast.undo.mapToGlobal(window.toast.undo.rect().center())
        subprocess.run(["xdotool", "mousemove", str(centre.x()), str(centre.y()), "click", "1"], check=True)
        QTimer.singleShot(800, check)

    def check() -> None:
        outcome.update(
            insights=len(store.list_insights()),
            text=window.text.toPlainText(),
            window=window.isVisible(),
            toast_after=window.toast.isVisible(),
        )
        print(json.dumps(outcome), flush=True)
        app.quit()

    QTimer.singleShot(300, save)
    app.exec()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
