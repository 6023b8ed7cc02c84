"""Phone numbers against independent sources: the 2018 renumbering as the Ministry published it.

A clerk copying an old contact list types the 11-digit mobile the health station had before
2018; that number no longer rings. registry.md: it is an error that suggests the new number,
and the suggestion must be the number the operator really moved it to.
"""

from __future__ import annotations

import phonenumbers
import pytest

from qrdir.messages import format_problem
from qrdir.registry.model import Phone
from qrdir.registry.phones import OLD_AREA_CODES, OLD_MOBILE_PREFIXES, PhoneError, parse_phone
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


# The Ministry of Information and Communications, Decision 2036/QĐ-BTTTT of 2015 on converting
# landline area codes, carried out in three phases in 2017 (11 February, 15 April, 17 June):
# every province's code, old → new, typed here from the decision's table, not from qrdir or
# libphonenumber. Four provinces kept their codes (Phú Thọ, Vĩnh Phúc, Hoà Bình, Hà Giang).
AREA_CODES_2017 = {
    # Phase 1: 13 provinces
    "Sơn La": ("022", "0212"), "Lai Châu": ("0231", "0213"), "Lào Cai": ("020", "0214"),
    "Điện Biên": ("0230", "0215"), "Yên Bái": ("029", "0216"), "Quảng Bình": ("052", "0232"),
    "Quảng Trị": ("053", "0233"), "Thừa Thiên Huế": ("054", "0234"),
    "Quảng Nam": ("0510", "0235"), "Đà Nẵng": ("0511", "0236"), "Thanh Hoá": ("037", "0237"),
    "Nghệ An": ("038", "0238"), "Hà Tĩnh": ("039", "0239"),
    # Phase 2: 23 provinces
    "Quảng Ninh": ("033", "0203"), "Bắc Giang": ("0240", "0204"), "Lạng Sơn": ("025", "0205"),
    "Cao Bằng": ("026", "0206"), "Tuyên Quang": ("027", "0207"),
    "Thái Nguyên": ("0280", "0208"), "Bắc Kạn": ("0281", "0209"),
    "Hải Dương": ("0320", "0220"), "Hưng Yên": ("0321", "0221"), "Bắc Ninh": ("0241", "0222"),
    "Hải Phòng": ("031", "0225"), "Hà Nam": ("0351", "0226"), "Thái Bình": ("036", "0227"),
    "Nam Định": ("0350", "0228"), "Ninh Bình": ("030", "0229"), "Cà Mau": ("0780", "0290"),
    "Bạc Liêu": ("0781", "0291"), "Cần Thơ": ("0710", "0292"), "Hậu Giang": ("0711", "0293"),
    "Trà Vinh": ("074", "0294"), "An Giang": ("076", "0296"), "Kiên Giang": ("077", "0297"),
    "Sóc Trăng": ("079", "0299"),
    # Phase 3: 27 provinces (four unchanged)
    "Hà Nội": ("04", "024"), "Thành phố Hồ Chí Minh": ("08", "028"),
    "Đồng Nai": ("061", "0251"), "Bình Thuận": ("062", "0252"),
    "Bà Rịa – Vũng Tàu": ("064", "0254"), "Quảng Ngãi": ("055", "0255"),
    "Bình Định": ("056", "0256"), "Phú Yên": ("057", "0257"), "Khánh Hoà": ("058", "0258"),
    "Ninh Thuận": ("068", "0259"), "Kon Tum": ("060", "0260"), "Đắk Nông": ("0501", "0261"),
    "Đắk Lắk": ("0500", "0262"), "Lâm Đồng": ("063", "0263"), "Gia Lai": ("059", "0269"),
    "Vĩnh Long": ("070", "0270"), "Bình Phước": ("0651", "0271"), "Long An": ("072", "0272"),
    "Tiền Giang": ("073", "0273"), "Bình Dương": ("0650", "0274"), "Bến Tre": ("075", "0275"),
    "Tây Ninh": ("066", "0276"), "Đồng Tháp": ("067", "0277"),
    "Phú Thọ": ("0210", "0210"), "Vĩnh Phúc": ("0211", "0211"), "Hoà Bình": ("0218", "0218"),
    "Hà Giang": ("0219", "0219"),
}


