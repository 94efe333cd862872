"""The "Similar insights" panel: the desktop hints' scorer (`similarity/`), over what the reader may see.

Candidates are the reader's visible originals that still stand (not withdrawn, not merged), the most
recent CANDIDATES of them, preferring the insight's own community and product area. Word weights (IDF) come
from those candidates, so a word common in the team's work counts little, as on the desktop where the
weights come from the rep's store. A panel therefore costs one query and, once the texts are analysed
(memoised by text), a few milliseconds of scoring.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from server.models import Community, Insight, User
from server.services.access import insight_condition
from similarity import MIN_WORDS, THRESHOLD, Analyzed, analyze_insight, overlap_score

CANDIDATES = 1_000
SHOWN = 5


@dataclass(frozen=True)
class Candidate:
    """Only what the panel shows: loading whole insights would also load their authors and communities."""

    id: str
    text: str
    status: str
    community_name: str
    customers: int
    reps: int


def for_insight(session: Session, reader: User, insight: Insight, limit: int = SHOWN) -> list[tuple[Candidate, float]]:
    """The visible insights most like this one (score >= THRESHOLD), best first."""
    target = analyze_insight(insight.text)
    if len(target.words) < MIN_WORDS:
        return []
    near = case(
        (Insight.community_id == insight.community_id, 0),
        (Insight.product_area_id == insight.product_area_id, 1),
        else_=2,
    )
    rows = [
        Candidate(*row)
        for row in session.execute(
            select(Insight.id, Insight.text, Insight.status, Community.name, Insight.customers, Insight.reps)
            .join(Community, Community.id == Insight.community_id)
            .where(
                insight_condition(reader),
                Insight.id != insight.id,
                Insight.withdrawn.is_(False),
                Insight.duplicate_of.is_(None),
            )
            .order_by(near, Insight.created_at.desc())
            .limit(CANDIDATES)
        )
    ]
    analysed = [(row, analyze_insight(row.text)) for row in rows]
    weight = _idf([a for _, a in analysed] + [target])
    scored = [(row, overlap_score(target, a, weight).score) for row, a in analysed]
    best = sorted((pair for pair in scored if pair[1] >= THRESHOLD), key=lambda pair: (-pair[1], pair[0].id))
    return best[:limit]


def _idf(texts: list[Analyzed]) -> Callable[[frozenset[str]], float]:
    """IDF of a word's most common stem over these texts (as desktop/store/similar.py weighs words)."""
    df: Counter[str] = Counter()
    for analysed in texts:
        df.update(analysed.stems)
    total = len(texts)

    def weight(stems: frozenset[str]) -> float:
        most = max((df[s] for s in stems), default=0)
        return math.log(1 + (total - most + 0.5) / (most + 0.5))

    return weight
