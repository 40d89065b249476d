"""Guard: Pelican writes nothing outside the output folder and copies nothing from outside content/.

Pelican checks an article's or page's `save_as` with a prefix comparison of path strings
(`pelican.utils.sanitised_join`), so `save_as: ../output-2/x.html` passes it, and it does not
check static files at all: `{static}/../../secret.txt` is copied from two folders above
content/ to two folders above the output folder. The content check (containment.py) names these
mistakes where they are written; this guard makes sure that, in every build mode (the preview
included, which does not stop on errors), such a file is reported and never written:

- ``content_object_init``: an article, page or draft whose output file would lie outside the
  output folder gets an empty `save_as` (Pelican then writes nothing for it);
- ``static_generator_finalized``: a static file whose source lies outside content/ (through
  `..` or a symbolic link) or whose output lies outside the output folder is dropped.

Each case is logged as a ContentProblem (an error: `make html`, `make check` and `make publish`
fail and leave the previous output as it was).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from ..common.frontmatter import markdown_ending, read_document
from ..common.problems import ContentProblem, log_problem
from .containment import leaves_folder
from .references import is_inside

_WRITE_OUTSIDE = ("fails tiktu ierakstīts ārpus vietnes mapes",
                  "the file would be written outside the site's output folder")
_FIX = ("izdzēs rindu 'save_as:'/'url:' vai izlabo 'slug:' (tikai burti, cipari, domuzīmes); "
        "ceļā nedrīkst būt '..'")


def guard_content(instance: Any) -> None:
    """Receiver of Pelican's content_object_init: stop a write outside the output folder."""
    if instance.__class__.__name__ == "Static" or not getattr(instance, "source_path", None):
        return  # static files are guarded once their list is complete (guard_static_files)
    try:
        save_as = instance.save_as
    except (AttributeError, KeyError, TypeError, ValueError):
        return  # no date or title: Pelican's own validation reports the file
    if not save_as or not leaves_folder(save_as):
        return
    log_problem(_problem(instance, save_as))
    instance.override_save_as = ""


def guard_static_files(generator: Any) -> None:
    """Receiver of static_generator_finalized: drop static files from or to outside the site."""
    content_root = Path(generator.path)
    keep = []
    for static in generator.staticfiles:
        source = content_root / static.relative_source_path
        if not is_inside(source, content_root):
            log_problem(ContentProblem(
                PurePosixPath(static.relative_source_path).as_posix(), 0, "file",
                "fails ārpus content/ mapes netiek publicēts",
                "a file outside the content/ folder is not published",
                "saite ved ārpus content/ (ar '..' vai simbolisku saiti): ieliec failu "
                "content/atteli/ un raksti {static}/atteli/faila-nosaukums"))
        elif leaves_folder(static.save_as):
            log_problem(_problem(static, static.save_as))
        else:
            keep.append(static)
            continue
        generator.context["static_content"].pop(static.relative_source_path, None)
    generator.staticfiles[:] = keep
    generator.context["staticfiles"] = generator.staticfiles


def _problem(instance: Any, save_as: str) -> ContentProblem:
    """The problem against the source file, at the front-matter field that made the address."""
    relative = instance.relative_source_path
    field, line = "save_as", 0
    source = Path(instance.source_path)
    content_root = Path(instance.settings["PATH"])
    if markdown_ending(source.name) and source.is_file() and is_inside(source, content_root):
        document, _problems = read_document(content_root, source)
        for name in ("save_as", "url", "slug", "lang"):
            if name in document.metadata:
                field, line = name, document.line_of(name)
                break
    return ContentProblem(PurePosixPath(relative).as_posix(), line, field, *_WRITE_OUTSIDE, _FIX,
                          save_as)
