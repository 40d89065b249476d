"""Build the site safely: into a temporary folder, moved into place only on success.

    python -m kopienu_zinas.tools.build [--strict | --preview] [--settings pelicanconf.py]
                                        [--output DIR]

Every problem is printed once, as `file:line: field: what — how to fix` whenever it concerns a
content file: what went wrong while one source was read or written (the safety net) is named
against that source and the rest of the build goes on, so all problems are listed together.
Errors (and, with --strict, warnings) fail the build; then the previous output folder is left
exactly as it was. Plugins that fail to load fail the build too (Pelican itself only logs them).

--preview (what `make serve` runs) sets PREVIEW = True: problems are printed but do not stop
the build, and every affected page shows them in a banner at its top. It counts (and shows)
what --strict fails on: warnings too.

Incremental (docs/building.md, "Caches: writing"): pages whose inputs did not change come from
the render cache, files with the bytes already published are hardlinked from the previous
output, and a build whose inputs all match the output manifest stops at once, the output folder
being exactly what it would write.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, NoReturn

#: What an interrupted build prints (QA: a KeyboardInterrupt traceback read as a crash).
INTERRUPTED_TEXT = ("Būvēšana pārtraukta (build interrupted): izvade nav pa pusei uzrakstīta "
                    "(the output is not half-written) — palaid būvēšanu vēlreiz")


def _interrupted_while_starting(number: int, frame: FrameType | None) -> NoReturn:
    """Ctrl+C while the build's libraries load: nothing is written yet (QA: a traceback from
    Jinja's imports, the first 0.35 s)."""
    os.write(sys.stderr.fileno(), f"{INTERRUPTED_TEXT}\n".encode())
    os._exit(128 + signal.SIGINT)


if __name__ == "__main__":  # before the imports below, which take most of a second
    signal.signal(signal.SIGINT, _interrupted_while_starting)

from pelican import Pelican  # noqa: E402 (after the handler above)
from pelican.settings import read_settings  # noqa: E402

from ..common.atomicfile import usual_mode  # noqa: E402
from ..common.build import ATTRIBUTE  # noqa: E402
from ..common.exchange import exchange  # noqa: E402
from ..common.interrupts import INTERRUPTED, workers_end_on_interrupt  # noqa: E402
from ..common.problems import (  # noqa: E402
    DISK_FULL,
    ContentProblem,
    SourceFailed,
    failure_problem,
    log_problem,
    relative_source,
)
from ..writing import manifest as manifests  # noqa: E402
from ..writing.render import cache_root  # noqa: E402
from . import leftovers  # noqa: E402

#: How many times a build moves aside what another build swapped in at the same moment.
SWAP_ATTEMPTS = 5

#: Pelican's message when reading one source raised (its generators then skip the file).
PELICAN_READ_FAILED = "Could not process %s"
#: Pelican's (and its YAML plugin's) messages that it skipped a source or could not read its
#: header, each naming the source first. After a problem of that source has been reported (the
#: content check's, which the preview builds on: `date: 2026-13-01` made YAML fail, and then the
#: title "missing") they are only its echo.
SOURCE_ECHOES = frozenset({
    PELICAN_READ_FAILED,
    "Skipping %s: could not find information about '%s'",
    "Skipping %s: file %r would be written outside output path",
    "Error parsing YAML for file '%s",
    "YAML header didn't parse as a dict for file '%s'",
})

#: Pelican's warnings that several sources share one address (`pelican.utils.
#: process_translations`: the count, one or two more values, then each source's path). When the
#: content check has named the clash (site/slugs.py, in Latvian and English at the newer
#: file's title or slug: a problem of one of those sources about a field of its address,
#: ADDRESS_FIELDS), or reported every one of the sources, they are only its echo, in English,
#: with machine paths.
SHARED_ADDRESS_ECHOES = ("There are %s items ", "There are %s original (not translated) items ")
#: The fields a content's address is made of.
ADDRESS_FIELDS = frozenset({"title", "slug", "save_as", "url", "lang"})

