"""Content objects' digests kept across builds (docs/building.md, "Caches: writing").

A content object's digest (writing/values.py `Fingerprinter.content`: its fields, its
link-resolved `content` and `summary`, its `url` and `save_as`, and the content it holds) is,
by the rule the page records rely on (writing/records.py), a function of the build's structure
and of the bodies of the content its computation read — its touched set, which holds the
object itself. So a build whose structure digest is that of the build that kept the digests
takes each kept digest whose set meets no source whose body changed since, with its set,
instead of computing it (Pelican resolving the object's links and formatting its address,
the hashing of its text): a body edit then digests again only the edited content and the
content that holds it (`related`, translations), although the pages that count whole lists
read every article.

The digests live in `.cache/writing/digests/`, one entry per structure digest (so another
structure, code or library version never finds them; common/cachestore.py: a damaged,
truncated or foreign entry is a miss, and every digest is computed), each with the Markdown
sources' digests (`Structure.bodies`) they were computed from. A build keeps its digests
only when it may record its structure (no warning while its pages were keyed,
:meth:`DependencyRecords.close`) and no source was saved since the build tool read it (else
the bodies it knows need not be those Pelican read).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pelican.contents import Content

from ..common.cachestore import CacheStore
from .records import DependencyRecords
from .values import KeptDigests


class DigestStore:
    """The content digests kept between builds, under `root/digests/`."""

    def __init__(self, root: Path) -> None:
        self.store = CacheStore(root, "digests")

    def load(self, records: DependencyRecords, contents: Mapping[str, Content]) -> KeptDigests:
        """The kept digests this build may use (`records`: settled; `contents`: Pelican's
        `generated_content`): those of the build's structure whose touched set meets no
        source whose body changed since they were kept; none without a structure digest, when
        none were kept for it (or their entry is damaged), or when a Markdown file that is no
        content object changed (as for the page records)."""
        structure = records.structure
        if records.digest is None or structure is None:
            return {}
        stored = _entry(self.store.get(records.digest))
        if stored is None:
            return {}
        bodies, digests = stored
        now = structure.bodies
        changed = {path for path in bodies.keys() | now.keys()
                   if bodies.get(path) != now.get(path)}
        if not changed <= contents.keys():
            return {}
        return {key: kept for key, kept in digests.items() if kept[1].isdisjoint(changed)}

    def save(self, records: DependencyRecords, digests: KeptDigests) -> None:
        """Keep this build's `digests` for the next builds, under its structure digest (when
        `records` say it may be recorded, and no source was saved since it was read), and
        remove the entries of structures neither this build nor the previous one used."""
        structure = records.structure
        if records.digest is None or structure is None or structure.changed is None \
                or structure.changed():
            return
        self.store.put(records.digest, {"bodies": structure.bodies, "digests": digests})
        self.store.prune_keeping_previous()


def _entry(value: Any) -> tuple[dict[str, str], KeptDigests] | None:
    """A stored entry's bodies and digests, or None when it is not of the saved form."""
    if not isinstance(value, dict):
        return None
    bodies, digests = value.get("bodies"), value.get("digests")
    if not isinstance(bodies, dict) or not isinstance(digests, dict) or not all(
            isinstance(path, str) and isinstance(body, str) for path, body in bodies.items()):
        return None
    for key, kept in digests.items():
        if not (type(key) is tuple and len(key) == 2 and isinstance(key[0], str)
                and type(key[1]) is bool and type(kept) is tuple and len(kept) == 2
                and isinstance(kept[0], str) and type(kept[1]) is frozenset
                and all(isinstance(path, str) for path in kept[1])):
            return None
    return bodies, digests
