"""``python -m benefits_rules``: see :mod:`benefits_rules.cli`."""

from __future__ import annotations

import os
import sys

from .cli import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:  # the reader stopped early (e.g. `| head`): no traceback
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 1
raise SystemExit(code)
