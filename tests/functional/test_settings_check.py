"""A wrong plugin setting stops the build before any content is read, named at the line of the
settings file that gives it, in Latvian and English: never against an article, and not hidden
behind the content's own problems."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pelican.settings import read_settings

from kopienu_zinas.tools.settings_check import assignment, settings_problems
from tests.sitebuild import ROOT, run_build

BROKEN = ROOT / "tests/fixtures/broken"

SETTINGS = '''from pelicanconf import *  # noqa: F403

EVENTS = {
    "home_limit": 3,
    "bogus": 1,
}
IMAGES = {}
IMAGES["og_width"] = True
'''


def test_a_wrong_setting_is_named_at_its_line_before_any_content(tmp_path: Path) -> None:
    settings = tmp_path / "siteconf.py"
    settings.write_text(SETTINGS, encoding="utf-8")
    output = tmp_path / "out"
    output.mkdir()
    (output / "index.html").write_text("previous site", encoding="utf-8")
    result = run_build(output, content=BROKEN, settings=str(settings))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        "error: siteconf.py:5: EVENTS['bogus']: nezināma atslēga (kopienu_zinas.events: unknown "
        "EVENTS setting(s)): bogus; zināmās (known): calendar_ics, calendar_name, calendar_url, "
        "domain, home_limit, recurrence_future_days, recurrence_limit, recurrence_past_days, "
        "refresh_hours, region_ics, region_limit — izlabo šo iestatījumu un būvē vēlreiz; "
        "zināmās atslēgas un vērtības: docs/settings.md (fix this setting and build again; the "
        "keys and values: docs/settings.md)",
        "error: siteconf.py:8: IMAGES['og_width']: jābūt veselam skaitlim ≥ 1 "
        "(kopienu_zinas.images: must be a whole number ≥ 1): True — izlabo šo iestatījumu un "
        "būvē vēlreiz; zināmās atslēgas un vērtības: docs/settings.md (fix this setting and "
        "build again; the keys and values: docs/settings.md)"]
    assert ".md" not in result.stderr.replace("docs/settings.md", "")  # no article blamed
    assert [p.name for p in output.iterdir()] == ["index.html"]


def test_a_setting_given_in_a_star_imported_file_is_found_there(tmp_path: Path) -> None:
    base = tmp_path / "baseconf.py"
    base.write_text('SITENAME = "x"\nNEWSLETTER = dict(\n    path="",\n)\n', encoding="utf-8")
    publish = tmp_path / "publishconf.py"
    publish.write_text("from baseconf import *\n\nSITEURL = 'https://example.lv'\n",
                       encoding="utf-8")
    assert assignment(publish, "NEWSLETTER", "path") == (base, 2)
    assert assignment(publish, "SITEURL", None) == (publish, 3)
    assert assignment(publish, "EVENTS", "x") == (publish, 0)


FIX = ("izlabo šo iestatījumu un būvē vēlreiz; zināmās atslēgas un vērtības: docs/settings.md "
       "(fix this setting and build again; the keys and values: docs/settings.md)")


def test_settings_given_on_the_command_line_are_named_by_their_option(tmp_path: Path) -> None:
    """`-e EVENTS=…` replaces pelicanconf.py's EVENTS: the file's line 48 has no 'bogus' and
    was named all the same; a date that is no date was a traceback (QA of issue 5)."""
    result = run_build(tmp_path / "out", '-eEVENTS={"bogus": 1}', "--build-date", "2026-13-45",
                       content=ROOT / "tests/fixtures/english")
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        "error: --build-date: BUILD_DATE: jābūt ISO datumam vai datumam ar laiku (must be an ISO "
        "date or datetime, e.g. 2026-11-23 or 2026-11-23T12:00:00+02:00): '2026-13-45' — " + FIX,
        "error: -e EVENTS: EVENTS['bogus']: nezināma atslēga (kopienu_zinas.events: unknown "
        "EVENTS setting(s)): bogus; zināmās (known): calendar_ics, calendar_name, calendar_url, "
        "domain, home_limit, recurrence_future_days, recurrence_limit, recurrence_past_days, "
        "refresh_hours, region_ics, region_limit — " + FIX]
    assert not (tmp_path / "out").exists()


def test_a_value_no_reader_foresaw_is_named_at_its_setting_not_a_traceback(tmp_path: Path) -> None:
    settings = tmp_path / "siteconf.py"
    settings.write_text("from pelicanconf import *  # noqa: F403\n\nIMAGES = {'cache': 5}\n"
                        "GALLERIES = {'workers': 2, 'cache': ['x']}\n", encoding="utf-8")
    result = run_build(tmp_path / "out", content=ROOT / "tests/fixtures/english",
                       settings=str(settings))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert [error.split(": ")[1:4] for error in errors] == [
        ["siteconf.py:3", "IMAGES", "nevar nolasīt (kopienu_zinas.images"],
        ["siteconf.py:4", "GALLERIES", "nevar nolasīt (kopienu_zinas.galleries"]]
    assert all("TypeError" in error for error in errors)


MARKDOWN_SETTINGS = '''from pelicanconf import *  # noqa: F403

MARKDOWN_BY_LANG = {
    "lv": {"extension_configs": {}},
    {entry}
}
'''


@pytest.mark.parametrize(("entry", "words"), [
    ('"de": {}', "MARKDOWN_BY_LANG['de']: neatbalstīta valoda (unsupported language): de; "
                 "zināmās (known): lv, en"),
    ('"en": "Jump back"', "MARKDOWN_BY_LANG['en']: jābūt vārdnīcai ar Markdown iestatījumiem "
                          "(must be a dict of Markdown settings, as MARKDOWN): str"),
    ('"en": {"extensions_configs": {}}', "MARKDOWN_BY_LANG['en']: nezināma Markdown atslēga "
     "(unknown Markdown setting(s)): extensions_configs; zināmās (known): extension_configs, "
     "extensions, output_format, tab_length"),
    ('"en": {"extension_configs": {"markdown.extensions.extra": {"footnotes": '
     '{"BACKLINK_TITEL": "x"}}}}', "MARKDOWN_BY_LANG['en']: Markdown ar šiem iestatījumiem "
     "nevar sagatavot (Markdown cannot be set up with these settings): KeyError: "
     "'BACKLINK_TITEL'"),
    ('"en": {"extensions": "markdown.extensions.extra"}', "MARKDOWN_BY_LANG['en']: extensions: "
     "jābūt sarakstam ar paplašinājumu nosaukumiem, piemēram, [\"markdown.extensions.extra\"] "
     "(extensions must be a list of extension names): 'markdown.extensions.extra'"),
    ('"en": {"tab_length": True}', "MARKDOWN_BY_LANG['en']: tab_length: jābūt pozitīvam veselam "
     "skaitlim, piemēram, 4 (tab_length must be a positive whole number): True"),
    ('"en": {"tab_length": -1}', "MARKDOWN_BY_LANG['en']: tab_length: jābūt pozitīvam veselam "
     "skaitlim, piemēram, 4 (tab_length must be a positive whole number): -1"),
    ('"en": {"extension_configs": {"markdown.extensions.nav": {}}}', "MARKDOWN_BY_LANG['en']: "
     "Markdown ar šiem iestatījumiem nevar sagatavot (Markdown cannot be set up with these "
     "settings): ModuleNotFoundError: No module named 'markdown.extensions.nav'"),
])
def test_a_wrong_markdown_by_lang_is_named_at_its_language_s_line(
        tmp_path: Path, entry: str, words: str) -> None:
    """MARKDOWN_BY_LANG was read by every reader, never checked: a wrong one failed (or was
    ignored) while articles were read."""
    file = tmp_path / "siteconf.py"
    file.write_text(MARKDOWN_SETTINGS.replace("{entry}", entry), encoding="utf-8")
    given = ast.literal_eval(f'{{"lv": {{"extension_configs": {{}}}}, {entry}}}')
    settings = {**read_settings(str(ROOT / "pelicanconf.py")), "MARKDOWN_BY_LANG": given}
    [problem] = settings_problems(settings, file)
    assert problem.format() == f"siteconf.py:5: {words} — {FIX}"


def test_the_site_s_own_markdown_by_lang_is_accepted() -> None:
    assert settings_problems(read_settings(str(ROOT / "pelicanconf.py")),
                             ROOT / "pelicanconf.py") == []


@pytest.mark.parametrize("value", ['"2026-12"', '"2026-02-30"', "None"])
def test_a_feed_id_date_that_is_no_date_is_named_at_its_line(tmp_path: Path, value: str) -> None:
    """FEED_ID_DATE is in every feed item's id (docs/building.md, "Feeds"): a wrong one is
    refused before anything is written, never an id that RFC 4151 does not allow."""
    file = tmp_path / "siteconf.py"
    file.write_text(f"from pelicanconf import *  # noqa: F403\n\nFEED_ID_DATE = {value}\n",
                    encoding="utf-8")
    settings = {**read_settings(str(ROOT / "pelicanconf.py")),
                "FEED_ID_DATE": ast.literal_eval(value)}
    [problem] = settings_problems(settings, file)
    assert problem.format().startswith(
        f"siteconf.py:3: FEED_ID_DATE: jābūt datumam GGGG-MM-DD, kad vietnei jau piederēja tās "
        f"domēns; to vairs nemaina (must be a YYYY-MM-DD date on which the site owned its host; "
        f"never changed afterwards): {ast.literal_eval(value)!r} — ")


DESCRIPTION_SETTINGS = '''from pelicanconf import *  # noqa: F403

SITE_DESCRIPTION_BY_LANG = {
    {entry}
}
'''


@pytest.mark.parametrize(("entry", "words"), [
    ('"de": "Nachrichten"', "SITE_DESCRIPTION_BY_LANG['de']: neatbalstīta valoda (noklusētās "
     "valodas aprakstu dod SITE_DESCRIPTION) (unsupported language (the default language's "
     "description is SITE_DESCRIPTION)): de; zināmās (known): en"),
    ('"lv": "Ziņas"', "SITE_DESCRIPTION_BY_LANG['lv']: neatbalstīta valoda"),
    ('"en": ""', "SITE_DESCRIPTION_BY_LANG['en']: jābūt tekstam (must be text): ''"),
    ('"en": ["News"]', "SITE_DESCRIPTION_BY_LANG['en']: jābūt tekstam (must be text): ['News']"),
])
def test_a_wrong_site_description_by_lang_is_named_at_its_language_s_line(
        tmp_path: Path, entry: str, words: str) -> None:
    file = tmp_path / "siteconf.py"
    file.write_text(DESCRIPTION_SETTINGS.replace("{entry}", entry), encoding="utf-8")
    settings = {**read_settings(str(ROOT / "pelicanconf.py")),
                "SITE_DESCRIPTION_BY_LANG": ast.literal_eval(f"{{{entry}}}")}
    [problem] = settings_problems(settings, file)
    assert problem.format().startswith(f"siteconf.py:4: {words}")


def test_a_site_description_without_its_english_one_is_refused(tmp_path: Path) -> None:
    """The English pages and feeds showed the Latvian SITE_DESCRIPTION: a site that has a
    description must give it in English too, else the build stops before any content."""
    file = tmp_path / "siteconf.py"
    file.write_text("from pelicanconf import *  # noqa: F403\n\nSITE_DESCRIPTION_BY_LANG = {}\n",
                    encoding="utf-8")
    settings = {**read_settings(str(ROOT / "pelicanconf.py")), "SITE_DESCRIPTION_BY_LANG": {}}
    [problem] = settings_problems(settings, file)
    assert problem.format().startswith(
        "siteconf.py:3: SITE_DESCRIPTION_BY_LANG['en']: trūkst vietnes apraksta šajā valodā: tās "
        "lapas un plūsmas rādītu SITE_DESCRIPTION latviski (the site's description in this "
        "language is missing: its pages and feeds would show SITE_DESCRIPTION, in Latvian): en; "
        f"SITE_DESCRIPTION: {settings['SITE_DESCRIPTION']} — ")
    assert settings_problems({**settings, "SITE_DESCRIPTION": ""}, file) == []
