"""The galleries plugin's contract: `article.gallery` is the Gallery an article names, or None,
on articles, translations and drafts alike; a gallery lists only published articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kopienu_zinas.galleries.generator import GalleriesGenerator
from tests.unit.newsletter_fakes import at, gallery, photo


@dataclass(eq=False)
class Article:
    title: str
    gallery: Any = None
    translations: list[Any] = field(default_factory=list)


def attach(articles: list[Article], drafts: list[Article]) -> list[Any]:
    generator = GalleriesGenerator.__new__(GalleriesGenerator)  # no Pelican run needed
    generator.context = {"articles": articles, "drafts": drafts}
    talka = gallery("talka", "Talka", at("2024-03-28"), "galerijas/talka/",
                    photo("https://example.lv/g/a.jpg"))
    return generator._attach([talka])


def test_articles_translations_and_drafts_get_the_gallery_they_name() -> None:
    english = Article("Clean-up", gallery="talka ")
    article = Article("Talka", gallery="talka", translations=[english])
    draft = Article("Melnraksts", gallery="talka")
    plain, unknown = Article("Bez"), Article("Cita", gallery="nav-tadas")
    [talka] = attach([article, plain, unknown], [draft])
    assert article.gallery is talka and english.gallery is talka and draft.gallery is talka
    assert plain.gallery is None and unknown.gallery is None
    assert talka.articles == (article, english)  # the draft is not listed on the gallery page


def test_gallery_json_ld_credits_the_photographer_else_the_gallery() -> None:
    from dataclasses import replace

    from kopienu_zinas.galleries.jsonld import gallery_data

    anna = replace(photo("https://example.lv/g/a.jpg"), photographer="Anna Ozola")
    plain = photo("https://example.lv/g/b.jpg")
    shown = replace(gallery("talka", "Talka", at("2024-03-28"), "galerijas/talka/"),
                    photos=(anna, plain), credit="Redakcija")
    data = gallery_data(shown)
    assert (data["@type"], data["name"], data["url"]) == (
        "ImageGallery", "Talka", "https://example.lv/galerijas/talka/")
    first, second = data["image"]
    assert first["creator"] == {"@type": "Person", "name": "Anna Ozola"}
    assert "creditText" not in first and second["creditText"] == "Redakcija"
    assert second["contentUrl"] == "https://example.lv/g/b.jpg" and second["width"] == 1200
