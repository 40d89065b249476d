"""Build the site safely: into a temporary folder, moved into place only on success.

    python -m kopienu_zinas.tools.build [--strict] [--settings pelicanconf.py] [--output DIR]

Every problem is printed once. Errors (and, with --strict, warnings) fail the build; then the
previous output folder is left exactly as it was. Plugins that fail to load fail the build too
(Pelican itself only logs them).
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.settings import read_settings

from ..common.problems import ContentProblem


class ProblemCollector(logging.Handler):
    """Collects warnings and errors from Pelican and our plugins, each message once, and our
    plugins' notices (INFO records with ``extra={"notice": ContentProblem}``, e.g. scheduled
    articles), which are printed but never fail a build."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        notice: ContentProblem | None = getattr(record, "notice", None)
        if record.levelno < logging.WARNING and notice is None:
            return
        problem: ContentProblem | None = getattr(record, "content_problem", None) or notice
        text = problem.format() if problem else f"{record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] and not problem:
            text += f" [{type(record.exc_info[1]).__name__}: {record.exc_info[1]}]"
        entry = (record.levelno, text)
        if entry not in self.records:
            self.records.append(entry)

    def failures(self, strict: bool) -> list[str]:
        threshold = logging.WARNING if strict else logging.ERROR
        return [text for level, text in self.records if level >= threshold]


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default=None, help="output folder (default: OUTPUT_PATH)")
    parser.add_argument("--content", default=None, help="content folder (default: PATH)")
    parser.add_argument("--build-date", default=None, help="ISO date or datetime used as 'now'")
    parser.add_argument("--siteurl", default=None, help="override SITEURL (and FEED_DOMAIN)")
    parser.add_argument("--strict", action="store_true", help="warnings fail the build too")
    parser.add_argument("-e", "--extra-setting", action="append", default=[],
                        metavar="KEY=JSON", help="override any setting with a JSON value")
    return parser.parse_args(argv)


def settings_overrides(args: argparse.Namespace) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    if args.content:
        overrides["PATH"] = str(Path(args.content).resolve())
    if args.build_date:
        overrides["BUILD_DATE"] = args.build_date
    if args.siteurl:
        overrides["SITEURL"] = overrides["FEED_DOMAIN"] = args.siteurl.rstrip("/")
    for item in args.extra_setting:
        key, _, value = item.partition("=")
        overrides[key] = json.loads(value)
    return overrides


def missing_plugins(requested: list[Any], registered: list[str]) -> list[str]:
    """Requested plugins that did not register (Pelican only logs these)."""
    names = [p if isinstance(p, str) else getattr(p, "__name__", str(p)) for p in requested]
    return [name for name in names
            if not any(r == name or r.endswith(f".{name}") or name.endswith(f".{r}")
                       for r in registered)]


def replace_folder(new: Path, target: Path) -> None:
    """Swap a finished build into place; the old output is removed only after the swap."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def build(args: argparse.Namespace) -> int:
    collector = ProblemCollector()
    root = logging.getLogger()
    root.addHandler(collector)
    root.setLevel(logging.WARNING)
    logging.getLogger("kopienu_zinas").setLevel(logging.INFO)  # notices (see ProblemCollector)
    overrides = settings_overrides(args)
    settings = read_settings(args.settings, override=overrides)
    target = Path(args.output or settings["OUTPUT_PATH"]).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    settings = read_settings(args.settings, override={**overrides, "OUTPUT_PATH": str(staging)})
    requested = list(settings.get("PLUGINS") or [])
    try:
        pelican = Pelican(settings)
        for name in missing_plugins(requested, pelican.settings["PLUGINS"]):
            logging.getLogger(__name__).error("plugin %s did not load (see the error above)", name)
        if not collector.failures(args.strict):
            pelican.run()
    except Exception as error:  # noqa: BLE001 - any crash is reported as a failed build
        logging.getLogger(__name__).error("build stopped: %s: %s", type(error).__name__, error)
    finally:
        root.removeHandler(collector)
    failures = collector.failures(args.strict)
    for level, text in collector.records:
        print(f"{logging.getLevelName(level).lower()}: {text}", file=sys.stderr)
    if failures:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Būvēšana neizdevās (build failed): {len(failures)} problem(s); "
              f"{target.name}/ left unchanged.", file=sys.stderr)
        return 1
    replace_folder(staging, target)
    print(f"Gatavs (done): {target}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    return build(parse_arguments(argv))


if __name__ == "__main__":
    sys.exit(main())
