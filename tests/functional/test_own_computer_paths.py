"""Whole builds of tiny sites (QA round 11): a picture or link on the editor's own computer
stops `make check` with the line to write instead; a cover written `{static}/…` as in the
body is the cover; a link to a page's address with Latvian letters names the address meant."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from PIL import Image

from tests.sitebuild import run_build, run_make_check

ARTICLE = "---\ntitle: {title}\ndate: 2024-05-21\nregion: Latgale\nsummary: Īsi.\n{extra}---\n{body}\n"
TYPORA = (r"C:\Users\Ilze\AppData\Roaming\Typora\typora-user-images"
          r"\image-20261120.png")


def site(tmp_path: Path, articles: dict[str, tuple[str, str, str]]) -> Path:
    """content/ with one picture and a page; articles: file name → (title, extra, body)."""
    content = tmp_path / "content"
    (content / "atteli").mkdir(parents=True)
    (content / "pages").mkdir()
    Image.new("RGB", (64, 48), "white").save(content / "atteli" / "foto.jpg")
    (content / "pages" / "par-mums.md").write_text("---\ntitle: Par mums\n---\nTeksts.\n",
                                                   encoding="utf-8")
    for name, (title, extra, body) in articles.items():
        (content / name).write_text(ARTICLE.format(title=title, extra=extra, body=body),
                                    encoding="utf-8")
    return content


def errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


def test_make_check_names_pictures_and_links_on_the_editor_s_computer(tmp_path: Path) -> None:
    """QA: each of these passed `make check`, and the page and rss.xml/atom.xml published the
    Windows user name in a broken picture or link."""
    body = "\n\n".join([
        "Teksts.", "![y](C:/Users/Ilze/foto.jpg)", f'<img src="{TYPORA}" alt="x">',
        "[c](file:///etc/passwd)", r"[d](C:\Users\Ilze\Documents\raksts.docx)"])
    content = site(tmp_path, {
        "raksts.md": ("Raksts", "", body),
        "vaks.md": ("Vāks", "image: C:\\Users\\Ilze\\foto.jpg\nimage_alt: Foto\n", "Teksts."),
    })
    output = tmp_path / "output"
    result = run_make_check(content, output)
    assert result.returncode != 0 and not output.exists()
    own = ("ceļš uz failu tavā datorā: vietnē tā nav, lasītāji to neredz (a path to a file on "
           "your own computer: it is not on the site, readers cannot open it)")
    assert errors(result) == [
        f"error: raksts.md:9: image: {own}: C:/Users/Ilze/foto.jpg — fails ar šo nosaukumu ir "
        "content/atteli/foto.jpg: raksti ![y]({static}/atteli/foto.jpg)",
        f"error: raksts.md:11: image: {own}: C:\\Users\\Ilze\\AppData\\Roaming\\Typora\\"
        "typora-user-images\\image-20261120.png — iekopē attēlu image-20261120.png blakus "
        "rakstam un raksti ![x]({static}/image-20261120.png) vai mapē content/atteli/ un "
        "raksti ![x]({static}/atteli/image-20261120.png)",
        f"error: raksts.md:13: link: {own}: file:///etc/passwd — iekopē failu passwd blakus "
        "rakstam un raksti {static}/passwd vai mapē content/atteli/ un raksti "
        "{static}/atteli/passwd",
        f"error: raksts.md:15: link: {own}: C:\\Users\\Ilze\\Documents\\raksts.docx — iekopē "
        "failu raksts.docx blakus rakstam un raksti {static}/raksts.docx vai mapē "
        "content/atteli/ un raksti {static}/atteli/raksts.docx",
        f"error: vaks.md:6: image: {own}: C:\\Users\\Ilze\\foto.jpg — fails ar šo nosaukumu "
        "ir content/atteli/foto.jpg: raksti image: atteli/foto.jpg",
    ]


def test_a_cover_written_with_static_is_the_article_s_cover(tmp_path: Path) -> None:
    """QA: `image: "{static}/atteli/foto.jpg"` passed, and the page had no cover: its
    JSON-LD showed `…/{static}/atteli/foto.jpg`."""
    content = site(tmp_path, {"vaks.md": (
        "Vāks", 'image: "{static}/atteli/foto.jpg"\nimage_alt: Balta siena\n', "Teksts.")})
    output = tmp_path / "output"
    result = run_build(output, content=content)
    assert result.returncode == 0, result.stderr
    page = (output / "zinas" / "2024" / "vaks" / "index.html").read_text(encoding="utf-8")
    assert "{static}" not in page
    assert re.search(r'<picture\b.*?alt="Balta siena"', page, re.S)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page,
                                re.S).group(1))
    [image] = (data[0] if isinstance(data, list) else data)["image"]
    assert "/bildes/atteli/" in image and image.endswith(".jpg")


def test_a_link_with_latvian_letters_names_the_page_without_them(tmp_path: Path) -> None:
    """QA: `[e](/zinas/2026/ēkas-ārpusē/)` was "no such page" with no word of the page
    `/zinas/2026/ekas-arpuse/` (the site's addresses have no diacritics)."""
    content = site(tmp_path, {
        "ekas.md": ("Ēkas ārpusē", "", "Teksts."),
        "saite.md": ("Saite", "", "Teksts [e](/zinas/2024/ēkas-ārpusē/) un "
                                  "[f](/zinas/2024/nav-tadas/)."),
    })
    result = run_make_check(content, tmp_path / "output")
    assert result.returncode != 0
    assert errors(result) == [
        "error: saite.md:7: link: vietnē nav šādas lapas (no such page on the site): "
        "/zinas/2024/ēkas-ārpusē/ — vai domāts /zinas/2024/ekas-arpuse/? Raksti saitē "
        "/zinas/2024/ekas-arpuse/ (adresēs nav garumzīmju; lielie/mazie burti ir svarīgi)",
        "error: saite.md:7: link: vietnē nav šādas lapas (no such page on the site): "
        "/zinas/2024/nav-tadas/ — pārbaudi adresi; saitei uz citu rakstu raksti "
        "{filename}/faila-nosaukums.md, attēlam {static}/atteli/faila-nosaukums.jpg",
    ]
