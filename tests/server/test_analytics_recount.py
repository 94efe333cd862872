"""The analytics roll-up recounted in the background: a change shows once the recount ran, requests never
wait for it, and recounts running at once (several server workers) never count a week twice.

Uses the fixed-clock scenario of test_analytics.py (weeks W44..W48 of 2026)."""

from __future__ import annotations

import threading
import time
from datetime import datetime

import pytest
from sqlalchemy import select, text

from server import recount
from server.models import AnalyticsCell, AnalyticsCustomer, User
from server.services import analytics, rollup, triage
from tests.server.test_analytics import NOW, Clock, at, make_scenario

WAIT_SECONDS = 20  # a bound for a loaded machine; the waits end as soon as the condition holds


@pytest.fixture
def scenario(api, monkeypatch):
    return make_scenario(api, monkeypatch)


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"not within {WAIT_SECONDS} s: {what}"
        time.sleep(0.01)


def current(db) -> bool:
    with db.read() as session:
        return rollup.is_current(session)


def read_as_pia(db, weeks: int = 5) -> analytics.Analytics:
    """The figures as the roll-up holds them now (no recount first)."""
    with db.read() as session:
        return analytics.build(session, session.query(User).filter_by(name="pia").one(), weeks=weeks, now=NOW)


def roll_up(db) -> tuple[list, list]:
    """Every row of the roll-up, in a stable order (ids left out: a rebuild numbers them anew)."""
    c, k = AnalyticsCell, AnalyticsCustomer
    with db.read() as session:
        cells = session.execute(
            select(c.week, c.community_id, c.product_area_id, c.captured, c.same_heres, c.answered, c.shipped)
            .add_columns(c.in_time, c.unnamed, c.customers)
            .order_by(c.week, c.community_id, c.product_area_id)
        ).all()
        shared = session.execute(
            select(k.week, k.community_id, k.product_area_id, k.customer_key).order_by(
                k.week, k.community_id, k.product_area_id, k.customer_key
            )
        ).all()
    return [tuple(r) for r in cells], [tuple(r) for r in shared]


def full_rebuild(db) -> tuple[list, list]:
    with db.write() as session:
        session.execute(text("UPDATE analytics_state SET rolled_seq = NULL"))
    analytics.ensure_current(db)
    return roll_up(db)


def set_status(api, clock: Clock, insight_id: str, status: str, when: datetime) -> None:
    clock.now = when
    with api.db.write() as session:
        triage.set_status(session, session.query(User).filter_by(name="pia").one(), insight_id, status)


def test_a_change_is_counted_once_the_background_recount_ran(api, scenario, monkeypatch):
    wait_until(lambda: current(api.db), "the first build")
    assert [w.shipped for w in read_as_pia(api.db).weeks] == [0, 0, 0, 1, 1]
    set_status(api, Clock(monkeypatch), scenario["B"], "shipped", at(25, 9))
    # Nothing here recounts: only reads, until the app's background recount has taken the change in.
    wait_until(lambda: current(api.db), "the recount after a status change")
    assert [w.shipped for w in read_as_pia(api.db).weeks] == [0, 0, 0, 1, 2]


def test_a_stream_of_commits_is_recounted_once_it_pauses_not_after_each_commit(api, scenario, monkeypatch):
    """Each recount rebuilds whole weeks: woken by every commit of a push stream, it kept recounting back to
    back and cost the pushes a fifth of their CPU (server/recount.py)."""
    wait_until(lambda: current(api.db), "the first build")
    rebuilt: list[int] = []
    real_refresh = rollup.refresh

    def counted(session, **options):
        weeks = real_refresh(session, **options)
        if weeks:  # None: left to another recount; 0: nothing to do
            rebuilt.append(weeks)
        return weeks

    monkeypatch.setattr(rollup, "refresh", counted)
    # Wide margins, so that a slow commit on a loaded machine is no pause: quiet means 2 s without a commit.
    monkeypatch.setattr(recount, "QUIET", 2.0)
    monkeypatch.setattr(recount, "MOST_BEHIND", 60.0)
    clock = Clock(monkeypatch)
    for n in range(20):
        set_status(api, clock, scenario["B"], ("planned", "shipped")[n % 2], at(25, 9))
        time.sleep(0.05)
    assert rebuilt == [], "recounted while the commits kept coming"
    assert not current(api.db)
    wait_until(lambda: current(api.db), "the recount once the commits paused")
    assert len(rebuilt) == 1
    assert [w.shipped for w in read_as_pia(api.db).weeks] == [0, 0, 0, 1, 2]


