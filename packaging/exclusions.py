"""What the bundle leaves out, each with its reason: read by build.spec and checked by tests/packaging."""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase


@dataclass(frozen=True)
class Excluded:
    """A module (dotted name) or a bundle path pattern (fnmatch, '/'-separated) and why it is left out."""

    pattern: str
    reason: str


SERVER = "the backend runs on a server, never inside the desktop app"
TESTS = "a test tool: the installed app runs no tests"
MEANING_OFF = "the duplicate hints' meaning layer is off in the shipped app (desktop/store/similar.py)"
UNUSED_QT = "a Qt module the app never imports (it uses QtCore, QtGui, QtWidgets and QtNetwork only)"

# Python packages and modules: passed to Analysis(excludes=...), so nothing that imports them can pull them in.
MODULES: tuple[Excluded, ...] = (
    *(
        Excluded(name, SERVER)
        for name in (
            "server",
            "fastapi",
            "starlette",
            "uvicorn",
            "pydantic_settings",
            "argon2",
            "_argon2_cffi_bindings",
            "jinja2",
            "multipart",
            "python_multipart",
            "psycopg",
            "psycopg_binary",
            "psycopg_pool",
            "httptools",
            "uvloop",
            "aiohttp",
            "aiohappyeyeballs",
            "aiosignal",
            "watchfiles",
            "websockets",
            "anyio",
            "sniffio",
            "h11",
            "email_validator",
            "dotenv",
        )
    ),
    Excluded("numpy", MEANING_OFF),
    *(
        Excluded(name, TESTS)
        for name in (
            "pytest",
            "_pytest",
            "pytestqt",
            "pytest_timeout",
            "pluggy",
            "playwright",
            "schemathesis",
            "hypothesis",
            "httpx",
            "httpcore",
            "tests",
            "PyInstaller",
        )
    ),
    *(
        Excluded(f"PySide6.{name}", UNUSED_QT)
        for name in (
            "QtDBus",
            "QtSvg",
            "QtSvgWidgets",
            "QtOpenGL",
            "QtOpenGLWidgets",
            "QtPrintSupport",
            "QtSql",
            "QtTest",
            "QtXml",
            "QtConcurrent",
            "QtUiTools",
            "QtDesigner",
            "QtHelp",
            "QtQml",
            "QtQuick",
            "QtQuickWidgets",
        )
    ),
    Excluded("tkinter", "Tk is not used; Qt draws every window"),
    Excluded("lib2to3", "a source converter for Python 2 code"),
    *(
        Excluded(
            name,
            "terminal pretty-printers reached only from debugging helpers (pydantic's "
            "pretty_print_core_schema, Mako's HTML error page)",
        )
        for name in ("rich", "pygments", "markdown_it", "mdurl")
    ),
    *(
        Excluded(name, "setuptools' old plugin lookup; keyring and the app use importlib.metadata")
        for name in ("pkg_resources", "setuptools", "_distutils_hack")
    ),
    Excluded("greenlet", "only SQLAlchemy's asyncio extension needs it; the store is synchronous"),
    Excluded("sqlalchemy.ext.asyncio", "the store is synchronous"),
    Excluded("alembic.testing", "Alembic's own test suite"),
    Excluded("sqlalchemy.testing", "SQLAlchemy's own test suite"),
    *(
        Excluded(
            f"phonenumbers.{name}",
            "the privacy guard only matches numbers: no place names (40 MB), carriers or time zones",
        )
        for name in ("geodata", "geocoder", "carrierdata", "carrier", "tzdata", "timezone")
    ),
    Excluded("keyrings", "keyrings.alt would silently pick a plain-text file instead of the OS keyring"),
    *(
        Excluded(
            name,
            "the type checker and what it alone uses: PyInstaller's pydantic hook collects pydantic's mypy plugin, "
            "which pulled in part of mypy (3.4 MiB) that the app never runs",
        )
        for name in ("pydantic.mypy", "pydantic.v1.mypy", "mypy", "mypy_extensions", "librt", "ast_serialize")
    ),
)

