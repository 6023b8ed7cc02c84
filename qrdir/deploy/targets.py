"""Deploy targets (spec/publish.md): the four forms ``directory.deploy`` may take, checked.

Only the form is checked here; whether the bucket, remote or host exists is for ``qrdir deploy``
to find out. The registry is shared, committed and printed in CI logs, so a target never carries
a credential (publish.md "Secrets stay secret"): anything that looks like one is refused, and no
problem found here repeats the value, which might hold a password.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit

# Each kind of target: the form to write and an example, for messages.
FORMS: dict[str, tuple[str, str]] = {
    "s3": ("s3://BUCKET[/PREFIX]", "s3://phuong-long-hoa/trang"),
    "git": ("git:REMOTE#BRANCH", "git:origin#gh-pages"),
    "sftp": ("sftp://USER@HOST[:PORT]/PATH", "sftp://deploy@longhoa.example.vn/var/www/html"),
    "file": ("file:///PATH", "file:///var/www/html"),
}

# S3 bucket names: 3–63 lower-case letters, digits, dots and hyphens, a letter or digit at each end.
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
# A branch name git accepts (git check-ref-format, the rules a person can break by typing).
_BRANCH = re.compile(r"(?!-)(?!.*\.\.)(?!.*//)(?!.*@\{)[^\s~^:?*\[\\]+(?<![./])(?<!\.lock)")
# "user:password@" after "://", found in the raw text too: a password holding "#" or "/" would
# make a URL parser see a fragment or a path instead.
_PASSWORD = re.compile(r"://[^/\s@]*:[^\s@]*@")
# Remotes reached over the web, where a user name is how a token is usually passed.
_WEB_SCHEMES = ("http", "https")


def target_problem(text: str) -> tuple[str, dict] | None:
    """Why ``text`` is not a deploy target, as a message code and its arguments; None if it is."""
    kind = _kind(text)
    if _carries_credential(kind, text):
        return "deploy_credential", {}
    if kind is None:
        return "deploy_unknown", {"forms": ", ".join(form for form, _ in FORMS.values())}
    if any(ch.isspace() for ch in text) or not _CHECKS[kind](text):
        form, example = FORMS[kind]
        return "deploy_bad_form", {"form": form, "example": example}
    return None


def _kind(text: str) -> str | None:
    """``s3``, ``git``, ``sftp`` or ``file`` from how the target starts (any case), else None."""
    lowered = text.lower()
    if lowered.startswith("git:") and not lowered.startswith("git://"):
        return "git"
    scheme = lowered.partition("://")[0]
    return scheme if "://" in lowered and scheme in ("s3", "sftp", "file") else None


def _carries_credential(kind: str | None, text: str) -> bool:
    """A query (``?token=…``) anywhere, or a password (for S3 any user) in a URL's user part."""
    if "?" in text or _PASSWORD.search(text):
        return True
    url = _url(text.removeprefix("git:") if kind == "git" else text)
    if url is None or "@" not in url.netloc:
        return False
    if kind == "s3" or url.scheme.lower() in _WEB_SCHEMES:
        return True  # an access key or a token: no user name belongs there
    return url.password is not None


def _url(text: str) -> SplitResult | None:
    """``text`` split as a URL when it is one (``scheme://…``), else None."""
    if "://" not in text:
        return None
    try:
        url = urlsplit(text)
        port = url.port  # raises ValueError for a port that is not a number or beyond 65535
    except ValueError:
        return None
    return url if port != 0 else None


def _is_s3(text: str) -> bool:
    url = _url(text)
    return url is not None and not url.fragment and _BUCKET.fullmatch(url.netloc) is not None


def _is_git(text: str) -> bool:
    remote, hash_sign, branch = text[len("git:"):].rpartition("#")
    return bool(hash_sign and remote and _BRANCH.fullmatch(branch))


def _is_sftp(text: str) -> bool:
    url = _url(text)
    return (url is not None and not url.fragment and bool(url.username) and bool(url.hostname)
            and len(url.path) > 1)


def _is_file(text: str) -> bool:
    url = _url(text)
    return url is not None and not url.netloc and not url.fragment and len(url.path) > 1


_CHECKS = {"s3": _is_s3, "git": _is_git, "sftp": _is_sftp, "file": _is_file}
