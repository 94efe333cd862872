"""Triage on the web page over plain HTTP (SQLite and PostgreSQL): one answer form, the timeline, merged
duplicates out of the list, the "Awaiting product team" view, bulk changes and the similar-insights panel."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest

from server.web.templating import duration
from tests.server.web.conftest import PASSWORD, add_users
from tests.server.web.rep_api import RepClient
from tests.server.web.test_web_http import Browserless
from tests.support.server_process import ServerProcess


@pytest.fixture
def served(tmp_path, database_url) -> Iterator[ServerProcess]:
    env = {"PALAUTE_SERVER_LOGIN_PER_MINUTE": "100000"}
    with ServerProcess.start(tmp_path / "server", database_url=database_url, env=env) as server:
        add_users(
            server,
            ("pia", "product", ["payments"], []),
            ("rita", "rep", ["payments", "cards"], []),
            ("sam", "rep", ["payments"], []),
        )
        yield server


def listed(web: Browserless, **params) -> list[str]:
    """The insight ids of the inbox rows, in order."""
    return re.findall(r'class="row-link" href="/web/insights/([0-9a-f-]+)"', web.get("/web/inbox", **params).text)


def test_one_answer_reaches_the_rep_as_one_commit_and_shows_in_the_timeline(served):
    rita, sam = RepClient(served.url, "rita", PASSWORD), RepClient(served.url, "sam", PASSWORD)
    target = rita.push("Statement export times out for big company accounts.", "payments", impact="high")
    sam.same_here(target, customer_ref="ACME", note="Also for ACME")
    web = Browserless(served.url)
    web.sign_in("pia")
    _, cursor = rita.page()

    answer = web.post(
        f"/web/insights/{target}/respond", body="Planned for spring.", status="planned", current_status="new"
    )
    assert "Your reply was sent and status set to Planned." in answer.text
    changes, _ = rita.page(cursor)  # the rep's very next pull holds both, the status first
    assert [c["kind"] for c in changes] == ["insight", "reply"]
    assert changes[0]["insight"]["status"] == "planned" and changes[1]["reply"]["body"] == "Planned for spring."

    # A reply alone, and a status alone, each work too; the status left as shown is not "changed".
    assert (
        "Your reply was sent."
        in web.post(
            f"/web/insights/{target}/respond", body="More soon", status="planned", current_status="planned"
        ).text
    )
    assert (
        "Status set to Shipped."
        in web.post(f"/web/insights/{target}/respond", body="", status="shipped", current_status="planned").text
    )
    assert (
        web.post(f"/web/insights/{target}/respond", body=" ", status="shipped", current_status="shipped").status_code
        == 400
    )

    page = web.get(f"/web/insights/{target}").text
    timeline = page[page.index('id="thread-title"') : page.index('id="respond"')]
    order = [m for m in re.findall(r"said “same here”|set the status to|Planned for spring|More soon", timeline)]
    assert order == ["said “same here”", "set the status to", "Planned for spring", "More soon", "set the status to"]
    assert "(customer ACME)" in timeline and "Also for ACME" in timeline


def test_merged_duplicates_leave_the_list_and_the_similar_panel_merges(served):
    rita = RepClient(served.url, "rita", PASSWORD)
    original = rita.push("Card payment fails when splitting the bill between two cards.", "payments")
    copy = rita.push("Customer cannot split a card payment between two cards.", "payments")
    other = rita.push("Branch opening hours are wrong in the app.", "payments")
    web = Browserless(served.url)
    web.sign_in("pia")

    panel = web.get(f"/web/insights/{copy}").text
    similar = panel[panel.index('id="similar-title"') : panel.index('id="duplicate-title"')]
    assert original in similar and other not in similar and "Mark as duplicate of this" in similar
    assert "Marked as a duplicate." in web.post(f"/web/insights/{copy}/duplicate", original=original).text

    assert copy not in listed(web) and original in listed(web)  # counted on its original instead
    assert copy in listed(web, show="all")
    original_page = web.get(f"/web/insights/{original}").text
    assert "merged" in original_page and "into this one" in original_page
    assert "marked this a duplicate of" in web.get(f"/web/insights/{copy}").text


def test_awaiting_product_team_is_oldest_first_and_follows_who_answered_last(served):
    rita = RepClient(served.url, "rita", PASSWORD)
    old = rita.push("Old question nobody answered.", "payments", age_days=5)
    answered = rita.push("Answered by the product team.", "payments", age_days=4)
    asked_back = rita.push("The rep answered the product team's question.", "payments", age_days=3)
    shipped = rita.push("Shipped already.", "payments", age_days=2)
    new = rita.push("Brand new.", "payments")
    web = Browserless(served.url)
    web.sign_in("pia")
    web.post(f"/web/insights/{answered}/respond", body="Thanks, noted", status="new", current_status="new")
    web.post(f"/web/insights/{asked_back}/respond", body="Which browser?", status="new", current_status="new")
    rita.reply(asked_back, "Firefox")
    web.post(f"/web/insights/{shipped}/respond", body="", status="shipped", current_status="new")

    assert listed(web, show="awaiting") == [old, asked_back, new]


def test_bulk_sets_status_and_product_area_of_the_ticked(served):
    rita = RepClient(served.url, "rita", PASSWORD)
    ids = [rita.push(f"Bulk check {n}", "payments") for n in range(3)]
    web = Browserless(served.url)
    web.sign_in("pia")
    web.get("/web/inbox")
    answer = web.http.post(
        f"{served.url}/web/inbox/bulk",
        data={
            "csrf_token": web.token,
            "ids": ids[:2],
            "bulk_status": "acknowledged",
            "bulk_area": "cards",
            "back": "/web/inbox?q=bulk",
        },
        timeout=10,
    )
    assert answer.url.endswith("/web/inbox?q=bulk") and "2 insights updated." in answer.text
    for insight_id, status, area in zip(
        ids, ["acknowledged", "acknowledged", "new"], ["cards", "cards", None], strict=True
    ):
        insight, _ = rita.latest(insight_id)
        assert (insight["status"], insight["product_area"]) == (status, area)
    assert (
        web.http.post(
            f"{served.url}/web/inbox/bulk", data={"ids": ids[:1], "bulk_status": "new"}, timeout=10
        ).status_code
        == 403
    )  # no form token


def counted(web: Browserless, **params) -> str:
    """The analytics page once the server's background recount has taken in the changes made so far."""
    deadline = time.monotonic() + 20
    while 'id="recounting"' in (page := web.get("/web/analytics", **params).text):
        assert time.monotonic() < deadline, "the analytics roll-up was not recounted within 20 s"
        time.sleep(0.05)
    return page


