"""Names reserved for examples (RFC 2606, RFC 6761), as registry.md lists them, and no others."""

from __future__ import annotations

import pytest

from qrdir.registry.example_names import is_example_url

RESERVED = [
    "https://example.com/", "https://example.net/", "https://example.org/",
    "https://sub.example.org/", "https://a.b.example.com/x/", "http://example.com",
    "https://x.example/", "https://phuong-moi.example/", "https://example/",
    "https://a.test/", "http://test/", "https://b.invalid/", "https://invalid/",
    "http://localhost/", "http://localhost:8000/", "https://x.localhost/",
    "https://EXAMPLE.COM/", "https://Phuong.Example/", "https://example.com./",
    "https://ubnd:secret@example.net:8443/ward/",
]
REAL = [
    "https://example.vn/", "https://examples.com/", "https://myexample.com/",
    "https://example.com.vn/", "https://longhoa.example.vn/", "https://tayninh.example.vn/x/",
    "https://example.gov.vn/", "https://testing.vn/", "https://contest/", "https://test.vn/",
    "https://localhost.vn/", "https://invalid.gov.vn/", "https://phuongmau.example.vn/",
    "http://127.0.0.1:8000/", "https://longhoa.tayninh.gov.vn/example.com/",
    "https://longhoa.vn/?site=example.com", "not a url", "", "http://[::1/",
]


@pytest.mark.parametrize("url", RESERVED)
def test_a_name_reserved_for_examples_is_sample_data(url):
    assert is_example_url(url)


@pytest.mark.parametrize("url", REAL)
def test_any_other_name_is_not(url):
    assert not is_example_url(url)
