"""``qrdir serve``: a local preview that rebuilds when the registry or templates change.

Ward staff edit ``sites.yaml`` in one window and look at the result in a browser in another.
The server listens on 127.0.0.1 unless told another address (``0.0.0.0``: a phone on the same
Wi-Fi). Every rebuild counts one more version, served at :data:`VERSION_PATH`; each HTML page
is served with a tiny script that asks for it every second and reloads the page when it
changed. The script is added to what is sent, never to the files built (they stay the bytes
``qrdir build`` writes), and the page's Content-Security-Policy sent with it names the script's
hash, so the policy still runs nothing else. When the last build failed, every page shows the
registry's problems (the same sentences as the terminal) and reloads itself every two seconds,
so fixing the file is enough to see the page come back.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import html
import re
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from qrdir.build.environment import source_date_epoch
from qrdir.build.ward import BuildResult, build
from qrdir.errors import MessageError, ProblemsError
from qrdir.messages import format_problem, message

POLL_SECONDS = 0.5
VERSION_PATH = "/__qrdir__/version"

# Asks for the version every second; reloads when it is not the one the page was sent with.
RELOAD_SCRIPT = (
    "(function(){var s=document.currentScript,v=s&&s.getAttribute('data-version');"
    "setInterval(function(){fetch('" + VERSION_PATH + "',{cache:'no-store'})"
    ".then(function(r){return r.text()}).then(function(t){if(t!==v)location.reload()},"
    "function(){})},1000)})();"
)
RELOAD_HASH = "'sha256-" + base64.b64encode(
    hashlib.sha256(RELOAD_SCRIPT.encode()).digest()).decode() + "'"
_CSP_META = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(">)')
_ALL_ADDRESSES = ("0.0.0.0", "", "::")


@dataclass(frozen=True)
class BuildOutcome:
    """The result of one preview build: a BuildResult, or the lines explaining the failure."""

    result: BuildResult | None
    error_lines: tuple[str, ...] = ()


class PreviewServer:
    """Builds ``registry`` into ``output``, serves it, and rebuilds on every change."""

    def __init__(self, registry: Path, output: Path, *, host: str = "127.0.0.1",
                 port: int = 8000, lang: str = "vi",
                 templates_dir: Path | None = None, lock: Path | None = None,
                 on_build: Callable[[BuildOutcome], None] | None = None):
        source_date_epoch()  # wrong usage: the command stops, rather than a preview of an error
        self.registry, self.output, self.lang = Path(registry), Path(output), lang
        self.templates_dir, self.lock = templates_dir, lock
        self.on_build = on_build or (lambda outcome: None)
        self.last = BuildOutcome(None)
        self.version = 0  # one more on every build, successful or not
        self._stamp = None
        self._stop = threading.Event()
        handler = functools.partial(_PreviewHandler, self)
        self.host = host
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self._threads: list[threading.Thread] = []

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def url(self) -> str:
        """The address to open on this computer."""
        host = "127.0.0.1" if self.listens_beyond_this_computer else self.host
        return f"http://{host}:{self.port}/"

    @property
    def listens_beyond_this_computer(self) -> bool:
        return self.host in _ALL_ADDRESSES

    def network_urls(self) -> list[str]:
        """Addresses a phone on the same network can open (this computer's own IPv4 addresses)."""
        return [f"http://{address}:{self.port}/" for address in _network_addresses()]

    def start(self) -> None:
        """Build once, then serve and watch in background threads."""
        self.rebuild_if_changed()
        for target in (self.httpd.serve_forever, self._watch):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def _watch(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            self.rebuild_if_changed()

    def rebuild_if_changed(self) -> bool:
        """Rebuild when a watched file changed since the last build; True if it rebuilt."""
        stamp = self._watched_stamp()
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        self.last = self._build()
        self.version += 1
        self.on_build(self.last)
        return True

    def _watched_stamp(self) -> tuple:
        """Modification times and sizes of the registry, the ledger and every template."""
        paths = [self.registry]
        if self.lock is not None:
            paths.append(self.lock)
        if self.templates_dir is not None and self.templates_dir.is_dir():
            paths += sorted(p for p in self.templates_dir.rglob("*") if p.is_file())
        return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) if p.exists() else (str(p),)
                     for p in paths)

    def _build(self) -> BuildOutcome:
        try:
            return BuildOutcome(build(self.registry, self.output, templates_dir=self.templates_dir,
                                      lock=self.lock))
        except ProblemsError as exc:
            return BuildOutcome(None, tuple(format_problem(p, self.lang) for p in exc.problems))
        except MessageError as exc:
            return BuildOutcome(None, (message(exc.code, self.lang, **exc.params),))

    def error_page(self) -> bytes:
        """The page shown instead of every page while the registry has errors."""
        items = "".join(f"<li><code>{html.escape(line)}</code></li>"
                        for line in self.last.error_lines)
        title = html.escape(message("serve_error_title", self.lang))
        return (
            f'<!doctype html><html lang="{self.lang}"><meta charset="utf-8">'
            '<meta http-equiv="refresh" content="2">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title>"
            '<body style="font:16px/1.5 system-ui,sans-serif;margin:1rem;color:#111">'
            f'<h1 style="color:#a40000">{title}</h1><ul>{items}</ul></body></html>'
        ).encode()


