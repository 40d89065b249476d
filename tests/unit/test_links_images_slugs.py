"""The content rules for addresses, links and images, on tiny content folders."""

import datetime as dt
from pathlib import Path

import pytest
from pelican.contents import Article
from pelican.settings import read_settings
from pelican.urlwrappers import Author, Category, Tag
from PIL import Image

from kopienu_zinas.common.frontmatter import discover_documents
from kopienu_zinas.common.problems import ContentProblem, run_content_checks
from kopienu_zinas.common.slugs import slugify, slugify_with_settings
from kopienu_zinas.site import register
from tests.documents import pdf_bytes
from tests.signals import registered

HEADER = "---\ntitle: {title}\ndate: {date}\nregion: Latgale\nsummary: Īsi.\n{extra}---\n"


def write(root: Path, name: str, body: str = "Teksts.\n", *, title: str = "Raksts",
          date: str = "2024-05-21", extra: str = "") -> None:
    file = root / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(HEADER.format(title=title, date=date, extra=extra) + body, encoding="utf-8")


def all_problems(root: Path) -> list[ContentProblem]:
    documents, problems = discover_documents(root)
    settings = {"REGIONS": ["Latgale"], "BUILD_DATE": "2026-11-23", "PATH": str(root)}
    with registered(register):
        return problems + run_content_checks(documents, settings)


def check(root: Path) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.field) for p in all_problems(root)]


SITE_SETTINGS = read_settings(str(Path(__file__).resolve().parents[2] / "pelicanconf.py"))


@pytest.mark.parametrize(("title", "expected"), [
    ("„Darbīgo kopienu simpozijs” Krustpils pilī", "darbigo-kopienu-simpozijs-krustpils-pili"),
    ("Ģimeņu diena Līvānos: ņem līdzi šķīvi!", "gimenu-diena-livanos-nem-lidzi-skivi"),
    ("Rēzekne aicina — 2024", "rezekne-aicina-2024"), ("  Ūdens   un   ļaudis  ", "udens-un-laudis"),
    ("ﬁnanšu ﬁ", "finansu-fi"),
    # Titles are plain text (Pelican's own slugify reads them as HTML): nothing is dropped.
    ("Koncerts & <dzeja>", "koncerts-dzeja"), ("<em>Jauns</em> & vecs", "emjaunsem-vecs"),
    ("Toms &amp; Džerijs", "toms-amp-dzerijs"), ("1 &lt; 2", "1-lt-2"),
    ("Sākums <!-- ne --> beigas", "sakums-ne-beigas")])
def test_the_sites_slugs_are_ascii_transliterations(title: str, expected: str) -> None:
    assert slugify(title) == expected
    assert slugify_with_settings(title, SITE_SETTINGS) == expected


def test_pelicans_own_slugs_of_titles_and_names_are_plain_text() -> None:
    """Articles, pages, tags, authors and regions get the slug the content check makes: two
    titles that differ only inside `<…>` no longer share an address."""
    with registered(register):
        for title in ("Koncerts & <dzeja>", "Toms &amp; Džerijs"):
            expected = slugify_with_settings(title, SITE_SETTINGS)
            article = Article("<p>x</p>", settings=SITE_SETTINGS, metadata={
                "title": title, "date": dt.datetime(2024, 5, 1), "category":
                Category("Latgale", SITE_SETTINGS)})
            assert article.slug == expected != slugify_with_settings("Koncerts", SITE_SETTINGS)
            for wrapper in (Tag, Author, Category):
                assert wrapper(title, SITE_SETTINGS).slug == expected


def test_titles_that_differ_inside_angle_brackets_do_not_clash(tmp_path: Path) -> None:
    write(tmp_path, "a.md", title="Koncerts", date="2024-01-01")
    write(tmp_path, "b.md", title="'Koncerts <dzeja>'", date="2024-02-01")
    write(tmp_path, "c.md", title="'Koncerts <proza>'", date="2024-03-01")
    assert check(tmp_path) == []


