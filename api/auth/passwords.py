"""Password hashing with Argon2id (argon2-cffi's defaults: RFC 9106, low-memory profile)."""

from __future__ import annotations

import asyncio
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

from api.texts import text

MIN_PASSWORD_CHARS = 12
# zxcvbn's top score: more than 10^10 guesses, also counting common passwords, Dutch-looking
# words with digits, keyboard patterns, dates and the account's own words.
MIN_PASSWORD_SCORE = 4
_ZXCVBN_MAX_CHARS = 100  # zxcvbn gets slow on very long input; length alone is enough there

_hasher = PasswordHasher()


def password_problem(password: str, user_inputs: list[str]) -> str | None:
    """Why a new password is refused (Dutch, for the person choosing it), or None.

    ``user_inputs``: words from the account itself (username, municipality, the product name),
    which make a password guessable for anyone who knows whose it is.
    """
    if len(password) < MIN_PASSWORD_CHARS:
        return text("password_too_short", min_chars=MIN_PASSWORD_CHARS)
    if len(password) > _ZXCVBN_MAX_CHARS:
        return None
    result = zxcvbn(password, user_inputs=[word for word in user_inputs if word])
    if int(result["score"]) < MIN_PASSWORD_SCORE:
        return text("password_too_guessable")
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash("not a password of anyone")


def warm_up() -> None:
    """Make the dummy hash at start-up: else the first unknown username takes twice as long."""
    _dummy_hash()


async def verify_password_async(password_hash: str | None, password: str) -> bool:
    """Verify off the event loop; an unknown user costs as much time as a known one."""
    if password_hash is None:
        await asyncio.to_thread(verify_password, _dummy_hash(), password)
        return False
    return await asyncio.to_thread(verify_password, password_hash, password)
