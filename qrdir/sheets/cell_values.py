"""One spreadsheet cell's text → the registry's form of that value, as a clerk would tidy it.

Phone numbers get back the leading 0 Excel dropped when it stored them as numbers; Zalo ticks
(x, có, ✓) become yes; Vietnamese kind labels become kind codes; opening hours written the
Vietnamese way ("Thứ 2 - Thứ 6: 7h00 - 11h30") become registry.md's ``mon-fri: 07:00-11:30``;
"20/11/2026" becomes 2026-11-20. Anything that cannot be tidied is returned as typed, so the
validator names what is wrong with it at its cell.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumberType

from qrdir.registry import vietnamese
from qrdir.registry.phones import PhoneError, parse_phone
from qrdir.registry.text import fold


def words(text: str) -> str:
    """Text folded for matching: lower case, no marks, đ→d, punctuation as single spaces."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


def lines(text: str) -> list[str]:
    """A list typed in one cell, one item per line (or separated by semicolons)."""
    return [part.strip() for part in re.split(r"[\n;]", text) if part.strip()]


# --- phones ------------------------------------------------------------------------------------

_SEVERAL_NUMBERS = re.compile(r"\s*(?:[/;,\n]|\s-\s|\shoặc\s|\sor\s)\s*")


def split_numbers(text: str) -> list[str]:
    """The numbers of a cell that holds several: "0913 456 789 / 0988 123 456" → two."""
    return [part for part in _SEVERAL_NUMBERS.split(text.strip()) if part]


def phone_text(text: str) -> str:
    """A number in national display form ("0913 456 789"), the leading 0 put back if lost.

    Excel stores 0913456789 typed in a General cell as the number 913456789; the 0 is restored
    only when that makes a valid Vietnamese number (import.md). Text that is no number is
    returned as typed.
    """
    text = text.strip()
    try:
        return parse_phone(text).display
    except PhoneError:
        pass
    digits = re.sub(r"[ .]", "", text)
    if digits.isdigit() and not digits.startswith("0"):
        try:
            return parse_phone("0" + digits).display
        except PhoneError as exc:
            if exc.new_form:
                return "0" + digits  # an old 11-digit mobile: the validator names its new form
    return text


def phone_numbers(text: str) -> list[str]:
    """The numbers of a phone cell in national display form: usually one, sometimes several.

    A number with its extension ("0276 3841 234 - 12") is one number, kept whole so the
    validator says to drop the extension, not split into a second "number" 12.
    """
    try:
        parse_phone(text)
    except PhoneError as exc:
        if exc.reason == "phone_extension":
            return [text.strip()]
    return [phone_text(part) for part in split_numbers(text)] or [phone_text(text)]


def zalo_numbers(numbers: list[str]) -> set[str]:
    """The numbers of one cell a Zalo tick belongs to: Zalo accounts are opened with a mobile
    number, so of several numbers the mobiles; a lone number (or no mobile) the first.
    """
    mobiles = {number for number in numbers if is_mobile(number)}
    return mobiles if len(numbers) > 1 and mobiles else {numbers[0]}


def is_mobile(text: str) -> bool | None:
    """Whether the number a cell holds is a mobile (0913 …) rather than a landline (0276 …),
    a 1800/1900 line or a short public number; None when it is no Vietnamese number.
    """
    try:
        phone = parse_phone(phone_text(text))
    except PhoneError:
        return None
    if phone.domestic_only:
        return False
    return phonenumbers.number_type(phonenumbers.parse(phone.e164)) == PhoneNumberType.MOBILE


# --- yes/no --------------------------------------------------------------------------------------

_YES = frozenset({"x", "co", "yes", "y", "v", "1", "true", "ok", "zalo", "✓", "✔", "☑", "√"})
_NO = frozenset({"khong", "no", "n", "0", "false", "-", "–"})


def yes_no(text: str) -> bool | None:
    """x, có, yes, ✓ → True; không, no, - → False; anything else → None."""
    word = words(text) or text.strip()
    if word in _YES:
        return True
    if word in _NO:
        return False
    return None


