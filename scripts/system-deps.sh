#!/usr/bin/env bash
# Install (Debian/Ubuntu) what Palaute needs from the system, and make sure PostgreSQL is up for the tests.
#   scripts/system-deps.sh run    what the desktop app needs to show windows (Qt's xcb libraries)
#   scripts/system-deps.sh test   that, plus the virtual X server, tray host, browser, keyring, PostgreSQL
# Idempotent and quick when everything is there: it only calls apt-get for what is missing.
set -euo pipefail
mode=${1:-test}
command -v dpkg-query >/dev/null || { echo "Not a Debian-like system: install the packages named in scripts/system-deps.sh yourself."; [ "$mode" = run ]; exit; }

run_pkgs=(python3-venv libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
          libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libegl1 libgl1 libfontconfig1
          libdbus-1-3)
test_pkgs=(xvfb xauth xdotool x11-utils trayer copyq chromium gnome-keyring dbus dbus-x11 imagemagick
           postgresql openssl icu-devtools binutils gcc at-spi2-core python3-pyatspi nodejs)

wanted=("${run_pkgs[@]}")
[ "$mode" = test ] && wanted+=("${test_pkgs[@]}")
# Node.js 20+ and npm run the real OpenID provider of the single sign-on tests (tests/support/oidc/). Only when
# the commands are missing: a Node.js installed another way (e.g. NodeSource, which bundles npm) must not be
# replaced by the distribution's packages.
if [ "$mode" = test ] && { ! command -v node >/dev/null || ! command -v npm >/dev/null; }; then
  wanted+=(nodejs npm)
fi

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

# npm installs axe-core for the web page's accessibility test; some nodejs builds (NodeSource) bundle it, and
# Debian's separate npm package would conflict with those, so it is only asked for when the command is absent.
if [ "$mode" = test ] && ! command -v npm >/dev/null; then missing+=(npm); fi

sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "Palaute needs these system packages: ${missing[*]} (install them with your package manager)." >&2
    exit 1
  fi
  echo "Installing system packages: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$mode" = test ]; then
  # The PostgreSQL tests need a server on 127.0.0.1:5432 that trusts local connections.
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "Starting PostgreSQL"
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    conf=/etc/postgresql/$version/main
    if ! grep -q "^host all all 127.0.0.1/32 trust" "$conf/pg_hba.conf"; then
      # Only for a machine set up for tests: trust loopback so the suite needs no password.
      "${sudo_cmd[@]}" sed -i '1i host all all 127.0.0.1/32 trust' "$conf/pg_hba.conf"
    fi
    "${sudo_cmd[@]}" pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  pg_isready -h 127.0.0.1 -p 5432
  psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE test" >/dev/null
fi
