"""Signing a device in and out, and building the sync service for the signed-in account."""

from __future__ import annotations

import ipaddress
import logging
import platform
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from desktop.errors import InvalidInput, PalauteError
from desktop.language import _, n_
from desktop.store import Store
from desktop.sync.client import ApiClient, refresh_token_of
from desktop.sync.credentials import Auth, Credentials, Vault
from desktop.sync.errors import SignInRequired
from desktop.sync.http import Cancel, make_session
from desktop.sync.identity import Identity
from desktop.sync.service import SyncService
from desktop.sync.status import Callbacks
from protocol import schema

if TYPE_CHECKING:
    from desktop.sync.proof import DeviceKey

log = logging.getLogger(__name__)


def check_server_url(url: str) -> str:
    """https:// always; plain http:// only to this machine itself (the demo server, tests)."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(
            _("“{url}” is not a server address. Use the form https://palaute.example.com").format(url=url)
        )
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise InvalidInput(
            _(
                "The server address must start with https:// so that your sign-in and notes travel "
                "encrypted. Plain http:// is allowed only for a server on this computer."
            )
        )
    return url


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def device_name() -> str:
    return f"Palaute on {platform.node() or 'this computer'}"


def identity_of(store: Store, vault: Vault) -> Identity:
    return Identity(store.sync, vault, device_name())


def client_for(store: Store, vault: Vault, *, server_url: str | None = None, auth: Auth | None = None) -> ApiClient:
    url = server_url or (auth.server_url if auth is not None else store.sync.meta("server_url")) or ""
    session = make_session(store.settings.get("ca_bundle") or None)
    return ApiClient(url, session, auth, identity=identity_of(store, vault))


class SignInCancelled(PalauteError):
    """The person cancelled a sign-in while it waited on the server: nothing was signed in."""


def cancelled_text() -> str:
    return _("The sign-in was cancelled. Nothing changed on this computer.")


def _cancelled() -> SignInCancelled:
    return SignInCancelled(cancelled_text())


def sign_in(
    store: Store, vault: Vault, server_url: str, username: str, password: str, *, cancelled: Cancel | None = None
) -> schema.TokenPair:
    """Sign this data folder in as a new device with a new key (kept in the keyring with its refresh token).

    `cancelled` (set from the sign-in dialog) ends the wait for the server at once. Once the server's answer is
    in and the folder is taking it (`adopt_sign_in`, which touches only the keyring and the store before its
    best-effort calls), the sign-in finishes: a half-adopted sign-in would be worse than a late one."""
    from desktop.sync.proof import DeviceKey

    url = check_server_url(server_url)
    check_unsent(store, url, username)
    key = DeviceKey.generate()
    client = client_for(store, vault, server_url=url)
    if cancelled is not None:
        cancelled.watch(client.session)
    pair = unless_cancelled(lambda: client.login(username, password, device_name(), key), cancelled, _cancelled)
    if cancelled is not None and cancelled.is_set():  # the answer came as the person cancelled: left unused
        forget_new_device(store, url, pair, key)
        raise _cancelled()
    return adopt_sign_in(store, vault, url, pair, key)


def unless_cancelled(
    call: Callable[[], Any], cancelled: threading.Event | None, error: Callable[[], PalauteError]
) -> Any:
    """`call`'s answer; `error()` instead when `cancelled` was set meanwhile: a request cut by the Cancel fails
    as a lost connection, and the person should read what really happened."""
    try:
        return call()
    except PalauteError:
        if cancelled is not None and cancelled.is_set():
            raise error() from None
        raise


def forget_new_device(store: Store, server_url: str, pair: schema.TokenPair, key: DeviceKey) -> None:
    """Revoke a device a sign-in made and then did not use (best effort: its tokens expire unused otherwise).
    On a session of its own: a cancelled sign-in's was cut."""
    try:
        with make_session(store.settings.get("ca_bundle") or None) as session:
            ApiClient(server_url, session, _auth_of(server_url, pair, key)).logout()
    except PalauteError as error:
        log.info("Could not revoke the unused device %s: %s", pair.device_id, error)


def _auth_of(url: str, pair: schema.TokenPair, key: DeviceKey) -> Auth:
    """The new device's credentials (key and refresh token) with the access token the server gave with them."""
    credentials = Credentials(pair.device_id, url, pair.user.name, key.to_jwk(), refresh_token_of(pair))
    auth = Auth(credentials)
    auth.switch(credentials, pair.access_token, pair.access_expires_at)
    return auth


def sign_in_methods(store: Store, vault: Vault, server_url: str) -> schema.SignInMethods:
    """Which sign-ins the server offers (password, the organisation's, or both): the sign-in dialog shows
    only those."""
    url = check_server_url(server_url)
    return client_for(store, vault, server_url=url).sign_in_methods()


