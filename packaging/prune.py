"""Drop the system libraries that only the files left out of the bundle needed (Linux; used by build.spec).

PyInstaller collects a plugin's libraries before the spec filters the plugin out: the GTK theme plugin
alone brings cairo, pango, gdk-pixbuf, atk and more. After the filter, a top-level library that nothing
kept links to (directly or through another kept library) has no reason to ship.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

Entry = tuple  # PyInstaller TOC entry: (dest_name, src_name, typecode)
ImportsOf = Callable[[str], Iterable[tuple[str, str | None]]]


def is_root(dest: str) -> bool:
    """Files that are loaded for their own sake: inside a package folder, Python extensions, libpython."""
    name = PurePosixPath(dest).name
    return "/" in dest.replace("\\", "/") or ".cpython-" in name or ".abi3." in name or name.startswith("libpython")


def reachable_libraries(binaries: list[Entry], imports_of: ImportsOf) -> set[str]:
    """Base names of every library a root links to, transitively (through the bundled copies)."""
    by_name = {PurePosixPath(dest).name: src for dest, src, _kind in binaries}
    seen: set[str] = set()
    todo = [src for dest, src, _kind in binaries if is_root(dest)]
    while todo:
        for name, _path in imports_of(todo.pop()):
            base = PurePosixPath(name).name
            if base not in seen and base in by_name:
                seen.add(base)
                todo.append(by_name[base])
    return seen


def direct_imports(path: str) -> list[tuple[str, str | None]]:
    """The DT_NEEDED names of an ELF file (`ldd` would list the whole closure, left-out libraries' too)."""
    try:
        result = subprocess.run(["objdump", "-p", path], capture_output=True, text=True)
    except FileNotFoundError:  # no binutils: PyInstaller's ldd view keeps more, never too little
        from PyInstaller.depend.bindepend import get_imports

        return list(get_imports(path))
    return [(line.split()[1], None) for line in result.stdout.splitlines() if line.strip().startswith("NEEDED")]


def prune_unlinked(binaries: list[Entry], imports_of: ImportsOf = direct_imports) -> tuple[list[Entry], list[str]]:
    """(kept entries, dropped names); only top-level libraries that no kept file links to are dropped."""
    if not sys.platform.startswith("linux"):
        return binaries, []  # macOS and Windows name dependencies differently; their hooks stay as they are
    needed = reachable_libraries(binaries, imports_of)
    kept = [entry for entry in binaries if is_root(entry[0]) or PurePosixPath(entry[0]).name in needed]
    dropped = sorted(entry[0] for entry in binaries if entry not in kept)
    return kept, dropped
