"""The web page's one door to the rest of the server: settings, database, accounts and triage services."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from fastapi import Request
from sqlalchemy.orm import Session

from protocol import schema
from server import recount
from server.db import Database
from server.models import Insight, SameHere, User, WebSession
from server.services import (
    access,
    accounts,
    analytics,
    digest,
    inbox,
    similar,
    trackers,
    triage,
    web_sessions,
    webhooks,
)
from server.services.errors import Forbidden, Invalid, NotFound, ServiceError
from server.sso import renewal
from server.web import queries, timeline
from server.web.errors import WebError, bad_form, forbidden, not_found
from server.web.labels import IMPACTS
from server.web.views import (
    InboxFilters,
    InsightRow,
    InsightView,
    Option,
    ReplyView,
    SameHereView,
    SimilarView,
    SummaryBlock,
    SummaryRow,
    WebUser,
)


def database(request: Request) -> Database:
    db = request.app.state.db  # app.state is untyped: check what the app put there
    if not isinstance(db, Database):
        raise TypeError("app.state.db is not the database")
    return db


def session_secret(request: Request) -> bytes:
    """A key for web sessions only, derived from the server secret (shared by every worker and host)."""
    key = request.app.state.settings.secret_key.encode()
    return hmac.new(key, b"palaute web session v1", hashlib.sha256).digest()


def cookie_secure(request: Request) -> bool:
    return bool(request.app.state.settings.cookie_secure)


def _web_user(user: User) -> WebUser:
    return WebUser(id=str(user.id), name=user.name, role=user.role)


def _account(session: Session, user: WebUser) -> User:
    account = session.get(User, int(user.id))
    if account is None or account.disabled:
        raise forbidden("Your account is no longer active.")
    return account


def session_user(request: Request, sid: str) -> WebUser | None:
    """The user of a live server-side session, or None (ended, expired, unknown, account disabled; for an
    organisation account also: its groups no longer map, or its last sign-in at the provider is too old)."""
    if not sid:
        return None
    if _provider_refuses(request, sid):
        return None
    with database(request).read() as session:
        user = web_sessions.user_of(session, sid)
        if user is None or request.app.state.sso_check(user) is not None:
            return None
        return _web_user(user)


def _provider_refuses(request: Request, sid: str) -> bool:
    """An organisation account's session asks the provider again for the person's groups once the last answer
    is older than a desktop's access token (server/sso/renewal.py); True when that ends the session."""
    client = request.app.state.oidc
    if client is None:
        return False
    settings = request.app.state.settings
    with database(request).read() as session:
        row = web_sessions.due_for_provider(session, sid, timedelta(minutes=settings.access_token_minutes))
    if row is None:
        return False
    return renewal.renew(database(request), client, settings, WebSession, row) is not None


def web_user_by_id(db: Database, user_id: int) -> WebUser:
    with db.read() as session:
        return _web_user(session.get_one(User, user_id))


def start_session(db: Database, user: WebUser, method: str, keep: Callable[[WebSession], None] | None = None) -> str:
    """A new session; `keep` adds to it in the same transaction (single sign-on: the provider's refresh token)."""
    with db.write() as session:
        secret = web_sessions.start(session, session.get_one(User, int(user.id)), method)
        if keep is not None:
            row = web_sessions.by_secret(session, secret)
            assert row is not None
            keep(row)
        return secret


def end_session(db: Database, sid: str | None) -> None:
    if sid:
        with db.write() as session:
            web_sessions.end(session, sid)


@dataclass(frozen=True)
class SignInOutcome:
    user: WebUser | None = None
    throttled: bool = False


def authenticate(request: Request, db: Database, username: str, password: str) -> SignInOutcome:
    """Check the password (argon2, same time for unknown names); the role is checked by the caller."""
    # The same rate bucket as the API's sign-in, so the web form is no way around its limit.
    address = request.client.host if request.client else "-"
    per_minute = request.app.state.settings.login_per_minute
    if request.app.state.limiter.check("login", f"{username}|{address}", per_minute):
        return SignInOutcome(throttled=True)
    with db.read() as session:
        user = accounts.authenticate(session, username, password)
        return SignInOutcome(_web_user(user) if user is not None else None)