def test_the_area_code_table_is_the_ministrys_table():
    assert len(AREA_CODES_2017) == 63  # every province of 2017
    new_codes = [new for _, new in AREA_CODES_2017.values()]
    assert len(set(new_codes)) == 63
    assert all(len(new) == 3 + (new not in ("024", "028")) for new in new_codes)


@pytest.mark.parametrize("province", sorted(AREA_CODES_2017))
def test_a_landline_on_every_area_code_of_2017_is_accepted_and_shown_as_dialled(province):
    """A ward office's landline in any province: qrdir (through libphonenumber's data) must
    accept it, dial it in E.164 and show it grouped as people read it (registry.md)."""
    new = AREA_CODES_2017[province][1]
    subscriber = "38251234" if len(new) == 3 else "3842115"  # Hà Nội, HCMC: 8 digits
    phone = parse_phone(f"({new}) {subscriber}")
    grouped = (f"{new} {subscriber[:4]} {subscriber[4:]}")
    assert (phone.national, phone.e164, phone.display, phone.domestic_only) == (
        new + subscriber, "+84" + new[1:] + subscriber, grouped, False)


def test_qrdirs_area_code_table_is_the_decisions_table():
    """qrdir's table (phones.py) against the one typed here: every changed code, and only those."""
    changed = {old: new for old, new in AREA_CODES_2017.values() if old != new}
    assert OLD_AREA_CODES == changed
    assert len(OLD_AREA_CODES) == 59


def old_landline(province: str) -> tuple[str, str]:
    """A landline of ``province`` written before 2017 with its old code, and its new number."""
    old, new = AREA_CODES_2017[province]
    subscriber = "38251234" if len(new) == 3 else "3842115"
    grouped = f"{subscriber[:4]} {subscriber[4:]}"
    return f"({old}) {grouped}", f"{new} {grouped}"


@pytest.mark.parametrize("province", sorted(p for p, (old, new) in AREA_CODES_2017.items()
                                            if old != new))
def test_a_landline_with_its_old_area_code_is_an_error_naming_the_new_number(province):
    written, new = old_landline(province)
    with pytest.raises(PhoneError) as raised:
        parse_phone(written)
    assert (raised.value.reason, raised.value.new_form) == ("old_area_code", new)
    # Written without parentheses, as old lists do, where the digits are no number today.
    digits = written.replace("(", "").replace(")", "").replace(" ", "")
    if not _dials(digits):
        with pytest.raises(PhoneError) as raised:
            parse_phone(digits)
        assert raised.value.new_form == new


def _dials(text: str) -> bool:
    try:
        parse_phone(text)
    except PhoneError:
        return False
    return True


@pytest.mark.parametrize("written", ["08 3825 1234", "(08) 3825 1234", "08.3825.1234",
                                     "08-3825-1234", "+84 8 3825 1234", "(08)38251234",
                                     "+84 (8) 3825 1234", "+84(8)38251234", "84 8 3825 1234",
                                     "84 (8) 3825 1234", "+848 3825 1234", "(8) 3825 1234"])
def test_an_old_ho_chi_minh_city_landline_is_not_read_as_a_mobile(written):
    # 08 3825 1234 is also the digits of the VinaPhone mobile 0838 251 234: written with the
    # two-digit area code as a group, it is the old landline, and the new one is 028 3825 1234.
    with pytest.raises(PhoneError) as raised:
        parse_phone(written)
    assert (raised.value.reason, raised.value.new_form) == ("old_area_code", "028 3825 1234")


@pytest.mark.parametrize("written", ["0838 251 234", "0838251234", "083 825 1234",
                                     "0838.251.234", "+84 838 251 234", "84838251234"])
def test_a_083_mobile_written_as_a_mobile_is_accepted(written):
    assert parse_phone(written).display == "0838 251 234"


@pytest.mark.parametrize("written", ["+84 (66) 3842 115", "+84(66)3842115", "84 66 3842 115",
                                     "84663842115", "+84663842115"])
def test_an_old_landline_written_with_the_country_code_names_the_new_number(written):
    # Tây Ninh's old 066 after +84 or 84, as on an old business card; "84663842115" is read with
    # its country code (11 digits), so its area code shows.
    with pytest.raises(PhoneError) as raised:
        parse_phone(written)
    assert (raised.value.reason, raised.value.new_form) == ("old_area_code", "0276 3842 115")


