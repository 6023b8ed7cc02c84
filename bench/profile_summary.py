"""A short summary of a py-spy profile: top functions by own and total samples, shares per area.

    py-spy record --format raw --subprocesses --nonblocking -o cold.raw -- \\
        .venv/bin/qrdir build WARDS -o OUT --cache CACHE
    .venv/bin/python bench/profile_summary.py cold.raw [--top 25] [--command "..."] > summary.txt

Reads py-spy's raw (collapsed) format: one line per distinct stack, ``frame;frame;… count``,
root first, each frame ``function (file:line)``; with ``--subprocesses`` the stack starts with
one ``process PID:"command"`` frame per process from the root process down. Lines of a function
are merged: a function is ``function (file)``.

- **own**: samples whose innermost frame is in the function (where the time is spent);
- **total**: samples with the function anywhere on the stack, counted once per sample even
  when it recurses (what the call costs, callees included); the trunk, functions on at least
  :data:`TRUNK` of the samples (``<module>``, click, the process pool), is left out of the list;
- **areas**: every sample is given to exactly one area, the first of :data:`AREAS` that its
  stack matches, so the shares add up to 100 %. The order goes from the specific to the
  general: a zlib call inside ``Canvas.save`` counts as zlib, the rest of the save as
  "posters: ReportLab save", and a QR code's mask scoring as "QR mask selection" before the
  rest of the ``qrcode`` package.

Sampled without ``--idle`` (py-spy's default), a process waiting for its workers or for the
disk is not counted, so the shares are of CPU time, over all processes.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

TRUNK = 0.95
_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")


@dataclass(frozen=True)
class Frame:
    """One frame of a sampled stack."""

    function: str
    file: str

    @property
    def name(self) -> str:
        return f"{self.function} ({self.file})"


@dataclass(frozen=True)
class Sample:
    """A distinct stack (root first), the processes it ran in, and how often it was seen."""

    frames: tuple[Frame, ...]
    processes: tuple[str, ...]
    count: int


def parse(lines: Iterable[str]) -> list[Sample]:
    """The samples of a py-spy raw file."""
    samples = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            continue
        stack, _, count = line.rpartition(" ")
        frames, processes = [], []
        for text in stack.split(";"):
            if text.startswith("process "):
                processes.append(text.split(":", 1)[0])
                continue
            match = _FRAME.match(text)
            if match:
                frames.append(Frame(match["function"], match["file"]))
            else:
                frames.append(Frame(text, ""))
        samples.append(Sample(tuple(frames), tuple(processes), int(count)))
    return samples


def _any(test: Callable[[Frame], bool]) -> Callable[[Sample], bool]:
    return lambda sample: any(test(frame) for frame in sample.frames)


def _leaf(test: Callable[[Frame], bool]) -> Callable[[Sample], bool]:
    return lambda sample: bool(sample.frames) and test(sample.frames[-1])


def _in(*parts: str) -> Callable[[Frame], bool]:
    """A frame whose file path contains one of ``parts``."""
    return lambda frame: any(part in frame.file for part in parts)


def _named(*functions: str) -> Callable[[Frame], bool]:
    """A frame of one of these functions (``Class.method`` as py-spy writes it)."""
    return lambda frame: frame.function in functions


SUBSETTING = ("TTFont.addObjects", "TTFontFace.addSubsetObjects", "TTFontFile.makeSubset",
              "makeToUnicodeCMap")
WRITING = ("write_atomically", "write_new", "_write_tree", "write_bytes", "write_text")

# (area, test of a sample), most specific first; a sample goes to the first area it matches.
AREAS: tuple[tuple[str, Callable[[Sample], bool]], ...] = (
    ("zlib (PDF stream compression)",
     _leaf(lambda f: f.function == "PDFStreamFilterZCompress.encode" or "zlib" in f.file)),
    ("font subsetting (ReportLab)", _any(_named(*SUBSETTING))),
    ("QR mask selection (qrcode)", _any(_named("QRCode.best_mask_pattern"))),
    ("QR matrix, other (qrcode)", _any(_in("qrcode/"))),
    ("QR images: PNG and SVG", _any(lambda f: _named("render_png", "render_svg")(f)
                                    or _in("PIL/")(f))),
    ("posters: ReportLab save, other", _any(_named("Canvas.save"))),
    ("posters: the code's modules drawn (_draw_qr)", _any(_named("_draw_qr"))),
    ("posters: text layout and fitting", _any(_in("qrdir/posters/text_fit.py",
                                                   "qrdir/posters/geometry.py"))),
    ("posters: drawing, other", _any(_in("reportlab/", "qrdir/posters/"))),
    ("pages, vCards (Jinja2, qrdir/web)", _any(_in("jinja2/", "markupsafe/", "qrdir/web/"))),
    ("YAML parsing", _any(_in("yaml/", "qrdir/registry/reader.py",
                              "qrdir/registry/yaml_syntax.py"))),
    ("validation (registry, phones)", _any(_in("qrdir/registry/", "phonenumbers/"))),
    ("writing files", _any(lambda f: _named(*WRITING)(f) or _in("qrdir/build/files.py",
                                                                 "qrdir/build/publish.py",
                                                                 "shutil.py")(f))),
    ("cache (pickle, keys)", _any(_in("qrdir/build/incremental.py", "pickle",
                                      "qrdir/build/outline.py"))),
    ("imports, start-up", _any(_in("<frozen importlib"))),
    ("process pool, other", lambda sample: True),
)


@dataclass(frozen=True)
class Summary:
    """What the report prints."""

    samples: int
    processes: dict[str, int]
    own: list[tuple[str, int]]
    total: list[tuple[str, int]]
    areas: list[tuple[str, int]]
    trunk: int  # functions left out of ``total``: on at least TRUNK of the samples


def summarise(samples: list[Sample], top: int = 25) -> Summary:
    """Own and total samples per function (the ``top`` of each) and the areas' samples."""
    own: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    areas: collections.Counter[str] = collections.Counter()
    processes: collections.Counter[str] = collections.Counter()
    for sample in samples:
        if sample.frames:
            own[sample.frames[-1].name] += sample.count
        for name in {frame.name for frame in sample.frames}:
            total[name] += sample.count
        area = next(name for name, test in AREAS if test(sample))
        areas[area] += sample.count
        processes[sample.processes[-1] if sample.processes else "process ?"] += sample.count
    count = sum(sample.count for sample in samples)
    branches = [(name, n) for name, n in total.most_common() if n < TRUNK * count]
    return Summary(samples=count, processes=dict(processes.most_common()),
                   own=own.most_common(top), total=branches[:top],
                   areas=[(name, areas[name]) for name, _ in AREAS if areas[name]],
                   trunk=len(total) - len(branches))