def test_slugs_follow_the_sites_slugify_settings() -> None:
    assert slugify_with_settings("Sēlija", {"SLUGIFY_PRESERVE_CASE": True}) == "Selija"
    assert slugify_with_settings("Sēlija Rīgā", {"SLUGIFY_USE_UNICODE": True}) == "sēlija-rīgā"
    assert slugify_with_settings("a_b c", {"SLUG_REGEX_SUBSTITUTIONS": [(r"[_\s]+", "+")]}) \
        == "a+b+c"


def test_the_newer_of_two_articles_with_one_address_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "b-vecais.md", title="Rēzeknes bibliotēka", date="2024-01-01")
    write(tmp_path, "a-jaunais.md", title="Rezeknes Biblioteka!", date="2024-02-01")
    assert check(tmp_path) == [("a-jaunais.md", 2, "title")]


def test_translations_and_explicit_slugs_are_not_duplicates(tmp_path: Path) -> None:
    write(tmp_path, "sveiki.md", title="Sveiki", extra="slug: sveiki\n")
    write(tmp_path, "welcome.md", title="Welcome", extra="slug: sveiki\nlang: en\n")
    write(tmp_path, "cits.md", title="Sveiki", extra="slug: cits\n")
    assert check(tmp_path) == []
    write(tmp_path, "otrs.md", title="Otrs", date="2024-06-01", extra="slug: sveiki\n")
    assert check(tmp_path) == [("otrs.md", 6, "slug")]


def site_problems(root: Path) -> list[ContentProblem]:
    """The content check with the site's own settings (its addresses: /zinas/<year>/<slug>/)."""
    documents, problems = discover_documents(root)
    settings = {**SITE_SETTINGS, "REGIONS": ["Latgale"], "BUILD_DATE": "2026-11-23",
                "PATH": str(root)}
    with registered(register):
        return problems + run_content_checks(documents, settings)


def test_one_slug_in_two_years_is_named_as_one_slug_not_one_address(tmp_path: Path) -> None:
    """QA: "Tirgus Ludzā" of 2025 and of 2026 were told "same address as tirgus-2025.md",
    though their addresses are /zinas/2025/… and /zinas/2026/…; what clashes is the slug (Pelican
    makes them translations of each other: the test below)."""
    write(tmp_path, "tirgus-2025.md", title="Tirgus Ludzā", date="2025-03-01")
    write(tmp_path, "tirgus-ludza.md", title="Tirgus Ludzā", date="2026-03-01")
    [problem] = site_problems(tmp_path)
    assert (problem.path, problem.line, problem.field, problem.value) == (
        "tirgus-ludza.md", 2, "title", "tirgus-ludza")
    assert problem.what_lv.startswith("tāds pats adreses vārds (slug) kā tirgus-2025.md: ")
    assert "tulkojumiem" in problem.what_lv and "„Citās valodās”" in problem.what_lv
    assert problem.what_en == (
        "same slug as tirgus-2025.md: Pelican takes articles with one slug for translations of "
        "one article, each listed on the other's page under 'In other languages'")
    assert problem.fix == "pievieno rindu 'slug: tirgus-ludza-2026' (vai maini virsrakstu)"
    write(tmp_path, "tirgus-ludza.md", title="Tirgus Ludzā", date="2026-03-01",
          extra="slug: tirgus-ludza\n")
    [problem] = site_problems(tmp_path)
    assert (problem.line, problem.field) == (6, "slug")
    assert problem.fix == "maini 'slug: tirgus-ludza' uz citu, piemēram 'slug: tirgus-ludza-2026'"
    write(tmp_path, "tirgus-ludza.md", title="Tirgus Ludzā", date="2026-03-01",
          extra="slug: tirgus-ludza-2026\n")
    assert site_problems(tmp_path) == []


def test_one_slug_in_one_year_is_one_address(tmp_path: Path) -> None:
    write(tmp_path, "tirgus-2025.md", title="Tirgus Ludzā", date="2025-03-01")
    write(tmp_path, "tirgus-ludza.md", title="Tirgus Ludzā", date="2026-03-01")
    write(tmp_path, "tirgus-rudeni.md", title="Tirgus Ludzā", date="2026-09-01")
    found = site_problems(tmp_path)
    assert [(p.path, p.what_en.split(":")[0], p.value, p.fix) for p in found] == [
        ("tirgus-ludza.md", "same slug as tirgus-2025.md", "tirgus-ludza",
         "pievieno rindu 'slug: tirgus-ludza-2026' (vai maini virsrakstu)"),
        ("tirgus-rudeni.md", "same address as tirgus-ludza.md", "/zinas/2026/tirgus-ludza/",
         "pievieno rindu 'slug: tirgus-ludza-2' (vai maini virsrakstu)")]  # not the 1st's fix
    assert found[1].what_lv == ("tāda pati adrese kā tirgus-ludza.md: abiem būtu viens fails, "
                                "un vietnē paliktu tikai viens no tiem")


