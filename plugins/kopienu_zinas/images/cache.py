"""A content-addressed cache of processed pictures, outside output/ (.cache/<plugin>/).

An entry is a folder named by a hash of the photo's bytes and of every setting that changes the
result (widths, formats, qualities, the pipeline's version, Pillow's version). File dates play
no part, so a fresh clone with the folder restored (as CI does) reprocesses nothing, and a
changed photo or setting reprocesses exactly what it affects. Entries no build asked for are
pruned.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

import PIL

from ..common.fingerprint import file_digest
from .pipeline import META, Rendered, discard
from .settings import ImagingSettings

#: Bump when the pipeline's output changes for the same photo and settings (4: TIFF orientations
#: 5–8 upright, cut HEIF/TIFF refused, the share JPEG; QA report of session 11).
PIPELINE_VERSION = 4


def settings_digest(settings: ImagingSettings) -> str:
    described = {"settings": dataclasses.asdict(settings), "pipeline": PIPELINE_VERSION,
                 "pillow": PIL.__version__}
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def entry_key(photo: str, settings: str) -> str:
    return hashlib.sha256(f"{photo}:{settings}".encode()).hexdigest()[:40]


class PhotoCache:
    """The cache folder: look entries up, and prune the ones not wanted any more."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def entry(self, key: str) -> Path:
        return self.root / key

    def ready(self) -> None:
        """Make the cache folder, replacing whatever else is in its place (a file, a dangling
        symbolic link): a damaged cache is a miss, never a failed build (QA report of session
        11: `.cache/galleries` as a file failed every build with FileExistsError, blamed on an
        editor's photo). A symbolic link to a folder is used as the folder. Raises OSError only
        when the folder cannot be made (its parent is not writable or not a folder)."""
        if not self.root.is_dir():
            discard(self.root)
            self.root.mkdir(parents=True, exist_ok=True)

    def lookup(self, key: str) -> Rendered | None:
        """The entry's picture, or None for a miss. An entry whose META cannot be read, or
        whose files are not the bytes META records (cut short, or edited in place through a
        hardlink in an output folder), is removed, so the next render writes it afresh; so is
        a file or a symbolic link in the entry folder's place."""
        folder = self.entry(key)
        try:
            meta = (folder / META).read_text(encoding="utf-8")
            rendered = Rendered.from_json(meta)
            files: dict[str, str] = json.loads(meta)["files"]
            if not rendered.names() <= files.keys() or any(
                    file_digest(folder / name) != digest for name, digest in files.items()):
                raise ValueError("damaged entry")
            return rendered
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            discard(folder)
            return None

    def prune(self, keep: set[str]) -> int:
        """Remove every entry (and leftover temporary folder, or anything else) not in `keep`;
        how many went."""
        try:
            listed = list(os.scandir(self.root))
        except OSError:  # no folder (or not one): nothing stored
            return 0
        removed = 0
        for entry in listed:
            if entry.name not in keep:
                discard(Path(entry.path))
                removed += 1
        return removed
