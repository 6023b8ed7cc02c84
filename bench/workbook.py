"""How fast ``qrdir check danh-ba.xlsx`` is (issue 15): a workbook kept as the registry, against
the same registry as YAML, checked in the same process.

```sh
.venv/bin/python bench/workbook.py                  # about 2,500 rows: one ward of 800 sites
.venv/bin/python bench/workbook.py --sites 2000 --repeat 5
```

The registry is one ward from ``generate.py`` (its sites have 0–4 contacts, so the workbook has
about 2.5 rows per site), exported as ``qrdir export`` writes it. Each round parses and validates
both files from their bytes, as ``check`` does (no cache); the ratio workbook/YAML is what to
watch, since it does not depend on the machine. The spec's bound is absolute: a 2,000-row
workbook checks in well under a second.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))  # bench.generate, whether run as a script or imported

from bench import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=800)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from qrdir.registry.validate import parse_registry, parse_source
    from qrdir.sheets.exporter import render_workbook

    ward = generate.make_province(sites=args.sites, wards=1)[0]
    yaml_bytes = generate.registry_text(ward).encode("utf-8")
    registry, problems = parse_registry(yaml_bytes, "sites.yaml")
    if registry is None:
        raise SystemExit(f"the generated registry is invalid: {problems[:3]}")
    book_bytes = render_workbook(registry)
    rows = sum(max(1, len(site.contacts)) for site in registry.sites)

    def timed(parse, data: bytes, name: str) -> float:
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            parsed, found = parse(data, name)
            times.append(time.perf_counter() - started)
            assert parsed is not None, found[:3]
        return statistics.median(times)

    yaml_seconds = timed(parse_registry, yaml_bytes, "sites.yaml")
    book_seconds = timed(parse_source, book_bytes, "danh-ba.xlsx")
    print(f"{len(registry.sites)} sites, {rows} rows, workbook {len(book_bytes) // 1024} KiB")
    print(f"check sites.yaml    {yaml_seconds * 1000:8.1f} ms")
    print(f"check danh-ba.xlsx  {book_seconds * 1000:8.1f} ms   "
          f"({book_seconds / yaml_seconds:.2f} × the YAML)")


if __name__ == "__main__":
    main()
