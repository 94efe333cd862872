"""The Store: the one object the app, the CLI and the sync engine use to read and write local data."""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain import (
    MAX_CUSTOMER_REF_CHARS,
    MAX_TEXT_CHARS,
    Community,
    Draft,
    Hint,
    Insight,
    NewInsight,
    ProductArea,
    Reply,
    SameHere,
    clean_optional,
    clean_tags,
    clean_text,
    parse_impact,
    utc_now,
)
from desktop.errors import InvalidInput, NotFound, StoreError
from desktop.language import _, format_number
from desktop.paths import AppPaths
from desktop.settings import Settings
from desktop.store import drafts, inbox, insights, reference, same_here, threads
from desktop.store.database import open_database
from desktop.store.ledger import SyncLedger
from desktop.store.models import SettingRow
from desktop.store.search import fts_query
from desktop.store.transactions import Transactions
from privacy.files import private_dir

if TYPE_CHECKING:
    from desktop.store.vectors import VectorIndex
    from privacy import Finding, MaskResult

log = logging.getLogger(__name__)
T = TypeVar("T")


def open_store(paths: AppPaths | None = None, *, busy_timeout_ms: int | None = None) -> Store:
    """Open the user's store (creating the data folder, migrating and seeding as needed)."""
    paths = paths or AppPaths.resolve()
    try:
        private_dir(paths.data_dir)  # customers' words: the user's alone
    except OSError as exc:
        raise StoreError(
            _(
                "Palaute cannot create its data folder {folder} ({reason}). "
                "Start it with --data-dir pointing to a folder you can write."
            ).format(folder=paths.data_dir, reason=exc.strerror)
        ) from exc
    kwargs = {} if busy_timeout_ms is None else {"busy_timeout_ms": busy_timeout_ms}
    opened = open_database(paths.db_path, **kwargs)
    store = Store(opened.engine, paths.db_path, notices=opened.notices)
    if store._read(reference.needs_seed):  # read first: an up-to-date start writes nothing
        store._write(reference.seed_if_empty)
    return store


