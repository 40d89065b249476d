"""Scheduled content: what is dated after the build's "now" waits for a later build.

An article or gallery dated after BUILD_NOW (common/clock.py) is *scheduled*: public builds
leave it out of every output until a build on or after its date (the publish workflow builds
every hour); the preview build (setting ``PREVIEW``) shows it, marked. A date more than a year
after "now" is taken for a typo and reported by the content check, and so is a date before
EARLIEST_YEAR (`0001-01-01`, `0202-05-01`: feeds cannot carry such dates, RFC 3339 §5.6 readers
reject them, and no community news is that old).
"""

from __future__ import annotations

import datetime as dt

from .isodates import as_datetime

#: The earliest year an article, page or newsletter introduction may be dated (docs/redaktoriem.md).
EARLIEST_YEAR = 1900


def too_early(when: dt.date | dt.datetime) -> bool:
    """True when ``when`` lies before 1 January of EARLIEST_YEAR: taken for a typo."""
    return when.year < EARLIEST_YEAR


def is_scheduled(when: dt.date | dt.datetime, now: dt.datetime) -> bool:
    """True when ``when`` (a date means its midnight, Riga; naive datetimes are Riga time)
    lies after ``now`` (aware)."""
    moment = as_datetime(when)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=now.tzinfo)
    return moment > now


def too_late(when: dt.date | dt.datetime, now: dt.datetime) -> bool:
    """True when ``when`` lies more than a year after ``now`` (:func:`latest_allowed`): taken
    for a typo, reported as an error and never as scheduled (one verdict per date)."""
    return as_datetime(when) > latest_allowed(now)


def latest_allowed(now: dt.datetime) -> dt.datetime:
    """The latest date an editor may schedule for: the same moment one year after ``now``
    (29 February → 28 February)."""
    try:
        return now.replace(year=now.year + 1)
    except ValueError:
        return now.replace(year=now.year + 1, day=28)
