"""``qrdir serve``: a local preview that rebuilds when the registry or templates change.

Ward staff edit ``sites.yaml`` in one window and look at the result in a browser in another.
The server listens on 127.0.0.1 only. When the last build failed, every page shows the
registry's problems (the same sentences as the terminal) and reloads itself every two seconds,
so fixing the file is enough to see the page come back.
"""

from __future__ import annotations

import functools
import html
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


@dataclass(frozen=True)
class BuildOutcome:
    """The result of one preview build: a BuildResult, or the lines explaining the failure."""

    result: BuildResult | None
    error_lines: tuple[str, ...] = ()


class PreviewServer:
    """Builds ``registry`` into ``output``, serves it, and rebuilds on every change."""

    def __init__(self, registry: Path, output: Path, *, port: int = 8000, lang: str = "vi",
                 templates_dir: Path | None = None, lock: Path | None = None,
                 on_build: Callable[[BuildOutcome], None] | None = None):
        source_date_epoch()  # wrong usage: the command stops, rather than a preview of an error
        self.registry, self.output, self.lang = Path(registry), Path(output), lang
        self.templates_dir, self.lock = templates_dir, lock
        self.on_build = on_build or (lambda outcome: None)
        self.last = BuildOutcome(None)
        self._stamp = None
        self._stop = threading.Event()
        handler = functools.partial(_PreviewHandler, self)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

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


class _PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the output folder as it is now (it is swapped whole on every rebuild)."""

    def __init__(self, server_state: PreviewServer, *args, **kwargs):
        self.state = server_state
        super().__init__(*args, directory=str(server_state.output), **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        if self.state.last.error_lines:
            body = self.state.error_page()
            self.send_response(500)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a preview must never show a stale page
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's signature)
        """Stay quiet: the terminal is for registry problems, not for request logs."""
