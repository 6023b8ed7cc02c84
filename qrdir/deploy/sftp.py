"""``sftp://USER@HOST[:PORT]/PATH``: a folder on a server reached over SSH, through paramiko
(the ``sftp`` extra).

SFTP keeps no content hashes, so qrdir keeps a manifest on the target (publish.md "Only what
changed moves"): :data:`MANIFEST` in PATH maps each file it uploaded to the SHA-256 of its bytes,
with the size and modification time the server gave the file. The listing walks the folder
itself and trusts a manifest entry only while the file's size and time still match; a file the
manifest does not vouch for (changed by hand, or uploaded by a deploy killed before it rewrote
the manifest) is listed with no hash, so it goes up again if the output has it and is deleted if
not. A stale or missing manifest therefore costs a transfer, never a wrong page.

Each file is written under a temporary name beside its final one, then renamed over it with the
``posix-rename@openssh.com`` extension, which replaces in one step (publish.md "Interrupted is
not broken"); a server without it gets remove-then-rename, where a reader may briefly find no
file but never a part of one. A temporary file a killed deploy left is removed by the next one.

Authentication is by the SSH agent or a key file (``QRDIR_SSH_KEY``, else ``~/.ssh``), its
passphrase from ``QRDIR_SSH_KEY_PASSPHRASE``; never a password, which the registry may not hold.
The server's key must already be in ``~/.ssh/known_hosts``: an unknown or changed one stops the
deploy at once, before anything is sent. Connections that fail or reset are retried.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import posixpath
import secrets
import stat
import time
from urllib.parse import unquote, urlsplit

from qrdir.build.kill_points import kill_point
from qrdir.errors import MessageError, UsageError

MANIFEST = ".qrdir-manifest.json"  # in the target folder; never part of an output
FILE_MODE = 0o644  # as on file://: readable by the web server's user
_TEMPORARY = ".qrdir-deploy-"  # the prefix of a file being written
ATTEMPTS = 4  # connecting, and each request after a dropped connection
KEY_VARIABLE = "QRDIR_SSH_KEY"
PASSPHRASE_VARIABLE = "QRDIR_SSH_KEY_PASSPHRASE"
KNOWN_HOSTS = "~/.ssh/known_hosts"

# paramiko logs failures of its own thread to stderr when nothing else listens; qrdir says
# what went wrong in its own message instead (and no log line can carry what a server said).
logging.getLogger("paramiko").addHandler(logging.NullHandler())
logging.getLogger("paramiko").propagate = False


class SftpTarget:
    """A folder on an SSH server, written file by file over SFTP."""

    def __init__(self, user: str, host: str, port: int, root: str):
        try:
            import paramiko
        except ImportError as exc:
            raise UsageError("deploy_sftp_not_installed") from exc
        self._paramiko = paramiko
        self.user, self.host, self.port, self.root = user, host, port, root.rstrip("/") or "/"
        self._where = {"host": host if port == 22 else f"[{host}]:{port}", "user": user}
        self._client = None
        self._sftp = None
        self._manifest: dict[str, list] = {}
        self._folders: set[str] = set()

    @classmethod
    def from_url(cls, text: str) -> SftpTarget:
        url = urlsplit(text)
        return cls(unquote(url.username or ""), url.hostname or "", url.port or 22,
                   unquote(url.path))

    def digest(self, data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    def listing(self) -> dict[str, str]:
        sftp = self._connected()
        try:
            sftp.stat(self.root)
        except FileNotFoundError:
            try:
                sftp.stat(posixpath.dirname(self.root))
            except FileNotFoundError as exc:
                raise MessageError("deploy_sftp_no_folder", folder=self.root,
                                   **self._where) from exc
            return {}  # the folder's first deploy
        manifest = self._read_manifest()
        held = {}
        for path, attributes in self._walk(""):
            entry = manifest.get(path)
            if entry and entry[1:] == [attributes.st_size, attributes.st_mtime]:
                held[path] = entry[0]
                self._manifest[path] = entry
            else:
                held[path] = ""  # not vouched for: goes up again, or is deleted
        return held

    def files(self, output: dict[str, bytes]) -> dict[str, bytes]:
        return output

    def upload(self, path: str, data: bytes) -> None:
        attributes = self._put(path, data)
        self._manifest[path] = [self.digest(data), attributes.st_size, attributes.st_mtime]

    def _put(self, path: str, data: bytes):
        """``data`` written beside ``path``, then renamed over it; the file's attributes."""
        final = posixpath.join(self.root, path)
        folder = posixpath.dirname(final)
        temporary = posixpath.join(folder, _TEMPORARY + secrets.token_hex(6))

        old = self._manifest.get(path)

        def put():
            sftp = self._connected()
            self._make_folders(sftp, folder)
            attributes = sftp.putfo(io.BytesIO(data), temporary, file_size=len(data))
            sftp.chmod(temporary, FILE_MODE)
            if old and old[1:] == [attributes.st_size, attributes.st_mtime]:
                # Written within the second the manifest's entry was: make the file differ
                # from it, so a manifest not yet rewritten (a kill) cannot vouch for it.
                attributes.st_mtime += 1
                sftp.utime(temporary, (attributes.st_mtime, attributes.st_mtime))
            kill_point("deploy-writing")
            try:
                sftp.posix_rename(temporary, final)
            except OSError:  # no posix-rename@openssh.com: SFTP's rename will not replace
                try:
                    sftp.remove(final)
                except FileNotFoundError:
                    pass
                sftp.rename(temporary, final)
            return attributes

        return self._retrying(put)

    def delete(self, path: str) -> None:
        def remove():
            sftp = self._connected()
            try:
                sftp.remove(posixpath.join(self.root, path))
            except FileNotFoundError:
                pass
            folder = posixpath.dirname(posixpath.join(self.root, path))
            while folder != self.root and not sftp.listdir(folder):
                sftp.rmdir(folder)
                folder = posixpath.dirname(folder)

        self._retrying(remove)
        self._manifest.pop(path, None)

    def finish(self) -> None:
        """Write the manifest (beside its name, then renamed over it) and hang up."""
        text = json.dumps(dict(sorted(self._manifest.items())), indent=0).encode()
        try:
            self._put(MANIFEST, text)
        finally:
            self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = self._sftp = None

    # --- the connection -------------------------------------------------------------------

    def _connected(self):
        if self._sftp is None:
            self._sftp = self._retrying(self._connect, reconnect=False)
        return self._sftp

    def _connect(self):
        paramiko = self._paramiko
        client = paramiko.SSHClient()
        known_hosts = os.path.expanduser(KNOWN_HOSTS)
        if os.path.isfile(known_hosts):
            client.load_host_keys(known_hosts)
        client.set_missing_host_key_policy(paramiko.RejectPolicy())
        key = os.environ.get(KEY_VARIABLE) or None
        if key is not None and not os.path.isfile(key):
            raise MessageError("deploy_sftp_no_key", variable=KEY_VARIABLE, **self._where)
        try:
            client.connect(self.host, self.port, username=self.user, key_filename=key,
                           passphrase=os.environ.get(PASSPHRASE_VARIABLE) or None,
                           allow_agent=True, look_for_keys=key is None, timeout=30,
                           banner_timeout=30, auth_timeout=30)
        except paramiko.BadHostKeyException as exc:
            raise MessageError("deploy_sftp_host_key_changed", known_hosts=KNOWN_HOSTS,
                               **self._where) from exc
        except paramiko.AuthenticationException as exc:
            raise MessageError("deploy_sftp_denied", variable=KEY_VARIABLE,
                               **self._where) from exc
        except paramiko.SSHException as exc:
            client.close()
            if "known_hosts" in str(exc):  # RejectPolicy: the host is not known
                raise MessageError("deploy_sftp_unknown_host", known_hosts=KNOWN_HOSTS,
                                   port=self.port, name=self.host, **self._where) from exc
            raise
        self._client = client
        return client.open_sftp()

    def _retrying(self, request, reconnect: bool = True):
        """``request()``, again on a fresh connection after a transient failure (backoff);
        a failure that stays becomes a message."""
        paramiko = self._paramiko
        for attempt in range(ATTEMPTS):
            try:
                return request()
            except MessageError:
                raise
            except (FileNotFoundError, PermissionError) as exc:
                raise MessageError("deploy_sftp_refused", folder=self.root,
                                   **self._where) from exc
            except (OSError, EOFError, paramiko.SSHException) as exc:
                if reconnect:
                    self.close()
                if attempt == ATTEMPTS - 1:
                    raise MessageError("deploy_sftp_unreachable", **self._where) from exc
                time.sleep(0.5 * 2 ** attempt)

    # --- the folder -----------------------------------------------------------------------

    def _read_manifest(self) -> dict[str, list]:
        try:
            with self._sftp.open(posixpath.join(self.root, MANIFEST), "rb") as stream:
                found = json.loads(stream.read())
        except FileNotFoundError:
            return {}
        except ValueError:
            return {}  # unreadable: nothing vouched for, every file compared afresh
        return found if isinstance(found, dict) else {}

    def _walk(self, relative: str):
        folder = posixpath.join(self.root, relative) if relative else self.root
        for attributes in sorted(self._sftp.listdir_attr(folder), key=lambda a: a.filename):
            name = attributes.filename
            path = posixpath.join(relative, name) if relative else name
            if stat.S_ISDIR(attributes.st_mode or 0):
                self._folders.add(posixpath.join(self.root, path))
                yield from self._walk(path)
            elif name.startswith(_TEMPORARY):
                self._sftp.remove(posixpath.join(folder, name))  # left by a killed deploy
            elif path != MANIFEST:
                yield path, attributes

    def _make_folders(self, sftp, folder: str) -> None:
        missing = []
        while folder not in self._folders and folder not in ("/", ""):
            try:
                sftp.stat(folder)
                break
            except FileNotFoundError:
                missing.append(folder)
                folder = posixpath.dirname(folder)
        for made in reversed(missing):
            sftp.mkdir(made, 0o755)
        self._folders.update(missing)
        self._folders.add(folder)
