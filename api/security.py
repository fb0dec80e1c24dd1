"""Tokens: random, unguessable, and stored only as a digest."""

from __future__ import annotations

import hashlib


def token_digest(token: str) -> str:
    """What is stored instead of a secret token (a resident's session, a counsellor's login):
    a copy of the database does not give access to anything."""
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()
