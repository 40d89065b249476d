"""`make serve`: the preview reports problems without stopping, in the terminal and in a banner
at the top of the affected page, rebuilds once per save with a warm build process that plugin
changes replace and crashes do not reach, and tells open pages when a new build is served."""

from __future__ import annotations

import contextlib
import html
import os
import re
from pathlib import Path

from tests.photos import upright, write_photo
from tests.preview import (
    AT_ONCE,
    BUILT,
    NEW_BUILDER,
    REBUILDING,
    SERVING,
    fetch,
    running_preview,
    wait_for,
)
from tests.sitebuild import ROOT, run_build

BROKEN = """---
title: Talka Rēzeknē
date: 03.04.2024
region: Latgale
summary: Sakopsim parku kopā.
---
Teksts.
"""
GOOD = """---
title: Bibliotēku nakts
date: 2024-04-02
region: Latgale
summary: Lasījumi visu nakti.
---
Teksts.
"""
GOOD_PAGE = "/zinas/2024/biblioteku-nakts/"
PROBLEM = "talka.md:3: date: datums nav saprotams (date could not be read): 03.04.2024"
#: Problems only the link check finds (it runs after every page is written).
LINKS = """---
title: Par mums
---
Sk. [ko citu](/nav/).
"""
LINK_PROBLEM = "pages/lapa.md:4: link: vietnē nav šādas lapas (no such page on the site): /nav/"
#: Front matter YAML cannot read at all.
UNREADABLE = "---\ntitle: [Talka\ndate: 2024-04-03\n---\nTeksts.\n"
#: A plugin from the test's own PLUGIN_PATHS; each version says which it is when it registers.
PLUGIN = """import logging
import os
import signal

VERSION = {version!r}


def register():
    if VERSION == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    logging.getLogger(__name__).warning("marker plugin %s", VERSION)
"""
#: A plugin that holds every build before it is swapped in while the file HOLD exists.
HOLDING_PLUGIN = """import os
import time

from pelican import signals


def hold(_pelican):
    while os.path.exists({hold!r}):
        time.sleep(0.05)


def register():
    signals.finalized.connect(hold)
"""
SETTINGS = """import sys
sys.path.insert(0, {root!r})
from pelicanconf import *
PLUGIN_PATHS = [*PLUGIN_PATHS, {plugins!r}]
PLUGINS = [*PLUGINS, {plugin!r}]
"""


