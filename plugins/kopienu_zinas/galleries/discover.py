"""Gallery folders and their captions.yml, read into a validated model.

A gallery is `content/galleries/<name>/` with photos and an optional captions.yml:

    title: "Ilgu muižas mācības"
    date: 2024-03-03
    credit: "Foto: Vārds Uzvārds"
    photographer: Vārds Uzvārds      # default for every photo
    photos:                          # listed photos come first, in this order
      - file: foto-01.jpg
        caption: Dalībnieki pārrunā kopienas plānu
        alt: Cilvēki sēž pie galda ar papīra lapām
        photographer: Vārds Uzvārds
    notes: piezīmes redakcijai        # never published

The older form `photos: {foto-01.jpg: {caption: …}}` is still read (captions.py).

Every problem is a ContentProblem naming the file (and the line in captions.yml).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from ..common import isodates
from ..common.build import once
from ..common.conflicts import conflict_problems
from ..common.leftbehind import left_behind
from ..common.nocomments import COMMENT_AS_TEXT
from ..common.problems import ContentProblem
from ..common.sourcetext import XML_FORBIDDEN, read_source
from ..common.yamlnodes import compose
from ..common.yamlproblems import node_problems, syntax_problem
from ..common.yamlreferences import anchor_problems
from ..images.kinds import meant_as_picture
from ..images.paths import collisions, nfc, output_stem
from ..images.pipeline import PhotoError, open_picture, refused_ending, unsupported
from . import captions

FOLDER = "galleries"
CAPTIONS = "captions.yml"
#: `notes:` is the editors' own (never published; docs/galleries.md).
GALLERY_KEYS = {"title", "date", "credit", "photographer", "photos", "notes"}


@dataclass(frozen=True)
class PhotoSource:
    path: Path
    file: str
    caption: str
    alt: str
    photographer: str | None


@dataclass(frozen=True)
class GallerySource:
    name: str
    title: str
    date: dt.date
    credit: str | None
    photos: tuple[PhotoSource, ...]


def _text(node: yaml.Node | None) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.value.strip():
        return XML_FORBIDDEN.sub("", node.value).strip()  # node_problems reports them
    return None


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(node: yaml.Node | None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: (key, value) for key, value in node.value}


class _Reader:
    """Reads one gallery folder, collecting problems instead of stopping at the first."""

    def __init__(self, content_root: Path, folder: Path, max_pixels: int) -> None:
        self.root = content_root
        self.folder = folder
        self.max_pixels = max_pixels
        self.problems: list[ContentProblem] = []
        #: captions.yml could not be read (its one problem is named): no field is reported
        #: missing, as no rule looks at an article whose front matter cannot be read
        self.unreadable = False

    def rel(self, file: str) -> str:
        return nfc((self.folder / file).relative_to(self.root).as_posix())

    def problem(self, file: str, line: int, field: str, lv: str, en: str, fix: str,
                value: str = "") -> None:
        self.problems.append(ContentProblem(self.rel(file), line, field, lv, en, fix, value))

    def captions(self) -> yaml.Node | None:
        path = self.folder / CAPTIONS
        if not path.is_file():
            return None
        source = read_source(path, self.rel(CAPTIONS))
        self.problems.extend(source.problems)
        conflicts = conflict_problems(self.rel(CAPTIONS), source.text, field=CAPTIONS)
        if conflicts:  # one message at each conflict's line, not YAML's words about colons
            self.problems.extend(conflicts)
            self.unreadable = True
            return None
        try:
            node = compose(source.text)  # as the front matter is read
            self.problems.extend(node_problems(node, self.rel(CAPTIONS)))
            self.problems.extend(anchor_problems(self.rel(CAPTIONS), source.text, 1, CAPTIONS))
        except yaml.YAMLError as error:  # named as an article's front matter is
            self.problems.append(syntax_problem(self.rel(CAPTIONS), source.text, error,
                                                field=CAPTIONS))
            self.unreadable = True
            return None
        if node is not None and not isinstance(node, yaml.MappingNode):
            self.problem(CAPTIONS, _line(node), "captions.yml", "jābūt laukiem",
                         "must be a mapping", "raksti 'title: …', 'date: …', 'photos: …'")
            self.unreadable = True
            return None
        self.comments_as_text(node, CAPTIONS)
        return node

    def comments_as_text(self, node: yaml.Node | None, field: str) -> None:
        """A `<!--` in any value of captions.yml (title, caption, alt, photographer…): the
        gallery publishes it as text, marker and all (YAML's own `#` comments are not)."""
        if isinstance(node, yaml.ScalarNode) and "<!--" in node.value:
            self.problem(CAPTIONS, _line(node), field, *COMMENT_AS_TEXT, "<!--")
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                self.comments_as_text(value, str(key.value))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                self.comments_as_text(item, field)

    def photo_file_ok(self, name: str, file: Path) -> bool:
        """Is the file a picture the pipeline takes? Recognised by its content, as every other
        picture is (images/kinds.py): a JPEG named `.jfif`, `.JPG.txt` or with no ending is a
        photo, as the editors' guide says (QA report of session 11, fault 5). A file whose
        ending refuses it (JPEG XL, RAW…) or that is no picture by content nor by its ending
        is an unsupported format; one that promises a picture and cannot be read is named
        by the pipeline's words (empty, cut short, damaged)."""
        refused = refused_ending(file)
        if refused is None and not meant_as_picture(file):
            refused = unsupported(file.suffix or "(bez galotnes)")
        if refused is not None:
            self.problems.append(refused.problem.placed(self.rel(name), field="photo"))
            return False
        try:
            with open_picture(file, self.max_pixels):
                return True
        except PhotoError as error:
            self.problems.append(error.problem.placed(self.rel(name), field="photo"))
            return False

    def name_collisions(self, names: list[str]) -> set[str]:
        """Names whose output name another photo of the folder already has (each reported)."""
        clashing = set()
        for first, second in collisions(names):
            stem = output_stem(second)
            self.problem(second, 0, "photo", f"tāds pats publicētais nosaukums kā {first}",
                         f"same published name as {first}",
                         f"pārsauc vienu no failiem ({first} vai {second}), lai to nosaukumi "
                         f"atšķirtos ne tikai ar lielajiem burtiem, atstarpēm vai paplašinājumu",
                         stem)
            clashing.add(second)
        return clashing

    def read(self) -> GallerySource | None:
        node = self.captions()
        fields = _mapping(node)
        for key, (key_node, _value) in fields.items():
            if key not in GALLERY_KEYS:
                self.problem(CAPTIONS, _line(key_node), key, "nezināms lauks", "unknown field",
                             f"atļautie: {', '.join(sorted(GALLERY_KEYS))}")
        files = {nfc(p.name): p for p in sorted(self.folder.iterdir())
                 if p.is_file() and p.name != CAPTIONS and not left_behind(p.name)}
        if not files:
            return None  # an empty gallery is not shown (and is no error)
        if self.unreadable:  # the photos themselves are still checked
            for name, file in files.items():
                self.photo_file_ok(name, file)
            return None
        default_photographer = _text(fields.get("photographer", (None, None))[1])
        entries = self.photo_entries(fields.get("photos"), set(files))
        ordered = [f for f in entries if f in files]
        ordered += [name for name in sorted(files) if name not in entries]
        clashing = self.name_collisions(list(files))
        photos = []
        for name in ordered:
            if name in clashing:
                continue
            photo = self.photo(name, files[name], entries.get(name), default_photographer)
            if photo is not None:
                photos.append(photo)
        title, date = self.title_and_date(fields)
        if self.problems or title is None or date is None:
            return None
        return GallerySource(nfc(self.folder.name), title, date,
                             _text(fields.get("credit", (None, None))[1]), tuple(photos))

    def photo_entries(self, photos: tuple[yaml.Node, yaml.Node] | None,
                      present: set[str]) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if photos is None:
            return {}
        return captions.photo_entries(*photos, present, partial(self.problem, CAPTIONS))

    def photo(self, name: str, path: Path, entry: tuple[yaml.Node, yaml.Node] | None,
              default_photographer: str | None) -> PhotoSource | None:
        if not self.photo_file_ok(name, path):
            return None
        fields = _mapping(entry[1]) if entry else {}
        line = _line(entry[0]) if entry else 0
        where = (CAPTIONS, line) if entry else (name, 0)
        caption = _text(fields.get("caption", (None, None))[1])
        alt = _text(fields.get("alt", (None, None))[1])
        if alt is None:
            self.problem(*where, "alt", "attēlam nav apraksta ekrāna lasītājiem",
                         "photo has no alt text",
                         f"captions.yml sadaļā photos pie {name} pieraksti 'alt: kas redzams attēlā'",
                         name)
        if caption is None:
            self.problem(*where, "caption", "attēlam nav paraksta", "photo has no caption",
                         f"captions.yml sadaļā photos pie {name} pieraksti 'caption: …'", name)
        if alt is None or caption is None:
            return None
        photographer = _text(fields.get("photographer", (None, None))[1]) or default_photographer
        return PhotoSource(path, name, caption, alt, photographer)

    def title_and_date(self, fields: dict[str, tuple[yaml.Node, yaml.Node]]
                       ) -> tuple[str | None, dt.date | None]:
        title = _text(fields.get("title", (None, None))[1])
        if title is None:
            self.problem(CAPTIONS, 1, "title", "galerijai nav nosaukuma", "gallery has no title",
                         "captions.yml pieraksti 'title: Galerijas nosaukums'")
        raw = fields.get("date")
        text = _text(raw[1]) if raw else None
        date: dt.date | None = None
        if text:
            with suppress(ValueError):
                parsed, kind = isodates.parse(text)
                date = parsed if kind == "date" else None
        if date is None:
            self.problem(CAPTIONS, _line(raw[0]) if raw else 1, "date",
                         "galerijai nav derīga datuma", "gallery has no valid date",
                         "captions.yml pieraksti 'date: GGGG-MM-DD'", text or "")
        return title, date


def discover(content_root: Path, max_pixels: int
             ) -> tuple[list[GallerySource], list[ContentProblem]]:
    """Every gallery under content/galleries/ (sorted by name) and every problem found; what
    editors' tools and operating systems leave behind (`Thumbs.db`, `.DS_Store`, a `__MACOSX`
    folder; common/leftbehind.py) is neither a gallery nor a photo, and no problem."""
    base = content_root / FOLDER
    galleries: list[GallerySource] = []
    problems: list[ContentProblem] = []
    if not base.is_dir():
        return galleries, problems
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not left_behind(p.name)):
        reader = _Reader(content_root, folder, max_pixels)
        gallery = reader.read()
        problems.extend(reader.problems)
        if gallery is not None:
            galleries.append(gallery)
    return galleries, problems


def discover_once(settings: Mapping[str, Any], max_pixels: int
                  ) -> tuple[tuple[GallerySource, ...], tuple[ContentProblem, ...]]:
    """discover() over settings["PATH"], once per build (common/build.py): the content check
    and the generator share one reading, every photo opened once."""
    root = Path(settings["PATH"])

    def read() -> tuple[tuple[GallerySource, ...], tuple[ContentProblem, ...]]:
        galleries, problems = discover(root, max_pixels)
        return tuple(galleries), tuple(problems)
    return once(settings, ("galleries", root, max_pixels), read)
