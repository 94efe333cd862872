"""Push, pull and summary through the API, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid

from server.db import Database
from server.models import User
from server.services import triage
from tests.server.conftest import create_mutation


def test_create_is_stored_with_server_fields_and_text_cleaned(api):
    rep = api.user("rita")
    yesterday = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    insight = api.create(
        rep,
        1,
        text="line one\nline\ttwo\x07\r",
        customer_ref="C-1",
        tags=["a", "b"],
        created_at=f"{yesterday:%Y-%m-%d}T10:00:00+02:00",  # a capture time the server keeps (timing.claimed)
    )
    assert insight["text"] == "line one\nline\ttwo"
    assert insight["created_at"] == f"{yesterday:%Y-%m-%d}T08:00:00+00:00"
    assert (insight["author"], insight["status"], insight["version"]) == ("rita", "new", 1)
    assert insight["updated_at"].endswith("+00:00")
    assert insight["withdrawn"] is False and insight["duplicate_of"] is None


def test_long_text_is_kept_whole_and_longer_refused(api):
    rep = api.user("rita")
    assert len(api.create(rep, 1, text="x" * 20_000)["text"]) == 20_000
    answer = api.push(rep, create_mutation(2, text="x" * 20_001), expect=422)
    assert answer["error"] == "invalid" and "20000" in answer["message"]


def test_edit_bumps_version_and_conflicting_edit_gets_current_state(api):
    rep = api.user("rita")
    insight = api.create(rep, 1)
    first = api.push(
        rep,
        {
            "type": "edit",
            "number": 2,
            "insight_id": insight["id"],
            "base_version": 1,
            "changes": {"text": "better words", "product_area": None},
        },
    )["results"][0]
    assert first["status"] == "applied"
    assert (first["insight"]["version"], first["insight"]["text"], first["insight"]["product_area"]) == (
        2,
        "better words",
        None,
    )
    stale = api.push(
        rep,
        {
            "type": "edit",
            "number": 3,
            "insight_id": insight["id"],
            "base_version": 1,
            "changes": {"text": "stale edit"},
        },
    )["results"][0]
    assert (stale["status"], stale["code"]) == ("rejected", "conflict")
    assert stale["insight"]["text"] == "better words" and stale["insight"]["version"] == 2


def test_withdraw_and_reply_through_push(api):
    rep = api.user("rita")
    insight = api.create(rep, 1)
    reply_id = str(uuid.uuid4())
    results = api.push(
        rep,
        {"type": "reply", "number": 2, "reply": {"id": reply_id, "insight_id": insight["id"], "body": "more info"}},
        {"type": "withdraw", "number": 3, "insight_id": insight["id"], "base_version": 1},
    )["results"]
    assert [r["status"] for r in results] == ["applied", "applied"]
    assert results[0]["reply"]["id"] == reply_id and results[0]["reply"]["author_role"] == "rep"
    assert results[1]["insight"]["withdrawn"] is True
    edit = api.push(
        rep, {"type": "edit", "number": 4, "insight_id": insight["id"], "base_version": 2, "changes": {"text": "x"}}
    )["results"][0]
    assert (edit["status"], edit["code"]) == ("rejected", "invalid")


def test_per_item_rejections_do_not_block_the_batch(api):
    rep = api.user("rita")
    other = api.user("olli")
    theirs = api.create(other, 1)
    results = api.push(
        rep,
        create_mutation(1, community="no-such-community"),
        create_mutation(2, id=theirs["id"]),
        {"type": "edit", "number": 3, "insight_id": theirs["id"], "base_version": 1, "changes": {"text": "x"}},
        create_mutation(4),
    )["results"]
    assert [(r["status"], r["code"]) for r in results] == [
        ("rejected", "invalid"),
        ("rejected", "id_taken"),
        ("rejected", "not_found"),
        ("applied", None),
    ]
    assert results[2]["insight"] is None  # nothing about the other rep's insight leaks


def test_numbers_already_applied_are_duplicates_however_late(api):
    rep = api.user("rita")
    batch = [create_mutation(n) for n in (1, 2, 3)]
    assert [r["status"] for r in api.push(rep, *batch)["results"]] == ["applied"] * 3
    api.create(rep, 10)
    answer = api.push(rep, batch[1], create_mutation(11))
    assert [r["status"] for r in answer["results"]] == ["duplicate", "applied"]
    assert answer["results"][0]["insight"]["id"] == batch[1]["insight"]["id"]
    assert answer["last_mutation"] == 11
    changes, _ = api.pull_all(rep)
    assert len(changes) == 5


def test_a_duplicate_names_the_mutation_the_server_holds(api):
    rep = api.user("rita")
    batch = [create_mutation(n) for n in (1, 2)]
    first = api.push(rep, *batch)["results"]
    assert [r["mutation_id"] for r in first] == [m["id"] for m in batch]
    again = api.push(rep, *batch)["results"]
    assert [(r["status"], r["mutation_id"], r["insight"]["id"]) for r in again] == [
        ("duplicate", m["id"], m["insight"]["id"]) for m in batch
    ]


def test_a_used_number_with_another_mutation_is_never_acknowledged(api):
    """A restored backup numbers new changes with numbers the server saw: nothing is applied, nothing is called a
    duplicate, and the answer names the mutation the server holds under that number."""
    rep = api.user("rita")
    sent = [create_mutation(n) for n in (1, 2, 3)]
    api.push(rep, *sent)
    rewound = [create_mutation(n) for n in (2, 3, 4)]  # after the restore: 2 and 3 again, then 4
    answer = api.push(rep, *rewound)
    assert [(r["number"], r["status"], r["mutation_id"]) for r in answer["results"]] == [
        (2, "number_used", sent[1]["id"])
    ]  # nothing after it is processed: 4 must not overtake what waits before it
    assert answer["last_mutation"] == 3
    assert len(api.pull_all(rep)[0]) == 3
    # A number the device skipped (refused locally, never sent) is "used" too, naming nothing.
    api.push(rep, create_mutation(6))
    late = api.push(rep, create_mutation(5))["results"][0]
    assert (late["status"], late["mutation_id"]) == ("number_used", None)


def test_a_refusal_sent_again_is_refused_again(api):
    rep = api.user("rita")
    refused = create_mutation(1, community="no-such-community")
    first = api.push(rep, refused)["results"][0]
    second = api.push(rep, refused)["results"][0]
    assert (first["status"], first["code"]) == (second["status"], second["code"]) == ("rejected", "invalid")
    assert second["message"] == first["message"] and second["mutation_id"] == refused["id"]


def test_a_forked_device_sends_its_changes_again_under_a_new_device_and_none_is_applied_twice(api):
    rep = api.user("rita")
    insight = api.create(rep, 1)
    edit = {
        "type": "edit",
        "number": 2,
        "insight_id": insight["id"],
        "base_version": 1,
        "changes": {"text": "edited once"},
    }
    api.push(rep, edit)
    new_device = api.login("rita", device="restored")
    again = api.push(new_device, {**edit, "number": 7})["results"][0]  # same mutation id, numbered afresh
    assert (again["status"], again["mutation_id"], again["insight"]["version"]) == ("duplicate", edit["id"], 2)
    other = api.user("olli")  # ids are the user's own: another user's mutation with the same id is its own
    theirs = api.push(other, create_mutation(1, id=str(uuid.uuid4())) | {"id": edit["id"]})["results"][0]
    assert theirs["status"] == "applied"


def test_a_mutation_without_its_id_is_invalid(api):
    rep = api.user("rita")
    mutation = create_mutation(1)
    del mutation["id"]
    answer = api.client.post("/api/v1/sync/push", json={"mutations": [mutation]}, headers=rep.headers)
    assert answer.status_code == 422 and "id" in answer.json()["message"]


def test_same_outbox_from_a_new_device_is_not_stored_twice(api):
    rep = api.user("rita")
    mutation = create_mutation(1)
    api.push(rep, mutation)
    again = api.login("rita", device="reinstalled")
    assert api.push(again, mutation)["results"][0]["status"] == "duplicate"
    assert api.client.get("/api/v1/sync/summary", headers=again.headers).json()["insights"] == 1


def test_a_number_not_above_the_one_before_it_in_the_batch_is_number_used(api):
    # As for a number at or below the device's mark: the batch stops there (the document can say this; a 422
    # for "numbers must increase" was a rule no JSON Schema can state).
    rep = api.user("rita")
    second, first = create_mutation(2), create_mutation(1)
    results = api.push(rep, second, first, create_mutation(3))["results"]
    assert [(r["number"], r["status"], r["mutation_id"]) for r in results] == [
        (2, "applied", second["id"]),
        (1, "number_used", None),  # never used: skipped
    ]
    again = create_mutation(2)
    results = api.push(rep, create_mutation(4), again)["results"]
    assert [(r["status"], r["mutation_id"]) for r in results] == [
        ("applied", results[0]["mutation_id"]),
        ("number_used", second["id"]),
    ]
    results = api.push(rep, create_mutation(5), same := create_mutation(5))["results"]
    assert (
        results[1]["status"] == "number_used" and results[1]["mutation_id"] == results[0]["mutation_id"] != same["id"]
    )
    assert len(api.pull_all(rep)[0]) == 3


def test_pull_pages_in_commit_order_with_has_more(api):
    rep = api.user("rita")
    ids = [api.create(rep, n)["id"] for n in range(1, 8)]
    seen, cursor, pages = [], "", 0
    while True:
        page = api.pull(rep, cursor, limit=3)
        pages += 1
        seen += [c["insight"]["id"] for c in page["changes"]]
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    assert seen == ids and pages == 3
    assert api.pull(rep, cursor)["changes"] == []


def test_pull_carries_status_and_replies_then_304_when_nothing_new(api):
    rep = api.user("rita")
    product = api.user("paula", "product", communities=["payments"])
    insight = api.create(rep, 1)
    _, cursor = api.pull_all(rep)
    assert (
        api.client.post(
            f"/api/v1/insights/{insight['id']}/status", json={"status": "planned"}, headers=product.headers
        ).status_code
        == 200
    )
    assert (
        api.client.post(
            f"/api/v1/insights/{insight['id']}/replies", json={"body": "on the roadmap"}, headers=product.headers
        ).status_code
        == 201
    )
    page = api.pull(rep, cursor)
    assert [c["kind"] for c in page["changes"]] == ["insight", "reply"]
    assert page["changes"][0]["insight"]["status"] == "planned"
    assert page["changes"][1]["reply"]["body"] == "on the roadmap"
    tag = api.client.get("/api/v1/sync/changes", params={"cursor": page["cursor"]}, headers=rep.headers).headers["etag"]
    again = api.client.get(
        "/api/v1/sync/changes", params={"cursor": page["cursor"]}, headers={**rep.headers, "If-None-Match": tag}
    )
    assert again.status_code == 304 and again.headers["etag"] == tag and again.content == b""


def test_foreign_or_garbage_cursor_is_410(api):
    rep = api.user("rita")
    for cursor in ("someotherdb.5", "nonsense", "a.b.c"):
        answer = api.client.get("/api/v1/sync/changes", params={"cursor": cursor}, headers=rep.headers)
        assert answer.status_code == 410 and answer.json()["error"] == "cursor_invalid"


def test_long_poll_wakes_on_a_reply_from_this_process(api):
    rep = api.user("rita")
    product = api.user("paula", "product", communities=["payments"])
    insight = api.create(rep, 1)
    _, cursor = api.pull_all(rep)

    def reply_soon():
        time.sleep(0.3)
        api.client.post(f"/api/v1/insights/{insight['id']}/replies", json={"body": "hi"}, headers=product.headers)

    thread = threading.Thread(target=reply_soon)
    started = time.monotonic()
    thread.start()
    page = api.pull(rep, cursor, wait=10)
    elapsed = time.monotonic() - started
    thread.join()
    assert [c["kind"] for c in page["changes"]] == ["reply"]
    assert 0.25 < elapsed < 3


def test_long_poll_wakes_on_a_commit_by_another_process(api, app):
    rep = api.user("rita")
    product = api.user("paula", "product", communities=["payments"])
    insight = api.create(rep, 1)
    _, cursor = api.pull_all(rep)
    other = Database(app.state.db.url)  # its own engine and pool, as another worker or host would have

    def reply_from_elsewhere():
        time.sleep(0.3)
        with other.write() as session:
            actor = session.query(User).filter_by(name=product.name).one()
            triage.add_reply(session, actor, insight["id"], "from another process")

    thread = threading.Thread(target=reply_from_elsewhere)
    thread.start()
    page = api.pull(rep, cursor, wait=10)
    thread.join()
    other.dispose()
    assert [c["reply"]["body"] for c in page["changes"]] == ["from another process"]


def test_long_poll_times_out_empty(api):
    rep = api.user("rita")
    _, cursor = api.pull_all(rep)
    started = time.monotonic()
    page = api.pull(rep, cursor, wait=0.5)
    assert page["changes"] == [] and not page["has_more"]
    assert 0.45 < time.monotonic() - started < 3


def test_summary_counts_what_the_caller_sees(api):
    rep = api.user("rita")
    other = api.user("olli")
    a = api.create(rep, 1)
    api.create(rep, 2, impact="low")
    api.create(other, 1)
    api.push(
        rep,
        {"type": "withdraw", "number": 3, "insight_id": a["id"]},
        {"type": "reply", "number": 4, "reply": {"id": str(uuid.uuid4()), "insight_id": a["id"], "body": "b"}},
    )
    summary = api.client.get("/api/v1/sync/summary", headers=rep.headers).json()
    assert (summary["insights"], summary["withdrawn"], summary["replies"]) == (1, 1, 1)
    assert summary["by_status"] == {"new": 1} and summary["last_mutation"] == 4
    assert summary["cursor"] == api.pull_all(rep)[1]


def test_an_insight_moved_out_of_view_becomes_a_tombstone(api):
    rep = api.user("rita")
    product = api.user("paula", "product", communities=["payments"])
    insight = api.create(rep, 1, product_area=None)
    first, cursor = api.pull_all(product)
    assert [c["kind"] for c in first] == ["insight"]
    api.push(
        rep,
        {
            "type": "edit",
            "number": 2,
            "insight_id": insight["id"],
            "base_version": 1,
            "changes": {"community": "cards"},
        },
    )
    later, _ = api.pull_all(product, cursor)
    assert later == [{"kind": "tombstone", "insight_id": insight["id"], "reason": "hidden"}]
    assert api.client.get(f"/api/v1/insights/{insight['id']}", headers=product.headers).status_code == 404
