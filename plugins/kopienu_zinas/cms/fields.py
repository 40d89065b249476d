"""Decap CMS fields for our front matter, with Latvian labels and hints.

Each function returns Decap field definitions (plain dicts, https://decapcms.org/docs/widgets/)
in the order `make new` writes the keys, so a file saved by the CMS has the same keys in the same
order. Dates are text fields checked against exactly the ISO forms the build reads in that field
(one definition, common/isodates), so the CMS writes what an editor types (`2024-05-21`,
`2024-05-21 18:00`, `2024-05-21T18:00:00`), never a reformatted date.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..common.isodates import editor_pattern
from ..events.model import EXDATE_KINDS
from ..site.slugs import VALID_SLUG

Field = dict[str, Any]

#: Decap `pattern`s ([regular expression, message]) of the dates: what the build reads in that
#: field (common/isodates.editor_pattern), no more and no less.
DATE_PATTERN = [editor_pattern("date", "datetime"),
                "Datums GGGG-MM-DD vai ar laiku GGGG-MM-DD SS:MM (arī SS:MM:ss), piemēram, "
                "2024-05-21 18:00"]
DAY_PATTERN = [editor_pattern("date"), "Datums GGGG-MM-DD (bez laika), piemēram, 2024-05-21"]
EVENT_DATE_PATTERN = [editor_pattern("date", "datetime", "month"),
                      "GGGG-MM-DD (visa diena), GGGG-MM-DD SS:MM (ar laiku) vai GGGG-MM (mēnesis)"]
EXDATE_PATTERN = [editor_pattern(*EXDATE_KINDS),
                  "GGGG-MM-DD (pasākumam ar laiku var arī GGGG-MM-DD SS:MM), piemēram, 2026-12-24"]
#: The addresses VALID_SLUG takes that PyYAML (YAML 1.1, the build's reader) reads as no text
#: when they are written unquoted, as Decap's YAML 1.2 writer leaves them (`slug: no`): its
#: implicit resolvers (yaml/resolver.py) for booleans (`yes`, `no`, `on`, `off`, `true`,
#: `false`), null, integers (decimal, `0`-octal, `0b` binary, `0x` hexadecimal) and dates.
YAML_NOT_TEXT = (r"(?:yes|no|on|off|true|false|null|0[0-7]*|[1-9][0-9]*|0b[01]+|0x[0-9a-f]+"
                 r"|[0-9]{4}-[0-9]{2}-[0-9]{2})")
#: Decap `pattern` of `slug:`: the content check's own (site/slugs.VALID_SLUG), whole value,
#: but for what the build would read as no text (YAML_NOT_TEXT).
SLUG_PATTERN = [f"^(?!{YAML_NOT_TEXT}$)(?:{VALID_SLUG.pattern})$",
                "Tikai mazie latīņu burti (bez garumzīmēm), cipari un defises, piemēram, "
                "tirgus-ludza; ne tikai cipari, datums vai vārdi yes, no, on, off, true, false, "
                "null"]
#: Article `status:` values an editor chooses in the CMS (Pelican's own names).
ARTICLE_STATUSES = (("Melnraksts (redzams tikai priekšskatījumā)", "draft"),
                    ("Publicēt", "published"))
#: Latvian names of the events plugin's statuses (events.model.STATUSES).
EVENT_STATUS_LABELS = {"scheduled": "Notiks", "cancelled": "Atcelts", "postponed": "Pārcelts"}

#: Event field → (widget settings, label, hint); the field list itself is the events model's.
EVENT_FIELDS: dict[str, tuple[Field, str, str]] = {
    "title": ({"widget": "string"}, "Pasākuma nosaukums", ""),
    "id": ({"widget": "string"}, "Pasākuma atslēga",
           "Nav obligāta. Pēc tās kalendāri pasākumu atpazīst; ja tukša, pēc nosaukuma. Ieraksti "
           "veco nosaukumu, ja to maini (piemēram, dzejas-vakars)"),
    "start": ({"widget": "string", "pattern": EVENT_DATE_PATTERN}, "Sākums",
              "GGGG-MM-DD SS:MM, piemēram, 2024-05-16 10:00; bez laika: visas dienas pasākums"),
    "end": ({"widget": "string", "pattern": EVENT_DATE_PATTERN}, "Beigas",
            "Kā sākums; vairāku dienu pasākumam pēdējā diena"),
    "location": ({"widget": "string"}, "Vieta", "Piemēram, Krustpils pils"),
    "address": ({"widget": "string"}, "Adrese", "Iela, pilsēta (kartei un kalendāriem)"),
    "online": ({"widget": "string"}, "Tiešsaistes saite",
               "https://… tiešsaistes pasākumam (vietas vietā vai blakus tai)"),
    "recurrence": ({"widget": "string"}, "Atkārtošanās",
                   "RRULE, piemēram, FREQ=MONTHLY;BYDAY=-1WE;COUNT=4 (skat. ceļvedi)"),
    "exdate": ({"widget": "list", "field": {"name": "exdate", "label": "Datums",
                                            "widget": "string", "pattern": EXDATE_PATTERN}},
               "Atceltās reizes", "Atkārtotam pasākumam: reižu datumi GGGG-MM-DD, kas nenotiks"),
    "status": ({"widget": "select"}, "Statuss", ("Atceltu vai pārceltu pasākumu neizdzēs: "
                                                 "nomaini statusu, lai kalendāri to atjaunina")),
    "organizer": ({"widget": "string"}, "Rīkotājs", ""),
    "registration": ({"widget": "string"}, "Pieteikšanās", "Saite vai kā pieteikties"),
    "price": ({"widget": "string"}, "Cena", "Piemēram, Bez maksas"),
    "description": ({"widget": "text"}, "Apraksts",
                    "Viens vai divi teikumi par šo pasākumu (kalendāros); ja tukšs, raksta "
                    "kopsavilkums"),
    "sequence": ({"widget": "number", "value_type": "int", "min": 0}, "Izmaiņu numurs",
                 "Kalendāriem: palielini par 1, kad maini jau izziņota pasākuma laiku"),
}
#: Gallery photo field → (widget settings, label, hint); the keys are the galleries plugin's.
PHOTO_FIELDS: dict[str, tuple[Field, str, str]] = {
    "file": ({"widget": "image", "choose_url": False}, "Fotoattēls", "Fails šajā galerijas mapē"),
    "caption": ({"widget": "string"}, "Paraksts", "Kas notiek attēlā (paraksts zem foto)"),
    "alt": ({"widget": "string"}, "Apraksts ekrāna lasītājiem",
            "Kas redzams attēlā, tiem, kas to neredz"),
    "photographer": ({"widget": "string"}, "Fotogrāfs", "Vārds Uzvārds"),
}


def field(name: str, label: str, widget: str = "string", *, required: bool = False,
          hint: str = "", **options: Any) -> Field:
    """One Decap field; `required` defaults to False (Decap's own default is True)."""
    result: Field = {"name": name, "label": label, "widget": widget, "required": required}
    if hint:
        result["hint"] = hint
    result.update(options)
    return result


def from_table(names: Sequence[str], table: dict[str, tuple[Field, str, str]],
               required: Sequence[str]) -> list[Field]:
    fields = []
    for name in names:
        options, label, hint = table[name]
        fields.append(field(name, label, required=name in required, hint=hint, **options))
    return fields


def notes_field() -> Field:
    return field("notes", "Redakcijas piezīmes", "text",
                 hint="Piezīmes redakcijai (avoti, kāpēc tāds datums). Vietnē netiek publicētas.")


def body_field(hint: str = "") -> Field:
    return field("body", "Teksts", "markdown", required=True, hint=hint)


def title_field(label: str = "Virsraksts") -> Field:
    return field("title", label, required=True)


def slug_field(example: str) -> Field:
    """The optional `slug:` (an address's last part), checked as the content check checks it;
    `example` is a slug shown in the hint."""
    return field("slug", "Adrese", pattern=SLUG_PATTERN,
                 hint="Nav obligāta: ja tukša, adresi veido no virsraksta. Labojot publicētu "
                      "virsrakstu, ieraksti veco adreses pēdējo daļu (nokopē no pārlūka adreses "
                      f"joslas), lai saites uz to turpinātu strādāt, piemēram, {example}")