# --- kinds ---------------------------------------------------------------------------------------

# The start of a site's name → its kind, for sheets without a kind column.
_NAME_KINDS = (
    ("bo phan mot cua", "one_stop"), ("bo phan tiep nhan", "one_stop"), ("mot cua", "one_stop"),
    ("ubnd", "ward_office"), ("uy ban nhan dan", "ward_office"),
    ("dang uy", "party_office"), ("uy ban mat tran", "mass_org"), ("mat tran", "mass_org"),
    ("doan thanh nien", "mass_org"), ("hoi", "mass_org"), ("cong an", "police"),
    ("ban chi huy quan su", "military"), ("quan su", "military"),
    ("tram y te", "health_station"), ("khu pho", "quarter_office"), ("ap", "quarter_office"),
    ("truong", "school"), ("nha van hoa", "culture"), ("trung tam van hoa", "culture"),
    ("thu vien", "culture"), ("buu dien", "post_office"), ("buu cuc", "post_office"),
)


def kind_code(text: str) -> str | None:
    """The kind a cell names: "Trạm y tế" or "health_station" → health_station; else None
    (registry.md 1.1, read as the registry reads it)."""
    return vietnamese.kind_code(text)


def guess_kind(name: str) -> str | None:
    """The kind a site's name suggests ("Trạm Y tế phường …" → health_station), or None."""
    folded = words(name) + " "
    return next((kind for start, kind in _NAME_KINDS if folded.startswith(start + " ")), None)


# --- dates ---------------------------------------------------------------------------------------

def iso_date(text: str) -> str:
    """A date as registry.md writes it: "20/11/2026" (day first, always) → "2026-11-20"."""
    return vietnamese.iso_date(text) or text.strip()


# --- opening hours -------------------------------------------------------------------------------

_TIME = r"(\d{1,2})\s*(?:[:hg]\s*(\d{2})?)?"
_INTERVAL = re.compile(rf"{_TIME}\s*(?:-|den)\s*{_TIME}")
_PARTS_OF_DAY = re.compile(r"\b(?:sang|chieu|trua|toi|tu)\b")


def parse_hours(text: str) -> dict[str, str] | None:
    """Opening hours typed in a cell → ``{"mon-fri": "07:00-11:30, 13:30-17:00", …}``.

    One day or range of days per line, as the export writes them ("mon-fri: 07:00-11:30") or
    as clerks do ("Thứ 2 - Thứ 6: 7h00 - 11h30, 13h30 - 17h00", "CN: nghỉ"). None when the
    text does not read that way.
    """
    entries: dict[str, list[str]] = {}
    last = None
    for part in (fold(line) for line in re.split(r"[\n;]", text)):
        if not part.strip():
            continue
        days_text, colon, times_text = part.partition(":")
        days = _days_key(days_text) if colon else None
        if days is None:
            if last is None:
                return None
            days, times_text = last, part  # "T2-T6: 7h-11h; 13h-17h": more hours, same days
        intervals = _intervals(times_text)
        if intervals is None:
            return None
        entries.setdefault(days, []).extend(intervals)
        last = days
    return {days: ", ".join(times) for days, times in entries.items()} or None


def _days_key(text: str) -> str | None:
    """ "thu 2 - thu 6" → "mon-fri"; "cn" → "sun"; None when it is not a day or a range."""
    days = [vietnamese.DAY_WORDS.get(words(part)) for part in re.split(r"-|\bden\b", text)]
    if len(days) not in (1, 2) or None in days:
        return None
    return "-".join(days)


def _intervals(text: str) -> list[str] | None:
    text = " ".join(_PARTS_OF_DAY.sub(" ", text).split())
    if words(text) in vietnamese.CLOSED_WORDS:
        return ["closed"]
    intervals = []
    for part in re.split(r",|\bva\b", text):
        match = _INTERVAL.fullmatch(part.strip())
        if not match:
            return None
        start_h, start_m, end_h, end_m = match.groups()
        intervals.append(f"{int(start_h):02d}:{start_m or '00'}-{int(end_h):02d}:{end_m or '00'}")
    return intervals
