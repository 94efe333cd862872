"""Command-line sync: login, logout, sync --once and status (for admins and scripts)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import TYPE_CHECKING, TypedDict

from desktop.errors import InvalidInput
from desktop.language import _, format_moment, n_
from desktop.paths import AppPaths

if TYPE_CHECKING:
    from desktop.store import Store


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    login = commands.add_parser("login", help=_("sign this computer in to a Palaute server"))
    login.add_argument(
        "--server", required=True, metavar=_("URL"), help=_("server address, e.g. https://palaute.example.com")
    )
    login.add_argument("--user", metavar=_("NAME"), help=_("your user name on the server"))
    login.add_argument("--password-stdin", action="store_true", help=_("read the password from standard input"))
    login.add_argument("--sso", action="store_true", help=_("sign in with your organisation's account (browser)"))
    login.add_argument("--no-browser", action="store_true", help=_("with --sso: print the address to open instead"))
    commands.add_parser("logout", help=_("sign this computer out (unsent insights stay here)"))
    sync = commands.add_parser("sync", help=_("send unsent insights and fetch replies"))
    sync.add_argument("--once", action="store_true", required=True, help=_("sync once and exit"))
    status = commands.add_parser("status", help=_("who is signed in, what waits to be sent, the last sync"))
    status.add_argument("--json", action="store_true", help=_("machine-readable output"))


def cmd_login(args: argparse.Namespace, paths: AppPaths, store: Store) -> int:
    from desktop.sync.account import sign_in
    from desktop.sync.credentials import Vault

    if args.sso:
        return _login_sso(args, store)
    if not args.user:
        raise InvalidInput(_("Name your user with --user NAME, or sign in with your organisation with --sso."))
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(_("Password for {user}: ").format(user=args.user))
    if not password:
        raise InvalidInput(_("No password given."))
    vault = Vault()
    pair = sign_in(store, vault, args.server, args.user, password)
    print(
        _("Signed in to {server} as {user} ({role}).").format(
            server=args.server, user=pair.user.name, role=pair.user.role
        )
    )
    if vault.problem:
        print(f"palaute: {vault.problem}", file=sys.stderr)
    return 0


def _login_sso(args: argparse.Namespace, store: Store) -> int:
    from desktop.sync import sso
    from desktop.sync.credentials import Vault

    def show(url: str) -> bool:
        if not args.no_browser:
            import webbrowser

            if webbrowser.open(url):
                print(_("Your browser opened your organisation's sign-in page; waiting for you there."), flush=True)
                return True
        print(_("Open this address in a browser to sign in:"), flush=True)
        print(url, flush=True)
        return True

    vault = Vault()
    try:
        pair = sso.sign_in(store, vault, args.server, show)
    except KeyboardInterrupt:
        raise sso.SsoCancelled(sso.cancelled_text()) from None
    print(
        _("Signed in to {server} as {user} ({role}).").format(
            server=args.server, user=pair.user.name, role=pair.user.role
        )
    )
    if vault.problem:
        print(f"palaute: {vault.problem}", file=sys.stderr)
    return 0


def cmd_logout(args: argparse.Namespace, paths: AppPaths, store: Store) -> int:
    from desktop.sync.account import sign_out
    from desktop.sync.credentials import Vault

    sign_out(store, Vault())
    waiting = store.sync.outbox_size()
    stay = n_("{n} unsent change stays on this computer.", "{n} unsent changes stay on this computer.", waiting)
    print(_("Signed out.") + (" " + stay.format(n=waiting) if waiting else ""))
    return 0


def cmd_sync(args: argparse.Namespace, paths: AppPaths, store: Store) -> int:
    from desktop.sync.account import resume
    from desktop.sync.credentials import Vault
    from desktop.sync.engine import Puller, Pusher
    from desktop.sync.errors import SignInRequired

    client = resume(store, Vault())
    if client is None:
        raise SignInRequired(_("Not signed in. Use: palaute login --server URL --user NAME"))
    try:
        pushed = Pusher(store.sync).push_all(client)
        notices = Puller(store.sync).pull_all(client)
    except Exception as error:
        store.sync.record_error(getattr(error, "user_message", str(error)))
        raise
    store.sync.record_success()
    removed = store.apply_retention()
    sent = n_("Sent {n} change", "Sent {n} changes", pushed.sent).format(n=pushed.sent)
    if pushed.rejected:
        sent += ", " + n_("{n} refused by the server", "{n} refused by the server", pushed.rejected).format(
            n=pushed.rejected
        )
    news = n_("{n} new reply or status change.", "{n} new replies or status changes.", notices).format(n=notices)
    line = f"{sent}; {news}"
    if removed:
        line += " " + n_(
            "Removed {n} old synced insight (retention).", "Removed {n} old synced insights (retention).", removed
        ).format(n=removed)
    print(line)
    return 0


class StatusInfo(TypedDict):
    """What `palaute status --json` prints."""

    server: str | None
    user: str | None
    role: str | None
    signed_in: bool
    device: str | None
    outbox: int
    last_sync: str | None
    last_error: str | None
    last_error_at: str | None
    unread_replies: int
    data_dir: str
    keyring_problem: str | None


def cmd_status(args: argparse.Namespace, paths: AppPaths, store: Store) -> int:
    from desktop.sync.account import signed_in
    from desktop.sync.credentials import Vault

    meta = store.sync.meta
    vault = Vault()
    signed = signed_in(store, vault)  # the keyring holds this folder's device, not only a name in the store
    info: StatusInfo = {
        "server": meta("server_url"),
        "user": meta("username") if signed else None,
        "role": meta("role") if signed else None,
        "signed_in": signed,
        "device": meta("device_id") if signed else None,
        "outbox": store.sync.outbox_size(),
        "last_sync": meta("last_success_at"),
        "last_error": meta("last_error"),
        "last_error_at": meta("last_error_at"),
        "unread_replies": store.sync.unread_count(),
        "data_dir": str(paths.data_dir),
        "keyring_problem": vault.problem,
    }
    if args.json:
        json.dump(info, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    who = (
        _("{user} on {server}").format(user=info["user"], server=info["server"])
        if info["signed_in"]
        else _("not signed in")
    )
    rows = [
        (_("Signed in:"), who),
        *([(_("Keyring:"), vault.problem)] if vault.problem else []),
        (_("Waiting:"), n_("{n} change to send", "{n} changes to send", info["outbox"]).format(n=info["outbox"])),
        (_("Last sync:"), _moment(info["last_sync"]) or _("never")),
    ]
    if info["last_error"]:
        rows.append((_("Last problem:"), f"{info['last_error']} ({_moment(info['last_error_at'])})"))
    unread = info["unread_replies"]
    rows.append((_("Unread:"), n_("{n} reply", "{n} replies", unread).format(n=unread)))
    rows.append((_("Data folder:"), info["data_dir"]))
    width = max(len(label) for label, _value in rows) + 2
    for label, value in rows:
        print(f"{label:<{width}}{value}")
    return 0


def _moment(stored: str | None) -> str | None:
    from datetime import datetime

    return format_moment(datetime.fromisoformat(stored)) if stored else None


HANDLERS = {"login": cmd_login, "logout": cmd_logout, "sync": cmd_sync, "status": cmd_status}