class Store:
    """Local data access. Every method is one short transaction; failures come out as StoreError in words."""

    def __init__(self, engine, db_path: Path, notices: list[str] | None = None) -> None:  # type: ignore[no-untyped-def]
        self.engine = engine
        self.db_path = db_path
        self.notices = notices or []
        self._tx = Transactions(engine, db_path)
        self.settings = Settings(self._read_setting, self._write_setting)
        # Reference lists change only when sync brings new ones; every capture checks against them.
        self._communities: list[Community] | None = None
        self._product_areas: list[ProductArea] | None = None
        self.sync = SyncLedger(
            self._tx, self.settings, apply_retention=self.apply_retention, replace_communities=self.replace_communities
        )
        self._author_cache: str | None = None
        self._frequencies: Any = None  # the similarity index's document frequencies, read on first use
        from desktop.similar import encoder, vectors
        from desktop.store.similar import MEANING_MODEL
        from desktop.store.vectors import HintModel, VectorIndex

        # The hints' vectors: the object is light; the model and the vectors load on the first look-up. With the
        # meaning layer off (the default, see desktop/store/similar.py) there is no model: words alone.
        models: dict[str, Callable[[], HintModel | None]] = {"words": vectors.model, "encoder": encoder.model}
        load = models.get(MEANING_MODEL, _no_model)
        self._hints: VectorIndex = VectorIndex(engine, load)

    def on_queued(self, listener: Callable[[], None]) -> None:
        """Call `listener()` after every committed write that queued a change for sync (capture, reply, edit,
        withdraw, "same here", whatever window or command made it), so a running app sends it at once."""
        self._tx.queued_listeners.append(listener)

    # -- insights -----------------------------------------------------------------------------------
    def capture(self, new: NewInsight, keep_pii: Iterable[str] = ()) -> Insight:
        """Check, mask and save a new insight; it is queued for sync (masked) in the same transaction.

        Personal data in the text and the customer reference is masked unless its key
        (privacy's Finding.key) is in keep_pii; the insight records what was kept and masked.
        """
        checked = self.check(new)
        guarded = _PiiGuard(keep_pii)
        checked = replace(checked, text=guarded.note(checked.text), customer_ref=guarded.ref(checked.customer_ref))
        author = self._author()
        return self._write(
            lambda s: insights.add_insight(s, checked, author, pii_kept=guarded.kept, pii_masked=guarded.counts())
        )

    def check(self, new: NewInsight) -> NewInsight:
        """Validate and normalise what the user typed, naming the first problem in words."""
        community = self.resolve_community(new.community).slug
        area = self.resolve_product_area(new.product_area).slug if new.product_area else None
        return replace(
            new,
            text=clean_text(new.text),
            community=community,
            product_area=area,
            customer_ref=clean_optional(
                new.customer_ref, what=_("The customer reference"), limit=MAX_CUSTOMER_REF_CHARS
            ),
            impact=parse_impact(new.impact),
            tags=clean_tags(new.tags),
        )

    def get_insight(self, insight_id: str) -> Insight | None:
        return self._read(lambda s: insights.get(s, insight_id))

    def list_insights(self, *, community: str | None = None, limit: int | None = None) -> list[Insight]:
        slug = self.resolve_community(community).slug if community else None
        return self._read(lambda s: insights.newest_first(s, community=slug, limit=limit))

    def search(self, query: str, *, limit: int = 50, prefix: bool = False) -> list[Insight]:
        """Ranked full-text search; `prefix` also matches the last word's start (for search-as-you-type)."""
        match = fts_query(query, prefix=prefix)
        return self._read(lambda s: insights.search(s, match, limit))

    def similar(self, text: str, *, limit: int = 3) -> list[Hint]:
        """Duplicate hints: stored insights most like `text`, best first; [] when none is close.

        Offline; any text is accepted (odd or huge input gives fewer hints, never an error). Vectors of
        insights added since the last call are computed first (a few; see desktop/store/vectors.py).
        """
        from desktop.store import similar

        if self._frequencies is None:
            self._frequencies = similar.DocFrequencies()
        frequencies = self._frequencies
        index = self.hint_index()
        index.refresh()
        return self._read(lambda s: similar.find(s, text, frequencies, limit, index))

    def hint_index(self) -> VectorIndex:
        """The hints' vectors (loaded with their model on first use: the idle app never holds them)."""
        return self._hints

    def prepare_hints(self) -> None:
        """Load the hints' model and compute every missing vector (slow once after an upgrade; call it off
        the UI thread). Afterwards a look-up only computes what was added since."""
        self.hint_index().prepare()

    def count_insights(self) -> int:
        return self._read(insights.count)

    def inbox_filter(
        self,
        *,
        community: str | None = None,
        status: str | None = None,
        impact: str | None = None,
        text: str | None = None,
        include_withdrawn: bool = True,
        view: str | None = None,
        only: str | None = None,
    ) -> inbox.InboxFilter:
        """A checked filter for `inbox_count`/`inbox_page`; `text` matches words as typed (last one as prefix).

        `view` (inbox.VIEWS): "mine" (what the rep follows) or the community feed ("community", "community_new",
        "community_answered", "community_shipped"); None shows both.
        """
        match = fts_query(text, prefix=True) if text and text.strip() else None
        if view is not None and view not in inbox.VIEWS:
            raise InvalidInput(_("Unknown inbox view “{view}”.").format(view=view))
        if only is not None and only not in inbox.ONLY:
            raise InvalidInput(_("Unknown inbox choice “{only}”.").format(only=only))
        return inbox.InboxFilter(
            community=community,
            status=status,
            impact=impact,
            match=match,
            include_withdrawn=include_withdrawn,
            view=view,
            only=only,
        )

    def inbox_count(self, f: inbox.InboxFilter) -> int:
        return self._read(lambda s: inbox.count(s, f))

    def inbox_page(self, f: inbox.InboxFilter, offset: int = 0, limit: int = 200) -> list[inbox.InboxRow]:
        """One page of the inbox, newest first, each insight with its reply and unread counts."""
        return self._read(lambda s: inbox.page(s, f, offset, limit))

    # -- the rep's later changes, and the thread ------------------------------------------------------
    def edit_insight(self, insight_id: str, *, keep_pii: Iterable[str] = (), **changes: Any) -> None:
        """Edit text/community/area/customer/impact/tags; checked and masked like a capture, queued for sync.

        What the rep kept before stays kept; keep_pii adds to it.
        """
        current = self.get_insight(insight_id)
        if current is None:
            raise NotFound(_("There is no insight {id} on this computer.").format(id=insight_id))
        merged = NewInsight(
            **{
                "text": changes.get("text", current.text),
                "community": changes.get("community", current.community),
                "product_area": changes.get("product_area", current.product_area),
                "customer_ref": changes.get("customer_ref", current.customer_ref),
                "impact": changes.get("impact", current.impact),
                "tags": changes.get("tags", current.tags),
            }
        )
        checked = self.check(merged)
        guarded = _PiiGuard([*keep_pii, *(k.key for k in current.pii_kept)])
        # Both fields are re-read so that pii_kept lists what the insight holds now; an unchanged one is
        # already masked, so only the fields the rep changed can differ.
        checked = replace(checked, text=guarded.note(checked.text), customer_ref=guarded.ref(checked.customer_ref))
        values = {k: getattr(checked, k) for k in changes}
        values = {k: (str(v) if k == "impact" else list(v) if k == "tags" else v) for k, v in values.items()}

        def work(session: Session) -> None:
            threads.edit(session, insight_id, values)
            if "text" in changes or "customer_ref" in changes:
                insights.record_pii(session, insight_id, guarded.kept, guarded.counts())

        self._write(work)
        if "text" in changes:
            self._hints.changed()  # its vector was dropped with the old text

    def withdraw_insight(self, insight_id: str) -> None:
        self._write(lambda s: threads.withdraw(s, insight_id))

    def undo_capture(self, insight_id: str) -> str:
        """Take back a capture: "removed" while the server has not seen it, else "withdrawn" (queued for sync)."""
        return self._write(lambda s: threads.undo_capture(s, insight_id))

    def add_reply(self, insight_id: str, body: str) -> Reply:
        """Save the rep's reply (personal data masked, nothing kept) and queue it for sync."""
        reply = _("The reply")
        checked = _PiiGuard(()).note(
            clean_text(body, what=reply, empty=_("The reply is empty. Type it, then send it.")), reply
        )
        author = self.sync.meta("username") or self._author()
        return self._write(lambda s: threads.add_reply(s, insight_id, checked, author))

    def same_here(
        self,
        insight_id: str,
        *,
        customer_ref: str | None = None,
        impact: str = "medium",
        note: str | None = None,
        keep_pii: Iterable[str] = (),
    ) -> SameHere:
        """Say "same here" on an insight: this call's customer and impact count behind it.

        `note` is what the rep had typed (so nothing typed is lost); only the product team sees it. Both it
        and the customer reference are checked and masked like a capture's.
        """
        guarded = _PiiGuard(keep_pii)
        ref = guarded.ref(clean_optional(customer_ref, what=_("The customer reference"), limit=MAX_CUSTOMER_REF_CHARS))
        what = _("The note")
        text = guarded.note(clean_text(note, what=what), what) if note and note.strip() else None
        level = str(parse_impact(impact))
        return self._write(
            lambda s: same_here.add(s, insight_id, customer_ref=ref, impact=level, note=text, pii_kept=guarded.kept)
        )

    def same_heres(self, insight_id: str) -> list[SameHere]:
        """The "same here"s this rep said on an insight (theirs only: others' are the product team's)."""
        return self._read(lambda s: same_here.of_insight(s, insight_id))

    def is_own(self, insight: Insight) -> bool:
        """Written by the rep on this machine or under their server account (only those can be edited)."""
        return insight.author in {self.sync.meta("username"), self._author()}

    def thread(self, insight_id: str) -> list[Reply]:
        return self._read(lambda s: threads.thread(s, insight_id))

    def mark_thread_read(self, insight_id: str) -> None:
        self._write(lambda s: threads.mark_read(s, insight_id))

    # -- retention ----------------------------------------------------------------------------------
    def apply_retention(self, now: datetime | None = None) -> int:
        """Delete local insights the server has, quiet for `retention_days` (0: keep all); returns how many.

        Their replies and notices go with them; anything with a change not yet accepted by the server stays.
        """
        days = self.settings.get("retention_days")
        if days <= 0:
            return 0
        cutoff = (now or utc_now()) - timedelta(days=days)
        removed = self._write(lambda s: insights.remove_synced_before(s, cutoff))
        if removed:
            log.info("Retention removed %d synced insights quiet since before %s", removed, cutoff.date())
        return removed

    # -- reference lists ----------------------------------------------------------------------------
    def communities(self) -> list[Community]:
        if self._communities is None:
            self._communities = self._read(reference.communities)
        return list(self._communities)

    def replace_communities(self, listed: list[dict[str, Any]]) -> None:
        """The server's list of communities with the rep's memberships."""
        self._write(lambda s: reference.replace_communities(s, listed))
        self._communities = None

    def product_areas(self) -> list[ProductArea]:
        if self._product_areas is None:
            self._product_areas = self._read(reference.product_areas)
        return list(self._product_areas)

    def resolve_community(self, typed: str) -> Community:
        return reference.resolve(typed, self.communities(), "community")  # type: ignore[return-value]

    def resolve_product_area(self, typed: str) -> ProductArea:
        return reference.resolve(typed, self.product_areas(), "product area")  # type: ignore[return-value]

    # -- drafts -------------------------------------------------------------------------------------
    def save_draft(self, draft: Draft) -> None:
        self._write(lambda s: drafts.save(s, draft))

    def load_draft(self) -> Draft | None:
        return self._read(drafts.load)

    def clear_draft(self) -> None:
        self._write(drafts.clear)

    # -- plumbing -----------------------------------------------------------------------------------
    def close(self) -> None:
        self.engine.dispose()

    def _read_setting(self, key: str) -> str | None:
        return self._read(lambda s: s.scalar(select(SettingRow.value).where(SettingRow.key == key)))

    def _write_setting(self, key: str, value: str) -> None:
        self._write(lambda s: s.merge(SettingRow(key=key, value=value)))
        self._author_cache = None

    def _author(self) -> str:
        # Read once, not at every capture: a capture's budget is about a millisecond.
        if self._author_cache is None:
            self._author_cache = self.settings.get("author") or _login_name()
        return self._author_cache

    def _read(self, work: Callable[[Session], T]) -> T:
        return self._tx.read(work)

    def _write(self, work: Callable[[Session], T]) -> T:
        return self._tx.write(work)


