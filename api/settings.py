"""Settings for the API process, read from the environment (prefix ``RONDKOMEN_``).

One settings object per process, built by :func:`get_settings` and overridable in tests by
constructing :class:`Settings` directly and passing it to :func:`api.main.create_app`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Values that must never reach production: they exist only so the embedded default starts.
_DEV_SECRET = "dev-only-not-secret"


class Settings(BaseSettings):
    """Validated configuration of the API process."""

    model_config = SettingsConfigDict(env_prefix="RONDKOMEN_", env_file=None, extra="ignore")

    environment: str = Field(default="development", pattern="^(development|test|production)$")
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'rondkomen.db'}"
    auto_migrate: bool = True

    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: str = _DEV_SECRET
    action_server_url: str = "http://127.0.0.1:5055"
    rasa_timeout_seconds: float = 30.0
    # When Rasa keeps its trackers in Redis, the API also removes the key itself on delete.
    redis_url: str | None = None
    redis_tracker_prefix: str = "tracker:"

    municipality: str = "heerlen"
    municipalities_dir: Path = PROJECT_ROOT / "api" / "municipalities"
    widget_dir: Path = PROJECT_ROOT / "web_widget"

    session_idle_minutes: int = Field(default=30, ge=1, le=24 * 60)
    max_message_chars: int = Field(default=2000, ge=1)

    secret_key: str = _DEV_SECRET

    @field_validator("database_url")
    @classmethod
    def _normalise_postgres_url(cls, value: str) -> str:
        # Accept the common postgres:// spelling and use the psycopg 3 driver.
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix) :]
        return value

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Settings:
        if self.environment == "production":
            for name in ("rasa_token", "secret_key"):
                if getattr(self, name) == _DEV_SECRET:
                    raise ValueError(f"RONDKOMEN_{name.upper()} must be set in production")
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
