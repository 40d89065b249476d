"""The content check over content/, with each document's own results cached.

A document's entry holds its parse (`SourceDocument`, its YAML node tree packed: read back, a
tree is unpacked only when a rule asks for a line in it, common/packednodes.py), the problems
found while reading it and what the per-document rules (`problems.document_check`) found. Its
key is a content hash of the SHA-256 of the file's bytes (the digest the build records, hashed
once) and its path, our code and library versions (fingerprint.code_digest), the
settings without BUILD_DATE and READING (per-document rules never read the date, and how the
reading plugin runs changes no result) and the names of every file and symbolic link under
content/ (rules check that linked files exist). Rules across files or depending on the build
date (`problems.content_check`) run on the cached parses; those that read nothing of a document
but its front (`problems.front_matter_rule`) keep their problems across builds, keyed by every
document's front (:func:`front_digest`, recorded in its entry), the settings, code and what
else they name (:func:`cross_file_problems_kept`), so an edit of a body runs none of them; the
others run on every build. A problem read from the cache is the same value, printed the same
way, as one found afresh.

The names under content/ are listed once per check (common/contentfolder.py): their digest is
part of every key, and the rules answer their path questions from the listing. Which store
(if any) a build uses is switched on by the reading plugin, per build, with :func:`use_store`;
without it (unit tests, tools) everything is computed. The reading plugin may also
:func:`plan` the check before its pool starts and hand the missing entries to its workers
(:func:`check_job`): an entry depends only on its key's inputs, so it is the same whichever
process computes it; a document a worker could not check (an error, a broken pool) is checked
in the build process, which reports any error exactly as without workers.
"""

from __future__ import annotations

import hashlib
import pickle
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .build import once
from .cachestore import CacheStore
from .contentfolder import FILE, ContentFolder, activate_for_process, activated
from .fingerprint import code_digest, digest, settings_digest
from .frontmatter import (
    SourceDocument,
    discover_documents,
    is_source,
    read_document,
    source_files,
)
from .invisibles import without_echoes
from .problems import (
    ContentProblem,
    content_rules,
    document_check,
    document_problems,
    front_matter_inputs,
    of_read_fields,
    run_content_checks,
)

#: Bumped when an entry's shape changes.
ENTRY_VERSION = "content-check-4"
#: Bumped when the shape of the kept problems of a rule across files changes.
RULE_VERSION = "content-rule-1"

#: Settings no per-document rule reads: the build date, and how the reading plugin works
#: (whether it caches, on how many processes), which never changes a result.
UNREAD_SETTINGS = ("BUILD_DATE", "READING")
#: The build's record (common/build.py `once`) of the digest of the names under content/ the
#: check listed, for later stages keyed on the same names (site/linkplans.py).
LISTING_DIGEST = "content-listing-digest"
#: The build's record of the SHA-256 hex of each Markdown file's bytes as the check read them,
#: by path under content/ in path order (a file it could not read left out), for later stages
#: that key on those bytes (site/linkcheck.py), so they need not read them again.
SOURCE_DIGESTS = "content-source-digests"

#: One document's entry: its parse, every problem of its own (sorted) and its front's digest.
Entry = tuple[SourceDocument, tuple[ContentProblem, ...], str]
#: The parts of a document's pickled state that are no part of its front (its body).
BODY_STATE = ("body", "with_comments")


@dataclass(frozen=True)
class CheckJob:
    """A document without an entry: its key, its path under content/ and its bytes."""

    key: str
    path: str
    data: bytes


