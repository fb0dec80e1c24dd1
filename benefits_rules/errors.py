"""Exceptions raised by the benefits rules package."""

from __future__ import annotations


class InvalidHousehold(ValueError):
    """A household fact has the wrong type or an impossible value.

    ``field`` names the household key (dotted for nested values, e.g. ``children[1].age``);
    ``str(exc)`` is a one-line message that starts with that field.
    """

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class RuleDataError(ValueError):
    """A rule file is broken. The message names the file, the line and the field."""

    def __init__(self, file: str, line: int | None, field: str, problem: str) -> None:
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {field}: {problem}")


class UnknownScheme(ValueError):
    """A scheme key was requested that no rule file defines."""

    def __init__(self, scheme: str, known: tuple[str, ...]) -> None:
        self.scheme = scheme
        super().__init__(f"unknown scheme {scheme!r}; known: {', '.join(known)}")


class UnknownMunicipality(ValueError):
    """A municipality was asked for that has no folder in the rule data."""

    def __init__(self, key: str, known: tuple[str, ...]) -> None:
        self.key = key
        super().__init__(f"unknown municipality {key!r}; known: {', '.join(known)}")
