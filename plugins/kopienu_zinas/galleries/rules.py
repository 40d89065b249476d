"""Content check: gallery folders and captions, and the articles that name a gallery."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..common.frontmatter import SourceDocument
from ..common.problems import ContentProblem
from ..images.paths import nfc, url_folder
from .discover import FOLDER, discover_once
from .settings import from_pelican


def _folder_exists(base: Path, name: str) -> bool:
    """Is there a gallery folder of that name (compared in NFC, as macOS may store it)?"""
    return base.is_dir() and any(p.is_dir() and nfc(p.name) == nfc(name) for p in base.iterdir())


def address_collisions(names: list[str]) -> list[ContentProblem]:
    """Gallery folders whose addresses (ASCII slugs: "Rīga" and "riga" → /galerijas/riga/)
    coincide: one would overwrite the other."""
    seen: dict[str, str] = {}
    problems = []
    for name in sorted(names):
        address = url_folder(name)
        if address in seen:
            problems.append(ContentProblem(
                f"{FOLDER}/{name}/", 0, "gallery",
                f"tāda pati adrese kā {FOLDER}/{seen[address]}/",
                f"same address as {FOLDER}/{seen[address]}/",
                "pārsauc vienu no mapēm, lai to nosaukumi atšķirtos ne tikai ar garumzīmēm, "
                "lielajiem burtiem vai atstarpēm", address))
        else:
            seen[address] = name
    return problems


def check_documents(sender: Any, documents: Sequence[SourceDocument],
                    settings: dict[str, Any]) -> list[ContentProblem]:
    root = Path(settings["PATH"])
    galleries, found = discover_once(settings, from_pelican(settings).imaging.max_pixels)
    problems = [*found, *address_collisions([gallery.name for gallery in galleries])]
    for document in documents:
        name = document.metadata.get("gallery") if document.header_found else None
        if name is None:
            continue
        if not isinstance(name, str) or not name.strip() or "/" in name:
            problems.append(document.problem(
                "gallery", "jābūt galerijas mapes nosaukumam", "must be a gallery folder name",
                "raksti 'gallery: mapes-nosaukums' (mape content/galleries/ iekšā)", name))
        elif not _folder_exists(root / FOLDER, name.strip()):
            problems.append(document.problem(
                "gallery", "galerijas mape nav atrasta", "gallery folder not found",
                f"izveido mapi content/{FOLDER}/{name.strip()}/ vai izlabo nosaukumu", name))
    return problems
