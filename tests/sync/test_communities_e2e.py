"""Communities end to end against the real server: the community feed, duplicate hints, "same here", merging.

Each test has a community of its own on the shared server, with reps made for it, so what other tests
capture never reaches these feeds.
"""

from __future__ import annotations

import json

import pytest

from desktop.domain import NewInsight, SyncState
from desktop.paths import AppPaths
from desktop.store import open_store
from desktop.sync.account import resume, sign_in
from desktop.sync.credentials import Vault
from desktop.sync.engine import Puller, Pusher
from desktop.sync.errors import SyncError
from tests.support.fault_proxy import FaultProxy
from tests.sync.conftest import PRODUCT_PASSWORD, REP_PASSWORD, ProductMember, add_community, add_user

PASSWORD = REP_PASSWORD


def palaute(capsys, folder, *args: str) -> tuple[int, str, str]:
    """The CLI in this process (so it finds the tests' in-memory keyring), as `palaute --data-dir FOLDER ARGS`."""
    from desktop.cli import build_parser, run

    capsys.readouterr()
    code = run(build_parser().parse_args(["--data-dir", str(folder), *args]))
    out, err = capsys.readouterr()
    return code, out, err


def sync_once(store):
    client = resume(store, Vault())
    report = Pusher(store.sync).push_all(client)
    notices = Puller(store.sync).pull_all(client)
    return report, notices


class Team:
    """A community of its own, its reps (each with their own store) and a product member assigned to it."""

    def __init__(self, server, tmp_path, request, *, open_: bool = False) -> None:
        suffix = f"{abs(hash(request.node.nodeid)) % 10**8}"
        self.server, self.tmp_path, self.suffix = server, tmp_path, suffix
        self.slug = f"cop-{suffix}"
        add_community(server, self.slug, f"Test CoP {suffix}", open_=open_)
        self.product_name = f"pm-{suffix}"
        add_user(server, self.product_name, "product", PRODUCT_PASSWORD, communities=(self.slug,))
        self.stores: list = []

    def rep(self, name: str, *, member: bool = True, url: str | None = None):
        full = f"{name}-{self.suffix}"
        add_user(self.server, full, "rep", PASSWORD, communities=(self.slug,) if member else ())
        store = open_store(AppPaths.resolve(self.tmp_path / full))
        self.stores.append(store)
        sign_in(store, Vault(), url or self.server.url, full, PASSWORD)
        return store

    def product(self) -> ProductMember:
        return ProductMember(self.server.url, self.product_name)

    def close(self) -> None:
        for store in self.stores:
            store.close()


@pytest.fixture
def team(shared_server, tmp_path, request):
    team = Team(shared_server, tmp_path, request)
    yield team
    team.close()


def test_two_reps_one_community_the_second_is_offered_the_first_and_says_same_here(team):
    """The issue's "done when", through the real server: two customers behind one insight."""
    anna, ben = team.rep("anna"), team.rep("ben")
    first = anna.capture(
        NewInsight(
            text="Customer cannot split a card payment over two accounts in the app",
            community=team.slug,
            customer_ref="CASE-1001",
            impact="high",
        )
    )
    sync_once(anna)

    sync_once(ben)
    seen = ben.get_insight(first.id)
    assert seen is not None and not seen.following and seen.author.startswith("anna-")
    assert seen.customer_ref is None  # another rep's customer reference never reaches the community

    hints = ben.similar("my customer wants to split card payments between two accounts")
    assert first.id in [h.insight.id for h in hints[:3]]

    ben.same_here(first.id, customer_ref="CASE-2002", impact="blocker", note="Same ask, business customer")
    assert ben.get_insight(first.id).following
    sync_once(ben)

    on_server = team.product().http.get(f"{team.product().url}/insights/{first.id}", timeout=10).json()["insight"]
    assert (on_server["customers"], on_server["reps"]) == (2, 2)
    listed = (
        team.product()
        .http.get(f"{team.product().url}/insights", params={"sort": "customers"}, timeout=10)
        .json()["insights"]
    )
    assert listed[0]["id"] == first.id
    sync_once(anna)
    assert anna.get_insight(first.id).customers == 2


def test_a_reply_reaches_the_author_and_the_same_here_rep_with_a_notice_and_the_community_quietly(team):
    anna, ben, cleo = team.rep("anna"), team.rep("ben"), team.rep("cleo")
    first = anna.capture(NewInsight(text="Statement PDF misses the IBAN of the receiver", community=team.slug))
    sync_once(anna)
    for store in (ben, cleo):
        sync_once(store)
    ben.same_here(first.id, customer_ref="C-7")
    sync_once(ben)

    team.product().reply(first.id, "Fixed in the next statement run.")
    counts = {name: sync_once(store)[1] for name, store in (("anna", anna), ("ben", ben), ("cleo", cleo))}
    assert counts == {"anna": 1, "ben": 1, "cleo": 0}
    assert [r.body for r in cleo.thread(first.id)] == ["Fixed in the next statement run."]
    assert cleo.sync.unread_count() == 0  # a community thread cleo only reads is not "unread" news


