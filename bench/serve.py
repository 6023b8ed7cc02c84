"""Load test: a landing page through nginx with qrdir's configuration, next to a stock nginx.

    .venv/bin/python bench/serve.py [--duration 10] [--repeat 3] [--connections 32] [--json F]

Builds the example registry, picks the landing page with the longest texts and serves the
same output folder twice with Debian's nginx (tests/webservers.py: stock nginx.conf, workers as
www-data, 127.0.0.1 and a free port): once with what ``qrdir host-config nginx`` prints, once
with Debian's default site. Each gets ``--repeat`` bounded ``wrk`` runs (loopback only,
``--duration`` seconds each, ``Accept-Encoding: gzip``), the two alternating so that a busy
moment of the machine falls on both; before them, one request checks that the answer is the
page, compressed. Prints the median requests/s, p50/p99 latency and the errors of both, and
qrdir's as a ratio of the stock one's: the cost of the extra headers and location rules.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # tests.webservers, tests.hosted: the same servers as the tests

from tests import webservers  # noqa: E402
from tests.hosted import fetch, qrdir, remove, shared_folder  # noqa: E402

WRK = "/usr/bin/wrk"
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


@dataclass(frozen=True)
class Load:
    """One wrk run: throughput, latency percentiles (ms) and failed requests."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # socket errors (connect, read, write, timeout) and non-2xx/3xx answers


def parse_wrk(text: str) -> Load:
    """The numbers of ``wrk --latency`` output."""
    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
        return float(value) * _UNITS[unit]

    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       text)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = sum(map(int, socket.groups())) if socket else 0
    return Load(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", text)[1]),
        p50_ms=latency("50"),
        p99_ms=latency("99"),
        requests=int(re.search(r"(\d+) requests in", text)[1]),
        errors=errors + (int(non_2xx[1]) if non_2xx else 0),
    )


def load(port: int, path: str, duration: int, connections: int, threads: int) -> Load:
    """One bounded wrk run against 127.0.0.1:``port``."""
    done = subprocess.run(
        [WRK, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency",
         "-H", "Accept-Encoding: gzip", f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True, timeout=duration + 30,
    )
    return parse_wrk(done.stdout)


def longest_page(output: Path) -> str:
    """The path of the landing page with the longest texts (by its sites.json entry)."""
    sites = json.loads((output / "sites.json").read_text(encoding="utf-8"))["sites"]
    return "/" + max(sites, key=lambda s: len(json.dumps(s, ensure_ascii=False)))["id"] + "/"


def measure(duration: int, connections: int, threads: int, repeat: int = 1) -> dict:
    """Build, then load-test the page through both configurations; the results as a dict."""
    folder = shared_folder("bench-serve")
    try:
        registry = folder / "sites.yaml"
        registry.write_text((REPO / "sites.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        output = folder / "output"
        qrdir("build", str(registry), "-o", str(output))
        path = longest_page(output)
        page = (output / path.strip("/") / "index.html").read_bytes()
        config = qrdir("host-config", "nginx", str(registry), "-o", str(output))
        results = {"page": path, "page_bytes": len(page), "runs": {"qrdir": [], "stock": []}}
        for _ in range(repeat):
            for name, text in (("qrdir", config), ("stock", None)):
                running = webservers.start("nginx", output, text)
                try:
                    answer = fetch(running.port, path, "longhoa.example.vn",
                                   **{"Accept-Encoding": "gzip"})
                    assert answer.status == 200 and answer.body == page, name
                    assert answer.header("Content-Encoding") == "gzip", name
                    run = asdict(load(running.port, path, duration, connections, threads))
                    results["runs"][name].append({**run, "bytes_sent": len(answer.raw)})
                finally:
                    running.stop()
        for name, runs in results["runs"].items():
            results[name] = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            results[name]["errors"] = sum(run["errors"] for run in runs)
        results["ratio"] = {
            key: round(results["qrdir"][key] / results["stock"][key], 3)
            for key in ("requests_per_second", "p50_ms", "p99_ms")
        }
        return results
    finally:
        remove(folder)


def main(argv: list[str] | None = None) -> None:
    """Run the load test and print (and optionally save) its results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per run (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per configuration")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    results = measure(args.duration, args.connections, args.threads, args.repeat)
    print(f"page {results['page']} ({results['page_bytes']} bytes, gzip), "
          f"median of {args.repeat} runs of {args.duration} s")
    print(f"{'':8}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'bytes':>7}  (all runs)")
    for name in ("qrdir", "stock"):
        r = results[name]
        print(f"{name:8}{r['requests_per_second']:>10.0f}{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}"
              f"{r['errors']:>8}{r['bytes_sent']:>7}")
    ratio = results["ratio"]
    print(f"{'ratio':8}{ratio['requests_per_second']:>10.3f}{ratio['p50_ms']:>9.3f}"
          f"{ratio['p99_ms']:>9.3f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
