"""Command-line community features: same-here, communities (join/leave) and the weekly digest.

`palaute similar` (the hints the capture window shows) lives in desktop/cli.py with search.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from desktop.errors import PalauteError
from desktop.language import _
from desktop.paths import AppPaths
from desktop.platform.instance_client import notify_running_app

if TYPE_CHECKING:
    from desktop.store import Store
    from desktop.sync.client import ApiClient


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    same = commands.add_parser("same-here", help=_("add this customer to an existing insight instead of a new one"))
    same.add_argument(
        "insight_id", metavar=_("INSIGHT_ID"), help=_("the insight's id (from palaute similar/list/search)")
    )
    same.add_argument("--customer", metavar=_("CUSTOMER"), help=_("this call's customer reference"))
    same.add_argument("--impact", "-i", default="medium", metavar=_("IMPACT"), help=_("low, medium, high or blocker"))
    same.add_argument("--note", metavar=_("NOTE"), help=_("what this customer said, for the product team"))
    same.add_argument("--keep-pii", action="store_true", help=_("keep personal data as typed instead of masking it"))
    same.add_argument("--json", action="store_true", help=_("machine-readable output"))

    communities = commands.add_parser("communities", help=_("your communities of practice; join or leave open ones"))
    change = communities.add_mutually_exclusive_group()
    change.add_argument("--join", metavar=_("COMMUNITY"), help=_("join an open community"))
    change.add_argument("--leave", metavar=_("COMMUNITY"), help=_("leave an open community"))
    communities.add_argument("--json", action="store_true", help=_("machine-readable output"))

    digest = commands.add_parser("digest", help=_("the weekly digest of your communities (from the server)"))
    digest.add_argument("--week", metavar=_("WEEK"), help=_("ISO week such as 2026-W47 (default: this week)"))
    digest.add_argument("--community", "-c", metavar=_("COMMUNITY"), help=_("only this community"))
    shape = digest.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help=_("machine-readable output"))
    shape.add_argument("--markdown", action="store_true", help=_("Markdown (the default is the same, as plain text)"))
    digest.add_argument("--output", "-o", metavar=_("FILE"), help=_("write to this file instead of standard output"))


def cmd_same_here(args: argparse.Namespace, paths: AppPaths, store: Store) -> int:
    keep: set[str] = set()
    if args.keep_pii:
        from privacy.saving import keys_found

        keep = keys_found(args.note or "", args.customer)
    said = store.same_here(
        args.insight_id, customer_ref=args.customer, impact=args.impact, note=args.note, keep_pii=keep
    )
    notify_running_app(paths, {"type": "captured", "id": said.insight_id})  # a refresh, if the app runs
    if args.json:
        json.dump(
            {
                "id": said.id,
                "insight_id": said.insight_id,
                "customer_ref": said.customer_ref,
                "impact": said.impact.value,
                "note": said.note,
                "sync_state": said.sync_state.value,
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
    else:
        print(_("Added “same here” to insight {id}; it is sent with the next sync.").format(id=said.insight_id))
    return 0


def cmd_communities(args: argparse.Namespace, paths: AppPaths, store: Store) -> int:
    if args.join or args.leave:
        _change_membership(store, args.join or args.leave, join=bool(args.join), quiet=args.json)
    listed = store.communities()
    if args.json:
        json.dump(
            [{"slug": c.slug, "name": c.name, "member": c.member, "open": c.open} for c in listed],
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
        return 0
    for c in listed:
        mark = _("member") if c.member else (_("open") if c.open else "")
        print(f"{'*' if c.member else ' '} {c.slug:<20} {c.name:<30} {mark}")
    if not any(c.member for c in listed):
        print(_("You belong to no community yet (sign in, then sync; or join an open one with --join)."))
    return 0


def _change_membership(store: Store, community: str, *, join: bool, quiet: bool) -> None:
    from desktop.sync.account import change_membership
    from desktop.sync.credentials import Vault

    slug = store.resolve_community(community).slug
    change_membership(store, Vault(), slug, join=join)
    # With --json the confirmation goes to stderr, so standard output stays one JSON document.
    done = _("Joined {community}.") if join else _("Left {community}.")
    print(
        done.format(community=slug) + " " + _("The next sync brings its insights up to date."),
        file=sys.stderr if quiet else sys.stdout,
    )


def cmd_digest(args: argparse.Namespace, paths: AppPaths, store: Store) -> int:
    from desktop.language import digest_words
    from protocol.digest import render_markdown

    client = _client(store)
    slug = store.resolve_community(args.community).slug if args.community else None
    digest = client.digest(args.week, slug)
    text = (
        json.dumps(digest.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        if args.json
        else render_markdown(digest, digest_words())
    )
    if not args.output:
        sys.stdout.write(text)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        raise PalauteError(
            _("Could not write {file}: {reason}.").format(file=args.output, reason=exc.strerror)
        ) from exc
    print(_("Wrote the digest of {week} to {file}.").format(week=digest.week, file=args.output), file=sys.stderr)
    return 0


def _client(store: Store) -> ApiClient:
    from desktop.sync.account import resume
    from desktop.sync.credentials import Vault
    from desktop.sync.errors import SignInRequired

    client = resume(store, Vault())
    if client is None:
        raise SignInRequired(_("Not signed in. Use: palaute login --server URL --user NAME"))
    return client


HANDLERS = {"same-here": cmd_same_here, "communities": cmd_communities, "digest": cmd_digest}
