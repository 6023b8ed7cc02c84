"""How fast the QR matrix of a site's URL is made: qrcode's own ``make()`` against qrdir's
``qr_code()`` (qrcode's codewords, then qr_mask's mask choice and layout), in the same process.

```sh
.venv/bin/python bench/qr_speed.py                  # 1,000 URLs of a generated province
.venv/bin/python bench/qr_speed.py --sites 2000 --repeat 5
```

The URLs are ``base_url`` + ward + site id of ``generate.py``'s province, as a build encodes
them. Each round makes every code both ways, the two interleaved round by round; the median
round is reported, per code, with the ratio (which does not depend on the machine). Every
matrix is checked equal to qrcode's. qr_mask lays each version out once per process; that
one-time cost is shown on its own and left out of the rounds.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

import qrcode

HERE = Path(__file__).parent


def _generator():
    spec = importlib.util.spec_from_file_location("bench_generate", HERE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def qrcode_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """What qr_code() returned before qr_mask: qrcode's make(fit=True) and get_matrix()."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=4)
    code.add_data(url.encode("utf-8"))
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from qrdir.posters import qr

    generate = _generator()
    province = generate.make_province(sites=args.sites, wards=max(1, args.sites // 20))
    urls = [f"{generate.BASE_URL}{ward.stem}/{site['id']}/"
            for ward in province for site in ward.sites]

    versions = {}  # one URL of each size
    for url in urls:
        versions.setdefault(len(qrcode_matrix(url)), url)
    started = time.perf_counter()
    for url in versions.values():
        qr.qr_code(url)  # the first code of its version: qr_mask lays the version out
    layout_seconds = time.perf_counter() - started

    def timed(make) -> float:
        started = time.perf_counter()
        for url in urls:
            make(url)
        return (time.perf_counter() - started) / len(urls)

    old, new = [], []
    for _ in range(args.repeat):
        old.append(timed(qrcode_matrix))
        new.append(timed(qr.qr_code))
    assert all(qr.qr_code(url).modules == qrcode_matrix(url) for url in urls)

    old_s, new_s = statistics.median(old), statistics.median(new)
    sizes = ", ".join(f"{(size - 8 - 17) // 4}" for size in sorted(versions))
    print(f"{len(urls)} URLs (versions {sizes}), every matrix equal to qrcode's")
    print(f"qrcode make()   {old_s * 1e3:7.3f} ms a code")
    print(f"qrdir qr_code() {new_s * 1e3:7.3f} ms a code   ({old_s / new_s:.1f}x faster)")
    print(f"once a process: the first code of each of the {len(versions)} versions "
          f"{layout_seconds * 1e3:.0f} ms in all")


if __name__ == "__main__":
    main()
