"""The sync protocol's server side: apply a pushed batch, read the changes feed, and the summary."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, lazyload

from protocol import schema
from server import bulk
from server.db import one_of
from server.models import Change, Device, DeviceMutation, Insight, Reply, SameHere, User
from server.services import backing, changes, feed, insights, triage
from server.services.access import backed_among, can_see, change_condition, insight_condition
from server.services.errors import Conflict, ServiceError


def push(session: Session, actor: User, device_id: str, request: schema.PushRequest) -> schema.PushResponse:
    """Apply a batch in the caller's transaction; each mutation id is applied at most once per user.

    A mutation the server already holds (by id) is answered as it was the first time. A number at or below the
    device's high-water mark that belongs to no mutation held under that id is `number_used`: the device's
    numbering forked (a restored backup, a copied data folder); nothing more of the batch is processed, and the
    client registers a new device and sends again. So `duplicate` only ever names a mutation the server holds.
    """
    # Serialise pushes of one device (SQLite: BEGIN IMMEDIATE already does), then read its high-water mark.
    device = session.scalars(
        select(Device).options(lazyload(Device.user)).where(Device.id == device_id).with_for_update(of=Device)
    ).one()  # the caller authenticated this device
    _prefetch(session, request)
    held, used = _held(session, actor, device, request)
    results: list[schema.MutationResult | None] = []
    creates: list[tuple[int, int, dict[str, Any]]] = []  # (result index, number, row): new insights inserted together
    pending: set[str] = set()
    fresh: dict[str, int] = {}  # mutation id -> result index, for mutations processed in this batch
    numbered: dict[int, str] = {}  # number -> mutation id, likewise
    last = device.last_mutation  # assigned once at the end: each change would be flushed on every query
    for mutation in request.mutations:
        if mutation.id in held or mutation.id in fresh:
            results.append(_again(session, actor, mutation, held.get(mutation.id), results, fresh.get(mutation.id)))
            last = max(last, mutation.number)
            continue
        if mutation.number <= last:  # below the mark, or not above the number before it in this batch
            holder = used.get(mutation.number) or numbered.get(mutation.number)
            results.append(_number_used(mutation, holder))
            break
        last = mutation.number
        fresh[mutation.id] = len(results)
        numbered[mutation.number] = mutation.id
        if mutation.type == "create":
            row = _new_insight(session, actor, mutation, results, pending)
            if row is not None:
                creates.append((len(results), mutation.number, row))
                results.append(None)  # filled in by _insert
                pending.add(row["id"])
            continue
        _insert(session, actor, creates, results)  # an edit may refer to an insight created just before
        results.append(_apply(session, actor, mutation))
    _insert(session, actor, creates, results)
    answered = _all_answered(results)
    for mutation, result in zip(request.mutations, answered, strict=False):
        if result.status != "number_used":
            result.mutation_id = mutation.id
    _remember(session, actor, device, request, answered, fresh)
    device.last_mutation = last
    return schema.PushResponse(results=answered, last_mutation=last)


def _all_answered(results: list[schema.MutationResult | None]) -> list[schema.MutationResult]:
    """The results once `_insert` has answered every create (it leaves no None behind)."""
    answered = [r for r in results if r is not None]
    if len(answered) != len(results):
        raise RuntimeError("a created insight of this batch was left without a result")
    return answered


def texts_of(request: schema.PushRequest) -> Iterator[str]:
    """Every text of a batch the server masks: detected before the write transaction (`privacy.detected_ahead`)."""
    for m in request.mutations:
        fields: tuple[str | None, ...]
        if m.type == "create":
            fields = (m.insight.text, m.insight.customer_ref)
        elif m.type == "edit":
            fields = (m.changes.text, m.changes.customer_ref)
        elif m.type == "reply":
            fields = (m.reply.body,)
        elif m.type == "same_here":
            fields = (m.same_here.note, m.same_here.customer_ref)
        else:
            fields = ()
        yield from (text for text in fields if text)


def _held(
    session: Session, actor: User, device: Device, request: schema.PushRequest
) -> tuple[dict[str, DeviceMutation], dict[int, str]]:
    """The batch's mutations the server already holds for this user (by id), and for numbers at or below the
    device's mark, which mutation each one applied (two queries)."""
    ids = [m.id for m in request.mutations]
    held = {
        row.mutation_id: row
        for row in session.scalars(
            select(DeviceMutation).where(
                DeviceMutation.user_id == actor.id, one_of(session, DeviceMutation.mutation_id, ids)
            )
        )
    }
    low = [m.number for m in request.mutations if m.number <= device.last_mutation and m.id not in held]
    used: dict[int, str] = {}
    if low:
        used = dict(
            session.execute(
                select(DeviceMutation.number, DeviceMutation.mutation_id).where(
                    DeviceMutation.device_id == device.id, one_of(session, DeviceMutation.number, low)
                )
            ).all()
        )
    return held, used


