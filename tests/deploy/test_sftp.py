"""``qrdir deploy --to sftp://USER@HOST:PORT/PATH`` against Debian's OpenSSH server, started by
the test on a free port of 127.0.0.1 with a host key and a user key it made in tmp, and stopped
by its pid. The server's folder is on this machine, so each file's inode tells whether it was
written again (a file renamed over another gets a new one)."""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from qrdir.deploy.sftp import MANIFEST
from tests.deploy.conftest import differing, invoke, tree
from tests.deploy.test_folder import inodes

pytest.importorskip("paramiko", reason="the sftp extra (paramiko) is not installed")
SSHD = Path("/usr/sbin/sshd")
pytestmark = pytest.mark.skipif(not SSHD.exists(), reason="openssh-server is not installed")
PASSPHRASE = "bí-mật-của-phường-7f3a"  # the passphrase of the test's protected key


def keygen(path: Path, kind: str = "ed25519", passphrase: str = "") -> Path:
    subprocess.run(["ssh-keygen", "-q", "-t", kind, "-N", passphrase, "-C", "qrdir-test",
                    "-f", str(path)], check=True)
    return path


class SshServer:
    """sshd on a free port of 127.0.0.1, accepting the keys in ``authorized``."""

    def __init__(self, folder: Path):
        folder.mkdir()
        self.host_key = keygen(folder / "host_key")
        self.authorized = folder / "authorized_keys"
        self.authorized.write_text("")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = folder / "sshd_config"
        config.write_text(f"""\
Port {self.port}
ListenAddress 127.0.0.1
HostKey {self.host_key}
AuthorizedKeysFile {self.authorized}
PidFile {folder / "sshd.pid"}
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
Subsystem sftp internal-sftp
""")
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation
        self.process = subprocess.Popen([str(SSHD), "-D", "-f", str(config), "-e"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.process.kill()
                    raise RuntimeError("sshd did not listen: "
                                       + self.process.stderr.read().decode()) from None
                time.sleep(0.05)

    def known_hosts_line(self) -> str:
        kind, key = Path(f"{self.host_key}.pub").read_text().split()[:2]
        return f"[127.0.0.1]:{self.port} {kind} {key}\n"

    def authorize(self, key: Path) -> None:
        with self.authorized.open("a") as stream:
            stream.write(Path(f"{key}.pub").read_text())

    def stop(self) -> None:
        os.kill(self.process.pid, 15)
        self.process.wait()
        self.process.stderr.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = SshServer(tmp_path_factory.mktemp("sshd") / "server")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def user_key(server, tmp_path_factory) -> Path:
    key = keygen(tmp_path_factory.mktemp("keys") / "id_ed25519")
    server.authorize(key)
    return key


@pytest.fixture
def ssh_env(server, user_key, tmp_path, monkeypatch) -> Path:
    """A home of the test's own: known_hosts holds the server's key, the user's key is given in
    QRDIR_SSH_KEY, and no agent is reachable."""
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "known_hosts").write_text(server.known_hosts_line())
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("QRDIR_SSH_KEY", str(user_key))
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    monkeypatch.delenv("QRDIR_SSH_KEY_PASSPHRASE", raising=False)
    return home


def target(server: SshServer, folder: Path) -> str:
    return f"sftp://{getpass.getuser()}@127.0.0.1:{server.port}{folder}"


def served(folder: Path) -> dict[str, bytes]:
    """What a web server on that folder serves: everything but the deploy's manifest."""
    return {path: data for path, data in tree(folder).items() if path != MANIFEST}


def test_a_second_deploy_moves_nothing_then_only_what_one_phone_changed(
        server, ssh_env, built, phone_changed, tmp_path):
    site = tmp_path / "www"
    first = invoke("deploy", "-o", str(built), "--to", target(server, site))
    assert first.exit_code == 0, first.output
    assert served(site) == tree(built)
    assert (site / MANIFEST).is_file()
    for path in site.rglob("*"):
        mode = path.stat().st_mode & 0o777
        assert mode == (0o755 if path.is_dir() else 0o644), path
    before = inodes(site)

    again = invoke("deploy", "-o", str(built), "--to", target(server, site))
    assert again.exit_code == 0
    assert ": 0 files uploaded (0 bytes), 0 deleted," in again.stderr
    assert inodes(site) == before  # nothing written, not even the manifest

    changed = differing(built, phone_changed)
    assert "ubnd/index.html" in changed and len(changed) < len(before) // 4
    result = invoke("deploy", "-o", str(phone_changed), "--to", target(server, site))
    assert result.exit_code == 0, result.output
    after = inodes(site)
    moved = {path for path in after if after[path] != before.get(path)}
    assert moved == changed | {MANIFEST}
    assert f": {len(changed)} files uploaded (" in result.stderr
    assert served(site) == tree(phone_changed)


def test_a_file_changed_on_the_server_or_a_lost_manifest_costs_a_transfer_never_a_wrong_page(
        server, ssh_env, built, tmp_path):
    site = tmp_path / "www"
    assert invoke("deploy", "-o", str(built), "--to", target(server, site)).exit_code == 0
    (site / "ubnd" / "index.html").write_text("sửa tay trên máy chủ\n")
    (site / "stray.txt").write_text("not in the output\n")
    result = invoke("deploy", "-o", str(built), "--to", target(server, site), "--force")
    assert result.exit_code == 0, result.output
    assert ": 1 files uploaded (" in result.stderr and ", 1 deleted," in result.stderr
    assert served(site) == tree(built)

    (site / MANIFEST).unlink()
    result = invoke("deploy", "-o", str(built), "--to", target(server, site))
    assert result.exit_code == 0
    assert f": {len(tree(built))} files uploaded (" in result.stderr
    assert served(site) == tree(built)


def test_an_unknown_host_key_is_refused_before_anything_is_sent(
        server, ssh_env, built, tmp_path):
    (ssh_env / ".ssh" / "known_hosts").unlink()
    site = tmp_path / "www"
    result = invoke("deploy", "-o", str(built), "--to", target(server, site))
    assert result.exit_code == 1
    port = server.port
    assert result.stderr == (
        f"the host key of [127.0.0.1]:{port} is not known, so qrdir did not connect (it could "
        "be an impostor): ask the server's administrator for its key fingerprint, compare it "
        f"with ssh-keyscan -p {port} 127.0.0.1 | ssh-keygen -lf -, then add that line to "
        f"~/.ssh/known_hosts (or log in once with ssh -p {port} {getpass.getuser()}@127.0.0.1 "
        "and accept the key)\n")
    assert not site.exists()

    # The user adds the key, as the message says: the same deploy goes through.
    scanned = subprocess.run(["ssh-keyscan", "-p", str(port), "-t", "ed25519", "127.0.0.1"],
                             capture_output=True, text=True, check=True).stdout
    (ssh_env / ".ssh" / "known_hosts").write_text(scanned)
    assert invoke("deploy", "-o", str(built), "--to", target(server, site)).exit_code == 0
    assert served(site) == tree(built)


def test_a_host_key_that_changed_is_refused(server, ssh_env, built, tmp_path):
    impostor = keygen(tmp_path / "impostor")
    kind, key = Path(f"{impostor}.pub").read_text().split()[:2]
    (ssh_env / ".ssh" / "known_hosts").write_text(f"[127.0.0.1]:{server.port} {kind} {key}\n")
    site = tmp_path / "www"
    result = invoke("deploy", "-o", str(built), "--to", target(server, site))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"the host key of [127.0.0.1]:{server.port} DIFFERS from "
                                    "the one in ~/.ssh/known_hosts; qrdir did not connect.")
    assert not site.exists()