def test_a_stream_of_commits_is_recounted_at_least_every_most_behind_seconds(api, scenario, monkeypatch):
    wait_until(lambda: current(api.db), "the first build")
    monkeypatch.setattr(recount, "QUIET", 2.0)
    monkeypatch.setattr(recount, "MOST_BEHIND", 0.5)
    clock = Clock(monkeypatch)
    with api.db.read() as session:
        _, before = rollup.position(session)
    deadline = time.monotonic() + WAIT_SECONDS
    while True:  # never quiet for 2 s: taken in all the same
        assert time.monotonic() < deadline, "not recounted while commits kept coming"
        set_status(api, clock, scenario["B"], "shipped", at(25, 9))
        set_status(api, clock, scenario["B"], "planned", at(25, 9))
        time.sleep(0.05)
        with api.db.read() as session:
            rolled, _ = rollup.position(session)
        if rolled is not None and rolled > before:
            break


def test_a_request_that_finds_the_roll_up_behind_has_it_recounted_without_waiting_for_a_pause(
    app, api, client, scenario, monkeypatch
):
    """A page polling for the figures wakes the recount; that must not count as a commit that resets the
    wait for a pause (it did: each poll put the recount off until MOST_BEHIND)."""
    pia = api.login("pia")
    wait_until(lambda: current(api.db), "the first build")
    monkeypatch.setattr(recount, "QUIET", 60.0)
    monkeypatch.setattr(recount, "MOST_BEHIND", 60.0)
    monkeypatch.setattr(analytics, "STALE_SECONDS", 60.0)  # the request does not recount by itself either
    set_status(api, Clock(monkeypatch), scenario["B"], "shipped", at(25, 9))
    started = time.monotonic()
    while client.get("/api/v1/analytics", params={"weeks": 52}, headers=pia.headers).json()["recounting"]:
        assert time.monotonic() - started < WAIT_SECONDS, "still recounting: the request's wake-up waited"
        time.sleep(0.05)
    assert current(api.db)


def test_a_request_serves_the_last_roll_up_while_it_is_recounted(app, api, client, scenario, monkeypatch):
    pia = api.login("pia")

    def shipped_in_w48() -> tuple[int, bool]:
        body = client.get("/api/v1/analytics", params={"weeks": 52}, headers=pia.headers).json()
        [w48] = [w for w in body["weeks"] if w["week"] == "2026-W48"]
        return w48["shipped"], body["recounting"]

    wait_until(lambda: current(api.db), "the first build")
    assert shipped_in_w48() == (1, False)
    app.state.recounter.stop()  # as if the recount were slow or failing
    set_status(api, Clock(monkeypatch), scenario["B"], "shipped", at(25, 9))
    assert shipped_in_w48() == (1, True)  # the last roll-up, said to be recounting; nothing waited for it
    assert not current(api.db)
    monkeypatch.setattr(analytics, "STALE_SECONDS", 0.0)  # behind for longer than a figure may be stale
    assert shipped_in_w48() == (2, False)  # recounted by the request itself


def test_several_recounters_and_changes_at_once_end_like_a_full_rebuild(app, api, scenario, monkeypatch):
    """Four workers' recount threads, all woken by every commit, while changes keep coming."""
    clock = Clock(monkeypatch)
    more = [recount.Recounter(api.db, 0.05) for _ in range(3)]
    for recounter in more:
        recounter.start()
    try:
        statuses = ("shipped", "planned", "declined", "shipped")
        for n, key in enumerate(("A", "B", "D", "E", "F", "G", "B", "A")):
            set_status(api, clock, scenario[key], statuses[n % 4], at(24 + n % 2, 9 + n))
            with api.db.write() as session:
                triage.add_reply(
                    session, session.query(User).filter_by(name="pia").one(), scenario[key], "More", created_at=at(25)
                )
        wait_until(lambda: current(api.db), "the recounts after the changes")
    finally:
        for recounter in more:
            recounter.stop()
    app.state.recounter.stop()  # nothing recounts behind the comparison
    incremental = roll_up(api.db)
    assert incremental == full_rebuild(api.db)
    assert sum(row[3] for row in incremental[0]) == 7  # every visible capture once: A B D E F G X


def test_recounts_started_together_never_count_a_week_twice(app, api, scenario):
    """Recounts that overlap (a whole rebuild deletes and inserts every week) queue on the state row."""
    app.state.recounter.stop()
    expected = full_rebuild(api.db)
    for _ in range(3):
        with api.db.write() as session:
            session.execute(text("UPDATE analytics_state SET rolled_seq = NULL"))
        start = threading.Barrier(4)
        done: list[int | None] = []

        def recount_now(wait: bool, start=start, done=done) -> None:
            start.wait()
            with api.db.write() as session:
                done.append(rollup.refresh(session, wait=wait))

        threads = [threading.Thread(target=recount_now, args=(n % 2 == 0,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(WAIT_SECONDS)
        assert roll_up(api.db) == expected
        assert done.count(-1) >= 1 and all(d in (-1, 0, None) for d in done), done
