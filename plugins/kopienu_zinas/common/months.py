"""Calendar months: the one month type of the events calendar pages and the newsletter issues."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import isodates
from .isodates import RIGA


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month (year, 1–12), ordered in time."""

    year: int
    month: int

    @classmethod
    def of(cls, value: dt.date) -> Month:
        """The month of a date, or of an aware datetime's Europe/Riga local day."""
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            value = value.astimezone(RIGA)
        return cls(value.year, value.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """'2024-05' → Month(2024, 5); ValueError for anything else."""
        first, kind = isodates.parse(text, months=True)
        if kind != "month":
            raise ValueError(f"not a YYYY-MM month: {text!r}")
        return cls(first.year, first.month)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    @property
    def key(self) -> str:
        """'2024-05'."""
        return f"{self.year:04d}-{self.month:02d}"

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)
