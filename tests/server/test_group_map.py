"""The groups-claim mapping and the refresh check of single sign-on accounts (pure functions)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from server.config import Settings
from server.group_map import Access, GroupMap, GroupMapError
from server.models import User
from server.services.accounts import Refusal
from server.sso.people import NO_GROUP, refresh_refusal

MAP = GroupMap.parse(
    "product=role:product; admins=role:admin\ncs-payments=community:payments; cs-cards=community:cards;"
    " cards=product-area:cards"
)
NOW = datetime(2026, 12, 5, 12, tzinfo=UTC)


def test_the_highest_role_wins_and_communities_add_up():
    assert MAP.access(["cs-cards", "admins", "product", "cs-payments", "other"]) == Access(
        "admin", ("cards", "payments"), ()
    )
    assert MAP.access(["cs-payments", "cards"]) == Access("rep", ("payments",), ("cards",))
    assert MAP.access(["other"]) is None and MAP.access([]) is None


@pytest.mark.parametrize(
    "text", ["", "product", "product=role", "product=role:boss", "x=team:payments", "=community:payments"]
)
def test_a_map_that_cannot_be_read_is_refused_at_start(text):
    with pytest.raises(GroupMapError):
        GroupMap.parse(text)
    if text:
        with pytest.raises(ValueError, match="PALAUTE_SERVER_OIDC_GROUP_MAP"):
            Settings(oidc_issuer="https://idp.example", oidc_client_id="c", oidc_group_map=text)


def test_single_sign_on_settings_must_be_complete():
    with pytest.raises(ValueError, match="needs PALAUTE_SERVER_OIDC_CLIENT_ID"):
        Settings(oidc_issuer="https://idp.example")
    with pytest.raises(ValueError, match="needs single sign-on"):
        Settings(password_sign_in=False)


def _user(groups, checked_hours_ago: float) -> User:
    return User(
        name="u",
        role="rep",
        password_hash="!sso",
        sso_subject="https://idp.example s1",
        sso_groups=groups,
        sso_checked_at=NOW - timedelta(hours=checked_hours_ago),
    )


def test_refresh_is_checked_against_todays_map_and_the_age_of_the_groups():
    max_age = timedelta(hours=12)
    assert refresh_refusal(_user(["cs-payments"], 1), MAP, max_age, NOW) is None
    # The admin removed the group from the map: refused at once, whatever the age, with the reason the desktop
    # words in the person's language (ErrorBody.details).
    removed = refresh_refusal(_user(["cs-payments"], 1), GroupMap.parse("product=role:product"), max_age, NOW)
    assert removed == Refusal("sso_no_access", NO_GROUP)
    too_old = refresh_refusal(_user(["cs-payments"], 13), MAP, max_age, NOW)
    assert too_old is not None and too_old.reason == "sso_ended"
    assert "Sign in with your organisation again" in too_old.message
    off = refresh_refusal(_user(["cs-payments"], 1), None, max_age, NOW)
    assert off is not None and off.reason == "sso_off" and "turned off" in off.message
    password_user = User(name="p", role="rep", password_hash="x")
    assert refresh_refusal(password_user, None, max_age, NOW) is None
