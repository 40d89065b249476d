"""Editing in the browser: an article with an event and a cover picture made through /admin/
is committed to the clone, passes `make check`, is published with its event, and is the file
`make new` plus the same edits gives. A form missing a required field is refused; saving a
hand-written file loses nothing; a gallery is written in the list form beside its photos."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
import yaml
from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.cms.conftest import Clone, open_new_article
from tests.sitebuild import BUILD_DATE, ROOT

TITLE = "Jauna lasītava Rēzeknē: „Lasām kopā”"
SLUG = "jauna-lasitava-rezekne-lasam-kopa"  # our slug rules (common.slugs), ASCII
DAY = "2026-11-20"
#: The editor's edits, as the CMS form takes them and as they end up in the front matter.
EDITS = {
    "tags": ["bibliotēkas", "kopienas"],
    "authors": ["Anna Bērziņa"],
    "summary": "Rēzeknē atver jaunu lasītavu ar grāmatām latgaliski.",
    "image": "atteli/lasitava.jpg",
    "image_alt": "Lasītavas telpa ar zaļām sienām",
    "image_credit": "Foto: Anna Bērziņa",
    "events": [{"title": "Lasītavas atklāšana", "start": "2026-12-05 14:00",
                "end": "2026-12-05 16:00", "location": "Rēzeknes Centrālā bibliotēka",
                "status": "scheduled"}],
    "status": "published",
}
BODY = "Lasītava būs atvērta katru darba dienu."


def choose(page: Page, label: str, option: str) -> None:
    """Picks an option of a Decap select (a react-select: type, then Enter)."""
    page.get_by_label(label).click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")


def publish(page: Page) -> None:
    page.get_by_role("button", name="Publicēt", exact=True).click()
    page.get_by_text("Publicēt tagad").click()


def front_matter(text: str) -> tuple[dict, str]:
    _, header, body = text.split("---\n", 2)
    return yaml.safe_load(header), body.strip()


@pytest.fixture(scope="module")
def created(browser, clone: Clone, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The article made in the CMS: the path of the file it committed."""
    picture = tmp_path_factory.mktemp("picture") / "lasitava.jpg"
    Image.new("RGB", (900, 600), (40, 120, 90)).save(picture, quality=85)
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    open_new_article(page, clone)
    page.get_by_label("Virsraksts", exact=True).fill(TITLE)
    page.get_by_label("Datums", exact=True).fill(DAY)
    choose(page, "Reģions", "Latgale")
    page.get_by_label("Tēmas").fill(", ".join(EDITS["tags"]))
    page.get_by_label("Autori").fill(", ".join(EDITS["authors"]))
    page.get_by_label("Kopsavilkums", exact=True).fill(EDITS["summary"])
    page.get_by_role("button", name="Izvēlēties attēlu").click()
    page.locator("input[type=file]").set_input_files(picture)
    page.get_by_role("button", name="Izmantot izvēlēto").click()
    page.get_by_label("Attēla apraksts ekrāna lasītājiem").fill(EDITS["image_alt"])
    page.get_by_label("Attēla autors").fill(EDITS["image_credit"])
    event = EDITS["events"][0]
    page.get_by_role("button", name="Pievienot pasākumu").click()
    page.get_by_label("Pasākuma nosaukums").fill(event["title"])
    page.get_by_label("Sākums").fill(event["start"])
    page.get_by_label("Beigas").fill(event["end"])
    page.get_by_label("Vieta").fill(event["location"])
    choose(page, "Statuss", "Notiks")
    choose(page, "Publicēšana", "Publicēt")
    page.locator("[contenteditable=true]").last.click()
    page.keyboard.type(BODY)
    publish(page)
    expect(page.get_by_text("Izmaiņas saglabātas")).to_be_visible(timeout=15000)
    context.close()
    return clone.repo / "content" / f"{SLUG}.md"


