"""What the writing plugin keeps between builds besides pages: each template's reads
(writing/reads.py) and its compiled code (writing/bytecode.py). Both are used only when
intact, and give what computing them afresh gives."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from kopienu_zinas.common.cachestore import CacheStore
from kopienu_zinas.writing import reads
from kopienu_zinas.writing.bytecode import StoredBytecode, compiler_configuration, install

TEMPLATES = {
    "base.html": "<h1>{{ SITENAME }}</h1>\n  {% block c %}{% endblock %}\n{% include 'foot.html' %}",
    "foot.html": "{% if article %}<p>{{ article.title }}</p>{% endif %}",
    "page.html": "{% extends 'base.html' %}{% block c %}{{ article.summary }}{% endblock %}",
}
CONTEXT = {"SITENAME": "Ziņas", "article": {"title": "Talka", "summary": "Visi kopā"}}


def _env(store: CacheStore | None = None, **options: object) -> Environment:
    env = Environment(loader=DictLoader(TEMPLATES), **options)  # type: ignore[arg-type]
    if store is not None:
        install(env, store)
    return env


def _entries(store: CacheStore) -> list[Path]:
    return [path for path in store.folder.rglob("*") if path.is_file()]


def _counting_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    compiled: list[str] = []
    original = Environment.compile

    def compile_(self: Environment, source: object, name: str | None = None,
                 *args: object, **kwargs: object) -> object:
        compiled.append(str(name))
        return original(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Environment, "compile", compile_)
    return compiled


def test_compiled_templates_are_reused_and_render_the_same(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = _env().get_template("page.html").render(CONTEXT)
    compiled = _counting_compiles(monkeypatch)
    first = _env(CacheStore(tmp_path, "jinja")).get_template("page.html").render(CONTEXT)
    assert first == fresh and sorted(compiled) == ["base.html", "foot.html", "page.html"]
    compiled.clear()
    second = _env(CacheStore(tmp_path, "jinja")).get_template("page.html").render(CONTEXT)
    assert second == fresh and compiled == []


@pytest.mark.parametrize("damage", [
    pytest.param(lambda path: path.write_bytes(path.read_bytes()[:40]), id="truncated"),
    pytest.param(lambda path: path.write_bytes(b"\x00garbage" * 9), id="corrupted"),
    pytest.param(lambda path: path.write_bytes(path.read_bytes().replace(b"html", b"htmX")),
                 id="code-changed"),
])
def test_a_damaged_compiled_template_is_compiled_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Callable[[Path], None]) -> None:
    fresh = _env().get_template("page.html").render(CONTEXT)
    store = CacheStore(tmp_path, "jinja")
    _env(store).get_template("page.html").render(CONTEXT)
    for entry in _entries(store):
        damage(entry)
    compiled = _counting_compiles(monkeypatch)
    assert _env(CacheStore(tmp_path, "jinja")).get_template("page.html").render(CONTEXT) == fresh
    assert sorted(compiled) == ["base.html", "foot.html", "page.html"]


def test_environments_that_compile_differently_never_share_code(tmp_path: Path) -> None:
    plain = _env(CacheStore(tmp_path, "jinja")).get_template("page.html").render(CONTEXT)
    trimmed_fresh = _env(trim_blocks=True, lstrip_blocks=True).get_template(
        "page.html").render(CONTEXT)
    trimmed = _env(CacheStore(tmp_path, "jinja"), trim_blocks=True,
                   lstrip_blocks=True).get_template("page.html").render(CONTEXT)
    assert trimmed == trimmed_fresh != plain
    assert compiler_configuration(_env()) != compiler_configuration(_env(trim_blocks=True))
    assert isinstance(_env(CacheStore(tmp_path, "jinja")).bytecode_cache, StoredBytecode)


def test_template_reads_are_kept_and_equal_a_fresh_parse(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reads, "_known", {})
    fresh = reads.template_reads(_env(), "page.html")
    monkeypatch.setattr(reads, "_known", {})
    assert reads.template_reads(_env(), "page.html", CacheStore(tmp_path, "reads")) == fresh
    parsed: list[str] = []
    original = reads._parse_reads
    monkeypatch.setattr(reads, "_parse_reads", lambda env, source, names: (
        parsed.append(source), original(env, source, names))[1])
    monkeypatch.setattr(reads, "_known", {})
    assert reads.template_reads(_env(), "page.html", CacheStore(tmp_path, "reads")) == fresh
    assert parsed == []
    for entry in _entries(CacheStore(tmp_path, "reads")):
        entry.write_bytes(b"\x00garbage")
    monkeypatch.setattr(reads, "_known", {})
    assert reads.template_reads(_env(), "page.html", CacheStore(tmp_path, "reads")) == fresh
    assert len(parsed) == len(TEMPLATES)
