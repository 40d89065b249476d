"""Editor pictures in a built fixture site: private, light and shown wherever the guide allows.

The fixture site is written here (pictures generated with Pillow, each carrying a GPS position,
camera make/model, XMP and a comment): `content/atteli/` (a cover and pictures in the text,
one saved with a decomposed macOS name), a gallery (JPEG, PNG with an eXIf chunk, WebP) whose
photo is another article's cover, and a newsletter month; JPEGs in disguise (.jfif, no ending,
.jpg.txt, .bmp, .ico), a root-relative picture, a decomposed folder name, three identical copies
of a gallery photo in `content/atteli/`, and a PDF. One build; its cache is its own (a second,
cold one checks that identical pictures neither collide nor change the output).
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from kopienu_zinas.images.kinds import is_picture
from kopienu_zinas.images.paths import output_stem
from tests.documents import pdf_bytes
from tests.functional.test_galleries import Tags
from tests.photos import (
    CAMERA,
    QUADRANTS,
    camera_exif,
    close,
    heif_bytes,
    quadrant_colours,
    upright,
    write_cut,
    write_cut_grid_heic,
    write_cut_tiff,
    write_heif_short_item,
)
from tests.sitebuild import BuiltSite, run_build

XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description exif:GPSLatitude="56,6N"/></x:xmpmeta>'

ARTICLE = """---
title: Pļavas diena Sēlijā
date: 2024-05-10
region: Sēlija
tags: [kopienas]
summary: Kaimiņi pļāva pļavu.
image: atteli/foto.jpg
image_alt: Cilvēki pļavā ar izkaptīm
image_credit: "Foto: Anna Ozola"
---
Pļavā sanāca divdesmit kaimiņu.

![Plakāts pie sētas]({static}/atteli/plakats.png)

Vēl viens skats:

![Pļava vakarā]({static}/atteli/pļava.webp)
"""

GALLERY_ARTICLE = """---
title: Talka Latgalē
date: 2024-05-12
region: Latgale
tags: [kopienas]
summary: Talka parkā.
gallery: talka
image: galleries/talka/stadisana.jpg
image_alt: Cilvēki stāda kokus
---
Talkā piedalījās trīsdesmit kaimiņu.
"""

CAPTIONS = """title: Talka
date: 2024-05-12
photographer: Anna Ozola
photos:
  stadisana.jpg: {caption: Stādīšana, alt: Cilvēki stāda kokus}
  grabekli.png: {caption: Grābekļi, alt: Grābekļi pie šķūņa}
  ugunskurs.webp: {caption: Ugunskurs, alt: Ugunskurs vakarā}
"""


DISGUISED_ARTICLE = """---
title: Attēli ar citām galotnēm
date: 2024-05-11
region: Sēlija
summary: Attēli ar neparastiem nosaukumiem.
---
![Jfif]({static}/atteli/attels.jfif)

![Bez galotnes]({static}/atteli/bez-galotnes)

![No saknes](/atteli/sakne.jpg)

[Plāns]({static}/atteli/plans.pdf)

![Logo]({static}/atteli/logo.svg)
"""

#: JPEG pictures (with GPS) whose names do not say so.
DISGUISED = ("attels.jfif", "bez-galotnes", "foto.jpg.txt", "bilde.bmp", "ikona.ico")
PDF = pdf_bytes()  # a PDF without personal fields (site/documents/ refuses others)
#: An Inkscape drawing: its author, home folder and the editor's own data in it.
DRAWING = b"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Created with Inkscape -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 width="10" height="10" inkscape:export-filename="/home/janis.berzins/Desktop/logo.png">
<metadata><rdf:RDF><dc:creator>SVGCREATOR Janis</dc:creator></rdf:RDF></metadata>
<rect width="10" height="10" fill="#c00"/></svg>
"""


