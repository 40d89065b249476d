"""Paths an editor's own computer understands and the site does not (QA round 11): a Windows
drive (`C:\\…`, `C:/…`, `C:name`), a UNC path, a `file:` URI — in links, pictures, raw HTML
and `image:` — are errors that name the file to copy and what to write; a path with Windows'
`\\` between folders, a `{filename}` link differing only by case and an address with Latvian
letters name the file or page meant; `image:` may be written `{static}/…` as in the body."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from kopienu_zinas.common.problems import ContentProblem
from kopienu_zinas.images.paths import content_relative
from kopienu_zinas.site import register
from kopienu_zinas.site.linkcheck import PlannedLink, WrittenAlike, file_urls, plain_letters
from kopienu_zinas.site.localpaths import file_name, own_computer
from tests.signals import registered
from tests.sitebuild import problems_in_file

SETTINGS = {"REGIONS": ["Latgale"], "BUILD_DATE": "2026-11-23", "STATIC_PATHS": ["atteli"],
            "SITEURL": "https://kopienuzinas.lv"}
HEADER = "---\ntitle: Raksts\ndate: 2024-05-20\nregion: Latgale\nsummary: Īsi.\n{extra}---\n\n"
BODY_LINE = 8  # the file line of the body's first line after HEADER without extra fields
OWN = ("ceļš uz failu tavā datorā: vietnē tā nav, lasītāji to neredz",
       "a path to a file on your own computer: it is not on the site, readers cannot open it")
TYPORA = (r"C:\Users\Ilze\AppData\Roaming\Typora\typora-user-images"
          r"\image-20261120.png")


def problems_for(root: Path, body: str = "Teksts.\n", extra: str = "",
                 name: str = "raksts.md") -> list[ContentProblem]:
    with registered(register):
        found = problems_in_file(root, name, HEADER.format(extra=extra) + body, SETTINGS)
    return [problem for problem in found if problem.path == name]


def picture(root: Path, relative: str) -> None:
    (root / relative).parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 8), "white").save(root / relative)


@pytest.mark.parametrize(("body", "field", "value"), [
    ("![y](C:/Users/Ilze/foto.jpg)", "image", "C:/Users/Ilze/foto.jpg"),
    (r"![e](C:\Users\Ilze\Pictures\foto.jpg)", "image", r"C:\Users\Ilze\Pictures\foto.jpg"),
    (f'<img src="{TYPORA}" alt="x">', "image", TYPORA),
    (f"![image-20261120]({TYPORA})", "image", TYPORA),
    ("![m](file:///C:/Users/Ilze/foto.jpg)", "image", "file:///C:/Users/Ilze/foto.jpg"),
    ("[c](file:///etc/passwd)", "link", "file:///etc/passwd"),
    (r"[d](C:\Users\Ilze\Documents\raksts.docx)", "link", r"C:\Users\Ilze\Documents\raksts.docx"),
    ("![u](FILE://server/share/foto.jpg)", "image", "FILE://server/share/foto.jpg"),
    ("<img src='file://server/share/foto.jpg' alt='u'>", "image",
     "file://server/share/foto.jpg"),
    (r'<img src="\\server\share\foto.jpg" alt="u">', "image", r"\\server\share\foto.jpg"),
    (r"![u](\\server\share\foto.jpg)", "image", r"\\server\share\foto.jpg"),
    (r'<img srcset="C:\a\foto.jpg 2x" alt="s">', "image", r"C:\a\foto.jpg"),
    (r'<video poster="C:\a\foto.jpg" controls></video>', "image", r"C:\a\foto.jpg"),
    (r'<a href="C:\Users\Ilze\Desktop\plans.pdf">plāns</a>', "link",
     r"C:\Users\Ilze\Desktop\plans.pdf"),
    ("[id]: C:/Users/Ilze/plans.pdf\n\n[k][id]", "link", "C:/Users/Ilze/plans.pdf"),
    ("<file:///C:/Users/Ilze/plans.pdf>", "link", "file:///C:/Users/Ilze/plans.pdf"),
], ids=["drive-slash", "drive-backslash", "typora-html", "typora-markdown", "file-uri-picture",
        "file-uri-link", "drive-link", "file-uri-host", "file-uri-host-html", "unc-html",
        "unc-markdown", "srcset", "poster", "html-link", "definition", "autolink"])
def test_a_path_on_the_editor_s_computer_in_the_body_is_one_error(
        tmp_path: Path, body: str, field: str, value: str) -> None:
    """QA: each passed `make check` and was published as written: a broken picture or link,
    the Windows user name in the page and every feed."""
    [problem] = problems_for(tmp_path, f"Teksts.\n\n{body}\n")
    assert (problem.line, problem.field, problem.what_lv, problem.what_en, problem.value) == (
        BODY_LINE + 2, field, *OWN, value)
    assert problem.severity == "error"


@pytest.mark.parametrize("image", [r"C:\Users\Ilze\foto.jpg", "D:/Bildes/foto.jpg",
                                   "C:foto.jpg", "file:///C:/Users/Ilze/foto.jpg",
                                   "file:///home/ilze/foto.jpg", r"\\server\share\foto.jpg"])
def test_a_cover_on_the_editor_s_computer_is_one_error_with_the_line_to_write(
        tmp_path: Path, image: str) -> None:
    """QA: `image: C:\\Users\\Ilze\\foto.jpg` lost the cover in silence (JSON-LD showed the
    path); `image: file:…` had another message that did not say where the file is."""
    picture(tmp_path, "atteli/foto.jpg")
    [problem] = problems_for(tmp_path, extra=f"image: {image}\nimage_alt: Foto\n")
    assert (problem.line, problem.field, problem.what_lv, problem.value) == (
        6, "image", OWN[0], image)
    assert problem.fix == ("fails ar šo nosaukumu ir content/atteli/foto.jpg: raksti "
                           "image: atteli/foto.jpg")


def test_the_fix_says_where_to_copy_the_file_and_what_to_write(tmp_path: Path) -> None:
    """No file of that name under content/: copy it next to the article or into
    content/atteli/, with the Markdown for each (a name with a space in `<…>`)."""
    (tmp_path / "raksti").mkdir()
    found = problems_for(tmp_path, f'<img src="{TYPORA}" alt="Plakāts">\n\n'
                         r"[plāns](C:\Users\Ilze\Documents\darba plāns.docx)" "\n",
                         extra=r"image: C:\Bildes\vāks.jpg" "\nimage_alt: Vāks\n",
                         name="raksti/raksts.md")
    assert sorted((p.line, p.fix) for p in found) == [
        (6, "iekopē attēlu vāks.jpg blakus rakstam un raksti image: raksti/vāks.jpg vai mapē "
            "content/atteli/ un raksti image: atteli/vāks.jpg"),
        (10, "iekopē attēlu image-20261120.png blakus rakstam un raksti "
            "![Plakāts]({static}/raksti/image-20261120.png) vai mapē content/atteli/ un raksti "
            "![Plakāts]({static}/atteli/image-20261120.png)"),
        (12, "iekopē failu darba plāns.docx blakus rakstam un raksti "
             "{static}/raksti/darba%20pl%C4%81ns.docx vai mapē content/atteli/ un raksti "
             "{static}/atteli/darba%20pl%C4%81ns.docx"),
    ]


def test_the_markdown_suggested_for_a_file_under_content_passes_the_check(
        tmp_path: Path) -> None:
    """When a file of that name is under content/ (the editor copied it), the fix is the
    line to write; pasted, it has no problem."""
    picture(tmp_path, "atteli/2026/Foto 1.jpg")
    [problem] = problems_for(tmp_path, r"![Zāle](C:\Users\Ilze\Pictures\foto 1.JPG)" "\n")
    assert problem.fix == ("fails ar šo nosaukumu ir content/atteli/2026/Foto 1.jpg: raksti "
                           "![Zāle](<{static}/atteli/2026/Foto 1.jpg>)")
    pasted = problem.fix.split("raksti ", 1)[1]
    assert problems_for(tmp_path, pasted + "\n") == []


def test_a_site_path_with_backslashes_is_not_the_editor_s_computer(tmp_path: Path) -> None:
    """`\\atteli\\foto.jpg` is read by browsers as `/atteli/foto.jpg`, a path of the site:
    not a UNC path (that is `\\\\server\\share\\file`); web addresses are not either, nor
    `\\\\tracker.example\\x.gif` (another site's picture to browsers: rawhtml.py's)."""
    picture(tmp_path, "atteli/foto.jpg")
    body = ("[a](https://lv.wikipedia.org/wiki/C) [b](mailto:a@example.org) "
            "[c](//example.org/x)\n")
    assert problems_for(tmp_path, body) == []
    assert not own_computer(r"\atteli\foto.jpg")
    assert [own_computer(a) for a in (" C:\\x", "c:x", "\tfile:x", "\\\\nas\\bildes\\a.jpg",
                                      "http://c:80/", "\\\\tracker.example\\x.gif")] == [
        True, True, True, True, False, False]  # the last: a host and a file, no share
    assert [file_name(a) for a in ("file:///C:/", "C:\\", "file:///a%20b.jpg", "C:x.jpg")] == [
        "", "", "a b.jpg", "x.jpg"]


@pytest.mark.parametrize(("body", "fix"), [
    (r"![a]({static}\atteli\foto.jpg)", "raksti ![a]({static}/atteli/foto.jpg)"),
    (r"![a](\atteli\foto.jpg)", "raksti ![a]({static}/atteli/foto.jpg)"),
    (r"[p]({static}\atteli\plans.pdf)", "raksti {static}/atteli/plans.pdf"),
    (r"[r]({filename}\cits.md)", "raksti {filename}/cits.md"),
])
def test_a_path_with_backslashes_names_the_path_with_slashes(tmp_path: Path, body: str,
                                                            fix: str) -> None:
    """QA: `{static}\\atteli\\foto.jpg` was only "not found"."""
    picture(tmp_path, "atteli/foto.jpg")
    (tmp_path / "atteli" / "plans.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "cits.md").write_text(HEADER.format(extra="") + "Teksts.\n", encoding="utf-8")
    [problem] = problems_for(tmp_path, body + "\n")
    assert problem.what_en == ("the path separates folders with '\\' (as Windows does); on "
                               "the site only '/' does")
    assert (problem.line, problem.fix, problem.value) == (BODY_LINE, fix, body[body.index("(")
                                                                              + 1:-1])


def test_a_cover_with_backslashes_names_the_path_with_slashes(tmp_path: Path) -> None:
    picture(tmp_path, "atteli/foto.jpg")
    [problem] = problems_for(tmp_path, extra="image: atteli\\foto.jpg\nimage_alt: Foto\n")
    assert (problem.field, problem.fix) == ("image", "raksti image: atteli/foto.jpg")


def test_a_filename_link_differing_only_by_case_names_the_file_as_pictures_do(
        tmp_path: Path) -> None:
    """QA: `{filename}/Darbigo-….md` for `darbigo-….md` had no "did you mean", pictures had."""
    (tmp_path / "darbigo-kopienu-simpozijs.md").write_text(HEADER.format(extra="") + "T.\n",
                                                            encoding="utf-8")
    picture(tmp_path, "atteli/foto.jpg")
    [problem] = problems_for(tmp_path, "[x]({filename}/Darbigo-kopienu-simpozijs.md)\n")
    assert problem.fix == ("vai domāts darbigo-kopienu-simpozijs.md? Raksti "
                           "{filename}/darbigo-kopienu-simpozijs.md (lielie/mazie burti ir "
                           "svarīgi)")
    [problem] = problems_for(tmp_path, "[y]({filename}/atteli/Foto.jpg)\n")
    assert problem.fix == ("vai domāts atteli/foto.jpg? Raksti {static}/atteli/foto.jpg "
                           "(lielie/mazie burti ir svarīgi)")


@pytest.mark.parametrize("image", ["{static}/atteli/foto.jpg", "|static|/atteli/foto.jpg",
                                   "{static}atteli/foto.jpg"])
def test_a_cover_written_as_in_the_body_is_the_same_picture(tmp_path: Path,
                                                             image: str) -> None:
    """QA: `image: "{static}/atteli/foto.jpg"` passed the check and lost the cover in the
    build (JSON-LD: `…/{static}/atteli/foto.jpg`). It is the path the body would mean:
    the check and the images plugin find the same picture."""
    picture(tmp_path, "atteli/foto.jpg")
    assert problems_for(tmp_path, extra=f'image: "{image}"\nimage_alt: Foto\n') == []
    assert content_relative(image, "raksts.md", relative_to_root=True) == "atteli/foto.jpg"
    assert content_relative("{static}foto.jpg", "raksti/a.md",
                            relative_to_root=True) == "raksti/foto.jpg"
    assert content_relative("atteli/foto.jpg", "raksti/a.md",
                            relative_to_root=True) == "atteli/foto.jpg"
    missing = problems_for(tmp_path, extra='image: "{static}/atteli/nav.jpg"\nimage_alt: F\n')
    assert [p.what_en for p in missing] == ["image file not found"]


def test_a_cover_written_with_filename_is_named(tmp_path: Path) -> None:
    """`{filename}` in `image:` would find no picture in the images plugin: named, not a
    cover lost in silence."""
    picture(tmp_path, "atteli/foto.jpg")
    [problem] = problems_for(tmp_path, extra='image: "{filename}/atteli/foto.jpg"\n'
                                             "image_alt: Foto\n")
    assert (problem.field, problem.what_en) == (
        "image", "{filename} links to an article, not to a picture")


def test_an_address_with_latvian_letters_names_the_page_without_them() -> None:
    """QA: `[e](/zinas/2026/ēkas-ārpusē/)` was only "no such page"; the site's addresses have
    no diacritics (slugs), and the page `/zinas/2026/ekas-arpuse/` was there."""
    written = frozenset(url for name in ("zinas/2026/ekas-arpuse/index.html",
                                         "zinas/2026/cits/index.html", "atteli/foto.jpg")
                        for url in file_urls(name))
    alike = WrittenAlike(written)

    def fixed(url: str, what: tuple[str, str], fragment: str = "") -> str:
        problem = ContentProblem("raksts.md", 9, "link", *what, "pārbaudi adresi", url)
        return alike.named(PlannedLink(url.lstrip("/"), problem, fragment)).fix

    no_page = ("vietnē nav šādas lapas", "no such page on the site")
    assert fixed("/zinas/2026/ēkas-ārpusē/", no_page) == (
        "vai domāts /zinas/2026/ekas-arpuse/? Raksti saitē /zinas/2026/ekas-arpuse/ (adresēs "
        "nav garumzīmju; lielie/mazie burti ir svarīgi)")
    assert fixed("/zinas/2026/Ēkas-Ārpusē", no_page, "x").startswith(
        "vai domāts /zinas/2026/ekas-arpuse/#x?")
    assert fixed("/atteli/FOTO.jpg", ("vietnē nav šāda attēla", "no such picture on the site")
                 ).startswith("vai domāts /atteli/foto.jpg?")
    assert fixed("/zinas/2026/nav/", no_page) == "pārbaudi adresi"
    assert plain_letters("Ģērbšanās-ŅŪĶĻČŽĪ") == "gerbsanas-nuklczi"


def test_a_unc_picture_over_two_lines_is_one_error(tmp_path: Path) -> None:
    """The Markdown picture's line is its `![`; the doubled `\\\\` is looked for from there."""
    found = problems_for(tmp_path, "![Zāle\nvakarā](\\\\nas\\bildes\\zale.jpg)\n")
    assert [(p.line, p.what_en, p.value) for p in found] == [
        (BODY_LINE + 1, OWN[1], r"\\nas\bildes\zale.jpg")]
