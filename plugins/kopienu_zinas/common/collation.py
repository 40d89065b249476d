"""Latvian alphabetical order without ICU.

č ģ ķ ļ ņ š ž are letters of their own after c g k l n s z; ā ē ī ū sort with a e i u
(they only break ties). Python's plain sort would put all of them after z.
"""

from __future__ import annotations

_ALPHABET = "aābcčdeēfgģhiījkķlļmnņoprsštuūvzž"
_BASE = {"ā": "a", "ē": "e", "ī": "i", "ū": "u"}
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}


def _primary(char: str) -> tuple[int, str]:
    char = _BASE.get(char, char)
    if char in _RANK:
        return (1, f"{_RANK[char]:03d}")
    return (0, char) if not char.isalpha() else (2, char)


def latvian_key(text: str) -> tuple[tuple[tuple[int, str], ...], str]:
    """Sort key: Latvian letter order first, then the long vowels and case as tie-breakers."""
    folded = text.casefold()
    return tuple(_primary(c) for c in folded), folded