def menus(db: Database, user: WebUser) -> tuple[list[Option], list[Option]]:
    """The communities the user follows and every product area, for the inbox's filter menus."""
    with db.read() as session:
        communities = queries.communities_for(session, _account(session, user))
        return (
            [Option(c.slug, c.name) for c in communities],
            [Option(a.slug, a.name) for a in queries.product_areas(session)],
        )


def list_insights(
    db: Database, user: WebUser, filters: InboxFilters, offset: int, limit: int
) -> tuple[list[InsightRow], int]:
    awaiting = filters.show == "awaiting"
    wanted = inbox.InboxFilter(
        community=filters.community or None,
        product_area=filters.product_area or None,
        status=filters.status or None,
        impact=filters.impact or None,
        q=filters.q or None,
        include_duplicates=filters.show == "all",
        awaiting=awaiting,
    )
    sort = "oldest" if awaiting else filters.sort  # what has waited longest comes first
    with db.read() as session:
        account = _account(session, user)
        page, total = inbox.list_insights(session, account, wanted, limit=limit, offset=offset, sort=sort)
        counts = queries.reply_counts(session, [i.id for i in page])
        return [_row(i, counts.get(i.id, 0)) for i in page], total


def _row(insight: Insight, reply_count: int) -> InsightRow:
    return InsightRow(
        id=insight.id,
        text=insight.text,
        impact=insight.impact,
        status=insight.status,
        community_name=insight.community.name,
        product_area_name=insight.product_area.name if insight.product_area else None,
        author=insight.author.name,
        customer_ref=insight.customer_ref,
        tags=tuple(insight.tags or ()),
        created_at=insight.created_at,
        duplicate_of=insight.duplicate_of,
        reply_count=reply_count,
        pii_flagged=insight.pii_flagged,
        customers=insight.customers,
        reps=insight.reps,
    )


def get_insight(db: Database, user: WebUser, insight_id: str) -> InsightView:
    """The insight and its thread; 404 when it does not exist or is not the user's to see."""
    with db.read() as session:
        account = _account(session, user)
        _check_visible(session, account, insight_id)
        insight, thread = inbox.get_thread(session, account, insight_id)
        replies = tuple(ReplyView(r.id, r.author.name, r.author.role, r.body, r.created_at) for r in thread)
        original = session.get(Insight, insight.duplicate_of) if insight.duplicate_of else None
        return InsightView(
            id=insight.id,
            text=insight.text,
            impact=insight.impact,
            status=insight.status,
            community_slug=insight.community.slug,
            community_name=insight.community.name,
            product_area_name=insight.product_area.name if insight.product_area else None,
            author=insight.author.name,
            customer_ref=insight.customer_ref,
            tags=tuple(insight.tags or ()),
            created_at=insight.created_at,
            updated_at=insight.updated_at,
            withdrawn=insight.withdrawn,
            duplicate_of=insight.duplicate_of,
            version=insight.version,
            replies=replies,
            pii_flagged=insight.pii_flagged,
            duplicate_of_text=original.text if original and access.can_see(account, original) else None,
            duplicates=tuple((d.id, d.text) for d in queries.duplicates_of(session, account, insight_id)),
            customers=insight.customers,
            reps=insight.reps,
            same_heres=_same_heres(session, account, insight.id),
            timeline=timeline.of_insight(session, account, insight, thread),
            similar=tuple(_similar(session, account, insight)),
        )


def _same_heres(session: Session, account: User, insight_id: str) -> tuple[SameHereView, ...]:
    rows = queries.same_heres_on(session, insight_id)
    texts = queries.texts_of(session, account, {r.merged_from or r.said_on for r in rows} - {insight_id})
    return tuple(_same_here_view(r, insight_id, texts) for r in rows)


