"""Time the image pipeline on camera-sized photos (part of `make bench`; not a test).

Generates N photos of 12 MP (4000×3000) with smooth colour clouds, a gradient and fine grain,
a third of them stored sideways with an EXIF orientation tag as phones do, then prints seconds
per photo for: the gallery pipeline cold (empty cache, process pool), warm (everything cached;
hashing and linking into a fresh output folder), a naive Pillow baseline (for every output:
open, exif_transpose, LANCZOS resize, save; one process), and the article-picture path (IMAGES:
the same widths plus the 1200 px Open Graph JPEG). Last, it builds a one-article site whose text
shows one 12 MP picture and measures in Chromium (Playwright; the test extras) how many bytes a
390 px wide phone at device pixel ratio 2 transfers for the article page.

    .venv/bin/python -m bench.bench_images [--photos 12]
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import http.server
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageFilter, ImageOps, features

from kopienu_zinas.galleries.settings import from_pelican
from kopienu_zinas.images.batch import process_photos
from kopienu_zinas.images.cache import PhotoCache
from kopienu_zinas.images.output import link_or_copy
from kopienu_zinas.images.pipeline import EXTENSIONS, target_widths
from kopienu_zinas.images.settings import ImagingSettings
from kopienu_zinas.images.settings import from_pelican as images_from_pelican

SIZE = (4000, 3000)
TARGET_COLD = 0.25  # s per photo on 2 cores, default outputs without AVIF
TARGET_SPEEDUP = 4.0
TARGET_WARM = 0.005
TARGET_PAGE_KIB = 150  # an article page with one 12 MP picture, 390 px phone at DPR 2
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2}
ARTICLE = """---
title: Pļavas diena
date: 2024-05-10
region: Sēlija
tags: [kopienas]
summary: Kaimiņi pļāva pļavu.
---
Pļavā sanāca divdesmit kaimiņu, lai kopā nopļautu vecās muižas pļavu.

![Cilvēki pļavā ar izkaptīm]({static}/atteli/foto.jpg)

Pēc darba visi kopā dzēra tēju.
"""


def camera_photo(path: Path, seed: int) -> Path:
    """A 12 MP JPEG that compresses like a photo: soft shapes, a gradient, sensor grain."""
    rng = random.Random(seed)
    channels = []
    for _ in range(3):
        small = Image.effect_noise((16, 12), rng.uniform(40, 70))
        channels.append(small.resize(SIZE, Image.Resampling.BICUBIC))
    clouds = Image.merge("RGB", channels)
    sky = Image.linear_gradient("L").resize(SIZE).convert("RGB")
    picture = Image.blend(clouds, sky, 0.35)
    grain = Image.effect_noise(SIZE, 18).filter(ImageFilter.GaussianBlur(0.6)).convert("RGB")
    picture = ImageChops.add(picture, grain, scale=1.0, offset=-128)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "BenchCam", "Model 12"
    orientation = {1: 6, 4: 8}.get(seed % 6, 1)  # a third stored sideways, as phones do
    if orientation != 1:
        exif[0x0112] = orientation
        picture = picture.transpose(Image.Transpose.ROTATE_90 if orientation == 6
                                    else Image.Transpose.ROTATE_270)
    picture.save(path, "JPEG", quality=90, exif=exif)
    return path


def naive(photos: list[Path], settings: ImagingSettings, out: Path) -> None:
    """What a straightforward plugin does: a full decode and transpose for every output."""
    for photo in photos:
        for fmt in settings.formats:
            for width in settings.widths:
                with Image.open(photo) as opened:
                    image = ImageOps.exif_transpose(opened)
                    if image.width > width:
                        size = (width, round(image.height * width / image.width))
                        image = image.resize(size, Image.Resampling.LANCZOS)
                    image.convert("RGB").save(out / f"{photo.stem}-{width}.{EXTENSIONS[fmt]}",
                                              fmt.upper(), quality=settings.quality_of(fmt))


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the worker pool)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def timed(action: Callable[..., object], *args: object) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call."""
    start, cpu = time.perf_counter(), cpu_seconds()
    action(*args)
    return time.perf_counter() - start, cpu_seconds() - cpu


def ours(photos: list[Path], settings: ImagingSettings, cache: PhotoCache, out: Path) -> None:
    """The build's part: bring every photo into the cache, then link its files into output."""
    result = process_photos(photos, settings, cache)
    for photo, (key, rendered) in result.done.items():
        for rendition in rendered.renditions:
            for fmt in rendition.formats:
                name = rendition.name(fmt)
                link_or_copy(cache.entry(key) / name, out / f"{photo.stem}-{name}")


def pipeline(photos: list[Path], settings: ImagingSettings,
             folder: Path) -> tuple[float, float, float]:
    """Seconds per photo: cold (empty cache) wall clock and CPU, then warm wall clock."""
    cache = PhotoCache(folder / "cache")
    (folder / "cold").mkdir(parents=True)
    (folder / "warm").mkdir()
    cold, cold_cpu = timed(ours, photos, settings, cache, folder / "cold")
    warm, _cpu = timed(ours, photos, settings, cache, folder / "warm")
    return cold / len(photos), cold_cpu / len(photos), warm / len(photos)


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A quiet localhost server for `folder` (started in a thread) and its address."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def build_picture_site(folder: Path, photo: Path, siteurl: str) -> Path:
    """A one-article site whose text shows `photo`, built into folder/site; the article URL
    path."""
    content = folder / "content"
    (content / "atteli").mkdir(parents=True)
    shutil.copyfile(photo, content / "atteli/foto.jpg")
    (content / "pladiena.md").write_text(ARTICLE, encoding="utf-8")
    images = {"warn_location": False, "cache": str(folder / "cache")}
    subprocess.run([sys.executable, "-m", "kopienu_zinas.tools.build", "--content", str(content),
                    "--output", str(folder / "site"), "--siteurl", siteurl,
                    "--build-date", "2026-11-23", "-e", f"IMAGES={json.dumps(images)}"],
                   check=True, capture_output=True)
    return folder / "site"


