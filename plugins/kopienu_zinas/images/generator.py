"""Pelican glue: every editor picture outside the galleries, processed (cached) and published.

What it does, in Pelican's order (docs/galleries.md, "Article pictures and covers"):

* generate_context (after articles and pages are read): process every picture under
  STATIC_PATHS and every picture an article or page names (`image:`, `{static}` in the text),
  pictures recognised by their content (kinds.py); rewrite `<img src="{static}…">` and
  `<img src="/atteli/…">` (the root-relative address of such an original) in each text into
  a `<picture>` (the theme's macros/picture.html); set ``content.cover`` (a
  :class:`~.views.Cover`) and ``content.image`` (the absolute URL of its Open Graph JPEG) for
  `image:`.
* static_generator_finalized (:func:`static_addresses_in_nfc`): static files get NFC addresses.
* generate_output (before Pelican's StaticGenerator copies files): take every raster picture
  (recognised by its content, whatever its ending) out of the static files, so no original is
  copied, and write the processed renditions under IMAGES['url'] and, at each original's own
  address (/atteli/foto.jpg), the processed JPEG (or the format its ending names), so links
  already shared keep working.
"""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from pelican.generators import Generator

from ..common.atomicfile import usual_mode
from ..common.build import build_of
from ..common.claims import site_file
from ..common.problems import ContentProblem, log_problem
from ..site.linkcheck import site_addresses
from .batch import BatchResult, process_photos
from .cache import PhotoCache
from .kinds import meant_as_picture
from .markup import replace_images
from .output import link_or_copy
from .paths import content_path, content_relative, find, nfc, output_stem, url_folder
from .pipeline import thin_warning
from .publish import original_copy
from .settings import ImagesSettings, from_pelican
from .svg import ENDING, publishable
from .views import Cover, Picture, picture_fields

logger = logging.getLogger(__name__)