class CheckPlan:
    """One build's check with a store, before anything is computed: the listing of content/,
    every Markdown file (in path order) with its key, the entries found in the store and a job
    for each one missing. `results` (set by whoever runs the jobs elsewhere) yields, for each
    job in order, its entry or None."""

    def __init__(self, content_root: Path, settings: Mapping[str, Any], store: CacheStore
                 ) -> None:
        self.root = content_root
        self.store = store
        self.folder = ContentFolder.scan(content_root)
        #: What every key shares but the listing: entry version, code, settings.
        self.shared = digest(ENTRY_VERSION, code_digest(),
                             settings_digest(settings, leave_out=UNREAD_SETTINGS))
        base = digest(self.shared, self.folder.digest())
        self.files: list[tuple[Path, str | None]] = []
        self.entries: dict[str, Entry] = {}
        self.jobs: list[CheckJob] = []
        self.results: Iterator[Entry | None] | None = None
        #: SOURCE_DIGESTS: each file's bytes' SHA-256 hex, by path under content/.
        self.digests: dict[str, str] = {}
        #: Each file's key, by path under content/ (a file that could not be read has none).
        self.keys: dict[str, str] = {}
        #: Every Markdown file's bytes as read here, by path under content/, until the
        #: reading plugin takes them (`take_bytes`): no file is read twice at `initialized`.
        self.bytes: dict[str, bytes] = {}
        for file, path in markdown_files(content_root, self.folder):
            try:
                data = file.read_bytes()
            except OSError:  # read again, and reported, by the check itself
                self.files.append((file, None))
                continue
            self.bytes[path] = data
            self.digests[path] = source_digest = hashlib.sha256(data).hexdigest()
            key = digest(base, path, source_digest)
            self.keys[path] = key
            self.files.append((file, key))
            store.used.add(key)
            entry = _entry(store.get(key))
            if entry is not None:
                self.entries[key] = entry
            else:
                self.jobs.append(CheckJob(key, path, data))
        self.data = {job.key: job.data for job in self.jobs}

    def take_bytes(self) -> dict[str, bytes]:
        """The bytes read while planning, by path under content/ (given once, then dropped)."""
        taken, self.bytes = self.bytes, {}
        return taken

    def worker_arguments(self, settings: dict[str, Any]) -> tuple[Any, ...]:
        """What :func:`start_worker` needs in a worker process (passed by the pool's
        initializer: inherited as it is with fork, pickled with spawn)."""
        return (settings, str(self.store.folder), self.folder,
                tuple(document_check.receivers_for(document_check.ANY)))

    def collect(self) -> None:
        """Take the workers' entries (a missing one, or all after a broken pool, is left for
        the build process)."""
        if self.results is None:
            return
        results, self.results = self.results, None
        try:
            for job, value in zip(self.jobs, results, strict=True):
                entry = _entry(value)
                if entry is not None:
                    self.entries[job.key] = entry
        except Exception:  # a broken pool: the build process checks what is missing
            pass


def markdown_files(content_root: Path, folder: ContentFolder) -> list[tuple[Path, str]]:
    """Every Markdown source under content/ (frontmatter.is_source: every file the build reads
    as Markdown), with its path under content/, in path order, but what editors' tools and
    operating systems leave behind (`._raksts.md`; common/leftbehind.py); from the listing
    when it is complete, else from the disk. A folder so named, a link to nothing and a loop
    of links are not documents: the content check names the links (site/containment.py)."""
    names = folder.complete_names()
    if names is None:
        return [(file, file.relative_to(content_root).as_posix())
                for file in source_files(content_root)]
    return [(content_root / name, name) for name in sorted(
        (name for name in names if is_source(name) and folder.kinds[name] == FILE),
        key=path_order)]


def path_order(name: str) -> list[str]:
    """The sort key that puts relative POSIX paths in the order of their `Path`s (part by
    part: "a/b" before "a-b"), without making a `Path` of each."""
    return name.split("/")


class CheckCache:
    """A build's switch: its settings (the dict itself), the store of its entries and the
    check planned for it (if the reading plugin planned it)."""

    def __init__(self, settings: Mapping[str, Any], store: CacheStore) -> None:
        self.settings = settings
        self.store = store
        self.plan: CheckPlan | None = None


_SWITCHES: weakref.WeakValueDictionary[int, CheckCache] = weakref.WeakValueDictionary()


def use_store(settings: Mapping[str, Any], store: CacheStore) -> CheckCache:
    """Cache the content check of the build with these settings in `store`, for as long as
    the caller keeps the returned switch (the reading plugin keeps it with its build)."""
    switch = CheckCache(settings, store)
    _SWITCHES[id(settings)] = switch
    return switch


def store_of(settings: Mapping[str, Any]) -> CacheStore | None:
    switch = _SWITCHES.get(id(settings))
    return switch.store if switch is not None and switch.settings is settings else None


def plan(settings: Mapping[str, Any]) -> CheckPlan | None:
    """Plan the check of the build with these settings (once its store is switched on), for
    the reading plugin to hand the missing entries to its workers; None without a store."""
    switch = _SWITCHES.get(id(settings))
    if switch is None or switch.settings is not settings:
        return None
    switch.plan = CheckPlan(Path(settings["PATH"]), settings, switch.store)
    return switch.plan


def _taken_plan(content_root: Path, settings: Mapping[str, Any], store: CacheStore
                ) -> CheckPlan:
    switch = _SWITCHES.get(id(settings))
    planned = switch.plan if switch is not None and switch.settings is settings else None
    if switch is not None:
        switch.plan = None
    if planned is not None and planned.root == content_root:
        return planned
    return CheckPlan(content_root, settings, store)


def entry_of(content_root: Path, file: Path, data: bytes, settings: dict[str, Any]
             ) -> tuple[SourceDocument, tuple[ContentProblem, ...]]:
    """One document's parse and its own problems, sorted."""
    document, parsed = read_document(content_root, file, data)
    return document, tuple(sorted({*parsed, *document_problems(document, settings)}))


