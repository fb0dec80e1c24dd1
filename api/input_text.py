"""Input checks shared by the routes (422 on failure).

Text typed by people is refused when it holds control characters.

NUL cannot be stored by PostgreSQL at all, lone surrogates cannot be encoded, and the other C0/C1
control characters have no place in a chat message. Tab, newline and carriage return are fine.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Path
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

CONTROL_CHARACTERS = "control_characters"
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def refuse_control_characters(value: str) -> str:
    if _FORBIDDEN.search(value):
        raise PydanticCustomError(CONTROL_CHARACTERS, "text contains control characters")
    return value


# Add to any str field: Annotated[str, Printable, ...].
Printable = AfterValidator(refuse_control_characters)
PrintableStr = Annotated[str, Printable]

# Ids and cursors in paths and queries: the database's INTEGER ends here (PostgreSQL answers a
# larger number with an error, not with "not found").
MAX_DB_INT = 2**31 - 1
DbId = Annotated[int, Path(ge=1, le=MAX_DB_INT)]
