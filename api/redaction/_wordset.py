"""A compact, read-only set of many words."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable


class WordSet:
    """Membership test for a large fixed set of strings in about 8 bytes per entry.

    Holds the sorted 64-bit ``hash()`` of each string instead of the strings: a ``frozenset`` of the
    370,000 words and street names used here costs about 45 MB in every API worker, this about
    3 MB. Python's string hash is SipHash with a key drawn per process, so a wrong hit needs a
    64-bit collision: for these sizes about one in 10^13 lookups, and then only a word is taken for
    a street or a Dutch word.
    """

    __slots__ = ("_hashes",)

    def __init__(self, words: Iterable[str]) -> None:
        # Hash while reading, so the strings never all exist at once: the lists are read from
        # files line by line, and a short-lived peak of Python objects would stay in the RSS.
        ordered = sorted(array("q", (hash(w) for w in words)))
        self._hashes = array(
            "q", (h for i, h in enumerate(ordered) if i == 0 or h != ordered[i - 1])
        )

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        key = hash(word)
        i = bisect_left(self._hashes, key)
        return i < len(self._hashes) and self._hashes[i] == key

    def __len__(self) -> int:
        return len(self._hashes)
