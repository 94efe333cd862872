"""The command line: capture, list, search and export from a terminal or a script."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING

from desktop import APP_NAME, __version__
from desktop.domain import Impact
from desktop.errors import PalauteError, StoreWriteFailed
from desktop.language import _, format_moment, language_from, use, value_word
from desktop.paths import AppPaths
from desktop.platform.instance_client import notify_running_app

if TYPE_CHECKING:
    from desktop.domain import Insight
    from desktop.store import Store

log = logging.getLogger("palaute.cli")
BUG_EXIT_CODE = 70  # EX_SOFTWARE: an internal error, not the user's


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="palaute",
        description=_("{app}: capture product insights during calls.").format(app=APP_NAME),
        epilog=_("Without a command, the desktop app starts (in the tray)."),
    )
    parser.add_argument(
        "--version", action="version", version=f"{APP_NAME} {__version__}", help=_("show the version and exit")
    )
    parser.add_argument("--data-dir", metavar="DIR", help=_("keep all data in DIR (also: $PALAUTE_DATA_DIR)"))
    parser.add_argument("--demo", action="store_true", help=_("start with a local demo server (first look)"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    capture = commands.add_parser("capture", help=_("save an insight (or, with --show, open the capture window)"))
    capture.add_argument(
        "text", nargs="?", metavar=_("TEXT"), help=_("what the customer said; '-' reads it from standard input")
    )
    capture.add_argument("--show", action="store_true", help=_("open the capture window of the running app"))
    capture.add_argument(
        "--community", "-c", metavar=_("COMMUNITY"), help=_("community of practice (name, slug or the start of one)")
    )
    capture.add_argument("--area", "-a", metavar=_("AREA"), help=_("product area"))
    capture.add_argument("--customer", metavar=_("CUSTOMER"), help=_("customer reference (e.g. a case number)"))
    capture.add_argument(
        "--impact", "-i", default=Impact.MEDIUM.value, metavar=_("IMPACT"), help=_("low, medium, high or blocker")
    )
    capture.add_argument(
        "--tag", "-t", action="append", default=[], metavar=_("TAG"), help=_("a free tag (repeatable)")
    )
    capture.add_argument(
        "--keep-pii",
        action="store_true",
        help=_("keep personal data (card numbers, ids, e-mail, phones) as typed instead of masking it"),
    )
    capture.add_argument("--json", action="store_true", help=_("print the saved insight as JSON"))

    listing = commands.add_parser("list", help=_("list insights, newest first"))
    listing.add_argument(
        "--community",
        "-c",
        metavar=_("COMMUNITY"),
        help=_("only this community's insights (yours and, once synced, the other reps')"),
    )
    listing.add_argument("--limit", "-n", type=int, metavar="N", help=_("at most this many"))
    listing.add_argument("--json", action="store_true", help=_("machine-readable output"))

    search = commands.add_parser("search", help=_("full-text search, best matches first"))
    search.add_argument("query", metavar=_("WORDS"), help=_("the words to look for"))
    search.add_argument("--limit", "-n", type=int, default=50, metavar="N", help=_("at most this many (default 50)"))
    search.add_argument("--json", action="store_true", help=_("machine-readable output"))

    similar = commands.add_parser("similar", help=_("the existing insights most like TEXT (duplicate hints)"))
    similar.add_argument(
        "text", metavar=_("TEXT"), help=_("what you would type in the capture window; '-' reads it from standard input")
    )
    similar.add_argument(
        "--limit", "-n", type=int, default=3, metavar="N", help=_("at most this many hints (default 3)")
    )
    similar.add_argument("--json", action="store_true", help=_("machine-readable output"))

    export = commands.add_parser("export", help=_("write every insight as CSV or JSON"))
    export.add_argument("--format", "-f", choices=("csv", "json"), default="csv", help=_("csv (the default) or json"))
    export.add_argument("--output", "-o", metavar=_("FILE"), help=_("file to write (default: standard output)"))

    from desktop.cli_community import add_parsers as add_community_parsers
    from desktop.cli_inbox import add_parsers as add_inbox_parsers
    from desktop.cli_sync import add_parsers

    add_parsers(commands)
    add_community_parsers(commands)
    add_inbox_parsers(commands)
    return parser


def choose_language(paths: AppPaths | None = None) -> str:
    """The language of Settings (read without opening the store), else the system's; used from then on."""
    setting = None
    if paths is not None:
        from desktop.quick_settings import read_quick_settings

        setting = read_quick_settings(paths.db_path).get("language")
    return use(language_from(setting))


