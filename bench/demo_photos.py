"""Draw the demo gallery images: clearly marked illustrations, never passed off as photos.

We have no real photos of the events in the seed articles, so these galleries show simple
drawings (gradients and shapes) with the word "Ilustrācija" written across each one, and their
captions.yml say so. Run once to (re)create them; the output is committed:

    .venv/bin/python -m bench.demo_photos [content-folder]
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SIZE = (1200, 800)
NOTE = "Ilustrācija (nav notikuma foto)"


@dataclass(frozen=True)
class Demo:
    file: str
    colours: tuple[tuple[int, int, int], tuple[int, int, int]]
    caption: str
    alt: str
    portrait: bool = False  # stored sideways with an EXIF orientation tag, as phones do


GALLERIES = {
    "simpozija-fotoizstade": (
        "Fotoizstāde „Labākai dzīvei stiprās kopienās!” (ilustrācijas)", "2024-05-21", [
            Demo("01-izstades-zale.jpg", ((180, 60, 70), (240, 200, 150)),
                 "Ilustrācija: fotoizstādes stendi pils zālē",
                 "Zīmējums: sarkanbrūns fons ar taisnstūriem kā izstādes stendiem un uzrakstu "
                 "„Ilustrācija”"),
            Demo("02-kopienu-idejas.jpg", ((40, 90, 150), (160, 210, 230)),
                 "Ilustrācija: kopienu idejas izstādes stendos",
                 "Zīmējums: zils fons ar apļiem un uzrakstu „Ilustrācija”", portrait=True),
            Demo("03-resursu-centri.jpg", ((60, 120, 70), (220, 230, 160)),
                 "Ilustrācija: izstāde dosies uz kopienu resursu centriem",
                 "Zīmējums: zaļš fons ar trijstūriem un uzrakstu „Ilustrācija”"),
        ]),
    "biblioteku-tilti-rezekne": (
        "Projekta „Bibliotēku tilti” sanāksme (ilustrācijas)", "2025-06-20", [
            Demo("01-sanaksme.jpg", ((90, 60, 140), (230, 190, 220)),
                 "Ilustrācija: sanāksme Rēzeknes Centrālajā bibliotēkā",
                 "Zīmējums: violets fons ar galda formu un uzrakstu „Ilustrācija”"),
            Demo("02-gramatu-plaukti.jpg", ((120, 80, 40), (240, 220, 170)),
                 "Ilustrācija: grāmatu plaukti",
                 "Zīmējums: brūns fons ar vertikālām joslām kā grāmatu muguriņām un uzrakstu "
                 "„Ilustrācija”", portrait=True),
        ]),
    "gramatas-plaukta": (
        "„Grāmatas plauktā”: Sēlijas bibliotēkas (ilustrācijas)", "2024-01-31", [
            Demo("01-gramatas-plaukta.jpg", ((70, 100, 60), (230, 215, 170)),
                 "Ilustrācija: grāmatas plauktā lauku bibliotēkā",
                 "Zīmējums: zaļganbrūns fons ar formām kā grāmatām plauktā un uzrakstu "
                 "„Ilustrācija”"),
            Demo("02-atbalsta-punkts.jpg", ((40, 70, 110), (200, 220, 235)),
                 "Ilustrācija: bibliotēka kā pilsoniskās līdzdalības atbalsta punkts",
                 "Zīmējums: zils fons ar apļiem un uzrakstu „Ilustrācija”", portrait=True),
        ]),
}


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A system font with the Latvian letters (Pillow looks font names up in the system's font
    folders); Pillow's own default font lacks ā, so it is only the last resort."""
    for name in ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def draw(demo: Demo, seed: int) -> Image.Image:
    size = SIZE[::-1] if demo.portrait else SIZE
    top, bottom = demo.colours
    gradient = Image.linear_gradient("L").resize(size)
    image = Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), gradient)
    pen = ImageDraw.Draw(image)
    rng = random.Random(seed)
    for _ in range(9):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        r = rng.randrange(40, 160)
        shade = tuple(min(255, c + rng.randrange(-40, 60)) for c in top)
        box = (x - r, y - r, x + r, y + r)
        [pen.ellipse, pen.rectangle][rng.randrange(2)](box, fill=shade)
    image = image.filter(ImageFilter.GaussianBlur(2))
    pen = ImageDraw.Draw(image)
    font = _font(size[0] // 14)
    pen.text((size[0] // 2, size[1] // 2), NOTE.split(" (")[0], font=font, anchor="mm",
             fill="white", stroke_width=4, stroke_fill="black")
    pen.text((size[0] // 2, size[1] // 2 + size[0] // 10), "(nav notikuma foto)",
             font=_font(size[0] // 28), anchor="mm", fill="white", stroke_width=3,
             stroke_fill="black")
    return image


def captions(title: str, date: str, demos: list[Demo]) -> str:
    lines = ["# Demo galerija: zīmētas ilustrācijas (bench.demo_photos),",
             "# nevis notikuma fotogrāfijas.",
             f'title: "{title}"', f"date: {date}",
             'credit: "Ilustrācijas: Kopienu ziņas (nav notikuma foto)"', "photos:"]
    for demo in demos:
        lines += [f"  {demo.file}:", f'    caption: "{demo.caption}"', f'    alt: "{demo.alt}"']
    return "\n".join(lines) + "\n"


def write(content: Path) -> None:
    for seed, (name, (title, date, demos)) in enumerate(GALLERIES.items()):
        folder = content / "galleries" / name
        folder.mkdir(parents=True, exist_ok=True)
        for index, demo in enumerate(demos):
            image = draw(demo, seed * 10 + index)
            exif = Image.Exif()
            if demo.portrait:  # pixels stored turned left; orientation 6 turns them upright
                image = image.transpose(Image.Transpose.ROTATE_90)
                exif[0x0112] = 6
            image.save(folder / demo.file, "JPEG", quality=72, exif=exif)
        (folder / "captions.yml").write_text(captions(title, date, demos), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("content", nargs="?", default="content")
    write(Path(parser.parse_args().content))


if __name__ == "__main__":
    main()
