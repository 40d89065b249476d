"""The newsletter's e-mail edition in an incremental build: it is rendered again exactly when
what it shows changed, including the size of a picture in the editor's introduction (the file
can be replaced under the same name)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from PIL import Image

from tests.sitebuild import ROOT, run_build

FIXTURE = ROOT / "tests/fixtures/newsletter"
JULY = "2024-07-02T09:00:00+03:00"
EMAIL = "izdevums/2024/05/epasts.html"
#: The e-mail edition's text column (theme/templates/macros/newsletter_look_email.html).
COLUMN = 552


def build(content: Path, output: Path) -> None:
    result = run_build(output, "--strict", "--build-date", JULY, content=content)
    assert result.returncode == 0, result.stderr


def intro_picture_size(output: Path) -> tuple[int, int]:
    """The width and height attributes of the introduction's picture in the e-mail edition."""
    html = (output / EMAIL).read_text(encoding="utf-8")
    tag = re.search(r'<img [^>]*src="[^"]*/atteli/plava\.jpg"[^>]*>', html)
    assert tag is not None, html
    width = re.search(r'\swidth="(\d+)"', tag.group(0))
    height = re.search(r'\sheight="(\d+)"', tag.group(0))
    assert width is not None and height is not None, tag.group(0)
    return int(width.group(1)), int(height.group(1))


def expected_size(output: Path) -> tuple[int, int]:
    """The published picture's size, at most the column wide, its height in proportion."""
    with Image.open(output / "atteli/plava.jpg") as picture:
        width, height = picture.size
    shown = min(width, COLUMN)
    return shown, round(height * shown / width)


def test_a_replaced_intro_picture_gives_the_email_its_new_size(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "atteli").mkdir()
    Image.new("RGB", (800, 600), "green").save(content / "atteli/plava.jpg")
    intro = content / "newsletter/2024-05.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n![Zaļa pļava](/atteli/plava.jpg)\n",
                     encoding="utf-8")
    output = tmp_path / "output"
    build(content, output)
    landscape = intro_picture_size(output)
    assert landscape == expected_size(output)

    Image.new("RGB", (600, 900), "green").save(content / "atteli/plava.jpg")
    build(content, output)  # the same output folder and caches: an incremental build
    assert intro_picture_size(output) == expected_size(output) != landscape