def test_a_short_number_libphonenumber_knows_in_vietnam_is_accepted_as_dialled(monkeypatch):
    # docs/decisions.md: short numbers beyond 111–115 are accepted when libphonenumber knows them
    # as valid in Vietnam. Its data knows none today (1022 is refused), so it is told of some.
    known = {"1022", "10220", "102200"}

    def is_valid_short_number_for_region(number, region):
        return region == "VN" and phonenumbers.national_significant_number(number) in known

    monkeypatch.setattr(phonenumbers, "is_valid_short_number_for_region",
                        is_valid_short_number_for_region)
    assert parse_phone("1022") == Phone(e164="1022", national="1022", display="1022",
                                        domestic_only=True)
    assert parse_phone("10220").domestic_only
    with pytest.raises(PhoneError):  # a short number has at most five digits
        parse_phone("102200")
    with pytest.raises(PhoneError):
        parse_phone("1023")


@pytest.mark.parametrize("written", ["037 385 2123", "0373 852 123", "0373852123"])
def test_a_mobile_on_a_prefix_that_was_an_area_code_is_accepted(written):
    # 037 was Thanh Hoá's code; today it is Viettel's. Only "(037) …" marks the old landline.
    assert parse_phone(written).display == "0373 852 123"


@pytest.mark.parametrize("written", ["(037) 385 2123", "+84 (37) 385 2123", "+84(37)3852123"])
def test_a_mobile_prefix_in_parentheses_is_the_old_area_code(written):
    # The same digits with 037 in parentheses, with or without +84: Thanh Hoá's old landline.
    with pytest.raises(PhoneError) as raised:
        parse_phone(written)
    assert (raised.value.reason, raised.value.new_form) == ("old_area_code", "0237 3852 123")


@pytest.mark.parametrize(("written", "reason", "args"), [
    ("0913 45", "phone_too_short", {"count": 6, "needed": 10}),
    ("0913 456 7890", "phone_too_long", {"count": 11, "needed": 10}),
    ("0276 384 123", "phone_too_short", {"count": 10, "needed": 11}),
    ("0276 3841 2345", "phone_too_long", {"count": 12, "needed": 11}),
    ("+84 913 456 78", "phone_too_short", {"count": 9, "needed": 10}),
    ("0500 000 000", "bad_phone", {}),  # as many digits as a mobile: no count to blame
    ("0200 000 0000", "bad_phone", {}),
    ("0276 3841 234 - 0913 456 789", "phone_two_numbers",
     {"first": "0276 3841 234", "second": "0913 456 789"}),
    ("0913 456 789 / 0988 123 456", "phone_two_numbers",
     {"first": "0913 456 789", "second": "0988 123 456"}),
    ("0913 456 789 hoặc 0988 123 456", "phone_two_numbers",
     {"first": "0913 456 789", "second": "0988 123 456"}),
    ("113 / 0913 456 789", "phone_two_numbers", {"first": "113", "second": "0913 456 789"}),
    ("0276 3841 234 máy lẻ 12", "phone_extension", {"number": "0276 3841 234", "extension": "12"}),
    ("0276 3841 234 (ML 12)", "phone_extension", {"number": "0276 3841 234", "extension": "12"}),
    ("0276 3841 234 ext. 12", "phone_extension", {"number": "0276 3841 234", "extension": "12"}),
    ("0276 3841 234 - 12", "phone_extension", {"number": "0276 3841 234", "extension": "12"}),
    ("0276 3841 234 nhánh 102", "phone_extension",
     {"number": "0276 3841 234", "extension": "102"}),
    ("gọi 0913456789", "phone_with_words", {"number": "0913 456 789"}),
    ("+1 202 555 0100", "bad_phone", {}),
    ("0123 456 789", "bad_phone", {}),
])
def test_a_refused_phone_says_what_is_wrong(written, reason, args):
    with pytest.raises(PhoneError) as raised:
        parse_phone(written)
    assert raised.value.reason == reason
    assert args.items() <= raised.value.args_for_message.items()
    assert raised.value.new_form is None


def test_each_reason_reads_in_both_languages():
    registry = HEAD + site_yaml(phone="0913 456 789 / 0988 123 456")
    _, problems = parse_registry(registry.encode())
    assert [format_problem(p, "en").split(": error: ")[1] for p in problems] == [
        'phone "0913 456 789 / 0988 123 456" holds two numbers; each phone takes one: keep '
        '"0913 456 789" here and put "0988 123 456" in contacts as one more contact (or a second '
        "entry)"]
