"""nginx, Apache and Caddy configurations: publish.md's table in each server's own language.

Each function turns a :class:`~qrdir.web.hosting.HostPlan` into the text ``qrdir host-config``
prints, applied where publish.md says: nginx, lines to ``include`` in the ``server`` block whose
``root`` is the output folder; Apache 2.4, the ``.htaccess`` of the output folder; Caddy 2,
directives to ``import`` in the site block whose ``root`` is the output folder. Every one
serves a ward whose ``base_url`` has a path (``https://host/tinh/phuong/``) as well as one at
the root, answers redirects with a path or a ``base_url`` address (never the server's own
scheme or port) and is tested against the real Debian servers (tests/web/test_servers.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qrdir.web.hosting import HostPlan

# (extension, type, with "; charset=utf-8"): publish.md's types, plus PNG, XML and text.
TYPES = (
    ("html", "text/html", True),
    ("vcf", "text/vcard", True),  # so Android offers to save the contact
    ("svg", "image/svg+xml", False),
    ("json", "application/json", False),  # JSON is UTF-8 by definition (RFC 8259)
    ("pdf", "application/pdf", False),
    ("png", "image/png", False),
    ("xml", "application/xml", False),  # sitemap.xml declares its encoding itself
    ("txt", "text/plain", True),
)
# Compressed: every text type (PDF and PNG are compressed already).
COMPRESSED = tuple(mime for _, mime, _ in TYPES if mime not in ("application/pdf", "image/png"))
HSTS = "max-age=31536000"
ASSET_CACHE = "max-age=86400"  # a day (publish.md)
ASSET_FOLDERS = ("qr", "posters")
# Files for hosts, not for residents: answered 404, as Netlify and Cloudflare do.
HOST_ONLY_FILES = ("_headers", "_redirects", ".htaccess")
_REGEX_SPECIAL = re.compile(r"([.^$*+?()\[\]{}|\\])")


def _regex(text: str) -> str:
    """``text`` matched literally by PCRE (nginx, Apache) and RE2 (Caddy)."""
    return _REGEX_SPECIAL.sub(r"\\\1", text)


def _heading(plan: HostPlan, server: str, how: list[str]) -> list[str]:
    return [
        f"# qrdir: {server} configuration for {plan.name}, served at {plan.base_url}",
        "# (publish.md \"What a well-configured host sends\"). Derived from the registry and",
        "# its ledger: retired ids and earlier base URLs. Apply it as printed, unedited:",
        "#",
        *("#" + (" " + line if line else "") for line in how),
        "#",
    ]


# --- nginx -----------------------------------------------------------------------------------


def nginx(plan: HostPlan) -> str:
    """Lines to ``include`` in the nginx ``server`` block whose ``root`` is the output."""
    how = [
        "server {",
        "    listen 443 ssl;",
        f"    server_name {_host(plan.base_url)};",
        "    root /srv/qrdir/output;           # the output folder",
        "    include /etc/nginx/snippets/qrdir.conf;",
        "}",
        "",
        "Nothing else goes in that server block. After every build that retires an id or",
        "changes base_url (and after upgrading qrdir), print it again and reload:",
        "    qrdir host-config nginx sites.yaml > /etc/nginx/snippets/qrdir.conf",
        "    nginx -t && nginx -s reload",
    ]
    lines = _heading(plan, "nginx", how) + [
        "",
        "# Redirects carry a path, never this server's own scheme or port.",
        "absolute_redirect off;",
        "",
        "# The right type for every file: a .vcf as a contact Android offers to save.",
        "types {",
        *(f"    {mime} {ext};" for ext, mime, _ in TYPES),
        "}",
        "default_type application/octet-stream;",
        "charset utf-8;",
        # text/html carries the charset already: listing it again is an nginx warning.
        "charset_types " + " ".join(m for _, m, cs in TYPES if cs and m != "text/html") + ";",
        "",
        "# Text goes compressed (text/html always is).",
        "gzip on;",
        "gzip_vary on;",
        "gzip_types " + " ".join(m for m in COMPRESSED if m != "text/html") + ";",
        "",
        "# HSTS only where this server itself speaks https.",
        'set $qrdir_hsts "";',
        'if ($https = "on") {',
        f'    set $qrdir_hsts "{HSTS}";',
        "}",
        f"error_page 404 {plan.path('404.html')};",
        "",
        "# Answers made before any location (the earlier base URLs below) carry these too.",
        *_nginx_headers(plan, None),
        *_nginx_old_bases(plan),
        *_nginx_locations(plan),
    ]
    return "\n".join(lines) + "\n"


def _nginx_headers(plan: HostPlan, cache: str | None, indent: str = "") -> list[str]:
    """Every location sets all its headers itself: nginx drops the inherited add_header
    lines of a block that has any of its own. ``always``: on 404 and 410 too."""
    headers = [("X-Content-Type-Options", '"nosniff"'),
               ("Content-Security-Policy", f'"{plan.csp}"'),
               ("Strict-Transport-Security", "$qrdir_hsts")]  # empty: not sent
    if cache is not None:
        headers.append(("Cache-Control", f'"{cache}"'))
    return [f"{indent}add_header {name} {value} always;" for name, value in headers]


def _nginx_old_bases(plan: HostPlan) -> list[str]:
    lines = []
    for old in plan.old_bases:
        lines += [
            "",
            f"# Printed under {old.base_url}: add {old.host} to this server's server_name.",
            f'if ($host = "{old.host}") {{',
            *(f'    rewrite "^{_regex(old.prefix + rel)}$" "{new}" permanent;'
              for rel, new in old.pairs),
        ]
        if old.catch_all:
            lines.append(f'    rewrite "^{_regex(old.prefix)}(.*)$" "{plan.base_url}$1" permanent;')
        lines.append("}")
    return lines


def _nginx_locations(plan: HostPlan) -> list[str]:
    # With a base_url path the files are found by the path without it (root is the output).
    strip = ([f'    rewrite "^{_regex(plan.prefix)}(.*)$" /$1 break;']
             if plan.prefix != "/" else [])
    prefix_location = "location /" if plan.prefix == "/" else f"location ^~ {plan.prefix}"
    lines = [
        "",
        "# Pages, contacts, sites.json, sitemap.xml: a phone asks again every time, and nginx",
        "# answers 304 Not Modified from the ETag and Last-Modified it sends.",
        prefix_location + " {",
        *_nginx_headers(plan, "no-cache", "    "),
        *strip,
        "    try_files ${uri}index.html $uri =404;",
        "}",
    ]
    for folder in ASSET_FOLDERS:
        lines += [
            f"location ^~ {plan.path(folder + '/')} {{",
            *_nginx_headers(plan, ASSET_CACHE, "    "),
            *strip,
            "    try_files $uri =404;",
            "}",
        ]
    if plan.prefix != "/":
        lines.append(f"location = {plan.prefix.rstrip('/')} {{ return 301 {plan.prefix}; }}")
    lines.append("# Every id without its slash; retired ids that moved.")
    moved = dict(plan.moved)
    for site_id in plan.ids:
        target = plan.path((moved.get(site_id) or site_id) + "/")
        lines.append(f"location = {plan.path(site_id)} {{ return 301 {target}; }}")
        if site_id in moved:
            lines.append(f"location ^~ {plan.path(site_id + '/')} {{ return 301 {target}; }}")
    for closed in plan.closed:
        lines += [
            f"# {closed}: closed; its page says so, with 410 Gone.",
            f"location = {plan.path(closed + '/')} {{",
            f"    error_page 410 {plan.path(closed + '/index.html')};",
            "    return 410;",
            "}",
        ]
    lines.append("# Files for other hosts.")
    lines += [f"location = {plan.path(name)} {{ return 404; }}" for name in HOST_ONLY_FILES]
    return lines


# --- Apache ----------------------------------------------------------------------------------


def apache(plan: HostPlan) -> str:
    """The ``.htaccess`` of the output folder, for Apache 2.4 (every build writes it there)."""
    how = [
        "Every build writes this file into the output folder as .htaccess (and",
        "`qrdir host-config apache` prints the same text). Apache reads it at every request",
        "when the folder allows it and the modules are on:",
        "",
        "    a2enmod rewrite headers      # mime, deflate and dir are on in Debian already",
        "    <Directory /srv/qrdir/output>",
        "        AllowOverride All",
        "        Require all granted",
        "    </Directory>",
        "",
        f"with the folder served at {plan.prefix} (DocumentRoot /srv/qrdir/output"
        + (")." if plan.prefix == "/" else f", or Alias {plan.prefix} /srv/qrdir/output/)."),
    ]
    assets = f"^{_regex(plan.prefix)}({'|'.join(ASSET_FOLDERS)})/"
    lines = _heading(plan, "Apache 2.4", how) + [
        "",
        "Options -Indexes -MultiViews",
        "DirectoryIndex index.html",
        "# The rules below add the slash to /<id>, with base_url's address: Apache's own",
        "# would use this server's scheme and port.",
        "DirectorySlash Off",
        f"ErrorDocument 404 {plan.path('404.html')}",
        "",
        "# The right type for every file: a .vcf as a contact Android offers to save.",
        *(f"AddType {mime} .{ext}" for ext, mime, _ in TYPES),
        "AddCharset utf-8 " + " ".join(f".{ext}" for ext, _, charset in TYPES if charset),
        "",
        "<IfModule mod_deflate.c>",
        "AddOutputFilterByType DEFLATE " + " ".join(COMPRESSED),
        "</IfModule>",
        "",
        "<IfModule mod_headers.c>",
        'Header always set X-Content-Type-Options "nosniff"',
        f'Header always set Content-Security-Policy "{plan.csp}"',
        f"Header always set Strict-Transport-Security \"{HSTS}\" \"expr=%{{HTTPS}} == 'on'\"",
        "# Pages, contacts, sites.json, sitemap.xml: a phone asks again every time (ETag).",
        f'Header always set Cache-Control "no-cache" "expr=%{{REQUEST_URI}} !~ m#{assets}#"',
        f'Header always set Cache-Control "{ASSET_CACHE}" "expr=%{{REQUEST_URI}} =~ m#{assets}#"',
        "</IfModule>",
        "",
        "<IfModule mod_rewrite.c>",
        "RewriteEngine On",
        *_apache_old_bases(plan),
        *_apache_ids(plan),
        "</IfModule>",
        *_apache_closed_pages(plan),
    ]
    return "\n".join(lines) + "\n"


def _apache_old_bases(plan: HostPlan) -> list[str]:
    lines = []
    for old in plan.old_bases:
        host = f"RewriteCond %{{HTTP_HOST}} ^{_regex(old.host)}(:[0-9]+)?$ [NC]"
        lines += [f"# Printed under {old.base_url}: when {old.host} serves this folder."]
        for rel, new in old.pairs:
            lines += [host, f"RewriteRule ^{_regex(rel)}$ {new} [R=301,L]"]
        if old.catch_all:
            lines += [host, f"RewriteRule ^(.*)$ {plan.base_url}$1 [R=301,L]"]
    return lines


def _apache_ids(plan: HostPlan) -> list[str]:
    lines = []
    if plan.moved:
        lines.append("# Retired ids that moved.")
    for old, new in plan.moved:
        lines.append(f"RewriteRule ^{_regex(old)}(/.*)?$ {plan.base_url}{new}/ [R=301,L]")
    if plan.closed:
        lines.append("# Closed ids: 410 Gone, with their page (below).")
    for closed in plan.closed:
        lines.append(f"RewriteRule ^{_regex(closed)}/$ - [G]")
    still = [site_id for site_id in plan.ids if site_id not in dict(plan.moved)]
    alternatives = "|".join(_regex(site_id) for site_id in still)
    names = "|".join(_regex(name) for name in HOST_ONLY_FILES)
    return lines + [
        "# Every id without its slash.",
        f"RewriteRule ^({alternatives})$ {plan.base_url}$1/ [R=301,L]",
        "# Files for other hosts.",
        f"RewriteRule ^({names})$ - [R=404,L]",
    ]


def _apache_closed_pages(plan: HostPlan) -> list[str]:
    lines = []
    for closed in plan.closed:
        lines += [
            f"<If \"%{{REQUEST_URI}} == '{plan.path(closed + '/')}'\">",
            f"ErrorDocument 410 {plan.path(closed + '/index.html')}",
            "</If>",
        ]
    return lines


# --- Caddy -----------------------------------------------------------------------------------


def caddy(plan: HostPlan) -> str:
    """Directives to ``import`` in the Caddy 2 site block whose ``root`` is the output."""
    how = [
        f"{_host(plan.base_url)} {{",
        "    root * /srv/qrdir/output          # the output folder",
        "    import /etc/caddy/qrdir.caddy",
        "}",
        "",
        "It serves the files itself (file_server); nothing else goes in that site block.",
        "After every build that retires an id or changes base_url (and after upgrading",
        "qrdir), print it again and reload:",
        "    qrdir host-config caddy sites.yaml > /etc/caddy/qrdir.caddy",
        "    caddy reload --config /etc/caddy/Caddyfile",
    ]
    handle = "handle" if plan.prefix == "/" else f"handle_path {plan.prefix}*"
    lines = _heading(plan, "Caddy 2", how) + [
        "",
        "# Text goes compressed. Types come from /etc/mime.types (Debian's media-types,",
        "# which Caddy's package depends on): .vcf is text/vcard; charset=utf-8.",
        "encode zstd gzip",
        "header {",
        "    X-Content-Type-Options nosniff",
        f'    Content-Security-Policy "{plan.csp}"',
        "}",
        "@qrdir_https protocol https",
        f'header @qrdir_https Strict-Transport-Security "{HSTS}"',
        *_caddy_old_bases(plan),
        *([f"redir {plan.prefix.rstrip('/')} {plan.prefix} 301"] if plan.prefix != "/" else []),
        "",
        f"{handle} {{",
        *("    " + line if line else "" for line in _caddy_inside(plan)),
        "}",
        "",
        "# 404 with the site's own page; 410 with the closed id's page.",
        "handle_errors {",
        *("    " + line if line else "" for line in _caddy_errors(plan)),
        "}",
    ]
    return "\n".join(lines) + "\n"


def _caddy_old_bases(plan: HostPlan) -> list[str]:
    lines = []
    for number, old in enumerate(plan.old_bases, start=1):
        lines += ["", f"# Printed under {old.base_url}: add {old.host} to this site's addresses."]
        for index, (rel, new) in enumerate(old.pairs, start=1):
            name = f"@qrdir_old{number}_{index}"
            lines += [f"{name} {{", f"    host {old.host}", f"    path {old.prefix}{rel}", "}",
                      f"redir {name} {new} 301"]
        if old.catch_all:
            name = f"@qrdir_old{number}"
            lines += [f"{name} {{", f"    host {old.host}",
                      f"    path_regexp qrdir_old{number} ^{_regex(old.prefix)}(.*)$", "}",
                      f"redir {name} {plan.base_url}{{re.qrdir_old{number}.1}} 301"]
    return lines


def _caddy_inside(plan: HostPlan) -> list[str]:
    """What the handler of the base_url path does; paths here are without that path."""
    still = [site_id for site_id in plan.ids if site_id not in dict(plan.moved)]
    lines = []
    for number, (old, new) in enumerate(plan.moved, start=1):
        lines += [f"@qrdir_moved{number} path /{old} /{old}/*",
                  f"redir @qrdir_moved{number} {plan.path(new + '/')} 301"]
    lines += [
        "# Every id without its slash.",
        "@qrdir_bare path " + " ".join(f"/{site_id}" for site_id in still),
        f"redir @qrdir_bare {plan.prefix.rstrip('/')}{{path}}/ 301",
        "@qrdir_host_files path " + " ".join(f"/{name}" for name in HOST_ONLY_FILES),
        "error @qrdir_host_files 404",
    ]
    if plan.closed:
        lines.append("@qrdir_closed path " + " ".join(f"/{c}/" for c in plan.closed))
        lines.append("error @qrdir_closed 410")
    assets = " ".join(f"/{folder}/*" for folder in ASSET_FOLDERS)
    return lines + [
        "# Pages, contacts, sites.json, sitemap.xml: a phone asks again every time (ETag).",
        f"@qrdir_assets path {assets}",
        f'header @qrdir_assets Cache-Control "{ASSET_CACHE}"',
        f"@qrdir_pages not path {assets}",
        "header @qrdir_pages Cache-Control no-cache",
        "file_server",
    ]


def _caddy_errors(plan: HostPlan) -> list[str]:
    lines = []
    for number, closed in enumerate(plan.closed, start=1):
        name = f"@qrdir_gone{number}"
        lines += [
            f"{name} expression `{{err.status_code}} == 410 && "
            f"{{http.request.orig_uri.path}} == \"{plan.path(closed + '/')}\"`",
            f"handle {name} {{",
            f"    rewrite * /{closed}/index.html",
            "    file_server",
            "}",
        ]
    return lines + [
        "@qrdir_missing expression `{err.status_code} == 404`",
        "handle @qrdir_missing {",
        "    rewrite * /404.html",
        "    file_server",
        "}",
    ]


def _host(url: str) -> str:
    return url.split("//", 1)[1].split("/", 1)[0]
