"""Lists sorted by name follow the Latvian alphabet."""

from kopienu_zinas.common.collation import latvian_key


def test_latvian_letters_follow_their_base_letters() -> None:
    words = ["žurnāls", "zivs", "šķūnis", "sala", "čells", "cukurs", "ābele", "auns", "Ņuja", "nams"]
    assert sorted(words, key=latvian_key) == [
        "ābele", "auns", "cukurs", "čells", "nams", "Ņuja", "sala", "šķūnis", "zivs", "žurnāls",
    ]


def test_long_vowels_only_break_ties() -> None:
    assert sorted(["eža", "ēna", "ezers", "ena"], key=latvian_key) == ["ena", "ēna", "ezers", "eža"]
