"""Bring every picture of a build into the cache: look up, process what is missing in parallel."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..common.fingerprint import file_digest
from ..common.problems import ContentProblem
from .cache import PhotoCache, entry_key, settings_digest
from .pipeline import Rendered, refused_ending, render_entry
from .settings import ImagingSettings

_UNREADABLE = ContentProblem("", 0, "image", "apstrādāto attēlu nevar nolasīt",
                             "processed image unreadable", "palaid būvēšanu vēlreiz")


@dataclass
class BatchResult:
    #: photo path → (cache key, what it became)
    done: dict[Path, tuple[str, Rendered]] = field(default_factory=dict)
    #: photo path → why it cannot be published (path left empty: ``problem.placed(path)``)
    failed: dict[Path, ContentProblem] = field(default_factory=dict)
    processed: int = 0  # photos rendered in this run (the rest came from the cache)


def _run(jobs: list[tuple[str, ImagingSettings, str]], workers: int | None,
         start_method: str | None) -> list[tuple[str, ContentProblem | None]]:
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    if workers <= 1:
        return [render_entry(*job) for job in jobs]
    context = multiprocessing.get_context(start_method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(render_entry, *zip(*jobs, strict=True)))


def process_photos(photos: list[Path], settings: ImagingSettings, cache: PhotoCache,
                   workers: int | None = None, start_method: str | None = None,
                   prune: bool = True) -> BatchResult:
    """Every photo's renditions in the cache; stale entries pruned unless `prune` is False."""
    result = BatchResult()
    for photo in photos:  # by its ending, before the cache: an entry is keyed on content alone
        refused = refused_ending(photo)
        if refused is not None:
            result.failed[photo] = refused.problem
    photos = [photo for photo in photos if photo not in result.failed]
    settings_key = settings_digest(settings)
    keys = {photo: entry_key(file_digest(photo), settings_key) for photo in photos}
    missing = []
    for photo, key in keys.items():
        rendered = cache.lookup(key)
        if rendered is None:
            missing.append(photo)
        else:
            result.done[photo] = (key, rendered)
    if missing:
        cache.root.mkdir(parents=True, exist_ok=True)
        # one job per cache entry: identical pictures (same bytes) are rendered once
        first: dict[str, Path] = {}
        for photo in missing:
            first.setdefault(keys[photo], photo)
        jobs = [(str(p), settings, str(cache.entry(key))) for key, p in first.items()]
        errors = {keys[Path(source)]: error for source, error in _run(jobs, workers, start_method)}
        for photo in missing:
            error = errors[keys[photo]]
            rendered = cache.lookup(keys[photo]) if error is None else None
            if rendered is not None:
                result.done[photo] = (keys[photo], rendered)
                result.processed += photo == first[keys[photo]]
            else:
                result.failed[photo] = error or _UNREADABLE
    if prune:
        cache.prune({key for key, _ in result.done.values()})
    return result