def phone_picture(path: Path, fmt: str, size: tuple[int, int] = (1800, 1200)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = {"comment": b"majas adrese"} if fmt == "JPEG" else {}
    upright(size).save(path, fmt, exif=camera_exif(), xmp=XMP, **extra)
    return path


def build_with_cold_caches(content: Path, output: Path, caches: Path
                           ) -> subprocess.CompletedProcess[str]:
    """Build `content` into `output` with empty image and gallery caches under `caches`."""
    return run_build(output, "-e", f"IMAGES={json.dumps({'cache': str(caches / 'cache-images')})}",
                     "-e", f"GALLERIES={json.dumps({'cache': str(caches / 'cache-galleries')})}",
                     content=content)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuiltSite]:
    tmp = tmp_path_factory.mktemp("images")
    content = tmp / "content"
    phone_picture(content / "atteli/foto.jpg", "JPEG", (2400, 1800))
    phone_picture(content / "atteli/plakats.png", "PNG", (900, 1200))
    phone_picture(content / "atteli" / unicodedata.normalize("NFD", "pļava.webp"), "WEBP")
    phone_picture(content / "galleries/talka/stadisana.jpg", "JPEG")
    phone_picture(content / "galleries/talka/grabekli.png", "PNG", (600, 400))
    phone_picture(content / "galleries/talka/ugunskurs.webp", "WEBP", (600, 400))
    (content / "galleries/talka/captions.yml").write_text(CAPTIONS, encoding="utf-8")
    for name in DISGUISED:
        phone_picture(content / "atteli" / name, "JPEG", (400, 300))
    phone_picture(content / "atteli/sakne.jpg", "JPEG", (400, 300))
    phone_picture(content / "atteli" / unicodedata.normalize("NFD", "Ēkas/ļoti.jpg"), "JPEG",
                  (400, 300))
    for name in ("kopija-a.jpg", "kopija-b.jpg", "kopija-c.jpg"):
        shutil.copyfile(content / "galleries/talka/stadisana.jpg", content / "atteli" / name)
    (content / "atteli/plans.pdf").write_bytes(PDF)
    (content / "atteli/logo.svg").write_bytes(DRAWING)
    (content / "attēli-citur.md").write_text(DISGUISED_ARTICLE, encoding="utf-8")
    (content / "plavas-diena.md").write_text(ARTICLE, encoding="utf-8")
    (content / "talka.md").write_text(GALLERY_ARTICLE, encoding="utf-8")
    (content / "newsletter").mkdir()
    (content / "newsletter/2024-05.md").write_text(
        "---\ntitle: Maija ievads\nauthors: [Redakcija]\n---\n\nMaijā divas ziņas.\n",
        encoding="utf-8")
    output = tmp / "out"
    result = build_with_cold_caches(content, output, tmp)
    assert result.returncode == 0, result.stderr
    assert "galleries/talka/ugunskurs.webp: location:" in result.stderr  # the warning
    for name in DISGUISED:  # recognised by content: warned about like any picture
        assert f"atteli/{name}: location: oriģinālā ir GPS" in result.stderr
    assert "kopienu_zinas.images" not in result.stderr  # the ContentProblem format alone
    return content, BuiltSite(output, "http://localhost:8000")


def published_pictures(built: BuiltSite) -> list[Path]:
    return [p for p in built.output.rglob("*") if p.is_file() and is_picture(p)
            and "theme" not in p.relative_to(built.output).parts]


def test_no_published_file_carries_metadata_or_is_an_original(
        site: tuple[Path, BuiltSite]) -> None:
    content, built = site
    originals = {digest(p) for p in content.rglob("*") if p.is_file() and is_picture(p)}
    published = published_pictures(built)
    assert len(published) > 30
    for path in published:
        data = path.read_bytes()
        assert digest(path) not in originals, path
        assert CAMERA.encode() not in data and b"GPSLatitude" not in data, path
        assert b"majas adrese" not in data and b"KopienuTest" not in data, path
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info), path


