"""schema.org Event data for an article's events (the theme writes it as JSON-LD).

What Google's Event documentation requires is always there: `startDate` a full ISO 8601 date or
date-time (a month-only event has none, so the theme writes no Event for it, as the .ics
writes none), a Place's `address` (a PostalAddress of what is known when no `address:` is
written: the place's name, the region, the country), a VirtualLocation's `url` (the event's box
on its page while the link is not published: `online: true`)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from babel.numbers import parse_decimal

from ..common.dates import locale_of
from .display import iso, iso_when
from .model import Event, is_url

STATUS = {"scheduled": "https://schema.org/EventScheduled",
          "cancelled": "https://schema.org/EventCancelled",
          "postponed": "https://schema.org/EventPostponed"}
#: An amount as Latvians write it: thousands grouped by a space (or a no-break or narrow
#: no-break space), decimals after a comma ("1 000,50"); a point is accepted for decimals.
_PRICE = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?")
_FREE = re.compile(r"bezmaks|par brīvu|free", re.I)


def attendance_mode(event: Event) -> str:
    in_person = bool(event.location or event.address)
    if in_person and event.is_online:
        return "https://schema.org/MixedEventAttendanceMode"
    if event.is_online:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def _address(event: Event) -> dict[str, Any]:
    """A PostalAddress: the `address:` written, else the place's name; its region (when the
    article has one); Latvia."""
    address: dict[str, Any] = {"@type": "PostalAddress",
                               "streetAddress": event.address or event.location}
    if event.region:
        address["addressRegion"] = event.region
    address["addressCountry"] = "LV"
    return address


def _locations(event: Event) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if event.location or event.address:
        found.append({"@type": "Place", "name": event.location or event.address,
                      "address": _address(event)})
    if event.is_online:
        found.append({"@type": "VirtualLocation", "url": event.online or event.url})
    return found


def price_value(text: str) -> str | None:
    """schema.org Offer.price (a plain decimal) from an editor's price text: "0" for free
    ("bezmaksas", "0 €"), the first amount otherwise ("10 €" → "10", "2,50 EUR" → "2.50",
    "1 000,50 €" → "1000.50"), None when there is none. Read with Babel's Latvian number
    format (CLDR)."""
    number = _PRICE.search(text)
    amount = _amount(number.group(0)) if number else None
    if _FREE.search(text) or amount == 0:
        return "0"
    return None if amount is None else str(amount)


def _amount(written: str) -> Decimal:
    """A matched amount as a Decimal (Babel reads a decimal point, "2.50", as such too)."""
    return parse_decimal(written, locale=locale_of("lv"))


def _offers(event: Event) -> dict[str, Any]:
    offer: dict[str, Any] = {"@type": "Offer", "description": event.price}
    price = price_value(event.price or "")
    if price is not None:
        offer.update(price=price, priceCurrency="EUR")
    if event.registration and is_url(event.registration):
        offer["url"] = event.registration
    return offer


def event_data(event: Event, image: str | None = None) -> dict[str, Any]:
    """One schema.org Event (startDate with its UTC offset when timed) of an event with a day
    (never a month-only one: see the module's docstring); `image`: the article's cover, an
    absolute URL, or None."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": iso_when(event),
        "eventStatus": STATUS[event.status],
        "eventAttendanceMode": attendance_mode(event),
        "url": event.url,
    }
    if event.end is not None:
        data["endDate"] = iso(event.end)
    locations = _locations(event)
    data["location"] = locations[0] if len(locations) == 1 else locations
    if event.summary:
        data["description"] = event.summary
    if event.organizer:
        data["organizer"] = {"@type": "Organization", "name": event.organizer}
    if event.price:
        data["offers"] = _offers(event)
    if image:
        data["image"] = [image]
    return data