def test_same_here_said_offline_and_resent_after_a_lost_answer_is_counted_once(team):
    proxy = DropFirstPushAnswer(team.server.url)
    try:
        anna, ben = team.rep("anna"), team.rep("ben", url=proxy.url)
        first = anna.capture(NewInsight(text="Card blocked abroad without a warning", community=team.slug))
        sync_once(anna)
        sync_once(ben)
        # Said while offline: nothing leaves the machine until the next sync.
        said = ben.same_here(first.id, customer_ref="CASE-9", impact="high")
        assert ben.sync.outbox_size() == 1
        with pytest.raises(SyncError):
            sync_once(ben)  # the server applies the push, but its answer is lost on the way
        assert proxy.dropped == 1 and ben.sync.outbox_size() == 1
        sync_once(ben)  # sent again: the server recognises it
        sync_once(ben)
        assert ben.sync.outbox_size() == 0
        assert ben.same_heres(first.id)[0].sync_state is SyncState.SENT
        product = team.product()
        on_server = product.http.get(f"{product.url}/insights/{first.id}", timeout=10).json()["insight"]
        assert (on_server["customers"], on_server["reps"]) == (2, 2)
        listed = product.http.get(f"{product.url}/insights/{first.id}/same-heres", timeout=10).json()
        assert [s["id"] for s in listed if s.get("merged_from") is None] == [said.id]
    finally:
        proxy.close()


def test_merging_moves_the_same_heres_and_notifies_the_reps_of_both(team):
    anna, carl, ben = team.rep("anna"), team.rep("carl"), team.rep("ben")
    original = anna.capture(
        NewInsight(
            text="Recurring transfers cannot be set for the last day of the month",
            community=team.slug,
            customer_ref="A-1",
        )
    )
    duplicate = carl.capture(
        NewInsight(
            text="Monthly transfer on the last day of month is not possible", community=team.slug, customer_ref="C-1"
        )
    )
    for store in (anna, carl):
        sync_once(store)
    sync_once(ben)
    ben.same_here(duplicate.id, customer_ref="B-1")
    sync_once(ben)

    product = team.product()
    answer = product.http.post(
        f"{product.url}/insights/{duplicate.id}/duplicate", json={"original_id": original.id}, timeout=10
    )
    answer.raise_for_status()
    on_server = product.http.get(f"{product.url}/insights/{original.id}", timeout=10).json()["insight"]
    assert (on_server["customers"], on_server["reps"]) == (3, 3)
    for store in (anna, carl, ben):
        sync_once(store)
    assert anna.get_insight(original.id).customers == 3
    assert carl.get_insight(original.id).following  # the duplicate's author now follows the original

    product.reply(original.id, "Planned for Q2.")
    counts = {name: sync_once(store)[1] for name, store in (("anna", anna), ("carl", carl), ("ben", ben))}
    assert counts == {"anna": 1, "carl": 1, "ben": 1}


def test_joining_an_open_community_brings_its_history_and_leaving_drops_it(shared_server, tmp_path, request, capsys):
    team = Team(shared_server, tmp_path, request, open_=True)
    try:
        anna, dora = team.rep("anna"), team.rep("dora", member=False)
        first = anna.capture(NewInsight(text="Onboarding asks for the passport twice", community=team.slug))
        sync_once(anna)
        sync_once(dora)
        assert dora.get_insight(first.id) is None

        folder = tmp_path / f"dora-{team.suffix}"
        code, out, err = palaute(capsys, folder, "communities", "--join", team.slug, "--json")
        assert code == 0, err
        assert {"slug": team.slug, "member": True, "open": True}.items() <= next(
            c for c in json.loads(out) if c["slug"] == team.slug
        ).items()
        sync_once(dora)
        assert dora.get_insight(first.id) is not None

        code, out, err = palaute(capsys, folder, "communities", "--leave", team.slug)
        assert code == 0 and "Left" in out, err
        sync_once(dora)
        assert dora.get_insight(first.id) is None
    finally:
        team.close()


def test_cli_same_here_and_list_community(team, capsys):
    anna, ben = team.rep("anna"), team.rep("ben")
    first = anna.capture(NewInsight(text="Mobile app logs out during a card payment", community=team.slug))
    sync_once(anna)
    sync_once(ben)
    folder = team.tmp_path / f"ben-{team.suffix}"

    code, out, _ = palaute(capsys, folder, "list", "--community", team.slug)
    assert code == 0 and first.id in out and "by anna-" in out
    code, out, err = palaute(
        capsys, folder, "same-here", first.id, "--customer", "CASE-77", "--impact", "high", "--json"
    )
    assert code == 0, err
    assert json.loads(out)["insight_id"] == first.id
    code, _, err = palaute(capsys, folder, "same-here", "00000000-0000-4000-8000-000000000000")
    assert code != 0 and "There is no insight" in err
    code, _, err = palaute(capsys, folder, "sync", "--once")
    assert code == 0, err
    code, out, _ = palaute(capsys, folder, "list", "--community", team.slug, "--json")
    assert [(i["id"], i["customers"], i["following"]) for i in json.loads(out)] == [(first.id, 2, True)]


class DropFirstPushAnswer(FaultProxy):
    """Lets the first push reach the server and commit, then loses its answer (a dead Wi-Fi at that moment)."""

    def __init__(self, target_url: str) -> None:
        super().__init__(target_url)
        self.dropped = 0

    def _apply(self, fault: str, client, request: bytes) -> None:
        if b"/sync/push" in request.split(b"\r\n", 1)[0] and not self.dropped:
            self.dropped += 1
            fault = "drop_response"
        super()._apply(fault, client, request)
