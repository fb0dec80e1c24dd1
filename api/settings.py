"""Settings for the API process, read from the environment (prefix ``RONDKOMEN_``).

One settings object per process, built by :func:`get_settings` and overridable in tests by
constructing :class:`Settings` directly and passing it to :func:`api.main.create_app`.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet
from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Values that must never reach production: they exist only so the embedded default starts.
_DEV_SECRET = "dev-only-not-secret"
# A valid Fernet key (base64 of 32 bytes) that is public, so refused in production like the rest.
_DEV_FERNET_KEY = "ZGV2LW9ubHktbm90LXNlY3JldC1kZXYtb25seS1ub3Q="
# `make run` writes generated keys here (one file per setting, mode 0600); read when present.
SECRETS_DIR = PROJECT_ROOT / "var" / "secrets"
_HOW_TO_SET = "`make run` generates them into var/secrets/; in production set the variable"


class Settings(BaseSettings):
    """Validated configuration of the API process."""

    model_config = SettingsConfigDict(env_prefix="RONDKOMEN_", env_file=None, extra="ignore")

    environment: str = Field(default="development", pattern="^(development|test|production)$")
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'rondkomen.db'}"
    auto_migrate: bool = True

    rasa_url: str = "http://127.0.0.1:5005"
    # Several Rasa servers sharing trackers and conversation locks in Redis
    # (bot/endpoints.redis.yml), so any of them can take any turn: the API spreads turns over
    # them (docs/scaling.md). JSON: RONDKOMEN_RASA_URLS='["http://rasa-1:5005","http://rasa-2:5005"]'.
    # Empty: the one server in rasa_url.
    rasa_urls: list[str] = Field(default_factory=list)
    rasa_token: str = _DEV_SECRET
    action_server_url: str = "http://127.0.0.1:5055"
    rasa_timeout_seconds: float = 30.0
    # The editors' workspace (issue 14): published versions, the live link, builds.
    content_workspace: Path = PROJECT_ROOT / "var" / "content"
    # Version 1 of the workspace is the repository's files with this model.
    content_base_model: Path = PROJECT_ROOT / "var" / "models" / "current.tar.gz"
    # The API's address as the Rasa servers reach it (e.g. http://api:8000), when they run on
    # other hosts without the workspace's disk: they then fetch a published version's model from
    # GET /internal/models/<n>.tar.gz with rasa_token. None: they read the model file directly.
    content_model_url: str | None = None
    # The Rasa environment's Python: publishing validates, trains and tests with it.
    rasa_python: Path = PROJECT_ROOT / ".venv-rasa" / "bin" / "python"

    # The municipalities served are data: benefits_rules/data/deployment.yaml (each has its
    # folder data/municipalities/<key>/). The rule data folder: RONDKOMEN_RULES_DIR, which
    # benefits_rules itself reads too, so every process reads the same; None: the live content
    # root's (follows a publish). Tests point it at a changed copy (e.g. a second municipality).
    rules_dir: Path | None = None
    # RONDKOMEN_MUNICIPALITY picked the one municipality served before one installation served
    # several; deployment.yaml lists them now. Still set, it only gets a warning at start-up.
    retired_municipality: str | None = Field(
        default=None, validation_alias="RONDKOMEN_MUNICIPALITY"
    )
    widget_dir: Path = PROJECT_ROOT / "web_widget"
    # Sites on another origin that embed the widget (CORS), e.g. ["https://www.heerlen.nl"].
    # Set as JSON: RONDKOMEN_WIDGET_ORIGINS='["https://www.heerlen.nl"]'.
    widget_origins: list[str] = Field(default_factory=list)

    session_idle_minutes: int = Field(default=30, ge=1, le=24 * 60)
    max_message_chars: int = Field(default=2000, ge=1)

    secret_key: str = _DEV_SECRET

    # Warm handoff (issue 5) and the counsellors' inbox.
    # Fernet key for call-back phone numbers at rest: `python -c "from cryptography.fernet import
    # Fernet; print(Fernet.generate_key().decode())"`.
    callback_phone_key: str = _DEV_FERNET_KEY
    handoff_retention_days: int = Field(default=30, ge=1, le=3650)
    callback_retention_days: int = Field(default=14, ge=1, le=14)
    # A counsellor counts as online while the toggle is on and a page was seen this recently.
    counsellor_presence_seconds: int = Field(default=120, ge=10)
    counsellor_session_hours: int = Field(default=8, ge=1, le=24)
    # A login also ends after this long without the counsellor doing anything (polling by the
    # page's script does not count).
    counsellor_idle_minutes: int = Field(default=30, ge=1, le=24 * 60)
    # Login throttling (api/auth/throttle.py): a few free attempts, then growing delays per
    # account (short cap: nobody can lock a counsellor out) and per client address (long cap).
    login_account_free_attempts: int = Field(default=5, ge=1)
    login_account_max_delay_seconds: int = Field(default=60, ge=1)
    login_address_free_attempts: int = Field(default=20, ge=1)
    login_address_max_delay_seconds: int = Field(default=900, ge=1)
    # Abuse limits per client address (api/limits.py), counted in the database so they hold
    # across API workers. 0 switches a limit off.
    sessions_per_hour: int = Field(default=60, ge=0)
    messages_per_minute: int = Field(default=40, ge=0)
    handoff_actions_per_minute: int = Field(default=40, ge=0)
    callbacks_per_number_per_day: int = Field(default=3, ge=0)
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    # A resident message whose intent confidence is below this is kept for the editors' review
    # ("niet begrepen"; only where the municipality keeps such messages). The NLU's own fallback
    # threshold is 0.5 (bot/config.yml).
    not_understood_confidence: float = Field(default=0.6, ge=0.0, le=1.0)
    # Shared secret between the API and Rasa's input channel (bot/channels.py).
    rasa_channel_secret: str = _DEV_SECRET
    # Only for local development over plain http on a host other than localhost.
    cookie_secure: bool = True

    @property
    def session_idle(self) -> timedelta:
        """How long a conversation may be idle before it is deleted everywhere."""
        return timedelta(minutes=self.session_idle_minutes)

    @property
    def rasa_servers(self) -> list[str]:
        """Every Rasa server the API may send a turn to (rasa_urls, else rasa_url)."""
        return list(self.rasa_urls) or [self.rasa_url]

    @field_validator("rasa_urls")
    @classmethod
    def _http_urls(cls, value: list[str]) -> list[str]:
        for url in value:
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"not an http(s) URL: {url!r}")
        if len(set(value)) != len(value):
            raise ValueError("a Rasa server is listed twice")
        return value

    @field_validator("database_url")
    @classmethod
    def _normalise_postgres_url(cls, value: str) -> str:
        # Accept the common postgres:// spelling and use the psycopg 3 driver.
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix) :]
        return value

    @property
    def counsellor_idle(self) -> timedelta:
        return timedelta(minutes=self.counsellor_idle_minutes)

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Settings:
        # The public development values only ever work in the test suite: `make run` writes
        # its own keys to var/secrets/ (scripts/stack.py), production sets them.
        if self.environment != "test":
            for name in ("rasa_token", "secret_key", "rasa_channel_secret"):
                if getattr(self, name) == _DEV_SECRET:
                    raise ValueError(f"RONDKOMEN_{name.upper()} must be set ({_HOW_TO_SET})")
            if self.callback_phone_key == _DEV_FERNET_KEY:
                raise ValueError(f"RONDKOMEN_CALLBACK_PHONE_KEY must be set ({_HOW_TO_SET})")
        if self.environment == "production" and not self.cookie_secure:
            raise ValueError("RONDKOMEN_COOKIE_SECURE must be true in production")
        return self

    @field_validator("callback_phone_key")
    @classmethod
    def _valid_fernet_key(cls, value: str) -> str:
        try:
            Fernet(value.encode("ascii"))
        except (ValueError, UnicodeEncodeError) as exc:
            raise ValueError("must be a Fernet key (url-safe base64 of 32 bytes)") from exc
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment (and var/secrets/ when it
    exists; the environment wins)."""
    if SECRETS_DIR.is_dir():
        return Settings(_secrets_dir=SECRETS_DIR)
    return Settings()