def run(args: argparse.Namespace) -> int:
    """Run one CLI command; PalauteErrors become a sentence on stderr and their exit code."""
    paths = AppPaths.resolve(args.data_dir)
    choose_language(paths)
    try:
        if args.command in ("capture", "list", "search", "similar", "export"):
            handler = {
                "capture": cmd_capture,
                "list": cmd_list,
                "search": cmd_search,
                "similar": cmd_similar,
                "export": cmd_export,
            }
            return handler[args.command](args, paths)
        from desktop.cli_community import HANDLERS as COMMUNITY_HANDLERS
        from desktop.cli_inbox import HANDLERS as INBOX_HANDLERS
        from desktop.cli_sync import HANDLERS

        store = _open(paths)
        try:
            return {**HANDLERS, **COMMUNITY_HANDLERS, **INBOX_HANDLERS}[args.command](args, paths, store)
        finally:
            store.close()
    except PalauteError as error:
        print(f"palaute: {error.user_message}", file=sys.stderr)
        return error.exit_code
    except Exception:
        log.exception("Command %s failed", args.command)
        print(
            "palaute: "
            + _("something went wrong inside Palaute (a bug). Details are in the log in {folder}.").format(
                folder=paths.log_dir
            ),
            file=sys.stderr,
        )
        return BUG_EXIT_CODE


def _open(paths: AppPaths) -> Store:
    from desktop.store import open_store

    store = open_store(paths)
    for notice in store.notices:
        print(f"palaute: {notice}", file=sys.stderr)
    return store


