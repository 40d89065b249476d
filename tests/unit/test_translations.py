"""The UI catalogs are complete: every string the templates use has a Latvian and an English text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

THEME = Path(__file__).resolve().parents[2] / "theme"


def template_msgids(tmp_path: Path) -> set[str]:
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract",
                    "-F", str(THEME / "translations/babel.cfg"), "-o", str(pot), str(THEME / "templates")],
                   check=True, cwd=THEME)
    with pot.open("rb") as source:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(source) if m.id}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_catalog_translates_every_template_string(lang: str, tmp_path: Path) -> None:
    with (THEME / f"translations/{lang}/LC_MESSAGES/messages.po").open("rb") as source:
        catalog = read_po(source, locale=lang)
    used = template_msgids(tmp_path)
    assert len(used) > 20
    translated = {(m.id if isinstance(m.id, str) else m.id[0]) for m in catalog
                  if m.id and m.string and (m.string if isinstance(m.string, str) else all(m.string))
                  and not m.fuzzy}
    assert sorted(used - translated) == []


def test_english_catalog_is_really_english(tmp_path: Path) -> None:
    with (THEME / "translations/en/LC_MESSAGES/messages.po").open("rb") as source:
        catalog = read_po(source, locale="en")
    singles = [m for m in catalog if m.id and isinstance(m.id, str)]
    same = [m.id for m in singles if m.string == m.id and any(c in m.id for c in "āčēģīķļņšūž")]
    assert same == []


def test_an_edited_catalog_is_read_again(tmp_path: Path) -> None:
    """`make serve` rebuilds in one process: a changed .po file must show in the next build."""
    from kopienu_zinas.common.i18n import load_catalog

    po = tmp_path / "en/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    entry = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Sākums"\n'
    po.write_text(entry + 'msgstr "Home"\n', encoding="utf-8")
    assert load_catalog(str(tmp_path), "en").gettext("Sākums") == "Home"
    po.write_text(entry + 'msgstr "Front page"\n', encoding="utf-8")
    assert load_catalog(str(tmp_path), "en").gettext("Sākums") == "Front page"


#: Templates that reach the translations every way the theme does (and a few it might): `_`,
#: `gettext`, `ngettext`, `{% trans %}`, keyword arguments that need escaping, `%%`, a loop
#: whose variable is `article` (Jinja gives the call the page's context, not the loop's), an
#: include, a macro imported without the context (which has no page: Latvian) and an `article`
#: the template sets itself.
GETTEXT_TEMPLATES = {
    "macros.html": "{% macro home() %}{{ _('Uz sākumlapu') }}{% endmacro %}",
    "part.html": "{{ _('Arhīvs') }}|{{ gettext('Tēmas') }}",
    "page.html": (
        "{% import 'macros.html' as m %}{{ _('Uz sākumlapu') }}|{{ m.home() }}|"
        "{{ _('Visas „%(site)s” ziņas pa mēnešiem.', site=site) }}|{{ _('100%% <i>x</i>') }}|"
        "{{ ngettext('%(num)d ziņa', '%(num)d ziņas', n) }}|"
        "{{ ngettext('Pasākums', 'Pasākumi', n, extra=site) }}|"
        "{% trans count=n %}{{ count }} foto{% pluralize %}{{ count }} foto{% endtrans %}|"
        "{% trans %}Arhīvs{% endtrans %}|{% include 'part.html' %}|"
        "{% for article in others %}{{ _('Tēmas') }}:{{ _('Reģions:') }};{% endfor %}"
        "{{ _('Ziņu vēl nav.') }}{{ _('Nav tāda teksta') }}|"
        "{% set article = others[-1] %}{{ _('Tēmas') }}"),
}


class Lang:
    def __init__(self, lang: str) -> None:
        self.lang = lang


def jinja_rendered(install, autoescape: bool, values: dict) -> str:
    from jinja2 import DictLoader, Environment

    env = Environment(loader=DictLoader(GETTEXT_TEMPLATES), autoescape=autoescape)
    install(env)
    return env.get_template("page.html").render(**values)


def test_gettext_gives_what_jinjas_own_wrappers_give() -> None:
    """common/i18n.py's one-call gettext/ngettext (for speed) render every string as Jinja's
    i18n extension does with its new-style wrappers around the plain per-page gettext the
    site used before (and the same string again when remembered)."""
    from jinja2 import pass_context

    from kopienu_zinas.common.dates import babel_locale
    from kopienu_zinas.common.i18n import install_gettext, load_catalog, make_gettext_callables

    translations = str(THEME / "translations")

    def language(context) -> str:  # the page's language as the site looked it up before
        for name in ("article", "page"):
            lang = getattr(context.get(name), "lang", None)
            if lang:
                return babel_locale(lang)
        return babel_locale(context.get("DEFAULT_LANG"))

    @pass_context
    def plain_gettext(context, message):
        return load_catalog(translations, language(context)).gettext(message)

    @pass_context
    def plain_ngettext(context, singular, plural, count):
        return load_catalog(translations, language(context)).ngettext(singular, plural, count)

    def jinjas(env) -> None:
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_callables(plain_gettext, plain_ngettext, newstyle=True)

    ours = make_gettext_callables(translations)  # one set, as one generator has
    pages = [{"article": Lang("en")}, {"article": Lang("lv")}, {"page": Lang("en")},
             {"DEFAULT_LANG": "en"}, {"article": Lang("de"), "DEFAULT_LANG": "en"}, {}]
    rendered = set()
    for values in pages:
        for n in (1, 2, 21):
            values = {**values, "n": n, "site": "<Kopienu> & ziņas",
                      "others": [Lang("en"), None, Lang("lv")]}
            for autoescape in (True, False):
                expected = jinja_rendered(jinjas, autoescape, values)
                for _again in range(2):
                    assert jinja_rendered(lambda env: install_gettext(env, *ours), autoescape,
                                          values) == expected
                rendered.add(expected)
    english = jinja_rendered(jinjas, True, {"article": Lang("en"), "n": 2, "site": "<K>",
                                            "others": [Lang("lv")]})
    latvian = jinja_rendered(jinjas, True, {"n": 2, "site": "<K>", "others": [Lang("en")]})
    assert english == ("Go to the home page|Uz sākumlapu|All &lt;K&gt; news, month by month.|"
                       "100% <i>x</i>|2 articles|Events|2 foto|Archive|Archive|Topics|"
                       "Topics:Region:;There is no news yet.Nav tāda teksta|Tēmas")
    assert latvian.endswith("|Tēmas:Reģions:;Ziņu vēl nav.Nav tāda teksta|Topics")
    assert len(rendered) == 2 * 3 * 2  # English or Latvian (German falls back), n, autoescape
