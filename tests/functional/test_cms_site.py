"""/admin/ in the built site: the editor's files, and nothing of it anywhere else."""

from __future__ import annotations

import re

import yaml

from tests.sitebuild import ROOT, BuiltSite


def test_admin_is_noindex_unsearchable_and_outside_the_sitemap(built_site: BuiltSite) -> None:
    admin = built_site.page("/admin/")
    assert '<meta name="robots" content="noindex">' in admin
    assert "data-pagefind-body" not in admin
    assert '<script src="decap-cms.js">' in admin
    assert (built_site.output / "admin" / "decap-cms.js").stat().st_size > 1_000_000
    assert "/admin/" not in (built_site.output / "sitemap.xml").read_text(encoding="utf-8")
    script = (built_site.output / "admin" / "kopienu-zinas-cms.js").read_text(encoding="utf-8")
    assert 'CMS.registerLocale("lv"' in script and '"save": "Saglabāt"' in script
    assert not list(built_site.output.glob("admin/*.map"))


def test_no_public_page_loads_anything_of_the_cms(built_site: BuiltSite) -> None:
    for page in built_site.output.rglob("*.html"):
        if page.parent.name == "admin":
            continue
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"decap|admin/|kopienu-zinas-cms", html, re.IGNORECASE), page


def test_editors_notes_are_never_published(built_site: BuiltSite) -> None:
    source = ROOT / "content" / "pilsoniskas-lidzdalibas-atbalsta-punkti-selija.md"
    header = yaml.safe_load(source.read_text(encoding="utf-8").split("---\n")[1])
    notes = [line.strip() for line in header["notes"].splitlines()]
    assert notes
    for file in built_site.output.rglob("*"):
        if file.is_file() and file.suffix in {".html", ".xml", ".ics", ".json", ".txt", ".js"}:
            text = file.read_text(encoding="utf-8", errors="replace")
            assert not any(note in text for note in notes), file
