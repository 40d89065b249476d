"""The writing plugin's pieces: what a template reads, value fingerprints, output files."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment
from pelican import Pelican
from pelican.generators import ArticlesGenerator
from pelican.settings import read_settings

from kopienu_zinas.writing.output import OutputFiles
from kopienu_zinas.writing.reads import CONTEXT_READERS, TRUTH, resolve, template_reads
from kopienu_zinas.writing.values import Fingerprinter
from tests.sitebuild import ROOT


def _reads(templates: dict[str, str], name: str = "page.html") -> set:
    env = Environment(loader=DictLoader(templates))
    reads = template_reads(env, name)
    return None if reads is None else set(reads)


def test_reads_follow_attribute_paths_through_includes_and_extends() -> None:
    reads = _reads({
        "base.html": "{{ SITENAME }}{% block c %}{% endblock %}{% include 'foot.html' %}",
        "foot.html": "{{ footer.text }}",
        "page.html": "{% extends 'base.html' %}{% block c %}{{ article.title }}"
                     "{{ article.cover['alt'] }}{% endblock %}",
    })
    assert {("SITENAME",), ("footer", "text"), ("article", "title"),
            ("article", "cover", ("alt",))} <= reads
    assert ("article",) not in reads


def test_a_name_tested_for_truth_counts_by_its_truth_and_a_method_by_its_object() -> None:
    reads = _reads({"page.html": "{% if newsletter %}{{ newsletter.layout.rss }}{% endif %}"
                                 "{{ links.url('x') }}{{ macro_arg(whole) }}"})
    assert {("newsletter", TRUTH), ("newsletter", "layout", "rss"), ("links",),
            ("whole",)} <= reads


def test_a_template_chosen_at_render_time_counts_the_whole_context() -> None:
    assert _reads({"page.html": "{% include name %}"}) is None


def test_truth_reads_tell_missing_none_and_truth_apart() -> None:
    env = Environment()
    path = ("x", TRUTH)
    assert [resolve(env, context, path) for context in ({}, {"x": None}, {"x": []},
                                                        {"x": [1]})] == \
        ["missing", "none", "False", "True"]


def test_every_function_that_reads_the_context_is_declared() -> None:
    """A `pass_context` filter or global reads names no template shows: they must be listed in
    reads.IMPLICIT_READS (and its module in CONTEXT_READERS), or pages could be stale."""
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    Pelican(settings)
    generator = ArticlesGenerator(context={}, settings=settings, path=settings["PATH"],
                                  theme=settings["THEME"], output_path=settings["OUTPUT_PATH"])
    env = generator.env
    readers = {f"{value.__module__}.{value.__qualname__}"
               for value in [*env.filters.values(), *env.globals.values()]
               if getattr(value, "jinja_pass_arg", None) is not None
               and getattr(value.jinja_pass_arg, "name", "") == "context"}
    assert readers, "the theme's environment has its filters"
    undeclared = {name for name in readers
                  if not any(name.startswith(f"{module}.") for module in CONTEXT_READERS)}
    assert undeclared == set()


@dataclass(frozen=True)
class Cover:
    alt: str
    taken: dt.datetime


def test_fingerprints_change_with_any_nested_field_and_only_then() -> None:
    fingerprints = Fingerprinter({})
    when = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)
    first = fingerprints.of({"cover": Cover("Ainava", when), "tags": ["a", "b"]})
    assert first == Fingerprinter({}).of({"tags": ["a", "b"], "cover": Cover("Ainava", when)})
    assert first != fingerprints.of({"cover": Cover("Ainava.", when), "tags": ["a", "b"]})
    assert first != fingerprints.of({"cover": Cover("Ainava", when.replace(tzinfo=None)),
                                     "tags": ["a", "b"]})
    assert fingerprints.of(1) != fingerprints.of("1") != fingerprints.of(True)


def test_a_value_known_only_by_its_address_is_never_reused() -> None:
    fingerprints = Fingerprinter({})
    assert fingerprints.of(object()) != fingerprints.of(object())


def _write(files: OutputFiles, root: Path, name: str, text: str) -> Path:
    with files.open(str(root), str(root / name), "utf-8", override=False) as handle:
        handle.write(text)
    return root / name


def test_unchanged_files_are_linked_from_the_previous_output_and_changed_ones_replaced(
        tmp_path: Path) -> None:
    published, staging = tmp_path / "output", tmp_path / "staging"
    published.mkdir()
    (published / "same.html").write_text("vienāds", encoding="utf-8")
    (published / "changed.html").write_text("vecs", encoding="utf-8")
    files = OutputFiles()
    files.previous = published
    from kopienu_zinas.writing.manifest import output_files
    files.previous_files = output_files(published)
    same = _write(files, staging, "same.html", "vienāds")
    changed = _write(files, staging, "changed.html", "jauns")
    assert os.path.samefile(same, published / "same.html")
    assert not os.path.samefile(changed, published / "changed.html")
    assert (published / "changed.html").read_text(encoding="utf-8") == "vecs"
    assert changed.read_text(encoding="utf-8") == "jauns"
    # writing again over a linked file replaces the link: the published file keeps its bytes
    files_again = OutputFiles()
    with files_again.open(str(staging), str(same), "utf-8", override=True) as handle:
        handle.write("cits")
    assert (published / "same.html").read_text(encoding="utf-8") == "vienāds"


def test_a_published_file_edited_since_is_not_linked(tmp_path: Path) -> None:
    published, staging = tmp_path / "output", tmp_path / "staging"
    published.mkdir()
    (published / "a.html").write_text("pirms", encoding="utf-8")
    files = OutputFiles()
    files.previous = published
    files.previous_files = {"a.html": __import__("hashlib").sha256(b"pirms").hexdigest()}
    (published / "a.html").write_text("rokām", encoding="utf-8")
    written = _write(files, staging, "a.html", "pirms")
    assert not os.path.samefile(written, published / "a.html")
    assert written.read_text(encoding="utf-8") == "pirms"


def test_a_second_plain_write_of_one_file_fails_as_in_pelican(tmp_path: Path) -> None:
    files = OutputFiles()
    _write(files, tmp_path, "a.html", "1")
    with pytest.raises(RuntimeError):
        _write(files, tmp_path, "a.html", "2")


def test_a_list_page_counts_by_its_list_and_number() -> None:
    """A paginator Page counts by its paginator (the whole list) and its number, which decide
    its slice; a Page holding another list counts by that list."""
    from pelican.paginator import Page, Paginator

    settings = {"DEFAULT_ORPHANS": 0}
    items = [f"raksts {n}" for n in range(25)]
    paginator = Paginator("index.html", "", items, settings, per_page=10)
    fingerprints = Fingerprinter(settings)
    pages = [fingerprints.of(paginator.page(number)) for number in (1, 2, 3)]
    assert len(set(pages)) == 3
    assert Fingerprinter(settings).of(paginator.page(2)) == pages[1]
    longer = Paginator("index.html", "", [*items, "raksts 25"], settings, per_page=10)
    assert Fingerprinter(settings).of(longer.page(1)) != pages[0]
    foreign = Page("index.html", "", ["cits"], 1, paginator, settings)
    assert Fingerprinter(settings).of(foreign) != pages[0]
    changed = paginator.page(1)
    changed.object_list = [*changed.object_list[:9], "cits"]
    assert Fingerprinter(settings).of(changed) != pages[0]
