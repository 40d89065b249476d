"""Reading ahead: the files a build that changed little reads one at a time, asked of the
system at once, before the content check starts.

At `initialized` the content check reads every Markdown file and its check entry, in path
order, and Pelican's reader later reads every source's Markdown entry: some 12,000 small files
at 4,000 articles, each read only once the one before it has arrived. Where the system no
longer holds them in memory (its page cache: on a machine short of memory, or one that pages
out what was not used for a while, as virtual machines do), each read waits on the disk in
turn. The last build's key index (reading/prereading.py) names every one of those files, so
the reading plugin first asks the system for all of them (`posix_fadvise(POSIX_FADV_WILLNEED)`:
the system starts reading a file in the background and returns at once), and the reads that
follow find them in memory or arriving, many fetched side by side.

It is only a hint: a file that changed or went since the last build costs a failed open or an
unneeded read, and nothing any read returns depends on it. A file already in memory costs
three system calls (open, advise, close: about 5 µs). Where the system has no
`posix_fadvise`, nothing is asked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..common.cachestore import CacheStore
from .prereading import KeyIndex


def files_read_next(previous: KeyIndex, content_root: Path, checks: CacheStore,
                    sources: CacheStore) -> Iterator[str]:
    """The files a build reads next if nothing changed since the build that stored the key
    index `previous`, in the order it reads them: each Markdown file and its check entry (the
    content check, in path order), then each source's Markdown entry (Pelican's reader)."""
    for path, (check_key, _source_key) in previous.items():
        yield str(content_root / path)
        yield checks.entry_file(check_key)
    for _check_key, source_key in previous.values():
        yield sources.entry_file(source_key)


def advise(files: Iterable[str]) -> None:
    """Tell the system that each of these files will be read soon (a file that cannot be
    opened is passed over; opening never waits, should one now be a named pipe)."""
    if not hasattr(os, "posix_fadvise"):
        return
    for file in files:
        try:
            handle = os.open(file, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            os.posix_fadvise(handle, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:  # a file system that takes no advice
            pass
        finally:
            os.close(handle)
