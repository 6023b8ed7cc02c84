"""Province benchmark: qrdir (cold, warm, one contact changed) against Hugo, in one run.

    .venv/bin/python bench/run.py --sites 1000 --wards 50 [--repeat 3] [--json results.json]

On one generated province (bench/generate.py) it measures, each as its own process tree and
in this order:

  hugo  ``hugo --quiet -s hugo -d out-hugo``: Hugo building the same landing pages, fresh output;
  cold  ``qrdir build wards -o out --cache cache`` with no cache, no output and no ledgers;
  warm  the same with the cache kept and the output deleted: every file is written again;
  one   the same after one contact's phone changed in one ward, cache and output kept.

For each: wall time; CPU time (user + system of the whole process tree, from ``wait4``, which
counts every reaped descendant); peak memory of the tree (the largest sum of RSS over the process
and all its descendants, sampled from /proc every 20 ms) and of the largest single process (its
kernel high-water mark). Ratios come from the same run, never from absolute times, so the verdicts
hold on any machine. The runner also checks what it timed: every build made all N landing pages,
the warm build's output is byte-identical to the cold one's, the one-change build published the
new number, and every qrdir landing page fits the 14,600-byte budget.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGE_BUDGET = 14_600  # bytes: the first TCP round trips of a slow mobile connection (issue 6)
SAMPLE_SECONDS = 0.02
RUNS = ("cold", "warm", "one", "hugo")
LABELS = {"cold": "qrdir cold", "warm": "qrdir warm full", "one": "qrdir one contact changed",
          "hugo": "Hugo (pages only)"}
_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass(frozen=True)
class Measurement:
    """One timed run of one command."""

    wall_s: float
    cpu_s: float
    peak_tree_mb: float
    peak_process_mb: float


@dataclass(frozen=True)
class PageSizes:
    """The landing pages of one output: how many, their sizes, how many exceed the budget."""

    count: int
    median_bytes: int
    largest_bytes: int
    over_budget: int


class TreeSampler(threading.Thread):
    """Samples the resident memory of a process and all its descendants until stopped."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root = root
        self.peak_tree_kb = 0
        self.peak_process_kb = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(SAMPLE_SECONDS):
            sizes = [_rss_kb(pid) for pid in _descendants(self.root)]
            self.peak_tree_kb = max(self.peak_tree_kb, sum(sizes))
            self.peak_process_kb = max(self.peak_process_kb, *sizes, 0)

    def stop(self) -> None:
        """Stop sampling and wait for the thread."""
        self._done.set()
        self.join()


def _descendants(root: int) -> list[int]:
    """``root`` and every process below it, walked through /proc/<pid>/task/<tid>/children.

    Walking down from the root reads a handful of files per sample, where scanning all of
    /proc would cost the measured build a noticeable share of a core on a small machine.
    """
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as children:
                    stack += [int(child) for child in children.read().split()]
            except OSError:
                continue
    return found


