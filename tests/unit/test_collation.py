"""Lists sorted by name follow the Latvian alphabet (LVS 24:1993, CLDR's `lv` since CLDR 45)."""

import random

from kopienu_zinas.common.collation import latvian_key

#: LVS 24:1993's letter order, with q, w, x, y and the older ō, ŗ in their places.
LETTERS = ["a", "ā", "b", "c", "č", "d", "e", "ē", "f", "g", "ģ", "h", "i", "y", "ī", "j", "k", "ķ", "l",
           "ļ", "m", "n", "ņ", "o", "ō", "p", "q", "r", "ŗ", "s", "š", "t", "u", "ū", "v", "w", "x", "z", "ž"]


def test_every_letter_has_its_place_whatever_the_input_order() -> None:
    shuffled = LETTERS[::-1]
    random.Random(5).shuffle(shuffled)
    assert sorted(shuffled, key=latvian_key) == LETTERS
    capitals = [letter.upper() for letter in shuffled]
    assert sorted(capitals, key=latvian_key) == [letter.upper() for letter in LETTERS]


def test_q_w_x_y_sort_in_their_places_not_after_z() -> None:
    words = ["zivs", "xilofons", "wifi", "vējš", "quiz", "pūce", "rūķis", "Yoga", "ieva", "īss",
             "žagata"]
    assert sorted(words, key=latvian_key) == [
        "ieva", "Yoga", "īss", "pūce", "quiz", "rūķis", "vējš", "wifi", "xilofons", "zivs",
        "žagata"]


def test_latvian_letters_follow_their_base_letters() -> None:
    words = ["žurnāls", "zivs", "šķūnis", "sala", "čells", "cukurs", "ābele", "auns", "Ņuja",
             "nams"]
    assert sorted(words, key=latvian_key) == [
        "auns", "ābele", "cukurs", "čells", "nams", "Ņuja", "sala", "šķūnis", "zivs", "žurnāls",
    ]


def test_long_vowels_are_letters_of_their_own() -> None:
    assert sorted(["eža", "ēna", "ezers", "ena"], key=latvian_key) == ["ena", "ezers", "eža", "ēna"]


def test_case_and_foreign_accents_only_break_ties() -> None:
    assert sorted(["Ābele", "ābele", "Auns"], key=latvian_key) == ["Auns", "ābele", "Ābele"]
    assert sorted(["ezers", "éclair", "Ecē", "ēka"], key=latvian_key) == [
        "Ecē", "éclair", "ezers", "ēka"]
    assert sorted(["école", "Ecole", "ecolf", "ecole"], key=latvian_key) == [
        "ecole", "Ecole", "école", "ecolf"]


def test_spaces_and_digits_come_before_letters() -> None:
    assert sorted(["a b", "ab", "2. posms", "10 gadi", "Ābele"], key=latvian_key) == [
        "10 gadi", "2. posms", "a b", "ab", "Ābele"]
