"""The command line's language: gettext catalogues and Babel's dates, numbers and plural rules (no Qt here).

The language is the one chosen in Settings, else the first supported one in LANGUAGE, LC_ALL, LC_MESSAGES
or LANG, else English. The desktop windows use Qt's translations (desktop/ui/i18n.py) for the same four.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING

from desktop.paths import resources_dir

if TYPE_CHECKING:
    from protocol.digest import Words

SUPPORTED = ("en", "fi", "sv", "es")
DOMAIN = "palaute_cli"
_current: list[str] = ["en"]


def language_from(setting: str | None = None, environ: dict[str, str] | None = None) -> str:
    """The language to speak: `setting` ("fi", "system", None …), else the environment's."""
    if setting in SUPPORTED:
        return setting
    env = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for name in (env.get(variable) or "").split(":"):
            code = name.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
            if code in SUPPORTED:
                return code
            if code in ("c", "posix"):
                return "en"
    return "en"


def use(language: str) -> str:
    """Speak `language` from now on (an unsupported one means English)."""
    _current[0] = language if language in SUPPORTED else "en"
    return _current[0]


def current() -> str:
    return _current[0]


def _folder() -> str:
    return str(resources_dir() / "translations" / "cli")


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, _folder(), languages=[language], fallback=True)


@contextmanager
def argparse_words() -> Iterator[None]:
    """Within: argparse's own words ("usage:", "error:", "show this help message and exit") in our language.

    argparse asks the stdlib's global gettext API (gettext.gettext, ngettext), as the Python argparse HOWTO
    describes. resources/build.py extracts argparse's msgids into our catalogue; here the global domain
    becomes ours, and LANGUAGE (which that API reads before LC_ALL, LC_MESSAGES and LANG) names the language
    chosen by `use`, so both agree. Both are put back afterwards (argparse exits from inside for --help).
    """
    domain, language = gettext.textdomain(), os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, _folder())
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = _current[0]
    try:
        yield
    finally:
        gettext.textdomain(domain)
        if language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = language


def _(message: str) -> str:
    """`message` in the current language (English when the catalogue lacks it)."""
    return _catalog(_current[0]).gettext(message)


def n_(singular: str, plural: str, n: int) -> str:
    """The plural form for `n` by the language's own rule (Finnish, Swedish and Spanish have two, as English)."""
    return _catalog(_current[0]).ngettext(singular, plural, n)


def format_day(day: date, form: str = "medium") -> str:
    """A date as the language writes it: "30.11.2026" / "30 nov. 2026" / "30 nov 2026" (Babel's CLDR data)."""
    from babel.dates import format_date

    return format_date(day, form, locale=_current[0])


def format_moment(moment: datetime, form: str = "short") -> str:
    """A moment in local time, as the language writes date and time."""
    from babel.dates import format_datetime

    return format_datetime(moment.astimezone(), form, locale=_current[0])


def format_number(n: int) -> str:
    from babel.numbers import format_decimal

    return format_decimal(n, locale=_current[0])


def value_word(value: str) -> str:
    """An impact or a status as a listing shows it ("in progress", "työn alla"); unknown values as they are.

    The words the windows use (desktop/ui/labels.py), in lower case; typed options keep the English values."""
    words = {
        "low": _("low"),
        "medium": _("medium"),
        "high": _("high"),
        "blocker": _("blocker"),
        "new": _("new"),
        "acknowledged": _("acknowledged"),
        "planned": _("planned"),
        "in_progress": _("in progress"),
        "shipped": _("shipped"),
        "declined": _("declined"),
    }
    return words.get(str(value), str(value))


def digest_words() -> Words:
    """The Markdown digest's words in the current language."""
    from protocol.digest import Words

    return Words(_=_, n_=n_, day=format_day)
