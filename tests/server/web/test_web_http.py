"""The web page over plain HTTP on SQLite and PostgreSQL: the whole triage flow, limits and cookie flags."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import requests

from tests.server.web.conftest import PASSWORD, add_users
from tests.server.web.rep_api import RepClient
from tests.support.server_process import ServerProcess

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browserless:
    """A product member's session driven with requests: it keeps the cookie and sends the form token."""

    def __init__(self, base_url: str) -> None:
        self.base_url, self.http = base_url, requests.Session()
        self.token = ""

    def get(self, path: str, **params) -> requests.Response:
        answer = self.http.get(self.base_url + path, params=params, timeout=10)
        found = TOKEN.search(answer.text)
        self.token = found.group(1) if found else self.token
        return answer

    def post(self, path: str, **form) -> requests.Response:
        answer = self.http.post(self.base_url + path, data={"csrf_token": self.token, **form}, timeout=10)
        found = TOKEN.search(answer.text)
        self.token = found.group(1) if found else self.token
        return answer

    def sign_in(self, name: str, password: str = PASSWORD) -> requests.Response:
        self.get("/web/signin")
        return self.post("/web/signin", username=name, password=password)


@pytest.fixture
def served(tmp_path, database_url) -> Iterator[ServerProcess]:
    env = {"PALAUTE_SERVER_LOGIN_PER_MINUTE": "100000"}
    with ServerProcess.start(tmp_path / "server", database_url=database_url, env=env) as server:
        add_users(server, ("pia", "product", ["payments"], ["insurance"]), ("rita", "rep", ["payments", "cards"], []))
        yield server


def test_triage_flow_over_http(served: ServerProcess):
    rep = RepClient(served.url, "rita", PASSWORD)
    first = rep.push("Card reader declines 100% off vouchers.", "payments", impact="high", tags=("Voucher",))
    second = rep.push("Vouchers fail at the card reader again.", "payments", impact="low", product_area="cards")
    claims = rep.push("Claim form loses attachments.", "cards", impact="blocker", product_area="insurance")
    hidden = rep.push("Hidden from pia: cards only.", "cards", impact="medium", product_area="cards")
    web = Browserless(served.url)
    assert web.sign_in("pia").url.endswith("/web/inbox")

    listed = web.get("/web/inbox").text
    assert first in listed and second in listed and claims in listed  # community or product area assigned
    assert hidden not in listed
    assert "100% off" in web.get("/web/inbox", q="100%").text  # LIKE wildcards are searched literally
    assert second not in web.get("/web/inbox", q="100%").text
    by_word = web.get("/web/inbox", q="voucher", impact="high").text
    assert first in by_word and second not in by_word
    assert web.get(f"/web/insights/{hidden}").status_code == 404  # like a missing one

    assert "Your reply was sent." in web.post(f"/web/insights/{first}/reply", body="On it <b>now</b>").text
    assert "On it &lt;b&gt;now&lt;/b&gt;" in web.get(f"/web/insights/{first}").text
    assert "Status set to Shipped." in web.post(f"/web/insights/{first}/status", status="shipped").text
    assert "Marked as a duplicate." in web.post(f"/web/insights/{second}/duplicate", original=first).text
    assert web.post(f"/web/insights/{first}/duplicate", original=second).status_code == 400  # a cycle
    assert web.post(f"/web/insights/{first}/status", status="archived").status_code == 400
    assert web.post(f"/web/insights/{first}/reply", body=" ").status_code == 400

    insight, replies = rep.latest(first)
    assert (insight["status"], [r["body"] for r in replies]) == ("shipped", ["On it <b>now</b>"])
    assert rep.latest(second)[0]["duplicate_of"] == first

    summary = web.get("/web/summary", days="7").text
    assert "Payments CoP" in summary and "Cards CoP" not in summary


def test_an_invisible_insight_answers_exactly_like_a_missing_one(served: ServerProcess):
    rep = RepClient(served.url, "rita", PASSWORD)
    hidden = rep.push("Hidden from pia: cards only.", "cards", impact="medium", product_area="cards")
    missing = str(uuid.uuid4())
    web = Browserless(served.url)
    web.sign_in("pia")
    web.get("/web/inbox")  # a page with a form token for the posts below
    answers = {}
    for insight_id in (hidden, missing):
        answers[insight_id] = [
            web.get(f"/web/insights/{insight_id}"),
            web.post(f"/web/insights/{insight_id}/status", status="shipped"),
            web.post(f"/web/insights/{insight_id}/reply", body="probe"),
            web.post(f"/web/insights/{insight_id}/duplicate", original=str(uuid.uuid4())),
        ]
    for seen, absent in zip(answers[hidden], answers[missing], strict=True):
        assert (seen.status_code, absent.status_code) == (404, 404)
        assert _main(seen.text).replace(hidden, "X") == _main(absent.text).replace(missing, "X")
    assert rep.latest(hidden)[0]["status"] == "new" and rep.latest(hidden)[1] == []


