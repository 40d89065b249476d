"""The writing plugin's pieces: what a template reads, value fingerprints, output files."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment, Template
from pelican import Pelican
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.settings import DEFAULT_CONFIG, read_settings

from kopienu_zinas.site.safety import SafeWriter
from kopienu_zinas.writing import Writing
from kopienu_zinas.writing.output import OutputFiles, relative_path
from kopienu_zinas.writing.reads import (
    CONTEXT_READERS,
    TRUTH,
    Read,
    TemplateReads,
    resolve,
    resolve_level,
    template_reads,
)
from kopienu_zinas.writing.values import Fingerprinter
from tests.sitebuild import ROOT


def _analysed(templates: dict[str, str], name: str = "page.html") -> TemplateReads | None:
    return template_reads(Environment(loader=DictLoader(templates)), name)


def _reads(templates: dict[str, str], name: str = "page.html") -> set | None:
    """The paths the template always reads."""
    analysed = _analysed(templates, name)
    return None if analysed is None else {read.path for read in analysed.reads if not read.when}


def _conditional(templates: dict[str, str], name: str = "page.html") -> set:
    """The reads the template makes under conditions only."""
    analysed = _analysed(templates, name)
    assert analysed is not None
    return {read for read in analysed.reads if read.when}


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
    assert {("newsletter", TRUTH), ("links",), ("whole",)} <= reads
    assert Read(("newsletter", "layout", "rss"), ((("newsletter",), True),)) in _conditional(
        {"page.html": "{% if newsletter %}{{ newsletter.layout.rss }}{% endif %}"})


#: Branch conditions a page's context cannot decide: a name the templates assign, a macro's
#: body, a child template's block, templates imported or included without the context.
UNKNOWABLE_CONDITIONS = {
    "base.html": "{% block b %}{% endblock %}",
    "page.html": "{% extends 'base.html' %}{% if x %}{% block b %}{{ y }}{% endblock %}"
                 "{% endif %}{% set z = 1 %}{% macro m() %}{% if w %}{{ v }}{% endif %}"
                 "{% endmacro %}{{ u if z else t }}{% from 'm.html' import n %}"
                 "{% include 'i.html' without context %}",
    "m.html": "{% if q %}{{ r }}{% endif %}",
    "i.html": "{% if q %}{{ s }}{% endif %}",
}


def test_a_read_in_a_branch_counts_only_when_its_branch_is_taken() -> None:
    """`articles_page.object_list if articles_page else articles` (the home page) reads the
    whole list only without pages; a branch's condition is dropped where it cannot be known
    from the page's context: a name some template binds, a macro's body, a child's block
    (rendered wherever its parent places it), a template imported without the context."""
    conditional = _conditional({"page.html": "{% set x = p.object_list if p else articles %}"
                                             "{% if a.b %}{{ c }}{% else %}{{ d }}{% endif %}"})
    assert {Read(("p", "object_list"), ((("p",), True),)),
            Read(("articles",), ((("p",), False),)), Read(("c",), ((("a", "b"), True),)),
            Read(("d",), ((("a", "b"), False),))} <= conditional
    assert _conditional(UNKNOWABLE_CONDITIONS) == set()
    assert {("y",), ("v",), ("u",), ("t",), ("r",), ("s",)} <= _reads(UNKNOWABLE_CONDITIONS)


@pytest.mark.parametrize(("template", "by_view"), [
    ("{% for a in page.object_list %}{{ a.title }}{% endfor %}{{ page.paginator.num_pages }}"
     "{{ m(page, previous, next) }}", True),
    ("{% for a in page.paginator.object_list %}{{ a }}{% endfor %}", False),
    ("{% set p = page %}{% for a in p.object_list %}{{ a }}{% endfor %}", False),
    ("{{ m(page.paginator) }}", False),
    ("{{ page|attr('paginator') }}", False),
    ("{{ page['object_list'] }}", False),
    ("{{ pages|map(attribute=name)|list }}", False),
    ("{{ page.paginator.page(2) }}", False),
])
def test_list_pages_count_by_their_view_only_where_no_template_reaches_their_whole_list(
        template: str, by_view: bool) -> None:
    analysed = _analysed({"page.html": template})
    assert analysed is not None and analysed.pages_by_view is by_view


def test_a_list_page_by_its_view_counts_its_number_and_list_size_not_its_articles() -> None:
    """Counted by its view, a page of a list changes with its number, its list's size and
    page size (which decide its neighbours and their addresses), not with any article: its
    own articles count where a template reads its `object_list`."""
    from pelican.paginator import Paginator

    settings = {"DEFAULT_ORPHANS": 0}
    items = [f"raksts {n}" for n in range(25)]
    paginator = Paginator("index.html", "", items, settings, per_page=10)

    def view(paginator: Paginator, number: int) -> str:
        return Fingerprinter(settings).of(paginator.page(number), pages_by_view=True)

    edited = Paginator("index.html", "", [*items[:14], "labots", *items[15:]], settings,
                       per_page=10)
    assert [view(edited, number) for number in (1, 2, 3)] == \
        [view(paginator, number) for number in (1, 2, 3)]
    assert len({view(paginator, number) for number in (1, 2, 3)}) == 3
    longer = Paginator("index.html", "", [*items, "raksts 25"], settings, per_page=10)
    assert view(longer, 3) != view(paginator, 3)
    assert Fingerprinter(settings).of(edited.page(2)) != Fingerprinter(settings).of(
        paginator.page(2)), "counted whole, a page shows its list"


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


def _article(slug: str, body: str, related: tuple = ()) -> Article:
    article = Article(body, metadata={"title": slug.title(), "slug": slug,
                                      "date": dt.datetime(2026, 11, 23, 12)},
                      settings=copy.deepcopy(DEFAULT_CONFIG), source_path=f"{slug}.md",
                      context={})
    article.related = related
    return article


def test_content_counts_two_levels_deep_from_the_page_not_from_the_value_read() -> None:
    """`article.related` is content one level down: it counts by its own fields (a related
    article's body, shown nowhere on the page, counts), and what it holds by its address (the
    related article's own related, which the page does not show, does not count)."""
    def related_key(far_body: str, near_body: str) -> str:
        page = _article("lapa", "<p>Lapa.</p>", (
            _article("tuvs", near_body, (_article("tals", far_body),)),))
        value, level = resolve_level(Environment(), {"article": page}, ("article", "related"))
        assert level == 1
        return Fingerprinter({}).of(value, level)

    first = related_key("<p>Tālais.</p>", "<p>Tuvais.</p>")
    assert related_key("<p>Tālais, labots.</p>", "<p>Tuvais.</p>") == first
    assert related_key("<p>Tālais.</p>", "<p>Tuvais, labots.</p>") != first


def test_content_digests_sharing_the_keys_look_ups_equal_those_asking_pelican() -> None:
    """A content object's `url` and link-resolved `content` are taken from the keys' look-ups
    (asked of Pelican once per build): the page's key is the same as when each is asked
    again, and an article's edit still changes it."""
    def page_key(body: str) -> tuple[str, str]:
        article = _article("lapa", body)
        lookups: dict = {}
        env = Environment()
        fingerprints = Fingerprinter({}, lookups)
        assert resolve(env, {"article": article}, ("article", "url"), lookups) == article.url
        shared = fingerprints.of(article)
        assert (id(article), "save_as") in lookups  # asked once, kept for the other digests
        return shared, Fingerprinter({}).of(article)

    shared, asked = page_key("<p>Lapa.</p>")
    assert shared == asked
    assert page_key("<p>Lapa, labota.</p>")[0] != shared


def test_a_page_key_is_the_same_whatever_pages_were_keyed_before_it(tmp_path: Path) -> None:
    """The parts of paths under names a page shares with the template's previous page (the
    generator's context: the whole list, the menus) are worked out once per build: a page's key
    is what a fresh build's cache gives it, and a shared value's change still changes it."""
    from kopienu_zinas.writing.render import RenderCache

    settings = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path / "cache" / "pelican"),
                "THEME": str(ROOT / "theme")}
    env = Environment(loader=DictLoader({"page.html": (
        "{{ menu.title }}{% for a in everything %}{{ a }}{% endfor %}{{ article.title }}"
        "{% if menu.flag %}{{ menu.extra }}{% endif %}{{ absent.name }}")}))
    template = env.get_template("page.html")

    @dataclass
    class Menu:
        title: str
        flag: bool
        extra: str

    shared = {"menu": Menu("Izvēlne", True, "vēl"), "everything": ["a", "b"]}
    pages = [{**shared, "article": Menu(f"Raksts {n}", False, "")} for n in range(3)]

    def fresh_key(page: dict) -> str:
        return RenderCache(settings).key(template, page)

    cache = RenderCache(settings)
    assert [cache.key(template, page) for page in pages] == [fresh_key(page) for page in pages]
    assert len({fresh_key(page) for page in pages}) == 3
    for change in ({"everything": ["a", "c"]}, {"menu": Menu("Izvēlne", False, "vēl")},
                   {"menu": Menu("Izvēlne", True, "cits")}):
        changed = {**pages[2], **change}
        assert cache.key(template, changed) == fresh_key(changed) != fresh_key(pages[2])