def _network_addresses() -> list[str]:
    """This computer's IPv4 addresses other than loopback, best guess first.

    The address a datagram socket would leave from (nothing is sent), then what the host name
    resolves to; either may be missing on a machine without a network.
    """
    found = []
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: a route is looked up, no packet leaves
        found.append(probe.getsockname()[0])
    with contextlib.suppress(OSError):
        found += socket.gethostbyname_ex(socket.gethostname())[2]
    return [a for a in dict.fromkeys(found) if not a.startswith(("127.", "0."))]


def with_reload(page: bytes, version: int) -> bytes:
    """``page`` as the preview sends it: the reload script added, and allowed by its policy."""
    def allow(match: re.Match) -> bytes:
        policy = html.unescape(match[2].decode())  # the pages write ' as &#39;
        directives = [d.strip() for d in policy.split(";") if d.strip()]
        for index, directive in enumerate(directives):
            if directive.split()[0] == "script-src":
                directives[index] = f"{directive} {RELOAD_HASH}"
                break
        else:
            directives.append(f"script-src {RELOAD_HASH}")
        return match[1] + html.escape("; ".join(directives)).encode() + match[3]

    page = _CSP_META.sub(allow, page, count=1)
    script = f'<script data-version="{version}">{RELOAD_SCRIPT}</script>'.encode()
    end = page.rfind(b"</body>")
    return page + script if end < 0 else page[:end] + script + page[end:]


class _PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the output folder as it is now (it is swapped whole on every rebuild)."""

    def __init__(self, server_state: PreviewServer, *args, **kwargs):
        self.state = server_state
        super().__init__(*args, directory=str(server_state.output), **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        if self.path.split("?")[0] == VERSION_PATH:
            self._send(200, "text/plain; charset=utf-8", str(self.state.version).encode())
        elif self.state.last.error_lines:
            self._send(500, "text/html; charset=utf-8", self.state.error_page())
        elif (page := self._html_page()) is not None:
            self._send(200, "text/html; charset=utf-8", with_reload(page, self.state.version))
        else:
            super().do_GET()

    def _html_page(self) -> bytes | None:
        """The HTML file this request names (a folder: its index.html); None for anything else,
        left to http.server (other files, the redirect to a folder's slash, a 404)."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return None
            path = path / "index.html"
        if path.suffix != ".html":
            return None
        try:
            return path.read_bytes()
        except OSError:  # missing, or the folder was swapped by a rebuild just now
            return None

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a preview must never show a stale page
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's signature)
        """Stay quiet: the terminal is for registry problems, not for request logs."""
