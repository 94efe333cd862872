"""A smaller ICU data library for the Linux bundle: only what Qt's calls into ICU can reach (used by build.spec).

Qt's libraries call ICU for four things only (checked with `nm -D`: ucnv_*, ucol_*, ucal_*, u_strTo*):
legacy text encodings, collation, time-zone display names and case mapping. PySide6's libicudata (32 MB)
also holds word-break dictionaries, transliteration, spelled-out numbers, currency, unit and language
names, and every locale's data; this keeps the languages the app ships (en, fi, sv, es) plus root.
Needs icupkg and genccode (Debian: icu-devtools) and a C compiler; without them the build keeps the
full library and says so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

LANGUAGES = re.compile(r"^(root|en|fi|sv|es)(_[A-Za-z0-9]+)*$")
LOCALE_ID = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*_?$")  # "fi_FI", "sr_Latn_BA", "de_" (an alias)
# Whole trees Qt never opens: break iteration, transliteration, number spell-out, display names.
UNUSED_TREES = {"brkitr", "translit", "rbnf", "lang", "curr", "unit"}
LARGE_CONVERTER = 32 * 1024  # the multi-byte East Asian tables; single-byte code pages stay
MISSING = re.compile(r"Item (\S+) depends on missing item")
TOOLS = ("icupkg", "genccode", "cc", "nm", "readelf")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def unused_items(items: list[str], sizes: dict[str, int]) -> list[str]:
    """The item names (as `icupkg -l` prints them) that Qt cannot reach for the shipped languages."""
    unused = []
    for item in items:
        parts = item.split("/")
        stem, _, ext = parts[-1].rpartition(".")
        if len(parts) > 1 and parts[0] in UNUSED_TREES:
            unused.append(item)
        elif ext == "cnv" and sizes.get(item, 0) > LARGE_CONVERTER:
            unused.append(item)
        elif ext == "res" and LOCALE_ID.match(stem) and not LANGUAGES.match(stem):
            unused.append(item)
    return unused


def trim_icu_data(library: Path, work: Path) -> Path:
    """Build work/<soname> holding the trimmed data under the same symbol; returns its path."""
    work.mkdir(parents=True, exist_ok=True)
    cached = work / _soname(library)
    if cached.exists() and cached.stat().st_mtime > max(library.stat().st_mtime, Path(__file__).stat().st_mtime):
        return cached  # PyInstaller's own cache is reused across builds; this step follows suit
    symbol, blob = _data_symbol(library)
    entry = symbol.removesuffix("_dat")
    # icupkg takes the package name from the file name: icudt73l.dat (l: little-endian) in two folders.
    full, small = work / "full" / f"{entry}l.dat", work / "small" / f"{entry}l.dat"
    full.parent.mkdir(exist_ok=True)
    small.parent.mkdir(exist_ok=True)
    full.write_bytes(blob)
    items = _run("icupkg", "-l", str(full)).split()
    extracted = work / "items"
    shutil.rmtree(extracted, ignore_errors=True)
    extracted.mkdir()
    (work / "all.txt").write_text("\n".join(items) + "\n")
    _run("icupkg", "-x", str(work / "all.txt"), "-d", str(extracted), str(full))
    sizes = {item: (extracted / item).stat().st_size for item in items if (extracted / item).is_file()}
    remove = set(unused_items(items, sizes))
    for _attempt in range(10):  # dropping an item can orphan the items that point to it: drop those too
        (work / "remove.txt").write_text("\n".join(sorted(remove)) + "\n")
        result = subprocess.run(
            ["icupkg", "-r", str(work / "remove.txt"), str(full), str(small)], capture_output=True, text=True
        )
        orphans = set(MISSING.findall(result.stderr)) - remove
        if result.returncode == 0 and not orphans:
            break
        if not orphans:
            raise RuntimeError(f"icupkg failed: {result.stderr.strip()}")
        remove |= orphans
    # Assembly rather than genccode's own .o writer, which only knows i386 without a template object.
    _run("genccode", "-q", "-a", "gcc", "-e", entry, "-d", str(work), "-f", "icudata", str(small))
    output = work / _soname(library)
    source = next(work.glob("icudata.[sS]"))
    _run("cc", "-shared", "-nostdlib", f"-Wl,-soname,{output.name}", "-o", str(output), str(source))
    return output


def _data_symbol(library: Path) -> tuple[str, bytes]:
    """The library's one exported data symbol (icudtNN_dat) and its bytes."""
    found = [line.split() for line in _run("nm", "-D", "--defined-only", "-S", str(library)).splitlines()]
    name, address, size = next(
        (f[3], int(f[0], 16), int(f[1], 16)) for f in found if len(f) == 4 and f[3].endswith("_dat")
    )
    offset = _file_offset(library, address)
    with library.open("rb") as handle:
        handle.seek(offset)
        blob = handle.read(size)
    if blob[2:4] != b"\xda\x27":  # ICU's data header magic
        raise RuntimeError(f"{library.name}: {name} does not start with ICU data")
    return name, blob


def _file_offset(library: Path, address: int) -> int:
    # `readelf -S -W` lines: [Nr] Name Type Address Off Size ...
    for line in _run("readelf", "-S", "-W", str(library)).splitlines():
        fields = line.split("]", 1)[-1].split()
        if not line.strip().startswith("[") or len(fields) < 5:
            continue
        try:
            start, offset, size = (int(value, 16) for value in fields[2:5])
        except ValueError:
            continue
        if start <= address < start + size:
            return address - start + offset
    raise RuntimeError(f"{library.name}: no section holds address {address:#x}")


def _soname(library: Path) -> str:
    match = re.search(r"\(SONAME\).*\[(.+)\]", _run("readelf", "-d", str(library)))
    return match.group(1) if match else library.name


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout
