"""Following the site: the sign-up form (with NEWSLETTER's signup_* settings, and without),
absolute feed and calendar addresses, feeds that read as a page in a browser (with only what
the W3C validator knows), and the introduction's summary as the newsletter item's description.

Sites: the real content/ (`built_site`, no sign-up setting) and the newsletter fixture with
the sign-up form (`signup_site`, tests/conftest.py SIGNUP).
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from tests.conftest import SIGNUP
from tests.feedrules import ATOM, NS, namespace_problems, stylesheet_of
from tests.sitebuild import BuiltSite


class _Tags(HTMLParser):
    """Start tags (name, attributes) of a page, and the text of each <label for>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.labels: dict[str, str] = {}
        self._label: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "label":
            self._label = dict(attrs).get("for")
            self.labels[self._label or ""] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label = None

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self.labels[self._label] += data

    def all(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in wanted.items())]


def tags_of(html: str) -> _Tags:
    parsed = _Tags()
    parsed.feed(html)
    return parsed


NEWSLETTER_PAGES = ["izdevums/", "izdevums/2024/05/", "izdevums/2024/04/", "izdevums/prieksskatijums/"]


@pytest.mark.parametrize("path", NEWSLETTER_PAGES)
def test_with_the_setting_every_newsletter_page_has_the_sign_up_form(signup_site: BuiltSite,
                                                                     path: str) -> None:
    page = tags_of(signup_site.page(path))
    forms = page.all("form", method="post")
    assert [f["action"] for f in forms] == [SIGNUP["signup_action"]]
    [field] = page.all("input", type="email")
    assert field["name"] == "EMAIL" and field["autocomplete"] == "email" and "required" in field
    assert page.labels[field["id"]].strip() == "Jūsu e-pasta adrese"
    hidden = [(a["name"], a["value"]) for a in page.all("input", type="hidden")]
    assert hidden == [("embed", "1"), ("l", "a1"), ("l", "b2")]
    text = signup_site.page(path)
    for words in ("Buttondown", "pārzinis ir Biedrība „Kopienu ziņas”", "apstiprinājuma saiti",
                  "Atteikties var jebkurā brīdī"):
        assert words in text
    # nothing of the provider on the page but the form's action
    assert text.count("signup.example.org") == 1


@pytest.mark.parametrize("path", ["abonet/", "izdevums/", "izdevums/2024/05/"])
def test_without_the_setting_pages_say_how_to_follow_by_feed_reader(built_site: BuiltSite,
                                                                    path: str) -> None:
    text = built_site.page(path)
    page = tags_of(text)
    assert page.all("form", method="post") == [] and page.all("input", type="email") == []
    assert "E-pastā izdevumu pagaidām nesūtām" in text
    fields = {a["id"]: a["value"] for a in page.all("input", type="url")}
    assert fields["izdevums-rss"] == f"{built_site.siteurl}/izdevums/rss.xml"


def test_subscribe_page_addresses_are_absolute_and_each_is_explained(built_site: BuiltSite) -> None:
    page = tags_of(built_site.page("abonet/"))
    fields = page.all("input", type="url")
    regions = sorted(p.name for p in (built_site.output / "regioni").iterdir()
                     if (p / "rss.xml").is_file())
    # site (2), newsletter (2), every region's feeds (2 each), all events and every region's calendar
    assert len(fields) == 4 + 2 * len(regions) + 1 + len(regions) and len(regions) >= 3
    for field in fields:
        assert "readonly" in field and field["value"].startswith(built_site.siteurl + "/")
        assert (built_site.output / field["value"].removeprefix(built_site.siteurl + "/")).is_file()
        help_id = field["aria-describedby"]
        assert page.all("span", id=help_id), f"{field['id']} has no explanation"
        assert page.all("button", **{"data-copy": field["id"]})
    for region in regions:
        assert f"{built_site.siteurl}/regioni/{region}/kalendars.ics" in [f["value"] for f in fields]
    webcal = [a["href"] for a in page.all("a") if (a.get("href") or "").startswith("webcal://")]
    host = built_site.siteurl.removeprefix("http://")
    assert webcal and all(h.startswith(f"webcal://{host}/") for h in webcal)
    # the editors' Markdown keeps only prose: no address lists in it
    source = (Path(__file__).resolve().parents[2] / "content/pages/abonet.md").read_text("utf-8")
    assert ".xml" not in source and ".ics" not in source


def feed_files(site: BuiltSite) -> list[Path]:
    return sorted(p for p in site.output.rglob("*.xml") if p.name in ("atom.xml", "rss.xml"))


def test_every_feed_has_the_one_stylesheet_and_each_items_address_as_text(
        built_site: BuiltSite) -> None:
    """Every feed (site, region, newsletter; RSS and Atom) names the one feed stylesheet and
    carries nothing the W3C validator warns about for it (QA: <kz:date>, <h:a>); the view
    shows each item's address as text: RSS's <link>, an Atom entry's dc:identifier (its
    link's address is an attribute)."""
    files = feed_files(built_site)
    assert len(files) >= 8
    css = {stylesheet_of(f.read_bytes()) for f in files}
    assert css == {("text/css", f"{built_site.siteurl}/theme/css/feed.css")}
    assert (built_site.output / "theme/css/feed.css").is_file()
    for file in files:
        data = file.read_bytes()
        assert namespace_problems(data) == [], file
        root = etree.fromstring(data)
        if root.tag == "rss":
            addresses = [(i.findtext("link"),) * 2 for i in root.findall("channel/item")]
        else:
            addresses = [(e.findtext("dc:identifier", namespaces=NS),
                          next(link.get("href") for link in e.findall("a:link", NS)
                               if link.get("rel", "alternate") == "alternate"))
                         for e in root.findall(f"{{{ATOM}}}entry")]
        assert addresses, file
        for text, link in addresses:
            assert text == link and text.startswith(built_site.siteurl + "/"), file


def test_the_introductions_summary_is_the_items_description(signup_site: BuiltSite) -> None:
    for name in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse((signup_site.output / "izdevums" / name).read_bytes())
        # what a reader shows: RSS's description is HTML (its text unescaped), Atom's summary text
        summaries = {e.link.removeprefix(signup_site.siteurl):
                     html.unescape(e.summary) if e.summary_detail.type == "text/html" else e.summary
                     for e in parsed.entries}
        assert summaries["/izdevums/2024/05/"] == \
            "Maijā divas ziņas no Latgales un Rēzeknes & viens pasākums."
        # April has no introduction: the generated list of its news
        assert summaries["/izdevums/2024/04/"].startswith("Kopienu ziņas, 2024. gada aprīlis.")