def _same_here_view(row: SameHere, insight_id: str, texts: dict[str, str]) -> SameHereView:
    # A row not said on this insight came with a duplicate mark: it stands for the duplicate's own report
    # (merged_from), or it is a "same here" a rep said on that duplicate (said_on).
    said_on = row.said_on if row.merged_from is None and row.said_on != insight_id else None
    return SameHereView(
        author=row.user.name,
        customer_ref=row.customer_ref,
        impact=row.impact,
        note=row.note,
        created_at=row.created_at,
        merged_from=row.merged_from,
        merged_from_text=texts.get(row.merged_from) if row.merged_from is not None else None,
        said_on=said_on,
        said_on_text=texts.get(said_on) if said_on is not None else None,
    )


def _similar(session: Session, account: User, insight: Insight) -> list[SimilarView]:
    if insight.duplicate_of is not None:
        return []  # already merged: the panel would only offer to merge it again
    found = similar.for_insight(session, account, insight)
    return [
        SimilarView(i.id, i.text, i.status, i.community_name, i.customers, i.reps, round(score, 2))
        for i, score in found
    ]


def digest_communities(db: Database, user: WebUser) -> list[Option]:
    """The communities whose digest the user may read (the same rule as the API's)."""
    with db.read() as session:
        return [Option(c.slug, c.name) for c in digest.communities_of(session, _account(session, user))]


def weekly_digest(db: Database, user: WebUser, week: str, community: str | None) -> schema.Digest:
    with db.read() as session:
        account = _account(session, user)
        try:
            return digest.build(session, account, week, community)
        except NotFound:
            raise forbidden(
                "You are not assigned to that community, so its digest is not shown to you. "
                "Ask an administrator if you need access."
            ) from None
        except Invalid as error:
            raise bad_form(_sentence(error.message)) from None


def analytics_figures(
    db: Database, user: WebUser, weeks: int, community: str | None, product_area: str | None
) -> analytics.Analytics:
    """The analytics page's numbers (the same as GET /api/v1/analytics)."""
    recounting = analytics.prepare(db)
    if recounting:
        recount.wake_all()
    with db.read() as session:
        account = _account(session, user)
        if community and community not in {c.slug for c in queries.communities_for(session, account)}:
            raise forbidden(
                "You are not assigned to that community, so its figures are not shown to you. "
                "Ask an administrator if you need access."
            )
        try:
            found = analytics.build(session, account, weeks, community, product_area)
        except (Invalid, NotFound) as error:  # the page's menus only offer known ones: a hand-edited address
            raise bad_form(_sentence(error.message)) from None
    found.recounting = recounting
    return found


def summary(db: Database, user: WebUser, days: int) -> list[SummaryBlock]:
    """One block per community the user follows, one row per product area that had insights."""
    with db.read() as session:
        account = _account(session, user)
        communities = [(c.id, c.slug, c.name) for c in queries.communities_for(session, account)]
        areas = {a.id: a.name for a in queries.product_areas(session)}
        counts = queries.summary_counts(session, account, days)
    return [
        SummaryBlock(slug, name, _summary_rows(community_id, counts, areas)) for community_id, slug, name in communities
    ]


def _summary_rows(
    community_id: int, counts: dict[tuple[int, int | None, str], int], areas: dict[int, str]
) -> list[SummaryRow]:
    rows: dict[int | None, SummaryRow] = {}
    for (counted_community, area_id, impact), count in counts.items():
        if counted_community != community_id:
            continue
        name = areas.get(area_id, "Not set") if area_id is not None else "Not set"
        row = rows.setdefault(area_id, SummaryRow(name, dict.fromkeys(IMPACTS, 0)))
        row.counts[impact] = row.counts.get(impact, 0) + count
    return sorted(rows.values(), key=lambda r: (-r.total, r.name))  # busiest product area first


def reply_and_set_status(db: Database, user: WebUser, insight_id: str, body: str, status: str | None) -> None:
    """One transaction: the rep's next pull brings the reply and the status together (one notification)."""

    def answer(session: Session, actor: User) -> None:
        triage.reply_and_set_status(session, actor, insight_id, body, status)

    _triage(db, user, insight_id, answer)


@dataclass(frozen=True)
class BulkOutcome:
    changed: int
    skipped: int  # not visible to this user any more, or refused