def report(summary: Summary, command: str | None = None, source: str | None = None) -> str:
    """The summary as plain text."""
    n = summary.samples or 1
    lines = []
    if command:
        lines.append(f"command: {command}")
    if source:
        lines.append(f"profile: {source}")
    lines.append(f"samples: {summary.samples} in {len(summary.processes)} process(es) "
                 "(CPU samples of every process; idle not sampled)")
    lines += [f"  {name}: {count} ({100 * count / n:.1f} %)"
              for name, count in summary.processes.items()]
    lines += ["", "shares per area (each sample counted once, first matching area):"]
    lines += [f"  {100 * count / n:5.1f} %  {count:>7}  {name}" for name, count in summary.areas]
    for title, rows in (("own", summary.own), ("total", summary.total)):
        lines += ["", f"top {len(rows)} functions by {title} samples:"]
        if title == "total":
            lines.append(f"  (leaving out the trunk: {summary.trunk} functions on at least "
                         f"{100 * TRUNK:.0f} % of the samples)")
        lines += [f"  {100 * count / n:5.1f} %  {count:>7}  {name}" for name, count in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Read a raw profile, print its summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path,
                        help="py-spy record --format raw output (or its .gz)")
    parser.add_argument("--top", type=int, default=25, help="functions listed per table")
    parser.add_argument("--command", help="the profiled command, printed at the top")
    args = parser.parse_args(argv)
    opener = gzip.open if args.raw.suffix == ".gz" else open
    with opener(args.raw, "rt", encoding="utf-8", errors="replace") as raw:
        summary = summarise(parse(raw), args.top)
    print(report(summary, args.command, args.raw.name), end="")


if __name__ == "__main__":
    main()
