"""Vietnamese phone numbers as people write them → a :class:`~qrdir.registry.model.Phone`
(registry.md).

Parsing and validation are Google's libphonenumber (the ``phonenumbers`` package); this module
only adds what is particular to a ward's registry: the short public numbers, the 2018
renumbering of 11-digit mobiles, the 2017 change of every province's landline area code, the
refusal of anything that is not plainly a number, and saying why a number is refused (registry.md
"Nothing wrong is published silently": how many digits, two numbers, an extension).
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumberFormat

from qrdir.registry.model import Phone
from qrdir.registry.text import fold

# Characters people put between digits: 0913 456 789, 0913.456.789, (0276) 3841 234, +84 …
_WRITTEN_NUMBER = re.compile(r"\+?[0-9(][0-9 .\-()]*")
_SEPARATORS = re.compile(r"[ .\-()]")

# The 2018 renumbering of 11-digit mobile numbers (Ministry of Information and Communications):
# the first four digits of the old number → the first three of the new one.
OLD_MOBILE_PREFIXES: dict[str, str] = {
    "0162": "032", "0163": "033", "0164": "034", "0165": "035",
    "0166": "036", "0167": "037", "0168": "038", "0169": "039",
    "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078",
    "0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
    "0186": "056", "0188": "058", "0199": "059",
}


# Child protection, rescue, police, fire, ambulance: valid everywhere in Vietnam.
EMERGENCY_NUMBERS = frozenset({"111", "112", "113", "114", "115"})


# The Ministry of Information and Communications, Decision 2036/QĐ-BTTTT (2015), carried out in
# three phases in 2017 (11 February, 15 April, 17 June): each province's landline area code, old
# → new; the subscriber digits stay. Phú Thọ (0210), Vĩnh Phúc (0211), Hoà Bình (0218) and Hà
# Giang (0219) kept theirs and are not listed. tests/registry/test_phones.py types the same
# table independently and compares.
OLD_AREA_CODES: dict[str, str] = {
    # Phase 1
    "022": "0212", "0231": "0213", "020": "0214", "0230": "0215", "029": "0216",
    "052": "0232", "053": "0233", "054": "0234", "0510": "0235", "0511": "0236",
    "037": "0237", "038": "0238", "039": "0239",
    # Phase 2
    "033": "0203", "0240": "0204", "025": "0205", "026": "0206", "027": "0207",
    "0280": "0208", "0281": "0209", "0320": "0220", "0321": "0221", "0241": "0222",
    "031": "0225", "0351": "0226", "036": "0227", "0350": "0228", "030": "0229",
    "0780": "0290", "0781": "0291", "0710": "0292", "0711": "0293", "074": "0294",
    "076": "0296", "077": "0297", "079": "0299",
    # Phase 3
    "04": "024", "08": "028", "061": "0251", "062": "0252", "064": "0254", "055": "0255",
    "056": "0256", "057": "0257", "058": "0258", "068": "0259", "060": "0260",
    "0501": "0261", "0500": "0262", "063": "0263", "059": "0269", "070": "0270",
    "0651": "0271", "072": "0272", "073": "0273", "0650": "0274", "075": "0275",
    "066": "0276", "067": "0277",
}
# Hà Nội and Hồ Chí Minh City had 8-digit subscriber numbers, every other province 7.
_EIGHT_DIGIT_SUBSCRIBERS = ("04", "08")

# An extension written after the number: "máy lẻ 12", "ML 12", "ext. 12", "nhánh 12" (matched
# on folded text), or a short group after a dash or in parentheses: "- 12", "(12)".
_EXTENSION_WORDS = re.compile(
    r"(?P<number>.*?[0-9)])[\s,;/(-]*(?:may le|so le|ml|nhanh|ext|extension|x)\s*[.:]?\s*"
    r"(?P<extension>[0-9]{1,5})\)?"
)
_EXTENSION_GROUP = re.compile(r"(?P<number>.*?[0-9])\s*(?:[-/]|\()\s*(?P<extension>[0-9]{1,4})\)?")
# What separates two numbers in one field: "0276 3841 234 - 0913 456 789", "… / …", "… hoặc …".
_TWO_NUMBERS = re.compile(r"\s*(?:[/;,\n]|\s[-–]\s|\shoac\s|\sor\s|\sva\s|\sand\s)\s*")
_NUMBER_INSIDE = re.compile(r"\+?[0-9(][0-9 .\-()]*[0-9]")
_MOBILE_START = re.compile(r"0[35789]")
# Vietnam's country code before a number's first group: "+84 8 …", "+848 …", "84 (8) …".
_COUNTRY_CODE = re.compile(r"^(?:\+84[ .\-(]*|84[ .\-(]+)")
# Examples shown in the digit-count messages, one per kind of number.
_MOBILE_EXAMPLE, _LANDLINE_EXAMPLE = "0913 456 789", "0276 3841 234"


class PhoneError(ValueError):
    """A value that cannot be dialled in Vietnam, with why: ``reason`` is a message code and
    ``args_for_message`` its arguments beyond the value, which the caller holds and quotes
    itself. ``new`` among them, also :attr:`new_form`, is set when the number moved (an old
    11-digit mobile, an old area code) and is the number to write instead."""

    def __init__(self, reason: str = "bad_phone", **args: object):
        # No super().__init__: the exception's args are set from the reason all the same.
        self.reason = reason
        self.args_for_message = args

    @property
    def new_form(self) -> str | None:
        return self.args_for_message.get("new")


def parse_phone(value: str) -> Phone:
    """Parse a number written any common Vietnamese way; raise :class:`PhoneError` if undialable,
    saying why when the usual mistakes explain it."""
    try:
        return _parse_written(value)
    except PhoneError as exc:
        if exc.reason != "bad_phone":
            raise
        raise _diagnosis(value) from None


def _parse_written(value: str) -> Phone:
    written = value.strip()
    if not _WRITTEN_NUMBER.fullmatch(written):
        raise PhoneError()
    digits = _SEPARATORS.sub("", written)
    national = _national_digits(digits)
    if _is_old_mobile(national):
        raise PhoneError("old_mobile", new=_renumbered(national))
    if _is_short_public_number(national):
        return Phone(e164=national, national=national, display=national, domestic_only=True)
    old_landline = _old_landline(written)
    if old_landline:
        raise PhoneError("old_area_code", new=old_landline)
    number = _parse(digits)
    if number.country_code != 84 or not phonenumbers.is_valid_number(number):  # 84: Vietnam's
        raise PhoneError()
    display = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    # 1800/1900 service numbers only work from inside Vietnam: dial them as written.
    domestic = phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
    )
    national_digits = display.replace(" ", "")
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return Phone(
        e164=national_digits if domestic else e164,
        national=national_digits,
        display=display,
        domestic_only=domestic,
    )


def _parse(digits: str) -> phonenumbers.PhoneNumber:
    try:
        return phonenumbers.parse(digits, "VN")
    except phonenumbers.NumberParseException as exc:
        raise PhoneError() from exc


def _is_short_public_number(national: str) -> bool:
    """111–115 (registry.md), and any other short number libphonenumber knows as valid in
    Vietnam: its data lists only 113–115 today, so nothing more yet (1022 is refused)."""
    if national in EMERGENCY_NUMBERS:
        return True
    return len(national) <= 5 and phonenumbers.is_valid_short_number_for_region(
        _parse(national), "VN"
    )


def _national_digits(digits: str) -> str:
    """The number as dialled inside Vietnam: "+84913…" and "84913…" → "0913…"."""
    if digits.startswith("+84"):
        return "0" + digits[3:]
    if digits.startswith("84") and len(digits) >= 11:
        return "0" + digits[2:]
    return digits


def _is_old_mobile(national: str) -> bool:
    return len(national) == 11 and national[:4] in OLD_MOBILE_PREFIXES


def _renumbered(national: str) -> str:
    """The 10-digit form of an old 11-digit mobile, displayed as Vietnamese people read it."""
    new = OLD_MOBILE_PREFIXES[national[:4]] + national[4:]
    return f"{new[:4]} {new[4:7]} {new[7:]}"


def _old_landline(written: str, national: str | None = None) -> str | None:
    """The new number of a landline written with its pre-2017 area code, else None.

    The old code is read where the writer put it: the first group of digits, in parentheses or
    before the first space, dot or dash (``(066) 3842 115``, ``08 3825 1234``,
    ``+84 8 3825 1234``), followed by exactly the province's old subscriber length (8 digits
    in Hà Nội and Hồ Chí Minh City, 7 elsewhere). Several old codes are mobile prefixes today
    (``08``+8 digits is a valid 083x number, ``037`` is Viettel's): so for a number that is
    valid today (no ``national``) only a parenthesised code or a two-digit first group counts,
    as no one groups a mobile that way; for a number that is not valid today, given its
    ``national`` digits, the digits alone suffice (``0663842115``). ``written`` is stripped.
    """
    code, subscriber = _written_code(written)
    explicit = code is not None and (written.startswith(("(", "+84 (", "+84(")) or len(code) == 2)
    if code is None or (national is None and not explicit):
        if national is None:
            return None
        code = next((c for c in OLD_AREA_CODES if national.startswith(c)
                     and len(national) - len(c) == _subscriber_length(c)), None)
        if code is None:
            return None
        subscriber = national[len(code):]
    if code not in OLD_AREA_CODES or len(subscriber) != _subscriber_length(code):
        return None
    try:
        return _parse_written(OLD_AREA_CODES[code] + subscriber).display
    except PhoneError:
        return None


def _subscriber_length(code: str) -> int:
    return 8 if code in _EIGHT_DIGIT_SUBSCRIBERS else 7


def _written_code(written: str) -> tuple[str | None, str | None]:
    """The first group of digits as an area code (``0``-prefixed) and the digits after it;
    ``written`` is stripped."""
    text = _COUNTRY_CODE.sub("0", written)
    groups = [g for g in re.split(r"[ .\-()]+", text) if g]
    if len(groups) < 2:
        return None, None
    code = groups[0] if groups[0].startswith("0") else "0" + groups[0]
    return code, "".join(groups[1:])


def _diagnosis(value: str) -> PhoneError:
    """Why ``value`` (not dialable as written) is wrong, as the most specific PhoneError."""
    written = " ".join(value.split())
    folded = fold(written)
    extension = _EXTENSION_WORDS.fullmatch(folded) or _EXTENSION_GROUP.fullmatch(folded)
    if extension and len(folded) == len(written):
        number = _dialable(written[: len(extension["number"])])
        if number is not None:
            return PhoneError("phone_extension", number=number.display,
                              extension=extension["extension"])
    parts = _split_on(_TWO_NUMBERS, folded, written)
    if len(parts) >= 2:
        numbers = [_dialable(part) for part in parts]
        if all(numbers):
            return PhoneError("phone_two_numbers", first=numbers[0].display,
                              second=numbers[1].display)
    if not _WRITTEN_NUMBER.fullmatch(written):
        inside = _NUMBER_INSIDE.findall(written)
        number = _dialable(inside[0]) if len(inside) == 1 else None
        if number is not None:
            return PhoneError("phone_with_words", number=number.display)
        return PhoneError()
    national = _national_digits(_SEPARATORS.sub("", written))
    old_landline = _old_landline(written, national)
    if old_landline:
        return PhoneError("old_area_code", new=old_landline)
    return _digit_count(national)


def _split_on(separator: re.Pattern, folded: str, written: str) -> list[str]:
    """``written`` cut where ``separator`` matches its folded twin (same length: NFC text)."""
    if len(folded) != len(written):
        return [written]
    cuts = [0] + [i for m in separator.finditer(folded) for i in m.span()] + [len(written)]
    # Starts and ends alternate in cuts, so its two halves are always of one length.
    parts = (written[start:end].strip() for start, end in zip(cuts[::2], cuts[1::2]))  # noqa: B905
    return [part for part in parts if part]


def _digit_count(national: str) -> PhoneError:
    """Too few or too many digits for what the number starts with; else the plain refusal."""
    if national.startswith("02"):
        needed, prefix, example = 11, "02", _LANDLINE_EXAMPLE
    elif _MOBILE_START.match(national):
        needed, prefix, example = 10, national[:2], _MOBILE_EXAMPLE
    else:
        return PhoneError()
    count = len(national)
    if count < needed:
        reason = "phone_too_short"
    elif count > needed:
        reason = "phone_too_long"
    else:
        return PhoneError()
    return PhoneError(reason, count=count, needed=needed, prefix=prefix, example=example)


def _dialable(text: str) -> Phone | None:
    try:
        return _parse_written(text)
    except PhoneError:
        return None