def check_unsent(store: Store, url: str, username: str) -> None:
    """Refuse to sign in as someone else while another user's changes wait to be sent."""
    previous = (store.sync.meta("server_url"), store.sync.meta("username"))
    waiting = store.sync.outbox_size()
    if previous[1] and previous != (url, username) and waiting:
        raise InvalidInput(
            n_(
                "{n} unsent change of {user} waits on this computer. Sign in as {user} "
                "first so it is sent under the right name (or export it with palaute export).",
                "{n} unsent changes of {user} wait on this computer. Sign in as {user} "
                "first so they are sent under the right name (or export them with palaute export).",
                waiting,
            ).format(n=waiting, user=previous[1])
        )


def adopt_sign_in(store: Store, vault: Vault, url: str, pair: schema.TokenPair, key: DeviceKey) -> schema.TokenPair:
    """Make a new device (password or single sign-on) this folder's own: keyring first, then the store; the
    folder's previous device is revoked."""
    previous = (store.sync.meta("server_url"), store.sync.meta("username"))
    auth = _auth_of(url, pair, key)
    former = identity_of(store, vault).load()
    vault.save(auth.credentials)  # before the store names the device: a crash in between leaves the old sign-in whole
    changed = previous != (url, pair.user.name)
    store.sync.set_meta(
        server_url=url,
        username=pair.user.name,
        role=pair.user.role,
        device_id=pair.device_id,
        **({"cursor": None} if changed else {}),
    )
    store.settings.set("server_url", url)
    client = client_for(store, vault, auth=auth)
    if former is not None and former.device_id != pair.device_id:
        _retire(client, former, vault)
    vault.forget_entry(f"{pair.user.name}@{url}")  # where protocol 1 kept its refresh token
    _take_communities(store, client)
    return pair


def _retire(client: ApiClient, former: Credentials, vault: Vault) -> None:
    """The folder's previous device: revoked on the server (best effort) and its keyring entry deleted."""
    try:
        ApiClient(former.server_url, client.session, Auth(former)).logout()
    except Exception as error:  # offline, or already refused: its tokens expire unused
        log.info("Could not revoke the previous device %s: %s", former.device_id, error)
    vault.delete(former.device_id)


def change_membership(store: Store, vault: Vault, slug: str, *, join: bool) -> None:
    """Join or leave an open community on the server, then refresh the local list.

    Only the list changes here: the next pull sees the new memberships in its answer and fetches the joined
    community's insights (or drops the left one's), so there is one code path for that whoever made the change.
    """
    client = resume(store, vault)
    if client is None:
        raise SignInRequired(_("Sign in to a Palaute server to join or leave communities (Settings → Server)."))
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
    """Sign this data folder out: forgotten here, then revoked on the server (best effort)."""
    revoke(forget_sign_in(store, vault))


def forget_sign_in(store: Store, vault: Vault) -> ApiClient | None:
    """The local half of signing out, which needs no network: the folder forgets its device and the keyring
    its secrets. Returns a client that still holds them in memory, for `revoke`: the app signs out at once and
    revokes in the background, since a server that does not answer would hold the sign-out for up to 35 s."""
    client = resume(store, vault)
    store.sync.set_meta(device_id=None)
    if client is not None and client.auth is not None:
        vault.delete(client.auth.device_id)
    return client


def revoke(client: ApiClient | None) -> None:
    """Revoke the device on the server, best effort: signing out must work offline too, and a device that is
    not revoked expires there by itself."""
    if client is None:
        return
    client.identity = None  # the folder has forgotten this device: a refusal must not look for another one there
    try:
        client.logout()
    except Exception as error:
        log.info("Could not revoke the device on the server: %s", error)


def resume(store: Store, vault: Vault) -> ApiClient | None:
    """A client for the folder's device (key and refresh token from the keyring), or None if not signed in."""
    credentials = identity_of(store, vault).load()
    return client_for(store, vault, auth=Auth(credentials)) if credentials is not None else None


def signed_in(store: Store, vault: Vault) -> bool:
    """True only if the folder names a device and the keyring holds its secrets (no network: a revocation on
    the server is noticed at the next sync, which then says signed out)."""
    return identity_of(store, vault).load() is not None


def build_service(store: Store, vault: Vault, callbacks: Callbacks | None = None, **kwargs: float) -> SyncService:
    """The running service for the saved sign-in; raises SignInRequired when there is none."""
    first = resume(store, vault)
    if first is None:
        raise SignInRequired(_("Sign in to a Palaute server to sync (Settings → Server)."))
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
