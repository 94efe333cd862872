"""The weekly community digest: week rule, sections, visibility, Markdown, and the API (SQLite and PostgreSQL).

Rows are inserted with the ORM (counts and "same here"s set by hand), so these tests depend only on the
tables, not on the code that fills them during a push.
"""

from __future__ import annotations

import re
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, select

from protocol import schema
from protocol.digest import WeekError, escape, file_name, render_markdown, shift_week, week_bounds, week_of
from server.models import Community, Insight, Reply, SameHere, User
from server.services import digest
from server.services.errors import Invalid, NotFound

WEEK = "2026-W47"  # Monday 16 Nov 2026 00:00 UTC to Monday 23 Nov 00:00 UTC
START = datetime(2026, 11, 16, tzinfo=UTC)
IN_WEEK = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
BEFORE = START - timedelta(seconds=1)  # the last second of 2026-W46
NEXT = START + timedelta(days=7)  # the first instant of 2026-W48
SECRET = "CUST-SECRET"  # every customer reference below starts with this: none may reach a digest
MARKUP = "*Starred* _under_ [link](http://evil.example) <b>tag</b> `code` # hash | pipe"


# --- the week rule (pure protocol code) ---------------------------------------------------------------


def test_week_bounds_are_monday_to_monday_utc():
    assert week_bounds(WEEK) == (START, NEXT)
    assert week_bounds("2026-W01") == (datetime(2025, 12, 29, tzinfo=UTC), datetime(2026, 1, 5, tzinfo=UTC))
    assert week_of(NEXT - timedelta(microseconds=1)) == WEEK
    assert week_of(NEXT) == "2026-W48" and week_of(BEFORE) == "2026-W46"
    assert week_of(datetime(2027, 1, 1, 12)) == "2026-W53"  # naive is UTC; 2026 has 53 ISO weeks
    assert week_of(datetime(2026, 11, 16, 1, 0, tzinfo=UTC).astimezone()) == WEEK  # any zone, same instant
    assert shift_week("2027-W01", -1) == "2026-W53" and shift_week(WEEK, 1) == "2026-W48"


@pytest.mark.parametrize(
    "bad",
    [
        "2026-W54",
        "2025-W53",
        "2026-47",
        "W47",
        "2026-W7",
        "",
        "2026-W47x",
        "0001-W01",
        "1970-W01",
        "9999-W52",
        "2026-W00",
    ],
)
def test_a_week_that_is_not_an_iso_week_is_refused_in_words(bad):
    with pytest.raises(WeekError, match=r"week|does not exist|out of range"):
        week_bounds(bad)


def test_markdown_escapes_user_text_and_keeps_it_on_one_line():
    assert escape(MARKUP) == (
        r"\*Starred\* \_under\_ \[link\](http://evil.example) \<b\>tag\</b\> \`code\`"
        r" \# hash \| pipe"
    )
    assert escape("- not a list") == r"\- not a list" and escape("1. not numbered") == r"1\. not numbered"
    assert escape("two\nlines") == "two lines"


def test_markdown_of_a_digest_reads_well():
    item = schema.DigestItem(id="i1", text=MARKUP, status="new", customers=3, reps=2, reply="On it_now")
    block = schema.CommunityDigest(
        community="payments", name="Payments CoP", captured=4, same_here=2, top=[item], answered=[item], shipped=[]
    )
    text = render_markdown(schema.Digest(week=WEEK, starts=START, ends=NEXT, communities=[block]))
    lines = text.splitlines()
    assert lines[0] == "# Weekly digest 2026-W47" and "16 Nov 2026 – 22 Nov 2026 (UTC)" in text
    assert "## Payments CoP" in lines
    assert ["- Captured: 4", "- Same here: 2", "- Answered: 1", "- Shipped: 0"] == lines[6:10]
    assert f"- {escape(MARKUP)} (3 customers · 2 reps)" in lines
    assert r"  - Reply: On it\_now" in lines
    assert "Nothing this week." in lines  # the empty "Shipped" section says so
    assert "<b>" not in text and "*Starred*" not in text
    empty = schema.Digest(week=WEEK, starts=START, ends=NEXT, communities=[])
    assert file_name(empty) == "palaute-digest-2026-W47.md"
    assert file_name(empty, '../x"; y') == "palaute-digest-2026-W47-xy.md"  # safe in a header and a path