def _rss_kb(pid: int) -> int:
    """The resident memory of one process in KiB, or 0 if it has just exited."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def measure(command: list[str], cwd: Path) -> Measurement:
    """Run ``command`` in ``cwd`` and measure its wall time, CPU time and peak memory."""
    os.sync()  # the previous run's writeback must not be billed to this one
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env={**os.environ, "CI": "1"})
    sampler = TreeSampler(process.pid)
    sampler.start()
    stderr = process.stderr.read()  # drained while it runs, so a chatty build never blocks
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr.decode('utf-8', 'replace')}")
    # ru_maxrss of a reaped child is the largest high-water mark of it and its descendants.
    process_kb = max(sampler.peak_process_kb, usage.ru_maxrss)
    return Measurement(wall_s=wall, cpu_s=usage.ru_utime + usage.ru_stime,
                       peak_tree_mb=max(sampler.peak_tree_kb, process_kb) / 1024,
                       peak_process_mb=process_kb / 1024)


@dataclass(frozen=True)
class Change:
    """The contact phone the one-change run edits, and where its new number must appear."""

    ward: str
    site_id: str
    new_tel: str  # the tel: target of the new number, +84…


def change_one_contact(wards: Path) -> Change:
    """Change the last digit of the middle ward's first contact phone, as after a staff move."""
    registries = sorted(wards.glob("*.yaml"))
    target = registries[len(registries) // 2]
    text = target.read_text(encoding="utf-8")
    match = re.search(r'\n        phone: "([^"]*\d)"', text)
    written = match.group(1)
    new = written[:-1] + str((int(written[-1]) + 1) % 10)
    site_id = re.findall(r"\n  - id: (\S+)", text[:match.start()])[-1]
    target.write_text(text[:match.start(1)] + new + text[match.end(1):], encoding="utf-8")
    digits = re.sub(r"\D", "", new)
    return Change(target.stem, site_id, "+84" + re.sub(r"^(84|0)", "", digits))


def page_sizes(output: Path) -> PageSizes:
    """The landing pages ``<ward>/<id>/index.html`` of a province output."""
    sizes = sorted(page.stat().st_size for page in output.glob("*/*/index.html"))
    if not sizes:
        return PageSizes(0, 0, 0, 0)
    return PageSizes(count=len(sizes), median_bytes=int(statistics.median(sizes)),
                     largest_bytes=sizes[-1], over_budget=sum(s > PAGE_BUDGET for s in sizes))


def _differences(left: Path, right: Path) -> list[str]:
    """Relative paths that are missing on one side or differ in bytes (empty: identical)."""
    compared = filecmp.dircmp(left, right)
    found = [*compared.left_only, *compared.right_only, *compared.funny_files]
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    found += mismatch + errors
    for name in compared.common_dirs:
        found += [f"{name}/{path}" for path in _differences(left / name, right / name)]
    return found


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"benchmark check failed: {message}")


def run_round(work: Path, sites: int, wards: int, jobs: int | None) -> dict:
    """One round: fresh data, then Hugo, cold, warm and one change, each checked."""
    shutil.rmtree(work, ignore_errors=True)
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--sites", str(sites),
                    "--wards", str(wards), "--out", str(work / "wards"),
                    "--hugo", str(work / "hugo")], check=True)
    qrdir = [sys.executable, "-m", "qrdir", "build", "wards", "-o", "out", "--cache", "cache"]
    if jobs:
        qrdir += ["--jobs", str(jobs)]
    # Hugo first, on the freshest file system: on a disk whose file creation slows down with
    # churn (bench/README.md), any order bias then works against qrdir, never for it.
    # Hugo reads -d relative to the site folder, so give it an absolute path.
    results = {"hugo": measure(["hugo", "--quiet", "-s", "hugo", "-d", str(work / "out-hugo")],
                               work)}
    hugo_pages = page_sizes(work / "out-hugo")
    _require(hugo_pages.count == sites, f"Hugo made {hugo_pages.count} pages, not {sites}")
    results["cold"] = measure(qrdir, work)
    pages = page_sizes(work / "out")
    _require(pages.count == sites, f"cold build made {pages.count} landing pages, not {sites}")
    (work / "out").rename(work / "out-cold")
    results["warm"] = measure(qrdir, work)
    differences = _differences(work / "out-cold", work / "out")
    _require(not differences, f"warm output differs from cold: {differences[:5]}")
    shutil.rmtree(work / "out-cold")
    change = change_one_contact(work / "wards")
    results["one"] = measure(qrdir, work)
    page = (work / "out" / change.ward / change.site_id / "index.html").read_text("utf-8")
    _require(f'href="tel:{change.new_tel}"' in page,
             f"{change.ward}/{change.site_id} does not show the new number {change.new_tel}")
    return {"measurements": results, "qrdir_pages": page_sizes(work / "out"),
            "hugo_pages": hugo_pages}


def median_measurements(rounds: list[dict]) -> dict[str, Measurement]:
    """Per run and per quantity, the median over the rounds."""
    return {run: Measurement(*(statistics.median(getattr(r["measurements"][run], name)
                                                 for r in rounds)
                               for name in Measurement.__dataclass_fields__))
            for run in RUNS}


