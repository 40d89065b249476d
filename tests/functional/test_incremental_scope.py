"""What an incremental build renders after one article's body changed (docs/building.md,
"Caches: writing"): the article, and of the paginated lists (home, region, tag, author) only
the pages whose slice holds the article — not every page of each list that holds it.

The pages a build renders are recorded by running our build tool with every page the render
cache renders reported (`RenderCache.text`, in whichever process runs the page's job).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synthetic import edit_article, write_site
from tests.sitebuild import BUILD_DATE, ROOT

#: Three pages of the home list at DEFAULT_PAGINATION = 10.
ARTICLES = 25
#: The templates of Pelican's paginated lists in the theme.
LIST_TEMPLATES = frozenset({"index.html", "category.html", "tag.html", "author.html"})
#: Our build tool, each page the render cache misses printed as `RENDERED <template> <file>`.
RECORDING_BUILD = """
import sys
from kopienu_zinas.tools import build
from kopienu_zinas.writing.render import RenderCache

original = RenderCache.text

def text(self, template, context, key):
    found = original(self, template, context, key)
    if found[1]:
        # one write per line: the processes running jobs share stderr
        sys.stderr.write(f"RENDERED {template.name} {context['output_file']}\\n")
        sys.stderr.flush()
    return found

RenderCache.text = text
sys.exit(build.main(sys.argv[1:]))
"""


def rendered_pages(root: Path) -> dict[str, str]:
    """Build root/content into root/output with the cache in root/cache; every page the
    render cache missed, by output file, with its template."""
    result = subprocess.run(
        [sys.executable, "-c", RECORDING_BUILD, "--settings", "pelicanconf.py",
         "--output", str(root / "output"), "--content", str(root / "content"),
         "--build-date", BUILD_DATE, '-eSEARCH={"index": false}',
         f"-eCACHE_PATH={json.dumps(str(root / 'cache' / 'pelican'))}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line.split() for line in result.stderr.splitlines()
             if line.startswith("RENDERED ")]
    return {output: template for _, template, output in lines}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scope")
    write_site(root / "content", ARTICLES, seed=11)
    return root


def test_a_body_edit_renders_the_article_and_only_the_list_pages_that_show_it(
        site: Path) -> None:
    every_page = rendered_pages(site)  # cold: every page
    homes = [page for page, template in every_page.items() if template == "index.html"]
    assert len(homes) == 3, "the home list has several pages"
    source = sorted((site / "content").glob("*.md"))[ARTICLES // 2]
    edit_article(source, "\n\nRedaktores papildinājums par kopienas sapulci.\n")
    rendered = rendered_pages(site)

    edited = [page for page in rendered if "Redaktores papildinājums" in
              (site / "output" / page).read_text(encoding="utf-8")]
    assert len(edited) == 1 and every_page[edited[0]] == "article.html"

    def shows(page: str, article_page: str) -> bool:
        url = article_page.removesuffix("index.html")
        return f'/{url}"' in (site / "output" / page).read_text(encoding="utf-8")

    # what shows the article: the articles that hold it (`related`: one level down), and the
    # pages of the lists whose slice holds it or one of those
    holders = [page for page in rendered if every_page[page] == "article.html"
               and page != edited[0]]
    assert all(shows(page, edited[0]) for page in holders)
    showing = {page for page, template in every_page.items() if template in LIST_TEMPLATES
               and any(shows(page, shown) for shown in (*edited, *holders))}
    assert {template for page, template in every_page.items() if page in showing} \
        == LIST_TEMPLATES, "the article is in a home, region, tag and author list"
    assert {page for page in rendered if every_page[page] in LIST_TEMPLATES} == showing
    assert len([page for page in rendered if every_page[page] == "index.html"]) < len(homes)
