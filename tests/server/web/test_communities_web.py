"""Communities on the product page, in headless Chromium against the real server: who is behind an insight
(sorting and counts), the "same here" list, undoing a duplicate mark, and the weekly digest page.

Counts and "same here" rows are written straight into the server's database (as the push code would),
so these tests depend only on the tables and the page.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from protocol.digest import escape, shift_week, week_of
from server.db import Database
from server.models import Insight, SameHere, User
from tests.server.web.conftest import PASSWORD, add_users
from tests.server.web.rep_api import RepClient
from tests.server.web.test_web_pages import inbox_texts, sign_in

pytestmark = pytest.mark.browser

DORA, OWEN = "dora.product", "owen.rep"  # online banking only: a community no other test writes to
MARKUP = "Login *fails* after <b>reset</b> _twice_"


@pytest.fixture(scope="module")
def db(server) -> Iterator[Database]:
    """The running server's own SQLite database (WAL: the server keeps serving while we write)."""
    database = Database(f"sqlite:///{server.data_dir / 'palaute-server.sqlite3'}")
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def owen(server, site) -> RepClient:
    add_users(server, (DORA, "product", ["online-banking"], []), (OWEN, "rep", ["online-banking"], []))
    return RepClient(server.url, OWEN, PASSWORD)


def set_backing(db: Database, insight_id: str, customers: int, reps: int) -> None:
    with db.write() as session:
        insight = session.get(Insight, insight_id)
        insight.customers, insight.reps = customers, reps


def add_same_here(
    db: Database,
    insight_id: str,
    author: str,
    customer_ref: str | None,
    note: str | None,
    merged_from: str | None = None,
    impact: str = "high",
    minutes_ago: int = 5,
) -> None:
    with db.write() as session:
        user = session.scalar(select(User).where(User.name == author))
        session.add(
            SameHere(
                id=str(uuid.uuid4()),
                insight_id=insight_id,
                said_on=merged_from or insight_id,
                user_id=user.id,
                customer_ref=customer_ref,
                impact=impact,
                note=note,
                merged_from=merged_from,
                created_at=datetime.now(UTC) - timedelta(minutes=minutes_ago),
            )
        )


def test_most_customers_first_is_the_default_and_shows_the_counts(page: Page, site, db, artifacts):
    ids = [site.rep.push(f"Sortcheck {n}: standing order cannot be edited.", "payments") for n in range(3)]
    for insight_id, (customers, reps) in zip(ids, [(1, 1), (3, 2), (2, 1)], strict=True):
        set_backing(db, insight_id, customers, reps)
    sign_in(page, site, site.pia)
    page.goto(f"{site.base_url}/web/inbox?q=sortcheck")
    expect(page.get_by_label("Sort by")).to_have_value("customers")
    assert [t.split(":")[0] for t in inbox_texts(page)] == ["Sortcheck 1", "Sortcheck 2", "Sortcheck 0"]
    first_row = page.locator("tbody tr").first
    expect(first_row.locator("td.backing")).to_have_text("3 customers · 2 reps")
    expect(page.get_by_role("columnheader", name="Behind it")).to_be_visible()
    expect(page.locator("tbody tr").last.locator("td.backing")).to_have_text("1 customer · 1 rep")
    page.screenshot(path=str(artifacts / "inbox-most-customers.png"))

    page.get_by_label("Sort by").select_option("newest")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"sort=newest"))
    assert [t.split(":")[0] for t in inbox_texts(page)] == ["Sortcheck 2", "Sortcheck 1", "Sortcheck 0"]


def test_the_insight_page_lists_same_heres_and_merged_ones(page: Page, site, db, artifacts):
    original = site.rep.push("Card PIN change SMS never arrives.", "payments", impact="high", customer_ref="ORIG-1")
    merged = site.rep.push("PIN SMS missing (merged duplicate).", "payments", customer_ref="DUP-2")
    set_backing(db, original, 3, 2)
    add_same_here(db, original, site.rita, "ACME-77", "Also on Android", impact="blocker", minutes_ago=10)
    add_same_here(db, original, site.rita, None, None, merged_from=merged, impact="low")
    sign_in(page, site, site.pia)
    page.goto(f"{site.base_url}/web/insights/{original}")
    expect(page.locator("#backing")).to_have_text("3 customers · 2 reps")
    section = page.get_by_role("region", name=re.compile(r"^Same here"))
    expect(section.get_by_role("heading")).to_have_text("Same here (2)")
    rows = section.locator("tbody tr")
    expect(rows.first.locator("td")).to_have_text(
        [site.rita, "ACME-77", "Blocker", "Also on Android", re.compile(r"UTC$")]
    )
    expect(rows.nth(1).locator("td").nth(1)).to_have_text("Not given")
    page.screenshot(path=str(artifacts / "insight-same-here.png"), full_page=True)
    expect(rows.nth(1)).to_contain_text("merged from a duplicate: “PIN SMS missing (merged duplicate).”")
    section.get_by_role("link", name="a duplicate").click()
    expect(page).to_have_url(re.compile(merged))
    expect(page.get_by_role("region", name=re.compile(r"^Same here"))).to_contain_text(
        "No representative has said “same here”"
    )


def same_here_rows(page: Page):
    return page.get_by_role("region", name=re.compile(r"^Same here")).locator("tbody tr")


