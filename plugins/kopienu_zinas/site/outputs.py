"""Guard: Pelican writes nothing outside the output folder and copies nothing from outside content/.

Pelican checks an article's or page's `save_as` with a prefix comparison of path strings
(`pelican.utils.sanitised_join`), so `save_as: ../output-2/x.html` passes it, and it does not
check static files at all: `{static}/../../secret.txt` is copied from two folders above
content/ to two folders above the output folder. The content check (containment.py) names these
mistakes where they are written; this guard makes sure that, in every build mode (the preview
included, which does not stop on errors), such a file is reported and never written:

- Pelican's own check of an article's, page's or draft's `save_as` (`Content.is_valid`, asked
  once the content is read, by the generators and by the preview's resident) is replaced by
  :func:`guard_save_as`: a content whose output file would lie outside the output folder gets
  an empty `save_as` (Pelican then writes nothing for it). It uses the one formatting of
  `save_as` Pelican's check made (Pelican formats it afresh at every access; from
  `all_generators_finalized` on, reading/urlmemo.py remembers it), so guarding costs none;
- ``static_generator_finalized``: a static file whose source lies outside content/ (through
  `..` or a symbolic link) or whose output lies outside the output folder is dropped.

Each case is logged as a ContentProblem (an error: `make html`, `make check` and `make publish`
fail and leave the previous output as it was).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

import pelican.contents

from ..common.frontmatter import markdown_ending, read_document
from ..common.problems import ContentProblem, log_problem
from .containment import leaves_folder
from .references import is_inside

_WRITE_OUTSIDE = ("fails tiktu ierakstīts ārpus vietnes mapes",
                  "the file would be written outside the site's output folder")
_FIX = ("izdzēs rindu 'save_as:'/'url:' vai izlabo 'slug:' (tikai burti, cipari, domuzīmes); "
        "ceļā nedrīkst būt '..'")


#: Pelican's check that `save_as` stays inside the output folder, before :func:`install`.
ORIGINAL_HAS_VALID_SAVE_AS = pelican.contents.Content._has_valid_save_as


def guard_save_as(instance: Any) -> bool:
    """`Content._has_valid_save_as` (the part of `is_valid` that asks for `save_as`): stop a
    write outside the output folder. Pelican's own check compares path strings by prefix and
    passes `../output-2/x.html`; this one also stops that, reports the file and empties its
    `save_as`, after which Pelican's check passes too: so the content is always valid here.
    Static files and contents without a source keep Pelican's check (static files are guarded
    once their list is complete: guard_static_files). A `save_as` that cannot be formatted
    raises, as in Pelican's check."""
    if isinstance(instance, pelican.contents.Static) or not getattr(instance, "source_path",
                                                                     None):
        return bool(ORIGINAL_HAS_VALID_SAVE_AS(instance))
    save_as = instance.save_as
    if save_as and leaves_folder(save_as):
        log_problem(_problem(instance, save_as))
        instance.override_save_as = ""
    return True


def install() -> None:
    """Put :func:`guard_save_as` where Pelican's `is_valid` looks it up (idempotent)."""
    pelican.contents.Content._has_valid_save_as = guard_save_as


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