class ImagesGenerator(Generator):
    """Processed article pictures and covers; the originals' addresses serve processed files."""

    def generate_context(self) -> None:
        self.config: ImagesSettings = from_pelican(self.settings)
        self.root = Path(self.settings["PATH"])
        self.cache = PhotoCache(self.config.cache)
        self.siteurl = self.settings.get("SITEURL", "")
        self.keys: set[str] = set()
        self.views: dict[Path, Picture] = {}
        self.originals: dict[str, Path] = {}  # site path of an original → its file
        self.failed: dict[Path, ContentProblem] = {}  # a picture's file → why not published
        # a file Pelican could not read is recorded as None (and reported by the safety net)
        contents = [c for c in self.context.get("generated_content", {}).values()
                    if c is not None]
        files = self.get_files(self.settings["STATIC_PATHS"],
                               exclude=self.settings["STATIC_EXCLUDES"], extensions=False)
        static = [path for path in (self.root / p for p in files) if meant_as_picture(path)]
        for path in static:
            self.originals[content_path(path, self.root)] = path
        named = [p for content in contents for p in self._named(content)]
        self._process(sorted(set(static) | set(named)))
        linked_before: set[str] = set()
        linked_after: set[str] = set()
        for content in contents:
            links, text = content.get_static_links(), getattr(content, "_content", None)
            self.present(content)
            linked_before |= links
            # a text that presenting left as it was links what it linked (most texts)
            linked_after |= links if getattr(content, "_content", None) == text \
                else content.get_static_links()
        # Pelican noted the texts' {static} links when it read them: the pictures now shown
        # as <picture> are ours to publish, not files for its StaticGenerator to copy.
        static_links = self.context.setdefault("static_links", set())
        static_links -= linked_before - linked_after
        # A link written percent-encoded or composed (NFC) to a file stored decomposed (NFD):
        # Pelican would take the written path for a file name; give it the file's own.
        for link in list(static_links):
            if not (self.root / link).is_file():
                found = find(self.root, unquote(link))
                if found is not None:
                    static_links.discard(link)
                    static_links.add(found.relative_to(self.root).as_posix())
        self.context["picture_sizes"] = self.config.sizes

    # -- what the texts name ------------------------------------------------------------

    def _resolve(self, written: str, content: Any, relative_to_root: bool) -> Path | None:
        """The file a `{static}` path or `image:` names, or None (reported by site/images.py)."""
        relative = content_relative(written, content.relative_source_path,
                                    relative_to_root=relative_to_root)
        found = find(self.root, relative) if relative is not None else None
        return found if found is not None and meant_as_picture(found) else None

    def _named(self, content: Any) -> list[Path]:
        named = []
        image = getattr(content, "image", None)
        if isinstance(image, str) and image.strip():
            found = self._resolve(image.strip(), content, relative_to_root=True)
            if found is not None:
                named.append(found)

        def collect(path: str, alt: str, index: int) -> None:
            found = self._resolve(path, content, relative_to_root=False)
            if found is not None:
                named.append(found)

        replace_images(getattr(content, "_content", "") or "", collect, self._published())
        return named

    # -- processing -----------------------------------------------------------------------

    def _process(self, paths: list[Path]) -> BatchResult:
        result = process_photos(paths, self.config.imaging, self.cache, self.config.workers,
                                prune=False)
        for path, problem in sorted(result.failed.items()):
            self.failed[path] = problem.placed(content_path(path, self.root))
            log_problem(self.failed[path])
        for path, (key, rendered) in sorted(result.done.items()):
            thin = thin_warning(rendered)
            if thin is not None:
                log_problem(thin.placed(content_path(path, self.root)))
            self.keys.add(key)
            relative = PurePosixPath(content_path(path, self.root))
            parent = url_folder(relative.parent.as_posix())
            folder = self.config.url + (f"{parent}/" if parent else "")
            self.views[path] = Picture(
                source=relative.as_posix(), alt="",
                **picture_fields(rendered, str(self.cache.entry(key)), folder,
                                 output_stem(relative.name), self.siteurl))
        logger.info("images: %d pictures, %d processed, %d from the cache", len(paths),
                    result.processed, len(result.done) - result.processed)
        return result

    # -- articles and pages -----------------------------------------------------------------

    def present(self, content: Any) -> None:
        """Make the pictures in `content`'s text `<picture>` markup and set its cover (also
        for a text read again by the preview's fast render, tools/fast_render.py)."""
        self._rewrite(content)
        self._cover(content)

    def _rewrite(self, content: Any) -> None:
        html = getattr(content, "_content", None)
        if not html:
            return
        covered = self._cover_view(content) is not None
        template = self.env.get_template("macros/picture.html")

        def render(path: str, alt: str, index: int) -> str | None:
            found = self._resolve(path, content, relative_to_root=False)
            view = self.views.get(found) if found is not None else None
            if view is None:
                return None
            picture = Picture(**{**view.__dict__, "alt": alt})
            eager = index == 0 and not covered
            return str(template.module.picture(picture, self.config.sizes, eager))

        content._content = replace_images(html, render, self._published())

    def _published(self) -> set[str]:
        """The site paths (NFC) of the originals under STATIC_PATHS: their root-relative
        addresses in a text (`![x](/atteli/foto.jpg)`) are pictures too."""
        return {nfc(site_path) for site_path in self.originals}

    def _cover_view(self, content: Any) -> Picture | None:
        image = getattr(content, "image", None)
        if not isinstance(image, str) or not image.strip():
            return None
        found = self._resolve(image.strip(), content, relative_to_root=True)
        return self.views.get(found) if found is not None else None

    def _cover(self, content: Any) -> None:
        view = self._cover_view(content)
        if view is None:
            content.cover = None
            return
        og = view.share or view.jpeg_near(self.config.og_width)
        alt = getattr(content, "image_alt", None)
        credit = getattr(content, "image_credit", None)
        content.cover = Cover(**{**view.__dict__, "alt": alt if isinstance(alt, str) else "",
                                 "credit": credit if isinstance(credit, str) else None,
                                 "og": og})
        content.image = og.url  # Open Graph and JSON-LD: never the original file

    # -- output -----------------------------------------------------------------------------

    def _take_static_pictures(self) -> None:
        """Remove raster pictures, and files whose ending promises one (kinds.meant_as_picture),
        from Pelican's static files (so no original is copied);
        pictures only linked from a text (not under STATIC_PATHS) are processed here. Each
        other static file is claimed for Pelican's copy (common/claims.py; its generator
        writes last) and left out when a document's own `save_as:` took its address."""
        staticfiles = self.context.get("staticfiles", [])
        pictures = [s for s in staticfiles if meant_as_picture(s.source_path)]
        for static in pictures:
            staticfiles.remove(static)
        for static in list(staticfiles):
            if site_file(self.settings, self.output_path, static.save_as) is None:
                staticfiles.remove(static)
        extra = []
        for static in pictures:
            path = Path(static.source_path)
            self.originals[nfc(static.save_as)] = path  # NFC: the address as people type it
            if path not in self.views:
                extra.append(path)
        if extra:
            self._process(sorted(set(extra)))

    def _clean_drawings(self) -> None:
        """Take SVG drawings out of Pelican's static files and write each one svg.py lets
        through, cleaned, at its address (one it refuses is not published: the content check
        names it)."""
        staticfiles = self.context.get("staticfiles", [])
        drawings = [s for s in staticfiles
                    if PurePosixPath(s.source_path).suffix.lower() == f".{ENDING}"]
        sites = site_addresses(self.settings)
        for static in drawings:
            staticfiles.remove(static)
            cleaned = publishable(Path(static.source_path).read_bytes(), sites)
            if cleaned is not None:  # its address was claimed with the static files'
                target = Path(self.output_path) / nfc(static.save_as)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.unlink(missing_ok=True)  # never write through a link into another tree
                target.write_bytes(cleaned)

    def generate_output(self, writer: Any) -> None:
        self._take_static_pictures()
        self._clean_drawings()
        build = build_of(self.settings)
        if build is not None:  # for the link check (site/linkcheck.py)
            build.unpublished_pictures = {site_path: self.failed[source] for site_path, source
                                          in self.originals.items() if source in self.failed}
        output = Path(self.output_path)
        mode = usual_mode()  # a cold build's, whatever the cache's (output.py)
        for view in self.views.values():
            for path, cached in view.files.items():
                link_or_copy(Path(cached), output / path, mode)
        for site_path, source in sorted(self.originals.items()):
            picture = self.views.get(source)
            if picture is None:
                continue
            # Claimed (common/claims.py): an original's address may lie outside the folders
            # no document may take (its renditions lie in IMAGES' `url`, site/reserved.py).
            target = site_file(self.settings, output, site_path)
            if target is not None:
                largest = picture.jpegs[-1]
                link_or_copy(original_copy(Path(picture.files[largest.path]), site_path),
                             target, mode)
        self.cache.prune(self.keys)


def static_addresses_in_nfc(generator: Any) -> None:
    """Signal `static_generator_finalized`: every static file published under its NFC name
    (macOS stores "Ēkas" decomposed; a link typed normally, or percent-encoded from the composed
    letters, must reach it on a Linux host), and Pelican's `{static}` lookup finds it by the
    NFC path too (paths.py)."""
    static_content = generator.context.get("static_content", {})
    for key, static in list(static_content.items()):
        if nfc(key) != key:
            static_content.setdefault(nfc(key), static)
        save_as, url = static.save_as, static.url
        if nfc(save_as) != save_as or nfc(url) != url:
            static.override_save_as, static.override_url = nfc(save_as), nfc(url)


def get_generators(pelican: Any) -> type[Generator]:
    return ImagesGenerator
