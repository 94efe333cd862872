"""Waiters woken by one change share one rendered, serialised answer, but only readers who see the change alike:
the author, a follower, other reps and the product team each get their own view of it."""

from __future__ import annotations

from tests.server.conftest import same_here_mutation
from tests.server.test_longpoll_fanout import Waiting, registered


def test_one_change_woken_readers_get_their_own_view_and_alike_readers_the_same_bytes(api, app):
    hub = app.state.hub
    rita = api.user("rita", communities=["payments"])  # the author
    rauno = api.user("rauno", communities=["payments"])  # backs it: follows it
    ronja = api.user("ronja", communities=["payments"])
    rasmus = api.user("rasmus", communities=["payments"])
    pam = api.user("pam", "product", product_areas=["cards"])
    insight = api.create(rita, 1, customer_ref="CASE-77", product_area="cards")
    api.push(rauno, same_here_mutation(1, insight["id"]))
    readers = (rita, rauno, ronja, rasmus, pam)
    waiting, version = {}, None
    for account in readers:
        changes, cursor = api.pull_all(account)
        version = version or changes[-1]["insight"]["version"]
        waiting[account.name] = Waiting(api, account, cursor, wait=10)
    registered(hub, len(readers))
    loads = hub.loads
    edit = {
        "type": "edit",
        "number": 2,
        "insight_id": insight["id"],
        "base_version": version,
        "changes": {"text": "Card payments abroad fail at the terminal."},
    }
    assert api.push(rita, edit)["results"][0]["status"] == "applied"

    seen = {name: waits.result()["changes"] for name, waits in waiting.items()}
    for name, changes in seen.items():
        assert [c["insight"]["text"] for c in changes] == ["Card payments abroad fail at the terminal."], name
    view = {name: changes[0]["insight"] for name, changes in seen.items()}
    # Author and product team see the customer reference; other reps do not.
    assert view["rita"]["customer_ref"] == view["pam"]["customer_ref"] == "CASE-77"
    assert view["ronja"]["customer_ref"] is view["rauno"]["customer_ref"] is None
    # Following: the author and the backer, not the other reps nor the product team.
    assert (view["rita"]["following"], view["rauno"]["following"]) == (True, True)
    assert (view["ronja"]["following"], view["pam"]["following"]) == (False, False)
    # Two reps who see it alike get the same answer.
    assert waiting["ronja"].result() == waiting["rasmus"].result()
    assert hub.loads == loads + 1
