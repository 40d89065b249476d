"""The preview goes on when two documents would be written to one file (PREVIEW only).

Publishing builds and `make check` stop before writing on the content check's problem (two
articles with one slug: slugs.py; a page on a section's address: reserved.py). The preview goes
on building, and the writer would refuse the second document written to the same file (site/
safety.py: reported as a write error). So the preview writes one document per output file and
leaves the others out:

- what clashes is what the writer refuses (site/safety.py `SafeWriter`): two documents on one
  file, whatever their own `save_as:`;
- the one that keeps the address is one without its own `save_as:`, then the one slugs.py
  keeps: the oldest (by date; undated ones after dated ones), then by source path; an article
  keeps it over a page;
- articles are left out at ``article_generator_pretaxonomy`` (so no region, topic, author or
  archive lists them), pages at ``page_generator_finalized``, from every list Pelican writes
  (and the context's list of the same name);
- a left-out source is on the home page's banner with the content check's problem, or, when the
  check saw none (a page's own `save_as:`), with "the address is already X's".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from ..common.claims import TAKEN_FIX
from ..common.problems import ContentProblem, log_problem, relative_source
from .preview import by_source, reported
from .slugs import keeping_order

#: The article generator's lists of written contents, in the order Pelican writes them.
ARTICLE_LISTS = ("translations", "articles", "hidden_translations", "hidden_articles",
                 "drafts_translations", "drafts")
#: The page generator's lists of written contents, in the order Pelican writes them.
PAGE_LISTS = ("translations", "pages", "hidden_translations", "hidden_pages",
              "draft_translations", "draft_pages")


def withhold(generator: Any, names: Iterable[str], keep: Callable[[Any], bool]) -> None:
    """Keep in each of the generator's lists `names` (and in the context's list of that name,
    when it is the same list) only the contents for which `keep` is true."""
    for name in names:
        contents = getattr(generator, name, None)
        if not contents:
            continue
        kept = [content for content in contents if keep(content)]
        if len(kept) != len(contents):
            setattr(generator, name, kept)
            if generator.context.get(name) is contents:
                generator.context[name] = kept


def _contents(generator: Any, names: Iterable[str]) -> Iterator[Any]:
    for name in names:
        yield from getattr(generator, name, None) or ()


def _source(content: Any, settings: dict[str, Any]) -> str:
    return relative_source(content.source_path, settings["PATH"])


def _clashing(contents: Iterable[Any], settings: dict[str, Any], written: Sequence[Any] = ()
              ) -> dict[int, tuple[Any, str]]:
    """id(content) → (content, the source that keeps its file) for each of `contents` whose
    file the writer would refuse (site/safety.py `SafeWriter`: one file is written once).
    Of two that would clash, the one in `written` (already settled), else one without its own
    `save_as:`, else the first in slugs.keeping_order, keeps the file."""
    def order(content: Any) -> tuple[int, float, str]:
        return keeping_order(getattr(content, "date", None), _source(content, settings))

    settled = {id(content) for content in written}
    by_file: dict[str, list[Any]] = defaultdict(list)
    for content in [*written, *contents]:
        by_file[str(content.save_as)].append(content)
    clashing: dict[int, tuple[Any, str]] = {}
    for writers in by_file.values():
        if len(writers) == 1:
            continue
        ranked = sorted(writers, key=lambda w: (id(w) not in settled,
                                                hasattr(w, "override_save_as"), order(w)))
        keeper, *others = ranked
        clashing.update((id(other), (other, _source(keeper, settings))) for other in others
                        if id(other) not in settled)
    return clashing


def _report(clashing: dict[int, tuple[Any, str]], settings: dict[str, Any]) -> None:
    """The problem of each left-out source the build has not reported yet."""
    already = by_source(reported(settings))
    for content, keeper in clashing.values():
        source = _source(content, settings)
        if source in already:
            continue
        metadata = getattr(content, "metadata", {})
        field = next((name for name in ("save_as", "slug") if name in metadata), "title")
        fix = (TAKEN_FIX if field == "save_as"
               else "maini virsrakstu vai pievieno rindu 'slug: cits-adreses-vards'")
        log_problem(ContentProblem(
            source, 0, field, f"šī adrese jau ir {keeper}: priekšskatījumā šī lapa nav parādīta",
            f"the address is already {keeper}'s: the preview leaves this page out", fix,
            f"/{content.save_as}"))
        already[source] = []


def _leave_out(generator: Any, names: tuple[str, ...], written: Sequence[Any] = ()) -> None:
    settings = generator.settings
    clashing = _clashing(_contents(generator, names), settings, written)
    if clashing:
        _report(clashing, settings)
        withhold(generator, names, lambda content: id(content) not in clashing)


def withhold_clashing_articles(generator: Any) -> None:
    """Receiver of article_generator_pretaxonomy (preview only): no two articles on a file."""
    if generator.settings.get("PREVIEW"):
        _leave_out(generator, ARTICLE_LISTS)


def withhold_clashing_pages(generator: Any) -> None:
    """Receiver of page_generator_finalized (preview only): no two pages on a file, and no page
    on an article's (the context's articles, drafts and hidden articles and their
    translations) unless Pelican lets it override that file."""
    if not generator.settings.get("PREVIEW"):
        return
    articles = [article for name in ("articles", "drafts", "hidden_articles")
                for article in generator.context.get(name) or ()]
    articles += [t for article in articles for t in getattr(article, "translations", ())]
    _leave_out(generator, PAGE_LISTS, articles)
