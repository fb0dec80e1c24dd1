"""docker-compose.yml and the Kubernetes config, checked offline (Docker does not run here):
every setting they give the API is one it knows and accepts, every variable Rasa's Redis
endpoints read is set for each Rasa server, and the API's Rasa servers are the ones defined."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from cryptography.fernet import Fernet
from stack import SANIC_KEEP_ALIVE  # scripts/stack.py

from api.settings import Settings

ROOT = Path(__file__).resolve().parent.parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]
K8S_CONFIG = yaml.safe_load((ROOT / "deploy" / "k8s" / "10-config.yaml").read_text())["data"]
# ${NAME} in bot/endpoints.redis.yml: Rasa refuses to start when one is not set.
ENDPOINT_VARIABLES = set(
    re.findall(r"\$\{(\w+)\}", (ROOT / "bot" / "endpoints.redis.yml").read_text())
)
RASA_SERVICES = sorted(name for name in SERVICES if name.startswith("rasa"))
KNOWN_SETTINGS = {f"RONDKOMEN_{name.upper()}" for name in Settings.model_fields}


def _api_environment(environment: dict[str, str]) -> dict[str, str]:
    """The API's settings as the containers get them, with placeholders for the secrets."""
    values = {k: v for k, v in environment.items() if k.startswith("RONDKOMEN_")}
    for key, value in values.items():
        if "${" in value:  # a secret from the environment of `docker compose up`
            secret = Fernet.generate_key().decode() if "PHONE_KEY" in key else "x" * 32
            values[key] = re.sub(r"\$\{[^}]+\}", secret, value)
    return values


def _settings(environment: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Settings:
    for key, value in _api_environment(environment).items():
        monkeypatch.setenv(key, value)
    return Settings()


def test_every_api_setting_in_compose_is_known() -> None:
    assert set(_api_environment(SERVICES["api"]["environment"])) <= KNOWN_SETTINGS


def test_compose_api_settings_are_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(SERVICES["api"]["environment"], monkeypatch)
    assert settings.environment == "production"
    assert settings.database_url.startswith("postgresql+psycopg://")


def test_the_api_knows_every_rasa_server_and_only_those(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(SERVICES["api"]["environment"], monkeypatch)
    hosts = [urlsplit(url).hostname for url in settings.rasa_servers]
    assert sorted(hosts) == RASA_SERVICES
    assert len(RASA_SERVICES) >= 2
    assert set(SERVICES["api"]["depends_on"]) >= set(RASA_SERVICES)


@pytest.mark.parametrize("name", RASA_SERVICES)
def test_every_rasa_server_shares_redis_and_the_secrets(name: str) -> None:
    environment = SERVICES[name]["environment"]
    assert set(environment) >= ENDPOINT_VARIABLES
    assert environment["REDIS_HOST"] == "redis"
    assert "${RONDKOMEN_RASA_TOKEN" in environment["RONDKOMEN_RASA_TOKEN"]
    assert "${RONDKOMEN_RASA_CHANNEL_SECRET" in environment["RONDKOMEN_RASA_CHANNEL_SECRET"]
    assert SERVICES[name]["networks"] == ["backend"]
    assert "ports" not in SERVICES[name]


@pytest.mark.parametrize("name", [*RASA_SERVICES, "actions"])
def test_rasa_and_the_action_server_keep_connections_as_the_test_stack_does(name: str) -> None:
    """Longer than Rasa's pause while it loads a published model (see scripts/stack.py)."""
    assert SERVICES[name]["environment"].items() >= SANIC_KEEP_ALIVE.items()


def test_only_the_api_is_published() -> None:
    assert [name for name, service in SERVICES.items() if "ports" in service] == ["api"]
    assert COMPOSE["networks"]["backend"]["internal"] is True


def test_kubernetes_config_sets_what_rasa_and_the_api_read() -> None:
    assert set(K8S_CONFIG) >= ENDPOINT_VARIABLES
    assert {key for key in K8S_CONFIG if key.startswith("RONDKOMEN_")} <= KNOWN_SETTINGS
    assert K8S_CONFIG["REDIS_KEY_PREFIX"].isalnum()  # Rasa ignores any other prefix
    assert K8S_CONFIG.items() >= SANIC_KEEP_ALIVE.items()  # Rasa and the action server read it
    if "RONDKOMEN_RASA_URLS" in K8S_CONFIG:
        assert json.loads(K8S_CONFIG["RONDKOMEN_RASA_URLS"])