class _PiiGuard:
    """Masks what one save writes, keeping the keys the rep chose, and collects what it kept and masked."""

    def __init__(self, keep: Iterable[str]) -> None:
        self._keep = set(keep)
        self.kept: list[dict[str, str]] = []
        self._masked: list[Finding] = []

    def note(self, text: str, what: str | None = None) -> str:
        from privacy.saving import mask_note  # the detector loads on first save, not at start-up

        return self._apply(mask_note(text, self._keep), what or _("The insight"), MAX_TEXT_CHARS)

    def ref(self, ref: str | None) -> str | None:
        from privacy.saving import mask_customer_ref

        if ref is None:
            return None
        return self._apply(mask_customer_ref(ref, self._keep), _("The customer reference"), MAX_CUSTOMER_REF_CHARS)

    def counts(self) -> dict[str, int]:
        from privacy.saving import count_by_kind

        return count_by_kind(self._masked)

    def _apply(self, result: MaskResult, what: str, limit: int) -> str:
        if len(result.text) > limit:
            # "[national id]" is longer than a hetu: a text at the limit can grow past it when masked.
            raise InvalidInput(
                _(
                    "{what} is {length} characters long once personal data is masked; "
                    "the limit is {limit}. Shorten it. Nothing was saved."
                ).format(what=what, length=format_number(len(result.text)), limit=format_number(limit))
            )
        self._masked += result.masked
        for finding in result.kept:
            item = {"kind": str(finding.kind), "key": finding.key}
            if item not in self.kept:
                self.kept.append(item)
        return result.text


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment (some services, containers)
        return "unknown"


def _no_model() -> None:
    return None