#: While a build runs (`build`), the collector's full collections (of its oldest generation) wait for
#: this many collections of the middle one (Python's default: 10). A build keeps nearly all it
#: makes until it ends (articles, cached entries, the render keys), so each full collection
#: scans the whole of it again and finds little: with the default, they took 1.5 of 23 CPU
#: seconds of a 4,000-article build with one article changed. Young objects (where cycles of
#: garbage are) are collected as usual.
FULL_COLLECTION_AFTER = 1000


class ProblemCollector(logging.Handler):
    """Collects warnings and errors from Pelican and our plugins, each message once, and our
    plugins' notices (INFO records with ``extra={"notice": ContentProblem}``, e.g. scheduled
    articles), which are printed but never fail a build. Pelican's echoes of a problem already
    reported against a source (SOURCE_ECHOES) are left out."""

    def __init__(self, content_root: str) -> None:
        super().__init__(level=logging.INFO)
        self.content_root = content_root
        self.records: list[tuple[int, str]] = []
        self.problems: dict[tuple[int, str], ContentProblem] = {}  # of the records that have one
        self.sources: set[str] = set()  # content files a problem was reported for

    def problem_of(self, record: logging.LogRecord) -> ContentProblem | None:
        """The content problem a record reports, if it concerns one source file."""
        problem: ContentProblem | None = (getattr(record, "content_problem", None)
                                          or getattr(record, "notice", None))
        error = record.exc_info[1] if record.exc_info else None
        if problem is None and isinstance(error, SourceFailed):
            problem = error.problem
        elif problem is None and record.msg == PELICAN_READ_FAILED and record.args:
            source = relative_source(str(record.args[0]), self.content_root)  # type: ignore[index]
            problem = failure_problem(source, error, "reading")
        return problem

    def echoes(self, record: logging.LogRecord) -> bool:
        """Whether the record is Pelican's echo of a problem reported against its source (or,
        for SHARED_ADDRESS_ECHOES, against each of its sources)."""
        if not isinstance(record.args, tuple) or not record.args:
            return False
        if record.msg in SOURCE_ECHOES:
            return relative_source(str(record.args[0]), self.content_root) in self.sources
        if isinstance(record.msg, str) and record.msg.startswith(SHARED_ADDRESS_ECHOES) \
                and isinstance(record.args[0], int) and 0 < record.args[0] <= len(record.args):
            paths = {relative_source(str(path), self.content_root)
                     for path in record.args[-record.args[0]:]}
            addressed = {problem.path for problem in self.problems.values()
                         if problem.field in ADDRESS_FIELDS}
            return bool(paths & addressed) or paths <= self.sources
        return False

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING and getattr(record, "notice", None) is None:
            return
        if self.echoes(record):
            return
        problem = self.problem_of(record)
        if problem:
            self.sources.add(problem.path)
        text = (problem.format() if problem else record.getMessage()
                if getattr(record, "plain", False) else f"{record.name}: {record.getMessage()}")
        if record.exc_info and record.exc_info[1] and not problem:
            text += f" [{type(record.exc_info[1]).__name__}: {record.exc_info[1]}]"
        entry = (record.levelno, text)
        if entry not in self.records:
            self.records.append(entry)
            if problem:
                self.problems[entry] = problem

    def failures(self, strict: bool) -> list[str]:
        threshold = logging.WARNING if strict else logging.ERROR
        return [text for level, text in self.records if level >= threshold]

    def reported(self) -> list[ContentProblem | str]:
        """Every warning and error so far, in order: its ContentProblem when it concerns a
        source, else its text (what the preview shows on the pages: site/preview.py)."""
        return [self.problems.get(entry, entry[1]) for entry in self.records
                if entry[0] >= logging.WARNING]


