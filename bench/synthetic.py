"""A synthetic site for the build benchmark: Latvian articles that pass our content check.

Everything comes from a seeded random generator, so the same count gives the same files. Each
article has YAML front matter like content/*.md and about 500 words of Markdown: `##` headings,
a bullet list, links to external sites and `{filename}` links to other articles.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from dataclasses import dataclass
from pathlib import Path

from kopienu_zinas.common.isodates import wall_time_fault

#: Places in the locative case ("in Aknīste"), by region, for the titles.
PLACES = {
    "Sēlija": ("Aknīstē", "Jēkabpilī", "Viesītē", "Neretā", "Ilūkstē", "Salā", "Subatē"),
    "Latgale": ("Krāslavā", "Ludzā", "Preiļos", "Daugavpilī", "Līvānos", "Dagdā", "Zilupē"),
    "Rēzekne": ("Rēzeknē", "Viļānos", "Kaunatā", "Maltā", "Nautrēnos", "Lūznavā"),
    "Vidzeme": ("Valmierā", "Cēsīs", "Smiltenē", "Alūksnē", "Gulbenē", "Madonā"),
}
EVENTS = (
    "Kopienas talka", "Lasītāju vakars", "Amatnieku tirgus", "Jauniešu forums", "Senioru rīts",
    "Novada svētki", "Rokdarbu darbnīca", "Iedzīvotāju sapulce", "Kopienas dārza atklāšana",
    "Bērnu vasaras nometne", "Tautas deju koncerts", "Sporta diena", "Sarunu vakars",
    "Fotoizstāde", "Pārgājiens pa dabas taku", "Mācību seminārs", "Labdarības akcija",
    "Kora dziesmu vakars", "Grāmatas atvēršanas svētki", "Ziemassvētku gadatirgus",
)
ANGLES = (
    "iedzīvotāji pulcējas kopā", "aicina pieteikties brīvprātīgos",
    "atbalsta vietējie uzņēmēji", "piedalās vairāk nekā simts dalībnieku",
    "jauna tradīcija pagastā", "pieredzē dalās kopienas līderi", "gaidīti visi interesenti",
    "noslēdzies projekta pirmais posms", "kopā ar kaimiņu novadiem",
    "pirmo reizi pēc ilgāka laika", "ļaudis vienojas par nākamajiem soļiem",
    "čaklākie saņem pateicības",
)
TAGS = (
    "kopienas", "bibliotēkas", "kultūra", "izglītība", "jaunieši", "seniori", "sports", "daba",
    "vide", "tūrisms", "uzņēmējdarbība", "lauksaimniecība", "amatniecība", "mūzika", "teātris",
    "vēsture", "novadpētniecība", "pašvaldības", "pilsoniskā līdzdalība", "brīvprātīgais darbs",
    "labdarība", "veselība", "sociālais darbs", "ģimenes", "bērni", "latgaliešu valoda",
    "svētki", "pasākumi", "projekti", "digitālās prasmes",
)
AUTHORS = ("Kristīne Liepiņa", "Jānis Bērziņš", "Ilze Ozoliņa", "Māris Kalniņš", "Līga Čakste",
           "Aivars Ķeniņš")
SENTENCES = (
    "Pasākumā piedalījās vietējie iedzīvotāji, pašvaldības darbinieki un kaimiņu pagastu ļaudis.",
    "Organizatori pateicas visiem brīvprātīgajiem, kuri palīdzēja sagatavot telpas un cienastu.",
    "Kopienas centrs jau vairākus gadus ir vieta, kur satiekas dažādu paaudžu cilvēki.",
    "Dalībnieki vienojās, ka nākamgad sadarbību vajadzētu turpināt un paplašināt.",
    "Bibliotēkas vadītāja atgādina, ka grāmatas var ņemt līdzi arī uz mājām.",
    "Jaunieši stāstīja par savām idejām, kā padarīt pagastu dzīvīgāku.",
    "Seniori dalījās atmiņās par to, kā ciemā dzīvoja pirms piecdesmit gadiem.",
    "Pēc oficiālās daļas visi kopā dziedāja tautasdziesmas un baudīja zāļu tēju.",
    "Projektu finansē pašvaldība un nevalstisko organizāciju atbalsta programma.",
    "Talkas laikā sakopa parku, izzāģēja krūmus un salaboja veco žogu.",
    "Čaklākie dalībnieki saņēma pateicības rakstus un nelielas balvas.",
    "Skolēni sagatavoja izstādi par novada vēsturi un ievērojamiem cilvēkiem.",
    "Rudenī plānots rīkot vēl vienu tikšanos, lai pārrunātu paveikto.",
    "Vietējā uzņēmēja piedāvāja savu saimniecību kā vietu nākamajam saietam.",
    "Daudzi apmeklētāji atzina, ka šāds pasākums pagastā bija ļoti gaidīts.",
    "Dziesmas skanēja arī latgaliešu valodā, un klausītāji dziedāja līdzi.",
    "Ģimenes ar bērniem varēja izmēģināt senās spēles un amatnieku prasmes.",
    "Meistari rādīja, kā no māla veidot traukus un kā aust jostas.",
    "Sarunās izskanēja doma, ka kopiena ir tik stipra, cik aktīvi ir tās cilvēki.",
    "Pašvaldības pārstāvis solīja atbalstu arī turpmākajām iniciatīvām.",
    "Pie ugunskura cepa kartupeļus ar ķiplokiem un dillēm.",
    "Brīvprātīgie palīdzēja vientuļajiem kaimiņiem sagādāt malku ziemai.",
    "Dalībnieki apmeklēja arī vietējo muzeju un baznīcu.",
    "Ekskursijas vadītājs pastāstīja par muižas vēsturi un tās saimniekiem.",
    "Pavasarī kopienas dārzā iestādīja ābeles, ķiršus un ogu krūmus.",
    "Bērni zīmēja savu sapņu pagastu, un labākos darbus izlika bibliotēkā.",
    "Semināra otrajā daļā dalībnieki strādāja grupās un meklēja risinājumus.",
    "Ikviens varēja uzdot jautājumus un izteikt savu viedokli.",
    "Laikapstākļi bija labvēlīgi, tāpēc lielākā daļa aktivitāšu notika ārā.",
    "Koncertā uzstājās vietējais koris un tautas deju kolektīvs.",
    "Izstāde būs apskatāma līdz mēneša beigām bibliotēkas darba laikā.",
    "Digitālo prasmju nodarbībās seniori mācījās lietot viedtālruni un e-pastu.",
    "Daļu līdzekļu savāca labdarības tirdziņā, kurā pārdeva pašu ceptu maizi.",
    "Nākamā tikšanās notiks kultūras namā, un uz to aicināti visi interesenti.",
    "Jauniešu centrs piedāvā vietu, kur pēc skolas lietderīgi pavadīt laiku.",
    "Novadpētnieki apkopoja stāstus par ciema mājām un to iemītniekiem.",
    "Sporta spēlēs sacentās komandas no piecām pagasta sādžām.",
    "Ezera krastā uzstādīja jaunus soliņus un informācijas stendu.",
    "Kopš projekta sākuma tajā iesaistījušies vairāk nekā divi simti cilvēku.",
    "Vecāki atzinīgi novērtēja iespēju bērniem vasarā mācīties ko jaunu.",
    "Pasākuma noslēgumā visi kopā nofotografējās pie pils.",
    "Rīkotāji aicina sekot jaunumiem kopienas lapā un sociālajos tīklos.",
    "Sociālie darbinieki stāstīja, kā palīdzēt ģimenēm, kurām klājas grūti.",
    "Kopīgi gatavotās zupas katls bija tukšs ātrāk, nekā cerēts.",
    "Lauksaimnieki dalījās pieredzē par bioloģisko saimniekošanu.",
    "Jaunais tūrisma maršruts ved gar upi, vecajām dzirnavām un skatu torni.",
    "Lai pieteiktos, jāaizpilda anketa vai jāzvana uz kopienas centru.",
    "Žūrija īpaši izcēla darbus, kuros bija jūtama mīlestība pret dzimto vietu.",
    "Pēc pasākuma daudzi palika, lai vēl ilgi sarunātos.",
    "Šogad pirmo reizi piešķīra balvu par ieguldījumu kopienas dzīvē.",
)
HEADINGS = (
    "Kā tas notika", "Ko stāsta dalībnieki", "Paveiktais skaitļos", "Nākamie soļi",
    "Par projektu", "Sadarbības partneri", "Vēsture un tradīcijas", "Kā pieteikties",
    "Pateicības", "Ko darīt tālāk", "Atbalsts un finansējums", "Dalībnieku pieredze",
)
LIST_ITEMS = (
    "radošās darbnīcas bērniem un pieaugušajiem", "sarunas par kopienas nākotni",
    "vietējo ražotāju tirdziņš", "ekskursija pa dabas taku", "koncerts kultūras namā",
    "bibliotēkas jaunumu apskats", "sporta spēles visai ģimenei",
    "pieredzes apmaiņa ar kaimiņu novadiem", "kopīga maltīte pie ugunskura",
    "fotoizstādes atklāšana", "digitālo prasmju nodarbības senioriem",
    "konsultācijas par projektu rakstīšanu",
)
EXTERNAL_LINKS = (
    ("Latvijas Nacionālā bibliotēka", "https://www.lnb.lv/"),
    ("Latvijas Sabiedriskie mediji", "https://www.lsm.lv/"),
    ("Valsts kultūrkapitāla fonds", "https://www.kkf.lv/"),
    ("Lauku atbalsta dienests", "https://www.lad.gov.lv/"),
    ("Latvijas Pašvaldību savienība", "https://www.lps.lv/"),
    ("Latvijas Lauku forums", "https://www.laukuforums.lv/"),
    ("Latvijas Nacionālais kultūras centrs", "https://www.lnkc.gov.lv/"),
    ("tiesību akti vietnē likumi.lv", "https://likumi.lv/"),
)

FIRST_DATE = dt.datetime(2019, 1, 1, 8, 0)
LAST_DATE = dt.datetime(2026, 11, 1, 20, 0)
SUMMARY_LIMIT = 300
EDIT = "\n\nPapildināts: rīkotāji precizēja, ka pieteikšanās turpinās līdz mēneša beigām.\n"


@dataclass(frozen=True)
class Planned:
    """What other articles need to know about one article before it is written: its link."""

    filename: str
    title: str
    region: str


def plan_articles(count: int, rng: random.Random) -> list[Planned]:
    """Unique titles (event × place × angle), each place in its own region."""
    places = [(region, place) for region, names in PLACES.items() for place in names]
    combinations = list(itertools.product(EVENTS, places, ANGLES))
    rng.shuffle(combinations)
    planned = []
    for index in range(count):
        event, (region, place), angle = combinations[index % len(combinations)]
        title = f"{event} {place}: {angle}"
        if index >= len(combinations):  # only for counts beyond the distinct titles
            title += f" ({index // len(combinations) + 1})"
        planned.append(Planned(f"raksts-{index + 1:05d}.md", title, region))
    return planned


def _yaml(value: str | list[str]) -> str:
    """A YAML scalar or flow list (JSON is valid YAML and quotes titles with ':' safely)."""
    return json.dumps(value, ensure_ascii=False)


def front_matter(article: Planned, rng: random.Random) -> str:
    span = int((LAST_DATE - FIRST_DATE).total_seconds() // 60)
    when = FIRST_DATE + dt.timedelta(minutes=rng.randrange(0, span, 15))
    if wall_time_fault(when):  # the content check refuses a time Riga's clock skips or repeats
        when += dt.timedelta(hours=1)
    date = when.strftime("%Y-%m-%d %H:%M" if rng.random() < 0.5 else "%Y-%m-%d")
    summary = " ".join(rng.sample(SENTENCES, 2))
    assert len(summary) <= SUMMARY_LIMIT, summary
    fields = {
        "title": _yaml(article.title),
        "date": date,
        "region": article.region,
        "tags": _yaml(rng.sample(TAGS, rng.randint(2, 4))),
        "authors": _yaml(rng.sample(AUTHORS, rng.choice((1, 1, 2)))),
        "summary": _yaml(summary),
    }
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in fields.items()) + "---\n"


def _paragraph(rng: random.Random) -> str:
    return " ".join(rng.sample(SENTENCES, rng.randint(3, 5)))


def _extra_block(kind: str, planned: list[Planned], rng: random.Random) -> str:
    if kind == "list":
        items = rng.sample(LIST_ITEMS, rng.randint(3, 6))
        return "Programmā bija:\n\n- " + ";\n- ".join(items) + "."
    if kind == "external":
        text, url = rng.choice(EXTERNAL_LINKS)
        return f"{_paragraph(rng)} Plašāka informācija: [{text}]({url})."
    other = rng.choice(planned)
    return f"Lasiet arī: [{other.title}]({{filename}}{other.filename})."


def body(planned: list[Planned], rng: random.Random, words: int = 500) -> str:
    """Paragraphs under `##` headings until about `words` words; every article has a list,
    an external link and a link to another article."""
    blocks = [_paragraph(rng)]
    kinds = ["list", "external", "internal"]
    rng.shuffle(kinds)
    headings = rng.sample(HEADINGS, len(HEADINGS))
    section = 0
    while section < len(kinds) or sum(len(b.split()) for b in blocks) < words:
        blocks.append(f"## {headings[section % len(headings)]}")
        blocks.append(_paragraph(rng))
        blocks.append(_extra_block(kinds[section % len(kinds)], planned, rng))
        section += 1
    return "\n\n".join(blocks) + "\n"


def write_site(content: Path, count: int, seed: int = 2026) -> list[Path]:
    """Write `count` articles into `content` (created if needed); returns their paths."""
    rng = random.Random(seed)
    planned = plan_articles(count, rng)
    content.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in planned:
        path = content / article.filename
        path.write_text(front_matter(article, rng) + "\n" + body(planned, rng), encoding="utf-8")
        paths.append(path)
    return paths


def edit_article(path: Path, paragraph: str = EDIT) -> None:
    """Change an article's body the way an editor would: one more paragraph at the end."""
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + paragraph, encoding="utf-8")