def stored_entry(content_root: Path, file: Path, data: bytes, settings: dict[str, Any]
                 ) -> Entry:
    """One document's entry, computed (:func:`entry_of` and :func:`front_digest`)."""
    document, problems = entry_of(content_root, file, data, settings)
    return document, problems, front_digest(document)


def front_digest(document: SourceDocument) -> str:
    """SHA-256 hex of what a `problems.front_matter_rule` may read of a document: its state as
    cached (path, kind, header found, metadata, YAML nodes packed, the body's first line),
    pickled without the body. Documents whose fronts differ get different digests (their
    pickles differ); equal fronts pickled differently only cost the rules a run."""
    state = {name: value for name, value in document.__getstate__().items()
             if name not in BODY_STATE}
    return hashlib.sha256(pickle.dumps(state, protocol=5)).hexdigest()


def cross_file_problems_kept(documents: Sequence[SourceDocument], fronts: Sequence[str],
                             settings: dict[str, Any], store: CacheStore, shared: str
                             ) -> set[ContentProblem]:
    """What the rules across files (`problems.content_check`) find, as
    `problems.cross_file_problems`: a `front_matter_rule`'s problems taken from `store` when
    an earlier build ran it on the same inputs — the documents' fronts (`fronts`, in order),
    `shared` (entry version, code, settings without BUILD_DATE) and what else it names — and
    else found and stored; every other rule run. A stored value that is not a tuple of
    problems is a miss."""
    inputs = digest(RULE_VERSION, shared, *fronts)
    found: set[ContentProblem] = set()
    for rule in content_rules():
        also = front_matter_inputs(rule)
        if also is None:
            found.update(rule(None, documents=documents, settings=settings) or ())
            continue
        key = digest(inputs, f"{rule.__module__}.{rule.__qualname__}", also(settings))
        store.used.add(key)
        kept = store.get(key)
        if not (isinstance(kept, tuple)
                and all(isinstance(problem, ContentProblem) for problem in kept)):
            kept = tuple(sorted(set(rule(None, documents=documents, settings=settings) or ())))
            store.put(key, kept)
        found.update(kept)
    return found


def check_content(content_root: Path, settings: dict[str, Any]
                  ) -> tuple[list[SourceDocument], list[ContentProblem]]:
    """Every Markdown file under content/ (in path order) and every problem the rules find,
    sorted; with a store (use_store), unchanged documents and their own problems come from it
    (or from the workers the reading plugin gave the plan to)."""
    store = store_of(settings)
    if store is None:
        folder = ContentFolder.scan(content_root)
        once(settings, LISTING_DIGEST, folder.digest)
        with activated(folder):
            documents, problems = discover_documents(content_root)
            return documents, sorted(without_echoes({*problems,
                                                     *run_content_checks(documents, settings)}))
    planned = _taken_plan(content_root, settings, store)
    once(settings, LISTING_DIGEST, planned.folder.digest)
    once(settings, SOURCE_DIGESTS, lambda: planned.digests)
    with activated(planned.folder):
        planned.collect()
        documents = []
        fronts = []
        found: set[ContentProblem] = set()
        for file, key in planned.files:
            entry = planned.entries.get(key) if key is not None else None
            if entry is None:
                data = planned.data[key] if key is not None else file.read_bytes()
                entry = stored_entry(content_root, file, data, settings)
                if key is not None:
                    store.put(key, entry)
            documents.append(entry[0])
            found.update(entry[1])
            fronts.append(entry[2])
        found.update(of_read_fields(
            cross_file_problems_kept(documents, fronts, settings, store, planned.shared),
            documents))
        return documents, sorted(without_echoes(found))


#: In a check worker: the settings, the store and the listing it checks against.
_WORKER: dict[str, Any] = {}


def start_worker(settings: dict[str, Any], folder: str, listing: ContentFolder,
                 receivers: tuple[Callable[..., Any], ...]) -> None:
    """A pool's initializer: what :func:`check_job` needs (the per-document rules connected,
    as they are in the build process: a spawned worker has no plugins registered)."""
    for receiver in receivers:
        document_check.connect(receiver)
    activate_for_process(listing)
    path = Path(folder)
    _WORKER.update(settings=settings, store=CacheStore(path.parent, path.name))


def check_job(job: CheckJob) -> Entry | None:
    """In a worker: one document's entry, stored; None when anything fails (the build
    process then checks it and reports the error itself)."""
    settings = _WORKER["settings"]
    root = Path(settings["PATH"])
    try:
        entry = stored_entry(root, root / job.path, job.data, settings)
    except Exception:
        return None
    _WORKER["store"].put(job.key, entry)
    return entry


def _entry(value: Any) -> Entry | None:
    """A stored value if it has an entry's shape (anything else is a miss)."""
    if (isinstance(value, tuple) and len(value) == 3 and isinstance(value[0], SourceDocument)
            and isinstance(value[1], tuple) and isinstance(value[2], str)):
        return value
    return None
