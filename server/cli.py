"""Command line: serve, deliver, migrate, and the admin's user / community / product-area commands."""

from __future__ import annotations

import argparse
import getpass
import os
import signal
import socket
import sys
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.exc import OperationalError

from privacy.files import private_dir
from server import delivery_child, orphan_watch, security
from server.config import InsecureSettings, Settings
from server.db import Database
from server.migrate import upgrade
from server.services import account_admin, accounts, erasure, membership, reference, web_sessions, webhooks
from server.services.errors import ServiceError

if TYPE_CHECKING:
    import uvicorn

    # argparse's subparsers action is generic only to type checkers.
    _Commands = argparse._SubParsersAction[argparse.ArgumentParser]


class _Supervisor(Protocol):
    interrupted: bool

    def run(self) -> None: ...


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        help="folder of the SQLite database (default: PALAUTE_SERVER_DATA_DIR or ~/.local/share)",
    )
    common.add_argument(
        "--database-url",
        default=argparse.SUPPRESS,
        help="e.g. postgresql+psycopg://user@host/db (default: SQLite in the data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="palaute-server",
        parents=[common],
        description="Palaute backend: sync API and the product team's web page.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", parents=[common], help="run the server")
    env = os.environ.get
    serve.add_argument("--host", default=env("PALAUTE_SERVER_HOST", "127.0.0.1"), help="(PALAUTE_SERVER_HOST)")
    serve.add_argument(
        "--port", type=int, default=env("PALAUTE_SERVER_PORT", "8765"), help="0 picks a free port (PALAUTE_SERVER_PORT)"
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=env("PALAUTE_SERVER_WORKERS", "1"),
        help="processes serving the same socket, roughly 2 per core (PALAUTE_SERVER_WORKERS)",
    )

    deliver = commands.add_parser(
        "deliver",
        parents=[common],
        help="deliver webhooks (serve starts this itself; run it alone for delivery on another host)",
    )
    deliver.add_argument(
        "--until-stdin-closes",
        action="store_true",
        help="also stop when standard input reaches its end (serve uses this to take it down with itself)",
    )

    commands.add_parser("migrate", parents=[common], help="create or upgrade the database schema")

    user = commands.add_parser("user", help="manage users").add_subparsers(dest="action", required=True)
    add = user.add_parser("add", parents=[common], help="create a user")
    add.add_argument("name")
    add.add_argument("--role", choices=["rep", "product", "admin"], required=True)
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument("--community", nargs="*", default=[], metavar="SLUG")
    add.add_argument("--product-area", nargs="*", default=[], metavar="SLUG")
    revoke = user.add_parser(
        "revoke-device", parents=[common], help="sign a device or web session (or all of a user's) out"
    )
    revoke.add_argument("device_id", nargs="?", help="a device's or web session's id, as `user devices` lists it")
    revoke.add_argument("--user", help="revoke every device and web session of this user")
    devices = user.add_parser("devices", parents=[common], help="list a user's devices and web sessions")
    devices.add_argument("name")
    user.add_parser("list", parents=[common], help="list every user")
    for action, text in (
        ("disable", "refuse the user's sign-ins and sign out every device and web session at once"),
        ("enable", "let a disabled user sign in again"),
    ):
        user.add_parser(action, parents=[common], help=text).add_argument("name")
    reset = user.add_parser(
        "reset-password", parents=[common], help="set a new password; signs out every device and web session"
    )
    reset.add_argument("name")
    reset.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    _membership_parser(user, common)

    insight = commands.add_parser("insight", help="erase insights (personal data)").add_subparsers(
        dest="action", required=True
    )
    erase = insight.add_parser(
        "erase", parents=[common], help="delete an insight (or all of one customer's) everywhere, desktops included"
    )
    erase.add_argument("insight_id", nargs="?")
    erase.add_argument("--customer", metavar="REF", help="erase every insight with this customer reference")

    _webhook_parser(commands, common)
    for noun in ("community", "product-area"):
        sub = commands.add_parser(noun, help=f"manage {noun.replace('-', ' ')}s")
        actions = sub.add_subparsers(dest="action", required=True)
        sub_add = actions.add_parser("add", parents=[common])
        sub_add.add_argument("slug")
        sub_add.add_argument("name")
        if noun == "community":
            sub_add.add_argument("--open", action="store_true", help="reps may join and leave it themselves")
            set_open = actions.add_parser(
                "set-open", parents=[common], help="whether reps may join and leave it themselves"
            )
            set_open.add_argument("slug")
            set_open.add_argument("open", choices=["yes", "no"])
    return parser