def bulk_triage(
    db: Database, user: WebUser, insight_ids: list[str], status: str | None, area: str | None
) -> BulkOutcome:
    """Set the status and/or product area ("-" clears it) of many insights in one transaction."""
    changed = skipped = 0
    with db.write() as session:
        actor = _account(session, user)
        for insight_id in insight_ids:
            insight = session.get(Insight, insight_id)
            if insight is None or not access.can_see(actor, insight) or actor.role not in access.PRODUCT_ROLES:
                skipped += 1
                continue
            try:
                if status is not None:
                    triage.set_status(session, actor, insight_id, status)
                if area is not None:
                    triage.set_product_area(session, actor, insight_id, None if area == "-" else area)
            except Invalid as error:
                raise bad_form(_sentence(error.message)) from None
            changed += 1
    return BulkOutcome(changed, skipped)


def set_status(db: Database, user: WebUser, insight_id: str, status: str) -> None:
    def change(session: Session, actor: User) -> None:
        triage.set_status(session, actor, insight_id, status)

    _triage(db, user, insight_id, change)


def add_reply(db: Database, user: WebUser, insight_id: str, body: str) -> None:
    def answer(session: Session, actor: User) -> None:
        triage.add_reply(session, actor, insight_id, body)

    _triage(db, user, insight_id, answer)


def mark_duplicate(db: Database, user: WebUser, insight_id: str, original_id: str) -> None:
    def mark(session: Session, actor: User) -> None:
        try:
            triage.mark_duplicate(session, actor, insight_id, original_id)
        except NotFound:
            raise bad_form(
                "We could not find the original insight among those you can see. Check the reference and try again."
            ) from None

    _triage(db, user, insight_id, mark)


def clear_duplicate(db: Database, user: WebUser, insight_id: str) -> None:
    """Undo a duplicate mark (its "same here"s move back with it; see services.triage)."""

    def unmark(session: Session, actor: User) -> None:
        triage.mark_duplicate(session, actor, insight_id, None)

    _triage(db, user, insight_id, unmark)


def _triage(db: Database, user: WebUser, insight_id: str, action: Callable[[Session, User], None]) -> None:
    """Run one triage service in one write transaction, with its errors turned into pages in words."""
    with db.write() as session:
        actor = _account(session, user)
        _check_visible(session, actor, insight_id)
        try:
            action(session, actor)
        except Forbidden as error:
            raise forbidden(_sentence(error.message)) from None
        except Invalid as error:
            raise bad_form(_sentence(error.message)) from None
        except ServiceError as error:
            raise WebError(error.http_status, "That did not work", _sentence(error.message)) from None


def _check_visible(session: Session, actor: User, insight_id: str) -> None:
    """The same 404 whether the insight does not exist or is not this user's to see: a different answer would
    let anyone probe which ids exist (as the API's `access.get_visible`)."""
    insight = session.get(Insight, insight_id)
    if insight is None or actor.role not in access.PRODUCT_ROLES or not access.can_see(actor, insight):
        raise not_found("insight")


def _sentence(message: str) -> str:
    text = message.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."


def tracker_links(db: Database, user: WebUser, insight_id: str) -> list[tuple[str, str, str]]:
    """The insight's tracker links as (system label, key, url)."""
    with db.read() as session:
        links = trackers.links_of(session, _account(session, user), insight_id)
        return [("Jira" if link.system == "jira" else "Azure DevOps", link.key, link.url) for link in links]


def add_tracker_link(db: Database, user: WebUser, insight_id: str, url: str) -> None:
    def link(session: Session, actor: User) -> None:
        trackers.add_link(session, actor, insight_id, url)

    _triage(db, user, insight_id, link)


def webhook_notices(db: Database, user: WebUser) -> list[str]:
    """For an administrator: a sentence per webhook switched off after failing for too long."""
    if user.role != "admin":
        return []
    with db.read() as session:
        return [
            f"Webhook {hook.id} to {webhooks.host_of(hook.url)} was {hook.disabled_reason}. "
            f"Fix the receiver, then run: palaute-server webhook enable {hook.id}"
            for hook in webhooks.disabled(session)
        ]
