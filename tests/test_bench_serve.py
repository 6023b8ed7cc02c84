"""bench/serve.py as a person runs it, kept short: wrk against both nginx configurations."""

from __future__ import annotations

import pytest

from bench import serve
from tests import tools, webservers

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:40123/mot-cua/
  2 threads and 32 connections
  Latency Distribution
     50%    1.60ms
     75%    2.31ms
     90%    4.02ms
     99%   27.88ms
  139710 requests in 10.00s, 619.02MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  13971.40
"""


def test_wrk_output_is_read_in_milliseconds():
    load = serve.parse_wrk(WRK_OUTPUT.replace("1.60ms", "1600.00us"))
    assert load == serve.Load(13971.40, 1.6, 27.88, 139710, errors=7)


def test_one_short_run_through_both_configurations():
    tools.require(serve.WRK, webservers.BINARIES["nginx"])
    results = serve.measure(duration=1, connections=4, threads=1)
    for name in ("qrdir", "stock"):
        assert results[name]["errors"] == 0, name
        assert results[name]["requests"] > 100, name
    # The same compressed bytes: the comparison is of the configurations, not the payloads.
    assert results["qrdir"]["bytes_sent"] == results["stock"]["bytes_sent"] < results["page_bytes"]
    assert results["ratio"]["requests_per_second"] == pytest.approx(
        results["qrdir"]["requests_per_second"] / results["stock"]["requests_per_second"],
        abs=0.001)