def _membership_parser(user: _Commands, common: argparse.ArgumentParser) -> None:
    member = user.add_parser("communities", parents=[common], help="change (or show) a user's communities")
    member.add_argument("name")
    choice = member.add_mutually_exclusive_group()
    choice.add_argument("--add", type=_slugs, metavar="A,B", help="add these communities")
    choice.add_argument("--remove", type=_slugs, metavar="A,B", help="remove these communities")
    choice.add_argument("--set", type=_slugs, metavar="A,B", help="exactly these communities ('' for none)")


def _webhook_parser(commands: _Commands, common: argparse.ArgumentParser) -> None:
    hooks = commands.add_parser("webhook", help="outbound webhooks (Standard Webhooks, Slack, Teams)")
    actions = hooks.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", parents=[common], help="subscribe a URL; prints its signing secret once")
    add.add_argument("url")
    add.add_argument("--events", type=_slugs, default=[], metavar="E1,E2", help="default: every event")
    add.add_argument("--community", metavar="SLUG", help="only this community's insights")
    add.add_argument("--kind", choices=webhooks.KINDS, default="standard")
    actions.add_parser("list", parents=[common], help="subscriptions, their state and failures")
    for action, text in (
        ("remove", "delete a subscription"),
        ("test", "send a test message now"),
        ("enable", "switch a disabled subscription on again"),
    ):
        sub = actions.add_parser(action, parents=[common], help=text)
        sub.add_argument("webhook_id", type=int)


def _slugs(value: str) -> list[str]:
    return [slug.strip() for slug in value.split(",") if slug.strip()]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = _settings(args)
    except (InsecureSettings, ValueError) as error:
        print(f"palaute-server: {error}", file=sys.stderr)
        return 2
    security.configure(settings.argon2_time_cost, settings.argon2_memory_kib)
    try:
        if args.command == "serve":
            return serve(settings, args.host, args.port, args.workers)
        if args.command == "deliver":
            from server import delivery_process

            _open(settings).dispose()
            return delivery_process.run(settings, until_stdin_closes=args.until_stdin_closes)
        db = _open(settings)
    except KeyboardInterrupt:  # Ctrl+C while migrating or before serving: nothing half done to report
        return _interrupted()
    except OperationalError as error:
        print(f"palaute-server: cannot open the database: {error.orig}", file=sys.stderr)
        return 1
    try:
        return _admin(db, args)
    except ServiceError as error:
        print(f"palaute-server: {error.message}", file=sys.stderr)
        return 1
    finally:
        db.dispose()


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if "data_dir" in args:
        overrides["data_dir"] = args.data_dir
        os.environ["PALAUTE_SERVER_DATA_DIR"] = str(args.data_dir)
    if "database_url" in args:
        overrides["database_url"] = args.database_url
        os.environ["PALAUTE_SERVER_DATABASE_URL"] = args.database_url
    return Settings(**overrides)


def _open(settings: Settings) -> Database:
    if settings.database_url is None:
        private_dir(settings.data_dir)
    db = Database(settings.url, pool_size=2)
    upgrade(db)
    return db


def _admin(db: Database, args: argparse.Namespace) -> int:
    if args.command == "migrate":
        print("database is up to date")
        return 0
    if args.command == "user" and args.action == "add":
        password = _password(args.password_stdin)
        with db.write() as session:
            accounts.create_user(
                session, args.name, args.role, password, communities=args.community, product_areas=args.product_area
            )
        print(f"created {args.role} {args.name}")
        return 0
    if args.command == "user" and args.action in _USER_ACTIONS:
        return _USER_ACTIONS[args.action](db, args)
    if args.command == "user" and args.action == "communities":
        return _communities(db, args)
    if args.command == "insight":
        return _erase(db, args)
    if args.command == "webhook":
        return _webhook(db, args)
    if args.command == "community" and args.action == "set-open":
        with db.write() as session:
            membership.set_open(session, args.slug, args.open == "yes")
        print(f"community {args.slug} is now {'open' if args.open == 'yes' else 'closed'}")
        return 0
    with db.write() as session:
        if args.command == "community":
            reference.add_community(session, args.slug, args.name, is_open=args.open)
        else:
            reference.add_product_area(session, args.slug, args.name)
    print(f"added {args.command} {args.slug}")
    return 0


