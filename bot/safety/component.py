"""Rasa NLU component after the classifiers: safety first, whatever the classifier says.

1. Crisis, violence and a bare "help" (bot/safety/overrides.yml) set the intent with
   confidence 1.0, also while the benefits check waits for an answer.
2. A question about a term the bot uses ("wat is kale huur?") becomes ``explain_term``.
3. The language: an entity ``language`` ("en"/"nl") when the message is clearly one of them
   (it fills the slot the answers depend on). An English message gets its intent from
   bot/safety/english.yml, because the classifier only knows Dutch.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety import language, patterns

FALLBACK_INTENT = "nlu_fallback"


def decide(text: str) -> tuple[str | None, str | None]:
    """The intent to force (or None: keep the classifier's) and the language (or None)."""
    lang = language.detect(text)
    forced = patterns.override_intent(text)
    if forced is None and patterns.asked_term(text) is not None:
        forced = "explain_term"
    if forced is None and lang == "en":
        forced = patterns.english_intent(text) or FALLBACK_INTENT
    return forced, lang


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyNet(GraphComponent, IntentClassifier):
    """Overrides the intent when a safety pattern matches; marks the message's language."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [IntentClassifier]

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyNet:
        # Fail at start-up, not at the first resident, when a pattern file is broken.
        patterns.override_groups()
        patterns.english_groups()
        patterns.terms()
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue  # a button payload names its intent itself
            forced, lang = decide(text)
            if forced is not None:
                intent = {"name": forced, "confidence": 1.0}
                message.set(INTENT, intent, add_to_output=True)
                ranking = [
                    r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != forced
                ]
                message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
            if lang is not None:
                entity = {
                    "entity": "language",
                    "value": lang,
                    "start": 0,
                    "end": len(text),
                    "confidence_entity": 1.0,
                    "extractor": "SafetyNet",
                }
                message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)
        return messages
