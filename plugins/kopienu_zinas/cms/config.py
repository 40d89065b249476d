"""The Decap CMS configuration, generated from our content model.

Nothing here is written twice: the regions are the site's `REGIONS`, the event fields and
statuses the events model's (`events.model.FIELDS`, `STATUSES`), the gallery photo fields the
galleries plugin's (`galleries.captions.PHOTO_FIELDS`), the folders Pelican's settings. Decap
writes front matter keys in the order of these fields, which is the order `make new` writes.
Reference: https://decapcms.org/docs/configuration-options/
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..events.model import FIELDS as EVENT_KEYS
from ..events.model import STATUSES as EVENT_STATUSES
from ..galleries.captions import PHOTO_FIELDS as PHOTO_KEYS
from . import fields as f
from .settings import CmsSettings

#: Where article pictures go (the guide's `image: atteli/foto.jpg`; a STATIC_PATHS folder).
PICTURES = "atteli"
#: `make new`'s event announcement writes these event fields; they are required in the form.
EVENT_REQUIRED = ("title", "start")
PHOTO_REQUIRED = ("file", "caption", "alt")
#: Latvian commit messages (Decap's placeholders: https://decapcms.org/docs/configuration-options/).
COMMIT_MESSAGES = {
    "create": "Jauns ieraksts sadaļā {{collection}}: {{slug}}",
    "update": "Labots ieraksts sadaļā {{collection}}: {{slug}}",
    "delete": "Dzēsts ieraksts sadaļā {{collection}}: {{slug}}",
    "uploadMedia": "Pievienots attēls {{path}}",
    "deleteMedia": "Dzēsts attēls {{path}}",
}
#: Decap's slug rules that give our ASCII file names (common.slugs): „Rēzekne” → rezekne.
SLUG = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}


def article_fields(regions: list[str]) -> list[f.Field]:
    events = f.from_table(EVENT_KEYS, f.EVENT_FIELDS, EVENT_REQUIRED)
    for event_field in events:
        if event_field["name"] == "status":
            event_field["options"] = [{"label": f.EVENT_STATUS_LABELS[s], "value": s}
                                      for s in EVENT_STATUSES]
    return [
        f.title_field(),
        f.slug_field("tirgus-ludza"),
        f.field("date", "Datums", required=True, pattern=f.DATE_PATTERN,
                hint="Publicēšanas datums: GGGG-MM-DD, piemēram, 2024-05-21"),
        f.field("region", "Reģions", "select", required=True, options=regions),
        f.field("tags", "Tēmas", "list", default=[], allow_add=True,
                hint="Tēmas, atdalītas ar komatu: bibliotēkas, kopienas"),
        f.field("authors", "Autori", "list", default=[], hint="Vārds Uzvārds, atdalīti ar komatu"),
        f.field("summary", "Kopsavilkums", "text", required=True,
                hint="Viens vai divi teikumi: kas noticis un kāpēc tas ir svarīgi"),
        f.field("image", "Galvenais attēls", "image", choose_url=False,
                hint="Neobligāts; saglabājas mapē content/atteli/"),
        f.field("image_alt", "Attēla apraksts ekrāna lasītājiem",
                hint="Obligāts, ja ir galvenais attēls: kas redzams attēlā"),
        f.field("image_credit", "Attēla autors", hint="Piemēram, Foto: Vārds Uzvārds"),
        f.field("events", "Pasākumi", "list", fields=events, default=[], collapsed=False,
                label_singular="pasākumu", summary="{{fields.start}} {{fields.title}}",
                hint="Pasākumi, par kuriem raksts paziņo; tie nonāk kalendārā"),
        f.field("gallery", "Galerija",
                hint="Galerijas mapes nosaukums, piemēram, gramatas-plaukta"),
        f.field("status", "Publicēšana", "select", default="draft",
                hint="Tukšs lauks: publicēts (kā rokām rakstītos failos bez 'status:')",
                options=[{"label": label, "value": value}
                         for label, value in f.ARTICLE_STATUSES]),
        f.notes_field(),
        f.body_field(),
    ]


def gallery_fields() -> list[f.Field]:
    photos = f.from_table(PHOTO_KEYS, f.PHOTO_FIELDS, PHOTO_REQUIRED)
    return [
        f.field("title", "Galerijas nosaukums", required=True),
        f.field("date", "Datums", required=True, pattern=f.DAY_PATTERN),
        f.field("credit", "Autortiesības", hint="Piemēram, Foto: Vārds Uzvārds"),
        f.field("photographer", "Fotogrāfs", hint="Visiem attēliem, ja pie attēla nav cita"),
        f.field("photos", "Fotoattēli", "list", fields=photos, label_singular="fotoattēlu",
                summary="{{fields.file}}", hint="Attēli šajā secībā; katram paraksts un apraksts"),
        f.notes_field(),
    ]


def collections(settings: Mapping[str, Any]) -> list[dict[str, Any]]:
    regions = list(settings["REGIONS"])
    pages = settings["PAGE_PATHS"][0]
    return [
        {"name": "articles", "label": "Raksti", "label_singular": "rakstu",
         "folder": "content", "create": True, "extension": "md", "format": "yaml-frontmatter",
         "slug": "{{slug}}", "summary": "{{date}} {{title}}", "sortable_fields": ["date", "title"],
         "preview_path": "zinas/{{year}}/{{slug}}/", "fields": article_fields(regions)},
        {"name": "galleries", "label": "Galerijas", "label_singular": "galeriju",
         "folder": "content/galleries", "create": True, "path": "{{slug}}/captions",
         "extension": "yml", "format": "yaml", "media_folder": "", "public_folder": "",
         "fields": gallery_fields()},
        {"name": "newsletter", "label": "Izdevumu ievadi", "label_singular": "ievadu",
         "folder": "content/newsletter", "create": True, "extension": "md",
         "format": "yaml-frontmatter", "slug": "{{year}}-{{month}}",
         "description": "Mēneša izdevuma ievads; faila nosaukums ir mēnesis (GGGG-MM).",
         "fields": [f.title_field(),
                    f.field("summary", "Kopsavilkums", "text",
                            hint="Viens vai divi teikumi: izdevuma apraksts plūsmā un e-pastā"),
                    f.field("authors", "Autori", "list", default=[]),
                    f.notes_field(), f.body_field()]},
        {"name": "pages", "label": "Lapas", "label_singular": "lapu",
         "folder": f"content/{pages}", "create": True, "extension": "md",
         "format": "yaml-frontmatter", "slug": "{{slug}}",
         "fields": [f.title_field(), f.slug_field("par-mums"),
                    f.field("summary", "Kopsavilkums", "text"),
                    # kept as written: "Abonēt" names its template (subscribe.html)
                    f.field("template", "Veidne", "hidden"), f.notes_field(),
                    f.body_field()]},
    ]


def decap_config(settings: Mapping[str, Any], cms: CmsSettings) -> dict[str, Any]:
    """The whole config: online, GitHub with the editorial workflow (drafts are pull requests);
    on localhost, Decap uses `local_backend` (decap-server) instead (admin page switches to
    direct commits there)."""
    backend: dict[str, Any] = {"name": "github", "repo": cms.repo, "branch": cms.branch,
                               "commit_messages": COMMIT_MESSAGES}
    if cms.base_url:
        backend["base_url"] = cms.base_url
    return {
        "load_config_file": False,
        "backend": backend,
        "local_backend": {"url": cms.local_backend},
        "publish_mode": "editorial_workflow",
        "locale": "lv",
        "site_url": settings["SITEURL"] or "/",
        "media_folder": f"content/{PICTURES}",
        "public_folder": PICTURES,
        "slug": SLUG,
        "collections": collections(settings),
    }
