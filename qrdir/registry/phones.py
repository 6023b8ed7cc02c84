"""Vietnamese phone numbers as people write them → a :class:`~qrdir.registry.model.Phone`
(registry.md).

Parsing and validation are Google's libphonenumber (the ``phonenumbers`` package); this module
only adds what is particular to a ward's registry: the short public numbers, the 2018
renumbering of 11-digit mobiles, and the refusal of anything that is not plainly a number.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumberFormat

from qrdir.registry.model import Phone

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


class PhoneError(ValueError):
    """A value that cannot be dialled in Vietnam; ``new_form`` is set for a renumbered mobile."""

    def __init__(self, value: str, new_form: str | None = None):
        super().__init__(value)
        self.value = value
        self.new_form = new_form


def parse_phone(value: str) -> Phone:
    """Parse a number written any common Vietnamese way; raise :class:`PhoneError` if undialable."""
    written = value.strip()
    if not _WRITTEN_NUMBER.fullmatch(written):
        raise PhoneError(value)
    digits = _SEPARATORS.sub("", written)
    national = _national_digits(digits)
    if _is_old_mobile(national):
        raise PhoneError(value, _renumbered(national))
    if _is_short_public_number(national):
        return Phone(e164=national, national=national, display=national, domestic_only=True)
    number = _parse(digits)
    if not phonenumbers.is_valid_number_for_region(number, "VN"):
        raise PhoneError(value)
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
        raise PhoneError(digits) from exc


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