def test_a_duplicate_mark_moves_same_heres_and_can_be_undone(page: Page, site, db):
    original = site.rep.push("Undo check: e-invoice list shows nothing.", "payments", customer_ref="EI-1")
    copy = site.rep.push("Undo check: e-invoices missing from the list.", "payments", customer_ref="EI-2")
    add_same_here(db, copy, site.rita, "EI-3", "Seen in the mobile app too")
    set_backing(db, copy, 2, 1)
    sign_in(page, site, site.pia)
    page.goto(f"{site.base_url}/web/insights/{copy}")
    expect(page.get_by_role("button", name="Not a duplicate")).to_have_count(0)  # nothing to undo yet
    page.get_by_label("Mark as a duplicate of").fill(original)
    page.get_by_role("button", name="Mark as duplicate", exact=True).click()
    expect(page.locator("#duplicate-of")).to_be_visible()
    assert site.rep.latest(copy)[0]["duplicate_of"] == original

    # Merging: the original now counts the copy's own report and its "same here", and lists both.
    page.locator("#duplicate-of").click()
    expect(page.locator("#backing")).to_have_text("3 customers · 1 rep")
    expect(same_here_rows(page)).to_have_count(2)
    expect(same_here_rows(page).filter(has_text="EI-3")).to_contain_text("said on a duplicate")
    expect(same_here_rows(page).filter(has_text="EI-2")).to_contain_text("merged from a duplicate")
    page.goto(f"{site.base_url}/web/insights/{copy}")

    undo = page.get_by_role("button", name="Not a duplicate")
    undo.focus()  # keyboard: the button is reachable and Enter sends the form
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("No longer marked as a duplicate.")
    expect(page.locator("#duplicate-of")).to_have_count(0)
    expect(page.get_by_role("button", name="Not a duplicate")).to_have_count(0)
    assert site.rep.latest(copy)[0]["duplicate_of"] is None
    expect(page.locator("#backing")).to_have_text("2 customers · 1 rep")  # its "same here" came back
    expect(same_here_rows(page)).to_have_count(1)
    page.goto(f"{site.base_url}/web/insights/{original}")
    expect(page.get_by_text("marked as a duplicate of this one")).to_have_count(0)
    expect(page.locator("#backing")).to_have_text("1 customer · 1 rep")
    expect(same_here_rows(page)).to_have_count(0)


def test_the_digest_page_shows_the_week_and_downloads_markdown(page: Page, site, owen, db, artifacts):
    top = owen.push(MARKUP, "online-banking", customer_ref="SECRET-REF-9")
    answered = owen.push("Statement PDF has the wrong bank logo.", "online-banking")
    shipped = owen.push("Dark mode for the online bank.", "online-banking")
    set_backing(db, top, 3, 2)
    add_same_here(db, top, OWEN, "SECRET-REF-10", "same here note")
    with db.write() as session:  # shipped this week (the status change itself is the triage code's job)
        row = session.get(Insight, shipped)
        row.status, row.status_changed_at = "shipped", datetime.now(UTC)
    sign_in(page, site, DORA)
    page.goto(f"{site.base_url}/web/insights/{answered}")
    page.get_by_label(f"Reply to {OWEN}").fill("Fixed in the next release.\nThanks for telling us.")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Your reply was sent.")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Digest").click()
    week = week_of(datetime.now(UTC))
    expect(page.get_by_role("heading", name="Weekly digest")).to_be_visible()
    expect(page.get_by_label("Week", exact=True)).to_have_value(week)
    block = page.get_by_role("region", name="Online banking CoP")
    expect(block.locator(".digest-counts dd")).to_have_text(["3", "1", "1", "1"])
    # The loop over four weeks: nothing 7 days old yet; "shipped" this week with its one customer.
    expect(block.locator(".digest-loop dd")).to_have_text(["—", "1", "1"])
    expect(block.locator(".digest-items").first.locator("li").first).to_contain_text(MARKUP)
    expect(block.locator(".digest-items").first.locator(".backing").first).to_have_text("3 customers · 2 reps")
    expect(block.locator(".digest-reply")).to_have_text("Reply: Fixed in the next release.")
    expect(page.get_by_role("link", name="Next week →")).to_have_count(0)  # the future has no news yet
    assert "SECRET-REF" not in page.content()
    page.screenshot(path=str(artifacts / "digest.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download Markdown").click()
    download = download_info.value
    assert download.suggested_filename == f"palaute-digest-{week}.md"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith(f"# Weekly digest {week}\n") and "## Online banking CoP" in text
    assert f"- {escape(MARKUP)} (3 customers · 2 reps)" in text and MARKUP not in text
    assert "  - Reply: Fixed in the next release." in text and "SECRET-REF" not in text

    page.get_by_role("link", name="← Previous week").click()
    expect(page).to_have_url(re.compile(f"week={shift_week(week, -1)}"))
    expect(block.locator(".digest-counts dd")).to_have_text(["0", "0", "0", "0"])
    expect(block).to_contain_text("Nothing new this week.")
    expect(page.get_by_role("link", name="Next week →")).to_be_visible()


def test_the_digest_refuses_foreign_communities_and_bad_weeks_in_words(page: Page, site, owen):
    sign_in(page, site, DORA)
    answer = page.goto(f"{site.base_url}/web/digest?community=payments")
    assert answer is not None and answer.status == 403
    expect(page.get_by_text("not assigned to that community")).to_be_visible()
    answer = page.goto(f"{site.base_url}/web/digest?week=2026-W99")
    assert answer is not None and answer.status == 400  # not a week at all: says what one looks like
    expect(page.get_by_text("Week must look like 2026-W47")).to_contain_text("got '2026-W99'")
    answer = page.goto(f"{site.base_url}/web/digest?week=2025-W53")
    assert answer is not None and answer.status in (400, 404)  # well formed, but that year has 52 weeks
    expect(page.get_by_text("2025-W53 does not exist")).to_be_visible()
    options = page.goto(f"{site.base_url}/web/digest")
    assert options is not None and options.status == 200
    assert page.get_by_label("Community").locator("option").all_inner_texts() == [
        "All my communities",
        "Online banking CoP",
    ]