def cmd_capture(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.domain import NewInsight

    text = sys.stdin.read() if args.text == "-" else args.text
    if text is None:
        raise _usage(_('Give the insight\'s text, e.g. palaute capture "Customer asks for …" --community payments'))
    if not args.community:
        raise _usage(_("Say which community this insight is for, with --community (e.g. --community payments)."))
    new = NewInsight(
        text=text,
        community=args.community,
        product_area=args.area,
        customer_ref=args.customer,
        impact=args.impact,
        tags=args.tag,
    )
    keep: set[str] = set()
    if args.keep_pii:
        from privacy.saving import keys_found

        keep = keys_found(text, args.customer)
    try:
        store = _open(paths)
        try:
            insight = store.capture(new, keep_pii=keep)
        finally:
            store.close()
    except StoreWriteFailed:
        # The shell history has the text too, but scripts pipe it in: print it so nothing is lost.
        print(
            "palaute: "
            + _("your insight was NOT saved. Its text follows, so you can save it again later:")
            + "\n"
            + text,
            file=sys.stderr,
        )
        raise
    notify_running_app(paths, {"type": "captured", "id": insight.id})  # a refresh, if the app runs
    _tell_what_was_masked(insight)
    if args.json:
        from desktop.export import write_json

        write_json([insight], sys.stdout)
    else:
        print(_("Saved insight {id} for {community}.").format(id=insight.id, community=insight.community))
    return 0


def _tell_what_was_masked(insight: Insight) -> None:
    """One line on stderr, so a script reading stdout is not disturbed."""
    from collections import Counter

    if insight.pii_masked:
        words = _("Masked before saving: {items}.")
        print(words.format(items=_pii_counts(dict(insight.pii_masked))), file=sys.stderr)
    if insight.pii_kept:
        kept = Counter(item.kind for item in insight.pii_kept)
        print(_("Kept as typed (--keep-pii): {items}.").format(items=_pii_counts(kept)), file=sys.stderr)


def _pii_counts(counts: dict[str, int]) -> str:
    """'1 card number, 2 e-mail addresses' in the current language: privacy.saving.describe_counts' grouping
    and order (national ids of every country as one), with words from the catalogue."""
    from desktop.language import n_
    from privacy.kinds import NATIONAL_ID_KINDS, PiiKind

    words = {
        PiiKind.CARD: lambda n: n_("{n} card number", "{n} card numbers", n),
        PiiKind.IBAN: lambda n: n_("{n} IBAN", "{n} IBANs", n),
        PiiKind.EMAIL: lambda n: n_("{n} e-mail address", "{n} e-mail addresses", n),
        PiiKind.PHONE: lambda n: n_("{n} phone number", "{n} phone numbers", n),
        "national": lambda n: n_("{n} national identity number", "{n} national identity numbers", n),
        "other": lambda n: n_("{n} other personal identifier", "{n} other personal identifiers", n),
    }
    order = {str(kind): i for i, kind in enumerate(PiiKind)}
    grouped: dict[str, int] = {}
    for kind in sorted(counts, key=lambda k: order.get(k, len(order))):
        group = kind if kind in words else ("national" if kind in NATIONAL_ID_KINDS else "other")
        grouped[group] = grouped.get(group, 0) + counts[kind]
    return ", ".join(words[group](n).format(n=n) for group, n in grouped.items())


def cmd_list(args: argparse.Namespace, paths: AppPaths) -> int:
    store = _open(paths)
    try:
        insights = store.list_insights(community=args.community, limit=args.limit)
    finally:
        store.close()
    _print_insights(
        insights, as_json=args.json, empty=_("No insights yet. Save one with: palaute capture TEXT -c COMMUNITY")
    )
    return 0


def cmd_search(args: argparse.Namespace, paths: AppPaths) -> int:
    store = _open(paths)
    try:
        insights = store.search(args.query, limit=args.limit)
    finally:
        store.close()
    _print_insights(insights, as_json=args.json, empty=_("No insight matches “{query}”.").format(query=args.query))
    return 0


def cmd_similar(args: argparse.Namespace, paths: AppPaths) -> int:
    """The hints the capture window would show for TEXT: one line each (score, id, community, status, text)."""
    from desktop.similar.output import print_hints

    text = sys.stdin.read() if args.text == "-" else args.text
    store = _open(paths)
    try:
        hints = store.similar(text, limit=max(1, args.limit))
    finally:
        store.close()
    print_hints(hints, as_json=args.json)
    return 0


def cmd_export(args: argparse.Namespace, paths: AppPaths) -> int:
    from desktop.export import write_csv, write_json

    store = _open(paths)
    try:
        insights = store.list_insights()
    finally:
        store.close()
    writer = write_csv if args.format == "csv" else write_json
    if not args.output:
        writer(insights, sys.stdout)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            writer(insights, out)
    except OSError as exc:
        raise PalauteError(
            _("Could not write {file}: {reason}.").format(file=args.output, reason=exc.strerror)
        ) from exc
    print(_("Exported {n} insights to {file}.").format(n=len(insights), file=args.output), file=sys.stderr)
    return 0


def _print_insights(insights: list[Insight], *, as_json: bool, empty: str) -> None:
    if as_json:
        from desktop.export import write_json

        write_json(insights, sys.stdout)
        return
    if not insights:
        print(empty)
        return
    for insight in insights:
        first_line = insight.text.strip().splitlines()[0]
        if len(first_line) > 70:
            first_line = first_line[:69] + "…"  # display only: the stored text is never shortened
        when = format_moment(insight.created_at)
        impact, status = value_word(insight.impact), value_word(insight.status)
        print(f"{when:<16}  {insight.community:<16} {impact:<11} {status:<13} {first_line}")
        print(f"{'':18}{insight.id}{_backing(insight)}")


def _backing(insight: Insight) -> str:
    """ " · by Anna · 3 customers, 2 reps" for a community insight or one with "same here"s; else nothing."""
    from desktop.language import n_

    parts = [] if insight.following else [_("by {author}").format(author=insight.author)]
    if insight.customers > 1 or insight.reps > 1:
        parts.append(
            n_("{n} customer", "{n} customers", insight.customers).format(n=insight.customers)
            + ", "
            + n_("{n} rep", "{n} reps", insight.reps).format(n=insight.reps)
        )
    return "".join(f" · {p}" for p in parts)


class _usage(PalauteError):
    exit_code = 2
