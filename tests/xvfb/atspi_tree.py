"""Read an application's accessibility tree over AT-SPI, as a screen reader does (run by Debian's python3).

    /usr/bin/python3 tests/xvfb/atspi_tree.py APP_NAME [--focus]

Prints JSON: every object of the app's windows with its role, name, states and window; with --focus, only
the object that has the keyboard focus now. pyatspi comes from Debian (python3-pyatspi): it is GObject
introspection bound to the system Python, so the tests call it in its own process.
"""

from __future__ import annotations

import json
import sys

import pyatspi

STATES = {
    "focusable": pyatspi.STATE_FOCUSABLE,
    "focused": pyatspi.STATE_FOCUSED,
    "showing": pyatspi.STATE_SHOWING,
    "enabled": pyatspi.STATE_ENABLED,
}


def find_app(name: str):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == name:
            return app
    return None


def walk(node, window: str, out: list, depth: int = 0, in_combo: bool = False) -> None:
    if node is None or depth > 40:
        return
    states = node.getState()
    role = node.getRoleName()
    out.append(
        {
            "role": role,
            "name": node.name or "",
            "description": node.description or "",
            "window": window,
            "states": [k for k, v in STATES.items() if states.contains(v)],
            "in_combo": in_combo,  # a combo box's own list: its "focused" item is the chosen one, not the focus
        }
    )
    for i in range(min(node.childCount, 200)):  # a long list's items: the first 200 tell enough
        walk(node.getChildAtIndex(i), window, out, depth + 1, in_combo or role == "combo box")


def main() -> int:
    app = find_app(sys.argv[1])
    if app is None:
        desktop = pyatspi.Registry.getDesktop(0)
        names = [desktop.getChildAtIndex(i).name for i in range(desktop.childCount)]
        print(json.dumps({"error": f"application {sys.argv[1]!r} not found; there are {names}"}))
        return 1
    nodes: list = []
    for i in range(app.childCount):
        window = app.getChildAtIndex(i)
        walk(window, window.name or "", nodes)
    if "--focus" in sys.argv:
        nodes = [n for n in nodes if "focused" in n["states"] and not n["in_combo"]]
    print(json.dumps(nodes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