# --- the service and the API, on rows inserted directly ------------------------------------------------


@dataclass
class World:
    users: dict[str, object]  # name -> Account (signed in through the API)
    ids: dict[str, str]  # label -> insight id


def _insight(session, author: User, community: Community, text: str, created: datetime, **fields) -> Insight:
    row = Insight(
        id=str(uuid.uuid4()),
        author_id=author.id,
        community_id=community.id,
        text=text,
        impact="medium",
        tags=[],
        status="new",
        version=1,
        withdrawn=False,
        created_at=created,
        updated_at=created,
        customers=1,
        reps=1,
        customer_ref=f"{SECRET}-{uuid.uuid4().hex[:6]}",
    )
    for name, value in fields.items():
        setattr(row, name, value)
    session.add(row)
    session.flush()  # in order: a duplicate's original must exist first (foreign key)
    return row


def _same_here(session, insight: Insight, user: User, created: datetime, merged_from: str | None = None) -> None:
    session.add(
        SameHere(
            id=str(uuid.uuid4()),
            insight_id=insight.id,
            said_on=insight.id,
            user_id=user.id,
            customer_ref=f"{SECRET}-same",
            impact="high",
            note="note",
            merged_from=merged_from,
            created_at=created,
        )
    )


def _reply(session, insight: Insight, user: User, body: str, created: datetime) -> None:
    session.add(Reply(id=str(uuid.uuid4()), insight_id=insight.id, author_id=user.id, body=body, created_at=created))


@pytest.fixture
def world(api) -> World:
    users = {
        "rita": api.user("rita", "rep", communities=["payments", "cards"]),
        "sam": api.user("sam", "rep", communities=["payments"]),
        "pia": api.user("pia", "product", communities=["payments"], product_areas=["cards"]),
        "olli": api.user("olli", "product", communities=["cards"]),
        "ada": api.user("ada", "admin"),
    }
    with api.db.write() as s:
        by = {u.name: u for u in s.scalars(select(User))}
        pay, cards = (s.scalar(select(Community).where(Community.slug == slug)) for slug in ("payments", "cards"))
        rita, sam, pia = by["rita"], by["sam"], by["pia"]
        top = _insight(
            s, rita, pay, "IBAN field missing on the transfer form\nsecond line", IN_WEEK, customers=3, reps=2
        )
        first = _insight(s, sam, pay, MARKUP, START, customers=2)  # the week's first instant counts
        old = _insight(
            s,
            rita,
            pay,
            "Old: statements export times out",
            BEFORE,
            customers=9,
            status="shipped",
            status_changed_at=IN_WEEK,
        )
        _insight(s, rita, pay, "Next week's insight", NEXT, customers=8)
        _insight(s, rita, pay, "Withdrawn insight", IN_WEEK, withdrawn=True, customers=7)
        dup = _insight(s, sam, pay, "Duplicate of the IBAN one", IN_WEEK, duplicate_of=top.id, customers=6)
        for n, customers in enumerate((2, 2, 1, 1)):
            _insight(s, rita, pay, f"Filler {n}", IN_WEEK + timedelta(minutes=n), customers=customers)
        _insight(s, rita, pay, "Shipped long ago", BEFORE, status="shipped", status_changed_at=BEFORE)
        _same_here(s, top, sam, IN_WEEK)
        _same_here(s, top, sam, BEFORE)  # said last week
        _same_here(s, top, sam, IN_WEEK, merged_from=dup.id)  # stands for the merged duplicate's author
        _reply(s, old, pia, "First answer", IN_WEEK)
        _reply(s, old, pia, "Fixed in 4.2.\nDetails follow", IN_WEEK + timedelta(hours=1))
        _reply(s, first, rita, "A rep's reply is no answer from the product team", IN_WEEK)
        _reply(s, top, pia, "Answered last week", BEFORE)
        contactless = _insight(s, rita, cards, "Cards: contactless stops abroad", IN_WEEK)
        ids = {"top": top.id, "first": first.id, "old": old.id, "dup": dup.id, "cards": contactless.id}
    return World(users, ids)