def _communities(db: Database, args: argparse.Namespace) -> int:
    with db.write() as session:
        user = membership.change_user(
            session, args.name, add=args.add or (), remove=args.remove or (), replace=args.set
        )
        slugs = accounts.user_info(user).communities
    print(f"{args.name}: {', '.join(slugs) or '(no communities)'}")
    return 0


def _devices(db: Database, args: argparse.Namespace) -> int:
    with db.read() as session:
        user = accounts.user_by_name(session, args.name)
        if user is None:
            raise ServiceError(f"no user {args.name!r}")
        for device in accounts.devices_of(session, user):
            state = "revoked" if device.revoked_at else "active"
            print(f"{device.id}  {state:<8} {device.name}  since {device.created_at:%Y-%m-%d %H:%M}")
        for web in web_sessions.live_of(session, user.id):
            print(f"{web.id}  active   web page ({web.method})  since {web.created_at:%Y-%m-%d %H:%M}")
    return 0


def _webhook(db: Database, args: argparse.Namespace) -> int:
    settings = _settings(args).with_dev_secret()  # the key the serving processes use
    if args.action == "add":
        with db.write() as session:
            hook, secret = webhooks.add(
                session, args.url, args.events, settings.webhook_master_key, kind=args.kind, community=args.community
            )
            hook_id = hook.id
        print(f"added webhook {hook_id} ({args.kind}) for {args.url}")
        print(f"signing secret (shown only now): {secret}")
        return 0
    if args.action == "list":
        with db.read() as session:
            for hook in webhooks.all_hooks(session):
                state = "enabled" if hook.enabled else f"DISABLED ({hook.disabled_reason})"
                scope = reference.community_by_id(session, hook.community_id).slug if hook.community_id else "all"
                print(
                    f"{hook.id}  {hook.kind:<8} {hook.url}  events={','.join(hook.events)}  community={scope}  "
                    f"{state}  delivered={hook.delivered} failures={hook.failures}"
                )
        return 0
    if args.action == "test":
        from server.delivery import send_test

        with db.read() as session:
            hook = webhooks.get(session, args.webhook_id)
            result = send_test(hook, settings.webhook_master_key, settings.webhook_timeout)
        print(f"webhook {args.webhook_id}: {result}")
        return 0 if result.startswith("delivered") else 1
    with db.write() as session:
        if args.action == "remove":
            webhooks.remove(session, args.webhook_id)
        else:
            webhooks.enable(session, args.webhook_id)
    print(f"webhook {args.webhook_id} {'removed' if args.action == 'remove' else 'enabled'}")
    return 0


def _revoke(db: Database, args: argparse.Namespace) -> int:
    if not args.device_id and not args.user:
        raise ServiceError("name a device id or --user NAME")
    with db.write() as session:
        if args.user:
            user = accounts.user_by_name(session, args.user)
            if user is None:
                raise ServiceError(f"no user {args.user!r}")
            ended = account_admin.sign_out_everywhere(session, user)
        elif web_sessions.end_by_id(session, args.device_id):
            ended = account_admin.Ended(0, 1)
        else:
            accounts.revoke_device(session, args.device_id)
            ended = account_admin.Ended(1, 0)
    print(f"revoked {ended.devices} device(s) and {ended.web_sessions} web session(s)")
    return 0


def _list_users(db: Database, _args: argparse.Namespace) -> int:
    with db.read() as session:
        for user in account_admin.every_user(session):
            state = "disabled" if user.disabled else "active"
            sign_in = "sso" if user.sso_subject else "password"
            communities = ",".join(accounts.user_info(user).communities) or "-"
            print(f"{user.name:<24} {user.role:<8} {state:<9} {sign_in:<9} {communities}")
    return 0


def _disable(db: Database, args: argparse.Namespace) -> int:
    with db.write() as session:
        ended = account_admin.disable(session, args.name)
    print(f"disabled {args.name}: signed out {ended.devices} device(s) and {ended.web_sessions} web session(s)")
    return 0


def _enable(db: Database, args: argparse.Namespace) -> int:
    with db.write() as session:
        account_admin.enable(session, args.name)
    print(f"enabled {args.name}")
    return 0


