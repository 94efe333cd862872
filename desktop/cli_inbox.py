"""Command-line inbox: `palaute inbox [--show] [INSIGHT_ID]` and `palaute reply INSIGHT_ID TEXT`.

Without --show both speak in the terminal; `palaute inbox --show` opens the running app's Inbox (starting the
app if needed, like `palaute capture --show`). A reply is queued like one typed in the Inbox, and a running
app sends it at once.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from desktop.errors import InvalidInput, NotFound
from desktop.language import _, format_moment, n_
from desktop.paths import AppPaths
from desktop.platform.instance_client import REFRESH, notify_running_app

if TYPE_CHECKING:
    from desktop.store import Store

LIST_LIMIT = 50


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    inbox = commands.add_parser("inbox", help=_("your insights and their replies (--show: open the app's Inbox)"))
    inbox.add_argument("insight_id", metavar=_("INSIGHT_ID"), nargs="?", help=_("show this insight's thread"))
    inbox.add_argument("--show", action="store_true", help=_("open the running app's Inbox (at that thread)"))
    inbox.add_argument("--json", action="store_true", help=_("machine-readable output"))
    reply = commands.add_parser("reply", help=_("reply to the product team on one of your insights"))
    reply.add_argument("insight_id", metavar=_("INSIGHT_ID"), help=_("the insight's id (from palaute inbox)"))
    reply.add_argument("text", metavar=_("TEXT"), help=_("the reply; '-' reads it from standard input"))


def cmd_inbox(args: argparse.Namespace, paths: AppPaths, store: Store) -> int:
    if args.insight_id:
        return _thread(args, store)
    rows = store.inbox_page(store.inbox_filter(view="mine"), 0, LIST_LIMIT)
    if args.json:
        json.dump(
            [{"id": r.insight.id, "text": r.insight.text, "replies": r.replies, "unread": r.unread} for r in rows],
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
        return 0
    if not rows:
        print(_("Your inbox is empty. Save an insight with: palaute capture TEXT -c COMMUNITY"))
        return 0
    unread = sum(r.unread for r in rows)
    if unread:
        print(n_("{n} unread reply", "{n} unread replies", unread).format(n=unread))
    for row in rows:
        mark = "●" if row.unread else " "
        print(f"{mark} {_first_line(row.insight.text)}")
        counts = n_("{n} reply", "{n} replies", row.replies).format(n=row.replies)
        print(f"  {format_moment(row.insight.created_at)} · {counts} · {row.insight.id}")
    return 0


def _thread(args: argparse.Namespace, store: Store) -> int:
    insight = store.get_insight(args.insight_id)
    if insight is None:
        raise NotFound(_("There is no insight {id} on this computer.").format(id=args.insight_id))
    replies = store.thread(insight.id)
    if args.json:
        json.dump(
            {
                "insight": {"id": insight.id, "text": insight.text, "status": str(insight.status)},
                "replies": [
                    {"author": r.author, "body": r.body, "created_at": r.created_at.isoformat(), "mine": r.mine}
                    for r in replies
                ],
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
    else:
        print(insight.text.strip())
        print()
        if not replies:
            print(_("No replies yet."))
        for reply in replies:
            who = _("you") if reply.mine else reply.author
            print(f"— {who}, {format_moment(reply.created_at)}")
            print(f"  {reply.body.strip()}")
    store.mark_thread_read(insight.id)
    return 0


def cmd_reply(args: argparse.Namespace, paths: AppPaths, store: Store) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    if not text or not text.strip():
        raise InvalidInput(_("The reply is empty. Type it after the insight's id, or '-' to read standard input."))
    reply = store.add_reply(args.insight_id, text)
    sent_now = notify_running_app(paths, REFRESH)
    if sent_now:
        print(_("Reply saved; the running Palaute app is sending it now."))
    else:
        print(_("Reply saved; it is sent at the next sync (palaute sync --once, or when the app runs)."))
    return 0 if reply else 1


def _first_line(text: str, limit: int = 70) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


HANDLERS = {"inbox": cmd_inbox, "reply": cmd_reply}