def test_a_draft_with_a_published_articles_slug_is_told_what_publishing_it_would_do(
        tmp_path: Path) -> None:
    """Pelican groups drafts apart from published articles: the draft's own address
    (/melnraksti/<slug>/) is no clash yet, two drafts' is."""
    write(tmp_path, "tirgus-2025.md", title="Tirgus Ludzā", date="2025-03-01")
    write(tmp_path, "tirgus-ludza.md", title="Tirgus Ludzā", date="2026-03-01",
          extra="status: draft\n")
    [problem] = site_problems(tmp_path)
    assert problem.what_en.startswith("same slug as tirgus-2025.md: once both have one status")
    write(tmp_path, "tirgus-2025.md", title="Tirgus Ludzā", date="2025-03-01",
          extra="status: draft\n")
    [problem] = site_problems(tmp_path)
    assert (problem.what_en.split(":")[0], problem.value) == (
        "same address as tirgus-2025.md", "/melnraksti/tirgus-ludza/")


def test_pelican_makes_articles_with_one_slug_translations_of_each_other() -> None:
    """What the message of one slug in two years says (pelican.utils.process_translations,
    ARTICLE_TRANSLATION_ID "slug"): both published, each the other's translation."""
    from pelican.utils import process_translations

    with registered(register):
        made = [Article("<p>x</p>", settings=SITE_SETTINGS, metadata={
            "title": "Tirgus Ludzā", "date": dt.datetime(year, 3, 1),
            "category": Category("Latgale", SITE_SETTINGS)}) for year in (2025, 2026)]
        originals, translations = process_translations(
            list(made), SITE_SETTINGS["ARTICLE_TRANSLATION_ID"])
    assert {a.url for a in made} == {"zinas/2025/tirgus-ludza/", "zinas/2026/tirgus-ludza/"}
    assert len(originals) == 2 and translations == []
    assert made[0].translations == [made[1]] and made[1].translations == [made[0]]


@pytest.mark.parametrize("title", ["🎉🎉🎉", '"—…!?"', "„…”"])
def test_a_title_without_letters_or_digits_needs_a_slug(tmp_path: Path, title: str) -> None:
    """Its slug is "" or "-": the article would take its year's address, two of them stop the
    build late (FileOverwriteFailedError), a page would be the home page."""
    write(tmp_path, "a.md", title=title)
    write(tmp_path, "b.md", title=title, date="2024-06-01")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages/x.md").write_text(f"---\ntitle: {title}\n---\nTeksts\n", encoding="utf-8")
    found = all_problems(tmp_path)
    assert [(p.path, p.line, p.field, p.what_en) for p in found] == [
        (path, 2, "title", "the title gives no address: it has no letters or digits")
        for path in ("a.md", "b.md", "pages/x.md")]  # and not "same address as a.md"
    assert all("pievieno rindu 'slug: '" in p.fix for p in found)
    write(tmp_path, "a.md", title=title, extra="slug: svetki\n")
    write(tmp_path, "b.md", title=title, extra="slug: '-'\n")
    (tmp_path / "pages/x.md").unlink()
    [problem] = all_problems(tmp_path)  # a '-' slug is no address either, nor a fix
    assert (problem.path, problem.line, problem.field) == ("b.md", 6, "slug")
    assert "'slug: -'" not in problem.fix and "piemēram 'slug: par-mums'" in problem.fix


