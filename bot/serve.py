"""Start the Rasa server with its API token from the environment, not from the command line.

``rasa run --auth-token TOKEN`` shows the token to every user of the machine (``ps``). This
launcher reads ``RONDKOMEN_RASA_TOKEN`` (or the file named by ``RONDKOMEN_RASA_TOKEN_FILE``) and
hands it to Rasa's own command line parser in-process; the process list shows only
``python -m bot.serve run ...``. All other arguments are passed on to ``rasa run``.

It also builds Rasa's check of the action server's answers once (see
``validate_action_answers_once``): most of a turn's CPU time went there (docs/performance.md).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any


def _token() -> str:
    path = os.environ.get("RONDKOMEN_RASA_TOKEN_FILE")
    token = Path(path).read_text(encoding="utf-8").strip() if path else ""
    token = token or os.environ.get("RONDKOMEN_RASA_TOKEN", "")
    if len(token) < 16:
        raise SystemExit("set RONDKOMEN_RASA_TOKEN (at least 16 characters) for Rasa's HTTP API")
    return token


def validate_action_answers_once() -> None:
    """Check every action server answer against Rasa's schema with a validator built once.

    Rasa 3.6 calls ``jsonschema.validate`` on each answer, and that first checks the (large,
    unchanging) events schema against the JSON Schema meta-schema: about 20 ms per action call.
    The same schema, checked once here; an invalid answer still goes to Rasa's own method, so
    it fails exactly as before, with Rasa's message.
    """
    from jsonschema import validators  # type: ignore[import-untyped]  # Rasa's own dependency
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    rasa_validate = RemoteAction._validate_action_result

    def validate(self: RemoteAction, result: dict[str, Any]) -> bool:
        return bool(validator.is_valid(result)) or bool(rasa_validate(self, result))

    RemoteAction._validate_action_result = validate


def main() -> None:
    from rasa.__main__ import main as rasa_main

    validate_action_answers_once()
    sys.argv = ["rasa", "run", *sys.argv[1:], "--enable-api", "--auth-token", _token()]
    rasa_main()


if __name__ == "__main__":
    main()