def test_the_originals_address_serves_the_processed_jpeg(site: tuple[Path, BuiltSite]) -> None:
    content, built = site
    with Image.open(built.output / "atteli/foto.jpg") as image:
        assert image.format == "JPEG" and image.width == 1600
    with Image.open(built.output / "atteli/plakats.png") as image:
        assert image.format == "PNG" and image.size == (900, 1200)
    assert (built.output / "atteli/foto.jpg").stat().st_size < (
        content / "atteli/foto.jpg").stat().st_size
    assert not (built.output / "galleries").exists()  # gallery originals never published


@pytest.mark.parametrize("name", DISGUISED)
def test_a_jpeg_with_another_ending_is_processed_never_copied(
        site: tuple[Path, BuiltSite], name: str) -> None:
    content, built = site
    published = built.output / "atteli" / name
    assert published.read_bytes() != (content / "atteli" / name).read_bytes()
    with Image.open(published) as image:
        assert image.format == "JPEG" and image.size == (400, 300)
        assert not image.getexif() and "comment" not in image.info
    assert (built.output / f"bildes/atteli/{output_stem(name)}-400.webp").is_file()


def test_documents_stay_static_files(site: tuple[Path, BuiltSite]) -> None:
    _content, built = site
    assert (built.output / "atteli/plans.pdf").read_bytes() == PDF


def test_a_drawing_is_published_cleaned_of_its_editors_data(
        site: tuple[Path, BuiltSite]) -> None:
    """QA session 9, fault 1: an Inkscape SVG was published as it was, author and home folder
    included; the published copy keeps the drawing alone, the editor's file is unchanged."""
    content, built = site
    assert (built.output / "atteli/logo.svg").read_bytes() == (
        b"<?xml version='1.0' encoding='UTF-8'?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
        b'width="10" height="10">\n\n<rect width="10" height="10" fill="#c00"/></svg>\n')
    assert (content / "atteli/logo.svg").read_bytes() == DRAWING
    assert "/atteli/logo.svg" in built.page("/zinas/2024/atteli-ar-citam-galotnem/")


def test_pictures_in_the_text_by_any_name_or_root_address_become_pictures(
        site: tuple[Path, BuiltSite]) -> None:
    _content, built = site
    page = Tags(built.page("/zinas/2024/atteli-ar-citam-galotnem/"))
    images = {img["alt"]: img for img in page.all("img")}
    assert images["Jfif"]["src"].endswith("/bildes/atteli/attels-400.jpg")
    assert images["Bez galotnes"]["src"].endswith("/bildes/atteli/bez-galotnes-400.jpg")
    assert images["No saknes"]["src"].endswith("/bildes/atteli/sakne-400.jpg")
    for alt in ("Jfif", "Bez galotnes", "No saknes"):
        assert (images[alt]["width"], images[alt]["height"]) == ("400", "300")
        assert "400w" in images[alt]["srcset"]
    assert "/atteli/sakne.jpg" not in built.page("/zinas/2024/atteli-ar-citam-galotnem/")


def test_a_decomposed_folder_name_is_published_composed(site: tuple[Path, BuiltSite]) -> None:
    _content, built = site
    names = {p.relative_to(built.output).as_posix() for p in built.output.rglob("*")}
    assert "atteli/Ēkas/ļoti.jpg" in names  # NFC: the address people type (and shared)
    assert "bildes/atteli/ekas/loti-400.webp" in names  # renditions: ASCII, like every slug
    assert not any(unicodedata.normalize("NFC", n) != n for n in names)


def test_identical_pictures_build_cold_again_to_the_same_bytes(
        site: tuple[Path, BuiltSite], tmp_path: Path) -> None:
    content, built = site
    for name in ("kopija-a.jpg", "kopija-b.jpg", "kopija-c.jpg"):
        with Image.open(built.output / "atteli" / name) as image:
            assert image.format == "JPEG" and not image.getexif()
    output = tmp_path / "out"
    result = build_with_cold_caches(content, output, tmp_path)
    assert result.returncode == 0, result.stderr
    compared = filecmp.dircmp(built.output, output)
    pictures = [p.relative_to(built.output) for p in published_pictures(built)]
    assert pictures and all(filecmp.cmp(built.output / p, output / p, shallow=False)
                            for p in pictures)
    assert not compared.left_only and not compared.right_only


