"""The Vietnamese forms of registry.md 1.1 ("Written the way Vietnamese staff write") → the
canonical values, for every reader of a registry (``sites.yaml`` and spreadsheets).

Dates day first (``28/11/2026``), kinds by their Vietnamese label or a short form (``Trạm y tế``,
``UBND``), days (``Thứ 2``, ``T2``, ``CN``, ``Hàng ngày``), times (``7h30``, ``7g``), ``Nghỉ``,
and hours as one notice-board line (``Thứ 2 - Thứ 6: 7h-11h30, 13h30-17h; Thứ 7: 7h-11h``).
Each function returns the canonical form, or None when the text is not written that way (the
validator then says what is wrong with it). Matching ignores case and Vietnamese marks.
"""

from __future__ import annotations

import difflib
import re

from qrdir.registry.model import DAYS, KIND_LABELS, KINDS
from qrdir.registry.text import fold


def words(text: str) -> str:
    """Text folded for matching: lower case, no marks, đ→d, punctuation as single spaces."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


# --- dates -------------------------------------------------------------------------------------

_DAY_FIRST_DATE = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")


def iso_date(text: str) -> str | None:
    """``28/11/2026``, ``28-11-2026``, ``28.11.2026`` (day first, always) → ``2026-11-28``."""
    match = _DAY_FIRST_DATE.fullmatch(text.strip())
    if match is None:
        return None
    return f"{match[4]}-{int(match[3]):02d}-{int(match[1]):02d}"


# --- kinds -------------------------------------------------------------------------------------

# registry.md "Kinds": the code, the Vietnamese and English labels, and common short forms.
KIND_WORDS: dict[str, str] = {words(kind): kind for kind in KINDS} | {
    words(label): kind for kind, labels in KIND_LABELS.items() for label in labels.values()
} | {
    "ubnd": "ward_office", "uy ban": "ward_office", "uy ban nhan dan phuong": "ward_office",
    "mot cua": "one_stop", "bo phan mot cua": "one_stop", "dang uy": "party_office",
    "doan the": "mass_org", "mat tran": "mass_org", "quan su": "military",
    "tram y te": "health_station", "y te": "health_station", "khu pho": "quarter_office",
    "ap": "quarter_office", "khu pho ap": "quarter_office", "truong": "school",
    "van hoa": "culture", "the thao": "culture", "buu dien": "post_office", "khac": "other",
}


def kind_code(text: str) -> str | None:
    """``Trạm y tế``, ``tram y te``, ``UBND`` or ``health_station`` → the kind code."""
    return KIND_WORDS.get(words(text))


# What a message offers: each kind by its Vietnamese label, the code beside it; semicolons,
# since some labels hold a comma ("Khu phố, ấp").
KIND_CHOICES = "; ".join(f"{KIND_LABELS[kind]['vi']} ({kind})" for kind in KINDS)


def kind_suggestion(text: str) -> str | None:
    """What a mistyped kind was probably meant to be: the code when it is close to one
    (``healthstation`` → ``health_station``), else the Vietnamese label of the kind whose
    words it is close to (``Trạm xá`` → ``Trạm y tế``); None when nothing is close."""
    close = difflib.get_close_matches(text.lower(), KINDS, n=1, cutoff=0.6)
    if close:
        return close[0]
    close = difflib.get_close_matches(words(text), KIND_WORDS, n=1, cutoff=0.7)
    return KIND_LABELS[KIND_WORDS[close[0]]]["vi"] if close else None


# --- days --------------------------------------------------------------------------------------

DAY_WORDS: dict[str, str] = {day: day for day in DAYS} | {
    word: day
    for day, names in zip(DAYS, (
        ("t2", "thu 2", "thu hai"), ("t3", "thu 3", "thu ba"), ("t4", "thu 4", "thu tu"),
        ("t5", "thu 5", "thu nam"), ("t6", "thu 6", "thu sau"), ("t7", "thu 7", "thu bay"),
        ("cn", "chu nhat")), strict=True)
    for word in names
}
_EVERY_DAY = frozenset({"hang ngay", "ca tuan", "moi ngay", "tat ca cac ngay"})
_DAY_RANGE = re.compile(r"\s*(?:-|–|\bden\b)\s*")


def days(text: str) -> tuple[str, ...] | None:
    """A day or a range in week order (wrapping: ``sat-mon``), in English codes or Vietnamese
    (``Thứ 2 - Thứ 6``, ``T2–T6``, ``Thứ Hai đến Thứ Sáu``, ``CN``, ``Hàng ngày``); None if not.
    A range from a day to itself is refused (``mon-mon`` is no range)."""
    folded = fold(text).strip()
    if words(folded) in _EVERY_DAY:
        return DAYS
    parts = _DAY_RANGE.split(folded)
    named = [DAY_WORDS.get(words(part)) for part in parts]
    if len(named) not in (1, 2) or None in named or (len(named) == 2 and named[0] == named[1]):
        return None
    if len(named) == 1:
        return (named[0],)
    start, end = DAYS.index(named[0]), DAYS.index(named[1])
    return tuple(DAYS[(start + i) % 7] for i in range((end - start) % 7 + 1))


# --- times -------------------------------------------------------------------------------------

CLOSED_WORDS = frozenset({"closed", "nghi", "dong cua", "khong lam viec", "nghi lam viec"})
_TIME = r"(\d{1,2})(?::(\d{2})|\s*[hg]\s*(\d{2})?)"
INTERVAL = re.compile(rf"{_TIME}\s*(?:-|–|\bden\b)\s*{_TIME}")
_PARTS_OF_DAY = re.compile(r"\b(?:sang|chieu|trua|toi|tu)\b")
_BETWEEN_INTERVALS = re.compile(r",|\bva\b")


def is_closed(text: str) -> bool:
    """``closed``, ``Nghỉ``, ``Đóng cửa`` (any case, with or without marks)."""
    return words(text) in CLOSED_WORDS


def intervals(text: str) -> list[tuple[str, tuple[int, int, int, int]]] | None:
    """A day's times → [(the interval as written, (start h, start m, end h, end m))], or None.

    ``07:00-11:30, 13:30-17:00``, ``7h-11h30, 13h30-17h``, ``Sáng 7g30 đến 11g30`` all read;
    whether the hours make sense is the validator's to say.
    """
    folded = " ".join(_PARTS_OF_DAY.sub(" ", fold(text)).split())
    found = []
    for part in _BETWEEN_INTERVALS.split(folded):
        match = INTERVAL.fullmatch(part.strip())
        if match is None:
            return None
        sh, sm, sm2, eh, em, em2 = match.groups()
        found.append((part.strip(), (int(sh), int(sm or sm2 or 0), int(eh), int(em or em2 or 0))))
    return found


# --- hours on one line -------------------------------------------------------------------------

_GROUPS = re.compile(r"[;\n]")


def hours_groups(text: str) -> list[tuple[str, str]] | None:
    """A notice-board line → [(days as written, times as written)], or None.

    ``Thứ 2 - Thứ 6: 7h-11h30, 13h30-17h; Thứ 7: 7h-11h`` → two groups. A group without days
    continues the days before it (``T2-T6: 7h-11h; 13h-17h``).
    """
    groups: list[tuple[str, str]] = []
    for part in (p.strip() for p in _GROUPS.split(text)):
        if not part:
            continue
        days_text, colon, times_text = part.partition(":")
        if colon and days(days_text) is not None:
            groups.append((days_text.strip(), times_text.strip()))
        elif groups:
            days_text, times_text = groups[-1]
            groups[-1] = (days_text, f"{times_text}, {part}")
        else:
            return None
    return groups or None


def missing_colons(text: str) -> list[tuple[str, str, str]]:
    """The groups of a notice-board line whose colon after the days is missing, as
    [(the group, its days, its times)]: ``Thứ 7 7h-11h`` → ("Thứ 7 7h-11h", "Thứ 7", "7h-11h").

    Such a group would otherwise read as more times of the days before it, and the message
    would blame the times.
    """
    found = []
    for part in (p.strip() for p in _GROUPS.split(text)):
        if days(part.partition(":")[0]) is not None:
            continue  # "days: times", as it should be
        tokens = part.split()
        for cut in range(1, len(tokens)):
            days_text, times_text = " ".join(tokens[:cut]), " ".join(tokens[cut:])
            if days(days_text) is not None and (
                    is_closed(times_text) or intervals(times_text) is not None):
                found.append((part, days_text, times_text))
                break
    return found
