"""The community feed: what a rep reads of their communities, membership, and the pull's `communities`."""

from __future__ import annotations

import json

import pytest

from privacy import find_pii
from server.cli import main as server_cli
from server.services import membership
from tests.server.conftest import reply_mutation, same_here_mutation

EMAIL = "maija.meikalainen@example.com"


def by_id(changes: list[dict]) -> dict[str, dict]:
    """The last state per insight id in a list of pulled changes."""
    found = {}
    for change in changes:
        if change["kind"] == "insight":
            found[change["insight"]["id"]] = change["insight"]
        elif change["kind"] == "tombstone":
            found[change["insight_id"]] = change
    return found


def test_community_readers_get_the_insight_without_customer_ref_or_kept_personal_data(api):
    rita, olli = api.user("rita", communities=["payments"]), api.user("olli", communities=["payments"])
    paula = api.user("paula", "product", communities=["payments"])
    key = find_pii(f"mail {EMAIL}")[0].key
    insight = api.create(
        rita, 1, text=f"Customer {EMAIL} cannot find the IBAN field", customer_ref="CASE-77", pii_kept=[key]
    )
    assert EMAIL in insight["text"] and insight["customer_ref"] == "CASE-77" and insight["following"] is True

    seen = by_id(api.pull_all(olli)[0])[insight["id"]]
    assert (seen["customer_ref"], seen["following"], seen["author"]) == (None, False, "rita")
    assert EMAIL not in seen["text"] and "IBAN field" in seen["text"]
    thread = api.client.get(f"/api/v1/insights/{insight['id']}", headers=olli.headers).json()["insight"]
    listed = api.client.get("/api/v1/insights", headers=olli.headers).json()["insights"]
    assert thread["customer_ref"] is None and EMAIL not in thread["text"]
    assert [(i["id"], i["customer_ref"]) for i in listed] == [(insight["id"], None)]

    product_view = api.client.get(f"/api/v1/insights/{insight['id']}", headers=paula.headers).json()["insight"]
    assert product_view["customer_ref"] == "CASE-77" and EMAIL in product_view["text"]
    assert product_view["following"] is False
    own_view = by_id(api.pull_all(rita)[0])[insight["id"]]
    assert own_view["customer_ref"] == "CASE-77" and EMAIL in own_view["text"]

    _, cursor = api.pull_all(olli)
    answer = api.client.post(
        f"/api/v1/insights/{insight['id']}/replies", json={"body": "fixed next week"}, headers=paula.headers
    ).json()
    api.client.post(f"/api/v1/insights/{insight['id']}/status", json={"status": "planned"}, headers=paula.headers)
    news, _ = api.pull_all(olli, cursor)  # the product team's reply and status reach the community too
    assert [c["reply"]["id"] for c in news if c["kind"] == "reply"] == [answer["id"]]
    assert by_id(news)[insight["id"]]["status"] == "planned"


def test_another_communitys_insights_never_reach_a_rep(api):
    olli = api.user("olli", communities=["payments"])
    mona = api.user("mona", communities=["mobile-app"])
    paula = api.user("paula", "product", communities=["mobile-app"])
    theirs = api.create(mona, 1, community="mobile-app", customer_ref="SECRET-REF")
    api.client.post(f"/api/v1/insights/{theirs['id']}/replies", json={"body": "looking"}, headers=paula.headers)
    pulled = json.dumps(api.pull_all(olli)[0])
    listed = api.client.get("/api/v1/insights", headers=olli.headers).text
    assert theirs["id"] not in pulled + listed and "SECRET-REF" not in pulled + listed
    assert api.client.get(f"/api/v1/insights/{theirs['id']}", headers=olli.headers).status_code == 404
    assert api.client.get(f"/api/v1/insights/{theirs['id']}/same-heres", headers=olli.headers).status_code == 404
    assert (
        api.client.post(
            f"/api/v1/insights/{theirs['id']}/replies", json={"body": "x"}, headers=olli.headers
        ).status_code
        == 404
    )
    results = api.push(olli, same_here_mutation(1, theirs["id"]), reply_mutation(2, theirs["id"]))["results"]
    assert [(r["status"], r["code"], r["insight"]) for r in results] == [("rejected", "not_found", None)] * 2


