"""The real Debian web servers, each started on 127.0.0.1 with its stock configuration plus qrdir's.

Used by the server tests, the Lighthouse test and the load test (bench/serve.py). Each server
is started as an administrator would run it from Debian's package: nginx and Apache from their
stock main configuration files (``/etc/nginx/nginx.conf``, ``/etc/apache2/apache2.conf``) with
only the parts that name a port, a pid file, log files or the default site replaced, so their
workers run as ``www-data``; Caddy as its ``caddy`` user, like Debian's systemd unit. Each runs
in the foreground as a child of the test, on a free high port, and is stopped by its pid.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from qrdir.web.hosting import SERVERS

BINARIES = {"nginx": "/usr/sbin/nginx", "apache": "/usr/sbin/apache2", "caddy": "/usr/bin/caddy"}
# The user each server's workers run as in Debian (nginx.conf's and envvars' "www-data",
# caddy.service's "User=caddy").
WORKER_USERS = {"nginx": "www-data", "apache": "www-data", "caddy": "caddy"}


def installed(server: str) -> bool:
    """Whether Debian's package for ``server`` is installed."""
    return Path(BINARIES[server]).exists()


def free_port() -> int:
    """A port nothing listens on now (the server binds it a moment later)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Running:
    """A server started by :func:`start`; :meth:`stop` ends it by its pid."""

    server: str
    port: int
    process: subprocess.Popen
    work: Path
    log: Path
    extra: list[subprocess.Popen] = field(default_factory=list)

    @property
    def pid(self) -> int:
        return self.process.pid

    def worker_users(self) -> set[str]:
        """The users of the processes that serve: the server's children (nginx's and Apache's
        workers), or the server itself when it has none (Caddy)."""
        users = set()
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            fields = dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)
            if fields.get("PPid", "").strip() == str(self.pid):
                users.add(pwd.getpwuid(int(fields["Uid"].split()[0])).pw_name)
        own = Path(f"/proc/{self.pid}").stat().st_uid
        return users or {pwd.getpwnam(pwd.getpwuid(own).pw_name).pw_name}

    def stop(self) -> None:
        """SIGTERM to the server's own pid (all three shut down their workers), then clean up."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.work, ignore_errors=True)


def start(server: str, output: Path, config: str | None, prefix: str = "/",
          old_hosts: tuple[str, ...] = ()) -> Running:
    """Serve ``output`` with ``server``'s stock configuration plus ``config`` (qrdir's text).

    ``prefix`` is base_url's path: Apache serves the folder there (an Alias, as an admin
    would); nginx and Caddy take the output as their root, as publish.md says, and answer any
    host name. ``old_hosts`` (earlier base URLs' hosts) get an Apache virtual host of their
    own whose DocumentRoot is the output, as the .htaccess asks. ``config`` None (nginx
    only): Debian's default site with its root set to ``output``, for comparison.
    """
    work = Path(tempfile.mkdtemp(prefix=f"qrdir-{server}-"))
    work.chmod(0o755)  # the workers read the configuration that is imported from here
    port = free_port()
    command, env = _PREPARE[server](work, Path(output).absolute(), config, port, prefix,
                                    old_hosts)
    log = work / "server.log"
    with log.open("wb") as stream:
        user = "caddy" if server == "caddy" else None
        process = subprocess.Popen(command, env=env, stdout=stream, stderr=subprocess.STDOUT,
                                   user=user, group=user, cwd=work)
    running = Running(server, port, process, work, log)
    try:
        _wait_until_listening(running)
    except BaseException:
        running.stop()
        raise
    return running


