"""The HTTP session sync uses: TLS verified against the OS trust store (plus an optional CA bundle), never off."""

from __future__ import annotations

import logging
import platform
import ssl
from pathlib import Path

import requests
import truststore
from requests.adapters import HTTPAdapter

from desktop import APP_NAME, __version__

# urllib3 warns "Failed to parse headers" for an answer cut in its head; the client reports that itself, in
# words (ConnectionLost), so the warning would only add a second, technical line on the command line.
logging.getLogger("urllib3.connection").setLevel(logging.ERROR)


class _TrustStoreAdapter(HTTPAdapter):
    """Uses one SSLContext built from the operating system's trust store for every HTTPS connection.

    A company's own CA (installed by IT in the OS store) therefore works without configuration. Whatever
    `verify` says (requests honours REQUESTS_CA_BUNDLE and verify=False), certificates are required.
    """

    def __init__(self, context: ssl.SSLContext) -> None:
        self._context = context
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["ssl_context"] = self._context
        return super().init_poolmanager(*args, **kwargs)

    def build_connection_pool_key_attributes(self, request, verify, cert=None):  # type: ignore[no-untyped-def]
        host, pool = super().build_connection_pool_key_attributes(request, True, cert)
        pool.pop("ca_certs", None)
        pool.pop("ca_cert_dir", None)
        pool["ssl_context"] = self._context
        pool["cert_reqs"] = "CERT_REQUIRED"
        return host, pool


def tls_context(ca_bundle: str | Path | None = None) -> ssl.SSLContext:
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if ca_bundle:
        context.load_verify_locations(cafile=str(ca_bundle))
    return context


def make_session(ca_bundle: str | Path | None = None) -> requests.Session:
    session = requests.Session()
    adapter = _TrustStoreAdapter(tls_context(ca_bundle))
    session.mount("https://", adapter)
    session.headers["User-Agent"] = (
        f"{APP_NAME}/{__version__} ({platform.system()}; Python {platform.python_version()})"
    )
    session.headers["Accept"] = "application/json"
    return session