def test_a_community_reader_cannot_change_or_join_the_thread_without_same_here(api):
    rita, olli = api.user("rita", communities=["payments"]), api.user("olli", communities=["payments"])
    insight = api.create(rita, 1)
    results = api.push(
        olli,
        {"type": "edit", "number": 1, "insight_id": insight["id"], "base_version": 1, "changes": {"text": "rewritten"}},
        {"type": "withdraw", "number": 2, "insight_id": insight["id"]},
        reply_mutation(3, insight["id"]),
    )["results"]
    assert [(r["status"], r["code"]) for r in results] == [("rejected", "forbidden")] * 3
    assert "same here" in results[2]["message"]
    answer = api.client.post(f"/api/v1/insights/{insight['id']}/replies", json={"body": "me too"}, headers=olli.headers)
    assert answer.status_code == 403 and "same here" in answer.json()["message"]
    # Once olli backs it, it is his thread too.
    assert api.push(olli, same_here_mutation(4, insight["id"]))["results"][0]["status"] == "applied"
    assert api.push(olli, reply_mutation(5, insight["id"]))["results"][0]["status"] == "applied"
    thread = api.client.get(f"/api/v1/insights/{insight['id']}", headers=rita.headers).json()
    assert (thread["insight"]["version"], thread["insight"]["text"]) == (2, "insight 1")  # same here bumped it
    assert [r["author"] for r in thread["replies"]] == ["olli"]


def test_moving_an_insight_to_another_community_hides_it_from_the_old_one(api):
    rita, olli = api.user("rita", communities=["payments"]), api.user("olli", communities=["payments"])
    insight = api.create(rita, 1)
    _, cursor = api.pull_all(olli)
    api.push(
        rita,
        {
            "type": "edit",
            "number": 2,
            "insight_id": insight["id"],
            "base_version": 1,
            "changes": {"community": "cards"},
        },
    )
    changes, _ = api.pull_all(olli, cursor)
    assert changes == [{"kind": "tombstone", "insight_id": insight["id"], "reason": "hidden"}]


def test_every_pull_answer_carries_the_readers_communities(api):
    rita = api.user("rita", communities=["payments", "cards"])
    paula = api.user("paula", "product", communities=["mobile-app"])
    first = api.pull(rita)
    assert first["communities"] == ["cards", "payments"]
    empty = api.pull(rita, first["cursor"], wait=0.1)  # a long-poll that ran out: no changes, still a body
    assert empty["changes"] == [] and empty["communities"] == ["cards", "payments"]
    assert api.pull(paula)["communities"] == ["mobile-app"]
    with api.db.write() as session:
        membership.set_open(session, "onboarding", True)
    seen = api.client.get("/api/v1/sync/changes", params={"cursor": first["cursor"]}, headers=rita.headers)
    tag = seen.headers["etag"]
    api.client.put("/api/v1/me/communities/onboarding", headers=rita.headers)
    assert api.pull(rita, first["cursor"])["communities"] == ["cards", "onboarding", "payments"]
    # Nothing new after the cursor, yet the answer changed: a client that sends the tag it has is not told 304.
    again = api.client.get(
        "/api/v1/sync/changes", params={"cursor": first["cursor"]}, headers={**rita.headers, "If-None-Match": tag}
    )
    assert again.status_code == 200 and again.json()["communities"] == ["cards", "onboarding", "payments"]


