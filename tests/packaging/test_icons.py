"""The installer icons rendered from the SVG: a multi-size Windows .ico and a macOS .icns."""

from __future__ import annotations

import struct

from tests.packaging.conftest import load_packaging_module

icons = load_packaging_module("icons")


def test_ico_and_icns_are_rendered(tmp_path) -> None:
    paths = icons.ensure_icons(tmp_path)
    ico = paths["ico"].read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    widths = [ico[6 + 16 * i] or 256 for i in range(count)]
    assert widths == list(icons.ICO_SIZES)
    first_offset = struct.unpack_from("<I", ico, 6 + 12)[0]
    assert ico[first_offset : first_offset + 8] == b"\x89PNG\r\n\x1a\n"
    icns = paths["icns"].read_bytes()
    assert icns[:4] == b"icns" and struct.unpack_from(">I", icns, 4)[0] == len(icns)


def test_icons_are_not_rendered_again_when_up_to_date(tmp_path) -> None:
    paths = icons.ensure_icons(tmp_path)
    before = {kind: path.stat().st_mtime_ns for kind, path in paths.items()}
    icons.ensure_icons(tmp_path)
    assert {kind: path.stat().st_mtime_ns for kind, path in paths.items()} == before
