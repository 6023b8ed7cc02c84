"""``<id>/contact.vcf``: a site's numbers as vCard 3.0, so one tap saves them all (output.md).

One card for the office and one per contact. Phones import the file as-is, so it follows
RFC 2426 to the letter: CRLF line ends, UTF-8, TEXT values escaped (§5: backslash, comma,
semicolon, newline), an explicit TYPE on every TEL, ADR and EMAIL, and lines folded at 75
octets (RFC 2425 §5.8.1) without ever splitting a UTF-8 sequence.
"""

from __future__ import annotations

from qrdir.registry.model import Contact, Directory, Site

CRLF = "\r\n"
FOLD_OCTETS = 75  # RFC 2425 §5.8.1: lines SHOULD NOT be longer than 75 octets, excluding CRLF
COUNTRY = {"vi": "Việt Nam", "en": "Vietnam"}


def render_vcard(site: Site, directory: Directory) -> bytes:
    """The ``contact.vcf`` of ``site``: the office's card, then one card per contact."""
    cards = [_office_card(site, directory)]
    cards.extend(_contact_card(contact, site) for contact in site.contacts)
    return "".join(cards).encode("utf-8")


def escape_text(value: str) -> str:
    """A TEXT value escaped for vCard 3.0: ``\\`` ``,`` ``;`` and line breaks (RFC 2426 §5)."""
    escaped = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return escaped.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold_line(line: str) -> str:
    """``line`` folded into CRLF-ended physical lines of at most 75 octets each.

    A continuation line starts with one space, which counts toward its 75 octets. Breaks fall
    between characters, never inside a character's UTF-8 bytes.
    """
    if len(line.encode("utf-8")) <= FOLD_OCTETS:
        return line + CRLF  # most lines: nothing to fold
    physical: list[str] = []
    current, used = "", 0
    for char in line:
        size = len(char.encode("utf-8"))
        if used + size > FOLD_OCTETS:
            physical.append(current)
            current, used = " ", 1
        current += char
        used += size
    physical.append(current)
    return "".join(part + CRLF for part in physical)


def _card(properties: list[tuple[str, str]]) -> str:
    """A whole card from (name-with-parameters, already-escaped value) pairs."""
    lines = [("BEGIN", "VCARD"), ("VERSION", "3.0"), *properties, ("END", "VCARD")]
    return "".join(fold_line(f"{name}:{value}") for name, value in lines)


def _structured_name(display: str) -> str:
    # N is required in vCard 3.0. Splitting a Vietnamese name into family/given parts makes
    # phones that compose names given-first show "An Văn Nguyễn"; the whole name as the family
    # part shows it exactly as written everywhere.
    return escape_text(display) + ";;;;"


def _office_card(site: Site, directory: Directory) -> str:
    name = escape_text(site.name)
    properties = [
        ("FN", name),
        ("N", _structured_name(site.name)),
        ("ORG", name),
        ("X-ABSHOWAS", "COMPANY"),  # Apple Contacts files it as an organisation, not a person
        ("ADR;TYPE=WORK", _address(site, directory)),
    ]
    if site.phone is not None:
        properties.append(("TEL;TYPE=WORK,VOICE", site.phone.e164))
    if site.email:
        properties.append(("EMAIL;TYPE=INTERNET,WORK", escape_text(site.email)))
    properties.append(("URL", site.url))
    if site.location is not None:
        properties.append(("GEO", f"{site.location.lat!r};{site.location.lon!r}"))
    return _card(properties)


def _address(site: Site, directory: Directory) -> str:
    # ADR parts (RFC 2426 §3.2.1): PO box; extended; street; locality; region; postal code; country
    parts = ["", "", site.address, directory.name, directory.region or "", "",
             COUNTRY[directory.language]]
    return ";".join(escape_text(part) for part in parts)


def _contact_card(contact: Contact, site: Site) -> str:
    # The role goes into the shown name: months later "Nguyễn Văn An" alone in a phone book
    # says nothing, "Nguyễn Văn An (Trưởng khu phố Long Trung)" says who to call.
    display = f"{contact.name} ({contact.role})"
    return _card([
        ("FN", escape_text(display)),
        ("N", _structured_name(display)),
        ("ORG", escape_text(site.name)),
        ("TITLE", escape_text(contact.role)),
        ("TEL;TYPE=WORK,VOICE", contact.phone.e164),
    ])