def test_a_value_known_only_by_its_address_is_never_reused() -> None:
    fingerprints = Fingerprinter({})
    assert fingerprints.of(object()) != fingerprints.of(object())


def _write(files: OutputFiles, root: Path, name: str, text: str) -> Path:
    with files.open(str(root), str(root / name), "utf-8") as handle:
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
    from kopienu_zinas.writing.manifest import scan_output
    files.previous_files = scan_output(published)[0]
    same = _write(files, staging, "same.html", "vienāds")
    changed = _write(files, staging, "changed.html", "jauns")
    assert os.path.samefile(same, published / "same.html")
    assert not os.path.samefile(changed, published / "changed.html")
    assert (published / "changed.html").read_text(encoding="utf-8") == "vecs"
    assert changed.read_text(encoding="utf-8") == "jauns"
    # writing again over a linked file replaces the link: the published file keeps its bytes
    files_again = OutputFiles()
    with files_again.open(str(staging), str(same), "utf-8") as handle:
        handle.write("cits")
    assert (published / "same.html").read_text(encoding="utf-8") == "vienāds"


def test_a_published_file_edited_since_is_not_linked(tmp_path: Path) -> None:
    published, staging = tmp_path / "output", tmp_path / "staging"
    published.mkdir()
    (published / "a.html").write_text("pirms", encoding="utf-8")
    files = OutputFiles()
    files.previous = published
    files.previous_files = {"a.html": hashlib.sha256(b"pirms").hexdigest()}
    (published / "a.html").write_text("rokām", encoding="utf-8")
    written = _write(files, staging, "a.html", "pirms")
    assert not os.path.samefile(written, published / "a.html")
    assert written.read_text(encoding="utf-8") == "pirms"