def test_article_page_cover_with_credit_and_light_pictures_in_the_text(
        site: tuple[Path, BuiltSite]) -> None:
    _content, built = site
    html = built.page("/zinas/2024/plavas-diena-selija/")
    page = Tags(html)
    (og,) = [m["content"] for m in page.all("meta") if m.get("property") == "og:image"]
    assert og == f"{built.siteurl}/bildes/atteli/foto-1200.jpg"
    with Image.open(built.output / "bildes/atteli/foto-1200.jpg") as image:
        assert image.size == (1200, 900)
    assert '<figcaption class="credit">Foto: Anna Ozola</figcaption></figure>' in html
    images = page.all("img")
    cover, plakats, plava = images[0], images[1], images[2]
    assert cover["alt"] == "Cilvēki pļavā ar izkaptīm" and "loading" not in cover
    assert plakats["alt"] == "Plakāts pie sētas" and plakats["loading"] == "lazy"
    assert plava["alt"] == "Pļava vakarā" and plava["src"].endswith("/bildes/atteli/plava-960.jpg")
    for img in (cover, plakats, plava):
        assert img["width"] and img["height"] and "480w" in img["srcset"] and img["sizes"]
    assert {s["type"] for s in page.all("source")} >= {"image/webp"}
    assert "{static}" not in html and "/atteli/foto.jpg" not in html


def test_gallery_photo_as_cover_shows_on_its_article(site: tuple[Path, BuiltSite]) -> None:
    _content, built = site
    page = Tags(built.page("/zinas/2024/talka-latgale/"))
    (og,) = [m["content"] for m in page.all("meta") if m.get("property") == "og:image"]
    assert og == f"{built.siteurl}/bildes/galleries/talka/stadisana-1200.jpg"
    assert page.all("img")[0]["alt"] == "Cilvēki stāda kokus"


@pytest.mark.parametrize("url", ["/", "/regioni/selija/", "/temas/kopienas/"])
def test_cards_show_the_cover(site: tuple[Path, BuiltSite], url: str) -> None:
    _content, built = site
    html = built.page(url)
    assert "/bildes/atteli/foto-480.jpg" in html


def test_newsletter_issue_email_and_feed_show_the_cover(site: tuple[Path, BuiltSite]) -> None:
    _content, built = site
    cover = f"{built.siteurl}/bildes/atteli/foto-960.jpg"
    assert cover in built.page("/izdevums/2024/05/")
    assert cover in (built.output / "izdevums/2024/05/epasts.html").read_text(encoding="utf-8")
    rss = (built.output / "izdevums/rss.xml").read_text(encoding="utf-8")
    assert f'<media:content url="{cover}"' in rss


@pytest.mark.parametrize("feed", ["atom.xml", "rss.xml", "regioni/selija/atom.xml",
                                  "regioni/selija/rss.xml"])
def test_site_and_region_feeds_carry_the_cover_as_media_content(
        site: tuple[Path, BuiltSite], feed: str) -> None:
    import feedparser
    _content, built = site
    parsed = feedparser.parse((built.output / feed).read_bytes())
    [entry] = [e for e in parsed.entries if "plavas-diena-selija" in e.link]
    assert [(m["url"], m["medium"], m["type"], m["width"]) for m in entry.media_content] == [
        (f"{built.siteurl}/bildes/atteli/foto-960.jpg", "image", "image/jpeg", "960")]
    without_cover = [e for e in parsed.entries if not any(
        slug in e.link for slug in ("plavas-diena-selija", "talka-latgale"))]
    assert all(not e.get("media_content") for e in without_cover)


