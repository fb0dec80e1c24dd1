"""``python -m benefits_rules``: see :mod:`benefits_rules.cli`."""

from __future__ import annotations

from .cli import main

raise SystemExit(main())
