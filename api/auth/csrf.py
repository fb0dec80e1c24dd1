"""CSRF tokens for every counsellor form.

After login each session has its own random token (stored with the session). The login form
itself has no session yet: it uses a random nonce in a SameSite=Strict cookie and, in the form,
an HMAC of that nonce with the secret key. Both are compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

FIELD = "csrf_token"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def matches(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())


def login_token(secret_key: str, nonce: str) -> str:
    """The form value that belongs to the nonce in the login cookie."""
    return hmac.new(secret_key.encode(), b"login:" + nonce.encode(), hashlib.sha256).hexdigest()


def login_token_valid(secret_key: str, nonce: str | None, given: str | None) -> bool:
    return bool(nonce) and matches(login_token(secret_key, nonce or ""), given)
