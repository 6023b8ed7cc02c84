"""The web half of the output: everything a phone or a crawler reads, and what hosts need.

Owns the landing pages and the directory (``pages``, from the Jinja2 templates), the structured
data inside them (``jsonld``), the open data (``opendata``: ``sites.json``, ``sitemap.xml``), the
contact cards (``vcard``) and the host files (``hosting``: ``robots.txt``, ``_headers``,
``_redirects``, ``.htaccess`` and ``qrdir host-config``, one table entry per server in
``servers``).

Renderers return ``{relative path: bytes}``; they never write to the output folder (that is
:mod:`qrdir.build.publish`) and never decide what is cached (:mod:`qrdir.build.incremental`).
"""
