#!/usr/bin/env bash
# The server as it is installed on a server: a virtual environment with only `pip install -e '.[server,test]'`
# (no Qt, none of the desktop's packages), a check that PySide6 cannot be imported there, then tests/server.
# The environment is kept in .venv-server/ and rebuilt when pyproject.toml changes; pip's own cache makes a
# rebuild quick. Extra arguments go to pytest (e.g. -x, or a narrower path under tests/server).
#   scripts/test-server-venv.sh [PYTEST ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
venv=${SERVER_VENV:-.venv-server}
stamp=$venv/.installed-stamp

if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "Building $venv (server and test extras only)"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  # pip's output (build warnings included) goes to a log, shown only when the install fails.
  if ! { "$venv/bin/python" -m pip install -q --upgrade pip \
         && "$venv/bin/python" -m pip install -q -e '.[server,test]'; } > "$venv/install.log" 2>&1; then
    cat "$venv/install.log" >&2
    exit 1
  fi
  touch "$stamp"
fi

if "$venv/bin/python" -c "import PySide6" 2>/dev/null; then
  echo "PySide6 is importable in $venv: something in the server's dependencies pulls in Qt" >&2
  exit 1
fi
"$venv/bin/python" -c "import server.app, server.cli"  # the server itself loads without the desktop's packages

# pytest-qt is installed (a test tool) but has no Qt binding to drive here.
paths=(tests/server)
for arg in "$@"; do [[ $arg == tests/* ]] && paths=(); done  # a narrower path replaces the default
exec "$venv/bin/python" -m pytest -p no:pytest-qt ${paths[@]+"${paths[@]}"} "$@"