def save_like_an_editor(file: Path, text: str) -> None:
    """Save as editors do, in several writes: a lock file, a temporary copy renamed over the
    file, its permissions set again."""
    lock = file.with_name(f".#{file.name}")
    lock.write_text("editor", encoding="utf-8")
    temporary = file.with_name(f"{file.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, file)
    file.chmod(0o644)
    lock.unlink()


def test_the_preview_shows_each_problem_on_its_page_and_in_the_terminal(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "talka.md").write_text(BROKEN, encoding="utf-8")
    (content / "nakts.md").write_text(GOOD, encoding="utf-8")
    (content / "pages/lapa.md").write_text(LINKS, encoding="utf-8")
    # Polling (where file-system events are unavailable) finds the fix below as well.
    with running_preview(content, tmp_path / "output", "--poll", "--interval", "0.2") as preview:
        page = preview.page_with("/zinas/2024/talka-rezekne/", "Talka")
        assert 'class="preview-problems"' in page
        assert PROBLEM in page.replace("&#39;", "'")
        assert f"error: {PROBLEM}" in preview.terminal(), "the terminal shows what make check shows"
        other = fetch(f"{preview.url}{GOOD_PAGE}")
        assert other and "preview-problems" not in other, "only the affected page has a banner"
        home = fetch(f"{preview.url}/")
        assert home and PROBLEM in home, "the home page lists every problem"
        assert LINK_PROBLEM in home and ": 2</h2>" in home, "link-check problems too"
        linking = fetch(f"{preview.url}/par-mums/")
        assert linking and LINK_PROBLEM in linking and ": 1</h2>" in linking
        assert f"error: {LINK_PROBLEM}" in preview.terminal()

        (content / "talka.md").write_text(BROKEN.replace("03.04.2024", "2024-04-03"), "utf-8")
        fixed = wait_for(lambda: (lambda p: p if p and "preview-problems" not in p else None)(
            fetch(f"{preview.url}/zinas/2024/talka-rezekne/")), "the rebuilt page")
        assert "Talka Rēzeknē" in fixed


def test_one_save_is_one_rebuild_whose_text_is_served_and_signalled(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "nakts.md").write_text(GOOD, encoding="utf-8")
    output = tmp_path / "output"
    with running_preview(content, output) as preview:
        page = preview.page_with(GOOD_PAGE, "Teksts.")
        assert '<script src="/__preview__/reload.js" data-build="' in page
        on_disk = (output / GOOD_PAGE.strip("/") / "index.html").read_text(encoding="utf-8")
        assert "__preview__" not in on_disk, "output/ stays what make html writes"
        script = fetch(f"{preview.url}/__preview__/reload.js")
        assert script and "EventSource" in script and "http" not in script, "nothing from elsewhere"
        editor = fetch(f"{preview.url}/admin/")
        assert editor and "__preview__" not in editor, "the browser editor never reloads itself"

        with contextlib.closing(preview.build_ids()) as ids:
            served = next(ids)
            assert f'data-build="{served}"' in page, "the page names the build it came from"
            save_like_an_editor(content / "nakts.md", GOOD.replace("Teksts.", "Lasījumi līdz rītam."))
            preview.page_with(GOOD_PAGE, "Lasījumi līdz rītam.")
            assert next(ids) != served, "open pages are told a new build is served"
        preview.wait_for_builds(2)
        assert preview.terminal().count(REBUILDING) == 1

        # A file YAML cannot read is a problem on the pages, not the end of the preview.
        save_like_an_editor(content / "talka.md", UNREADABLE)
        preview.page_with("/", "talka.md:")
        preview.wait_for_builds(3)
        assert preview.terminal().count(REBUILDING) == 2, "each save was one rebuild"
        save_like_an_editor(content / "nakts.md", GOOD.replace("Teksts.", "Rīta kafija."))
        preview.page_with(GOOD_PAGE, "Rīta kafija.")


def marker_site(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A site with one good article and the marker plugin (v1) in a plugin folder of its own:
    (the plugin folder, the settings file, the content folder)."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "marker.py").write_text(PLUGIN.format(version="v1"), encoding="utf-8")
    settings = tmp_path / "testconf.py"
    settings.write_text(SETTINGS.format(root=str(ROOT), plugins=str(plugins), plugin="marker"),
                        encoding="utf-8")
    content = tmp_path / "content"
    content.mkdir()
    (content / "nakts.md").write_text(GOOD, encoding="utf-8")
    return plugins, settings, content


def test_a_plugin_change_gives_a_new_builder_and_a_crash_stops_only_its_build(
        tmp_path: Path) -> None:
    plugins, settings, content = marker_site(tmp_path)
    with running_preview(content, tmp_path / "output", "--settings", str(settings)) as preview:
        assert "marker plugin v1" in preview.terminal()
        preview.page_with(GOOD_PAGE, "Teksts.")

        # The warm builder holds version 1 imported: only a new builder can run version 2.
        (plugins / "marker.py").write_text(PLUGIN.format(version="crash"), encoding="utf-8")
        wait_for(lambda: "the build died" in preview.terminal(), "the crashed build")
        assert NEW_BUILDER in preview.terminal()
        assert "Teksts." in (fetch(f"{preview.url}{GOOD_PAGE}") or ""), "the pages stay"

        (plugins / "marker.py").write_text(PLUGIN.format(version="v3"), encoding="utf-8")
        wait_for(lambda: "marker plugin v3" in preview.terminal(), "version 3 registering")
        assert preview.terminal().count(NEW_BUILDER) == 2
        assert "marker plugin v1" not in preview.terminal().split(NEW_BUILDER)[-1]


def holding_site(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Settings with the holding plugin (HOLDING_PLUGIN), an empty content folder with
    `atteli/`, and the file whose existence holds every build before its swap."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    hold = tmp_path / "hold"
    (plugins / "holding.py").write_text(HOLDING_PLUGIN.format(hold=str(hold)), encoding="utf-8")
    settings = tmp_path / "testconf.py"
    settings.write_text(SETTINGS.format(root=str(ROOT), plugins=str(plugins), plugin="holding"),
                        encoding="utf-8")
    content = tmp_path / "content"
    (content / "atteli").mkdir(parents=True)
    return settings, content, hold


PICTURED = GOOD.replace("Teksts.", "![Lasītāji bibliotēkā]({static}/atteli/nakts.jpg)\n\nTeksts.")


def test_a_saved_article_is_served_at_once_while_its_full_build_runs(tmp_path: Path) -> None:
    """The fast render (tools/fast_render.py): a body edit is on the served page before the
    full build finishes, with the bytes that build then writes; an edit that shows elsewhere
    (a new date: a new address, other lists) waits for the full build."""
    settings, content, hold = holding_site(tmp_path)
    upright().save(content / "atteli" / "nakts.jpg", "JPEG")
    (content / "nakts.md").write_text(PICTURED, encoding="utf-8")
    for number in range(9):  # enough sources for the build's reading pool (forked workers)
        (content / f"zina-{number}.md").write_text(
            GOOD.replace("Bibliotēku nakts", f"Ziņa {number}"), encoding="utf-8")
    output = tmp_path / "output"
    written = output / GOOD_PAGE.strip("/") / "index.html"
    with running_preview(content, output, "--settings", str(settings)) as preview:
        preview.page_with(GOOD_PAGE, "Teksts.")
        hold.touch()
        save_like_an_editor(content / "nakts.md", PICTURED.replace("Teksts.", "Līdz rītam."))
        page = preview.page_with(GOOD_PAGE, "Līdz rītam.")
        wait_for(lambda: f"{AT_ONCE}{GOOD_PAGE.strip('/')}/index.html" in preview.terminal(),
                 "the fast render's line")
        assert preview.terminal().count(BUILT) == 1, "served while the full build is held"
        assert "<picture>" in page and "{static}" not in page, "its picture as the build makes it"
        at_once = written.read_bytes()

        save_like_an_editor(content / "nakts.md", PICTURED.replace("Teksts.", "Rīta kafija."))
        preview.page_with(GOOD_PAGE, "Rīta kafija.")  # saved during the held build
        hold.unlink()
        preview.wait_for_builds(3)
        assert "Rīta kafija." in (fetch(f"{preview.url}{GOOD_PAGE}") or "")
        assert written.read_bytes() == at_once.replace("Līdz rītam.".encode(),
                                                       "Rīta kafija.".encode()), \
            "the full build wrote the page the fast render showed"

        # no build running (each started build has finished), and one rename from outside
        # content/: a save made during a build is fast-rendered again on that build's output
        # (docs/building.md "Preview"), which would print its line for a date already built
        wait_for(lambda: preview.terminal().count(SERVING) > preview.terminal().count(REBUILDING),
                 "every started build finished")
        terminal = preview.terminal()
        moved = tmp_path / "nakts.md"
        moved.write_text(PICTURED.replace("2024-04-02", "2024-04-05")
                         .replace("Teksts.", "Pārcelts."), encoding="utf-8")
        os.replace(moved, content / "nakts.md")
        preview.page_with(GOOD_PAGE, "Pārcelts.")
        assert AT_ONCE not in preview.terminal()[len(terminal):], "a new date waits for the build"


#: An article showing an original that carries a GPS location and a truncated picture.
PICTURES = """---
title: Divi attēli
date: 2024-04-05
region: Latgale
summary: Viens ar atrašanās vietu, otrs bojāts.
---
![Ar vietu]({static}/atteli/gps.jpg)

![Bojāts]({static}/atteli/bojats.jpg)
"""


def reported_lines(terminal: str) -> list[str]:
    """The problems a build printed (`error: …`, `warning: …`), without their level."""
    return [line.split(": ", 1)[1] for line in terminal.splitlines()
            if line.startswith(("error: ", "warning: "))]


def banner(page: Path) -> list[str]:
    """The problems a page's preview banner lists, as text."""
    found = re.search(r'<section class="preview-problems".*?</section>',
                      page.read_text(encoding="utf-8"), re.S)
    assert found, f"no banner on {page}"
    return [html.unescape(item) for item in re.findall(r"<li><code>(.*?)</code></li>",
                                                       found.group(0), re.S)]


def test_the_preview_shows_every_problem_it_counts_and_what_make_check_fails_on(
        tmp_path: Path) -> None:
    """QA: an original's GPS location was printed, in no banner and not counted ("0 problem(s)
    shown on the pages") while `make check` failed on it; a truncated picture's error was
    printed and counted but missing from the home page's list."""
    content = tmp_path / "content"
    (content / "atteli").mkdir(parents=True)
    write_photo(content / "atteli" / "gps.jpg")
    whole = tmp_path / "vesels.jpg"
    upright().save(whole, "JPEG")
    (content / "atteli" / "bojats.jpg").write_bytes(whole.read_bytes()[:3000])
    (content / "atteli.md").write_text(PICTURES, encoding="utf-8")
    (content / "nakts.md").write_text(GOOD, encoding="utf-8")

    preview = run_build(tmp_path / "preview", "--preview", content=content)
    printed = reported_lines(preview.stderr)
    assert f"; {len(printed)} problem(s) shown on the pages." in preview.stderr
    home = banner(tmp_path / "preview" / "index.html")
    assert sorted(home) == sorted(printed), "the home page lists every problem it counts"
    assert any(line.startswith("atteli/gps.jpg: location: ") for line in home)
    assert any(line.startswith("atteli/bojats.jpg: image: ") for line in home)
    article = banner(tmp_path / "preview" / "zinas/2024/divi-atteli/index.html")
    assert article and article == [line for line in home if line.startswith("atteli.md:")]
    assert "preview-problems" not in (tmp_path / "preview" / GOOD_PAGE.strip("/") /
                                      "index.html").read_text(encoding="utf-8")

    check = run_build(tmp_path / "check", "--strict", content=content)
    assert check.returncode == 1
    assert set(reported_lines(check.stderr)) <= set(printed), "what make check fails on"


def test_a_date_no_calendar_has_is_one_problem_in_the_preview(tmp_path: Path) -> None:
    """QA: `date: 2026-13-01` gave the content check's problem plus the YAML plugin's
    "month must be in 1..12" and Pelican's "could not find information about 'title'":
    three problems counted, one in the banner."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "talka.md").write_text(BROKEN.replace("03.04.2024", "2026-13-01"), "utf-8")
    (content / "nakts.md").write_text(GOOD, encoding="utf-8")
    result = run_build(tmp_path / "output", "--preview", content=content)
    problem = PROBLEM.replace("03.04.2024", "2026-13-01")
    assert [line.split(" — ")[0] for line in reported_lines(result.stderr)] == [problem]
    assert "; 1 problem(s) shown on the pages." in result.stderr
    assert [line.split(" — ")[0] for line in banner(tmp_path / "output" / "index.html")] == \
        [problem]


def test_a_report_about_no_source_is_on_the_home_page_too(tmp_path: Path) -> None:
    """A warning that names no content file (here a plugin's) is counted and fails `make
    check`: the home page lists it as printed."""
    _, settings, content = marker_site(tmp_path)
    result = run_build(tmp_path / "output", "--preview", content=content, settings=str(settings))
    assert reported_lines(result.stderr) == ["marker: marker plugin v1"]
    assert "; 1 problem(s) shown on the pages." in result.stderr
    assert banner(tmp_path / "output" / "index.html") == ["marker: marker plugin v1"]
    assert "preview-problems" not in (tmp_path / "output" / GOOD_PAGE.strip("/") /
                                      "index.html").read_text(encoding="utf-8")


def test_documents_on_one_address_are_problems_on_the_banner_not_a_stopped_writer(
        tmp_path: Path) -> None:
    """QA: two articles with one title (or two pages with one `save_as:`) ended the preview's
    writing with Pelican's FileOverwriteFailedError, named against the article that keeps the
    address, with a temporary folder's path. The preview shows the older article at the
    address, leaves the newer one out and lists why on the home page, build after build."""
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    for name, date in (("a.md", "2024-04-02"), ("b.md", "2024-04-03")):
        (content / name).write_text(GOOD.replace("2024-04-02", date), encoding="utf-8")
    for name in ("x", "y"):
        (content / "pages" / f"{name}.md").write_text(
            f"---\ntitle: Lapa {name}\nsave_as: abc/index.html\nurl: abc/\n---\nTeksts.\n",
            encoding="utf-8")
    output = tmp_path / "output"
    for text in ("Teksts.", "Labots teksts."):  # the second build reuses the first's pages
        (content / "a.md").write_text(GOOD.replace("Teksts.", text), encoding="utf-8")
        result = run_build(output, "--preview", content=content)
        assert "Priekšskatījums gatavs (preview ready)" in result.stderr, result.stderr
        assert "FileOverwriteFailedError" not in result.stderr
        home = banner(output / "index.html")
        assert any(line.startswith("b.md:2: title: tāda pati adrese kā a.md") for line in home)
        assert any(line.startswith("pages/y.md:3: save_as: šī adrese jau ir pages/x.md") and
                   "(the address is already pages/x.md's)" in line for line in home), home
        assert not any(line.startswith(("a.md", "pages/x.md")) for line in home)
        kept = (output / GOOD_PAGE.strip("/") / "index.html").read_text(encoding="utf-8")
        assert 'datetime="2024-04-02' in kept
        assert "Lapa x" in (output / "abc/index.html").read_text(encoding="utf-8")


def test_a_save_as_on_the_home_page_or_the_calendar_leaves_both_in_place(tmp_path: Path) -> None:
    """QA: `save_as: index.html` replaced the home page and `save_as: kalendars.ics` the site's
    calendar, silently. The preview keeps both and names each page on the banner."""
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "nakts.md").write_text(GOOD, encoding="utf-8")
    for name, save_as in (("h", "index.html"), ("i", "kalendars.ics")):
        (content / "pages" / f"{name}.md").write_text(
            f"---\ntitle: Lapa {name}\nsave_as: {save_as}\n---\nTeksts.\n", encoding="utf-8")
    output = tmp_path / "output"
    result = run_build(output, "--preview", content=content)
    assert BUILT in result.stderr, result.stderr
    fix = "izvēlies citu 'save_as:'/'url:' vai izdzēs abas rindas"
    assert [line for line in banner(output / "index.html") if fix in line] == [
        f"pages/h.md:3: save_as: šī adrese jau ir vietnes pašas failam (the address is already "
        f"a file the site writes itself): /index.html — {fix} (choose another save_as:/url: or "
        f"delete both lines)",
        f"pages/i.md:3: save_as: šī adrese jau ir vietnes pašas failam (the address is already "
        f"a file the site writes itself): /kalendars.ics — {fix} (choose another save_as:/url: "
        f"or delete both lines)"]
    assert "Lapa h" not in (output / "index.html").read_text(encoding="utf-8")
    assert (output / "kalendars.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