def _number_used(mutation: schema.Mutation, holder: str | None) -> schema.MutationResult:
    return schema.MutationResult(
        number=mutation.number,
        mutation_id=holder,
        status="number_used",
        code="number_used",
        message="this device already used this number for another change; register a new device and send again",
    )


def _again(
    session: Session,
    actor: User,
    mutation: schema.Mutation,
    prior: DeviceMutation | None,
    results: list[schema.MutationResult | None],
    index: int | None,
) -> schema.MutationResult:
    """A mutation the server holds: the first answer again (a refusal stays a refusal), with current state."""
    outcome: str  # a stored outcome, or the first answer's status
    if prior is None:  # the same id twice in one batch: answer as its first occurrence was answered
        first = results[index] if index is not None else None  # None: a create of this batch not inserted yet
        outcome, code, message = (first.status, first.code, first.message) if first else ("applied", None, None)
    else:
        outcome, code, message = prior.outcome, prior.code, prior.message
    if outcome == "rejected":
        current = None
        if code == "conflict" and mutation.type in ("edit", "withdraw"):
            insight = session.get(Insight, mutation.insight_id)
            current = insights.to_schema(insight, actor) if insight is not None and can_see(actor, insight) else None
        return schema.MutationResult(
            number=mutation.number,
            mutation_id=mutation.id,
            status="rejected",
            code=code,
            message=message,
            insight=current,
        )
    return _duplicate(session, actor, mutation)


def _remember(
    session: Session,
    actor: User,
    device: Device,
    request: schema.PushRequest,
    results: list[schema.MutationResult],
    fresh: dict[str, int],
) -> None:
    """One row per mutation processed in this batch: its number, id, object and outcome (inserted in one go,
    without ORM objects: building and flushing 100 of them was about a tenth of a push's server CPU)."""
    by_id = {m.id: m for m in request.mutations}
    rows = []
    for mutation_id, index in fresh.items():
        mutation, result = by_id[mutation_id], results[index]
        rows.append(
            dict(
                device_id=device.id,
                number=mutation.number,
                user_id=actor.id,
                mutation_id=mutation_id,
                kind=mutation.type,
                object_id=_object_id(mutation),
                outcome=result.status,
                code=result.code,
                message=(result.message or "")[:500] or None,
            )
        )
    bulk.insert_many(session, DeviceMutation.__table__, rows)


def _object_id(mutation: schema.Mutation) -> str:
    if mutation.type == "create":
        return mutation.insight.id
    if mutation.type == "reply":
        return mutation.reply.id
    if mutation.type == "same_here":
        return mutation.same_here.id
    return mutation.insight_id


def _new_insight(
    session: Session,
    actor: User,
    mutation: schema.CreateMutation,
    results: list[schema.MutationResult | None],
    pending: set[str],
) -> dict[str, Any] | None:
    """The row to insert, or None after appending a duplicate/rejected result."""
    number = mutation.number
    try:
        if mutation.insight.id in pending:  # the same id twice in one batch
            results.append(schema.MutationResult(number=number, status="duplicate"))
            return None
        existing = insights.existing_of(session, actor, mutation.insight.id)
        if existing is not None:
            results.append(_ok(actor, number, "duplicate", insight=existing))
            return None
        return insights.new_row(session, actor, mutation.insight)
    except ServiceError as error:
        results.append(_rejected(actor, number, error))
        return None


def _insert(
    session: Session,
    actor: User,
    creates: list[tuple[int, int, dict[str, Any]]],
    results: list[schema.MutationResult | None],
) -> None:
    insights.insert_rows(session, [row for _, _, row in creates])
    for index, number, row in creates:
        results[index] = schema.MutationResult(
            number=number, status="applied", insight=insights.row_to_schema(session, actor, row)
        )
    creates.clear()


def _apply(
    session: Session,
    actor: User,
    mutation: schema.EditMutation | schema.WithdrawMutation | schema.ReplyMutation | schema.SameHereMutation,
) -> schema.MutationResult:
    """Apply an edit, withdraw, reply or "same here"; a refusal becomes a rejected result, never an error."""
    number = mutation.number
    try:  # creates are not here: push() inserts them together
        if mutation.type == "edit":
            insight = insights.edit(session, actor, mutation.insight_id, mutation.base_version, mutation.changes)
            return _ok(actor, number, "applied", insight=insight)
        if mutation.type == "withdraw":
            insight, fresh = insights.withdraw(session, actor, mutation.insight_id, mutation.base_version)
            return _ok(actor, number, "applied" if fresh else "duplicate", insight=insight)
        if mutation.type == "same_here":
            row, root, fresh = backing.add(session, actor, mutation.same_here)
            return _ok(actor, number, "applied" if fresh else "duplicate", insight=root, same_here=row)
        draft = mutation.reply
        existed = session.get(Reply, draft.id) is not None
        reply = triage.add_reply(session, actor, draft.insight_id, draft.body, draft.id, draft.created_at)
        return _ok(actor, number, "duplicate" if existed else "applied", reply=reply)
    except ServiceError as error:
        return _rejected(actor, number, error)