def _main(page: str) -> str:
    """The page without what differs between any two pages (the form token)."""
    return TOKEN.sub("", page)


def test_changed_password_ends_sessions_and_sign_in_is_rate_limited(tmp_path):
    env = {"PALAUTE_SERVER_LOGIN_PER_MINUTE": "1"}  # a burst of 5 attempts per name, then one a minute
    with ServerProcess.start(tmp_path / "server", env=env) as server:
        server.add_user("pia", "product", PASSWORD, communities=["payments"])
        web = Browserless(server.url)
        assert web.sign_in("pia").url.endswith("/web/inbox")  # attempt 1
        server.cli("user", "reset-password", "pia", "--password-stdin", input="new one\n")
        assert "/web/signin" in web.get("/web/inbox").url  # the old session ended with the old password
        assert web.sign_in("pia", "new one").url.endswith("/web/inbox")  # attempt 2
        assert [web.sign_in("pia", "wrong").status_code for _ in range(3)] == [401] * 3  # attempts 3-5
        refused = web.sign_in("pia", "new one")  # even the right password waits now
        assert refused.status_code == 429 and "Too many sign-in attempts" in refused.text
        assert Browserless(server.url).sign_in("someone.else").status_code == 401  # other names unaffected


def test_session_cookie_is_secure_behind_an_https_proxy(site):
    answer = requests.get(f"{site.base_url}/web/signin", headers={"X-Forwarded-Proto": "https"}, timeout=10)
    assert "Secure" in answer.headers["set-cookie"]


def test_an_admin_sees_every_community(site):
    web = Browserless(site.base_url)
    assert web.sign_in(site.ada).url.endswith("/web/inbox")
    assert site.cards_insight in web.get("/web/inbox", community="cards").text
    assert "Administrator" in web.get(f"/web/insights/{site.cards_insight}").text
    summary = web.get("/web/summary", days="90").text
    assert all(f"{name} CoP" in summary for name in ("Payments", "Mobile app", "Onboarding", "Cards"))


def test_the_inbox_pages_through_many_insights(site):
    start = datetime.now(UTC) - timedelta(hours=1)
    # In a community only the admin sees, so the other tests' inbox views stay as they are.
    drafts = [
        {
            "id": str(uuid.uuid4()),
            "text": f"Paging check number {n}",
            "community": "onboarding",
            "impact": "low",
            "created_at": (start + timedelta(seconds=n)).isoformat(),
        }
        for n in range(55)
    ]
    site.rep.push_drafts(drafts)
    web = Browserless(site.base_url)
    web.sign_in(site.ada)
    first = web.get("/web/inbox", q="paging check").text
    assert "55 insights match these filters." in first and "Page 1 of 2." in first
    assert first.count('class="row-link"') == 50 and "Paging check number 54<" in first  # newest first
    older = re.search(r'href="([^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    second = web.get(older).text
    assert second.count('class="row-link"') == 5 and "Paging check number 0<" in second
    assert 'rel="prev"' in second and 'rel="next"' not in second
    for silly in ("0", "-3", "abc", "9" * 30):  # hand-edited addresses still give a page
        assert web.get("/web/inbox", q="paging check", page=silly).status_code == 200
    past_the_end = web.get("/web/inbox", q="paging check", page="7").text
    assert "Page 2 of 2." in past_the_end and past_the_end.count('class="row-link"') == 5


def test_a_form_sent_after_the_session_ended_leads_back_after_sign_in(site):
    target = site.rep.push("Session-expiry check insight.", "payments")
    web = Browserless(site.base_url)
    web.get("/web/signin")  # an anonymous session with its own form token, as after the cookie expired
    answer = web.post(f"/web/insights/{target}/reply", body="Typed before the session ended")
    assert "/web/signin?next=" in answer.url
    assert "Your session ended before the form was sent." in answer.text
    back = web.post(
        "/web/signin",
        username=site.pia,
        password=site.password,
        next=re.search(r'name="next" value="([^"]+)"', answer.text).group(1),
    )
    assert back.url.endswith(f"/web/insights/{target}")
    assert "Typed before the session ended" not in back.text  # nothing was stored without a session


def test_cookie_flags_and_security_headers(site):
    root = requests.get(f"{site.base_url}/", timeout=10, allow_redirects=False)
    assert root.status_code == 303 and root.headers["location"] == "/web/inbox"  # the address alone is enough
    answer = requests.get(f"{site.base_url}/web/signin", timeout=10)
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie  # plain http here
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert answer.headers["cache-control"] == "no-store"
    # After sign-in only a path of the web page is accepted as the place to go (no open redirect).
    with requests.Session() as http:
        form = http.get(f"{site.base_url}/web/signin", timeout=10).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        answer = http.post(
            f"{site.base_url}/web/signin",
            timeout=10,
            allow_redirects=False,
            data={"username": site.pia, "password": site.password, "csrf_token": token, "next": "//evil.example/"},
        )
        assert answer.status_code == 303 and answer.headers["location"] == "/web/inbox"
