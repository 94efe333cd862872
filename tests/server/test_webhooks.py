"""Outbound webhooks against a real receiver on loopback: the outbox, signatures, order, retries, chat kinds."""

from __future__ import annotations

import json
import threading
import time

import pytest
from sqlalchemy import func, select

from server.models import Reply, User, Webhook, WebhookMessage
from server.services import events, triage, webhooks
from tests.server.conftest import create_mutation, edit_mutation, reply_mutation, same_here_mutation
from tests.support.webhook_receiver import Receiver


@pytest.fixture
def settings_overrides() -> dict:
    return dict(QUICK)


# The sender's timeout is generous: these tests expect each message exactly once, and a loaded CI machine once
# made the receiver in this process miss 0.5 s, so the sender rightly tried again (at least once). The test
# of timeouts sets its own, shorter one.
QUICK = dict(webhook_backoff_base=0.02, webhook_timeout=5.0, webhook_poll_interval=0.05)


def subscribe(app, url: str, events=(), **kwargs) -> tuple[int, str]:
    with app.state.db.write() as session:
        hook, secret = webhooks.add(session, url, list(events), app.state.settings.webhook_master_key, **kwargs)
        return hook.id, secret


def outbox_size(app) -> int:
    with app.state.db.read() as session:
        return session.scalar(select(func.count()).select_from(WebhookMessage))


