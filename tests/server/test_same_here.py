"""Saying "same here" and merging: counted once, counted right, moved with duplicates, followers notified."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from server.models import Insight, User
from server.services import backing, triage
from tests.server.conftest import reply_mutation, same_here_mutation


def thread(api, account, insight_id: str) -> dict:
    answer = api.client.get(f"/api/v1/insights/{insight_id}", headers=account.headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def counts(api, account, insight_id: str) -> tuple[int, int]:
    insight = thread(api, account, insight_id)["insight"]
    return insight["customers"], insight["reps"]


def latest(changes: list[dict], insight_id: str) -> dict | None:
    found = None
    for change in changes:
        if change["kind"] == "insight" and change["insight"]["id"] == insight_id:
            found = change["insight"]
        elif change["kind"] == "tombstone" and change["insight_id"] == insight_id:
            found = change
    return found


def reply_ids(changes: list[dict], insight_id: str) -> set[str]:
    return {c["reply"]["id"] for c in changes if c["kind"] == "reply" and c["reply"]["insight_id"] == insight_id}


def test_counting_rule():
    assert backing.count([(1, None)]) == (1, 1)
    assert backing.count([(1, "CASE-1"), (2, " case-1 "), (2, "Case -1")]) == (1, 2)  # one customer, two reps
    assert backing.count([(1, None), (1, None), (1, "")]) == (3, 1)  # unnamed customers are each one
    assert backing.count([(1, "A"), (2, "B"), (3, None)]) == (3, 3)


def test_same_here_made_offline_is_counted_once_however_often_it_is_sent(api):
    rita, olli = api.user("rita", communities=["payments"]), api.user("olli", communities=["payments"])
    insight = api.create(rita, 1, customer_ref="CASE-1")
    offline = (dt.datetime.now(dt.UTC) - dt.timedelta(days=2)).isoformat()
    mutation = same_here_mutation(
        1, insight["id"], customer_ref="CASE-9", impact="blocker", note="also abroad", created_at=offline
    )
    first = api.push(olli, mutation)["results"][0]
    assert first["status"] == "applied"
    assert (first["insight"]["customers"], first["insight"]["reps"], first["insight"]["following"]) == (2, 2, True)
    assert first["insight"]["customer_ref"] is None  # rita's customer stays hers
    assert (first["same_here"]["customer_ref"], first["same_here"]["note"]) == ("CASE-9", "also abroad")
    assert first["same_here"]["created_at"].startswith(offline[:19])
    # The same batch again (answer lost), then the same id from a re-installed app (a new device).
    assert api.push(olli, mutation)["results"][0]["status"] == "duplicate"
    again = api.push(api.login("olli", device="reinstalled"), mutation)["results"][0]
    assert (again["status"], again["same_here"]["id"]) == ("duplicate", mutation["same_here"]["id"])
    taken = api.push(rita, {**mutation, "number": 2})["results"][0]
    assert (taken["status"], taken["code"]) == ("rejected", "id_taken")
    assert counts(api, rita, insight["id"]) == (2, 2)
    seen_by_rita = latest(api.pull_all(rita)[0], insight["id"])
    assert (seen_by_rita["customers"], seen_by_rita["reps"], seen_by_rita["version"]) == (2, 2, 2)


def test_same_customer_counts_once_and_each_rep_once(api):
    rita, olli = api.user("rita", communities=["payments"]), api.user("olli", communities=["payments"])
    insight = api.create(rita, 1, customer_ref="CASE-1")
    api.push(
        olli,
        same_here_mutation(1, insight["id"], customer_ref=" case-1"),
        same_here_mutation(2, insight["id"], customer_ref="CASE-2"),
        same_here_mutation(3, insight["id"]),
    )
    assert counts(api, rita, insight["id"]) == (3, 2)  # CASE-1 (twice), CASE-2, one unnamed; rita and olli
    api.push(rita, same_here_mutation(2, insight["id"], customer_ref="CASE-2"))
    assert counts(api, rita, insight["id"]) == (3, 2)


def test_same_here_on_a_withdrawn_or_invisible_insight_is_refused(api):
    rita, olli = api.user("rita", communities=["payments"]), api.user("olli", communities=["payments"])
    gone = api.create(rita, 1)
    api.push(rita, {"type": "withdraw", "number": 2, "insight_id": gone["id"]})
    hidden = api.create(rita, 3, community="cards")
    results = api.push(olli, same_here_mutation(1, gone["id"]), same_here_mutation(2, hidden["id"]))["results"]
    assert [(r["status"], r["code"]) for r in results] == [("rejected", "invalid"), ("rejected", "not_found")]
    assert counts(api, rita, gone["id"]) == (1, 1)


def test_same_heres_list_shows_customers_only_to_their_rep_and_the_product_team(api):
    rita, olli = api.user("rita", communities=["payments"]), api.user("olli", communities=["payments"])
    paula = api.user("paula", "product", communities=["payments"])
    insight = api.create(rita, 1)
    api.push(olli, same_here_mutation(1, insight["id"], customer_ref="CASE-9", note="mail me"))
    path = f"/api/v1/insights/{insight['id']}/same-heres"
    [for_rita] = api.client.get(path, headers=rita.headers).json()
    [for_olli] = api.client.get(path, headers=olli.headers).json()
    [for_paula] = api.client.get(path, headers=paula.headers).json()
    assert (for_rita["author"], for_rita["customer_ref"], for_rita["note"]) == ("olli", None, None)
    assert (for_olli["customer_ref"], for_olli["note"]) == ("CASE-9", "mail me")
    assert (for_paula["customer_ref"], for_paula["note"]) == ("CASE-9", "mail me")


def test_same_here_masks_personal_data_in_note_and_customer_ref(api):
    rita, olli = api.user("rita", communities=["payments"]), api.user("olli", communities=["payments"])
    paula = api.user("paula", "product", communities=["payments"])
    insight = api.create(rita, 1)
    email = "maija.meikalainen@example.com"
    api.push(olli, same_here_mutation(1, insight["id"], customer_ref=email, note=f"write to {email}"))
    [stored] = api.client.get(f"/api/v1/insights/{insight['id']}/same-heres", headers=paula.headers).json()
    assert email not in stored["customer_ref"] + stored["note"]


def test_merge_moves_the_counts_and_both_reps_follow_the_original(api):
    rita = api.user("rita", communities=["payments"])
    mona, olli = api.user("mona", communities=["mobile-app"]), api.user("olli", communities=["mobile-app"])
    paula = api.user("paula", "product", communities=["payments", "mobile-app"])
    original = api.create(rita, 1, community="payments", customer_ref="CASE-1")
    duplicate = api.create(mona, 1, community="mobile-app", customer_ref="CASE-2")
    api.push(olli, same_here_mutation(1, duplicate["id"], customer_ref="CASE-3"))
    earlier = api.client.post(
        f"/api/v1/insights/{original['id']}/replies", json={"body": "known issue"}, headers=paula.headers
    ).json()
    _, mona_cursor = api.pull_all(mona)
    _, olli_cursor = api.pull_all(olli)

    marked = api.client.post(
        f"/api/v1/insights/{duplicate['id']}/duplicate", json={"original_id": original["id"]}, headers=paula.headers
    )
    assert marked.status_code == 200 and marked.json()["duplicate_of"] == original["id"]
    assert counts(api, paula, original["id"]) == (3, 3)
    assert counts(api, paula, duplicate["id"]) == (1, 1)
    for account, cursor in ((mona, mona_cursor), (olli, olli_cursor)):
        changes, _ = api.pull_all(account, cursor)
        seen = latest(changes, original["id"])
        assert (seen["customers"], seen["following"], seen["customer_ref"]) == (3, True, None), account.name
        assert earlier["id"] in reply_ids(changes, original["id"]), account.name  # the thread so far
    assert latest(api.pull_all(olli, olli_cursor)[0], duplicate["id"])["duplicate_of"] == original["id"]

    _, mona_cursor = api.pull_all(mona)
    _, olli_cursor = api.pull_all(olli)
    answer = api.client.post(
        f"/api/v1/insights/{original['id']}/replies", json={"body": "fix ships Friday"}, headers=paula.headers
    ).json()
    for account, cursor in ((mona, mona_cursor), (olli, olli_cursor), (rita, "")):
        assert answer["id"] in reply_ids(api.pull_all(account, cursor)[0], original["id"]), account.name
    # Following makes them part of the thread: they may reply now.
    assert api.push(olli, reply_mutation(2, original["id"]))["results"][0]["status"] == "applied"


def test_unmarking_moves_the_counts_back_and_hides_the_original_again(api):
    rita, mona = api.user("rita", communities=["payments"]), api.user("mona", communities=["mobile-app"])
    olli = api.user("olli", communities=["mobile-app"])
    paula = api.user("paula", "product", communities=["payments", "mobile-app"])
    original = api.create(rita, 1, community="payments")
    duplicate = api.create(mona, 1, community="mobile-app")
    api.push(olli, same_here_mutation(1, duplicate["id"]))
    api.client.post(
        f"/api/v1/insights/{duplicate['id']}/duplicate", json={"original_id": original["id"]}, headers=paula.headers
    )
    assert counts(api, paula, original["id"]) == (3, 3)
    _, mona_cursor = api.pull_all(mona)
    unmark(api, "paula", duplicate["id"])
    assert counts(api, paula, original["id"]) == (1, 1)
    assert counts(api, paula, duplicate["id"]) == (2, 2)
    assert latest(api.pull_all(mona, mona_cursor)[0], original["id"])["reason"] == "hidden"
    assert api.client.get(f"/api/v1/insights/{original['id']}", headers=olli.headers).status_code == 404
    assert thread(api, olli, duplicate["id"])["insight"]["following"] is True


def test_chains_count_on_the_end_of_the_chain(api):
    rita = api.user("rita", communities=["payments"])
    olli = api.user("olli", communities=["payments"])
    paula = api.user("paula", "product", communities=["payments"])
    a, b, c = (api.create(rita, n, customer_ref=f"CASE-{n}") for n in (1, 2, 3))
    api.push(olli, same_here_mutation(1, a["id"], customer_ref="CASE-9"))

    def mark(dup, orig):
        return api.client.post(
            f"/api/v1/insights/{dup}/duplicate",
            json={"original_id": orig},
            headers=paula.headers,
        )

    assert mark(b["id"], c["id"]).status_code == 200
    assert mark(a["id"], b["id"]).status_code == 200  # A → B → C: A and its "same here" count on C
    assert [counts(api, paula, x["id"]) for x in (a, b, c)] == [(1, 1), (1, 1), (4, 2)]
    assert mark(c["id"], a["id"]).status_code == 422  # a cycle is still refused
    assert thread(api, olli, c["id"])["insight"]["following"] is True
    assert latest(api.pull_all(olli)[0], c["id"])["following"] is True  # the feed says so too
    unmark(api, "paula", b["id"])  # B is an original again: A's reports come back to B
    assert [counts(api, paula, x["id"]) for x in (a, b, c)] == [(1, 1), (3, 2), (1, 1)]
    assert thread(api, olli, b["id"])["insight"]["following"] is True
    assert thread(api, olli, c["id"])["insight"]["following"] is False  # a community insight he only reads
    unmark(api, "paula", a["id"])
    assert [counts(api, paula, x["id"]) for x in (a, b, c)] == [(2, 2), (1, 1), (1, 1)]


def test_product_list_sorts_by_customers(api):
    rita, olli = api.user("rita", communities=["payments"]), api.user("olli", communities=["payments"])
    paula = api.user("paula", "product", communities=["payments"])
    few, many, newest = (api.create(rita, n) for n in (1, 2, 3))
    api.push(
        olli, same_here_mutation(1, many["id"]), same_here_mutation(2, many["id"]), same_here_mutation(3, few["id"])
    )
    listed = api.client.get("/api/v1/insights", params={"sort": "customers"}, headers=paula.headers).json()
    assert [(i["id"], i["customers"]) for i in listed["insights"]] == [
        (many["id"], 3),
        (few["id"], 2),
        (newest["id"], 1),
    ]
    default = api.client.get("/api/v1/insights", headers=paula.headers).json()["insights"]
    assert [i["id"] for i in default] == [newest["id"], many["id"], few["id"]]
    assert api.client.get("/api/v1/insights", params={"sort": "loudest"}, headers=paula.headers).status_code == 422


def test_status_change_time_is_kept(api):
    rita = api.user("rita")
    paula = api.user("paula", "product", communities=["payments"])
    insight = api.create(rita, 1)
    with api.db.read() as session:
        assert session.get(Insight, insight["id"]).status_changed_at is None
    api.client.post(f"/api/v1/insights/{insight['id']}/status", json={"status": "shipped"}, headers=paula.headers)
    with api.db.read() as session:
        changed = session.get(Insight, insight["id"]).status_changed_at
    assert changed is not None and abs((dt.datetime.now(dt.UTC) - changed).total_seconds()) < 60


def unmark(api, product_name: str, insight_id: str) -> None:
    """Clear a duplicate mark (the web page's action; the JSON API only marks)."""
    with api.db.write() as session:
        actor = session.scalar(select(User).where(User.name == product_name))
        triage.mark_duplicate(session, actor, insight_id, None)


def test_erasing_an_original_or_a_duplicate_keeps_the_counts_right(api):
    from server.services import erasure

    rita, mona = api.user("rita", communities=["payments"]), api.user("mona", communities=["payments"])
    olli = api.user("olli", communities=["payments"])
    paula = api.user("paula", "product", communities=["payments"])
    original, duplicate, other = api.create(rita, 1), api.create(mona, 1), api.create(mona, 2)
    api.push(olli, same_here_mutation(1, duplicate["id"]), same_here_mutation(2, other["id"]))
    for dup in (duplicate, other):
        api.client.post(
            f"/api/v1/insights/{dup['id']}/duplicate", json={"original_id": original["id"]}, headers=paula.headers
        )
    assert counts(api, paula, original["id"]) == (5, 3)
    with api.db.write() as session:
        erasure.erase(session, other["id"])  # its report and olli's "same here" on it go with it
    assert counts(api, paula, original["id"]) == (3, 3)
    with api.db.write() as session:
        erasure.erase(session, original["id"])  # the duplicate is an original again, with its backer
    kept = thread(api, paula, duplicate["id"])["insight"]
    assert (kept["duplicate_of"], kept["customers"], kept["reps"]) == (None, 2, 2)
    assert thread(api, olli, duplicate["id"])["insight"]["following"] is True
