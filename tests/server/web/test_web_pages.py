"""The product team's web page in headless Chromium, against the real server subprocess on loopback."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def submit_sign_in(page: Page, site, name: str) -> None:
    page.goto(f"{site.base_url}/web/signin")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(site.password)
    page.get_by_role("button", name="Sign in").click()


def sign_in(page: Page, site, name: str) -> None:
    submit_sign_in(page, site, name)
    # Until the next page is drawn, reads that do not wait (all_inner_texts) would read the sign-in page: a
    # test once found no community options there, and "sees nothing of contactless" held for the wrong reason.
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def inbox_texts(page: Page) -> list[str]:
    return page.locator("a.row-link").all_inner_texts()


def test_sign_in_filter_and_inbox_screenshot(page: Page, site, artifacts):
    page.goto(f"{site.base_url}/web/inbox")
    expect(page).to_have_url(re.compile(r"/web/signin\?next=%2Fweb%2Finbox$"))  # not signed in yet
    sign_in(page, site, site.pia)
    expect(page).to_have_url(re.compile(r"/web/inbox$"))
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()
    texts = inbox_texts(page)
    assert any("SEPA transfer" in t for t in texts) and any("Face ID" in t for t in texts)
    page.screenshot(path=str(artifacts / "inbox.png"))

    page.get_by_label("Impact").select_option("blocker")
    page.get_by_label("Community").select_option("payments")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"community=payments"))
    texts = inbox_texts(page)
    assert texts and all("SEPA transfer" in t for t in texts)
    assert page.locator("tbody .badge.impact-blocker").count() == len(texts)

    # The filters live in the address, so a colleague opening the same link sees the same list.
    page.goto(f"{site.base_url}/web/inbox?q=face+id&status=new")
    assert [t for t in inbox_texts(page) if "Face ID" in t] == inbox_texts(page) != []
    expect(page.get_by_label("Search text")).to_have_value("face id")
    page.goto(f"{site.base_url}/web/inbox?q=no-such-words-anywhere")
    expect(page.get_by_text("No insight matches these filters.")).to_be_visible()


def test_reply_status_and_duplicate_reach_the_rep(page: Page, site, artifacts):
    original = site.rep.push(
        "Statements PDF export times out for accounts with >5k rows.",
        "payments",
        impact="high",
        product_area="online-bank",
        customer_ref="ACME Oy",
        tags=("export", "pdf"),
    )
    copy = site.rep.push(
        "Export of statements never finishes for a big company account.",
        "payments",
        impact="medium",
        product_area="online-bank",
    )
    sign_in(page, site, site.pia)
    page.goto(f"{site.base_url}/web/insights/{original}")
    expect(page.get_by_role("heading", name=f"Insight from {site.rita}")).to_be_visible()

    answer = "Thanks! Which browser does the customer use?\nWe are on it."
    page.get_by_label(f"Reply to {site.rita}").fill(answer)
    page.get_by_label("Status", exact=True).select_option("planned")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Your reply was sent and status set to Planned.")
    expect(page.locator(".reply-body")).to_have_text(answer)
    expect(page.locator(".insight-head .badge.status-planned")).to_have_text("Planned")
    expect(page.locator(".event-status")).to_contain_text("set the status to Planned")
    page.screenshot(path=str(artifacts / "insight.png"), full_page=True)

    page.goto(f"{site.base_url}/web/insights/{copy}")
    page.get_by_label("Mark as a duplicate of").fill(f"{site.base_url}/web/insights/{original}")
    page.get_by_role("button", name="Mark as duplicate", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Marked as a duplicate.")
    page.locator("#duplicate-of").click()  # the callout (the timeline links the original too)
    expect(page).to_have_url(re.compile(original))
    expect(
        page.locator(".duplicate-list").get_by_role("link", name="Export of statements never finishes")
    ).to_be_visible()
    expect(page.locator(".event-merged_in")).to_contain_text("into this one")

    # What the rep's desktop pulls: the reply, the new status and the duplicate mark.
    insight, replies = site.rep.latest(original)
    assert insight["status"] == "planned"
    assert [r["body"] for r in replies] == [answer]
    assert replies[0]["author"] == site.pia
    assert site.rep.latest(copy)[0]["duplicate_of"] == original


def test_a_post_without_the_csrf_token_is_refused(page: Page, site):
    target = site.rep.push("Login SMS arrives after the code expired.", "payments", impact="high")
    sign_in(page, site, site.pia)
    page.goto(f"{site.base_url}/web/insights/{target}")
    for form in ({"status": "declined"}, {"status": "declined", "csrf_token": "forged-token"}):
        # The browser's own cookies go with this request, exactly like a forged cross-site form would.
        answer = page.request.post(f"{site.base_url}/web/insights/{target}/status", form=form, max_redirects=0)
        assert answer.status == 403
        assert "This form has expired" in answer.text()
    answer = page.request.post(f"{site.base_url}/web/insights/{target}/reply", form={"body": "forged"}, max_redirects=0)
    assert answer.status == 403
    page.reload()
    expect(page.locator(".insight-head .badge.status-new")).to_have_text("New")
    expect(page.locator(".reply")).to_have_count(0)
    assert site.rep.latest(target)[0]["status"] == "new"


def test_html_in_insight_text_is_shown_as_text(page: Page, site):
    sign_in(page, site, site.pia)
    page.goto(f"{site.base_url}/web/insights/{site.html_insight}")
    expect(page.locator("#insight-text")).to_have_text(site.HTML_TEXT)
    assert page.locator("#insight-text script, #insight-text img, #insight-text b").count() == 0
    assert page.evaluate("window.__palauteXss") is None
    page.goto(f"{site.base_url}/web/inbox?q=palauteXss")
    expect(page.locator("a.row-link")).to_have_count(1)
    assert "<script>" in page.locator("a.row-link").inner_text()
    assert page.evaluate("window.__palauteXss") is None


def test_a_rep_cannot_sign_in(page: Page, site):
    submit_sign_in(page, site, site.rita)
    expect(page.get_by_role("alert")).to_contain_text("This page is for the product team")
    expect(page).to_have_url(re.compile(r"/web/signin$"))
    page.goto(f"{site.base_url}/web/inbox")
    expect(page).to_have_url(re.compile(r"/web/signin\?next="))


def test_a_wrong_password_is_refused_in_words(page: Page, site):
    page.goto(f"{site.base_url}/web/signin")
    page.get_by_label("User name").fill(site.pia)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("The user name or password is not right. Check them and try again.")
    expect(page.get_by_label("User name")).to_have_value(site.pia)


def test_a_member_does_not_see_a_community_they_are_not_assigned(page: Page, site):
    sign_in(page, site, site.pia)  # payments and mobile-app only
    expect(page).to_have_url(re.compile(r"/web/inbox$"))
    expect(page.get_by_label("Community").locator("option")).to_have_text(
        ["All communities", "Payments CoP", "Mobile app CoP"]
    )
    texts = inbox_texts(page)
    assert texts and not any("contactless" in t for t in texts)
    page.goto(f"{site.base_url}/web/inbox?community=cards")
    expect(page.get_by_role("heading", name="You do not have access to this")).to_be_visible()
    answer = page.goto(f"{site.base_url}/web/insights/{site.cards_insight}")
    assert answer is not None and answer.status == 404  # the same answer as for an id that does not exist
    expect(page.get_by_role("heading", name="This insight does not exist")).to_be_visible()
    expect(page.get_by_text("contactless")).to_have_count(0)
    page.goto(f"{site.base_url}/web/summary")
    expect(page.get_by_role("heading", name="Cards CoP")).to_have_count(0)


def test_summary_counts_by_area_and_impact(page: Page, site, artifacts):
    sign_in(page, site, site.olli)  # cards only: a stable set of insights no other test adds to
    page.get_by_role("link", name="Summary").click()
    block = page.locator("section", has=page.get_by_role("heading", name="Cards CoP"))
    row = block.locator("tbody tr", has=page.get_by_role("rowheader", name="Cards"))
    expect(row.locator("td")).to_have_text(["1", "0", "0", "0", "1"])  # blocker, high, medium, low, total
    expect(block.locator("tfoot td").last).to_have_text("1")
    page.get_by_role("link", name="Last 90 days").click()
    expect(block.locator("tfoot td").last).to_have_text("2")  # plus the 60-day-old one
    page.screenshot(path=str(artifacts / "summary.png"), full_page=True)
    expect(page.get_by_role("heading", name="Payments CoP")).to_have_count(0)


def test_keyboard_skip_link_and_focus(page: Page, site):
    sign_in(page, site, site.pia)
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Search text")).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # the focus ring is visible, not removed
    page.keyboard.type("sepa")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=sepa"))


def test_an_insight_can_be_triaged_with_the_keyboard_alone(page: Page, site):
    target = site.rep.push("Keyboard-only triage check: statement dates are off by one.", "payments")
    sign_in(page, site, site.pia)
    page.goto(f"{site.base_url}/web/insights/{target}")
    for _ in range(30):  # Tab through the page in document order until the status menu has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "status":
            break
    expect(page.get_by_label("Status", exact=True)).to_be_focused()
    page.keyboard.press("ArrowDown")  # new -> acknowledged
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Status set to Acknowledged.")
    assert site.rep.latest(target)[0]["status"] == "acknowledged"


def test_dark_and_light_follow_the_system(browser, site, artifacts):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1366, "height": 860})
        page = context.new_page()
        sign_in(page, site, site.pia)
        expect(page.get_by_role("heading", name="Inbox")).to_be_visible()
        colours[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        if scheme == "dark":
            page.screenshot(path=str(artifacts / "inbox-dark.png"))
        context.close()
    assert colours["light"] != colours["dark"]


def test_sign_out_ends_the_session(page: Page, site):
    sign_in(page, site, site.pia)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_have_text("You are signed out.")
    page.goto(f"{site.base_url}/web/inbox")
    expect(page).to_have_url(re.compile(r"/web/signin\?next="))


def test_unknown_pages_and_insights_answer_in_words(page: Page, site):
    sign_in(page, site, site.pia)
    answer = page.goto(f"{site.base_url}/web/insights/2f1c1e55-0c4e-4a5e-9d55-6f0c5d0a0b77")
    assert answer is not None and answer.status == 404
    expect(page.get_by_role("heading", name="This insight does not exist")).to_be_visible()
    answer = page.goto(f"{site.base_url}/web/no/such/page")
    assert answer is not None and answer.status == 404
    expect(page.get_by_role("link", name="Back to the inbox")).to_be_visible()
