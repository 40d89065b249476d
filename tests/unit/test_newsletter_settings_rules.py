"""NEWSLETTER settings and the content check of introduction files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kopienu_zinas.common.settings import SettingsError
from kopienu_zinas.newsletter import register
from kopienu_zinas.newsletter.settings import DEFAULTS, SIGNUP_KEYS, NewsletterSettings, SignupForm
from tests.signals import registered
from tests.sitebuild import problems_in_file

SETTINGS = {"REGIONS": ["Sēlija", "Latgale", "Rēzekne"], "BUILD_DATE": "2024-06-15"}
INTRO = "---\ntitle: Ievads\nauthors: [Redakcija]\n---\nTeksts.\n"


def test_defaults_cover_every_field() -> None:
    options = NewsletterSettings.from_pelican({})
    assert options.path == "izdevums" and options.feed_items == 12
    assert options.issue_time == dt.time(8, 0) and options.editor_email is None
    assert set(DEFAULTS) - set(SIGNUP_KEYS) == set(NewsletterSettings.__dataclass_fields__) - {"signup"}
    assert options.signup is None  # no form unless the site owner sets one up


SIGNUP = {"signup_action": "https://lists.example.org/subscription/form",
          "signup_provider": "listmonk", "data_controller": "Biedrība X"}


def test_a_sign_up_form_with_repeated_hidden_fields() -> None:
    options = NewsletterSettings.from_pelican({"NEWSLETTER": {
        **SIGNUP, "signup_hidden": {"l": ["uuid-1", "uuid-2"], "nonce": ""}}})
    assert options.signup == SignupForm(
        action=SIGNUP["signup_action"], email_field="email",
        hidden=(("l", "uuid-1"), ("l", "uuid-2"), ("nonce", "")), provider="listmonk",
        controller="Biedrība X")


def assert_refused(error: BaseException, words: str) -> None:
    """`words` is "key'] what" (or one word the message has): the error names the key and says
    what in English, after the Latvian."""
    assert isinstance(error, SettingsError) and error.setting == "NEWSLETTER"
    key, marker, what = words.partition("'] ")
    if marker:
        assert error.key == key and what in error.what_en + ": " + error.detail
        assert str(error).startswith(f"NEWSLETTER['{key}']: e-pasta pieteikšanās iestatījums")
    else:
        assert words in str(error)


@pytest.mark.parametrize(("given", "words"), [
    ({"signup_action": "http://lists.example.org/form"}, "signup_action'] must be the provider's https://"),
    ({"signup_action": "lists.example.org/form"}, "signup_action"),
    ({"signup_action": "https:///form"}, "signup_action"),
    ({"signup_action": "https://lists.example.org/a form"}, "signup_action"),
    ({"signup_provider": None}, "signup_provider'] must name the e-mail service"),
    ({"data_controller": "  "}, "data_controller'] must name who answers"),
    ({"signup_email_field": "e mail"}, "signup_email_field"),
    ({"signup_hidden": ["embed"]}, "signup_hidden'] must be a dict"),
    ({"signup_hidden": {"embed": 1}}, "field 'embed' must be text"),
])
def test_bad_sign_up_settings_say_which_key_and_how(given: dict, words: str) -> None:
    with pytest.raises(ValueError, match=r"kopienu_zinas\.newsletter") as raised:
        NewsletterSettings.from_pelican({"NEWSLETTER": {**SIGNUP, **given}})
    assert_refused(raised.value, words)


#: What each provider's own embed code posts (docs/newsletter.md's table), as a site owner
#: fills in the settings from it.
MAILCHIMP = {"signup_action": "https://example.us21.list-manage.com/subscribe/post?u=0a1b&id=2c3d",
             "signup_email_field": "EMAIL", "signup_provider": "Mailchimp",
             "data_controller": "Biedrība X"}
BUTTONDOWN = {"signup_action": "https://buttondown.com/api/emails/embed-subscribe/kopienas",
              "signup_hidden": {"embed": "1"}, "signup_provider": "Buttondown",
              "data_controller": "Biedrība X"}
LISTMONK = {**SIGNUP, "signup_hidden": {"l": ["uuid-1"]}}


@pytest.mark.parametrize("given", [MAILCHIMP, BUTTONDOWN, LISTMONK,
                                   {**MAILCHIMP, "signup_hidden": {"b_0a1b_2c3d": ""}}])
def test_each_providers_documented_settings_make_a_form(given: dict) -> None:
    form = NewsletterSettings.from_pelican({"NEWSLETTER": given}).signup
    assert form is not None and form.action == given["signup_action"]


@pytest.mark.parametrize(("given", "words"), [
    # the action as it stands in Mailchimp's embed code (an HTML attribute): the form would
    # post to …&amp;amp;id=…, and Mailchimp would find no list
    ({**MAILCHIMP, "signup_action": "https://example.us21.list-manage.com/subscribe/post?u=0a1b&amp;id=2c3d"},
     "signup_action'] has '&amp;'"),
    ({**MAILCHIMP, "signup_email_field": "email"}, "signup_email_field'] must be 'EMAIL' for Mailchimp"),
    ({**MAILCHIMP, "signup_action": "https://example.us21.list-manage.com/subscribe/post?u=0a1b"},
     "lacks id in its query"),
    ({**MAILCHIMP, "signup_action": "https://example.us21.list-manage.com/subscribe/post-json?u=0a1b&id=2c3d"},
     "is not Mailchimp's sign-up form address"),
    ({**BUTTONDOWN, "signup_email_field": "EMAIL"}, "must be 'email' for Buttondown"),
    ({**BUTTONDOWN, "signup_action": "https://buttondown.com/kopienas"},
     "is not Buttondown's sign-up form address"),
    ({**LISTMONK, "signup_hidden": {"nonce": ""}}, "signup_hidden'] needs a 'l' field for listmonk"),
])
def test_settings_a_known_provider_would_reject_stop_the_build(given: dict, words: str) -> None:
    with pytest.raises(ValueError, match=r"kopienu_zinas\.newsletter") as raised:
        NewsletterSettings.from_pelican({"NEWSLETTER": given})
    assert_refused(raised.value, words)


def test_sign_up_keys_without_the_form_address_are_an_error() -> None:
    with pytest.raises(ValueError, match="signup_provider without 'signup_action'"):
        NewsletterSettings.from_pelican({"NEWSLETTER": {"signup_provider": "Buttondown"}})


@pytest.mark.parametrize(("given", "words"), [
    ({"feed_itmes": 3}, "unknown NEWSLETTER setting(s)): feed_itmes"),
    ({"issue_time": "8h"}, "issue_time"),
    ({"feed_items": 0}, "feed_items"),
    ({"editor_email": "redakcija"}, "editor_email"),
])
def test_bad_settings_name_the_plugin(given: dict, words: str) -> None:
    with pytest.raises(ValueError, match=r"kopienu_zinas\.newsletter") as error:
        NewsletterSettings.from_pelican({"NEWSLETTER": given})
    assert_refused(error.value, words)


def problems_for(tmp_path: Path, name: str, text: str = INTRO):
    with registered(register):
        return problems_in_file(tmp_path, name, text, SETTINGS)


@pytest.mark.parametrize("name", ["newsletter/2024-05.md", "newsletter/2024-06.md"])
def test_past_and_current_months_are_fine(tmp_path: Path, name: str) -> None:
    assert problems_for(tmp_path, name) == []


@pytest.mark.parametrize(("name", "words"), [
    ("newsletter/2024-13.md", "file name must be the month"),
    ("newsletter/maijs.md", "file name must be the month"),
    ("newsletter/2024/05.md", "file name must be the month"),
    ("newsletter/2024-07.md", "has not begun"),
    ("newsletter/0001-01.md", "month is before 1900"),
    ("newsletter/1899-12.md", "month is before 1900"),
])
def test_bad_names_and_future_months_are_errors_naming_the_file(tmp_path: Path, name: str,
                                                                 words: str) -> None:
    [problem] = problems_for(tmp_path, name)
    assert problem.path == name and problem.field == "file name"
    assert words in problem.format()


def test_intro_fields_are_checked(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, "newsletter/2024-05.md",
                             INTRO.replace("authors: [Redakcija]", "authors: Redakcija, Jānis"))
    assert (problem.field, problem.line) == ("authors", 3)


def test_a_yes_no_title_is_echoed_as_written(tmp_path: Path) -> None:
    [problem] = problems_for(tmp_path, "newsletter/2024-05.md",
                             INTRO.replace("title: Ievads", "title: no"))
    assert (problem.field, problem.value) == ("title", "no")


@pytest.mark.parametrize(("line", "words"), [
    ("date: 2024-03-31 03:30", "newsletter/2024-05.md:4: date: šāda laika Rīgā nav: tajā naktī "
     "pulksteni pagriež uz priekšu (this local time does not exist in Riga (clock change)): "
     "2024-03-31 03:30 — raksti laiku stundu vēlāk (pēc 04:00) vai pirms 03:00"),
    ("modified: 2023-10-29T03:15", "newsletter/2024-05.md:4: modified: šis laiks Rīgā ir divreiz"),
    ("date: 31.05.2024", "newsletter/2024-05.md:4: date: datums nav saprotams (date could not "
     "be read): 31.05.2024 — raksti date: 2024-05-31"),
])
def test_an_intros_dates_are_read_like_an_articles(tmp_path: Path, line: str, words: str
                                                   ) -> None:
    """The issue's `updated` comes from these dates: a time Riga's clock skips or repeats, or
    an unreadable date, is an error at its line, worded as for an article."""
    [problem] = problems_for(tmp_path, "newsletter/2024-05.md",
                             INTRO.replace("---\nTeksts", f"{line}\n---\nTeksts"))
    assert words in problem.format()


def test_an_intro_with_ordinary_dates_is_fine(tmp_path: Path) -> None:
    text = INTRO.replace("---\nTeksts", "date: 2024-05-02 10:00\nmodified: 2024-05-03\n---\nTeksts")
    assert problems_for(tmp_path, "newsletter/2024-05.md", text) == []


#: The other fields of a good document of each kind (the tested line goes first, at line 2).
_GOOD_FIELDS = {"raksts.md": {"title": "Labs raksts", "date": "2024-05-21", "region": "Latgale",
                              "summary": "Īss."},
                "pages/lapa.md": {"title": "Lapa"},
                "newsletter/2024-05.md": {"title": "Ievads", "authors": "[Redakcija]"}}


def _messages(tmp_path: Path, line: str, names: tuple[str, ...]) -> dict[str, list[str]]:
    """Each document's problems (their one line without the file name) with `line` written
    first in its front matter, in place of its own field of that name."""
    from kopienu_zinas.site import register as register_site

    field = line.split(":")[0]
    found = {}
    with registered(register_site, register):
        for name in names:
            others = "".join(f"{key}: {value}\n" for key, value in _GOOD_FIELDS[name].items()
                             if key != field)
            problems = problems_in_file(tmp_path, name, f"---\n{line}\n{others}---\nT.\n",
                                        SETTINGS)
            found[name] = [p.format().removeprefix(f"{name}:") for p in problems]
    return found


@pytest.mark.parametrize(("line", "words"), [
    ("title: 2024", '2: title: jābūt tekstam, bet YAML to nolasa kā skaitli (must be text, but '
     'YAML reads it as a number): 2024 — liec to pēdiņās: title: "2024"'),
    ("summary: 2024", '2: summary: jābūt tekstam, bet YAML to nolasa kā skaitli (must be text, '
     'but YAML reads it as a number): 2024 — liec to pēdiņās: summary: "2024"'),
    ("title: no", "— liec to pēdiņās: title: \"no\""),
    ("summary: [a, b]", "2: summary: jābūt tekstam (must be text): [a, b]"),
])
def test_an_intros_text_field_yaml_reads_as_no_text_is_named_as_an_articles(
        tmp_path: Path, line: str, words: str) -> None:
    """QA s10: an introduction's `title: 2024` got the older "jābūt tekstam (must be text):
    2024 — raksti 'title: ' un tekstu"; now the articles' and pages' message
    (SourceDocument.text_problem): the editor's own text in quotes."""
    found = _messages(tmp_path, line, tuple(_GOOD_FIELDS))
    intro = found["newsletter/2024-05.md"]
    assert len(intro) == 1 and words in intro[0]
    assert found["raksts.md"] == found["pages/lapa.md"] == intro


@pytest.mark.parametrize(("line", "words"), [
    ("authors: [no]", "2: authors: YAML šos vārdus nolasa kā jā/nē, tukšu vai skaitli, nevis "
     "tekstu (YAML reads these words as true/false, null or a number, not as names): no — "
     'liec tos pēdiņās: authors: ["no"]'),
    ("authors: [Anna, 2024]", 'liec tos pēdiņās: authors: [Anna, "2024"]'),
    ("authors: Redakcija, Jānis", "2: authors: jābūt sarakstam (must be a list of names): "
     "Redakcija, Jānis — raksti 'authors: [pirmais, otrais]'"),
])
def test_an_intros_authors_are_named_as_an_articles(tmp_path: Path, line: str, words: str
                                                    ) -> None:
    """QA s10: `authors: [no]` got "jābūt sarakstam … [False]"; now the articles' message
    (SourceDocument.list_problem): the words as written, quoted in the fix."""
    found = _messages(tmp_path, line, ("raksts.md", "newsletter/2024-05.md"))
    intro = found["newsletter/2024-05.md"]
    assert len(intro) == 1 and words in intro[0]
    assert found["raksts.md"] == intro
