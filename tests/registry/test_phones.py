"""Phone numbers against independent sources: the 2018 renumbering as the Ministry published it.

A clerk copying an old contact list types the 11-digit mobile the health station had before
2018; that number no longer rings. registry.md: it is an error that suggests the new number,
and the suggestion must be the number the operator really moved it to.
"""

from __future__ import annotations

import pytest

from qrdir.messages import format_problem
from qrdir.registry.phones import OLD_MOBILE_PREFIXES, PhoneError, parse_phone
from qrdir.registry.validate import parse_registry
from tests.registry.test_reader import HEAD, site_yaml

# The Ministry of Information and Communications (Bộ Thông tin và Truyền thông), Decision
# 798/QĐ-BTTTT of 25 May 2018, "Kế hoạch chuyển đổi mã mạng": the 21 network codes of 11-digit
# mobiles (0 + 1xx + 7 digits) move to 10-digit codes from 15 September 2018; the last seven
# digits stay. Typed here from the decision's table, operator by operator, not from qrdir.
RENUMBERING_2018 = {
    # MobiFone: 120, 121, 122, 126, 128 → 70, 79, 77, 76, 78
    "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078",
    # VinaPhone: 123, 124, 125, 127, 129 → 83, 84, 85, 81, 82
    "0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
    # Viettel: 162 … 169 → 32 … 39
    "0162": "032", "0163": "033", "0164": "034", "0165": "035",
    "0166": "036", "0167": "037", "0168": "038", "0169": "039",
    # Vietnamobile: 186, 188 → 56, 58
    "0186": "056", "0188": "058",
    # Gmobile (Gtel): 199 → 59
    "0199": "059",
}

# How the old number may be written: every style registry.md accepts.
STYLES = [
    lambda old: f"{old[:4]} {old[4:7]} {old[7:]}",  # 0168 123 4567
    lambda old: f"{old[:4]}.{old[4:7]}.{old[7:]}",  # 0168.123.4567
    lambda old: f"{old[:4]}-{old[4:7]}-{old[7:]}",  # 0168-123-4567
    lambda old: f"+84 {old[1:4]} {old[4:7]} {old[7:]}",  # +84 168 123 4567
    lambda old: "84" + old[1:],  # 841681234567
    lambda old: old,  # 01681234567
]


def old_and_new(prefix: str) -> tuple[str, str]:
    """An old 11-digit number on ``prefix`` and its new number as registry.md displays it.

    Each prefix gets its own subscriber digits, so a rule that drops or repeats a digit shows.
    """
    index = sorted(RENUMBERING_2018).index(prefix)
    subscriber = f"{(1234567 + 1111111 * index) % 10_000_000:07d}"
    new = RENUMBERING_2018[prefix] + subscriber
    return prefix + subscriber, f"{new[:4]} {new[4:7]} {new[7:]}"


def test_the_table_is_the_ministrys_table():
    # 21 codes in the decision; a code missing from qrdir would be published as if dialable,
    # or refused without the suggestion.
    assert len(RENUMBERING_2018) == 21
    assert OLD_MOBILE_PREFIXES == RENUMBERING_2018


@pytest.mark.parametrize("prefix", sorted(RENUMBERING_2018))
def test_an_old_mobile_in_a_registry_is_an_error_suggesting_exactly_the_new_number(prefix):
    old, new = old_and_new(prefix)
    written = STYLES[sorted(RENUMBERING_2018).index(prefix) % len(STYLES)](old)
    registry, problems = parse_registry((HEAD + site_yaml(phone=written)).encode("utf-8"))
    assert registry is None
    assert [(p.line, p.col, p.severity, p.code) for p in problems] == [
        (11, 12, "error", "old_mobile")]
    assert format_problem(problems[0], "en") == (
        f'sites.yaml:11:12: error: phone "{written}" is an old 11-digit mobile number '
        f'(renumbered in 2018); its new number is "{new}"')
    # The suggestion is a number qrdir accepts, shown on the page exactly as suggested.
    assert parse_phone(new).display == new


@pytest.mark.parametrize("prefix", sorted(RENUMBERING_2018))
def test_every_style_of_an_old_mobile_gets_the_same_suggestion(prefix):
    old, new = old_and_new(prefix)
    for style in STYLES:
        with pytest.raises(PhoneError) as raised:
            parse_phone(style(old))
        assert raised.value.new_form == new, style(old)


@pytest.mark.parametrize("written", [
    "0130 123 4567",  # 013x was never a mobile code
    "0161 123 4567",  # just below Viettel's 0162
    "0187 123 4567",  # between Vietnamobile's 0186 and 0188
    "0168 123 456",  # an old code with a digit missing
    "0168 123 45678",  # … or one too many
])
def test_an_eleven_digit_number_outside_the_table_is_refused_without_a_suggestion(written):
    with pytest.raises(PhoneError) as raised:
        parse_phone(written)
    assert raised.value.new_form is None


def test_a_new_number_is_not_mistaken_for_an_old_one():
    # 038 is Viettel's new code: "0381 234 567" is the current number, not an old one.
    assert parse_phone("0381 234 567").e164 == "+84381234567"
