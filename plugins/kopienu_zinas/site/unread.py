"""Rule: every file under content/ is read, published or used by a plugin; any other is named.

Pelican leaves out without a word a file that no reader of its takes and that is no static
file: `LIELAIS.MD` or `x.Md` (it compares endings as written), `raksts.md.txt` (Notepad's
"Save as" with its *.txt filter), `x.md ` (a space after the ending), `x.txt`, `x.html` (the
HTML reader is off: READERS); such an article is simply not on the site. A `.rst` file goes to
its reStructuredText reader, which knows no YAML front matter: an English line "Skipping …:
could not find information about 'date'", or an article no rule has checked. The content
check names each such file with how to fix it (a file, so line 0). A file is accounted for
when

- a plugin reads it: every file directly in a gallery's folder `galleries/<name>/` (photos and
  captions.yml; the galleries plugin names what is no photo) and every `*.md` under
  `newsletter/` (the newsletter rules name a name that is no month);
- Pelican's Markdown reader reads it as an article or a page (an ending that reader takes,
  `.md`, `.markdown`, `.mkd` or `.mdown`, under ARTICLE_PATHS or PAGE_PATHS and not excluded);
- Pelican publishes it as it is, no reader taking it for a source: under STATIC_PATHS
  (`atteli/`), or named by an article or a page (`{static}`, `{attach}`, `image:`).

Events are front matter of articles, so they have no files of their own. What editors' tools
and operating systems leave behind (common/leftbehind.py) is never named: the listing leaves
it out (common/contentfolder.py `files`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pelican.readers import BaseReader
from pelican.settings import DEFAULT_CONFIG

from ..common.contentfolder import files
from ..common.frontmatter import (
    KIND_BY_FOLDER,
    MARKDOWN_ENDINGS,
    SourceDocument,
    extension_of,
    is_source,
    kind_of,
    markdown_ending,
)
from ..common.problems import ContentProblem
from ..images.paths import nfc
from .references import all_references, intrasite, resolve

#: Markdown endings (lower case) that editors' tools write and Pelican's Markdown reader does
#: not take (MARKDOWN_ENDINGS are the ones it does): GitHub Linguist's Markdown list and the
#: CommonMark spec's, less the ones of other languages (.scd, .workbook).
OTHER_MARKDOWN_ENDINGS = frozenset({"mkdn", "mdwn", "mdtxt", "mdtext", "markdn", "mkdown",
                                    "ronn", "livemd"})
#: Endings of files written as text: an article saved under another name (told "rename it to
#: ….md").
TEXT_ENDINGS = frozenset({*MARKDOWN_ENDINGS, *OTHER_MARKDOWN_ENDINGS, "txt", "text", "rst",
                          "html", "htm"})
#: Endings of text files that may as well be meant for download.
PLAIN_TEXT_ENDINGS = frozenset({"txt", "text"})


def check_unread(root: Path, documents: Sequence[SourceDocument],
                 settings: Mapping[str, Any]) -> list[ContentProblem]:
    """A problem for each file under content/ that nothing reads or publishes, sorted by path.

    Only when there is one are the articles' links read (a rule on every build: the usual
    content folder costs one pass over its listing, a few string tests per file)."""
    fates = Fates.of(settings)
    unread = [name for name in files(root) if not fates.taken(name)]
    if unread:
        named = named_files(documents, root)
        unread = [name for name in unread if fates.is_source(name) or nfc(name) not in named]
    return [unread_problem(name, settings) for name in unread]


@dataclass(frozen=True)
class Folders:
    """Paths under content/ as Pelican's settings list them (ARTICLE_PATHS, STATIC_EXCLUDES…):
    each one a file or folder, "" content/ itself."""

    everything: bool
    names: frozenset[str]
    prefixes: tuple[str, ...]

    @classmethod
    def of(cls, entries: Sequence[str]) -> Folders:
        stripped = [str(entry).strip("/") for entry in entries]
        return cls("" in stripped, frozenset(stripped), tuple(f"{n}/" for n in stripped if n))

    def hold(self, name: str) -> bool:
        """Whether the relative path is one of these paths or lies under one."""
        return self.everything or name in self.names or name.startswith(self.prefixes)

    def prune(self, name: str) -> bool:
        """Whether the relative path lies in one of these folders, as Pelican excludes them
        (the folder's name pruned from its walk: "" excludes nothing)."""
        return name.startswith(self.prefixes)


@dataclass(frozen=True)
class Fates:
    """What Pelican and the plugins do with a file under content/, from the settings."""

    readers: frozenset[str]
    documents: tuple[tuple[Folders, Folders], ...]
    static: Folders
    static_excludes: Folders

    @classmethod
    def of(cls, settings: Mapping[str, Any]) -> Fates:
        return cls(reader_extensions(settings), tuple(
            (Folders.of(_setting(settings, f"{kind}_PATHS")),
             Folders.of(_setting(settings, f"{kind}_EXCLUDES"))) for kind in ("ARTICLE", "PAGE")),
            Folders.of(_setting(settings, "STATIC_PATHS")),
            Folders.of(_setting(settings, "STATIC_EXCLUDES")))

    def is_source(self, name: str) -> bool:
        """Whether Pelican reads the file as an article or a page (and so never publishes it
        as it is): an ending a reader takes, under ARTICLE_PATHS or PAGE_PATHS, not excluded."""
        return extension_of(name) in self.readers and any(
            paths.hold(name) and not excludes.prune(name) for paths, excludes in self.documents)

    def taken(self, name: str) -> bool:
        """Whether a plugin or Pelican's Markdown reader reads the file, or Pelican publishes
        it under STATIC_PATHS (what a link publishes is asked afterwards)."""
        top, slash, _rest = name.partition("/")
        kind = KIND_BY_FOLDER.get(top) if slash else None  # as frontmatter.kind_of
        if kind == "gallery":
            return name.count("/") == 2  # galleries/<name>/<file>
        if kind == "newsletter":
            return is_source(name)
        if self.is_source(name):
            return markdown_ending(name)
        return self.static.hold(name) and not self.static_excludes.prune(name)


def reader_extensions(settings: Mapping[str, Any]) -> frozenset[str]:
    """The endings (without the dot, as written) Pelican's readers take, as its `Readers`
    makes them: every enabled reader's, then READERS (a reader set to None is off)."""
    readers: dict[str, Any] = {extension: reader
                               for reader in (BaseReader, *BaseReader.__subclasses__())
                               if reader.enabled for extension in reader.file_extensions}
    readers.update(_setting(settings, "READERS"))
    return frozenset(extension for extension, reader in readers.items() if reader)


def named_files(documents: Sequence[SourceDocument], root: Path) -> set[str]:
    """Paths under content/ (NFC) that articles and pages name for Pelican to publish as
    they are: `{static}` and `{attach}` links and pictures, `image:`."""
    named: set[str] = set()
    for document in documents:
        if document.kind in ("article", "page"):
            named.update(_relative(path, root) for path in _named_paths(document, root))
    return named


def _named_paths(document: SourceDocument, root: Path) -> Iterator[Path]:
    for reference in all_references(document):
        marker = intrasite(reference.target)
        path = resolve(reference.target, document, root) if marker else None
        if marker is not None and marker[0] in ("static", "attach") and path is not None:
            yield path
    image = document.metadata.get("image") if document.header_found else None
    path = resolve(image.strip(), document, root, relative_to_root=True) if isinstance(
        image, str) and image.strip() else None
    if path is not None:
        yield path


def _relative(path: Path, root: Path) -> str:
    return nfc(posixpath.normpath(path.relative_to(root).as_posix()))


def unread_problem(name: str, settings: Mapping[str, Any]) -> ContentProblem:
    """What is wrong with a file nothing reads or publishes, and how to fix it: a file out of
    a gallery's folder, an article under another name, or a file out of STATIC_PATHS."""
    parts = name.split("/")
    if kind_of(PurePosixPath(name)) == "gallery":
        return _gallery_problem(name, parts)
    if ending(parts[-1]) in TEXT_ENDINGS:
        target = "/".join([*parts[:-1], markdown_name(parts[-1])])
        download = ("; ja tas ir fails, uz ko saistīt, pārvieto to uz content/"
                    f"{_static_folder(settings)}/" if ending(parts[-1]) in PLAIN_TEXT_ENDINGS else "")
        trailing = parts[-1] != parts[-1].rstrip(" .")  # a space or dot no listing shows
        return ContentProblem(
            name, 0, "file", "fails netiek lasīts: raksti ir Markdown faili ar galotni .md",
            "this file is not read: articles are Markdown files whose names end in .md",
            f"pārsauc to par {target}{download}", f"'{parts[-1]}'" if trailing else "")
    folder = _static_folder(settings)
    return ContentProblem(
        name, 0, "file", f"fails netiek publicēts: tas nav mapē {folder}/, un neviens raksts to "
        "nenosauc", f"this file is not published: it is not under {folder}/ and no article "
        "links to it", f"pārvieto to uz content/{folder}/ un saisti ar "
        f"{{static}}/{folder}/{parts[-1]}; ja tas nav vajadzīgs, izdzēs to")


def _gallery_problem(name: str, parts: list[str]) -> ContentProblem:
    if len(parts) == 2:
        return ContentProblem(
            name, 0, "file", "fails nav nevienas galerijas mapē",
            "a file in galleries/ but in no gallery's folder: it is not read",
            f"pārvieto to uz galerijas mapi {parts[0]}/<galerijas-nosaukums>/")
    return ContentProblem(
        name, 0, "file", "galerijas apakšmapes netiek lasītas",
        "a file in a subfolder of a gallery: only the files directly in its folder are read",
        f"pārvieto to uz {parts[0]}/{parts[1]}/ vai izveido tam savu galeriju "
        f"{parts[0]}/<nosaukums>/")


def ending(name: str) -> str:
    """A name's ending as an editor means it: lower case, without the spaces and dots a
    name may end in ("md" for "x.md " and "LIELAIS.MD"; "" for none)."""
    base = name.rstrip(" .")
    return base.rpartition(".")[2].lower() if "." in base.lstrip(".") else ""


def markdown_name(name: str) -> str:
    """The Markdown file name meant: text endings, and spaces and dots after them, taken off,
    ".md" put on ("raksts.md.txt", "raksts.md ", "raksts.MARKDOWN" → "raksts.md")."""
    stem = name.rstrip(" .")
    while ending(stem) in TEXT_ENDINGS:
        stem = stem.rstrip(" .").rpartition(".")[0].rstrip(" .")
    return f"{stem or 'raksts'}.md"


def _static_folder(settings: Mapping[str, Any]) -> str:
    """The folder for pictures and files to link to: the first of STATIC_PATHS."""
    folders = _setting(settings, "STATIC_PATHS")
    return str(folders[0]).strip("/") if folders else "atteli"


def _setting(settings: Mapping[str, Any], key: str) -> Any:
    """A setting, or Pelican's default when the settings (a test's) lack it."""
    value = settings.get(key)
    return DEFAULT_CONFIG[key] if value is None else value