def test_links_resolve_from_the_content_root_or_next_to_the_file(tmp_path: Path) -> None:
    write(tmp_path, "cits.md", title="Cits")
    (tmp_path / "faili").mkdir()
    (tmp_path / "faili/plans.pdf").write_bytes(pdf_bytes())
    write(tmp_path, "sadala/raksts.md", "\n".join([
        "[labs]({filename}/cits.md#virsraksts) un [vecais](|filename|../cits.md)",
        "[plāns]({static}/faili/plans.pdf), [ārējs](https://example.org/{filename}x)",
        "```", "[piemērs]({filename}/nav.md)", "```",
        "[slikts]({filename}cits.md) un [PDF]({static}/faili/plans%20v2.pdf)", ""]))
    assert check(tmp_path) == [("sadala/raksts.md", 12, "link"), ("sadala/raksts.md", 12, "link")]


def test_links_typed_composed_or_percent_encoded_find_a_decomposed_file(tmp_path: Path) -> None:
    import unicodedata
    folder = tmp_path / unicodedata.normalize("NFD", "faili/Ēkas")
    folder.mkdir(parents=True)
    (folder / unicodedata.normalize("NFD", "ļoti.pdf")).write_bytes(pdf_bytes())
    write(tmp_path, "raksts.md", "[a]({static}/faili/Ēkas/ļoti.pdf) "
          "[b]({static}/faili/%C4%92kas/%C4%BCoti.pdf) [c]({static}/faili/Ēkas/nav.pdf)\n")
    assert check(tmp_path) == [("raksts.md", 7, "link")]


def test_images_need_a_file_and_alt_text(tmp_path: Path) -> None:
    (tmp_path / "atteli").mkdir()
    Image.new("RGB", (8, 8)).save(tmp_path / "atteli/foto.jpg")  # a real picture: the images
    # plugin's rule (registered once any in-process build has loaded the plugins) reads it
    write(tmp_path, "raksts.md", "\n".join([
        "![Lasītāji]({static}/atteli/foto.jpg) ![Logo](https://example.org/logo.png)",
        "![ ]({static}/atteli/foto.jpg)", "![Nav](atteli/nav.jpg \"virsraksts\")", ""]),
        extra="image: atteli/foto.jpg\nimage_alt: Bibliotēkas lasītava\n")
    # Another site's picture is no missing file, but a third-party request (rawhtml.py).
    assert check(tmp_path) == [("raksts.md", 9, "image"), ("raksts.md", 10, "alt"),
                               ("raksts.md", 11, "image")]


def test_the_header_image_needs_a_file_and_image_alt(tmp_path: Path) -> None:
    write(tmp_path, "raksts.md", extra="image: \"{static}/atteli/nav.jpg\"\nimage_alt: ''\n")
    assert check(tmp_path) == [("raksts.md", 6, "image"), ("raksts.md", 7, "image_alt")]


@pytest.mark.parametrize(("name", "written"), [
    ("zīme#1.jpg", "<{static}/atteli/zīme#1.jpg>"),
    ("procenti%20nosaukumā.jpg", "{static}/atteli/procenti%20nosaukumā.jpg")])
def test_a_picture_whose_name_holds_hash_or_percent_is_named_with_the_reason(
        tmp_path: Path, name: str, written: str) -> None:
    """QA: the editor saw the very name in the message "image file not found" and no hint."""
    from tests.photos import write_photo

    (tmp_path / "atteli").mkdir()
    write_photo(tmp_path / "atteli" / name)
    write(tmp_path, "raksts.md", f"![Foto]({written})\n")
    [problem] = [p for p in all_problems(tmp_path) if p.path == "raksts.md"]
    assert (problem.line, problem.field) == (7, "image")
    assert "# begins an anchor and % an escape" in problem.what_en
    assert "pārsauc failu bez # un %" in problem.fix


def test_a_cover_whose_name_holds_a_hash_is_named_with_the_reason(tmp_path: Path) -> None:
    """QA re-test: `image: "atteli/foto #1.jpg"` was "not found" while the body's link got the
    reason."""
    from tests.photos import write_photo

    (tmp_path / "atteli").mkdir()
    write_photo(tmp_path / "atteli" / "foto #1.jpg")
    write(tmp_path, "raksts.md", extra='image: "atteli/foto #1.jpg"\nimage_alt: Foto\n')
    [problem] = [p for p in all_problems(tmp_path) if p.path == "raksts.md"]
    assert problem.field == "image" and "# begins an anchor" in problem.what_en
