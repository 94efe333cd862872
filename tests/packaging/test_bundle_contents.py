"""The built bundle against build.spec's promises: nothing excluded ships, everything the app loads does."""

from __future__ import annotations

import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT, SLOW_TIMEOUT, Bundle, load_packaging_module

pytestmark = [pytest.mark.slow, SLOW_TIMEOUT]
exclusions = load_packaging_module("exclusions")


def _bundled_modules(bundle: Bundle) -> list[str]:
    from PyInstaller.archive.readers import CArchiveReader

    return list(CArchiveReader(str(bundle.executable)).open_embedded_archive("PYZ.pyz").toc)


def test_no_file_matches_an_exclusion(bundle: Bundle) -> None:
    files = [p.relative_to(bundle.internal).as_posix() for p in bundle.internal.rglob("*") if not p.is_dir()]
    assert len(files) > 50  # a real bundle, not an empty folder that passes trivially
    shipped = {path: rule.reason for path in files if (rule := exclusions.excluded_file(path))}
    assert shipped == {}


def test_no_module_matches_an_exclusion(bundle: Bundle) -> None:
    modules = _bundled_modules(bundle)
    assert "desktop.app" in modules and "sqlalchemy" in modules
    shipped = {name: rule.reason for name in modules if (rule := exclusions.module_excluded(name))}
    assert shipped == {}
    # Extension modules and package data live as files: no folder may carry an excluded package either.
    folders = {p.relative_to(bundle.internal).parts[0] for p in bundle.internal.iterdir()}
    assert sorted(f for f in folders if exclusions.module_excluded(f)) == []


def test_resources_translations_and_migrations_are_shipped(bundle: Bundle) -> None:
    resources = bundle.internal / "resources"
    for source in sorted((ROOT / "resources" / "icons" / "png").glob("*.png")):
        assert (resources / "icons" / "png" / source.name).read_bytes() == source.read_bytes()
    for lang in ("en", "fi", "sv", "es"):
        assert (resources / "translations" / f"palaute_{lang}.qm").stat().st_size > 100
    for name in ("lexicon.sqlite", "NOTICE"):  # the hints' lexicon, with the attribution its licence asks for
        assert (resources / "hints-lexicon" / name).read_bytes() == (
            ROOT / "resources" / "hints-lexicon" / name
        ).read_bytes()
    qt_translations = bundle.internal / "PySide6" / "Qt" / "translations"
    assert sorted(p.name for p in qt_translations.iterdir()) == ["qtbase_es.qm", "qtbase_fi.qm", "qtbase_sv.qm"]
    versions = {p.name for p in (ROOT / "desktop" / "store" / "migrations" / "versions").glob("*.py")}
    assert {
        p.name for p in (bundle.internal / "desktop" / "store" / "migrations" / "versions").glob("*.py")
    } == versions


def test_qt_plugins_are_the_ones_the_app_uses(bundle: Bundle) -> None:
    plugins = bundle.internal / "PySide6" / "Qt" / "plugins"
    names = {p.relative_to(plugins).as_posix() for p in plugins.rglob("*.so")}
    for needed in (
        "platforms/libqxcb.so",
        "platforms/libqoffscreen.so",
        "platforms/libqwayland.so",
        "wayland-shell-integration/libxdg-shell.so",
        "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    ):
        assert needed in names
    assert not [n for n in names if "gtk" in n]


def test_archive_unpacks_to_one_folder_with_an_executable(bundle: Bundle) -> None:
    with tarfile.open(bundle.archive) as tar:
        tops = {Path(name).parts[0] for name in tar.getnames()}
        member = tar.getmember("Palaute/palaute")
    assert tops == {"Palaute"}
    assert member.mode & 0o111
    assert (bundle.folder / "install.sh").stat().st_mode & 0o111


def test_install_script_adds_and_removes_the_command_and_menu_entry(bundle: Bundle, tmp_path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    installed = subprocess.run([str(bundle.folder / "install.sh")], env=env, capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    command = tmp_path / ".local" / "bin" / "palaute"
    entry = tmp_path / ".local" / "share" / "applications" / "fi.palaute.Palaute.desktop"
    assert command.resolve() == bundle.executable.resolve()
    assert f'Exec="{bundle.executable}"' in entry.read_text()
    assert subprocess.run([str(command), "--version"], env=env, capture_output=True, text=True).stdout.startswith(
        "Palaute "
    )
    removed = subprocess.run([str(bundle.folder / "install.sh"), "--remove"], env=env, capture_output=True, text=True)
    assert removed.returncode == 0, removed.stderr
    assert not command.exists() and not entry.exists()
    assert bundle.executable.exists()  # the folder itself is the user's to delete
