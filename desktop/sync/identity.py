"""This data folder's device: its id in the store, its key and refresh token in the keyring (one entry per device).

Several processes may use one data folder at once (the app, `palaute sync --once`, a second one). They agree
through the store, never through a lock held across a network call: a change of device is written only if the
store still names the device it replaces (`swap_meta`), and a process whose device was replaced by another
process takes the new one (`adopt`) instead of signing the user out.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from desktop.language import _
from desktop.sync.credentials import Auth, Credentials, Vault
from desktop.sync.errors import SignInRequired

if TYPE_CHECKING:
    from desktop.store.ledger import SyncLedger
    from desktop.sync.client import ApiClient
    from protocol import schema

log = logging.getLogger(__name__)


class Identity:
    def __init__(self, ledger: SyncLedger, vault: Vault, device_name: str) -> None:
        self.ledger = ledger
        self.vault = vault
        self.device_name = device_name

    def load(self) -> Credentials | None:
        """The folder's device and its secrets, or None when it is not signed in (no device, or no usable
        keyring entry for it, or an entry made for another server or user)."""
        device_id = self.ledger.meta("device_id")
        if not device_id:
            return None
        credentials = self.vault.load(device_id)
        if credentials is None:
            return None
        expected = (self.ledger.meta("server_url"), self.ledger.meta("username"))
        return credentials if (credentials.server_url, credentials.username) == expected else None

    def adopt(self, auth: Auth) -> bool:
        """Take the folder's device if another process has replaced the one `auth` holds; True if it did."""
        credentials = self.load()
        if credentials is None or credentials.device_id == auth.device_id:
            return False
        log.info("This data folder is now device %s (changed by another Palaute process)", credentials.device_id)
        auth.switch(credentials)
        return True

    def signed_out(self, auth: Auth) -> None:
        """The server refused the device: forget its secrets, and say so in the store unless another process
        has already put a new device there."""
        self.vault.delete(auth.device_id)
        self.ledger.swap_meta("device_id", auth.device_id, device_id=None)

    def renew(self, client: ApiClient, forked_device_id: str) -> None:
        """Register a new device because this one's change numbers were used already (a restored backup, a
        copied folder). The forked device is left alone: another copy of the folder may still be using it."""
        from desktop.sync.client import refresh_token_of
        from desktop.sync.proof import DeviceKey

        auth = client._signed_in()
        with auth.lock:
            if auth.device_id != forked_device_id or self.adopt(auth):
                return  # the other loop, or another process, has done it already
            key = DeviceKey.generate()
            pair = client.register_device(key, self.device_name)
            credentials = Credentials(
                pair.device_id, auth.server_url, auth.username, key.to_jwk(), refresh_token_of(pair)
            )
            self.vault.save(credentials)
            if not self.ledger.swap_meta("device_id", forked_device_id, device_id=pair.device_id):
                self._drop(client, credentials, pair)
                if not self.adopt(auth):
                    raise SignInRequired(_("Sign in to the Palaute server again (Settings → Server)."))
                return
            auth.switch(credentials, pair.access_token, pair.access_expires_at)
            log.warning(
                "This data folder's change numbers were already used on the server (a restored backup or a "
                "copied folder): it is now device %s, and what waits is sent again",
                pair.device_id,
            )

    def _drop(self, client: ApiClient, credentials: Credentials, pair: schema.TokenPair) -> None:
        """Another process changed the folder's device first: revoke the one just made (best effort)."""
        spare = Auth(credentials)
        spare.switch(credentials, pair.access_token, pair.access_expires_at)
        try:
            # A client of the same class on the same session, signed in as the spare device (the client module
            # imports this one, so its class is reached through the instance rather than imported).
            type(client)(credentials.server_url, client.session, spare).logout()
        except Exception as error:  # it expires unused anyway
            log.info("Could not revoke the spare device %s: %s", credentials.device_id, error)
        self.vault.delete(credentials.device_id)
