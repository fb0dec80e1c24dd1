"""Start the Rasa server with its API token from the environment, not from the command line.

``rasa run --auth-token TOKEN`` shows the token to every user of the machine (``ps``). This
launcher reads ``RONDKOMEN_RASA_TOKEN`` (or the file named by ``RONDKOMEN_RASA_TOKEN_FILE``) and
hands it to Rasa's own command line parser in-process; the process list shows only
``python -m bot.serve run ...``. All other arguments are passed on to ``rasa run``.

Before Rasa starts it installs ``bot.speedups``: the same bot, less work per turn.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _token() -> str:
    path = os.environ.get("RONDKOMEN_RASA_TOKEN_FILE")
    token = Path(path).read_text(encoding="utf-8").strip() if path else ""
    token = token or os.environ.get("RONDKOMEN_RASA_TOKEN", "")
    if len(token) < 16:
        raise SystemExit("set RONDKOMEN_RASA_TOKEN (at least 16 characters) for Rasa's HTTP API")
    return token


def main() -> None:
    from rasa.__main__ import main as rasa_main

    from bot import speedups

    speedups.install()
    # One argument with "=": a token may start with "-", which argparse would take for an option.
    sys.argv = ["rasa", "run", *sys.argv[1:], "--enable-api", f"--auth-token={_token()}"]
    rasa_main()


if __name__ == "__main__":
    main()