def test_a_published_file_edited_in_place_with_its_size_and_times_kept_is_not_linked(
        tmp_path: Path) -> None:
    """The manifest's digest is not trusted for the published file: its bytes are compared."""
    published, staging = tmp_path / "output", tmp_path / "staging"
    published.mkdir()
    page = published / "a.html"
    page.write_text("pirms", encoding="utf-8")
    files = OutputFiles()
    files.previous = published
    files.previous_files = {"a.html": hashlib.sha256(b"pirms").hexdigest()}
    before = page.stat()
    with page.open("r+b") as handle:  # in place: every hardlink to it changes too
        handle.write(b"PIRMS")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (page.stat().st_size, page.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    written = _write(files, staging, "a.html", "pirms")
    assert not os.path.samefile(written, page)
    assert written.read_text(encoding="utf-8") == "pirms"
    assert page.read_text(encoding="utf-8") == "PIRMS"


def test_the_manifest_reads_only_the_files_the_writer_did_not_put_in_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Written and linked files count by the digest taken as they were placed; a static file,
    and a written file another plugin replaced since (site/preview_links.py does), are read."""
    from kopienu_zinas.common.atomicfile import replace_file
    from kopienu_zinas.writing import manifest

    published, staging = tmp_path / "output", tmp_path / "staging"
    (published / "raksti").mkdir(parents=True)
    (published / "raksti" / "same.html").write_text("vienāds", encoding="utf-8")
    files = OutputFiles()
    files.previous = published
    files.previous_files = manifest.scan_output(published)[0]
    _write(files, staging, "raksti/same.html", "vienāds")
    _write(files, staging, "new.html", "jauns")
    _write(files, staging, "rewritten.html", "pirms")
    replace_file(staging / "rewritten.html", "pēc".encode())
    (staging / "static").mkdir()
    (staging / "static" / "logo.svg").write_bytes(b"<svg/>")
    assert files.linked == 1 and files.written == 2
    read: list[str] = []
    digest_of = manifest.file_digest

    def reading(path: Path) -> str:
        read.append(path.relative_to(staging).as_posix())
        return digest_of(path)

    monkeypatch.setattr(manifest, "file_digest", reading)
    recorded = manifest.scan_output(staging.resolve(), files.placed)[0]
    assert sorted(read) == ["rewritten.html", "static/logo.svg"]
    monkeypatch.undo()
    assert recorded == manifest.scan_output(staging)[0]
    assert recorded["rewritten.html"] == hashlib.sha256("pēc".encode()).hexdigest()


def test_new_files_have_the_usual_permissions_and_linked_ones_need_them(tmp_path: Path) -> None:
    """A web server that does not own the files must be able to read them (umask 022: 0644);
    a published file whose permissions were changed since is written again, not linked."""
    published, staging = tmp_path / "output", tmp_path / "staging"
    published.mkdir()
    previous = os.umask(0o022)
    try:
        (published / "a.html").write_text("vienāds", encoding="utf-8")
        (published / "a.html").chmod(0o600)
        files = OutputFiles()
        files.previous = published
        files.previous_files = {"a.html": hashlib.sha256("vienāds".encode()).hexdigest()}
        written = _write(files, staging, "a.html", "vienāds")
        assert not os.path.samefile(written, published / "a.html")
        assert written.stat().st_mode & 0o777 == 0o644
        assert (files.linked, files.written) == (0, 1)
    finally:
        os.umask(previous)


def _published_page(tmp_path: Path, text: str) -> tuple[Writing, str, Path, Template]:
    """A published `a.html` placed from the text of a page's render key (returned), as its
    manifest records, that text in the render cache, this build's writing queueing the
    writer's pages, and the page's template (context: `{"title": text}`)."""
    from kopienu_zinas.writing.manifest import Manifest
    from kopienu_zinas.writing.render import RenderCache

    settings = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path / "cache" / "pelican"),
                "THEME": str(ROOT / "theme")}
    template = Environment(loader=DictLoader({"page.html": "{{ title }}"})).get_template(
        "page.html")
    previous = RenderCache(settings)
    key = previous.key(template, {"title": text})
    previous.store.put(key, text)
    published = tmp_path / "output"
    published.mkdir()
    (published / "a.html").write_text(text, encoding="utf-8")
    files = OutputFiles()
    files.use_previous(published, Manifest(
        None, {"a.html": hashlib.sha256(text.encode()).hexdigest()}, [], {"a.html": key}))
    render = RenderCache(settings)
    render.queue = []
    return Writing(render, files), key, published, template


def _write_page(writing: Writing, root: Path, name: str, template: Template,
                context: dict) -> Path:
    """Write a page as Pelican's writer does through the writing plugin (its text rendered
    through the render cache: a placeholder while pages are queued)."""
    return _write(writing.outputs, root, name, writing.render.wrap(template).render(context))


def test_a_reused_page_its_published_file_holds_is_linked_without_reading_the_cache(
        tmp_path: Path) -> None:
    writing, key, published, template = _published_page(tmp_path, "vienāds")
    for entry in (tmp_path / "cache").rglob(key):
        entry.unlink()  # were it read, it would be a miss
    staging = tmp_path / "staging"
    written = _write_page(writing, staging, "a.html", template, {"title": "vienāds"})
    other = _write_page(writing, staging, "b.html", template, {"title": "vienāds"})
    writing.flush()
    assert os.path.samefile(written, published / "a.html")
    # at another path, its bytes are placed as any others
    assert other.read_text(encoding="utf-8") == "vienāds"
    files = writing.outputs
    assert (files.linked, files.written) == (1, 1)
    assert files.placed[str(written)].source == files.placed[str(other)].source == key
    assert (writing.render.rendered, writing.render.reused) == (0, 2)
    assert key in writing.render.store.used, "kept by the cache's pruning"


def test_a_reused_page_edited_by_hand_with_its_size_and_times_kept_comes_from_the_cache(
        tmp_path: Path) -> None:
    """The published file's bytes are digested: the manifest's word is not taken for them."""
    writing, key, published, template = _published_page(tmp_path, "vienāds")
    page = published / "a.html"
    before = page.stat()
    with page.open("r+b") as handle:
        handle.write(b"V")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    written = _write_page(writing, tmp_path / "staging", "a.html", template,
                          {"title": "vienāds"})
    other = _write_page(writing, tmp_path / "staging", "c.html", template, {"title": "cits"})
    writing.flush()
    assert not os.path.samefile(written, page)
    assert written.read_text(encoding="utf-8") == "vienāds"
    assert (writing.render.rendered, writing.render.reused) == (1, 1), "the text from the cache"
    files = writing.outputs
    assert files.placed[str(written)].source == key, "the text read from the cache"
    assert files.placed[str(other)].source not in (None, key), "its own render key"
    plain = _write(files, tmp_path / "staging", "d.html", "vienāds")
    assert files.placed[str(plain)].source is None, "not a page's text"


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


@pytest.mark.parametrize("after", ["published_page", "place"])
def test_a_published_file_replaced_after_it_was_read_is_never_linked(
        tmp_path: Path, after: str) -> None:
    """The file is read through a handle and linked by its path: another build swapping the
    output folder in between (or an editor's tool replacing the page) must not get its file
    linked in place of the bytes that were checked."""
    writing, key, published, _template = _published_page(tmp_path, "vienāds")
    files = writing.outputs
    staging = tmp_path / "staging"
    staging.mkdir()
    target = staging / "a.html"
    swapped = tmp_path / "swapped.html"
    swapped.write_text("cits", encoding="utf-8")
    if after == "published_page":
        proven = files.published_page(key)
        assert proven is not None
        os.replace(swapped, published / "a.html")
        placement = files.place_proven(staging, target, proven, "utf-8")
    else:
        real_published = files._published

        def read_then_swap(relative: str):  # type: ignore[no-untyped-def]
            found = real_published(relative)
            os.replace(swapped, published / "a.html")
            return found

        files._published = read_then_swap  # type: ignore[method-assign]
        placement = files.place(staging, target, "vienāds".encode())
    assert target.read_text(encoding="utf-8") == "vienāds"
    assert not os.path.samefile(target, published / "a.html")
    assert not placement.linked


@pytest.mark.parametrize("again", ["place_proven", "place"])
def test_a_page_placed_again_by_its_job_run_again_leaves_no_temporary_file(
        tmp_path: Path, again: str) -> None:
    """A job whose worker died (writing/parallel.py) runs again in the build process, and the
    file the worker linked is already in place: renaming a second link of the same file over
    it does nothing (rename(2)), and the temporary name was left in the output folder."""
    writing, key, published, _template = _published_page(tmp_path, "vienāds")
    files = writing.outputs
    staging = tmp_path / "staging"
    staging.mkdir()
    target = staging / "a.html"
    for _run in range(2):
        proven = files.published_page(key)
        assert proven is not None
        placement = (files.place_proven(staging, target, proven, "utf-8")
                     if again == "place_proven" else files.place(staging, target, proven.data))
        assert placement.linked
    assert sorted(path.name for path in staging.iterdir()) == ["a.html"]
    assert os.path.samefile(target, published / "a.html")


@pytest.mark.parametrize(("root", "target"), [
    ("/out", "/out/zinas/2024/talka/index.html"), ("/out", "/out/index.html"),
    ("/", "/out/index.html"), ("/out/", "/out/a.html"), ("/out", "/outside/a.html"),
    ("/out", "/out/./a//b.html"), ("/out/../out", "/out/a.html"), ("/out", "/out")])
def test_output_paths_are_named_as_pathlib_names_them(root: str, target: str) -> None:
    """The writer names every file it places without making paths (writing/output.py
    `relative_path`, site/safety.py `SafeWriter._relative`): as pathlib would."""
    try:
        expected: str | None = Path(target).relative_to(root).as_posix()
    except ValueError:
        expected = None
    try:
        assert relative_path(Path(root), Path(target)) == expected
    except ValueError:
        assert expected is None
    writer = SafeWriter(root, settings=copy.deepcopy(DEFAULT_CONFIG))
    assert writer._relative(target) == (Path(target).name if expected is None else expected)
