"""Triage and analytics in headless Chromium: filters that apply as they change, j/k/r/s, the timeline and
the similar panel, the analytics charts; screenshots into artifacts/, and axe-core (installed with npm)
finding no serious or critical violation on the inbox, insight and analytics pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.server.web.conftest import REPO
from tests.server.web.test_web_pages import sign_in

pytestmark = pytest.mark.browser

AXE_VERSION = "4.14.1"
SERIOUS = ("serious", "critical")
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core from npm, installed once into .cache/ (git-ignored) at a pinned version."""
    folder = REPO / ".cache" / "axe-core" / AXE_VERSION
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        assert npm, "npm is needed for the accessibility test (scripts/system-deps.sh installs it)"
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", f"axe-core@{AXE_VERSION}"],
            check=True,
            timeout=300,
            capture_output=True,
        )
    return Path(script).read_text(encoding="utf-8")


def serious_violations(page: Page, axe_source: str) -> list[dict]:
    # evaluate() runs through the DevTools protocol, outside the page's content security policy, which (rightly)
    # refuses inline scripts: the page itself is checked exactly as it is served.
    page.evaluate(axe_source)
    return [v for v in page.evaluate(AXE_RUN) if v["impact"] in SERIOUS]


@pytest.fixture(scope="module")
def triage_data(site) -> dict:
    rep = site.rep
    original = rep.push("Card payment fails when splitting the bill between two cards.", "payments", impact="high")
    copy = rep.push("Customer cannot split a card payment between two cards.", "payments", impact="medium")
    waiting = rep.push("Awaiting check: nobody answered this one yet.", "payments", impact="low", age_days=3)
    rep.same_here(original, customer_ref="CUST-77", note="Also at the branch")
    return {"original": original, "copy": copy, "waiting": waiting}


def test_inbox_filters_apply_as_they_change_and_keys_move(page: Page, site, triage_data, artifacts, axe_source):
    sign_in(page, site, site.pia)
    page.goto(f"{site.base_url}/web/inbox")
    page.get_by_label("Show", exact=True).select_option("awaiting")  # no button pressed
    expect(page).to_have_url(re.compile(r"show=awaiting"))
    expect(page.locator("a.row-link").first).to_be_visible()
    rows = page.locator("a.row-link").all_inner_texts()
    assert any("Awaiting check" in t for t in rows)
    page.get_by_label("Search text", exact=True).fill("awaiting check")  # applies once typing pauses
    expect(page).to_have_url(re.compile(r"q=awaiting\+check"))
    expect(page.locator("a.row-link")).to_have_count(1)

    page.goto(f"{site.base_url}/web/inbox")
    page.keyboard.press("j")
    expect(page.locator("tr.is-current a.row-link")).to_be_focused()
    page.keyboard.press("j")
    page.keyboard.press("k")
    expect(page.locator("tr[data-row]").first).to_have_class(re.compile("is-current"))
    expect(page.get_by_role("heading", name="Keyboard shortcuts")).to_be_visible()
    page.screenshot(path=str(artifacts / "inbox-triage.png"), full_page=True)
    assert serious_violations(page, axe_source) == []

    page.keyboard.press("r")  # reply to the current row: its page opens at the answer form
    expect(page.locator("#reply-body")).to_be_focused()


def test_insight_timeline_similar_panel_and_keys(page: Page, site, triage_data, artifacts, axe_source):
    sign_in(page, site, site.pia)
    page.goto(f"{site.base_url}/web/insights/{triage_data['original']}")
    page.get_by_label(f"Reply to {site.rita}").fill("Planned for the spring release.")
    page.get_by_label("Status", exact=True).select_option("planned")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Your reply was sent and status set to Planned.")
    timeline = page.locator("ol.timeline > li")
    expect(timeline).to_have_count(3)
    expect(timeline.nth(0)).to_contain_text("said “same here” (customer CUST-77): Also at the branch")
    expect(timeline.nth(1)).to_contain_text("set the status to Planned")
    expect(timeline.nth(2)).to_contain_text("Planned for the spring release.")
    page.keyboard.press("s")
    expect(page.get_by_label("Status", exact=True)).to_be_focused()

    page.goto(f"{site.base_url}/web/insights/{triage_data['copy']}")
    panel = page.get_by_role("region", name="Similar insights")
    expect(panel.get_by_role("link", name=re.compile("Card payment fails when splitting"))).to_be_visible()
    page.screenshot(path=str(artifacts / "insight-similar.png"), full_page=True)
    assert serious_violations(page, axe_source) == []
    panel.get_by_role("button", name=re.compile("Mark as duplicate of this: “Card payment fails")).click()
    expect(page.get_by_role("status")).to_have_text("Marked as a duplicate.")
    expect(page.locator(".event-merged")).to_contain_text("marked this a duplicate of")
    page.goto(f"{site.base_url}/web/insights/{triage_data['original']}")
    page.screenshot(path=str(artifacts / "insight-timeline.png"), full_page=True)
    assert serious_violations(page, axe_source) == []


def test_analytics_page_charts_and_accessibility(page: Page, site, triage_data, artifacts, axe_source):
    sign_in(page, site, site.pia)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Analytics").click()
    expect(page.get_by_role("heading", name="Analytics", exact=True)).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Per week: captured"))).to_be_visible()
    expect(page.locator("#weeks-table tbody tr")).to_have_count(12)
    page.get_by_label("Period", exact=True).select_option("4")  # applies as it changes
    expect(page).to_have_url(re.compile(r"weeks=4"))
    expect(page.locator("#weeks-table tbody tr")).to_have_count(4)
    page.screenshot(path=str(artifacts / "analytics.png"), full_page=True)
    assert serious_violations(page, axe_source) == []
    with page.expect_download() as download:
        page.locator("a.csv-link").nth(1).click()
    assert download.value.suggested_filename == "palaute-weeks-4w.csv"
    page.emulate_media(media="print")  # printable: the filters and links go, the charts and tables stay
    expect(page.locator("form.filters")).to_be_hidden()
    expect(page.locator("svg.chart").first).to_be_visible()
