"""Start a new article, event announcement or gallery with valid front matter.

    python -m kopienu_zinas.tools.new [--kind article|event|gallery] [--title T] [--region R]
                                      [--content DIR] [--today YYYY-MM-DD]

Asks for whatever is not given (when run in a terminal). New articles start as drafts
(`status: draft`): visible in the preview (make serve), never published until the editor deletes
that line, so the placeholder sentences can never go live by accident. Every file created here
passes `make check` as it is. Nothing that exists is ever overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pelican.settings import read_settings

from ..common.isodates import parse_build_date
from ..common.slugs import gives_address, slugify_with_settings

#: The kinds editors can start, with the names they may type for each.
KINDS = {
    "article": ("article", "raksts", "1"),
    "event": ("event", "pasakums", "pasākums", "2"),
    "gallery": ("gallery", "galerija", "3"),
}
KIND_LABELS = {"article": "raksts (article)", "event": "pasākuma pieteikums (event)",
               "gallery": "foto galerija (gallery)"}
#: An event announcement's placeholder event lies this far after today, at these hours.
EVENT_OFFSET = dt.timedelta(days=14)
EVENT_HOURS = ("18:00", "20:00")


class Refused(Exception):
    """The editor's request cannot be done as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Request:
    kind: str
    title: str
    region: str | None
    today: dt.date


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), safe for ':' and '#'."""
    return json.dumps(text, ensure_ascii=False)


def article_text(request: Request, extra_tags: Sequence[str] = (), events: str = "") -> str:
    tags = ", ".join(extra_tags)
    return f"""---
title: {quoted(request.title)}
date: {request.today.isoformat()}
region: {request.region}
# Tēmas un autori ir saraksti kvadrātiekavās: [bibliotēkas, kopienas]
tags: [{tags}]
authors: []
summary: Šeit ieraksti vienu vai divus teikumus par to, kas noticis un kāpēc tas ir svarīgi.
# Galvenais attēls (neobligāts; ceļš no content/ mapes) un tā apraksts ekrāna lasītājiem:
# image: atteli/foto.jpg
# image_alt: Kas redzams attēlā
# image_credit: "Foto: Vārds Uzvārds"
{events}# Melnraksts: redzams tikai priekšskatījumā (make serve). Izdzēs šo rindu, lai publicētu.
status: draft
---

Šeit raksti raksta tekstu. Tukša rinda sāk jaunu rindkopu.

## Starpvirsraksts

Teksts pēc starpvirsraksta.
"""


def event_text(request: Request) -> str:
    day = (request.today + EVENT_OFFSET).isoformat()
    start, end = EVENT_HOURS
    events = f"""# Pasākumi: datums ar laiku (GGGG-MM-DD SS:MM) vai tikai datums (visas dienas).
# Tiešsaistes pasākumam 'location' vietā raksti: online: https://…
events:
  - title: {quoted(request.title)}
    start: {day} {start}
    end: {day} {end}
    location: Norādi vietu un adresi
    status: scheduled
"""
    return article_text(request, ["pasākumi"], events)


def captions_text(request: Request) -> str:
    return f"""# Galerija. Ieliec fotoattēlus (.jpg, .png, .webp, .heic, .avif, .tif, .gif) šajā mapē;