def _rejected(actor: User, number: int, error: ServiceError) -> schema.MutationResult:
    current = error.current if isinstance(error, Conflict) and isinstance(error.current, Insight) else None
    return schema.MutationResult(
        number=number,
        status="rejected",
        code=error.code,
        message=error.message,
        insight=insights.to_schema(current, actor) if current is not None else None,
    )


def _duplicate(session: Session, actor: User, mutation: schema.Mutation) -> schema.MutationResult:
    """Already applied earlier: answer with the target's current state when the caller can see it."""
    if mutation.type == "reply":
        reply = session.get(Reply, mutation.reply.id)
        return _ok(actor, mutation.number, "duplicate", reply=reply if reply and reply.author_id == actor.id else None)
    if mutation.type == "same_here":
        row = session.get(SameHere, mutation.same_here.id)
        if row is None or row.user_id != actor.id:
            return _ok(actor, mutation.number, "duplicate")
        root = session.get(Insight, row.insight_id)
        return _ok(
            actor,
            mutation.number,
            "duplicate",
            same_here=row,
            insight=root if root is not None and can_see(actor, root) else None,
        )
    target = mutation.insight.id if mutation.type == "create" else mutation.insight_id
    insight = session.get(Insight, target)
    return _ok(actor, mutation.number, "duplicate", insight=insight if insight and can_see(actor, insight) else None)


def _ok(
    actor: User,
    number: int,
    status: str,
    insight: Insight | None = None,
    reply: Reply | None = None,
    same_here: SameHere | None = None,
) -> schema.MutationResult:
    return schema.MutationResult(
        number=number,
        status=status,
        insight=insights.to_schema(insight, actor) if insight is not None else None,
        reply=insights.reply_to_schema(reply) if reply is not None else None,
        same_here=backing.to_schema(same_here, actor) if same_here is not None else None,
    )


def _prefetch(session: Session, request: schema.PushRequest) -> None:
    """Load every insight and reply the batch touches in two queries (the loop then hits the identity map)."""
    ids: set[str] = set()
    reply_ids: set[str] = set()
    for m in request.mutations:
        if m.type == "create":
            ids.add(m.insight.id)
        elif m.type == "reply":
            ids.add(m.reply.insight_id)
            reply_ids.add(m.reply.id)
        elif m.type == "same_here":
            ids.add(m.same_here.insight_id)
        else:
            ids.add(m.insight_id)
    found = {i.id for i in session.scalars(select(Insight).where(one_of(session, Insight.id, ids)))}
    if reply_ids:
        list(session.scalars(select(Reply).where(one_of(session, Reply.id, reply_ids))))
    # Mark absent ids so session.get() does not query for each new insight again.
    session.info["absent_insights"] = ids - found


def pull(session: Session, actor: User, after: int, limit: int) -> tuple[list[schema.Change], int, bool]:
    """Visible changes after seq `after` in commit order: (changes, new seq, has_more)."""
    upto = feed.last_seq(session)  # every change numbered <= upto is committed (see feed._number_pending)
    rows = changes.rows_of(
        session.execute(
            changes.select_rows(Change.seq > after, Change.seq <= upto, change_condition(actor)).limit(limit + 1)
        )
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    new_seq = rows[-1].seq if has_more else max(upto, after)
    batch = changes.load(session, rows)
    # One "same here" lookup for the page: it decides visibility where authorship and community do not, and
    # `following` on every insight the reader did not write.
    backed = backed_among(session, actor, [i.id for i in batch.insights.values() if i.author_id != actor.id])
    return changes.render(actor, rows, batch, backed), new_seq, has_more


def summary(session: Session, actor: User, device: Device) -> schema.Summary:
    visible = insight_condition(actor)
    counts = dict(
        session.execute(select(Insight.withdrawn, func.count()).where(visible).group_by(Insight.withdrawn)).all()
    )
    by_status = dict(
        session.execute(
            select(Insight.status, func.count()).where(visible, Insight.withdrawn.is_(False)).group_by(Insight.status)
        ).all()
    )
    replies = session.scalar(select(func.count()).select_from(Reply).join(Insight).where(visible)) or 0
    cursor = feed.make_cursor(feed.instance_id(session), feed.last_seq(session))
    return schema.Summary(
        cursor=cursor,
        insights=counts.get(False, 0),
        withdrawn=counts.get(True, 0),
        replies=replies,
        by_status=by_status,
        last_mutation=device.last_mutation,
    )
