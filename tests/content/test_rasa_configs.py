"""The production and the offline Rasa config differ only in the spaCy model they load."""

from __future__ import annotations

from pathlib import Path

import yaml

BOT = Path(__file__).resolve().parents[2] / "bot"


def _load(name: str) -> dict[str, object]:
    data = yaml.safe_load((BOT / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_configs_are_the_same_apart_from_the_model() -> None:
    production = _load("config.yml")
    offline = _load("config.offline.yml")
    assert production["pipeline"][0] == {"name": "SpacyNLP", "model": "nl_core_news_md"}  # type: ignore[index]
    assert offline["pipeline"][0] == {"name": "SpacyNLP", "model": "nl_rondkomen_offline"}  # type: ignore[index]
    production["pipeline"] = production["pipeline"][1:]  # type: ignore[index]
    offline["pipeline"] = offline["pipeline"][1:]  # type: ignore[index]
    assert production == offline