def test_a_key_the_server_does_not_accept_is_refused(
        server, ssh_env, built, tmp_path, monkeypatch):
    monkeypatch.setenv("QRDIR_SSH_KEY", str(keygen(tmp_path / "not_authorized")))
    site = tmp_path / "www"
    result = invoke("deploy", "-o", str(built), "--to", target(server, site))
    assert result.exit_code == 1
    user = getpass.getuser()
    assert result.stderr == (
        f"[127.0.0.1]:{server.port} did not accept an SSH key for user {user}: check the key "
        "in QRDIR_SSH_KEY (or ~/.ssh, or ssh-agent), its passphrase if it has one "
        f"(QRDIR_SSH_KEY_PASSPHRASE), and that its public key is in {user}'s authorized_keys "
        "on the server\n")
    assert not site.exists()

    monkeypatch.setenv("QRDIR_SSH_KEY", str(tmp_path / "no-such-key"))
    missing = invoke("deploy", "-o", str(built), "--to", target(server, site))
    assert missing.exit_code == 1
    assert missing.stderr == ("the SSH key file QRDIR_SSH_KEY names does not exist; "
                              "check that path\n")


def test_a_protected_key_s_passphrase_never_appears_in_output_or_any_file(
        server, ssh_env, built, tmp_path, monkeypatch):
    key = keygen(tmp_path / "protected", passphrase=PASSPHRASE)
    server.authorize(key)
    monkeypatch.setenv("QRDIR_SSH_KEY", str(key))
    site = tmp_path / "www"
    urls = tmp_path / "changed.txt"
    refused = invoke("deploy", "-o", str(built), "--to", target(server, site))
    assert refused.exit_code == 1 and "did not accept an SSH key" in refused.stderr

    monkeypatch.setenv("QRDIR_SSH_KEY_PASSPHRASE", PASSPHRASE)
    result = invoke("deploy", "-o", str(built), "--to", target(server, site),
                    "--changed-urls", str(urls))
    assert result.exit_code == 0, result.output
    secret = PASSPHRASE.encode()
    for text in (refused.stdout, refused.stderr, result.stdout, result.stderr):
        assert PASSPHRASE not in text
    written = [path for path in [*site.rglob("*"), urls] if path.is_file()]
    assert len(written) == len(tree(built)) + 2  # the output, the manifest, the URL list
    for path in written:
        assert secret not in path.read_bytes(), path


def test_connections_reset_on_the_way_are_retried(server, ssh_env, built, tmp_path):
    from tests.deploy.test_s3 import ResettingProxy

    proxy = ResettingProxy(server.port, resets=2)
    try:
        # The proxy's port, so known_hosts must name the server's key for it.
        port = int(proxy.url.rsplit(":", 1)[1])
        line = server.known_hosts_line().replace(f"]:{server.port} ", f"]:{port} ")
        (ssh_env / ".ssh" / "known_hosts").write_text(line)
        site = tmp_path / "www"
        result = invoke("deploy", "-o", str(built), "--to",
                        f"sftp://{getpass.getuser()}@127.0.0.1:{port}{site}")
        assert result.exit_code == 0, result.output
        assert proxy.reset == 2
        assert served(site) == tree(built)
    finally:
        proxy.close()


def test_a_missing_parent_folder_says_what_to_check(server, ssh_env, built, tmp_path):
    site = tmp_path / "nowhere" / "www"
    result = invoke("deploy", "-o", str(built), "--to", target(server, site))
    assert result.exit_code == 1
    assert result.stderr == (f'there is no folder holding "{site}" on [127.0.0.1]:'
                             f"{server.port}; check the path after the host in sftp://\n")
    shutil.rmtree(tmp_path / "nowhere", ignore_errors=True)
