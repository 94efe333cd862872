"""Signing a device in and out, and building the sync service for the signed-in account."""

from __future__ import annotations

import ipaddress
import logging
import platform
from urllib.parse import urlsplit

from desktop.errors import InvalidInput, PalauteError
from desktop.store import Store
from desktop.sync.client import ApiClient
from desktop.sync.credentials import Auth, Vault
from desktop.sync.errors import SignInRequired
from desktop.sync.http import make_session
from desktop.sync.service import Callbacks, SyncService
from protocol import schema

log = logging.getLogger(__name__)


def check_server_url(url: str) -> str:
    """https:// always; plain http:// only to this machine itself (the demo server, tests)."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(f"“{url}” is not a server address. Use the form https://palaute.example.com")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise InvalidInput(
            "The server address must start with https:// so that your sign-in and notes travel "
            "encrypted. Plain http:// is allowed only for a server on this computer."
        )
    return url


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def client_for(
    store: Store, vault: Vault, *, server_url: str | None = None, username: str | None = None, auth: Auth | None = None
) -> ApiClient:
    url = server_url or store.sync.meta("server_url") or ""
    user = username or store.sync.meta("username") or ""
    auth = auth or Auth(url, user, vault)
    return ApiClient(auth, make_session(store.settings.get("ca_bundle") or None))


def sign_in(store: Store, vault: Vault, server_url: str, username: str, password: str) -> schema.TokenPair:
    url = check_server_url(server_url)
    previous = (store.sync.meta("server_url"), store.sync.meta("username"))
    waiting = store.sync.outbox_size()
    if previous[1] and previous != (url, username) and waiting:
        raise InvalidInput(
            f"{waiting} unsent changes of {previous[1]} wait on this computer. Sign in as {previous[1]} "
            "first so they are sent under the right name (or export them with palaute export)."
        )
    client = client_for(store, vault, server_url=url, username=username)
    pair = client.login(username, password, device_name=f"Palaute on {platform.node() or 'this computer'}")
    changed = previous != (url, pair.user.name)
    store.sync.set_meta(
        server_url=url,
        username=pair.user.name,
        role=pair.user.role,
        device_id=pair.device_id,
        **({"cursor": None} if changed else {}),
    )
    store.settings.set("server_url", url)
    _take_communities(store, client)
    return pair


def change_membership(store: Store, vault: Vault, slug: str, *, join: bool) -> None:
    """Join or leave an open community on the server, then refresh the local list (issue 8).

    Only the list changes here: the next pull sees the new memberships in its answer and fetches the joined
    community's insights (or drops the left one's), so there is one code path for that whoever made the change.
    """
    client = resume(store, vault)
    if client is None:
        raise SignInRequired("Sign in to a Palaute server to join or leave communities (Settings → Server).")
    if join:
        client.join_community(slug)
    else:
        client.leave_community(slug)
    _take_communities(store, client)


def _take_communities(store: Store, client: ApiClient) -> None:
    """The server's communities, so the first capture can use them; sync keeps them current afterwards."""
    try:
        store.replace_communities([c.model_dump() for c in client.communities()])
    except PalauteError as error:  # signed in all the same: the next sync tries again
        log.warning("Could not fetch the communities after signing in: %s", error.user_message)


def sign_out(store: Store, vault: Vault) -> None:
    client = resume(store, vault)
    if client is not None:
        try:
            client.logout()
        except Exception:  # signing out locally must work offline too; the server side expires by itself
            client.auth.forget()
    store.sync.set_meta(device_id=None)


def resume(store: Store, vault: Vault) -> ApiClient | None:
    """A client for the saved sign-in (refresh token from the keyring), or None if not signed in."""
    device_id = store.sync.meta("device_id")
    if not device_id or not store.sync.meta("server_url"):
        return None
    client = client_for(store, vault)
    return client if client.resume(device_id) else None


def build_service(store: Store, vault: Vault, callbacks: Callbacks | None = None, **kwargs: float) -> SyncService:
    """The running service for the saved sign-in; raises SignInRequired when there is none."""
    first = resume(store, vault)
    if first is None:
        raise SignInRequired("Sign in to a Palaute server to sync (Settings → Server).")
    return service_for(store, vault, first, callbacks, **kwargs)


def service_for(
    store: Store, vault: Vault, first: ApiClient, callbacks: Callbacks | None = None, **kwargs: float
) -> SyncService:
    """The service around a resumed client (split from build_service so the keyring look-up can run alone)."""
    clients: list[ApiClient] = [first]

    def make_client() -> ApiClient:
        # The first loop takes the resumed client; the second gets its own HTTP session on the same Auth.
        return clients.pop() if clients else client_for(store, vault, auth=first.auth)

    return SyncService(store.sync, make_client, callbacks, **kwargs)
