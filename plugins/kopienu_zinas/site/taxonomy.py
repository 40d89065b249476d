"""One topic (tag) or author, however its name's case or Unicode form differs.

`Ēkas`, `ēkas` and a decomposed `Ēkas` (macOS writes names as NFD, Unicode UAX #15) are one
topic to an editor. Pelican groups tags by slug, which already ignores case and form, but
shows whichever spelling it met first in its own reading order, and an article that names the
same topic twice lists it twice. At ``article_generator_pretaxonomy`` (before Pelican builds its
tag and author lists) every article's tags and authors are made one per name, and every
spelling of a name becomes the first one written, in article order (oldest first, then by file):
the site shows one topic, spelt as the editors first spelt it. docs/redaktoriem.md says so.
Names arrive in NFC (the reader takes every front-matter text through
common/yamlnodes.clean_values), so a decomposed spelling is already the composed one here.
"""

from __future__ import annotations

from typing import Any

#: Article attributes holding lists of Pelican URLWrappers (Tag, Author).
TAXONOMIES = ("tags", "authors")
_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
          "drafts_translations")


def name_key(name: str) -> str:
    """The key two spellings of one name share (`name` in NFC, as read): case-folded, spaces
    collapsed."""
    return " ".join(name.casefold().split())


def unify_names(generator: Any) -> None:
    """Receiver of article_generator_pretaxonomy: one spelling per tag and author name."""
    articles = [a for name in _LISTS for a in getattr(generator, name, None) or ()]
    articles.sort(key=lambda a: (a.date, a.source_path))
    for attribute in TAXONOMIES:
        first: dict[str, str] = {}
        for article in articles:
            items = getattr(article, attribute, None)
            if not items:
                continue
            kept: dict[str, Any] = {}
            for item in items:
                key = name_key(item.name)
                item.name = first.setdefault(key, item.name)
                kept.setdefault(key, item)
            setattr(article, attribute, list(kept.values()))
        if attribute == "authors":
            for article in articles:
                if getattr(article, "authors", None):
                    article.author = article.authors[0]
