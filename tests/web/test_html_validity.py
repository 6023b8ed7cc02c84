"""The W3C Nu Html Checker (vnu, pinned in tests/node) finds no error in any page of an output.

Every page of two wards with a moved id, a closed id and an earlier base URL (one at its
host's root, one under a path) is checked in one run of Debian's Java 17. ``--errors-only``
leaves out vnu's "info warnings", among them "Inline style/script violates Content Security
Policy": vnu does not compute the SHA-256 sources of our policy, so it reports every inline
style and script (and the JSON-LD data blocks, which CSP does not govern) as blocked. They
are not: the browser tests run every page in Chromium and fail on any CSP complaint in its
console.
"""

from __future__ import annotations

import json
import subprocess

from tests import tools


def test_every_page_of_the_output_is_valid_html(hosted_wards):
    tools.require("java")
    vnu = tools.node_modules() / "vnu-jar" / "build" / "dist" / "vnu.jar"
    pages = sorted(str(page) for ward in hosted_wards.values()
                   for page in ward.output.rglob("*.html"))
    assert len(pages) >= 2 * 16  # directory, 404, 14 sites, the moved and the closed pages
    done = subprocess.run(["java", "-jar", str(vnu), "--errors-only", "--format", "json", *pages],
                          capture_output=True, text=True, timeout=300)
    messages = json.loads(done.stderr or done.stdout)["messages"]
    assert messages == [], messages[:5]
    assert done.returncode == 0