def wait_until(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


def make_changes(api) -> tuple[str, str]:
    """Every kind of event: (insight A, insight B); B ends up merged into A."""
    rep = api.user("rita", communities=["payments"])
    other = api.user("olli", communities=["payments"])
    pm = api.user("pam", "product", communities=["payments"])
    a = api.create(rep, 1, text="Card payment cannot be split", customer_ref="CASE-4711")
    b = api.create(rep, 2, text="Customer wants to split a card payment")
    assert api.push(rep, edit_mutation(3, a["id"], text="Split pay"))["results"][0]["status"] == "applied"
    assert api.client.post(
        f"/api/v1/insights/{a['id']}/status", json={"status": "planned"}, headers=pm.headers
    ).is_success
    assert api.push(rep, reply_mutation(4, a["id"], "Both Android and iOS"))["results"][0]["status"] == "applied"
    same = same_here_mutation(1, a["id"], customer_ref="CASE-9", impact="high", note="also CASE-9")
    assert api.push(other, same)["results"][0]["status"] == "applied"
    dup = api.client.post(f"/api/v1/insights/{b['id']}/duplicate", json={"original_id": a["id"]}, headers=pm.headers)
    assert dup.is_success, dup.text
    return a["id"], b["id"]


EXPECTED_A = ["insight.created", "insight.updated", "insight.status_changed", "reply.created", "same_here.created"]
EXPECTED_B = ["insight.created", "insight.merged"]


@pytest.mark.timeout(60)
def test_every_event_once_in_order_signed_and_without_customer_references(app, api):
    with Receiver() as receiver:
        hook_id, receiver.secret = subscribe(app, receiver.url)
        a, b = make_changes(api)
        got = receiver.wait_for(len(EXPECTED_A) + len(EXPECTED_B))
    assert receiver.bad_signatures == 0
    of = {key: [m.type for m in got if m.body["data"]["insight"]["id"] == key] for key in (a, b)}
    assert of == {a: EXPECTED_A, b: EXPECTED_B}
    assert len({m.id for m in got}) == len(got)  # each message once
    raw = b"".join(body for _, body in receiver.raw)
    assert b"CASE-4711" not in raw and b"CASE-9" not in raw and b"rita" not in raw
    status = next(m for m in got if m.type == "insight.status_changed").body["data"]
    assert (status["previous_status"], status["insight"]["status"]) == ("new", "planned")
    assert status["insight"]["url"].endswith(f"/web/insights/{a}")
    assert next(m for m in got if m.type == "insight.merged").body["data"]["original_id"] == a
    assert wait_until(lambda: outbox_size(app) == 0)
    with app.state.db.read() as session:
        assert session.get(Webhook, hook_id).delivered == len(got)


ODD_TEXT = 'Quote " backslash \\ tab\t newline\n päätös åsna año 💳 \u2028 </script> {"type":"x"}'


@pytest.mark.timeout(60)
def test_odd_text_arrives_exactly_in_the_envelope_json_would_make(app, api):
    """The envelope around the event's data is put together by hand (outbox.py, to encode each event once):
    what arrives must be exactly what `json.dumps` would send, whatever the text holds."""
    with Receiver() as receiver:
        _, receiver.secret = subscribe(app, receiver.url, ["insight.created"])
        rep = api.user("rita", communities=["payments"])
        api.create(rep, 1, text=ODD_TEXT)
        (message,) = receiver.wait_for(1)
    assert receiver.bad_signatures == 0
    body = receiver.raw[0][1].decode()
    assert message.body["data"]["insight"]["text"] == ODD_TEXT
    assert list(message.body) == ["type", "timestamp", "data"]
    assert body == json.dumps(message.body, separators=(",", ":"), ensure_ascii=False)


@pytest.mark.timeout(60)
def test_a_body_shows_the_insight_as_it_is_when_sent_and_the_change_as_it_was(app, api):
    """Messages keep the event's facts; the body is built when sent. An insight edited while the receiver was
    down arrives as edited in every message, each still stamped and typed as its own change was."""
    with Receiver() as receiver:
        _, receiver.secret = subscribe(app, receiver.url)
        receiver.down = True
        rep = api.user("rita", communities=["payments"])
        pm = api.user("pam", "product", communities=["payments"])
        insight = api.create(rep, 1, text="Card limit too low")
        assert receiver.wait_until(lambda: receiver.refused >= 1)
        assert api.push(rep, edit_mutation(2, insight["id"], text="Card limit"))["results"][0]["status"] == "applied"
        status = {"status": "planned"}
        assert api.client.post(f"/api/v1/insights/{insight['id']}/status", json=status, headers=pm.headers).is_success
        receiver.down = False
        got = receiver.wait_for(3)
    assert [m.type for m in got] == ["insight.created", "insight.updated", "insight.status_changed"]
    assert {m.body["data"]["insight"]["text"] for m in got} == {"Card limit"}
    assert {m.body["data"]["insight"]["status"] for m in got} == {"planned"}
    assert (got[2].body["data"]["previous_status"], got[2].body["data"]["status"]) == ("new", "planned")
    stamps = [m.body["timestamp"] for m in got]
    assert stamps == sorted(stamps) and len(set(stamps)) == 3  # each change's own time, not the sending's


@pytest.mark.parametrize("settings_overrides", [dict(QUICK, webhook_delivery="off")])
def test_a_message_whose_insight_is_gone_is_dropped_not_sent(app, api):
    from server.delivery import policy_of
    from server.models import Insight
    from server.services import delivery_queue

    subscribe(app, "http://127.0.0.1:9/hook")
    rep = api.user("rita", communities=["payments"])
    kept, lost = api.create(rep, 1)["id"], api.create(rep, 2)["id"]
    with app.state.db.write() as session:
        session.delete(session.get(Insight, lost))  # as no path of the app does: erasure takes its messages along
    with app.state.db.write() as session:
        claimed = delivery_queue.claim(session, 10, policy_of(app.state.settings))
    assert [json.loads(m.payload)["data"]["insight"]["id"] for m in claimed] == [kept]
    assert outbox_size(app) == 1


@pytest.mark.timeout(90)
@pytest.mark.parametrize(
    ("trouble", "settings_overrides"),
    [(dict(fail_first=5), QUICK), (dict(stall_first=2, stall=2.0), dict(QUICK, webhook_timeout=1.0))],
    ids=["fails-5", "timeouts"],
)
def test_a_failing_receiver_still_gets_every_event_once_in_order(app, api, trouble, settings_overrides):
    with Receiver(**trouble) as receiver:
        hook_id, receiver.secret = subscribe(app, receiver.url)
        a, b = make_changes(api)
        got = receiver.wait_for(len(EXPECTED_A) + len(EXPECTED_B), timeout=60)
    of = {key: [m.type for m in got if m.body["data"]["insight"]["id"] == key] for key in (a, b)}
    assert of == {a: EXPECTED_A, b: EXPECTED_B}
    tries = trouble.get("fail_first", trouble.get("stall_first"))
    assert all(receiver.attempts[m.id] == tries + 1 for m in got)  # retried with the same webhook-id
    assert wait_until(lambda: outbox_size(app) == 0)  # the last outcomes are recorded
    with app.state.db.read() as session:
        assert session.get(Webhook, hook_id).failures == 0  # reset by the last success


def test_subscriptions_filter_by_event_and_community(app, api):
    with Receiver() as everything, Receiver() as replies, Receiver() as elsewhere:
        everything.secret = subscribe(app, everything.url)[1]
        replies.secret = subscribe(app, replies.url, ["reply.created"])[1]
        elsewhere.secret = subscribe(app, elsewhere.url, community="cards")[1]
        make_changes(api)
        everything.wait_for(7)
        replies.wait_for(1)
    assert [m.type for m in replies.accepted] == ["reply.created"]
    assert elsewhere.accepted == []


def test_chat_kinds_hear_of_high_impact_and_shipped_only(app, api):
    with Receiver(verify=False) as slack, Receiver(verify=False) as teams:
        subscribe(app, slack.url, kind="slack")
        subscribe(app, teams.url, kind="teams")
        rep = api.user("rita", communities=["payments"])
        pm = api.user("pam", "product", communities=["payments"])
        high = api.create(rep, 1, text="Export drops the last row", impact="high")
        api.create(rep, 2, text="Minor wording", impact="low")
        for status in ("planned", "shipped"):
            api.client.post(f"/api/v1/insights/{high['id']}/status", json={"status": status}, headers=pm.headers)
        slack.wait_for(2)
        teams.wait_for(2)
    slack_bodies = [json.loads(body) for _, body in slack.raw]
    assert [b["blocks"][0]["text"]["text"] for b in slack_bodies] == [
        "New high-impact insight in payments",
        "Shipped: an insight from payments",
    ]
    assert slack_bodies[0]["blocks"][-1]["elements"][0]["url"].endswith(f"/web/insights/{high['id']}")
    card = json.loads(teams.raw[0][1])["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["actions"][0]["url"].endswith(f"/web/insights/{high['id']}")
    assert "Export drops the last row" in card["content"]["body"][1]["text"]


def test_no_subscription_writes_no_outbox_rows(app, api):
    rep = api.user("rita", communities=["payments"])
    api.push(rep, create_mutation(1))
    assert outbox_size(app) == 0


def test_secrets_are_stored_encrypted(app, client):
    _, secret = subscribe(app, "http://127.0.0.1:9/x")
    with app.state.db.read() as session:
        stored = session.scalars(select(Webhook.secret)).one()
    assert secret.startswith("whsec_") and secret[6:] not in stored
    assert webhooks.unseal(stored, app.state.settings.webhook_master_key) == secret
    with pytest.raises(ValueError):
        webhooks.unseal(stored, "another key")


@pytest.mark.timeout(90)
@pytest.mark.parametrize("settings_overrides", [dict(QUICK, webhook_timeout=1.0, webhook_concurrency=1)])
def test_a_slow_receiver_gets_messages_claimed_too_long_ago_handed_back_and_each_once(
    app, api, monkeypatch, settings_overrides
):
    # One claim takes 16 rounds (16 messages at concurrency 1), at 0.4 s each: the last ones would still wait
    # when their lease (2 x 1 s + 5 s) could end during their attempt, so they are handed back, claimed anew and
    # sent once. Without the hand-back another worker could take them while this one sends them.
    from server.services import delivery_queue

    handed_back: list[int] = []
    release = delivery_queue.release
    monkeypatch.setattr(
        delivery_queue, "release", lambda session, ids: (handed_back.extend(ids), release(session, ids))
    )
    with Receiver(delay=0.4) as receiver:
        receiver.secret = subscribe(app, receiver.url, ["insight.created"])[1]
        rep = api.user("rita", communities=["payments"])
        # One push, one commit: the first claim finds all 20 (one per commit could keep each claim small).
        api.push(rep, *(create_mutation(n, text=f"slow receiver {n}") for n in range(1, 21)))
        got = receiver.wait_for(20, timeout=60)
    assert len(got) == 20 == len({m.id for m in got})
    assert all(receiver.attempts[m.id] == 1 for m in got)  # nothing sent twice
    assert handed_back, "no message was handed back: the claim no longer outlasts the lease"
    assert wait_until(lambda: outbox_size(app) == 0)


@pytest.mark.timeout(90)
def test_several_workers_share_the_queue_without_sending_twice_or_out_of_order(app, api):
    from server.delivery import Deliverer

    extra = [Deliverer(app.state.db, app.state.settings) for _ in range(3)]
    for deliverer in extra:
        deliverer.start()
    try:
        with Receiver(delay=0.01) as receiver:
            receiver.secret = subscribe(app, receiver.url)[1]
            rep = api.user("rita", communities=["payments"])
            pm = api.user("pam", "product", communities=["payments"])
            ids = [api.create(rep, n, text=f"insight {n}")["id"] for n in range(1, 11)]
            for status in ("acknowledged", "planned", "in_progress", "shipped"):
                for insight_id in ids:
                    api.client.post(
                        f"/api/v1/insights/{insight_id}/status", json={"status": status}, headers=pm.headers
                    )
            got = receiver.wait_for(50, timeout=60)
    finally:
        for deliverer in extra:
            deliverer.stop()
    assert len(got) == 50 == len({m.id for m in got})
    # The order of each insight's events by what each change set (`data.insight` is the insight when sent).
    expected = ["new", "acknowledged", "planned", "in_progress", "shipped"]
    for insight_id in ids:
        assert [
            m.body["data"].get("status", "new") for m in got if m.body["data"]["insight"]["id"] == insight_id
        ] == expected


def test_backoff_doubles_with_jitter_up_to_the_cap():
    import random
    from datetime import timedelta

    from server.services.delivery_queue import Policy, backoff

    policy = Policy(backoff_base=1.0, backoff_cap=60.0, retry_window=timedelta(days=3), lease=timedelta(seconds=30))
    rng = random.Random(7)
    for attempts, top in [(1, 1), (2, 2), (3, 4), (6, 32), (7, 60), (40, 60)]:
        waits = [backoff(attempts, policy, rng) for _ in range(200)]
        assert top / 2 <= min(waits) and max(waits) <= top and max(waits) - min(waits) > top / 10


@pytest.mark.timeout(60)
@pytest.mark.parametrize("settings_overrides", [dict(webhook_backoff_base=0.05, webhook_retry_hours=0.0005)])
def test_an_endpoint_failing_past_the_retry_window_is_switched_off(app, api, settings_overrides):
    with Receiver(fail_first=10**6) as receiver:
        hook_id, receiver.secret = subscribe(app, receiver.url)
        api.create(api.user("rita", communities=["payments"]), 1)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with app.state.db.read() as session:
                hook = session.get(Webhook, hook_id)
                enabled, reason, failures, error = hook.enabled, hook.disabled_reason, hook.failures, hook.last_error
            if not enabled:
                break
            time.sleep(0.1)
    assert not enabled and "could not be delivered for" in reason
    assert failures >= 2 and error == "HTTP 500"
    assert outbox_size(app) == 0  # given up (3 days in production)


@pytest.mark.parametrize("settings_overrides", [dict(webhook_delivery="off")])
def test_the_change_and_its_messages_commit_together_or_not_at_all(app, api, settings_overrides):
    from server.models import Insight, User
    from server.services import triage

    subscribe(app, "http://127.0.0.1:9/hook")
    rep = api.user("rita", communities=["payments"])
    api.user("pam", "product", communities=["payments"])
    insight_id = api.create(rep, 1)["id"]
    written = outbox_size(app)
    with pytest.raises(RuntimeError), app.state.db.write() as session:
        pm = session.scalars(select(User).where(User.name == "pam")).one()
        triage.set_status(session, pm, insight_id, "planned")
        session.flush()
        raise RuntimeError("the request fails after the change")
    assert outbox_size(app) == written
    with app.state.db.read() as session:
        assert session.get(Insight, insight_id).status == "new"
    with app.state.db.write() as session:
        pm = session.scalars(select(User).where(User.name == "pam")).one()
        triage.set_status(session, pm, insight_id, "planned")
    assert outbox_size(app) == written + 1


@pytest.mark.postgres
@pytest.mark.timeout(60)
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)  # SQLite runs one writer at a time
@pytest.mark.parametrize("settings_overrides", [dict(webhook_delivery="off")])
def test_a_second_change_of_an_insight_waits_for_the_first_ones_outbox_row(app, api, monkeypatch):
    """Outbox rows are written before the feed's counter lock (services/events.py), so the lock on the insight
    rows must keep one insight's rows in commit order. Two product replies that change nothing on the insight's
    own row only take its key-share lock (their foreign key), which does not exclude each other: without the
    explicit lock the second committed a row with a higher id while the first one's was still uncommitted, and
    delivery would have sent it first."""
    subscribe(app, "https://hooks.example.test/palaute")

    def pam(session):
        return session.scalars(select(User).where(User.name == "pam")).one()

    rep = api.user("rita", communities=["payments"])
    api.user("pam", "product", communities=["payments"])
    insight = api.create(rep, 1, text="Card payment cannot be split")["id"]
    with app.state.db.write() as session:  # the first product reply: what later ones leave unchanged
        triage.add_reply(session, pam(session), insight, "Looking at it")

    paused, release = threading.Event(), threading.Event()
    real_flush = events.flush

    def flush_then_pause_once(session):
        real_flush(session)
        # Only the first change's thread: the server's own threads (recount, acks) commit through here too.
        if threading.current_thread().name == "first change" and not paused.is_set():
            paused.set()
            release.wait(20)

    monkeypatch.setattr(events, "flush", flush_then_pause_once)

    def reply(body):
        with app.state.db.write() as session:
            triage.add_reply(session, pam(session), insight, body)

    first = threading.Thread(target=reply, args=("Planned for spring",), name="first change")
    first.start()
    assert paused.wait(10)  # the first change's outbox row is written, not committed
    second = threading.Thread(target=reply, args=("Spring it is",))
    second.start()
    second.join(1.0)
    waited = second.is_alive()
    release.set()
    first.join(10)
    second.join(10)
    assert waited, "the second change committed its outbox row while the first one's was uncommitted"
    with app.state.db.read() as session:
        facts = session.scalars(
            select(WebhookMessage.facts).where(WebhookMessage.event == "reply.created").order_by(WebhookMessage.id)
        ).all()
        bodies = [session.get(Reply, json.loads(f)["reply_id"]).body for f in facts]
    assert bodies[-2:] == ["Planned for spring", "Spring it is"]


def test_the_claim_selects_the_fields_of_a_claimed_message_in_their_order():
    # delivery_queue.claim builds Claimed from each row by position.
    import dataclasses

    from server.services.delivery_queue import _CLAIM, Claimed

    assert [c.name for c in _CLAIM.selected_columns] == [f.name for f in dataclasses.fields(Claimed)]