def test_the_cms_commits_an_article_that_passes_the_check_and_is_published(
        created: Path, clone: Clone, tmp_path: Path) -> None:
    log = clone.git("log", "--format=%s", "--name-only", "-1")
    assert f"content/{SLUG}.md" in log and "content/atteli/lasitava.jpg" in log
    assert clone.git("status", "--porcelain") == ""  # everything the CMS wrote is committed
    output = tmp_path / "site"
    content = clone.repo / "content"
    check = subprocess.run(["make", "--no-print-directory", "check", f"CONTENT={content}",
                            f"OUTPUT={output}", f"BUILD_DATE={BUILD_DATE}"], cwd=ROOT,
                           capture_output=True, text=True, timeout=300, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    page = (output / "zinas" / "2026" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "Jauna lasītava Rēzeknē" in page and BODY in page
    assert "Lasītavas atklāšana" in page and "Rēzeknes Centrālā bibliotēka" in page
    assert f'alt="{EDITS["image_alt"]}"' in page
    calendar = (output / "kalendars" / "index.html").read_text(encoding="utf-8")
    assert "Lasītavas atklāšana" in calendar


def test_the_cms_writes_what_make_new_and_the_same_edits_write(created: Path,
                                                               tmp_path: Path) -> None:
    made = subprocess.run(["make", "--no-print-directory", "new", "KIND=article", f"TITLE={TITLE}",
                           "REGION=Latgale", f"CONTENT={tmp_path}", f"TODAY={DAY}"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert made.returncode == 0, made.stderr
    template, _placeholder = front_matter((tmp_path / f"{SLUG}.md").read_text(encoding="utf-8"))
    # The editor fills in the template: the picture lines (commented out between summary and
    # status) and the events go before `status:`, which becomes `published`.
    by_hand = {key: EDITS.get(key, value) for key, value in template.items() if key != "status"}
    by_hand.update({key: value for key, value in EDITS.items() if key != "status"})
    by_hand["status"] = EDITS["status"]
    by_cms, body = front_matter(created.read_text(encoding="utf-8"))
    assert created.name == f"{SLUG}.md"
    assert by_cms == by_hand
    assert list(by_cms) == list(by_hand)
    assert [list(e) for e in by_cms["events"]] == [list(e) for e in by_hand["events"]]
    assert body == BODY


def test_the_cms_refuses_an_article_without_a_region(browser, clone: Clone) -> None:
    commits = clone.git("rev-list", "--count", "HEAD")
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    open_new_article(page, clone)
    page.get_by_label("Virsraksts", exact=True).fill("Raksts bez reģiona")
    page.get_by_label("Datums", exact=True).fill(DAY)
    page.get_by_label("Kopsavilkums", exact=True).fill("Kopsavilkums.")
    page.locator("[contenteditable=true]").last.click()
    page.keyboard.type("Teksts.")
    publish(page)
    preview_css = page.frame_locator("iframe").locator('link[rel="stylesheet"]')
    expect(preview_css).to_have_attribute("href", f"{clone.siteurl}/theme/css/site.css")
    expect(page.get_by_text("Nav aizpildīts obligāts lauks")).to_be_visible()
    expect(page.get_by_text("Jāaizpilda lauks „Reģions”.")).to_be_visible()
    context.close()
    assert clone.git("rev-list", "--count", "HEAD") == commits
    assert not (clone.repo / "content" / "raksts-bez-regiona.md").exists()


def test_saving_a_hand_written_article_in_the_cms_loses_nothing(browser, clone: Clone) -> None:
    """Notes, `online: true`, recurrence, month-only events and the text survive an edit."""
    path = clone.repo / "content" / "pilsoniskas-lidzdalibas-atbalsta-punkti-selija.md"
    before, body_before = front_matter(path.read_text(encoding="utf-8"))
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    open_new_article(page, clone)
    page.goto(f"{clone.siteurl}/admin/#/collections/articles/entries/{path.stem}")
    page.reload()
    summary = page.get_by_label("Kopsavilkums", exact=True)
    summary.fill(before["summary"] + " Labots.")
    publish(page)
    expect(page.get_by_text("Izmaiņas saglabātas")).to_be_visible(timeout=15000)
    context.close()
    after, body_after = front_matter(path.read_text(encoding="utf-8"))
    assert after == {**before, "summary": before["summary"] + " Labots."}
    assert body_after == body_before


def test_a_gallery_made_in_the_cms_is_the_list_form_beside_its_photos(
        browser, clone: Clone, tmp_path: Path) -> None:
    photo = tmp_path / "talka-01.jpg"
    Image.new("RGB", (900, 600), (90, 60, 30)).save(photo, quality=85)
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    open_new_article(page, clone)
    page.goto(f"{clone.siteurl}/admin/#/collections/galleries/new")
    page.reload()
    page.get_by_label("Galerijas nosaukums").fill("Talka Ilgu muižā")
    page.get_by_label("Datums", exact=True).fill(DAY)
    page.get_by_role("button", name="Pievienot fotoattēlu").click()
    page.get_by_role("button", name="Izvēlēties attēlu").click()
    page.locator("input[type=file]").set_input_files(photo)
    page.get_by_role("button", name="Izmantot izvēlēto").click()
    page.get_by_label("Paraksts").fill("Talkas dalībnieki stāda kokus")
    page.get_by_label("Apraksts ekrāna lasītājiem").fill("Cilvēki ar lāpstām pie jaunām liepām")
    publish(page)
    expect(page.get_by_text("Izmaiņas saglabātas")).to_be_visible(timeout=15000)
    context.close()
    folder = clone.repo / "content" / "galleries" / "talka-ilgu-muiza"
    assert (folder / "talka-01.jpg").is_file()
    assert yaml.safe_load((folder / "captions.yml").read_text(encoding="utf-8")) == {
        "title": "Talka Ilgu muižā", "date": dt.date(2026, 11, 20),
        "photos": [{"file": "talka-01.jpg", "caption": "Talkas dalībnieki stāda kokus",
                    "alt": "Cilvēki ar lāpstām pie jaunām liepām"}]}
