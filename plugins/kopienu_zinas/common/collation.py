"""Latvian alphabetical order (LVS 24:1993), without ICU.

The order is the one CLDR's `lv` collation has followed since CLDR 45 (ICU 75), where it was
changed to the Latvian standard LVS 24:1993 (unicode-org/cldr pull request 3469):

    &A<ā &C<č &E<ē &G<ģ &I<y<ī &K<ķ &L<ļ &N<ņ &O<ō &R<ŗ &S<š &U<ū &Z<ž

so ā č ē ģ ī ķ ļ ņ š ū ž (and ō ŗ of older texts) are letters of their own after their base
letters, y sorts between i and ī, and q, w, x keep their Latin places (after p, v, w). A table
here instead of PyICU: the order must not depend on which ICU a machine has (Debian 12's ICU 72
still has the old dictionary order), and the site's output is byte-identical everywhere.

Like ICU, differences are weighed in three levels: letters first (spaces and punctuation, then
digits, then letters, then letters of other scripts), then accents on other Latin letters
(é sorts with e), then case (lowercase first).
"""

from __future__ import annotations

import unicodedata

ALPHABET = "aābcčdeēfgģhiyījkķlļmnņoōpqrŗsštuūvwxzž"
_RANK = {letter: index for index, letter in enumerate(ALPHABET)}

Weights = tuple[tuple[int, int], ...]


def _weights(char: str) -> tuple[tuple[int, int], int, int]:
    """(group, primary), secondary (accent), tertiary (case) of one character."""
    lower = char.lower()
    case = int(char != lower)
    if lower in _RANK:
        return (3, _RANK[lower]), 0, case
    decomposed = unicodedata.normalize("NFD", lower) or lower
    base, marks = decomposed[0], decomposed[1:]
    accent = sum(ord(mark) for mark in marks)
    if base in _RANK:
        return (3, _RANK[base]), accent, case
    if base.isdigit():
        return (2, unicodedata.digit(base, 0)), accent, case
    if base.isalpha():
        return (4, ord(base)), accent, case
    return (1, ord(base)), accent, case


def latvian_key(text: str) -> tuple[Weights, tuple[int, ...], tuple[int, ...]]:
    """Sort key in Latvian order: all letters first, then accents, then case."""
    weights = [_weights(char) for char in text]
    return (tuple(w[0] for w in weights), tuple(w[1] for w in weights),
            tuple(w[2] for w in weights))