def _build(api, reader: str, week: str | None = WEEK, community: str | None = None, now=None) -> schema.Digest:
    with api.db.read() as session:
        user = session.scalar(select(User).where(User.name == reader))
        return digest.build(session, user, week, community, now=now)


def test_each_section_counts_only_the_week(api, world):
    found = _build(api, "pia")
    assert (found.week, found.starts, found.ends) == (WEEK, START, NEXT)
    [pay] = found.communities  # pia's communities only, not the cards area she also follows
    assert (pay.community, pay.name) == ("payments", "Payments CoP")
    assert pay.captured == 7  # top, first, dup and four fillers; not last week's, next week's or withdrawn
    assert pay.same_here == 1  # not last week's, not the merged duplicate's own row
    # Most customers first; ties: more reps, then newer. Only the first line of a text is shown.
    assert [i.text for i in pay.top] == [
        "IBAN field missing on the transfer form",
        "Filler 1",
        "Filler 0",
        MARKUP,
        "Filler 3",
    ]
    assert len(pay.top) == digest.TOP_ITEMS and [i.customers for i in pay.top] == [3, 2, 2, 2, 1]
    assert (pay.top[0].customers, pay.top[0].reps) == (3, 2)
    assert world.ids["dup"] not in {i.id for i in pay.top}  # merged into the original, not news of its own
    assert [(i.id, i.reply) for i in pay.answered] == [(world.ids["old"], "Fixed in 4.2.")]
    assert [(i.id, i.status) for i in pay.shipped] == [(world.ids["old"], "shipped")]
    other = _build(api, "pia", week="2026-W46").communities[0]
    assert (other.captured, other.same_here, [i.reply for i in other.answered]) == (2, 1, ["Answered last week"])


def test_the_loop_figures_look_back_four_weeks(api, world):
    with api.db.write() as session:  # one reply within 7 days of capture, one after
        pia = session.scalar(select(User).where(User.name == "pia"))
        for key, after in (("first", timedelta(days=2)), ("old", timedelta(days=10))):
            row = session.get(Insight, world.ids[key])
            row.first_reply_at = row.created_at + after
    loop = _build(api, "pia", now=NEXT + timedelta(days=30)).communities[0].loop
    # Captured in W44..W47 and 7 days old by now: the nine live payments ones (not the withdrawn one, not
    # next week's); answered within 7 days of capture: "first" only. Shipped in those weeks: "old" (9
    # customers) and, in W46's last second, "Shipped long ago" (1).
    assert (loop.judged_for_7_days, loop.answered_within_7_days) == (9, 1)
    assert (loop.shipped, loop.customers_behind_shipped) == (2, 10)
    soon = _build(api, "pia", now=IN_WEEK).communities[0].loop  # none of them is 7 days old yet
    assert (soon.judged_for_7_days, soon.shipped) == (0, 2) and pia.name == "pia"


def test_default_week_is_the_current_one(api, world):
    assert _build(api, "pia", week=None, now=IN_WEEK).week == WEEK
    assert _build(api, "pia", week=None).week == week_of(datetime.now(UTC))


def test_visibility_per_role_and_the_community_filter(api, world):
    assert [c.community for c in _build(api, "sam").communities] == ["payments"]
    assert [c.community for c in _build(api, "rita").communities] == ["payments", "cards"]
    assert [c.community for c in _build(api, "olli").communities] == ["cards"]
    everything = _build(api, "ada").communities
    assert [c.community for c in everything] == ["payments", "mobile-app", "onboarding", "cards", "online-banking"]
    [cards] = _build(api, "ada", community="cards").communities
    assert (cards.captured, [i.id for i in cards.top]) == (1, [world.ids["cards"]])
    for reader, community in (("pia", "cards"), ("sam", "cards"), ("olli", "no-such-community")):
        with pytest.raises(NotFound, match="not one of yours"):
            _build(api, reader, community=community)
    with pytest.raises(Invalid, match="2026-W47"):
        _build(api, "pia", week="last week")