# bez attēliem to nerāda.
# Rakstā to parāda rinda 'gallery: <mapes nosaukums>'.
title: {quoted(request.title)}
date: {request.today.isoformat()}
credit: "Foto: Vārds Uzvārds"
# Katram attēlam pieraksti parakstu, aprakstu ekrāna lasītājiem un (ja vajag) fotogrāfu;
# tā raksta arī pārlūka redaktors (/admin/):
# photos:
#   - file: foto-01.jpg
#     caption: Kas notiek attēlā (paraksts zem foto)
#     alt: Kas redzams attēlā (teksts ekrāna lasītājiem)
#     photographer: Vārds Uzvārds
# Piezīmes redakcijai (vietnē netiek publicētas):
# notes: Kas jāpapildina
"""


def target_path(content: Path, kind: str, slug: str) -> Path:
    if kind == "gallery":
        return content / "galleries" / slug / "captions.yml"
    return content / f"{slug}.md"


def create(request: Request, content: Path, settings: dict) -> Path:
    """Write the new file (and gallery folder); Refused if anything is in the way."""
    slug = slugify_with_settings(request.title, settings)
    if not gives_address(slug):
        raise Refused("no virsraksta nevar izveidot adresi (the title gives no address): "
                      "virsrakstā jābūt burtiem vai cipariem")
    path = target_path(content, request.kind, slug)
    existing = path.parent if request.kind == "gallery" else path
    if existing.exists():
        raise Refused(f"{existing} jau ir (already exists): nekas netika mainīts; "
                      "izvēlies citu virsrakstu")
    text = {"article": article_text, "event": event_text, "gallery": captions_text}[
        request.kind](request)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(text)
    return path


def match_kind(answer: str) -> str | None:
    answer = answer.strip().casefold()
    return next((kind for kind, names in KINDS.items() if answer in names), None)


def match_region(answer: str, regions: Sequence[str], settings: dict) -> str | None:
    """A region by name, ignoring case and diacritics ('rezekne' is Rēzekne), or by number."""
    answer = answer.strip()
    if answer.isdigit() and 1 <= int(answer) <= len(regions):
        return regions[int(answer) - 1]
    wanted = slugify_with_settings(answer, settings)
    return next((r for r in regions if slugify_with_settings(r, settings) == wanted), None)


def ask(prompt: str, accept: Callable[[str], str | None], ask_user: Callable[[str], str]) -> str:
    while True:
        value = accept(ask_user(prompt))
        if value:
            return value
        print("Nesapratu, mēģini vēlreiz (not understood, try again).")


def complete(args: argparse.Namespace, settings: dict,
             ask_user: Callable[[str], str] | None) -> Request:
    """Fill in what the command line left out by asking, or refuse when nobody can answer."""
    regions = list(settings["REGIONS"])

    def need(what: str) -> Callable[[str], str]:
        if ask_user is None:
            raise Refused(f"trūkst {what} (missing): piemēram make new KIND=article "
                          f'TITLE="Virsraksts" REGION={regions[0]}')
        return ask_user

    kind = match_kind(args.kind) if args.kind else None
    if args.kind and not kind:
        raise Refused(f"nezināms veids (unknown kind) '{args.kind}': article, event vai gallery")
    if not kind:
        menu = "; ".join(f"{names[-1]} = {KIND_LABELS[k]}" for k, names in KINDS.items())
        kind = ask(f"Ko veidosim? ({menu}): ", match_kind, need("KIND"))
    title = (args.title or "").strip() or ask("Virsraksts (title): ", str.strip, need("TITLE"))
    region = None
    if kind != "gallery":
        region = match_region(args.region, regions, settings) if args.region else None
        if args.region and not region:
            raise Refused(f"nezināms reģions (unknown region) '{args.region}': "
                          f"izvēlies vienu no: {', '.join(regions)}")
        if not region:
            menu = ", ".join(f"{n} = {r}" for n, r in enumerate(regions, 1))
            region = ask(f"Reģions (region) ({menu}): ",
                         lambda a: match_region(a, regions, settings), need("REGION"))
    return Request(kind, title, region, today(args.today))


def today(given: str | None) -> dt.date:
    """The date `make new` writes: `given` (TODAY=, an ISO date) or today in Riga. Raises
    Refused for a value that is no date (it was a SettingsError about BUILD_DATE)."""
    try:
        return parse_build_date(given).date()
    except ValueError:
        raise Refused(f"TODAY nav datums (TODAY is not a date) '{given}': "
                      "raksti TODAY=GGGG-MM-DD, piemēram TODAY=2026-11-23") from None


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kind", help="article, event or gallery (raksts, pasakums, galerija)")
    parser.add_argument("--title")
    parser.add_argument("--region")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    parser.add_argument("--today", help="ISO date used as today (default: today in Riga)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    settings = read_settings(args.settings)
    content = Path(args.content or settings["PATH"])
    ask_user = input if sys.stdin.isatty() else None
    try:
        request = complete(args, settings, ask_user)
        path = create(request, content, settings)
    except Refused as refusal:
        print(f"Neizdevās (refused): {refusal}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nAtcelts (cancelled): nekas netika izveidots.", file=sys.stderr)
        return 1
    shown = os.path.relpath(path)
    print(f"Izveidots (created): {path if shown.startswith('..') else shown}")
    if request.kind == "gallery":
        print("Ieliec fotoattēlus šajā mapē un papildini captions.yml.")
    else:
        preview = f"{settings['SITEURL']}/{settings['DRAFT_URL'].format(slug=path.stem)}"
        print(f"Tas ir melnraksts: 'make serve', tad {preview}. Kad raksts gatavs "
              "publicēšanai, izdzēs rindu 'status: draft'.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