def verdicts(median: dict[str, Measurement], pages: PageSizes) -> list[dict]:
    """The issue's targets, each with the measured value and whether it is met."""
    peak = max(median[run].peak_tree_mb for run in ("cold", "warm", "one"))
    rows = [
        ("warm full / Hugo", median["warm"].wall_s / median["hugo"].wall_s, 3.0, "×"),
        ("cold / warm full", median["cold"].wall_s / median["warm"].wall_s, 3.0, "×"),
        ("one contact changed / warm full",
         100 * median["one"].wall_s / median["warm"].wall_s, 5.0, "%"),
        ("qrdir peak memory (tree)", peak, 400.0, "MB"),
        ("landing pages over 14,600 bytes", pages.over_budget, 0, "pages"),
    ]
    return [{"target": name, "measured": round(value, 3), "limit": limit, "unit": unit,
             "met": value <= limit} for name, value, limit, unit in rows]


def machine(work: Path) -> dict[str, str]:
    """What the numbers were measured on."""
    import qrdir

    cpuinfo = Path("/proc/cpuinfo").read_text()
    meminfo = Path("/proc/meminfo").read_text()
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    return {
        "cpu": re.search(r"model name\s*: (.*)", cpuinfo).group(1),
        "cores": str(len(os.sched_getaffinity(0))),
        "memory": re.search(r"MemTotal:\s*(.*)", meminfo).group(1),
        "filesystem": _filesystem(work),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "qrdir": f"{qrdir.__version__} ({commit or 'not a git checkout'})",
        "hugo": hugo,
    }


def _filesystem(path: Path) -> str:
    """The type of the file system holding ``path`` (the longest matching mount point)."""
    path = path.resolve()
    best = ("", "?")
    for line in Path("/proc/mounts").read_text().splitlines():
        _, mount, kind, *_ = line.split()
        if (path == Path(mount) or Path(mount) in path.parents) and len(mount) > len(best[0]):
            best = (mount, kind)
    return best[1]


def print_report(report: dict) -> None:
    """The table, the page sizes and the verdicts, as plain text."""
    print(f"N = {report['sites']} sites in {report['wards']} wards, "
          f"median of {report['repeat']} round(s)")
    print(f"{'run':<28}{'wall s':>9}{'CPU s':>9}{'tree MB':>9}{'proc MB':>9}")
    for run in RUNS:
        m = report["results"][run]
        print(f"{LABELS[run]:<28}{m['wall_s']:>9.2f}{m['cpu_s']:>9.2f}"
              f"{m['peak_tree_mb']:>9.0f}{m['peak_process_mb']:>9.0f}")
    for side in ("qrdir_pages", "hugo_pages"):
        p = report[side]
        print(f"{side.replace('_', ' ')}: {p['count']}, median {p['median_bytes']} bytes, "
              f"largest {p['largest_bytes']}, {p['over_budget']} over {PAGE_BUDGET}")
    for row in report["verdicts"]:
        digits = 0 if row["unit"] == "pages" else 2
        verdict = "met" if row["met"] else "NOT MET"
        print(f"{row['target']:<34}{row['measured']:>9.{digits}f} {row['unit']:<6}"
              f"(target <= {row['limit']:g})  {verdict}")


def main(argv: list[str] | None = None) -> None:
    """Run the rounds, print the report and optionally save it as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--wards", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the median is reported")
    parser.add_argument("--jobs", type=int, help="qrdir --jobs (default: qrdir's, the cores)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/qrdir-bench"),
                        help="scratch folder, deleted and rewritten each round")
    parser.add_argument("--json", type=Path, help="also save the results here")
    args = parser.parse_args(argv)
    if shutil.which("hugo") is None:
        parser.error("hugo is not installed (Debian: apt-get install hugo)")
    rounds = [run_round(args.work, args.sites, args.wards, args.jobs)
              for _ in range(args.repeat)]
    median = median_measurements(rounds)
    last = rounds[-1]
    report = {
        "sites": args.sites, "wards": args.wards, "repeat": args.repeat,
        "machine": machine(args.work),
        "results": {run: asdict(m) for run, m in median.items()},
        "rounds": [{run: asdict(m) for run, m in r["measurements"].items()} for r in rounds],
        "qrdir_pages": asdict(last["qrdir_pages"]), "hugo_pages": asdict(last["hugo_pages"]),
        "verdicts": verdicts(median, last["qrdir_pages"]),
    }
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")


if __name__ == "__main__":
    main()