def source_in_traceback(trace: TracebackType | None, content_root: str) -> str | None:
    """The content file an unexpected error was about, from the innermost frame that holds
    a Pelican content object (anything with a `source_path`) or a path inside content/."""
    root = Path(content_root).resolve()
    for frame, _line in reversed(list(traceback.walk_tb(trace))):
        for value in frame.f_locals.values():
            source = getattr(value, "source_path", None)
            if isinstance(source, str):
                return relative_source(source, content_root)
        for value in frame.f_locals.values():
            if isinstance(value, Path) and _inside(value, root):
                return relative_source(value, content_root)
    return None


def _inside(path: Path, root: Path) -> bool:
    """Whether `path` resolves to a path strictly inside `root` (False when it cannot be
    resolved: a loop of symbolic links, which the crash being reported may be about)."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return False
    return resolved.is_relative_to(root) and resolved != root


def report_crash(error: Exception, content_root: str, target: Path) -> None:
    """The last net: a crash outside any per-file guard, named by its source when it can be;
    a full disk (problems.DISK_FULL) in one sentence naming where the build writes (`target`,
    the output folder)."""
    if isinstance(error, OSError) and error.errno in DISK_FULL:
        logging.getLogger(__name__).error(
            "diskā nav vietas (no space left on the disk) mapē %s — atbrīvo vietu un palaid "
            "būvēšanu vēlreiz; %s/ palika, kāda bija (was left as it was)", target.parent,
            target.name, extra={"plain": True})  # the build's own words: no logger's name
        return
    source = source_in_traceback(error.__traceback__, content_root)
    if isinstance(error, SourceFailed):
        log_problem(error.problem)
    elif source is not None:
        log_problem(failure_problem(source, error, "building"))
    else:
        where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
        place = f" (in {Path(where.filename).name}:{where.lineno})" if where else ""
        logging.getLogger(__name__).error("build stopped%s: %s: %s", place,
                                          type(error).__name__, error)


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default=None, help="output folder (default: OUTPUT_PATH)")
    parser.add_argument("--content", default=None, help="content folder (default: PATH)")
    parser.add_argument("--build-date", default=None, help="ISO date or datetime used as 'now'")
    parser.add_argument("--siteurl", default=None, help="override SITEURL (and FEED_DOMAIN)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--strict", action="store_true", help="warnings fail the build too")
    mode.add_argument("--preview", action="store_true",
                      help="PREVIEW = True: report problems on the pages, never stop")
    parser.add_argument("-e", "--extra-setting", action="append", default=[],
                        metavar="KEY=JSON", help="override any setting with a JSON value")
    return parser.parse_args(argv)


def settings_overrides(args: argparse.Namespace) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    if args.content:
        overrides["PATH"] = str(Path(args.content).resolve())
    if args.build_date:
        overrides["BUILD_DATE"] = args.build_date
    if args.preview:
        overrides["PREVIEW"] = True
    if args.siteurl:
        overrides["SITEURL"] = overrides["FEED_DOMAIN"] = args.siteurl.rstrip("/")
    for item in args.extra_setting:
        key, _, value = item.partition("=")
        overrides[key] = json.loads(value)
    return overrides


def command_line_settings(args: argparse.Namespace) -> dict[str, str]:
    """The settings the command line gives, each with the option that gives it (a problem in
    one is named by it, not at a line of the settings file: tools/settings_check.py)."""
    given = {key: f"-e {key}" for key, _, _ in
             (item.partition("=") for item in args.extra_setting)}
    if args.build_date:
        given["BUILD_DATE"] = "--build-date"
    if args.siteurl:
        given["SITEURL"] = given["FEED_DOMAIN"] = "--siteurl"
    return given


def missing_plugins(requested: list[Any], registered: list[str]) -> list[str]:
    """Requested plugins that did not register (Pelican only logs these)."""
    names = [p if isinstance(p, str) else getattr(p, "__name__", str(p)) for p in requested]
    return [name for name in names
            if not any(r == name or r.endswith(f".{name}") or name.endswith(f".{r}")
                       for r in registered)]


@dataclass
class Interruption:
    """Ctrl+C (SIGINT) in the build command, once :meth:`install`ed (by the command, not by
    the preview or a test calling :func:`build`): the build ends at once with INTERRUPTED_TEXT
    and INTERRUPTED, its `staging` folder removed, whatever its threads are doing. Python's
    KeyboardInterrupt is raised wherever the build process is, which in a build with worker
    pools left a lock held (inside the logging module's fork handler) or a pool's feeder
    thread blocked writing to ended workers, and the build waited forever (QA); a worker
    forked just after the signal came is ended with it, not left waiting. A SIGINT
    during the swap (two renames, :meth:`deferred`) ends the build after it, so `output/` is
    never left missing. The workers end by themselves (common/interrupts.py)."""

    staging: Path | None = None
    #: set once the build is swapped in: a Ctrl+C then changes nothing and is let pass (QA:
    #: one just after "Gatavs (done)" ended a finished build with status 130)
    swapped: bool = False
    _deferring: bool = False
    _pending: bool = False

    def install(self) -> None:
        workers_end_on_interrupt()
        signal.signal(signal.SIGINT, self._handle)

    def _handle(self, number: int, frame: FrameType | None) -> None:
        if self.swapped:
            return
        if self._deferring:
            self._pending = True
        else:
            self._end()

    def _end(self) -> NoReturn:
        os.write(sys.stderr.fileno(), f"{INTERRUPTED_TEXT}\n".encode())
        for worker in multiprocessing.active_children():  # one forked as the signal came
            worker.kill()
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
        os._exit(INTERRUPTED)

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """A SIGINT while the block runs ends the build when it has run."""
        self._deferring = True
        try:
            yield
        finally:
            self._deferring = False
            if self._pending:
                self._end()


#: The build command's Ctrl+C.
INTERRUPTION = Interruption()


def replace_folder(new: Path, target: Path) -> Path:
    """Swap a finished build into place; the folder the old output was moved to (empty when
    there was none), for the caller to hand over for removal after the swap.

    What is at `target` is moved aside under a name of this build's own, so two builds that
    finish at once into the same folder both succeed (the later swap wins) instead of one
    removing the other's old folder under it (QA report of issue 13, finding 5).

    Where the system can, the two folders trade places in one step (common/exchange.py), so
    that `target` is never missing, even if the build is killed (kill -9, a power cut) in the
    middle of the swap; the old output, then at the staging folder's name, is moved aside
    after. Elsewhere the old output is moved aside and the new one renamed in.
    """
    aside = Path(tempfile.mkdtemp(prefix=leftovers.prefix(target, leftovers.REPLACED),
                                  dir=target.parent))
    if exchange(new, target):
        new.rename(aside / "0")  # killed before this, it is removed as an abandoned staging
        return aside
    for attempt in range(SWAP_ATTEMPTS):
        with contextlib.suppress(FileNotFoundError):
            target.rename(aside / str(attempt))
        try:
            new.rename(target)
            break
        except OSError:  # another build swapped its folder in meanwhile: move it aside too
            if attempt == SWAP_ATTEMPTS - 1:
                raise
    return aside


def build_mode(args: argparse.Namespace) -> str:
    """What, besides the settings, changes what a build writes or reports."""
    return f"strict={args.strict} preview={args.preview}"


def print_records(records: list[tuple[int, str]]) -> None:
    for level, text in records:
        print(f"{logging.getLevelName(level).lower()}: {text}", file=sys.stderr)


def unchanged(inputs: str | None, target: Path, previous: manifests.Manifest | None) -> bool:
    """Nothing changed: the inputs are those of the build that wrote `target` (its manifest:
    `previous`), which still holds exactly what that build wrote (writing/manifest.py). Its
    problems are printed again."""
    if inputs is None or previous is None or previous.inputs != inputs \
            or not manifests.matches(target, previous.files):
        return False
    print_records(previous.records)
    print(f"Nekas nav mainījies (nothing changed): {target}", file=sys.stderr)
    return True


def publish(staging: Path, target: Path, settings: dict[str, Any], inputs: str | None,
            records: list[tuple[int, str]], pelican: Pelican | None) -> Callable[[], None]:
    """Swap the finished staging folder into place and record its manifest (with the pages'
    dependency records, unless `inputs` is None: a source saved while it was built leaves
    the build's sources unknown). Returns what is left to tidy, which changes nothing that is
    served: handing the old output over to a remover that outlives the build (not waited
    for: tools/leftovers.py) and keeping in the render cache only what this build used."""
    cache = cache_root(settings)
    writing = getattr(getattr(pelican, ATTRIBUTE, None), "writing", None)
    files, sources, touched = manifests.scan_output(
        staging.resolve(), writing.outputs.placed if writing is not None else None)
    # a source saved while it was built (no `inputs`) leaves its records unknown
    kept = writing.records if writing is not None and inputs else None
    structure = kept.structure if kept is not None else None
    manifests.forget(cache, target)
    with INTERRUPTION.deferred():
        aside = replace_folder(staging, target)
        INTERRUPTION.swapped = True
    manifests.save(cache, target, manifests.Manifest(
        inputs, files, records, sources, touched,
        None if kept is None or structure is None else kept.digest,
        {} if structure is None else structure.bodies))

    def tidy() -> None:
        leftovers.hand_over(aside, target)  # removed by a process of its own
        if writing is not None:
            writing.render.store.prune()
            writing.render.reads_store.prune()
            writing.render.bytecode_store.prune()
            print(f"Lapas (pages): {writing.render.rendered} rendered, {writing.render.reused} "
                  f"reused ({writing.render.recorded} by their records); files: "
                  f"{writing.outputs.written} written, {writing.outputs.linked} "
                  "unchanged (linked)", file=sys.stderr)
    return tidy


@contextlib.contextmanager
def few_full_collections() -> Iterator[None]:
    """Collect the oldest generation only every FULL_COLLECTION_AFTER collections of the
    middle one until the block ends; then the thresholds are what they were (the preview's
    resident goes on answering fast renders)."""
    young, middle, full = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_AFTER)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, full)


def tidy_now(tidy: Callable[[], None]) -> None:
    tidy()


def build(args: argparse.Namespace,
          after_swap: Callable[[Callable[[], None]], None] = tidy_now) -> int:
    """Build as the options say; the exit status (0, 1 problems, 2 no content folder).
    `after_swap` gets what is left to tidy once a build has been swapped in (publish); the
    preview's warm builder tidies after it has said the build is served. Full collections
    are few until it returns (publishing and tidying included: the first full collection
    after Pelican's run scans everything the build made, a third of a second at 4,000
    articles)."""
    with few_full_collections():
        return _build(args, after_swap)


def _build(args: argparse.Namespace, after_swap: Callable[[Callable[[], None]], None]) -> int:
    overrides = settings_overrides(args)
    if "PATH" in overrides and not Path(overrides["PATH"]).is_dir():
        print(f"error: satura mape nav atrasta (content folder not found): {args.content} — "
              "pārbaudi --content ceļu", file=sys.stderr)
        return 2
    settings = read_settings(args.settings, override=overrides)
    target = Path(args.output or settings["OUTPUT_PATH"]).resolve()
    # what editors change, asked again after the build (OUTPUT_PATH is not an input)
    sources = manifests.read_sources(settings) if settings.get("BUILD_DATE") else None
    environment = manifests.environment_digest(settings, build_mode(args))
    inputs = None if sources is None else manifests.build_inputs(environment, sources)
    previous = manifests.load(cache_root(settings), target)
    if unchanged(inputs, target, previous):
        return 0
    # imported here: it loads every plugin, which a build that stops above never needs
    from .settings_check import settings_problems
    refused = settings_problems(settings, Path(args.settings), command_line_settings(args))
    if refused:
        print_records([(logging.ERROR, problem.format()) for problem in refused])
        print(f"Būvēšana neizdevās (build failed): {len(refused)} settings problem(s); "
              f"{target.name}/ left unchanged.", file=sys.stderr)
        return 1
    collector = ProblemCollector(settings["PATH"])
    root = logging.getLogger()
    root.addHandler(collector)
    root.setLevel(logging.WARNING)
    logging.getLogger("kopienu_zinas").setLevel(logging.INFO)  # notices (see ProblemCollector)
    target.parent.mkdir(parents=True, exist_ok=True)
    leftovers.remove_abandoned(target)
    staging = Path(tempfile.mkdtemp(prefix=leftovers.prefix(target, leftovers.STAGING),
                                    dir=target.parent))
    INTERRUPTION.staging = staging
    staging.chmod(usual_mode(folder=True))  # it becomes output/: readable as mkdir makes it
    settings = read_settings(args.settings, override={**overrides, "OUTPUT_PATH": str(staging)})
    requested = list(settings.get("PLUGINS") or [])
    finished = False
    pelican: Pelican | None = None
    try:
        pelican = Pelican(settings)
        opened = getattr(pelican, ATTRIBUTE, None)
        if opened is not None:  # the preview shows what is reported (common/build.py)
            opened.reported = collector.reported
        for name in missing_plugins(requested, pelican.settings["PLUGINS"]):
            logging.getLogger(__name__).error("plugin %s did not load (see the error above)",
                                              name)
        writing = getattr(getattr(pelican, ATTRIBUTE, None), "writing", None)
        if writing is not None and target.is_dir():
            writing.outputs.use_previous(target, previous)
            writing.records.previous = None if previous is None else previous.previous_records()
        if writing is not None and sources is not None:
            writing.records.structure = manifests.build_structure(environment, sources)
        if args.preview or not collector.failures(args.strict):
            pelican.run()
            finished = True
    except Exception as error:
        report_crash(error, settings["PATH"], target)
    except KeyboardInterrupt:  # a build called without INTERRUPTION (the preview's)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        root.removeHandler(collector)
        if pelican is not None:  # its plugins are loaded: importing the reading plugin is free
            from ..reading.caches import stop_prereading
            stop_prereading(pelican)
    failures = collector.failures(args.strict or args.preview)  # the preview shows all
    print_records(collector.records)
    if sources is not None and sources.changed():
        inputs = None  # a source was saved while it was built: the next build builds again
    if args.preview and finished:
        after_swap(publish(staging, target, settings, inputs, collector.records, pelican))
        print(f"Priekšskatījums gatavs (preview ready): {target}; "
              f"{len(failures)} problem(s) shown on the pages.", file=sys.stderr)
        return 1 if failures else 0
    if failures:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Būvēšana neizdevās (build failed): {len(failures)} problem(s); "
              f"{target.name}/ left unchanged.", file=sys.stderr)
        return 1
    after_swap(publish(staging, target, settings, inputs, collector.records, pelican))
    print(f"Gatavs (done): {target}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    return build(parse_arguments(argv))


def exit_at_once(status: int) -> NoReturn:
    """End the build command with `status`, leaving what the build made to be freed with the
    process: the objects are moved out of the collector's reach (`gc.freeze`), so the
    interpreter's exit does not collect and free them one by one (about a second at 4,000
    articles). Everything is written by then; exit handlers still run and output is flushed."""
    gc.freeze()
    sys.exit(status)


if __name__ == "__main__":
    INTERRUPTION.install()
    exit_at_once(main())
