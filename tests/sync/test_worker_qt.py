"""The Qt side of sync: signals arrive on the UI thread, notices are shown once each and open their thread."""

from __future__ import annotations

from desktop.domain import NewInsight, Notice
from desktop.sync.account import build_service
from desktop.sync.credentials import Vault
from desktop.sync.status import State
from desktop.ui.notice_queue import NoticeQueue
from desktop.ui.sync_worker import SyncWorker


def test_notices_are_shown_one_after_another_once_each(qtbot):
    shown, marked = [], []
    queue = NoticeQueue(lambda title, body: shown.append(title), marked.extend, interval_ms=30)
    notices = [Notice(i, "reply", f"insight-{i}", "", "body", actor=f"pm{i}") for i in range(3)]
    queue.add(notices[:2])
    queue.add(notices)  # the service hands over every pending notice again: no repeats
    assert shown == ["Reply from pm0"]
    with qtbot.waitSignal(queue.open_requested, timeout=1000) as opened:
        queue.clicked()
    assert opened.args == ["insight-0"]
    qtbot.waitUntil(lambda: len(shown) == 3, timeout=2000)
    assert shown == ["Reply from pm0", "Reply from pm1", "Reply from pm2"] and [n.id for n in marked] == [0, 1, 2]


def test_a_notice_can_be_clicked_for_as_long_as_the_tray_shows_it(qtbot):
    queue = NoticeQueue(lambda title, body: None, lambda shown: None)
    queue.add([Notice(1, "reply", "insight-1", "", "Is this on Android or iOS?", actor="pam")])
    queue._timer.timeout.emit()  # the queue's display time is over and nothing else waits
    with qtbot.waitSignal(queue.open_requested, timeout=1000) as opened:
        queue.clicked()  # the balloon is still on screen
    assert opened.args == ["insight-1"]
    from desktop.ui.tray import BALLOON_MS

    assert queue._timer.interval() >= BALLOON_MS  # the queue moves on no sooner than the tray hides it


def test_notification_words_follow_the_interface_language(qtbot, translations):
    shown = []
    translations.apply("fi")
    queue = NoticeQueue(lambda title, body: shown.append((title, body)), lambda shown: None)
    queue.add(
        [
            Notice(1, "reply", "i-1", "", "Korjataan keväällä", "pam", None, "Vienti pudottaa desimaalit"),
            Notice(2, "status", "i-1", "", "", None, "planned", "Vienti pudottaa desimaalit"),
            Notice(3, "merged", "i-2", "", "", None, None, "Kortin raja"),
        ]
    )
    queue._timer.timeout.emit()
    assert shown == [
        ("Vastaus: pam · Suunniteltu", "”Vienti pudottaa desimaalit”\nKorjataan keväällä"),
        ("Yhdistetty aiempaan havaintoon", "”Kortin raja”"),
    ]


def test_a_reply_and_a_status_change_of_one_insight_make_one_notification_that_says_which(qtbot):
    shown = []
    queue = NoticeQueue(lambda title, body: shown.append((title, body)), lambda shown: None)
    queue.add(
        [
            Notice(1, "reply", "i-1", "", "On the roadmap for spring", "pam", None, "Export drops the decimals"),
            Notice(2, "status", "i-1", "", "Export drops the decimals", None, "planned", "Export drops the decimals"),
        ]
    )
    assert shown == [("Reply from pam · Planned", "“Export drops the decimals”\nOn the roadmap for spring")]


def test_worker_reports_status_and_a_reply_arrives_as_a_notice(qtbot, signed_in, product):
    store = signed_in
    worker = SyncWorker()
    statuses = []
    worker.status_changed.connect(statuses.append)
    service = build_service(store, Vault(), worker.callbacks(), long_poll=5)
    insight = store.capture(NewInsight(text="Please add Apple Pay", community="payments"))
    worker.start(service)
    try:
        worker.sync_now()
        qtbot.waitUntil(lambda: store.get_insight(insight.id).server_version is not None, timeout=15000)
        with qtbot.waitSignal(worker.notices_arrived, timeout=15000) as arrived:
            product.reply(insight.id, "On the roadmap for spring")
        assert [n.body for n in arrived.args[0]] == ["On the roadmap for spring"]
        assert any(s.state is State.IDLE for s in statuses)
        worker.set_paused(True)
        assert statuses[-1].state is State.PAUSED
        worker.set_paused(False)
    finally:
        worker.stop()
    assert statuses[-1].state is State.SIGNED_OUT


def test_the_network_is_watched_only_once_sync_finds_it_gone(qtbot):
    """QtNetwork and its backend plugin load when a sync fails for want of a network, not in an app that is online."""
    from desktop.sync.status import SyncStatus

    worker = SyncWorker()
    worker.status_changed.emit(SyncStatus(State.IDLE))
    worker.status_changed.emit(SyncStatus(State.ERROR, "the server said no"))
    assert worker.network_watch_tried is False
    worker.status_changed.emit(SyncStatus(State.OFFLINE, "no network"))
    assert worker.network_watch_tried is True