def test_reps_join_and_leave_open_communities_only(api):
    rita = api.user("rita", communities=["payments"])
    ada = api.user("ada", "admin")
    with api.db.write() as session:
        membership.set_open(session, "onboarding", True)
    listing = {c["slug"]: c for c in api.client.get("/api/v1/communities", headers=rita.headers).json()}
    assert listing["payments"] == {"slug": "payments", "name": "Payments CoP", "open": False, "member": True}
    assert (listing["onboarding"]["open"], listing["onboarding"]["member"]) == (True, False)

    joined = api.client.put("/api/v1/me/communities/onboarding", headers=rita.headers)
    assert joined.status_code == 200 and joined.json()["communities"] == ["onboarding", "payments"]
    again = api.client.put("/api/v1/me/communities/onboarding", headers=rita.headers)
    assert again.json()["communities"] == ["onboarding", "payments"]
    closed = api.client.put("/api/v1/me/communities/cards", headers=rita.headers)
    assert closed.status_code == 403 and "ask an administrator" in closed.json()["message"]
    stay = api.client.delete("/api/v1/me/communities/payments", headers=rita.headers)
    assert stay.status_code == 403
    assert api.client.put("/api/v1/me/communities/nope", headers=rita.headers).status_code == 404
    left = api.client.delete("/api/v1/me/communities/onboarding", headers=rita.headers)
    assert left.status_code == 200 and left.json()["communities"] == ["payments"]
    assert api.client.get("/api/v1/me", headers=rita.headers).json()["communities"] == ["payments"]
    assert api.client.put("/api/v1/me/communities/cards", headers=ada.headers).json()["communities"] == ["cards"]


def test_a_joiner_reads_the_community_and_a_leaver_stops(api):
    rita = api.user("rita", communities=["onboarding"])
    olli = api.user("olli")
    with api.db.write() as session:
        membership.set_open(session, "onboarding", True)
    insight = api.create(rita, 1, community="onboarding")
    assert api.client.get(f"/api/v1/insights/{insight['id']}", headers=olli.headers).status_code == 404
    api.client.put("/api/v1/me/communities/onboarding", headers=olli.headers)
    assert insight["id"] in by_id(api.pull_all(olli)[0])
    api.client.delete("/api/v1/me/communities/onboarding", headers=olli.headers)
    assert api.client.get(f"/api/v1/insights/{insight['id']}", headers=olli.headers).status_code == 404
    assert api.pull_all(olli)[0] == []


@pytest.fixture
def cli(api, tmp_path, database_url, monkeypatch, capsys):
    """Run `palaute-server` admin commands in this process against the test server's database."""
    monkeypatch.setenv("PALAUTE_SERVER_ARGON2_TIME_COST", "1")
    monkeypatch.setenv("PALAUTE_SERVER_ARGON2_MEMORY_KIB", "1024")
    where = ["--database-url", database_url] if database_url else ["--data-dir", str(tmp_path / "server")]
    # The CLI exports where the database is (for the server processes it starts); set them here so
    # monkeypatch restores them, or later tests' servers would open this test's (dropped) database.
    monkeypatch.setenv("PALAUTE_SERVER_DATA_DIR", str(tmp_path / "server"))
    monkeypatch.setenv("PALAUTE_SERVER_DATABASE_URL", database_url or "")

    def run(*args: str) -> tuple[int, str, str]:
        code = server_cli([*args[:2], *where, *args[2:]])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_admin_sets_communities_from_the_command_line(api, cli):
    api.user("rita")
    assert cli("community", "add", "claims", "Claims CoP", "--open") == (0, "added community claims\n", "")
    assert cli("user", "communities", "rita", "--add", "payments,claims")[1] == "rita: claims, payments\n"
    assert cli("user", "communities", "rita", "--remove", "claims")[1] == "rita: payments\n"
    assert cli("user", "communities", "rita", "--set", "cards,mobile-app")[1] == "rita: cards, mobile-app\n"
    code, _, err = cli("user", "communities", "rita", "--remove", "payments")
    assert code == 1 and "not in community 'payments'" in err
    code, _, err = cli("user", "communities", "rita", "--add", "nope")
    assert code == 1 and "unknown community 'nope'" in err
    assert cli("user", "communities", "nobody", "--add", "cards")[0] == 1
    assert cli("community", "set-open", "cards", "yes")[1] == "community cards is now open\n"
    rita = api.login("rita")
    listing = {c["slug"]: c for c in api.client.get("/api/v1/communities", headers=rita.headers).json()}
    assert listing["claims"]["open"] and listing["cards"]["open"] and not listing["payments"]["open"]
    assert [slug for slug, c in listing.items() if c["member"]] == ["cards", "mobile-app"]
    assert api.client.delete("/api/v1/me/communities/cards", headers=rita.headers).status_code == 200
    cli("community", "set-open", "cards", "no")
    assert api.client.put("/api/v1/me/communities/cards", headers=rita.headers).status_code == 403