def _reset_password(db: Database, args: argparse.Namespace) -> int:
    password = _password(args.password_stdin)
    with db.write() as session:
        ended = account_admin.reset_password(session, args.name, password)
    print(f"new password for {args.name}: signed out {ended.devices} device(s) and {ended.web_sessions} web session(s)")
    return 0


_USER_ACTIONS = {
    "devices": _devices,
    "revoke-device": _revoke,
    "list": _list_users,
    "disable": _disable,
    "enable": _enable,
    "reset-password": _reset_password,
}


def _erase(db: Database, args: argparse.Namespace) -> int:
    if bool(args.insight_id) == bool(args.customer):
        raise ServiceError("name one insight id, or --customer REF")
    with db.write() as session:
        if args.customer:
            erased = erasure.erase_customer(session, args.customer)
        else:
            erased = [args.insight_id] if erasure.erase(session, args.insight_id) else []
    if not erased:
        raise ServiceError("nothing to erase: no such insight" + (" for that customer" if args.customer else ""))
    print(f"erased {len(erased)} insight(s); desktops remove their copies at their next sync")
    return 0


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise ServiceError("the passwords differ")
    return first


def serve(settings: Settings, host: str, port: int, workers: int) -> int:
    """Migrate, bind, then serve; prints the ready line once connections are accepted."""
    import uvicorn

    _open(settings).dispose()
    _raise_open_files_limit()
    # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on sockets whose proto says TCP, and without it
    # every small answer waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    bound = sock.getsockname()[1]
    display = f"[{host}]" if ":" in host else host
    ready = f"Palaute server listening on http://{display}:{bound}"
    config = uvicorn.Config(
        "server.app:app_from_env",
        factory=True,
        workers=workers,
        access_log=False,
        log_config=None,
        timeout_graceful_shutdown=3,
        server_header=False,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
    )
    delivery = delivery_child.start(settings)  # webhooks, in a process of its own beside the workers
    delivery_child.stop_before_sigterm_ends(delivery)
    try:
        code = _run_uvicorn(config, sock, workers, ready)
    finally:
        delivery_child.stop(delivery)
    return _interrupted() if code == INTERRUPTED else code


def _run_uvicorn(config: uvicorn.Config, sock: socket.socket, workers: int, ready: str) -> int:
    if workers > 1:
        sock.listen(2048)
        print(ready, flush=True)
        orphan_watch.mark_supervisor()  # its workers stop if it is killed outright
        supervisor = _supervisor(config, sock)
        supervisor.run()
        return INTERRUPTED if supervisor.interrupted else 0
    received: set[int] = set()
    server = _ready_server(config, ready, received)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        # uvicorn has stopped gracefully (long-polls answered, requests finished); it then raises the Ctrl+C
        # again, as Python programs conventionally end on one, which would only print a traceback.
        return INTERRUPTED
    if signal.SIGINT in received:
        # Started with SIGINT ignored (a shell's background job): uvicorn's re-raise of it did nothing.
        return INTERRUPTED
    return 0 if server.started else 1


INTERRUPTED = 130  # the shell's conventional code for a command ended by SIGINT (128 + 2)


def _interrupted() -> int:
    """Ctrl+C: one line, and the conventional code."""
    print("palaute-server: stopped (interrupted)", file=sys.stderr, flush=True)
    return INTERRUPTED


def _supervisor(config: uvicorn.Config, sock: socket.socket) -> _Supervisor:
    """uvicorn's worker supervisor, remembering whether it stopped for Ctrl+C (the exit code says so)."""
    from uvicorn.supervisors import Multiprocess

    class Supervisor(Multiprocess):
        interrupted = False

        def handle_int(self) -> None:
            self.interrupted = True
            super().handle_int()

    return Supervisor(config, sockets=[sock])


def _raise_open_files_limit() -> None:
    """Every idle long-poll holds a socket: lift the soft limit on open files to the hard one (the service
    manager or container sets the hard one; docs/deploy.md)."""
    try:
        import resource  # POSIX only (the demo also runs the server on Windows)
    except ImportError:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY:
        hard = max(soft, 1_048_576)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def _ready_server(config: uvicorn.Config, ready: str, received: set[int]) -> uvicorn.Server:
    """uvicorn.Server that prints the ready line after start-up (tests and the desktop demo wait for it) and
    notes the stop signals it receives in `received`."""
    import uvicorn

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started:
                print(ready, flush=True)

        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            received.add(sig)
            super().handle_exit(sig, frame)

    return Server(config)