def _wait_until_listening(running: Running, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if running.process.poll() is not None:
            log = running.log.read_text(errors="replace")
            raise RuntimeError(f"{running.server} exited: {log}")
        try:
            socket.create_connection(("127.0.0.1", running.port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{running.server} did not listen: {running.log.read_text()}")


def _replace(text: str, old: str, new: str) -> str:
    """``text`` with the stock line ``old`` replaced; fails loudly if Debian changed it."""
    if old not in text:
        raise RuntimeError(f"the stock configuration no longer holds {old!r}")
    return text.replace(old, new)


def _nginx(work: Path, output: Path, config: str, port: int, prefix: str, _old_hosts):
    stock = Path("/etc/nginx/nginx.conf").read_text()
    main = _replace(stock, "pid /run/nginx.pid;", f"pid {work}/nginx.pid;")
    main = _replace(main, "error_log /var/log/nginx/error.log;", f"error_log {work}/error.log;")
    main = _replace(main, "access_log /var/log/nginx/access.log;", "access_log off;")
    main = _replace(main, "include /etc/nginx/sites-enabled/*;", f"include {work}/site.conf;")
    (work / "nginx.conf").write_text(main)
    if config is None:
        site = Path("/etc/nginx/sites-available/default").read_text()
        site = _replace(site, "listen 80 default_server;", f"listen 127.0.0.1:{port};")
        site = _replace(site, "listen [::]:80 default_server;", "")
        site = _replace(site, "root /var/www/html;", f"root {output};")
    else:
        (work / "qrdir.conf").write_text(config)
        site = ("server {\n"
                f"    listen 127.0.0.1:{port};\n"
                "    server_name _;\n"
                f"    root {output};\n"
                f"    include {work}/qrdir.conf;\n"
                "}\n")
    (work / "site.conf").write_text(site)
    test = subprocess.run([BINARIES["nginx"], "-t", "-q", "-c", str(work / "nginx.conf"),
                           "-p", str(work)], capture_output=True, text=True)
    if test.returncode != 0:
        raise RuntimeError(f"nginx -t: {test.stderr}")
    return [BINARIES["nginx"], "-c", str(work / "nginx.conf"), "-p", str(work),
            "-g", "daemon off;"], None


def _apache(work: Path, output: Path, config: str, port: int, prefix: str,
            old_hosts: tuple[str, ...]):
    stock = Path("/etc/apache2/apache2.conf").read_text()
    main = _replace(stock, "Include ports.conf", f"Listen 127.0.0.1:{port}")
    main = _replace(main, "IncludeOptional sites-enabled/*.conf", f"Include {work}/site.conf")
    (work / "apache2.conf").write_text(main)
    if (output / ".htaccess").read_text() != config:
        raise RuntimeError("the output's .htaccess is not what host-config apache prints")
    # What `a2enmod rewrite headers` would enable, without changing /etc.
    modules = "".join(f"Include /etc/apache2/mods-available/{name}.load\n"
                      for name in ("rewrite", "headers"))
    docroot = output if prefix == "/" else work / "empty"
    docroot.mkdir(exist_ok=True)
    alias = f'Alias "{prefix}" "{output}/"\n' if prefix != "/" else ""
    directory = (f'<Directory "{output}">\n    AllowOverride All\n'
                 "    Require all granted\n</Directory>\n")
    old = "".join(f"<VirtualHost 127.0.0.1:{port}>\n    ServerName {host}\n"
                  f'    DocumentRoot "{output}"\n</VirtualHost>\n' for host in old_hosts)
    (work / "site.conf").write_text(
        modules
        + "ServerName 127.0.0.1\n"
        + directory
        + f"<VirtualHost 127.0.0.1:{port}>\n"
        f'    DocumentRoot "{docroot}"\n'
        f"    {alias}"
        "</VirtualHost>\n"
        + old
    )
    env = dict(os.environ, **_envvars(), APACHE_PID_FILE=str(work / "apache2.pid"),
               APACHE_RUN_DIR=str(work), APACHE_LOCK_DIR=str(work), APACHE_LOG_DIR=str(work))
    test = subprocess.run([BINARIES["apache"], "-d", "/etc/apache2", "-f",
                           str(work / "apache2.conf"), "-t"], env=env, capture_output=True,
                          text=True)
    if test.returncode != 0:
        raise RuntimeError(f"apache2 -t: {test.stderr}")
    return [BINARIES["apache"], "-d", "/etc/apache2", "-f", str(work / "apache2.conf"),
            "-DFOREGROUND"], env


def _envvars() -> dict[str, str]:
    """The run user and group of Debian's /etc/apache2/envvars."""
    found = {}
    for line in Path("/etc/apache2/envvars").read_text().splitlines():
        if line.startswith(("export APACHE_RUN_USER=", "export APACHE_RUN_GROUP=")):
            name, value = line.removeprefix("export ").split("=", 1)
            found[name] = value
    return found


def _caddy(work: Path, output: Path, config: str, port: int, prefix: str, _old_hosts):
    home = work / "home"
    home.mkdir()
    (work / "qrdir.caddy").write_text(config)
    # The stock Caddyfile's one site block (":80 { root * …; file_server }"), on a free port
    # of the loopback, with qrdir's directives in place of its file_server; no admin API, so
    # that parallel runs do not fight over its port.
    (work / "Caddyfile").write_text(
        "{\n    admin off\n}\n"
        f"http://:{port} {{\n"
        "    bind 127.0.0.1\n"
        f"    root * {output}\n"
        f"    import {work}/qrdir.caddy\n"
        "}\n"
    )
    caddy = pwd.getpwnam("caddy")
    for path in (work, home):
        os.chown(path, caddy.pw_uid, caddy.pw_gid)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_DATA_HOME": str(home),
           "XDG_CONFIG_HOME": str(home)}
    return [BINARIES["caddy"], "run", "--config", str(work / "Caddyfile"),
            "--adapter", "caddyfile"], env


_PREPARE = {"nginx": _nginx, "apache": _apache, "caddy": _caddy}
assert _PREPARE.keys() == SERVERS.keys()  # a new server in qrdir needs a way to start it here
