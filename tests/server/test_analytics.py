"""Analytics against a scenario with known answers (fixed clock), on SQLite and PostgreSQL.

The scenario (NOW is Wednesday 25 Nov 2026, 12:00 UTC, in ISO week 2026-W48; five weeks asked: W44..W48):
  A  Mon 2 Nov   "ACME Oy", cards   replied after 24 h, shipped 18 Nov; rita's devices pulled past it
  B  Wed 4 Nov   "acme oy"          replied after 240 h (14 Nov)
  C  Tue 10 Nov                     withdrawn: counted nowhere
  D  Wed 11 Nov  "Beta"             marked a duplicate of A on 12 Nov
  E  Tue 17 Nov  cards              replied after 12 h, shipped 24 Nov; rita has not pulled since
  F  Mon 23 Nov 00:30 at UTC+2  = Sun 22 Nov 22:30 UTC: week 47
  G  Sun 22 Nov 23:30 at UTC-5  = Mon 23 Nov 04:30 UTC: week 48
  sam says "same here" on A (19 Nov, "Gamma") and on B (20 Nov, "ACME OY ").
  X  in the cards community, which pia does not follow: never counted for her.
W44 is empty.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from server.models import Insight, User
from server.services import analytics, backing, delivery, triage
from server.services.analytics import percentile
from tests.server.conftest import same_here_mutation

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def at(day: int, hour: int = 10, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


class Clock:
    """The triage services' clock, set before each step of the scenario."""

    def __init__(self, monkeypatch) -> None:
        self.now = NOW
        for module in (triage, backing):
            monkeypatch.setattr(module, "utcnow", lambda: self.now)


@pytest.fixture
def scenario(api, monkeypatch):
    return make_scenario(api, monkeypatch)


def make_scenario(api, monkeypatch) -> dict[str, str]:
    """The scenario above, written through the services; returns the insights' ids by letter."""
    clock = Clock(monkeypatch)
    rita = api.user("rita", communities=["payments"])
    sam = api.user("sam", communities=["payments"])
    api.user("pia", "product", communities=["payments"])
    db = api.db
    ids = {}

    def create(key: str, created: datetime, number: int, **fields) -> None:
        draft = dict(id=str(uuid.uuid4()), text=f"Scenario insight {key}", created_at=created.isoformat())
        draft.update(fields)
        ids[key] = api.create(rita, number, **draft)["id"]

    create("A", at(2), 1, customer_ref="ACME Oy", product_area="cards")
    create("B", at(4), 2, customer_ref="acme oy", product_area=None)
    create("C", at(10, 9), 3, product_area=None)
    create("D", at(11, 12), 4, customer_ref="Beta", product_area=None)
    create("E", at(17, 8), 5, product_area="cards")
    create("F", datetime(2026, 11, 23, 0, 30, tzinfo=timezone(timedelta(hours=2))), 6, product_area=None)
    create("G", datetime(2026, 11, 22, 23, 30, tzinfo=timezone(timedelta(hours=-5))), 7, product_area=None)
    create("X", at(12), 8, community="cards", product_area=None)
    api.push(rita, {"type": "withdraw", "number": 9, "insight_id": ids["C"]})

    def as_pia(action, when: datetime) -> None:
        clock.now = when
        with db.write() as session:
            pia = session.query(User).filter_by(name="pia").one()
            action(session, pia)

    def reply(key: str, when: datetime) -> None:
        as_pia(lambda s, u: triage.add_reply(s, u, ids[key], "Thanks", created_at=when), when)

    reply("A", at(3))
    reply("B", at(14))
    reply("E", at(17, 20))
    as_pia(lambda s, u: triage.mark_duplicate(s, u, ids["D"], ids["A"]), at(12))
    as_pia(lambda s, u: triage.set_status(s, u, ids["A"], "shipped"), at(18))
    with db.write() as session:  # rita's desktop pulls past A's "shipped"
        seq = session.get(Insight, ids["A"]).shipped_seq
        delivery.record(session, {session.query(User).filter_by(name="rita").one().id: seq})
    as_pia(lambda s, u: triage.set_status(s, u, ids["E"], "shipped"), at(24))
    api.push(sam, same_here_mutation(1, ids["A"], customer_ref="Gamma", created_at=at(19).isoformat()))
    api.push(sam, same_here_mutation(2, ids["B"], customer_ref="ACME OY ", created_at=at(20).isoformat()))
    return ids


def build(api, name: str = "pia", **options) -> analytics.Analytics:
    analytics.ensure_current(api.db)
    with api.db.read() as session:
        reader = session.query(User).filter_by(name=name).one()
        return analytics.build(session, reader, now=NOW, **options)


def test_weekly_figures(api, scenario):
    found = build(api, weeks=5)
    rows = [(w.week, w.captured, w.same_heres, w.answered, w.shipped, w.customers) for w in found.weeks]
    assert rows == [
        ("2026-W44", 0, 0, 0, 0, 0),  # an empty week is listed, with zeros
        ("2026-W45", 2, 0, 1, 0, 1),  # "ACME Oy" and "acme oy" are one customer
        ("2026-W46", 1, 0, 1, 0, 1),  # C withdrawn; D captured though merged later; X not pia's
        ("2026-W47", 2, 2, 1, 1, 4),  # F by its UTC time; Gamma, ACME and two without a reference
        ("2026-W48", 1, 0, 0, 1, 1),  # G by its UTC time
    ]
    assert found.weeks[0].starts.isoformat() == "2026-10-26"