def test_pages_with_pictures_pass_the_nu_html_checker(site: tuple[Path, BuiltSite],
                                                      vnu_jar: str) -> None:
    _content, built = site
    pages = [str(built.output / p / "index.html") for p in
             ("zinas/2024/plavas-diena-selija", "zinas/2024/talka-latgale", "", "izdevums/2024/05")]
    result = subprocess.run(["java", "-Xss4m", "-jar", vnu_jar, "--errors-only", "--format",
                             "json", *pages], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [m["message"] for m in messages if m.get("type") != "info"] == []


def test_site_feeds_carry_one_absolute_jpeg_img_per_picture(
        site: tuple[Path, BuiltSite]) -> None:
    from tests.feedrules import atom_problems, rss_problems
    _content, built = site
    for name, problems in (("rss.xml", rss_problems), ("atom.xml", atom_problems)):
        data = (built.output / name).read_bytes()
        assert problems(data, f"{built.siteurl}/{name}") == []
        text = data.decode("utf-8")
        assert "&lt;picture" not in text and "<picture" not in text and "srcset" not in text
        assert f'img src="{built.siteurl}/bildes/atteli/plava-960.jpg"' in (
            text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"'))


#: The e-mail's text column in px (the e-mail edition: 600 px less 2 × 24 px padding).
EMAIL_COLUMN = 552


@pytest.mark.parametrize("feed", ["rss.xml", "atom.xml", "regioni/selija/rss.xml",
                                  "izdevums/rss.xml", "izdevums/atom.xml"])
def test_feed_pictures_are_at_most_the_email_column_wide_by_attribute(
        site: tuple[Path, BuiltSite], feed: str) -> None:
    """QA s9 F9: RSS-to-e-mail services send a feed item's content, and Outlook lays pictures
    out by their attributes: `width="960"` was 960 px in a 600 px message. Every picture in an
    item's content (feedparser's reading of content:encoded, RSS description, Atom content) is
    at most 552 px wide by attribute, its height in the proportion of the published file, which
    is the one the pages use (no new rendition)."""
    import feedparser
    _content, built = site
    parsed = feedparser.parse((built.output / feed).read_bytes())
    pictures = [img for entry in parsed.entries
                for part in entry.get("content") or [{"value": entry.get("summary", "")}]
                for img in Tags(part["value"]).all("img")
                if not str(img["src"]).endswith(".svg")]  # a drawing keeps its own size
    assert pictures, f"{feed}: no picture in any item"
    scaled = 0
    for img in pictures:
        source = built.output / str(img["src"]).removeprefix(built.siteurl + "/")
        with Image.open(source) as published:
            natural = published.size
        width, height = int(str(img["width"])), int(str(img["height"]))
        assert width == min(natural[0], EMAIL_COLUMN), (feed, img, natural)
        assert abs(height - natural[1] * width / natural[0]) <= 0.5, (feed, img, natural)
        scaled += natural[0] > EMAIL_COLUMN
    assert scaled, f"{feed}: no picture wider than the column: the scaling is not exercised"


# Damaged and unusual pictures (QA report of session 11) -------------------------------------

PICTURES_ARTICLE = """---
title: Attēli no telefona
date: 2024-05-13
region: Latgale
summary: Attēli no telefona un skenera.
gallery: telefons{cover}
---
{body}
"""


def two_places(content: Path, files: dict[str, Path], cover: str = "") -> None:
    """Each file both under atteli/ (shown in an article) and in the gallery `telefons`, with
    a healthy `zz-last.jpg` last in both (the picture a crash was once blamed on)."""
    healthy = content.parent / "zz-last.jpg"
    upright((400, 300)).save(healthy)  # no location: no warning names it
    files = {**files, "zz-last.jpg": healthy}
    (content / "atteli").mkdir(parents=True, exist_ok=True)
    gallery = content / "galleries/telefons"
    gallery.mkdir(parents=True)
    entries = []
    for name, source in files.items():
        shutil.copyfile(source, content / "atteli" / name)
        shutil.copyfile(source, gallery / name)
        entries.append(f"  - file: {name}\n    caption: Attēls {name}\n    alt: Skats {name}\n")
    (gallery / "captions.yml").write_text("title: Telefons\ndate: 2024-05-13\nphotos:\n"
                                          + "".join(entries), encoding="utf-8")
    body = "\n\n".join(f"![Skats {name}]({{static}}/atteli/{name})" for name in files)
    (content / "telefons.md").write_text(PICTURES_ARTICLE.format(cover=cover, body=body),
                                         encoding="utf-8")


def strict_build(content: Path, output: Path, caches: Path, workers: int | None = None
                 ) -> subprocess.CompletedProcess[str]:
    """`make check`'s build of `content` with cold caches of its own (location warning on)."""
    imaging = {"workers": workers}
    return run_build(output, "--strict",
                     "-e", f"IMAGES={json.dumps({**imaging, 'cache': str(caches / 'i')})}",
                     "-e", f"GALLERIES={json.dumps({**imaging, 'cache': str(caches / 'g')})}",
                     content=content)


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("error: ", "warning: "))]