def test_a_handful_of_queries_per_community_whatever_the_insights(api, world):
    statements: list[str] = []
    mine = threading.current_thread()

    def listener(_conn, _cursor, statement, *_rest) -> None:
        if threading.current_thread() is mine:  # not the server's background work (the analytics recount)
            statements.append(statement)

    event.listen(api.db.engine, "before_cursor_execute", listener)
    try:
        found = _build(api, "ada")
    finally:
        event.remove(api.db.engine, "before_cursor_execute", listener)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    # The reader and their communities, then seven per community (the insights' joins add none).
    assert len(found.communities) == 5 and len(selects) <= 5 + 7 * len(found.communities), selects


def test_api_answers_json_and_markdown_without_customer_references(api, client, world):
    headers = world.users["rita"].headers
    answer = client.get("/api/v1/digest", params={"week": WEEK}, headers=headers)
    assert answer.status_code == 200, answer.text
    body = schema.Digest.model_validate(answer.json())
    assert [c.community for c in body.communities] == ["payments", "cards"]
    assert SECRET not in answer.text and "customer_ref" not in answer.text

    md = client.get("/api/v1/digest/markdown", params={"week": WEEK, "community": "payments"}, headers=headers)
    assert md.status_code == 200
    assert md.headers["content-type"] == "text/markdown; charset=utf-8"
    assert md.headers["content-disposition"] == 'attachment; filename="palaute-digest-2026-W47-payments.md"'
    assert md.text.startswith("# Weekly digest 2026-W47\n") and "## Payments CoP" in md.text
    assert "- IBAN field missing on the transfer form (3 customers · 2 reps)" in md.text
    assert "  - Reply: Fixed in 4.2." in md.text
    assert escape(MARKUP) in md.text and MARKUP not in md.text
    assert SECRET not in md.text and "Cards CoP" not in md.text


def test_the_document_gives_the_week_pattern_the_server_checks(app, client):  # client: the app closes its database
    pattern = re.compile(schema.ISO_WEEK_PATTERN)
    for path in ("/api/v1/digest", "/api/v1/digest/markdown"):
        week = next(p for p in app.openapi()["paths"][path]["get"]["parameters"] if p["name"] == "week")
        assert {"type": "string", "pattern": schema.ISO_WEEK_PATTERN}.items() <= week["schema"]["anyOf"][0].items()
    assert pattern.search("1971-W01") and pattern.search("9998-W52") and pattern.search("2026-W53")
    assert not any(pattern.search(w) for w in ("1970-W52", "9999-W01", "2026-W54", "2026-W00", "2026-W1"))


def test_api_refuses_bad_weeks_foreign_communities_and_strangers(api, client, world):
    headers = world.users["sam"].headers
    for week in (
        "2026-W99",
        " 2026-W47",
        "0000-W01",
        "1970-W01",
        "9999-W01",
        "2026-w47",
    ):  # outside the document's pattern
        bad = client.get("/api/v1/digest", params={"week": week}, headers=headers)
        assert bad.status_code == 422 and bad.json()["error"] == "invalid", week
        assert "week" in bad.json()["message"]
    # Well formed, as the document says, but 2025 has 52 weeks: no such digest.
    missing = client.get("/api/v1/digest/markdown", params={"week": "2025-W53"}, headers=headers)
    assert missing.status_code == 404 and "2025-W53 does not exist" in missing.json()["message"]
    foreign = client.get("/api/v1/digest/markdown", params={"community": "cards"}, headers=headers)
    assert foreign.status_code == 404 and "not one of yours" in foreign.json()["message"]
    assert client.get("/api/v1/digest").status_code == 401
    this_week = client.get("/api/v1/digest", headers=headers).json()
    assert this_week["week"] == week_of(datetime.now(UTC))
