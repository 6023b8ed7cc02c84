"""Province benchmark: qrdir (cold, warm, one contact changed) against Hugo, in one run.

    python bench/run.py --sites 1000 --wards 50 [--repeat 3] [--json results.json]

On one generated province (bench/generate.py) it measures, each as its own process tree:
  cold      qrdir build with no cache, no output and no ledgers;
  warm      qrdir build with the cache kept and the output deleted (everything written again);
  one       qrdir build after one contact's phone changed in one ward (cache and output kept);
  hugo      Hugo building the same landing pages into a fresh folder.
For each: wall time, CPU time (user + system of the whole tree) and peak memory (the largest
sum of RSS over the tree, sampled every 20 ms). Ratios come from the same run, never from
absolute times, so the numbers compare on any machine.
"""

from __future__ import annotations

import argparse
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
PAGE_BUDGET = 14_600


@dataclass
class Measurement:
    """One timed run of one command."""

    wall: float
    cpu: float
    peak_mb: float


def _tree_rss_kb(root: int) -> int:
    """The summed resident memory of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack += children.get(pid, [])
    return total


def measure(command: list[str], cwd: Path) -> Measurement:
    """Run ``command`` and measure its wall time, CPU time and peak tree memory."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env={**os.environ, "CI": "1"})
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.02):
            peak = max(peak, _tree_rss_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr}")
    return Measurement(wall, usage.ru_utime + usage.ru_stime, max(peak, usage.ru_maxrss) / 1024)


def change_one_contact(wards: Path) -> None:
    """Change the first contact phone of the middle ward, as a clerk would after a staff move."""
    registries = sorted(wards.glob("*.yaml"))
    target = registries[len(registries) // 2]
    text = target.read_text(encoding="utf-8")
    match = re.search(r'(        phone: ")([^"]*?)(\d)(")', text)
    digit = str((int(match.group(3)) + 1) % 10)
    target.write_text(text[:match.start(3)] + digit + text[match.end(3):], encoding="utf-8")


def run_once(work: Path, sites: int, wards: int) -> dict[str, Measurement]:
    """One round of the four measurements on freshly generated data."""
    shutil.rmtree(work, ignore_errors=True)
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--sites", str(sites),
                    "--wards", str(wards), "--out", str(work / "wards"),
                    "--hugo", str(work / "hugo")], check=True)
    qrdir = [sys.executable, "-m", "qrdir", "build", "wards", "-o", "out",
             "--cache", "cache"]
    results = {"cold": measure(qrdir, work)}
    shutil.rmtree(work / "out")
    results["warm"] = measure(qrdir, work)
    change_one_contact(work / "wards")
    results["one"] = measure(qrdir, work)
    results["hugo"] = measure(["hugo", "--quiet", "-s", "hugo", "-d", str(work / "out-hugo")],
                              work)
    return results


def page_sizes(output: Path) -> tuple[int, int, int]:
    """Landing pages: how many, the largest size, and how many exceed the budget."""
    sizes = [p.stat().st_size for p in output.glob("*/*/index.html")]
    return len(sizes), max(sizes), sum(size > PAGE_BUDGET for size in sizes)


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    memory = next(line.split(":", 1)[1].strip() for line in open("/proc/meminfo")
                  if line.startswith("MemTotal"))
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    import qrdir

    return {"cpu": cpu, "cores": str(os.cpu_count()), "memory": memory,
            "python": platform.python_version(), "qrdir": qrdir.__version__, "hugo": hugo}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--wards", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/qrdir-bench"))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rounds = [run_once(args.work, args.sites, args.wards) for _ in range(args.repeat)]
    median = {name: Measurement(*(statistics.median(getattr(r[name], f) for r in rounds)
                                  for f in ("wall", "cpu", "peak_mb")))
              for name in rounds[0]}
    pages, largest, over = page_sizes(args.work / "out")
    report = {
        "sites": args.sites, "wards": args.wards, "repeat": args.repeat, "machine": machine(),
        "results": {name: asdict(m) for name, m in median.items()},
        "ratios": {
            "warm_over_hugo": median["warm"].wall / median["hugo"].wall,
            "cold_over_warm": median["cold"].wall / median["warm"].wall,
            "one_over_warm_percent": 100 * median["one"].wall / median["warm"].wall,
        },
        "pages": {"count": pages, "largest_bytes": largest, "over_budget": over},
    }
    print(f"N = {args.sites} sites in {args.wards} wards, median of {args.repeat}")
    print(f"{'run':<6}{'wall s':>10}{'cpu s':>10}{'peak MB':>10}")
    for name, m in median.items():
        print(f"{name:<6}{m.wall:>10.2f}{m.cpu:>10.2f}{m.peak_mb:>10.0f}")
    ratios = report["ratios"]
    print(f"warm / hugo = {ratios['warm_over_hugo']:.2f} (target <= 3)")
    print(f"cold / warm = {ratios['cold_over_warm']:.2f} (target <= 3)")
    print(f"one / warm  = {ratios['one_over_warm_percent']:.1f} % (target <= 5 %)")
    print(f"pages: {pages}, largest {largest} bytes, {over} over {PAGE_BUDGET}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