def test_loop_figures(api, scenario):
    loop = build(api, weeks=5).loop
    assert (loop.first_reply_p50_hours, loop.first_reply_p90_hours, loop.replied) == (24.0, 196.8, 3)
    # Captured at least 7 days before NOW: A, B, D, E; answered within 7 days: A and E.
    assert (loop.judged_for_7_days, loop.answered_within_7_days, loop.answered_within_7_days_share) == (4, 2, 0.5)
    # A and E shipped; only A's author pulled the change since. A: ACME Oy, Beta (merged D), Gamma.
    assert (loop.shipped, loop.shipped_told, loop.shipped_told_share, loop.customers_behind_shipped) == (2, 1, 0.5, 4)


def test_per_community_product_area_and_rising(api, scenario):
    found = build(api, weeks=5)
    [payments] = found.communities
    assert (payments.slug, payments.captured, payments.same_heres, payments.answered, payments.shipped) == (
        "payments",
        6,
        2,
        3,
        2,
    )
    areas = {a.slug: a for a in found.product_areas}
    assert (areas["cards"].captured, areas["cards"].same_heres, areas["cards"].customers_behind_shipped) == (2, 1, 4)
    assert (areas[None].captured, areas[None].answered, areas[None].answered_within_7_days_share) == (4, 1, 0.0)
    assert [(r.id, r.new_same_heres) for r in found.rising] == [(scenario["A"], 2), (scenario["B"], 1)]

    cards_only = build(api, weeks=5, product_area="cards")
    assert [w.captured for w in cards_only.weeks] == [0, 1, 0, 1, 0]
    shorter = build(api, weeks=1)
    assert [w.week for w in shorter.weeks] == ["2026-W48"] and shorter.loop.shipped == 1


def test_the_api_answers_the_product_team_and_refuses_reps(api, client, scenario):
    rita = api.login("rita")
    pia = api.login("pia")
    assert client.get("/api/v1/analytics", headers=rita.headers).status_code == 403
    answer = client.get("/api/v1/analytics", params={"weeks": 52, "community": "payments"}, headers=pia.headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert len(body["weeks"]) == 52 and body["community"] == "payments"
    assert client.get("/api/v1/analytics", params={"weeks": 0}, headers=pia.headers).status_code == 422


def test_a_pull_acknowledges_its_cursor(app, api, client):
    rita = api.user("rita", communities=["payments"])
    api.create(rita, 1)
    _, cursor = api.pull_all(rita)
    api.pull(rita, cursor)  # the next pull says the device holds everything up to `cursor`
    client.__exit__(None, None, None)  # stopping the app writes what pulls acknowledged
    with api.db.read() as session:
        acked = session.query(User).filter_by(name="rita").one().acked_seq
    api.db.dispose()  # the app had closed its pool; this read opened a connection again
    assert acked == int(cursor.rsplit(".", 1)[1])


def test_percentile_interpolates_like_postgresql():
    assert percentile([], 0.5) is None
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([12.0, 24.0, 240.0], 0.9) == pytest.approx(196.8)


def test_the_roll_up_follows_later_changes_like_a_full_rebuild(api, scenario, monkeypatch):
    before = build(api, weeks=5)  # builds the roll-up
    clock = Clock(monkeypatch)
    rita = api.login("rita")
    late = api.create(rita, 20, text="Late scenario insight", created_at=at(3).isoformat(), customer_ref="Delta")
    api.push(rita, {"type": "withdraw", "number": 21, "insight_id": scenario["B"]})
    clock.now = at(25, 9)
    with api.db.write() as session:  # A's "shipped" taken back: week 47 loses it
        triage.set_status(session, session.query(User).filter_by(name="pia").one(), scenario["A"], "planned")
    incremental = build(api, weeks=5)
    with api.db.write() as session:
        session.execute(text("UPDATE analytics_state SET rolled_seq = NULL"))
    full = build(api, weeks=5)
    assert incremental.model_dump() == full.model_dump()
    w45 = incremental.weeks[1]
    assert (w45.captured, w45.answered, w45.customers) == (2, 1, 2)  # + late "Delta", - withdrawn B
    assert [w.shipped for w in incremental.weeks] == [0, 0, 0, 0, 1]
    assert before.weeks[3].shipped == 1 and late["id"]


def test_an_erased_insight_leaves_the_figures(api, scenario):
    from server.services import erasure

    assert build(api, weeks=5).weeks[1].captured == 2
    with api.db.write() as session:
        erasure.erase(session, scenario["B"])
    assert build(api, weeks=5).weeks[1].captured == 1  # rebuilt: B's week is no longer known from its row


def test_acks_hand_over_only_positions_that_moved_on():
    acks = delivery.Acks()
    acks.note(1, 5)
    acks.note(1, 3)
    acks.note(2, 0)  # an empty cursor acknowledges nothing
    assert acks.take() == {1: 5}
    acks.note(1, 5)  # a renewal at the position already written
    assert acks.take() == {}
    acks.note(1, 6)
    assert acks.take() == {1: 6}


def test_a_status_a_tracker_takes_back_leaves_the_week_it_shipped_in(api, scenario, monkeypatch):
    clock = Clock(monkeypatch)

    def tracker_sets(status: str, when: datetime) -> None:  # no actor: a linked tracker item moved
        clock.now = when
        with api.db.write() as session:
            triage.change_status(session, session.get(Insight, scenario["F"]), status)

    build(api, weeks=5)
    tracker_sets("shipped", at(24, 12))
    assert [w.shipped for w in build(api, weeks=5).weeks] == [0, 0, 0, 1, 2]
    # Taken back a week later: F's own row now says week 49 only, so the week it shipped in is found
    # through the status event the tracker's change left.
    tracker_sets("in_progress", at(2, 12, month=12))
    assert [w.shipped for w in build(api, weeks=5).weeks] == [0, 0, 0, 1, 1]
