"""Host names reserved for examples, which no resident's phone can ever reach.

RFC 2606 and RFC 6761 reserve ``example.com``, ``example.net`` and ``example.org`` and the
top-level names ``example``, ``test``, ``invalid`` and ``localhost``. registry.md ("Nothing
wrong is published silently"): a ``base_url`` there is sample data, so ``build`` and ``check``
warn, every poster carries a "MẪU – KHÔNG IN" mark, and ``deploy`` refuses it. ``qrdir init``
writes such a placeholder on purpose.
"""

from __future__ import annotations

from urllib.parse import urlsplit

EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")  # RFC 2606 section 3
EXAMPLE_TOP_LEVEL = ("example", "test", "invalid", "localhost")  # RFC 2606 section 2, RFC 6761


def is_example_url(url: str) -> bool:
    """True when ``url``'s host is one of those names or under one of them."""
    try:
        host = urlsplit(url).hostname
    except ValueError:  # an unclosed "[" of an IPv6 address: no host at all
        return False
    if not host:
        return False
    host = host.rstrip(".")  # "example.com." is the same name, written fully qualified
    return any(host == name or host.endswith("." + name)
               for name in EXAMPLE_DOMAINS + EXAMPLE_TOP_LEVEL)
