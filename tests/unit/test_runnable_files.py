"""Files a browser runs are never published from the site's address (QA report of session 9,
fault 1): HTML, XHTML, JavaScript and XML static files are refused; an SVG is refused for what
an article's HTML may not hold (each at its line) and else published without its editor's data
(site/runnable.py, images/svg.py). Tiny content folders, no Pelican build."""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican.settings import read_settings

from kopienu_zinas.common.frontmatter import discover_documents
from kopienu_zinas.images import svg
from kopienu_zinas.site.runnable import check_documents

SETTINGS = read_settings(str(Path(__file__).resolve().parents[2] / "pelicanconf.py"))
ARTICLE = ("---\ntitle: Raksts\ndate: 2024-05-21\nregion: Latgale\nsummary: Īsi.\n---\n"
           "[Plāns]({static}/faili/plans.html)\n")
INKSCAPE = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/"
   width="20" height="10" sodipodi:docname="logo.svg"
   inkscape:export-filename="/home/janis.berzins/Desktop/logo.png">
  <title>Logo</title>
  <sodipodi:namedview id="view" inkscape:zoom="2"/>
  <metadata><rdf:RDF><dc:creator>Jānis Bērziņš</dc:creator></rdf:RDF></metadata>
  <defs><linearGradient id="g"><stop offset="0" style="stop-color:#c00"/></linearGradient></defs>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer">
    <rect width="20" height="10" fill="url(#g)"/><!-- todo -->
    <use xlink:href="#g" x="1"/>
    <a href="https://kopienuzinas.lv/"><text xml:space="preserve">Kopienu ziņas</text></a>
  </g>
</svg>
"""
HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'


def problems(root: Path) -> list[str]:
    documents, _found = discover_documents(root)
    return [p.format() for p in check_documents(None, documents, {**SETTINGS, "PATH": str(root)})]


def write(root: Path, name: str, data: str | bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize(("name", "kind", "fix"), [
    ("x.html", "HTML lapa", "ieliec tās tekstu rakstā"),
    ("y.XHTML", "HTML lapa", "ieliec tās tekstu rakstā"),
    ("z.shtml", "HTML lapa", "ieliec tās tekstu rakstā"),
    ("app.js", "JavaScript", "izdzēs to: vietnē nav JavaScript"),
    ("m.mjs", "JavaScript", "izdzēs to: vietnē nav JavaScript"),
    ("dati.xml", "XML", "ieliec tā saturu rakstā vai saglabā to kā PDF"),
    ("logo.svgz", "saspiests SVG", "saglabā zīmējumu kā parastu SVG"),
])
def test_a_file_a_browser_runs_is_refused_in_the_pictures_folder(
        tmp_path: Path, name: str, kind: str, fix: str) -> None:
    write(tmp_path, f"atteli/{name}", '<html><script>fetch("https://evil.example/")</script>')
    (line,) = problems(tmp_path)
    assert line.startswith(f"atteli/{name}: file: fails netiek publicēts ({kind}): pārlūks to "
                           "izpildītu vietnes adresē (this file is not published (")
    assert f"— {fix}" in line


def test_a_linked_html_file_elsewhere_is_refused_an_unlinked_one_is_left_to_the_unread_rule(
        tmp_path: Path) -> None:
    write(tmp_path, "raksts.md", ARTICLE)
    write(tmp_path, "faili/plans.html", "<p>Plāns</p>")
    write(tmp_path, "faili/vecs.html", "<p>Vecs</p>")  # not published: site/unread.py names it
    assert [line.split(":")[0] for line in problems(tmp_path)] == ["faili/plans.html"]


def test_an_inkscape_drawing_passes_and_is_published_without_its_editors_data(
        tmp_path: Path) -> None:
    original = write(tmp_path, "atteli/logo.svg", INKSCAPE)
    assert problems(tmp_path) == []
    published = svg.publishable(original.read_bytes(), ())
    assert published is not None
    text = published.decode()
    for private in ("janis", "Jānis", "home", "inkscape", "sodipodi", "metadata", "rdf", "dc:",
                    "<!--", "todo", "Layer 1"):
        assert private not in text
    for kept in ("<title>Logo</title>", 'fill="url(#g)"', 'xlink:href="#g"', 'style="stop-color:#c00"',
                 'xml:space="preserve">Kopienu ziņas</text>', 'href="https://kopienuzinas.lv/"'):
        assert kept in text
    assert original.read_text() == INKSCAPE  # the editor's file is never changed
    assert svg.publishable(published, ()) == published  # cleaned once is clean


@pytest.mark.parametrize(("body", "line", "said"), [
    ('<script>alert(document.cookie)</script>', 2, "<script> netiek publicēts"),
    ('<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script>', 2,
     "<script> netiek publicēts"),
    ('<rect width="1" height="1"\n onload="alert(1)"/>', 3, "notikuma atribūts onload= ir JavaScript"),
    ('<a xlink:href="javascript:alert(1)"><text>x</text></a>', 2, "javascript: adrese"),
    ('<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="x"/></foreignObject>', 2,
     "<foreignObject> netiek publicēts"),
    ('<g>\n<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></g>', 3,
     "HTML elements zīmējumā"),
    ('<image href="https://evil.example/pixel.png" width="1" height="1"/>', 2,
     "attēls no citas vietnes"),
    ('<style>@import "https://evil.example/x.css";</style>', 2,
     "<style> stils ielādē failu no citas vietnes"),
    ('<rect fill="url(https://evil.example/p.svg#g)" width="1" height="1"/>', 2,
     "<rect> stils ielādē failu no citas vietnes"),
    ('<set attributeName="href" to="javascript:alert(1)"/>', 2, "<set> maina saites adresi"),
    ('<image href="data:image/jpeg;base64,/9j/4AAQ" width="1" height="1"/>', 2,
     "attēls iegults tekstā kā data: adrese"),
])
def test_an_svg_that_would_run_a_script_or_ask_another_site_is_refused_at_its_line(
        tmp_path: Path, body: str, line: int, said: str) -> None:
    write(tmp_path, "atteli/zimejums.svg", f"{HEAD}{body}\n</svg>\n")
    (found,) = problems(tmp_path)
    assert found.startswith(f"atteli/zimejums.svg:{line}: svg: {said}")
    assert svg.publishable((tmp_path / "atteli/zimejums.svg").read_bytes(), ()) is None


def test_an_entity_that_hides_a_script_is_expanded_and_refused(tmp_path: Path) -> None:
    write(tmp_path, "atteli/ai.svg", '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY ns_x '
          '"<script>alert(1)</script>">]>\n<svg xmlns="http://www.w3.org/2000/svg">\n&ns_x;</svg>')
    assert [line.split(": svg: ")[1][:23] for line in problems(tmp_path)] == [
        "<script> netiek publicē"]


@pytest.mark.parametrize(("data", "line"), [
    ('<svg xmlns="http://www.w3.org/2000/svg">\n<rect></svg>', 2),
    ('<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>', 1),
    ('<!DOCTYPE svg [<!ENTITY x SYSTEM "vieniba.ent">]>\n'
     '<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>', 2),
])
def test_a_file_that_is_no_readable_svg_is_refused(tmp_path: Path, data: str, line: int) -> None:
    write(tmp_path, "atteli/bojats.svg", data)
    (found,) = problems(tmp_path)
    assert found.startswith(f"atteli/bojats.svg:{line}: svg: SVG failu nevar nolasīt (the SVG "
                            "file cannot be read)")
