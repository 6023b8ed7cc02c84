"""contact.vcf read back by vobject, an independent vCard parser, and checked octet by octet."""

from __future__ import annotations

import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from qrdir.registry.model import Contact
from qrdir.registry.phones import parse_phone
from qrdir.registry.text import nfc
from qrdir.web.pages import render_pages
from qrdir.web.vcard import escape_text, fold_line, render_vcard
from tests.conftest import make_registry, make_site
from tests.pages_data import large_site, registry_of


def cards_of(data: bytes) -> list:
    return list(vobject.readComponents(data.decode("utf-8")))


def vcf_for(site) -> bytes:
    return render_vcard(site, registry_of(site).directory)


def test_one_card_for_the_office_and_one_per_contact():
    site = large_site()
    cards = cards_of(vcf_for(site))
    assert len(cards) == 1 + len(site.contacts) == 9
    office, *people = cards
    assert office.version.value == "3.0"
    assert office.fn.value == site.name
    assert office.org.value == [site.name]
    assert office.tel.value == "+842763841234"
    assert office.email.value == "vanhoa.longhoa@example.vn"
    assert office.url.value == site.url
    for card, contact in zip(people, site.contacts, strict=True):
        assert card.fn.value == f"{contact.name} ({contact.role})"
        assert card.n.value.family == card.fn.value
        assert card.title.value == contact.role
        assert card.org.value == [site.name]
        assert card.tel.value == contact.phone.e164


def test_tel_adr_and_email_have_an_explicit_type():
    cards = cards_of(vcf_for(large_site()))
    for card in cards:
        for tel in card.contents["tel"]:
            assert tel.params["TYPE"] == ["WORK", "VOICE"]
    assert cards[0].adr.params["TYPE"] == ["WORK"]
    assert cards[0].email.params["TYPE"] == ["INTERNET", "WORK"]


def test_office_address_parts():
    registry = make_registry()
    office = cards_of(render_vcard(registry.sites[0], registry.directory))[0]
    address = office.adr.value
    assert address.street == registry.sites[0].address
    assert address.city == "Phường Long Thành Bắc"
    assert address.region == "Thị xã Hoà Thành, tỉnh Tây Ninh"
    assert address.country == "Việt Nam"


def test_short_numbers_are_saved_as_dialled():
    site = make_site(phone=parse_phone("1900 545481"), contacts=())
    assert cards_of(vcf_for(site))[0].tel.value == "1900545481"


def test_vietnamese_round_trips_exactly_in_utf8():
    site = make_site(
        name="Trạm Y tế phường Long Hoa",
        contacts=(Contact("Trạm trưởng", "Lâm Thị Kim Loan", parse_phone("0915 208 364")),),
    )
    data = vcf_for(site)
    assert "Trạm Y tế phường Long Hoa".encode() in data
    cards = cards_of(data)
    assert cards[0].fn.value == "Trạm Y tế phường Long Hoa"
    assert cards[1].fn.value == "Lâm Thị Kim Loan (Trạm trưởng)"


def test_lines_end_in_crlf_and_fold_within_75_octets_on_character_boundaries():
    site = large_site()
    data = vcf_for(site)
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) == 75  # the long name did need folding
    for line in lines:
        assert len(line) <= 75
        line.decode("utf-8")  # a fold never cuts a multi-byte character in two


def test_fold_line_keeps_multibyte_characters_whole():
    line = "FN:a" + "ệ" * 40  # 3 octets each: 4 + 23 × 3 = 73, a 24th would make 76
    physical = fold_line(line).split("\r\n")[:-1]
    assert [len(p.encode()) for p in physical] == [73, 1 + 17 * 3]
    assert "".join(p.removeprefix(" ") for p in physical) == line


def test_escaping_of_comma_semicolon_backslash_and_newline():
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"
    site = make_site(name="Khu phố 1; khu phố 2, ấp \\3\nmới", contacts=())
    office = cards_of(vcf_for(site))[0]
    assert office.fn.value == site.name
    assert office.org.value == [site.name]


def test_hostile_text_cannot_start_a_card():
    payload = "x\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:giả mạo\r\nTEL:0999"
    site = make_site(name=payload, contacts=(Contact(payload, payload, parse_phone("113")),))
    cards = cards_of(vcf_for(site))
    assert len(cards) == 2
    assert cards[0].fn.value == payload.replace("\r\n", "\n")


def test_contact_vcf_is_part_of_the_pages():
    registry = make_registry()
    files = render_pages(registry)
    assert files["ubnd/contact.vcf"] == render_vcard(registry.sites[0], registry.directory)


text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"), whitelist_characters="\n\t"),
    min_size=1,
).map(nfc).filter(lambda s: s.strip() == s)


@settings(max_examples=150, deadline=None)
@given(name=text, role=text)
def test_any_text_survives_vcard_escaping_and_folding(name, role):
    site = make_site(name=name, contacts=(Contact(role, name, parse_phone("0913 456 789")),))
    office, person = cards_of(vcf_for(site))
    assert office.fn.value == name
    assert office.org.value == [name]
    assert person.title.value == role
    assert person.fn.value == f"{name} ({role})"
