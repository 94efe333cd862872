#!/usr/bin/env bash
# Build the Linux bundle (dist/Palaute/) and its archive (dist/palaute-<version>-linux-<arch>.tar.gz).
# From a clean clone: creates .venv if missing and installs the app and PyInstaller into it.
# Options (environment): PYTHON=path/to/python to use another interpreter, CLEAN=1 to drop PyInstaller's cache,
# DIST=folder for the results (default dist), WORK=folder for PyInstaller's cache (default build/pyinstaller).
set -euo pipefail
cd "$(dirname "$0")/../.."

PY=${PYTHON:-.venv/bin/python}
if [ ! -x "$PY" ]; then
    python3 -m venv .venv
    PY=.venv/bin/python
fi
if ! "$PY" -c "import PyInstaller, PySide6, sqlalchemy, keyring" 2>/dev/null; then
    "$PY" -m pip install -q --upgrade pip
    "$PY" -m pip install -q -e '.[desktop,build]'
fi

DIST=${DIST:-dist}
WORK=${WORK:-build/pyinstaller}
version=$("$PY" -c "import desktop; print(desktop.__version__)")
archive="$DIST/palaute-${version}-linux-$(uname -m).tar.gz"
"$PY" -m PyInstaller --noconfirm --log-level WARN ${CLEAN:+--clean} \
    --distpath "$DIST" --workpath "$WORK" build.spec

cp packaging/linux/install.sh packaging/linux/palaute.desktop "$DIST/Palaute/"
cp resources/icons/palaute.svg "$DIST/Palaute/palaute.svg"
# -9 costs ~2 s more than the default and saves a few MB for every download.
tar -C "$DIST" -cf - Palaute | gzip -9 > "$archive.tmp"
mv "$archive.tmp" "$archive"
echo "built $DIST/Palaute/ ($(du -sh "$DIST/Palaute" | cut -f1)) and $archive ($(du -h "$archive" | cut -f1))"