def test_the_analytics_page_draws_its_charts_and_downloads_each_table(served):
    rita = RepClient(served.url, "rita", PASSWORD)
    first = rita.push('=HYPERLINK("http://evil") analytics check one', "payments", customer_ref="ACME")
    rita.push("Analytics check two", "payments")
    rita.push("Analytics check three, not pia's community", "cards")
    RepClient(served.url, "sam", PASSWORD).same_here(first, customer_ref="acme ")  # the same customer again
    web = Browserless(served.url)
    web.sign_in("pia")
    web.post(f"/web/insights/{first}/respond", body="Thanks", status="shipped", current_status="new")

    page = counted(web, weeks="4")
    assert page.count('<svg class="chart"') == 2 and '<title id="chart-weeks-t">' in page
    this_week = re.search(
        r'<tbody>\s*<tr><th scope="row">(\d{4}-W\d\d)[^<]*<span[^>]*>[^<]*</span></th>((?:<td[^>]*>\d+</td>)+)', page
    )
    assert [int(n) for n in re.findall(r">(\d+)<", this_week.group(2))] == [2, 1, 1, 1, 2]
    assert 'id="loop-customers">1<' in page and 'id="loop-7d">—<' in page  # nothing 7 days old yet
    assert 'id="loop-p50">&lt; 1 min<' in page  # answered within seconds: not "0.0 h"

    weeks_csv = web.get("/web/analytics/weeks.csv", weeks="4")
    assert (
        weeks_csv.headers["content-type"].startswith("text/csv")
        and "attachment" in weeks_csv.headers["content-disposition"]
    )
    rows = weeks_csv.text.strip().splitlines()
    assert rows[0] == "week,starts,captured,same_heres,answered,shipped,customers" and rows[-1].endswith(",2,1,1,1,2")
    assert "payments,Payments CoP,2,1,1,1,1" in web.get("/web/analytics/communities.csv", weeks="4").text
    rising = web.get("/web/analytics/rising.csv", weeks="4").text
    assert "'=HYPERLINK" in rising  # a spreadsheet shows it as text, never runs it
    assert web.get("/web/analytics/nothing.csv").status_code == 404
    assert web.get("/web/analytics", community="cards").status_code == 403  # not her community


@pytest.mark.parametrize(
    ("hours", "shown"),
    [
        (None, "—"),
        (0.001, "< 1 min"),
        (0.25, "15 min"),
        (0.999, "1.0 h"),
        (1.0, "1.0 h"),
        (47.9, "47.9 h"),
        (72, "3.0 days"),
    ],
)
def test_reply_times_read_in_minutes_hours_or_days(hours, shown):
    assert duration(hours) == shown


def test_the_analytics_page_says_when_its_counts_are_being_recounted(tmp_path, database_url):
    env = {"PALAUTE_SERVER_LOGIN_PER_MINUTE": "100000", "PALAUTE_SERVER_ANALYTICS_RECOUNT": "false"}
    with ServerProcess.start(tmp_path / "server", database_url=database_url, env=env) as server:
        add_users(server, ("pia", "product", ["payments"], []), ("rita", "rep", ["payments"], []))
        web = Browserless(server.url)
        web.sign_in("pia")
        assert 'id="recounting"' not in web.get("/web/analytics").text  # the first use builds it in the request
        RepClient(server.url, "rita", PASSWORD).push("Counted a moment later", "payments")
        page = web.get("/web/analytics").text  # no recount runs in this server: the change waits
        assert 'id="recounting"' in page and "Reload in a moment." in page
