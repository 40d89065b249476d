"""Rule: every path an editor writes stays inside content/, every address inside the site.

A path with `..` (or a symbolic link) that leads out of content/ would make Pelican copy a
file from elsewhere on the machine into the site, or write one next to the output folder
(issue 10, point 3): this matters most when outside contributors' pull requests are built in
CI. Checked here, where the files are read, for every kind of path:

- links and pictures in Markdown and HTML: `{static}`, `{filename}`, `{attach}` (and `|…|`);
- links, pictures and `image:` that name a file on the editor's own computer (`C:\\…`,
  `\\\\server\\share\\…`, `file:…`): localpaths.py;
- front matter: `image:`, `gallery:`, and the address fields `slug:`, `save_as:`, `url:`;
- gallery `captions.yml`: the file names under `photos:`;
- symbolic links anywhere under content/ that point outside it, those that lead to no file (its
  file gone, or a loop of links), and those inside it that would make Pelican read the same
  files twice (a link to a folder, or to an article or a page);
- `{static}` and `{attach}` paths to what editors' tools and operating systems leave behind
  (`atteli/.DS_Store`, `._foto.png`; common/leftbehind.py), which Pelican would publish when
  linked; such files themselves are never listed, so never reported (an emacs lock
  `.#raksts.md`, a link to nowhere, is none of the links above).

This module's content_check also runs the rule of unread.py: every file under content/ that
nothing reads or publishes is named.

Newsletter introductions are Markdown documents like the others, so their links are covered by
the first item. The writing side (what Pelican would write outside the output folder) is
guarded in outputs.py.
"""

from __future__ import annotations

import errno
import os
import posixpath
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from pelican.readers import HTMLReader

from ..common.contentfolder import realpath, symlinks
from ..common.frontmatter import MARKDOWN_ENDINGS, SourceDocument
from ..common.leftbehind import left_behind, left_behind_path
from ..common.problems import ContentProblem
from ..common.yamlnodes import compose
from . import localpaths
from .references import all_references, intrasite, is_inside, resolve
from .unread import check_unread

GALLERY_FOLDER = "galleries"
CAPTIONS = "captions.yml"
#: Front-matter fields that Pelican puts into the output file name as written.
ADDRESS_FIELDS = ("save_as", "url")

OUTSIDE = ("ceļš iziet ārpus content/ mapes", "path leads outside the content/ folder")
OUTSIDE_FIX = ("norādi failu content/ mapē, ceļu sākot ar '/', piemēram "
               "{static}/atteli/foto.jpg; '..' nedrīkst izvest ārpus content/")
LEFT_BEHIND_LINK = ("datora vai redaktora programmas atstāts fails, tas netiek publicēts",
                    "a file operating systems or editors leave behind (.DS_Store, ._…, "
                    "Thumbs.db, …~): it is never published")
LEFT_BEHIND_LINK_FIX = ("saisti uz pašu attēlu vai failu (macOS '._foto.png' ir tikai tā "
                        "ēna: saisti uz 'foto.png'); ja tas ir īsts fails, pārsauc to")


def check_document(sender: Any, document: SourceDocument,
                   settings: dict[str, Any]) -> list[ContentProblem]:
    """document_check: paths in this document's body and front matter."""
    root = Path(settings["PATH"])
    return [*check_body(document, root), *check_header(document, root),
            *localpaths.check_document(document, root, _static_folder(settings))]