def test_cut_heif_and_tiff_files_are_named_cut_short_in_every_place_without_pillows_words(
        tmp_path: Path) -> None:
    """Faults 3, 6, 7: a cut iPhone HEIC was published with a green block, a cut HEIF was an
    "unsupported format", a cut two-page TIFF printed Pillow's warning with a machine path and
    stopped the build with the generic crash message (its gallery copy never reported)."""
    content = tmp_path / "content"
    made = tmp_path / "made"
    made.mkdir()
    two_places(content, {
        "IMG_0001.HEIC": write_cut_grid_heic(made / "a.heic"),
        "plain.heif": write_cut(made / "b.heif", heif_bytes(upright((64, 48))), 0.6),
        "skenets.tif": write_cut_tiff(made / "c.tif")})
    result = strict_build(content, tmp_path / "out", tmp_path)
    assert result.returncode != 0
    lines = problem_lines(result.stderr)
    for name in ("IMG_0001.HEIC", "plain.heif", "skenets.tif"):
        for place in (f"atteli/{name}: image", f"galleries/telefons/{name}: photo"):
            assert sum(line.startswith(f"error: {place}: attēla fails ir nepilnīgs")
                       for line in lines) == 1, (place, result.stderr)
    assert not any("zz-last" in line for line in lines), result.stderr
    for words in ("Warning", "Corrupt EXIF", "Traceback", "neizdevās apstrādāt",
                  "neatbalstīts", "site-packages"):
        assert words not in result.stderr, result.stderr


def test_a_picture_its_decoder_gives_up_on_is_named_itself_in_every_place(
        tmp_path: Path) -> None:
    """Fault 2: decoding raised EOFError in a worker; the build's last net named another,
    healthy picture (`zz-last.jpg`), once; now each place of the broken one is named."""
    content = tmp_path / "content"
    made = tmp_path / "made"
    made.mkdir()
    upright((400, 300)).save(made / "a.jpg")
    upright((400, 300)).save(made / "c.png")
    two_places(content, {"a-talka.jpg": made / "a.jpg",
                         "bojats.heif": write_heif_short_item(made / "b.heif"),
                         "m-skats.png": made / "c.png"})
    result = strict_build(content, tmp_path / "out", tmp_path, workers=2)
    assert result.returncode != 0
    errors = [line for line in problem_lines(result.stderr) if line.startswith("error: ")]
    named = {line.split(": ")[1] for line in errors if "telefons.md" not in line}
    assert named == {"atteli/bojats.heif", "galleries/telefons/bojats.heif"}, result.stderr
    assert all("bojats.heif" in line for line in errors), result.stderr  # the article's link
    assert len(errors) == len(set(errors)) <= 3, result.stderr
    for place in ("atteli/bojats.heif: image", "galleries/telefons/bojats.heif: photo"):
        assert f"error: {place}: attēla fails ir nepilnīgs" in result.stderr, result.stderr
    assert "neizdevās apstrādāt" not in result.stderr


