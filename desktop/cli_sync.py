"""Command-line sync: login, logout, sync --once and status (for admins and scripts)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from desktop.errors import InvalidInput
from desktop.paths import AppPaths


def add_parsers(commands: argparse._SubParsersAction) -> None:
    login = commands.add_parser("login", help="sign this computer in to a Palaute server")
    login.add_argument("--server", required=True, help="server address, e.g. https://palaute.example.com")
    login.add_argument("--user", required=True, help="your user name on the server")
    login.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    commands.add_parser("logout", help="sign this computer out (unsent insights stay here)")
    sync = commands.add_parser("sync", help="send unsent insights and fetch replies")
    sync.add_argument("--once", action="store_true", required=True, help="sync once and exit")
    status = commands.add_parser("status", help="who is signed in, what waits to be sent, the last sync")
    status.add_argument("--json", action="store_true", help="machine-readable output")


def cmd_login(args: argparse.Namespace, paths: AppPaths, store) -> int:  # type: ignore[no-untyped-def]
    from desktop.sync.account import sign_in
    from desktop.sync.credentials import Vault

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Password for {args.user}: ")
    if not password:
        raise InvalidInput("No password given.")
    vault = Vault()
    pair = sign_in(store, vault, args.server, args.user, password)
    print(f"Signed in to {args.server} as {pair.user.name} ({pair.user.role}).")
    if vault.problem:
        print(f"palaute: {vault.problem}", file=sys.stderr)
    return 0


def cmd_logout(args: argparse.Namespace, paths: AppPaths, store) -> int:  # type: ignore[no-untyped-def]
    from desktop.sync.account import sign_out
    from desktop.sync.credentials import Vault

    sign_out(store, Vault())
    waiting = store.sync.outbox_size()
    print("Signed out." + (f" {waiting} unsent changes stay on this computer." if waiting else ""))
    return 0


def cmd_sync(args: argparse.Namespace, paths: AppPaths, store) -> int:  # type: ignore[no-untyped-def]
    from desktop.sync.account import resume
    from desktop.sync.credentials import Vault
    from desktop.sync.engine import Puller, Pusher
    from desktop.sync.errors import SignInRequired

    client = resume(store, Vault())
    if client is None:
        raise SignInRequired("Not signed in. Use: palaute login --server URL --user NAME")
    try:
        pushed = Pusher(store.sync).push_all(client)
        notices = Puller(store.sync).pull_all(client)
    except Exception as error:
        store.sync.record_error(getattr(error, "user_message", str(error)))
        raise
    store.sync.record_success()
    removed = store.apply_retention()
    print(
        f"Sent {pushed.sent} changes"
        + (f", {pushed.rejected} refused by the server" if pushed.rejected else "")
        + f"; {notices} new replies or status changes."
        + (f" Removed {removed} old synced insights (retention)." if removed else "")
    )
    return 0


def cmd_status(args: argparse.Namespace, paths: AppPaths, store) -> int:  # type: ignore[no-untyped-def]
    meta = store.sync.meta
    info = {
        "server": meta("server_url"),
        "user": meta("username") if meta("device_id") else None,
        "role": meta("role") if meta("device_id") else None,
        "signed_in": bool(meta("device_id")),
        "outbox": store.sync.outbox_size(),
        "last_sync": meta("last_success_at"),
        "last_error": meta("last_error"),
        "last_error_at": meta("last_error_at"),
        "unread_replies": store.sync.unread_count(),
        "data_dir": str(paths.data_dir),
    }
    if args.json:
        json.dump(info, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    who = f"{info['user']} on {info['server']}" if info["signed_in"] else "not signed in"
    print(f"Signed in:     {who}")
    print(f"Waiting:       {info['outbox']} changes to send")
    print(f"Last sync:     {info['last_sync'] or 'never'}")
    if info["last_error"]:
        print(f"Last problem:  {info['last_error']} ({info['last_error_at']})")
    print(f"Unread:        {info['unread_replies']} replies")
    print(f"Data folder:   {info['data_dir']}")
    return 0


HANDLERS = {"login": cmd_login, "logout": cmd_logout, "sync": cmd_sync, "status": cmd_status}
