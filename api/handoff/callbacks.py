"""Call-back phone numbers: checked, normalised and encrypted at rest (Fernet, AES-128-CBC + HMAC).

The number is the only personal data Rondkomen asks for on purpose, and only after consent. It
never reaches Rasa, a log or a chat message; only the counsellor who claimed the handoff sees it.
"""

from __future__ import annotations

import phonenumbers
from cryptography.fernet import Fernet, InvalidToken

_REGION = "NL"
_MAX_INPUT = 32


class InvalidPhoneNumber(ValueError):
    """Not a valid (Dutch or international) phone number."""


def normalise_phone(raw: str) -> str:
    """The number in E.164 (``+31612345678``); numbers without a country code are Dutch."""
    if len(raw) > _MAX_INPUT:
        raise InvalidPhoneNumber("too long")
    try:
        number = phonenumbers.parse(raw, _REGION)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneNumber("not a phone number") from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber("not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """How a counsellor reads it: national notation for Dutch numbers, else international."""
    number = phonenumbers.parse(e164, _REGION)
    if number.country_code == 31:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class PhoneVault:
    """Encrypts and decrypts call-back numbers with the key from the settings."""

    def __init__(self, key: str) -> None:
        self._fernet = Fernet(key.encode("ascii"))

    def encrypt(self, e164: str) -> str:
        return self._fernet.encrypt(e164.encode("ascii")).decode("ascii")

    def decrypt(self, token: str) -> str | None:
        """The number, or None when the key was rotated and the token cannot be read."""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("ascii")
        except InvalidToken:
            return None
