"""The desktop's weekly digest window: drawn from the digest's data (tiles, chips), weeks, saving, offline copy."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop.sync.digest import FetchedDigest
from desktop.sync.errors import Offline
from desktop.ui.digest_window import DigestWindow
from protocol import schema
from protocol.digest import shift_week, week_bounds, week_of
from tests.support.community import pull_into, server_insight


def _digest(week: str) -> schema.Digest:
    starts, ends = week_bounds(week)
    item = schema.DigestItem(
        id="i-1",
        text="Instant payments time out",
        status="planned",
        customers=4,
        reps=3,
        reply="Planned for the spring release",
    )
    community = schema.CommunityDigest(
        community="payments", name="Payments CoP", captured=5, same_here=7, top=[item], answered=[item], shipped=[]
    )
    return schema.Digest(week=week, starts=starts, ends=ends, communities=[community])


@pytest.fixture
def window(qtbot, store):
    asked: list[tuple[str, str | None]] = []

    def fetch(week: str, community: str | None) -> FetchedDigest:
        asked.append((week, community))
        if week == "2020-W01":
            raise Offline("Cannot reach the Palaute server.")
        return FetchedDigest(_digest(week), datetime.now(UTC))

    pull_into(store, server_insight("x"))  # the store is the app's; the window lists the rep's communities
    shown = DigestWindow(store, fetch)
    shown.asked = asked
    qtbot.addWidget(shown)
    return shown


def test_the_digest_of_this_week_is_fetched_and_shown(qtbot, window):
    window.present()
    qtbot.waitUntil(lambda: window.shown is not None, timeout=5000)
    assert window.asked == [(week_of(datetime.now(UTC)), None)]
    text = window.text.toPlainText()
    assert "Payments CoP" in text and "Instant payments time out" in text and "4 customers" in text
    assert not window.next.isEnabled()  # nothing to see in the future


def test_previous_week_asks_for_that_week(qtbot, window):
    window.present()
    qtbot.waitUntil(lambda: window.shown is not None, timeout=5000)
    window.previous.click()
    earlier = shift_week(week_of(datetime.now(UTC)), -1)
    qtbot.waitUntil(lambda: window.shown is not None and window.shown.digest.week == earlier, timeout=5000)
    assert earlier in window.week_label.text() and window.next.isEnabled()


def test_a_failed_fetch_says_why(qtbot, window):
    window.week = "2020-W01"
    window.load()
    qtbot.waitUntil(lambda: "Cannot reach" in window.message.text(), timeout=5000)
    assert window.shown is None and window.text.toPlainText() == ""


def test_save_as_markdown_writes_the_shared_rendering(qtbot, window, tmp_path):
    window.present()
    qtbot.waitUntil(lambda: window.shown is not None, timeout=5000)
    target = tmp_path / "digest.md"
    assert window.write_markdown(str(target))
    written = target.read_text(encoding="utf-8")
    assert written.startswith("#") and "Payments CoP" in written
    assert not window.write_markdown(str(tmp_path / "missing" / "digest.md"))
    assert "Could not save" in window.message.text()


def test_the_digest_is_drawn_from_its_data_with_tiles_and_chips_and_takes_more_tiles(qtbot, store):
    from desktop.ui.digest_view import TILES, Tile, digest_html

    digest = _digest("2026-W49")
    page = digest_html(digest)
    assert "## " not in page and "- Captured" not in page  # no Markdown in it
    for label, value in (("Captured", "5"), ("Same here", "7"), ("Answered", "1"), ("Shipped", "0")):
        assert f">{value}</span><br>{label}</td>" in page
    assert "background-color: #e3f3f4" in page and ">&nbsp;Planned&nbsp;<" in page  # the status chip
    assert "Reply: Planned for the spring release" in page
    more = [*TILES, Tile(lambda: "Answered within 7 days", lambda c: "100 %")]
    assert ">100 %</span><br>Answered within 7 days</td>" in digest_html(digest, more)


def test_the_communitys_loop_figures_are_a_second_row_of_tiles(qtbot, store):
    from desktop.ui.digest_view import digest_html

    digest = _digest("2026-W49")
    assert "Answered within 7 days" not in digest_html(digest)  # an older server sends no loop figures
    digest.communities[0].loop = schema.DigestLoop(
        judged_for_7_days=8, answered_within_7_days=6, shipped=2, customers_behind_shipped=9
    )
    page = digest_html(digest)
    for label, value in (
        ("Answered within 7 days (4 weeks)", "75 %"),
        ("Shipped (4 weeks)", "2"),
        ("Customers behind shipped work", "9"),
    ):
        assert f">{value}</span><br>{label}</td>" in page
    digest.communities[0].loop = schema.DigestLoop(
        judged_for_7_days=0, answered_within_7_days=0, shipped=0, customers_behind_shipped=0
    )
    assert ">–</span><br>Answered within 7 days (4 weeks)</td>" in digest_html(digest)  # nothing to judge yet