def transferred_bytes(url: str, browser: Any) -> dict[str, int]:
    """Bytes a Playwright Chromium `browser` transfers (headers + encoded bodies) to load `url`
    on a 390 px phone at device pixel ratio 2, by resource type ("document", "image", …)."""
    sizes: dict[str, int] = {}
    context = browser.new_context(**PHONE)
    page = context.new_page()

    def finished(request: Any) -> None:
        measured = request.sizes()
        total = measured["responseBodySize"] + measured["responseHeadersSize"]
        sizes[request.resource_type] = sizes.get(request.resource_type, 0) + total

    page.on("requestfinished", finished)
    page.goto(url, wait_until="networkidle")
    context.close()
    return sizes


def page_weight(photo: Path, folder: Path, browser: Any) -> dict[str, int]:
    """Bytes per resource type of the article page with one 12 MP picture (see module doc)."""
    server, siteurl = serve(folder / "site")
    try:
        build_picture_site(folder, photo, siteurl)
        html = next((folder / "site/zinas/2024").glob("*/index.html"))
        path = html.parent.relative_to(folder / "site").as_posix()
        return transferred_bytes(f"{siteurl}/{path}/", browser)
    finally:
        server.shutdown()


def measure_page_weight(photo: Path, folder: Path, chromium: str) -> dict[str, int]:
    """page_weight() in a headless Chromium of its own (Playwright: the test extras)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium,
                                             args=["--headless", "--no-sandbox"])
        try:
            return page_weight(photo, folder, browser)
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--photos", type=int, default=12)
    args = parser.parse_args()
    base = from_pelican({"CACHE_PATH": "unused/pelican"}).imaging
    without_avif = tuple(f for f in base.formats if f != "avif")
    plain = dataclasses.replace(base, formats=without_avif,
                                quality=tuple(q for q in base.quality if q[0] != "avif"))
    print(f"Pillow: WebP {features.check('webp')}, AVIF {features.check('avif')}, "
          f"libjpeg-turbo {features.check('libjpeg_turbo')}; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="bench-images-") as folder:
        root = Path(folder)
        (root / "photos").mkdir()
        photos = [camera_photo(root / "photos" / f"photo-{i:02d}.jpg", i)
                  for i in range(args.photos)]
        megabytes = sum(p.stat().st_size for p in photos) / len(photos) / 1e6
        outputs = len(target_widths(SIZE[0], plain.widths)) * len(plain.formats)
        print(f"{len(photos)} photos of {SIZE[0]}×{SIZE[1]} ({megabytes:.1f} MB each), "
              f"{outputs} outputs each ({', '.join(map(str, plain.widths))} px × "
              f"{', '.join(plain.formats)})")
        article = images_from_pelican({"CACHE_PATH": "unused/pelican"}).imaging
        rows = [(label, *pipeline(photos, settings, root / label))
                for label, settings in (("without AVIF", plain), ("with AVIF", base),
                                        ("article pictures (IMAGES)", article))
                if label == "without AVIF" or "avif" in settings.formats]
        chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
        weight = (measure_page_weight(photos[0], root / "page", chromium) if chromium
                  else None)
        baseline_out = root / "naive"
        baseline_out.mkdir()
        baseline, baseline_cpu = (t / len(photos) for t in timed(naive, photos, plain,
                                                                   baseline_out))
    print(f"{'seconds per photo':36}{'cold':>7}{'cold CPU':>10}{'warm':>9}")
    for label, cold, cold_cpu, warm in rows:
        print(f"{'ours, ' + label:36}{cold:7.3f}{cold_cpu:10.3f}{warm:9.4f}")
    print(f"{'naive Pillow baseline, without AVIF':36}{baseline:7.3f}{baseline_cpu:10.3f}")
    if weight is None:
        print("page weight: not measured (needs Chromium: apt-get install chromium)")
    else:
        total = sum(weight.values()) / 1024
        parts = ", ".join(f"{kind} {size / 1024:.1f}" for kind, size in sorted(weight.items()))
        print(f"article page with one 12 MP picture, 390 px phone at DPR 2: {total:.1f} KiB "
              f"transferred ({parts}) {'✓' if total < TARGET_PAGE_KIB else '✗'} "
              f"(< {TARGET_PAGE_KIB} KiB)")
    print(f"load average while running: {os.getloadavg()[0]:.1f} (other work slows cold runs)")
    cold, warm = rows[0][1], rows[0][3]
    print(f"targets: cold ≤ {TARGET_COLD} s: {cold:.3f} {'✓' if cold <= TARGET_COLD else '✗'}; "
          f"≥ {TARGET_SPEEDUP:.0f}× the baseline: {baseline / cold:.1f}× "
          f"{'✓' if baseline / cold >= TARGET_SPEEDUP else '✗'}; warm ≤ {TARGET_WARM * 1000:.0f} ms:"
          f" {warm * 1000:.1f} ms {'✓' if warm <= TARGET_WARM else '✗'}")


if __name__ == "__main__":
    main()
