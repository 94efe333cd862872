"""The exclusion rules and the library pruning build.spec applies, on hand-made inputs (fast, no build)."""

from __future__ import annotations

from tests.packaging.conftest import ROOT, load_packaging_module

exclusions = load_packaging_module("exclusions")
prune = load_packaging_module("prune")
icu = load_packaging_module("icu")


def test_every_rule_gives_a_reason() -> None:
    rules = [*exclusions.MODULES, *exclusions.FILES]
    assert all(len(rule.reason) > 15 for rule in rules)
    assert len({rule.pattern for rule in rules}) == len(rules)  # no rule written twice


def test_server_and_test_tools_are_excluded_but_the_app_is_not() -> None:
    for name in ("server.app", "fastapi", "uvicorn.main", "pytest", "pytestqt.plugin", "playwright.sync_api"):
        assert exclusions.module_excluded(name) is not None, name
    for name in (
        "desktop.app",
        "desktop.sync.client",
        "sqlalchemy.orm",
        "keyring.backends.SecretService",
        "phonenumbers.data",
        "serverless",
        "PySide6.QtWidgets",
    ):
        assert exclusions.module_excluded(name) is None, name


def test_qt_translations_are_cut_to_the_shipped_languages() -> None:
    qt = "PySide6/Qt/translations"
    assert exclusions.excluded_file(f"{qt}/qtbase_de.qm") is not None
    assert exclusions.excluded_file(f"{qt}/qt_fi.qm") is not None  # meta-catalogue; qtbase_fi is loaded directly
    assert exclusions.excluded_file(f"{qt}/qtbase_fi.qm") is None
    assert exclusions.excluded_file("PySide6/Qt/plugins/platformthemes/libqgtk3.so") is not None
    assert exclusions.excluded_file("PySide6/Qt/plugins/platforms/libqxcb.so") is None
    # Windows wheels keep Qt's files directly in PySide6\ (no Qt\ folder): the same rules apply there.
    assert exclusions.excluded_file("PySide6\\plugins\\platforms\\qwindows.dll") is None
    assert exclusions.excluded_file("PySide6\\plugins\\platforms\\qminimal.dll") is not None
    assert exclusions.excluded_file("PySide6\\translations\\qtbase_de.qm") is not None
    assert exclusions.excluded_file("PySide6\\translations\\qtbase_sv.qm") is None
    assert exclusions.excluded_file("PySide6/opengl32sw.dll") is not None


def test_the_apps_own_translations_are_kept_languages() -> None:
    shipped = {p.stem.removeprefix("palaute_") for p in (ROOT / "resources" / "translations").glob("*.qm")}
    kept_qt = {p.rsplit("_", 1)[1].removesuffix(".qm") for p in exclusions.KEPT_FILES if "qtbase_" in p}
    assert len(kept_qt) == 3
    assert kept_qt == shipped - {"en"}  # Qt has no English catalogue: its source strings are English


def test_prune_drops_only_libraries_nothing_kept_links_to() -> None:
    links = {
        "/s/QtCore.abi3.so": ["libQt6Core.so.6"],
        "/s/libQt6Core.so.6": ["libicuuc.so.73", "libglib.so"],
        "/s/libicuuc.so.73": [],
        "/s/libglib.so": [],
        "/s/libcairo.so.2": ["libpixman.so"],
        "/s/libpixman.so": [],
        "/s/_cffi.cpython-311.so": [],
    }
    binaries = [
        ("PySide6/QtCore.abi3.so", "/s/QtCore.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/s/libQt6Core.so.6", "BINARY"),
        ("libglib.so", "/s/libglib.so", "BINARY"),
        ("libcairo.so.2", "/s/libcairo.so.2", "BINARY"),
        ("libpixman.so", "/s/libpixman.so", "BINARY"),
        ("_cffi.cpython-311.so", "/s/_cffi.cpython-311.so", "EXTENSION"),
        ("PySide6/Qt/lib/libicuuc.so.73", "/s/libicuuc.so.73", "BINARY"),
    ]
    kept, dropped = prune.prune_unlinked(binaries, lambda path: [(name, None) for name in links[path]])
    assert dropped == ["libcairo.so.2", "libpixman.so"]
    assert len(kept) == 5


def test_icu_keeps_the_shipped_languages_and_what_qt_calls() -> None:
    items = [
        "coll/fi.res",
        "coll/de.res",
        "coll/root.res",
        "coll/ucadata.icu",
        "brkitr/thaidict.dict",
        "zone/sv.res",
        "zone/ja.res",
        "fi_FI.res",
        "es_419.res",
        "zh_Hant.res",
        "uprops.icu",
        "metaZones.res",
        "translit/root.res",
        "ibm-1390_P110-2003.cnv",
        "ibm-912_P100-1995.cnv",
        "de_.res",
    ]
    sizes = {"ibm-1390_P110-2003.cnv": 160_000, "ibm-912_P100-1995.cnv": 3_000}
    assert sorted(icu.unused_items(items, sizes)) == sorted(
        [
            "coll/de.res",
            "brkitr/thaidict.dict",
            "zone/ja.res",
            "zh_Hant.res",
            "translit/root.res",
            "ibm-1390_P110-2003.cnv",
            "de_.res",
        ]
    )