def check_documents(sender: Any, documents: Sequence[SourceDocument],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    """content_check: what is not one document's (gallery captions, symbolic links, files
    nothing reads or publishes)."""
    root = Path(settings["PATH"])
    return [*check_captions(root), *check_symlinks(root),
            *check_unread(root, documents, settings)]


def check_body(document: SourceDocument, root: Path) -> Iterator[ContentProblem]:
    """`{static}`/`{filename}`/`{attach}` links and pictures whose file lies outside content/,
    and `{static}`/`{attach}` ones to a file left behind (Pelican would publish it)."""
    for reference in all_references(document):
        marker = intrasite(reference.target)
        if marker is None:
            continue  # plain URLs are addresses on the site, not files: see linkcheck.py
        target = resolve(reference.target, document, root)
        if target is None:
            continue
        if not is_inside(target, root):
            yield ContentProblem(document.path, reference.line, reference.field, *OUTSIDE,
                                 OUTSIDE_FIX, reference.target)
        elif marker[0] != "filename" and left_behind_path(
                posixpath.normpath(target.relative_to(root).as_posix())):
            yield ContentProblem(document.path, reference.line, reference.field,
                                 *LEFT_BEHIND_LINK, LEFT_BEHIND_LINK_FIX, reference.target)


def check_header(document: SourceDocument, root: Path) -> Iterator[ContentProblem]:
    if not document.header_found or document.node is None:
        return
    metadata = document.metadata
    image = metadata.get("image")
    if isinstance(image, str) and image.strip():
        target = resolve(image.strip(), document, root, relative_to_root=True)
        if target is not None and not is_inside(target, root):
            yield document.problem("image", *OUTSIDE, value=image,
                                   fix="norādi attēlu content/ mapē, piemēram "
                                       "'image: atteli/foto.jpg' (bez '..')")
    gallery = metadata.get("gallery")
    galleries = root / GALLERY_FOLDER
    if isinstance(gallery, str) and gallery.strip() and not _strictly_inside(
            galleries / gallery.strip(), galleries):
        yield document.problem(
            "gallery", "galerija ārpus content/galleries/ mapes",
            "the gallery lies outside the content/galleries/ folder",
            f"raksti tikai mapes nosaukumu no content/{GALLERY_FOLDER}/, "
            "piemēram 'gallery: ilgu-muizas-macibas'", gallery)
    slug = metadata.get("slug")
    if isinstance(slug, str) and slug.strip() and not is_one_name(slug.strip()):
        yield document.problem(
            "slug", "adreses vārdā nedrīkst būt '/', '\\' vai '..'",
            "a slug must be one part of the address, without '/', '\\' or '..'",
            "raksti tikai burtus, ciparus un domuzīmes, piemēram 'slug: ilgu-muizas-macibas'",
            slug)
    for name in ADDRESS_FIELDS:
        value = metadata.get(name)
        if isinstance(value, str) and leaves_folder(value):
            yield document.problem(
                name, "adrese iziet ārpus vietnes mapes",
                "address leads outside the site's output folder",
                f"izdzēs rindu '{name}:' (adresi veido virsraksts) vai raksti ceļu bez '..' "
                "un bez '/' sākumā", value)


def _static_folder(settings: dict[str, Any]) -> str:
    """Where the fixes put pictures and files to link to: the first of STATIC_PATHS."""
    folders = settings.get("STATIC_PATHS")
    return str(folders[0]).strip("/") if folders else localpaths.FOLDER


def leaves_folder(relative: str) -> bool:
    """Whether a relative file path (as Pelican joins it to a folder) ends up outside it."""
    path = relative.strip().replace("\\", "/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return True
    normal = posixpath.normpath(path) if path else "."
    return normal == ".." or normal.startswith("../")


def _strictly_inside(path: Path, folder: Path) -> bool:
    return is_inside(path, folder) and realpath(path) != realpath(folder)


def is_one_name(name: str) -> bool:
    """Whether a name is one part of an address (no "/", "\\", "." or "..")."""
    return "/" not in name and "\\" not in name and name not in (".", "..")


def check_captions(root: Path) -> Iterator[ContentProblem]:
    """File names under `photos:` in every gallery's captions.yml must be names in its folder.

    Only the containment is checked here; the gallery plugin reports names that are missing,
    YAML errors and every other captions problem.
    """
    base = root / GALLERY_FOLDER
    for captions in sorted(base.glob(f"*/{CAPTIONS}")) if base.is_dir() else ():
        if left_behind(captions.parent.name):
            continue  # no gallery (galleries/discover.py)
        try:
            node = compose(captions.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError, OSError):
            continue  # reported by the gallery plugin
        photos = _value(node, "photos")
        if not isinstance(photos, yaml.MappingNode):
            continue
        for key, _fields in photos.value:
            if isinstance(key, yaml.ScalarNode) and not is_one_name(key.value):
                yield ContentProblem(
                    captions.relative_to(root).as_posix(), key.start_mark.line + 1, "photos",
                    "attēla nosaukumā nedrīkst būt '/', '\\' vai '..'",
                    "a photo name must be a file in this gallery's folder, without '/', '\\' "
                    "or '..'", "raksti tikai faila nosaukumu no šīs galerijas mapes, "
                    "piemēram '01-foto.jpg:'", key.value)


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value
    return None


#: File extensions Pelican reads as articles and pages (its Markdown and HTML readers).
DOCUMENT_EXTENSIONS = frozenset(f".{extension}" for extension in
                                (*MARKDOWN_ENDINGS, *HTMLReader.file_extensions))


def _leads_nowhere(link: Path) -> tuple[str, str] | None:
    """What is wrong with a symbolic link that leads to no file, in Latvian and English: its
    file does not exist, or the links lead back to themselves (ELOOP); None when it leads to
    a file or a folder (or cannot be followed for another reason, which reading it reports)."""
    try:
        os.stat(link)
    except FileNotFoundError:
        return ("simboliskā saite uz failu, kura nav",
                "symbolic link to a file that does not exist")
    except OSError as error:
        if error.errno == errno.ELOOP:
            return ("simboliskā saite, kas ved atpakaļ uz sevi (saišu cilpa)",
                    "symbolic link that leads back to itself (a loop of links)")
    return None


def check_symlinks(root: Path) -> Iterator[ContentProblem]:
    """Symbolic links under content/ (git keeps them as links): those that lead outside it, and
    those inside it through which Pelican, which follows links, would read the same files a
    second time under another name: a link to a folder (every file in it twice, each article
    then "skipped" or "overwritten" with no word of the link), or to an article or a page (the
    same article published twice); and those that lead to no file, which Pelican leaves out
    of the site with no more than a warning of a missing modification time. A link to a
    picture or another file is only a second address for it, and allowed."""
    for relative, target in symlinks(root):
        path = root / relative
        nowhere = _leads_nowhere(path)
        if not is_inside(path, root):
            yield ContentProblem(
                relative, 0, "file", "simboliskā saite uz failu ārpus content/ mapes",
                "symbolic link to a file outside the content/ folder",
                "ieliec pašu failu content/ mapē saites vietā", target)
        elif nowhere is not None:
            yield ContentProblem(relative, 0, "file", *nowhere,
                                 "izdzēs saiti vai ieliec tās vietā pašu failu", target)
        elif path.is_dir():
            yield ContentProblem(
                relative, 0, "file", "simboliskā saite uz mapi content/ mapē: tās faili "
                "tiktu nolasīti divreiz", "symbolic link to a folder inside content/: its "
                "files would be read twice, under two names",
                "izdzēs saiti; ja faili vajadzīgi arī šeit, pārvieto tos (git mv), nevis "
                "saisti", target)
        elif path.suffix.lower() in DOCUMENT_EXTENSIONS:
            yield ContentProblem(
                relative, 0, "file", "simboliskā saite uz rakstu: tas tiktu publicēts divreiz",
                "symbolic link to an article or page: it would be published twice",
                "izdzēs saiti; uz citu rakstu atsaucies ar saiti tekstā, piemēram "
                "[teksts]({filename}/raksts.md)", target)