# Files that hooks collect but the app never loads. Matched against each file's path inside the bundle
# folder that holds the Python modules (_internal/ on Linux and Windows, Contents/Frameworks on macOS).
# PySide6 keeps Qt's files in PySide6/Qt/ on Linux and macOS, directly in PySide6/ on Windows; fnmatch's
# "*" also matches "/", so "PySide6*/plugins" covers both.
QT = "PySide6*"
FILES: tuple[Excluded, ...] = (
    Excluded("babel/locale-data/*", "CLDR data of ~800 locales (35 MB); the four languages shipped are KEPT_FILES"),
    Excluded(f"{QT}/translations/*", "Qt's catalogues for languages the app does not ship (kept: KEPT_FILES)"),
    Excluded(f"{QT}/plugins/platformthemes/*gtk3*", "the GTK theme plugin pulls ~20 MB of GTK, cairo and pango"),
    Excluded(f"{QT}/plugins/platforms/*eglfs*", "embedded full-screen EGL: no desktop session uses it"),
    Excluded(f"{QT}/plugins/platforms/*linuxfb*", "frame-buffer console output, not a desktop"),
    Excluded(f"{QT}/plugins/platforms/*minimal*", "a headless test platform; offscreen (kept) covers self-tests"),
    Excluded(f"{QT}/plugins/platforms/*vnc*", "serves the app over VNC: not wanted, and a security surface"),
    Excluded(f"{QT}/plugins/platforms/*vkkhrdisplay*", "Vulkan direct-to-display, for kiosks"),
    Excluded(f"{QT}/plugins/egldeviceintegrations/*", "only used by the eglfs platform, left out above"),
    Excluded(f"{QT}/plugins/xcbglintegrations/*", "OpenGL under X11: the app draws with the raster engine"),
    Excluded(
        f"{QT}/plugins/wayland-graphics-integration-client/*",
        "EGL/Vulkan buffers under Wayland: raster windows use shared memory",
    ),
    Excluded(f"{QT}/plugins/wayland-graphics-integration-server/*", "for Wayland compositors, not clients"),
    *(
        Excluded(
            f"{QT}/plugins/wayland-shell-integration/*{name}*",
            "an old or special-purpose Wayland shell; desktops use xdg-shell (kept)",
        )
        for name in ("ivi-shell", "fullscreen-shell", "wl-shell", "qt-shell")
    ),
    Excluded(f"{QT}/plugins/generic/*", "raw evdev/tslib input, for devices without a window system"),
    Excluded(f"{QT}/plugins/networkinformation/*", "QNetworkInformation is not used (sync retries on failure)"),
    Excluded(
        f"{QT}/plugins/tls/*",
        "QtNetwork carries only the local single-instance socket; HTTPS goes through requests and the OS trust store",
    ),
    Excluded(f"{QT}/plugins/imageformats/*", "the icons are PNG, which QtGui reads without a plugin"),
    Excluded(f"{QT}/plugins/iconengines/*", "no SVG icons are loaded at run time (PNG renders are shipped)"),
    Excluded(f"{QT}/plugins/vectorimageformats/*", "Lottie animations are not used"),
    Excluded(f"{QT}/plugins/printsupport/*", "the app prints nothing"),
    Excluded(f"{QT}/plugins/sqldrivers/*", "the store uses Python's sqlite3, not QtSql"),
    Excluded(f"{QT}/plugins/platforminputcontexts/*virtualkeyboard*", "an on-screen keyboard needing QtQuick"),
    Excluded(f"{QT}/plugins/qmltooling/*", "QML debugging; the app has no QML"),
    Excluded(f"{QT}/plugins/designer/*", "Qt Designer plugins"),
    Excluded(f"{QT}/qml/*", "QML modules; the app has no QML"),
    Excluded(
        "stdnum/*.dat", "number ranges for ids the privacy guard does not check (MAC, IMSI, ISBN...); kept: KEPT_FILES"
    ),
    # Qt libraries loaded only by the plugins above: libQt6X.so.6 (Linux), Qt6X.dll (Windows),
    # QtX.framework (macOS). Only ever matched inside PySide6/ or at the top level, never a Python module.
    *(
        Excluded(pattern.format(name), reason)
        for name, reason in (
            ("Svg", "only the SVG plugins left out above load it"),
            ("Pdf", "only the PDF image plugin left out above loads it"),
            ("Quick", "only QML/virtual-keyboard plugins left out above load it"),
            ("Qml", "only QML/virtual-keyboard plugins left out above load it"),
            ("VirtualKeyboard", "only the virtual-keyboard plugin left out above loads it"),
            ("EglFs", "only the eglfs platform left out above loads it"),
        )
        for pattern in ("*Qt6{}*", "*Qt{}.framework/*")
    ),
    Excluded("*Qt6OpenGL.*", "only the OpenGL integrations left out above load it (Linux, Windows)"),
    Excluded("*opengl32sw.dll", "Windows' software OpenGL fallback (20 MB): the app draws with the raster engine"),
    Excluded(
        "libdbus-1.so*",
        "the D-Bus client library must match the system's D-Bus (every Linux desktop has "
        "it; PySide6's own wheel relies on it too), and a bundled copy drags in libsystemd, libgcrypt, zstd",
    ),
    Excluded("*libgtk-3*", "GTK comes only with the GTK theme plugin left out above"),
    Excluded("*libgdk-3*", "GTK comes only with the GTK theme plugin left out above"),
)

# Exceptions to FILES: Qt's own strings (standard buttons, dialogs) in the languages the app ships.
# And python-stdnum's IBAN country formats, which stdnum.iban reads. Patterns, like FILES.
KEPT_FILES: tuple[str, ...] = (
    *(f"{QT}/translations/qtbase_{lang}.qm" for lang in ("fi", "sv", "es")),
    # Babel reads a language's file and its parents (root, then en for en_001 style variants).
    *(f"babel/locale-data/{name}.dat" for name in ("root", "en", "fi", "sv", "es")),
    "stdnum/iban.dat",
)


def module_names() -> list[str]:
    return [item.pattern for item in MODULES]


def excluded_file(path: str) -> Excluded | None:
    """The rule that leaves this bundle path out, or None if it is shipped."""
    path = path.replace("\\", "/")
    if any(fnmatchcase(path, kept) for kept in KEPT_FILES):
        return None
    for item in FILES:
        if fnmatchcase(path, item.pattern):
            return item
    return None


def module_excluded(module: str) -> Excluded | None:
    """The rule that leaves this dotted module out (the package itself or anything inside it)."""
    for item in MODULES:
        if module == item.pattern or module.startswith(item.pattern + "."):
            return item
    return None
