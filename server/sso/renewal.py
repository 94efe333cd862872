"""At each Palaute refresh of an organisation account (a desktop's token refresh, a web page session every
few minutes), its groups are read again at the provider with the refresh token kept since the sign-in, and
the group map applied again: removed from every mapped group there, the person is signed out everywhere at
once; a changed role or community applies at once.

Three steps, so that no database transaction is open while the provider is asked: claim the refresh token
(one refresh per sign-in at a time: a provider that rotates refresh tokens revokes the whole grant when one is
spent twice), ask the provider, then keep its answer. A provider that does not answer is tolerated while the
groups it last gave are younger than PALAUTE_SERVER_OIDC_MAX_AGE_HOURS (docs/security.md)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import CursorResult, or_, select, update
from sqlalchemy.orm import Session

from server import sealed
from server.config import Settings
from server.db import Database
from server.group_map import GroupMap
from server.models import Device, User, WebSession, utcnow
from server.services import account_admin, accounts
from server.services.accounts import Refusal
from server.sso import people
from server.sso.oidc import TIMEOUT, GrantEnded, OidcClient, ProviderDown, Tokens

log = logging.getLogger("palaute.server.sso")
Holder = type[Device] | type[WebSession]
# Longer than one refresh at the provider can take; a claim left by a killed process lapses after it.
LEASE = timedelta(seconds=3 * TIMEOUT)


DOWN_TOO_LONG_TEXT = (
    "Your organisation's sign-in service does not answer, and your access has not been confirmed there for too "
    "long. Try again later, or ask your administrator."
)
DOWN_TOO_LONG = Refusal("sso_unavailable", DOWN_TOO_LONG_TEXT)


def keep(holder: Device | WebSession, tokens: Tokens, settings: Settings, now: datetime | None = None) -> None:
    """At sign-in: the provider's refresh token of this device or web session, sealed."""
    token = tokens.refresh_token
    holder.sso_refresh_token = (
        sealed.seal(token, settings.webhook_master_key, sealed.PROVIDER_REFRESH_TOKEN) if token else None
    )
    holder.sso_checked_at = now or utcnow()


@dataclass(frozen=True)
class _Answer:
    tokens: Tokens | None = None  # the provider's current word on this person
    ended: bool = False  # the provider no longer accepts this sign-in
    # neither: the provider did not answer


def renew(
    db: Database, client: OidcClient, settings: Settings, model: Holder, holder_id: str, now: datetime | None = None
) -> Refusal | None:
    """Ask the provider about this device's or web session's person and keep its answer; why this refresh
    is refused, or None (then the usual checks of the refresh go on). Holders without a refresh
    token of the provider (signed in before it was kept, or a provider that gives none) are left to the usual
    checks (groups last read, and their age)."""
    now = now or utcnow()
    with db.write() as session:
        claimed = _claim(session, model, holder_id, now, timedelta(hours=settings.oidc_max_age_hours))
    if not isinstance(claimed, tuple):
        return claimed
    token, subject = claimed
    answer = _ask(client, settings, token, subject)
    with db.write() as session:
        return _settle(session, model, holder_id, answer, settings, now)


def _claim(
    session: Session, model: Holder, holder_id: str, now: datetime, max_age: timedelta
) -> tuple[str, str] | Refusal | None:
    """(sealed refresh token, the provider's subject) once this call holds the claim. Otherwise what the
    refresh is to be told: None (no refresh token: the usual checks) or, when another refresh is asking the
    provider right now or it did not answer a moment ago, the rule for a provider that does not answer. A
    conditional UPDATE, so that of two refreshes at once (any worker, any database) only one gets it."""
    row = session.execute(
        select(model.sso_refresh_token, User.sso_subject, User.sso_checked_at)
        .join(User, User.id == model.user_id)
        .where(model.id == holder_id)
    ).first()
    if row is None or row[0] is None or row[1] is None:
        return None
    result = session.execute(
        update(model)
        .where(model.id == holder_id, or_(model.sso_busy_until.is_(None), model.sso_busy_until <= now))
        .values(sso_busy_until=now + LEASE)
        .execution_options(synchronize_session=False)
    )
    if not (isinstance(result, CursorResult) and result.rowcount):
        return _unconfirmed(row[2], max_age, now)
    # Read again under the claim: a refresh that finished just before it may have stored a rotated token.
    token = session.scalar(select(model.sso_refresh_token).where(model.id == holder_id))
    if token is None:
        return None
    return token, row[1].partition(" ")[2]  # sso_subject is "<issuer> <sub>"


