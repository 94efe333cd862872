"""The weekly community digest from the server, kept in the store so it can be read offline."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.domain import utc_now
from desktop.errors import PalauteError
from desktop.language import _
from desktop.sync.errors import SignInRequired
from protocol import schema

if TYPE_CHECKING:
    from desktop.store.store import Store
    from desktop.sync.credentials import Vault

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FetchedDigest:
    digest: schema.Digest
    fetched_at: datetime
    offline_reason: str | None = None  # set when this is the copy kept from an earlier fetch


def fetch_digest(store: Store, vault: Vault, week: str | None, community: str | None = None) -> FetchedDigest:
    """Ask the server; if it cannot answer, the copy kept from the last successful fetch of that week."""
    from desktop.sync.account import resume

    key = f"digest:{week or 'current'}:{community or ''}"
    try:
        client = resume(store, vault)
        if client is None:
            raise SignInRequired(_("Sign in to a Palaute server to see the weekly digest (Settings → Server)."))
        digest = client.digest(week, community)
    except PalauteError as error:
        kept = store.sync.meta(key)
        if kept is None:
            raise
        saved = json.loads(kept)
        return FetchedDigest(
            schema.Digest.model_validate(saved["digest"]), datetime.fromisoformat(saved["at"]), error.user_message
        )
    now = utc_now()
    store.sync.set_meta(**{key: json.dumps({"at": now.isoformat(), "digest": digest.model_dump(mode="json")})})
    return FetchedDigest(digest, now)