def test_long_pictures_are_published_within_every_encoders_limits_and_true_to_their_markup(
        tmp_path: Path) -> None:
    """Fault 1: a scrolling screenshot (taller than WebP's 16383 px) stopped the build; fault
    4: a scanner's TIFF with Orientation 6 was squeezed; fault 5: a .jfif and an ending-less
    JPEG were refused in a gallery; a panorama's og:image was 1200×8."""
    content = tmp_path / "content"
    made = tmp_path / "made"
    made.mkdir()
    screenshot = made / "a.png"
    Image.new("RGB", (120, 17000), (250, 250, 250)).save(screenshot)
    panorama = made / "b.jpg"
    Image.new("RGB", (6000, 40), (30, 30, 220)).save(panorama)
    scan = made / "c.tif"
    upright((160, 120)).transpose(Image.Transpose.ROTATE_90).save(scan, tiffinfo={274: 6})
    jfif = phone_picture(made / "d.jpg", "JPEG", (400, 300))
    two_places(content, {"ekranuznemums.png": screenshot, "panorama.jpg": panorama,
                         "skenets.tif": scan, "foto.jfif": jfif,
                         "bez-galotnes": shutil.copyfile(jfif, made / "e")},
               cover="\nimage: atteli/panorama.jpg\nimage_alt: Ezers no krasta līdz krastam")
    output = tmp_path / "out"
    result = build_with_cold_caches(content, output, tmp_path)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in problem_lines(result.stderr) if ": location: " not in line]
    assert [line.split(" (")[0] for line in warnings] == [  # the panorama is a strip on the page
        "warning: atteli/panorama.jpg: image: attēls ir tik garš un šaurs, ka lapā no tā "
        "paliek tikai svītra"], result.stderr
    built = BuiltSite(output, "http://localhost:8000")
    for url in ("/zinas/2024/atteli-no-telefona/", "/galerijas/telefons/"):
        page = Tags(built.page(url))
        assert len(page.all("img")) >= 6, url
        for img in page.all("img"):
            src = output / img["src"].removeprefix("http://localhost:8000/")
            with Image.open(src) as image:
                assert image.size == (int(img["width"]), int(img["height"])), img
        for srcset in [i["srcset"] for i in page.all("img")] + [
                s["srcset"] for s in page.all("source")]:
            for candidate in srcset.split(", "):
                url_, width = candidate.split()
                with Image.open(output / url_.removeprefix("http://localhost:8000/")) as image:
                    image.load()  # AVIF and WebP read again, as a browser would
                    assert f"{image.width}w" == width and max(image.size) <= 16383, candidate
    article = Tags(built.page("/zinas/2024/atteli-no-telefona/"))
    meta = {m.get("property"): m.get("content") for m in article.all("meta")}
    assert int(meta["og:image:width"]) >= 200 and int(meta["og:image:height"]) >= 200
    with Image.open(output / meta["og:image"].removeprefix("http://localhost:8000/")) as image:
        assert image.size == (int(meta["og:image:width"]), int(meta["og:image:height"]))
    for published in (output / "bildes/atteli/skenets-160.jpg",
                      output / "galerijas/telefons/skenets-160.jpg"):
        with Image.open(published) as image:  # upright, not squeezed into 120×160
            assert image.size == (160, 120)
            assert all(close(c, q) for c, q in zip(quadrant_colours(image), QUADRANTS,
                                                   strict=True))
    gallery = Tags(built.page("/galerijas/telefons/"))
    shown = {img["alt"] for img in gallery.all("img")}
    assert {"Skats foto.jfif", "Skats bez-galotnes"} <= shown
