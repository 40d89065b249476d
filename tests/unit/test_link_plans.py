"""The link check's plans kept between builds (site/linkplans.py): a plan is reused only while
its document and the site around it are what they were, and a damaged store is a miss."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kopienu_zinas.common.problems import ContentProblem
from kopienu_zinas.site.linkcheck import PlannedLink, SourceUrls, _plan_file
from kopienu_zinas.site.linkplans import PlanCache, document_key, site_key

SETTINGS = {"SITEURL": "https://example.lv", "TAG_URL": "temas/{slug}/", "BUILD_DATE": "2026-11-23"}
PAGES = {"raksts.md": "zinas/2024/raksts/", "melnraksts.md": None}
STATIC = {"atteli/foto.jpg": "atteli/foto.jpg"}
URLS = SourceUrls(PAGES, STATIC)
PLAN = (PlannedLink("zinas/2024/cits/", ContentProblem("raksts.md", 7, "link", "nav", "none",
                                                       "labo", "/zinas/2024/cits/")),)


def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "atteli").mkdir(parents=True)
    (root / "raksts.md").write_text("---\ntitle: R\n---\n", encoding="utf-8")
    (root / "atteli" / "foto.jpg").write_bytes(b"jpeg")
    return root


def test_the_site_key_follows_what_a_plan_depends_on(tmp_path: Path) -> None:
    root = content(tmp_path)
    key = site_key(SETTINGS, PAGES, STATIC, root)
    assert site_key({**SETTINGS, "BUILD_DATE": "2026-12-01"}, PAGES, STATIC, root) == key
    changed = [
        site_key({**SETTINGS, "TAG_URL": "tagi/{slug}/"}, PAGES, STATIC, root),
        site_key(SETTINGS, {**PAGES, "raksts.md": "zinas/2025/raksts/"}, STATIC, root),
        site_key(SETTINGS, {**PAGES, "melnraksts.md": "zinas/2024/melnraksts/"}, STATIC, root),
        site_key(SETTINGS, PAGES, {}, root),
    ]
    (root / "raksts-2.md").write_text("---\ntitle: R2\n---\n", encoding="utf-8")
    changed.append(site_key(SETTINGS, PAGES, STATIC, root))  # a file named by a plain path
    assert len({key, *changed}) == 1 + len(changed)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_document_key_follows_its_path_page_and_bytes() -> None:
    key = document_key("raksts.md", "zinas/2024/raksts/", sha(b"[a](/b/)"))
    assert document_key("raksts.md", "zinas/2024/raksts/", sha(b"[a](/b/)")) == key
    assert len({key, document_key("cits.md", "zinas/2024/raksts/", sha(b"[a](/b/)")),
                document_key("raksts.md", "zinas/2024/cits/", sha(b"[a](/b/)")),
                document_key("raksts.md", None, sha(b"[a](/b/)")),
                document_key("raksts.md", "zinas/2024/raksts/", sha(b"[a](/c/)"))}) == 5


def test_a_stored_plan_is_the_plan_and_only_the_last_site_is_kept(tmp_path: Path) -> None:
    first = PlanCache(tmp_path, "a" * 64)
    assert first.get("doc") is None
    first.put("doc", PLAN)
    first.save()
    again = PlanCache(tmp_path, "a" * 64)
    assert again.get("doc") == PLAN
    assert again.get("other") is None
    other_site = PlanCache(tmp_path, "b" * 64)
    assert other_site.get("doc") is None
    other_site.save()
    assert PlanCache(tmp_path, "a" * 64).get("doc") is None  # pruned: not the last site


def test_a_damaged_store_is_a_miss(tmp_path: Path) -> None:
    plans = PlanCache(tmp_path, "a" * 64)
    plans.put("doc", PLAN)
    plans.save()
    entry = next((tmp_path / "site" / "link-plans").glob("*/" + "a" * 64))
    entry.write_bytes(entry.read_bytes()[:-5])
    assert PlanCache(tmp_path, "a" * 64).get("doc") is None


def test_a_kept_plan_is_found_by_the_digest_the_check_read_and_a_new_one_from_the_file(
        tmp_path: Path) -> None:
    root = content(tmp_path)
    data = (root / "raksts.md").read_bytes()
    stored = PlanCache(tmp_path, "a" * 64)
    stored.put(document_key("raksts.md", "zinas/2024/raksts/", sha(data)), PLAN)
    stored.save()
    plans = PlanCache(tmp_path, "a" * 64)
    (root / "raksts.md").unlink()  # not read again: its plan is found by the check's digest
    assert _plan_file(root, "raksts.md", sha(data), "zinas/2024/raksts/", URLS, (), plans) == PLAN
    (root / "raksts.md").write_text("---\ntitle: R\n---\n[a](/nav/)\n", encoding="utf-8")
    # saved after the check read it: planned from the bytes read now, kept under their key
    plan = _plan_file(root, "raksts.md", sha(b"earlier"), "zinas/2024/raksts/", URLS, (), plans)
    assert [item.url for item in plan if isinstance(item, PlannedLink)] == ["nav/"]
    key = document_key("raksts.md", "zinas/2024/raksts/", sha((root / "raksts.md").read_bytes()))
    assert plans.current[key] == plan