def _unconfirmed(checked_at: datetime | None, max_age: timedelta, now: datetime) -> Refusal | None:
    """The provider cannot be asked now: the groups it gave last hold for `max_age` after its last answer."""
    return DOWN_TOO_LONG if checked_at is None or checked_at + max_age <= now else None


def _ask(client: OidcClient, settings: Settings, token: str, subject: str) -> _Answer:
    try:
        plain = sealed.unseal(token, settings.webhook_master_key, sealed.PROVIDER_REFRESH_TOKEN)
    except ValueError:  # the key was changed: this sign-in's token cannot be used any more
        log.warning("a provider refresh token cannot be read (PALAUTE_SERVER_WEBHOOK_KEY changed?)")
        return _Answer(ended=True)
    try:
        return _Answer(tokens=client.refresh(plain, subject))
    except GrantEnded:
        return _Answer(ended=True)
    except ProviderDown as error:
        log.warning("single sign-on refresh: %s", error.message)
        return _Answer()


def _settle(
    session: Session, model: Holder, holder_id: str, answer: _Answer, settings: Settings, now: datetime
) -> Refusal | None:
    holder = session.get(model, holder_id)
    if not isinstance(holder, Device | WebSession):
        return None
    holder.sso_busy_until = None
    # The person's row locked first: two of their devices settling at once would otherwise both add the same
    # community (PostgreSQL: a duplicate key, and the failed one's rotated token lost, so that sign-in ends).
    # Read again once locked (populate_existing): the device may have loaded the person before the lock.
    user = session.get(User, holder.user_id, with_for_update=True, populate_existing=True)
    assert user is not None
    if answer.ended:
        _end(session, holder)
        return Refusal("sso_ended", people.SIGN_IN_ENDED)
    if answer.tokens is None:  # the provider did not answer: the groups it gave last, for a bounded time
        # Not asked again for this sign-in until the claim lapses: a provider that hangs would otherwise cost
        # every web page of the session the provider's whole timeout.
        holder.sso_busy_until = now + LEASE
        return _unconfirmed(user.sso_checked_at, timedelta(hours=settings.oidc_max_age_hours), now)
    claims, rotated = answer.tokens.claims, answer.tokens.refresh_token
    holder.sso_checked_at = now
    user.sso_groups, user.sso_checked_at = list(claims.groups), now
    access = GroupMap.parse(settings.oidc_group_map).access(claims.groups)
    if access is None:
        ended = account_admin.sign_out_everywhere(session, user)
        log.info(
            "%s is in no mapped group at the provider any more: %d device(s) and %d web session(s) signed out",
            user.name,
            ended.devices,
            ended.web_sessions,
        )
        return Refusal("sso_no_access", people.NO_GROUP)
    # A sign-in ended while the provider was asked (signed out, revoked) keeps no token of the provider.
    if rotated and (holder.revoked_at if isinstance(holder, Device) else holder.ended_at) is None:
        holder.sso_refresh_token = sealed.seal(rotated, settings.webhook_master_key, sealed.PROVIDER_REFRESH_TOKEN)
    people.apply_access(session, user, access)
    return None


def _end(session: Session, holder: Device | WebSession) -> None:
    """This sign-in only (the person may have others the provider still accepts)."""
    if isinstance(holder, Device):
        accounts.revoke_device(session, holder.id)
    else:
        holder.ended_at = holder.ended_at or utcnow()
        holder.sso_refresh_token = None
