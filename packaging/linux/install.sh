#!/bin/sh
# Install this unpacked Palaute folder for the current user (no root): a `palaute` command in ~/.local/bin
# and a menu entry. Run it again after unpacking a newer version over this folder; `./install.sh --remove`
# takes both away again (your data stays: see docs/install.md).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin="$HOME/.local/bin"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps"
entry="$apps/fi.palaute.Palaute.desktop"

if [ "${1:-}" = "--remove" ]; then
    rm -f "$bin/palaute" "$entry" "$icons/fi.palaute.Palaute.svg"
    echo "Removed the palaute command and the menu entry. The folder $here can now be deleted."
    exit 0
fi
mkdir -p "$bin" "$apps" "$icons"
ln -sf "$here/palaute" "$bin/palaute"
cp "$here/palaute.svg" "$icons/fi.palaute.Palaute.svg"
sed "s|^Exec=palaute|Exec=\"$here/palaute\"|" "$here/palaute.desktop" > "$entry"
echo "Installed: run 'palaute' or pick Palaute in the applications menu."
case ":$PATH:" in *":$bin:"*) ;; *) echo "Note: $bin is not on your PATH; add it to use the command." ;; esac
