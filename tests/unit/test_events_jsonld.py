"""schema.org Event data: offers from an editor's price text."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from kopienu_zinas.events.jsonld import event_data
from kopienu_zinas.events.model import parse_events

TODAY = dt.date(2026, 11, 23)  # the build date


@pytest.mark.parametrize(("price", "amount"), [
    ("10 €", "10"),  # was "free": a 0 just before the € sign
    ("100 EUR", "100"),
    ("20 eur, skolēniem 5 €", "20"),
    ("2,50 EUR", "2.50"),
    ("2.50 EUR", "2.50"),
    # QA 15: Latvian thousands grouping (space, no-break, narrow no-break) and decimal comma
    ("1 000 €", "1000"),
    ("1\u00a0000,50 €", "1000.50"),
    ("ieeja 12\u202f500 EUR", "12500"),
    ("1 000 000 €", "1000000"),
    ("0 €", "0"),
    ("0,00 EUR", "0"),
    ("bezmaksas", "0"),
    ("Ieeja par brīvu", "0"),
    ("free", "0"),
])
def test_offer_price_is_the_amount_written_and_zero_only_when_free(price: str, amount: str) -> None:
    [event], _issues = parse_events([{"start": "2026-12-03", "location": "x", "price": price}],
                                    "R", TODAY)
    offer = event_data(event)["offers"]
    assert (offer["price"], offer["priceCurrency"], offer["description"]) == (amount, "EUR", price)


def test_a_price_without_an_amount_has_only_its_description() -> None:
    [event], _issues = parse_events([{"start": "2026-12-03", "location": "x",
                                      "price": "ziedojums"}], "R", TODAY)
    assert event_data(event)["offers"] == {"@type": "Offer", "description": "ziedojums"}


def _placed(**raw: object):
    [event], issues = parse_events([{"start": "2026-12-03 18:00", **raw}], "Raksts", TODAY)
    assert issues == []
    return replace(event, url="https://kopienuzinas.lv/zinas/2026/raksts/#notikums",
                   region="Sēlija")


def test_an_online_event_without_its_link_yet_points_to_its_box_on_the_page() -> None:
    """QA s9 F5: `online: true` gave a VirtualLocation without `url`, which Google requires."""
    data = event_data(_placed(online=True))
    assert data["location"] == {"@type": "VirtualLocation",
                                "url": "https://kopienuzinas.lv/zinas/2026/raksts/#notikums"}
    linked = event_data(_placed(online="https://meet.example.org/x"))
    assert linked["location"]["url"] == "https://meet.example.org/x"


def test_a_place_without_an_address_gets_the_postal_address_of_what_is_known() -> None:
    """QA s9 F5: `location:` alone gave a Place without `address` (Google requires it)."""
    assert event_data(_placed(location="Ormaņkalns"))["location"] == {
        "@type": "Place", "name": "Ormaņkalns",
        "address": {"@type": "PostalAddress", "streetAddress": "Ormaņkalns",
                    "addressRegion": "Sēlija", "addressCountry": "LV"}}
    both = event_data(_placed(location="Bibliotēka", address="Rīgas iela 1, Jēkabpils"))
    assert both["location"]["name"] == "Bibliotēka"
    assert both["location"]["address"]["streetAddress"] == "Rīgas iela 1, Jēkabpils"


def test_the_articles_cover_is_the_events_image() -> None:
    event = _placed(location="x")
    assert event_data(event, "https://kopienuzinas.lv/atteli/foto.jpg")["image"] == [
        "https://kopienuzinas.lv/atteli/foto.jpg"]
    assert "image" not in event_data(event)
