"""Server settings, read from arguments and PALAUTE_SERVER_* environment variables, with safe defaults."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from privacy.files import private_dir

DEV_SECRET = "insecure-development-secret"


def default_data_dir() -> Path:
    return Path(os.environ.get("PALAUTE_SERVER_DATA_DIR") or Path.home() / ".local/share/palaute-server")


class InsecureSettings(ValueError):
    """Settings that are fine on a developer's machine but refused in production."""


class Settings(BaseSettings):
    """Everything the server can be told; one place for names and defaults."""

    model_config = SettingsConfigDict(env_prefix="PALAUTE_SERVER_", extra="forbid")

    environment: Literal["development", "production"] = "development"
    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = None  # default: SQLite in data_dir
    secret_key: str = DEV_SECRET  # signs web sessions and CSRF tokens
    cookie_secure: bool = False  # production requires HTTPS cookies (TLS at the reverse proxy)
    access_token_minutes: float = 15.0
    refresh_token_days: float = 90.0
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    # Rate limits per device (API) or per user name + address (sign-in), as requests per minute.
    push_per_minute: int = 600
    pull_per_minute: int = 600
    api_per_minute: int = 1200
    login_per_minute: int = 10
    long_poll_max_seconds: float = 25.0
    feed_watch_interval: float = 0.05  # SQLite: how often each process looks at the feed counter
    # Addresses whose X-Forwarded-For/-Proto are believed: the reverse proxy or load balancer (comma-separated).
    forwarded_allow_ips: str = "127.0.0.1"
    log_level: str = "INFO"
    # Password sign-in (API and web page); turn off once everyone signs in with the organisation's provider.
    password_sign_in: bool = True
    # Single sign-on with OpenID Connect (docs/deploy.md); off unless an issuer is set.
    oidc_issuer: str | None = None  # e.g. https://login.microsoftonline.com/<tenant id>/v2.0
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_scopes: str = "openid profile email"
    oidc_provider_name: str = "your organisation"  # "Sign in with <this>"
    oidc_username_claim: str = "preferred_username"  # the Palaute user name of a new account
    oidc_groups_claim: str = "groups"
    # "group=role:product; cs-payments=community:payments; ..." (server/sso/groups.py)
    oidc_group_map: str = ""
    # How long the groups last read at the provider are trusted when they cannot be read again: every refresh
    # asks the provider (with its refresh token) for the current groups; while it does not answer, or for a
    # device it gave no refresh token, access goes on on the last answer for this long (a working day).
    oidc_max_age_hours: float = 12.0

    @model_validator(mode="after")
    def _sso_complete(self) -> Settings:
        if self.oidc_issuer and not (self.oidc_client_id and self.oidc_group_map.strip()):
            raise ValueError(
                "PALAUTE_SERVER_OIDC_ISSUER needs PALAUTE_SERVER_OIDC_CLIENT_ID and PALAUTE_SERVER_OIDC_GROUP_MAP"
            )
        if not self.password_sign_in and not self.oidc_issuer:
            raise ValueError("PALAUTE_SERVER_PASSWORD_SIGN_IN=false needs single sign-on (PALAUTE_SERVER_OIDC_ISSUER)")
        if self.oidc_group_map.strip():
            from server.group_map import GroupMap  # checks the map's syntax at start, not at the first sign-in

            GroupMap.parse(self.oidc_group_map)
        return self

    @property
    def sso_enabled(self) -> bool:
        return bool(self.oidc_issuer)

    # The product page's address as people reach it: links in webhook payloads and chat messages.
    public_url: str = "http://127.0.0.1:8765"
    # The key that encrypts the secrets kept in the database (server/sealed.py): outbound webhooks' signing
    # secrets (docs/integrations.md) and the OpenID provider's refresh tokens. Default: derived from
    # secret_key; changing it makes stored secrets unreadable (webhooks must be added again, single sign-on
    # devices sign in again).
    webhook_key: str | None = None
    # Where webhooks are delivered from (docs/integrations.md): "process" — `palaute-server serve` starts one
    # delivery process of its own, at a lower OS priority, and the web workers deliver nothing; "thread" — a
    # thread in each process that builds the app (tests' in-process apps); "off" — nowhere here (another host
    # or container runs `palaute-server deliver`). `true`/`false` are read as "process"/"off".
    webhook_delivery: Literal["process", "thread", "off"] = "process"
    # How much lower the delivery process's priority is (POSIX nice increment): 19, the lowest, so pushes keep
    # their rate beside it (docs/integrations.md has the figures); lower it to trade push rate for burst lag.
    webhook_delivery_nice: int = 19
    webhook_timeout: float = 10.0  # seconds per attempt
    webhook_backoff_base: float = 5.0  # first retry after about this many seconds, doubling (with jitter)
    webhook_backoff_cap: float = 3600.0
    webhook_retry_hours: float = 72.0  # then the message is dropped and its endpoint disabled
    # Deliveries in flight per delivery process (connections per endpoint at most this); `serve` runs one.
    webhook_concurrency: int = 16
    webhook_poll_interval: float = 0.5  # how often to look for due retries (and, in a thread, others' work)
    # SQLite: how often the delivery process looks whether another process committed (PostgreSQL: NOTIFY).
    webhook_watch_interval: float = 0.05
    # The analytics roll-up is recounted in the background after each change (server/recount.py); this is
    # how often each process also looks for changes committed by other processes (admin commands).
    analytics_recount: bool = True  # run the recount thread in this process
    analytics_recount_interval: float = 2.0
    # Inbound tracker hooks: Jira's HMAC secret, Azure DevOps' basic-auth password; unset refuses the hook.
    jira_webhook_secret: str | None = None
    azure_devops_webhook_secret: str | None = None
    # Tracker status (Jira status category key, or Azure DevOps state / state category, lower case) ->
    # insight status, as JSON; merged over the defaults in services/trackers.py.
    tracker_status_map: dict[str, str] = Field(default_factory=dict)

    @field_validator("webhook_delivery", mode="before")
    @classmethod
    def _delivery_from_bool(cls, value: object) -> object:
        """The setting was a yes/no before it said where: yes was a thread in every worker, now the process."""
        spelled = str(value).strip().lower()
        if spelled in ("true", "1", "yes", "on"):
            return "process"
        if spelled in ("false", "0", "no"):
            return "off"
        return value

    @model_validator(mode="after")
    def _refuse_insecure(self) -> Settings:
        if self.environment != "production":
            return self
        problems = []
        if self.secret_key == DEV_SECRET or len(self.secret_key) < 32:
            problems.append("PALAUTE_SERVER_SECRET_KEY must be set to a random value of at least 32 characters")
        # Its SHA-256 is the key of every sealed secret: a short one is guessed offline from a database copy.
        if self.webhook_key is not None and len(self.webhook_key) < 32:
            problems.append("PALAUTE_SERVER_WEBHOOK_KEY, when set, must be a random value of at least 32 characters")
        if not self.cookie_secure:
            problems.append("PALAUTE_SERVER_COOKIE_SECURE must be true (serve behind HTTPS)")
        if self.argon2_time_cost < 2 or self.argon2_memory_kib < 19456:
            problems.append("argon2 cost below the OWASP minimum (t=2, m=19 MiB)")
        if self.oidc_issuer and not self.oidc_issuer.startswith("https://"):
            problems.append("PALAUTE_SERVER_OIDC_ISSUER must be an https:// address")
        if problems:
            raise InsecureSettings("refusing insecure production settings: " + "; ".join(problems))
        return self

    @property
    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'palaute-server.sqlite3'}"

    @property
    def webhook_master_key(self) -> str:
        """The key of server/sealed.py (every stored secret, not only webhooks')."""
        return self.webhook_key or self.secret_key

    def with_dev_secret(self) -> Settings:
        """In development, replace the well-known secret with one kept in the data folder (shared by workers)."""
        if self.environment == "production" or self.secret_key != DEV_SECRET:
            return self
        private_dir(self.data_dir)
        path = self.data_dir / "secret_key"
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(32))
        return self.model_copy(update={"secret_key": path.read_text().strip()})
