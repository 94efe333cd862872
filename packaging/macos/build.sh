#!/usr/bin/env bash
# Build dist/Palaute.app and dist/palaute-<version>-macos-<arch>.dmg on a Mac, self-testing the app.
# With the secrets below it also signs (hardened runtime), notarizes and staples; without them the app is
# only ad-hoc signed (fine for local use; Gatekeeper warns on other Macs).
#   MACOS_SIGN_IDENTITY   "Developer ID Application: Name (TEAMID)" from the login or CI keychain
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD   notarization with an app-specific password, or
#   NOTARY_KEYCHAIN_PROFILE                      a profile saved by `xcrun notarytool store-credentials`
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
version=$("$PY" -c "import desktop; print(desktop.__version__)")
app=dist/Palaute.app
dmg="dist/palaute-${version}-macos-$(uname -m).dmg"
entitlements=packaging/macos/entitlements.plist

"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec

sign() {
    codesign --force --timestamp --options runtime --entitlements "$entitlements" \
        --sign "$MACOS_SIGN_IDENTITY" "$@"
}

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    # Inside out: every Mach-O file, then each framework, then the app itself (no --deep: it skips
    # nested code that is not in a standard place and signs some things twice).
    while IFS= read -r -d '' file; do
        if file -b "$file" | grep -q "Mach-O"; then sign "$file"; fi
    done < <(find "$app/Contents" -type f -print0)
    while IFS= read -r -d '' framework; do sign "$framework"; done \
        < <(find "$app/Contents" -type d -name "*.framework" -print0)
    sign "$app"
    codesign --verify --strict --deep --verbose=2 "$app"
fi

# The signed (or ad-hoc signed) app, exactly as it ships, must pass its self-test.
"$app/Contents/MacOS/palaute" --self-test

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"   # drag-to-install
rm -f "$dmg"
hdiutil create -volname "Palaute" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
    if [ -n "${NOTARY_KEYCHAIN_PROFILE:-}" ]; then
        xcrun notarytool submit "$dmg" --keychain-profile "$NOTARY_KEYCHAIN_PROFILE" --wait
    elif [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
        xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
            --password "$APPLE_APP_PASSWORD" --wait
    else
        echo "signed but not notarized: no notarization credentials given" >&2
        echo "built $app and $dmg"
        exit 0
    fi
    xcrun stapler staple "$dmg"
    xcrun stapler validate "$dmg"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
fi
echo "built $app and $dmg"
